"""The one YAML reader for every file posture opens.

``yaml.safe_load`` semantics, plus what safe_load lacks for files written by other people:
duplicate keys are errors (PyYAML keeps the last one silently); aliases cannot expand
past a bound (billion laughs); size and nesting depth are capped (libyaml's composer
recurses in C and crashes the interpreter on deep nesting, so depth is checked on the
event stream first); the bytes must be UTF-8; the top level must be a mapping. Every
node keeps its line and column so a later schema error can point at it.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import os
import re
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import yaml

from posture import l10n
from posture.errors import ContentError, Problem, os_reason
from posture.i18n import _, _p, fmt

MAX_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 200_000  # values built, alias expansions included

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# byte order marks of the other Unicode encodings YAML allows, UTF-32 first (its little-endian mark begins with
# UTF-16's)
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_MAPPING_TAG = "tag:yaml.org,2002:map"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_STR_TAG = "tag:yaml.org,2002:str"
# Timestamps stay the strings the author wrote: schemas validate dates as strings.
_KEEP_AS_STRING = {"tag:yaml.org,2002:timestamp"}

Path_ = tuple  # (key or index, ...)

MSG = {
    "too_big": _("the file is {size}; the maximum is {limit}"),
    "not_utf8": _("is not UTF-8 (byte 0x{byte:02x})"),
    "bad_unicode": _("starts with the byte order mark of {encoding} but is not valid {encoding} (byte {offset}): "
                     "save it as UTF-8"),
    "nul": _("holds a NUL character (U+0000), which no text file has: a binary file, or text saved as UTF-16 "
             "without its byte order mark? Save it as UTF-8"),
    "empty": _("the file is empty"),
    "not_mapping": _("the top level must be a mapping (key: value), not {kind}"),
    "syntax": _("invalid YAML: {problem} (PyYAML's message: “{original}”)"),
    "duplicate": _("duplicate key '{key}' (first defined on line {first})"),
    "too_deep": _("nesting deeper than {limit} levels"),
    "too_many": _("aliases expand to more than {limit} values (alias bomb?)"),
    "too_many_values": _("the file holds more than {limit} values, the most posture reads from one file"),
    "bad_key": _("keys must be text or numbers, not {kind}"),
    "multi_doc": _("the file holds more than one YAML document"),
    "unreadable": _("cannot be read: {reason}"),
    "syntax_untranslated": _("invalid YAML (PyYAML's message: “{problem}”)"),
    "syntax_own": _p("translated problem", "invalid YAML: {problem}"),
    "bad_scalar": _("invalid YAML: the value {value} cannot be read (Python's message: “{original}”)"),
    "merge_needs_mapping": _("merge key '<<' needs a mapping"),
}

# PyYAML's / libyaml's problem texts (scanner.py, parser.py, composer.py) → posture's words, in every language;
# PyYAML's own text follows as the detail. An unlisted one is quoted as PyYAML wrote it after posture's words.
_PYYAML = {  # needle looked for in PyYAML's problem → posture's words
    "mapping values are not allowed": _("a 'key: value' cannot go here (a missing quote or indentation?)"),
    "could not find expected ':'": _("a ':' is missing after a key"),
    "did not find expected key": _("a key was expected here (check the indentation)"),
    "did not find expected '-' indicator": _("a list item '- ' was expected"),
    "did not find expected node content": _("a value was expected"),
    "block sequence entries are not allowed": _("a list '- ' cannot start here (check the indentation)"),
    "that cannot start any token": _("a character that cannot start a YAML value (a tab, '@' or '`'?)"),
    "found a tab character": _("a tab breaks the indentation (use spaces)"),
    "found undefined alias": _("an alias '*' with no anchor '&' defined"),
    "found duplicate anchor": _("the anchor '&' is defined twice"),
    "found unexpected end of stream": _("the file ends in the middle of a value (an unclosed quote?)"),
    "found unknown escape character": _("an unknown escape sequence inside double quotes"),
    "found unexpected ':'": _("an unexpected ':'"),
    "expected <block end>": _("the indentation does not match the lines above"),
    "expected ',' or ']'": _("a ',' or ']' is missing in a bracketed list"),
    "expected ',' or '}'": _("a ',' or '}' is missing in a braced mapping"),
    "unacceptable character": _("a character YAML does not allow"),
}


def yaml_problem(problem: str) -> dict[str, str]:
    """A PyYAML problem text as a message in every language: posture's words, then PyYAML's own as the detail
    ("invalid YAML: a value was expected (PyYAML's message: “…”)"); an unknown problem only quoted."""
    for needle, words in _PYYAML.items():
        if needle in problem:
            return fmt(MSG["syntax"], problem=words, original=problem)
    return fmt(MSG["syntax_untranslated"], problem=problem)


_KEY_LINE = re.compile(r"^(\s*)(?:-\s+)?(['\"]?)([^\s#'\"][^:#]*?)\2\s*:(?:\s|$)")


def field_at(text: str, line: int) -> str:
    """The dotted path of the key whose value holds 1-based ``line`` of YAML ``text`` (``answers.GOV-01.note``),
    read from the indentation of the key lines above it; "" when none. For a syntax error, where the document
    cannot be parsed: the field a person looks for."""
    stack: list[tuple[int, str]] = []
    for raw in text.splitlines()[:line]:
        m = _KEY_LINE.match(raw)
        if m is None:
            continue
        indent = len(m.group(1))
        while stack and stack[-1][0] >= indent:
            stack.pop()
        stack.append((indent, m.group(3).strip()))
    return ".".join(key for _, key in stack)


@dataclass
class YamlDoc:
    """Plain Python data plus where each value came from."""

    data: dict
    file: str
    positions: dict[Path_, tuple[int, int]]
    raw_scalars: dict[Path_, str]
    sha256: str = ""

    def where(self, path: Path_) -> tuple[int | None, int | None]:
        """Line and column (1-based) of the value at ``path``, or of its nearest located ancestor."""
        path = tuple(path)
        while True:
            if path in self.positions:
                return self.positions[path]
            if not path:
                return (None, None)
            path = path[:-1]


def display_name(path: str | os.PathLike) -> str:
    """Paths print relative to the working directory when they are under it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(p)


def _fail(name: str, message, line=None, col=None, code="yaml", path: Path_ = ()) -> ContentError:
    return ContentError.single(Problem(file=name, message=message, line=line, col=col, path=format_path(path),
                                       code=code))


def too_big(name: str, size: int, limit: int) -> ContentError:
    """The error for a file of ``size`` bytes over its cap of ``limit`` bytes, both written as people read sizes
    (``l10n.size``: «the file is 8.6 MB; the maximum is 8 MB», exact bytes when both would read alike)."""
    return _fail(name, fmt(MSG["too_big"], size=partial(l10n.size, size, beside=limit),
                           limit=partial(l10n.size, limit, beside=size)), code="too_big")


def load_yaml(path: str | os.PathLike, *, max_bytes: int = MAX_BYTES) -> YamlDoc:
    name = display_name(path)
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                raise too_big(name, size, max_bytes)
            raw = fh.read(max_bytes + 1)
    except OSError as exc:
        raise _fail(name, fmt(MSG["unreadable"], reason=os_reason(exc)), code="unreadable") from None
    return loads_yaml(raw, name, max_bytes=max_bytes)


def loads_yaml(raw: bytes | str, name: str = "<string>", *, max_bytes: int = MAX_BYTES) -> YamlDoc:
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    if len(raw) > max_bytes:
        raise too_big(name, len(raw), max_bytes)
    # UTF-16 and UTF-32 are read when the file says so with its byte order mark (YAML 1.2 §5.2; what Windows'
    # Notepad writes as "Unicode"); everything else must be UTF-8
    source = raw
    encoding = next((codec for bom, codec in _BOMS if raw.startswith(bom)), None)
    if encoding is not None:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as exc:
            raise _fail(name, fmt(MSG["bad_unicode"], encoding=encoding.upper(), offset=exc.start), None, None,
                        "encoding") from None
        raw, source = text.encode("utf-8"), raw  # located below as the UTF-8 text it is; hashed as the file is
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _fail(name, fmt(MSG["not_utf8"], byte=raw[exc.start]), line, col, "encoding") from None
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise _fail(name, MSG["nul"], line, None, "encoding")
    try:
        has_aliases = _check_depth(text, name)
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
        if node is None:
            raise _fail(name, MSG["empty"], code="empty")
        _check_top_level(node, name)
        if has_aliases:  # without aliases the graph is a tree: the builder's count (MAX_NODES) is its size
            _check_expansion(node, name)
        builder = _Builder(name, aliases=has_aliases)
        data = builder.build(node, ())
    except yaml.MarkedYAMLError as exc:
        raise _yaml_error(name, exc, text) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (control characters)
        line = text[: exc.position].count("\n") + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise ContentError.single(Problem(file=name, message=yaml_problem(exc.reason), line=line, col=col,
                                          path=field_at(text, line), code="syntax")) from None
    except yaml.YAMLError as exc:
        raise _fail(name, yaml_problem(str(exc).splitlines()[0]), code="syntax") from None
    return YamlDoc(data=data, file=name, positions=builder.positions, raw_scalars=builder.raw,
                   sha256=hashlib.sha256(source).hexdigest())


def _check_top_level(node: yaml.Node, name: str) -> None:
    if node.tag == _MAPPING_TAG and isinstance(node, yaml.MappingNode):
        return
    kind = {yaml.SequenceNode: _("a list"), yaml.ScalarNode: _("a scalar")}.get(type(node), node.tag)
    message = fmt(MSG["not_mapping"], kind=kind)
    raise _fail(name, message, node.start_mark.line + 1, node.start_mark.column + 1, "not_mapping")


def _yaml_error(name: str, exc: yaml.MarkedYAMLError, text: str = "") -> ContentError:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "syntax error"
    if "expected a single document" in str(exc):
        return _fail(name, MSG["multi_doc"], mark.line + 1 if mark else None,
                     mark.column + 1 if mark else None, "syntax")
    line = mark.line + 1 if mark else None
    col = mark.column + 1 if mark else None
    # the field: where the broken value starts (PyYAML's context mark: «while scanning a quoted scalar»), else
    # where the problem was seen
    start = exc.context_mark or mark
    where = field_at(text, start.line + 1) if start is not None and text else ""
    return ContentError.single(Problem(file=name, message=yaml_problem(problem), line=line, col=col, path=where,
                                       code="syntax"))


def _check_depth(text: str, name: str) -> bool:
    """Refuse nesting deeper than MAX_DEPTH before composing (libyaml's composer recurses in C); say whether
    the text has aliases (``*name``: only then can the composed graph expand beyond its node count).

    Walks the event stream, which libyaml produces iteratively. Newer libyaml builds (PyYAML
    6.0.4's wheels) stop deep documents themselves with their own English message and column;
    whenever the fast walk fails, the pure-Python parser (no nesting limit of its own) walks the
    text again, so the user gets posture's located ``too_deep`` problem whichever libyaml is
    installed, and any other syntax error is reported as before.

    Raises:
        ContentError: code ``too_deep`` (line and column of the first collection past the cap),
            or ``syntax``.
    """
    try:
        return _walk_depth(_Loader, text, name)
    except yaml.YAMLError as exc:
        if _Loader is not yaml.SafeLoader:
            with contextlib.suppress(yaml.YAMLError):  # not a nesting problem: report the first error
                _walk_depth(yaml.SafeLoader, text, name)
        if isinstance(exc, yaml.MarkedYAMLError):
            raise _yaml_error(name, exc, text) from None
        raise


_DEPTH_STEP = {yaml.MappingStartEvent: 1, yaml.SequenceStartEvent: 1, yaml.MappingEndEvent: -1,
               yaml.SequenceEndEvent: -1}


def _walk_depth(loader_class, text: str, name: str) -> bool:
    """The event walk of :func:`_check_depth`; returns whether an alias was seen. Events are looked up by
    their exact class (PyYAML's and libyaml's loaders make these classes, never subclasses of them)."""
    depth = 0
    aliases = False
    step = _DEPTH_STEP.get
    alias_event, stream_end = yaml.AliasEvent, yaml.StreamEndEvent
    loader = loader_class(text)
    get_event = loader.get_event
    try:
        while True:
            event = get_event()
            kind = type(event)
            delta = step(kind)
            if delta is not None:
                depth += delta
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    raise _fail(name, fmt(MSG["too_deep"], limit=MAX_DEPTH), mark.line + 1,
                                mark.column + 1, "too_deep")
            elif kind is alias_event:
                aliases = True
            elif event is None or kind is stream_end:
                return aliases
    finally:
        loader.dispose()


def _check_expansion(root: yaml.Node, name: str) -> None:
    """Refuse alias bombs before building anything: the expanded size of the node graph,
    memoized per node, costs one visit per distinct node however the aliases multiply."""
    sizes: dict[int, int] = {}

    def size(node: yaml.Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        sizes[key] = 1  # a cycle (recursive alias) counts once here and is refused by depth later
        if isinstance(node, yaml.SequenceNode):
            total = 1 + sum(size(child) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            total = 1 + sum(size(k) + size(v) for k, v in node.value)
        else:
            total = 1
        if total > MAX_NODES:
            raise _fail(name, fmt(MSG["too_many"], limit=MAX_NODES), node.start_mark.line + 1,
                        node.start_mark.column + 1, "alias_bomb")
        sizes[key] = total
        return total

    size(root)


class _Builder:
    """Turns a node graph into plain data, counting every value so aliases cannot explode. ``aliases``: whether
    the text has any (the cap's problem then speaks of an alias bomb; without aliases, of a file too big). Every
    problem it raises names the field (``a.b[2]``) besides line and column."""

    def __init__(self, name: str, *, aliases: bool = True):
        self.name = name
        self.aliases = aliases
        self.count = 0
        self.positions: dict[Path_, tuple[int, int]] = {}
        self.raw: dict[Path_, str] = {}
        self._scalars = yaml.SafeLoader("")  # only its scalar constructors are used

    def _tick(self, node: yaml.Node, path: Path_) -> None:
        self.count += 1
        if self.count > MAX_NODES:
            if self.aliases:
                message, code = fmt(MSG["too_many"], limit=MAX_NODES), "alias_bomb"
            else:
                message, code = fmt(MSG["too_many_values"], limit=MAX_NODES), "too_many_values"
            raise _fail(self.name, message, node.start_mark.line + 1, node.start_mark.column + 1, code, path)

    def build(self, node: yaml.Node, path: Path_, depth: int = 0):
        self._tick(node, path)
        if depth > MAX_DEPTH:  # aliases can nest deeper than the text shows
            raise _fail(self.name, fmt(MSG["too_deep"], limit=MAX_DEPTH), node.start_mark.line + 1,
                        node.start_mark.column + 1, "too_deep", path)
        if path not in self.positions:
            self.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            if node.tag in _KEEP_AS_STRING:
                return node.value
            self.raw[path] = node.value
            return self._construct(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, (*path, i), depth + 1) for i, child in enumerate(node.value)]
        return self._mapping(node, path, depth)

    def _construct(self, node: yaml.Node, path: Path_):
        """A scalar's value; one PyYAML cannot build (it raises ValueError, not a YAMLError) is a
        located syntax problem, never a crash. A string is its text as written (what SafeConstructor's
        ``construct_yaml_str`` returns), without the constructor's generic dispatch: most scalars are."""
        if node.tag == _STR_TAG:
            return node.value
        try:
            return self._scalars.construct_object(node, deep=True)
        except (ValueError, OverflowError) as exc:
            raise _fail(self.name, fmt(MSG["bad_scalar"], value=repr(node.value), original=str(exc)),
                        node.start_mark.line + 1, node.start_mark.column + 1, "syntax", path) from None

    def _mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict:
        result: dict = {}
        first_line: dict = {}
        merged: list[dict] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                merged.extend(self._merge_sources(value_node, path, depth))
                continue
            if not isinstance(key_node, yaml.ScalarNode):  # a list or a mapping written as a key
                kind = _("a list") if isinstance(key_node, yaml.SequenceNode) else _("a mapping")
                raise _fail(self.name, fmt(MSG["bad_key"], kind=kind),
                            key_node.start_mark.line + 1, key_node.start_mark.column + 1, "bad_key", path)
            key = key_node.value if key_node.tag in _KEEP_AS_STRING else self._construct(key_node, path)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                key = str(key)
            line = key_node.start_mark.line + 1
            if key in first_line:
                raise _fail(self.name, fmt(MSG["duplicate"], key=key, first=first_line[key]), line,
                            key_node.start_mark.column + 1, "duplicate_key", (*path, key))
            first_line[key] = line
            child = (*path, key)
            self.positions[child] = (value_node.start_mark.line + 1, value_node.start_mark.column + 1)
            result[key] = self.build(value_node, child, depth + 1)
        for source in merged:  # YAML merge keys: explicit keys win
            for key, value in source.items():
                result.setdefault(key, value)
        return result

    def _merge_sources(self, node: yaml.Node, path: Path_, depth: int) -> list[dict]:
        sources = node.value if isinstance(node, yaml.SequenceNode) else [node]
        built = []
        for src in sources:
            value = self.build(src, path, depth + 1)
            if not isinstance(value, dict):
                raise _fail(self.name, fmt(MSG["syntax_own"], problem=MSG["merge_needs_mapping"]),
                            src.start_mark.line + 1, src.start_mark.column + 1, "syntax", path)
            built.append(value)
        return built


def format_path(path: Path_) -> str:
    """``('sections', 2, 'questions', 4, 'maps_to', 'iso27001-2022', 0)`` → ``sections[2].questions[4]...``"""
    out = ""
    for part in path:
        if isinstance(part, int) and not isinstance(part, bool):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out
