"""One-off migration (issue #18): bilingual literals in posture's code → gettext markers + the Spanish catalog.

Rewrites, in posture/**/*.py:
  both("es text", "en text")            → _("en text")
  {"es": "es text", "en": "en text"}    → _("en text")
and records the Spanish in posture/locale/es/LC_MESSAGES/posture.po (compiled to posture.mo).
tools/i18n_decisions.toml says, per English text, whether identical English with different Spanish is one
concept (unify) or two meanings (a gettext context, _p), and which faked plurals ("acción(es)") become
real ones (_n). It also rewrites the report templates' t("key") lookups into _("English"), renames the
old i18n.Text alias to Localized and ``for lang in ("es", "en")`` into ``for lang in LANGS``.

Re-runnable and idempotent: run it after other branches added both() strings; a second run changes
nothing. Only literals are converted; both()/{"es","en"} built from data (content text, file names,
exception text) stay and are listed with --report.

    python tools/i18n_convert.py            # convert, update and compile the catalog, report leftovers
    python tools/i18n_convert.py --dry-run  # only list what would change
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import subprocess
import sys
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import i18n_catalog as cat

ROOT = cat.ROOT
PKG = ROOT / "posture"
TEMPLATES = PKG / "report" / "templates"
STRINGS_PY = PKG / "report" / "_strings.py"
DECISIONS = ROOT / "tools" / "i18n_decisions.toml"
SKIP = {PKG / "i18n.py"}
GENERATED = PKG / "content" / "_fast"  # fastjsonschema's generated validators: no person-facing text
WIDTH = 120
DATA_PRAGMA = "# i18n: data"


@dataclass
class Site:
    path: Path
    line: int
    es: str | tuple[str, str]
    en: str | tuple[str, str]
    context: str | None


@dataclass
class Run:
    decisions: dict
    sites: list[Site] = field(default_factory=list)
    leftovers: list[str] = field(default_factory=list)
    shadowed: list[str] = field(default_factory=list)
    changed: list[Path] = field(default_factory=list)


def _literal(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _pair(node: ast.AST) -> tuple[str, str] | bool | None:
    """(es, en) of a bilingual literal; False when the node is bilingual but not made of literals; None otherwise."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "both":
        if len(node.args) == 2 and not node.keywords:
            es, en = _literal(node.args[0]), _literal(node.args[1])
            return (es, en) if es is not None and en is not None else False
        return False
    if isinstance(node, ast.Dict) and len(node.keys) == 2 and all(k is not None for k in node.keys):
        keys = [_literal(k) for k in node.keys]
        if sorted(k or "" for k in keys) == ["en", "es"]:
            values = dict(zip(keys, node.values, strict=True))
            es, en = _literal(values["es"]), _literal(values["en"])
            return (es, en) if es is not None and en is not None else False
    return None


def _py(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _chunks(text: str, width: int) -> list[str]:
    words = re.findall(r"\S+\s*|\s+", text) or [""]
    out, cur = [], ""
    for w in words:
        if cur and len(_py(cur + w)) > width:
            out.append(cur)
            cur = ""
        cur += w
    out.append(cur)
    return out


def call_text(func: str, args: list[str], col: int, tail: str = "", after: int = 2) -> str:
    """``func("arg", ...)`` starting at column ``col`` with ``after`` characters after it on its line, wrapped as
    implicit concatenations to stay within WIDTH."""
    one = f"{func}({', '.join(_py(a) for a in args)}{tail})"
    if col + len(one) + max(after, 2) <= WIDTH:
        return one
    indent = col + len(func) + 1
    width = max(40, WIDTH - indent - 3)
    pieces = []
    for a in args:
        pieces.append(f"\n{' ' * indent}".join(_py(c) for c in _chunks(a, width)))
    if tail:  # ', count="total"' on a line of its own
        pieces.append(tail.removeprefix(", "))
    return f"{func}(" + f",\n{' ' * indent}".join(pieces) + ")"


class Source:
    """Text of one module with ast positions turned into character offsets (ast columns are UTF-8 bytes)."""

    def __init__(self, text: str):
        self.text = text
        self.lines = text.splitlines(keepends=True)
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line))

    def col(self, lineno: int, byte_col: int) -> int:
        return len(self.lines[lineno - 1].encode("utf-8")[:byte_col].decode("utf-8"))

    def after(self, node: ast.AST) -> int:
        """How many characters follow ``node`` on its last line (a comma, a closing bracket, a comment)."""
        line = self.lines[node.end_lineno - 1].rstrip("\n")
        return len(line) - self.col(node.end_lineno, node.end_col_offset)

    def offset(self, lineno: int, byte_col: int) -> int:
        return self.starts[lineno - 1] + self.col(lineno, byte_col)


def convert_module(path: Path, run: Run) -> str | None:
    text = path.read_text(encoding="utf-8")
    tree = ast.parse(text)
    src = Source(text)
    rel = path.relative_to(ROOT)
    edits: list[tuple[int, int, str]] = []
    used: set[str] = set()
    plural = run.decisions.get("plural", {})
    contexts = run.decisions.get("context", {})
    unify = run.decisions.get("unify", {})
    done = _merge_one_twins(tree, src, rel, run, edits, used)
    for node in ast.walk(tree):
        if id(node) in done:
            continue
        # table[plural_key(table, "key", n, lang)] picked a ".one" twin; with the twin merged it is table["key"]
        if isinstance(node, ast.Call) and len(node.args) >= 2 and _literal(node.args[1]) is not None and (
                (isinstance(node.func, ast.Name) and node.func.id == "plural_key") or
                (isinstance(node.func, ast.Attribute) and node.func.attr == "plural_key")) and \
                f'"{_literal(node.args[1])}.one"' not in _without_merged(text, done, tree):
            edits.append((src.offset(node.lineno, node.col_offset), src.offset(node.end_lineno, node.end_col_offset),
                          _py(_literal(node.args[1]))))
            continue
        # a message already marked with _() that tools/i18n_decisions.toml turns into a real plural
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_" and \
                len(node.args) == 1 and _literal(node.args[0]) in plural:
            p = plural[_literal(node.args[0])]
            count = p.get("count", "n")
            tail = f", count={_py(count)}" if count != "n" else ""
            new = call_text("_n", list(p["en"]), src.col(node.lineno, node.col_offset), tail, src.after(node))
            run.sites.append(Site(path, node.lineno, tuple(p["es"]), tuple(p["en"]), None))
            used.add("_n")
            edits.append((src.offset(node.lineno, node.col_offset),
                          src.offset(node.end_lineno, node.end_col_offset), new))
            continue
        pair = _pair(node)
        if pair is None or DATA_PRAGMA in src.lines[node.lineno - 1]:  # "# i18n: data": keyed by language, not text
            continue
        if pair is False:
            run.leftovers.append(f"{rel}:{node.lineno}: {ast.get_source_segment(text, node)[:90]!s}")
            continue
        es, en = pair
        if not en and not es:  # an empty text is not a message (gettext("") is the catalog header)
            continue
        col = src.col(node.lineno, node.col_offset)
        if en in plural:
            p = plural[en]
            count = p.get("count", "n")
            tail = f", count={_py(count)}" if count != "n" else ""
            new = call_text("_n", list(p["en"]), col, tail, src.after(node))
            run.sites.append(Site(path, node.lineno, tuple(p["es"]), tuple(p["en"]), None))
            used.add("_n")
        elif en in contexts and es in contexts[en]:
            ctx = contexts[en][es]
            new = call_text("_p", [ctx, en], col, after=src.after(node))
            run.sites.append(Site(path, node.lineno, es, en, ctx))
            used.add("_p")
        else:
            new = call_text("_", [en], col, after=src.after(node))
            run.sites.append(Site(path, node.lineno, unify.get(en, es), en, None))
            used.add("_")
        edits.append((src.offset(node.lineno, node.col_offset), src.offset(node.end_lineno, node.end_col_offset), new))
    # for lang in ("es", "en")  →  for lang in LANGS
    for node in ast.walk(tree):
        if isinstance(node, ast.comprehension | ast.For) and isinstance(node.iter, ast.Tuple) and \
                [_literal(e) for e in node.iter.elts] in (["es", "en"], ["en", "es"]):
            edits.append((src.offset(node.iter.lineno, node.iter.col_offset),
                          src.offset(node.iter.end_lineno, node.iter.end_col_offset), "LANGS"))
            used.add("LANGS")
    # the old alias i18n.Text → Localized
    imports_text = any(isinstance(n, ast.ImportFrom) and n.module == "posture.i18n" and
                       any(a.name == "Text" for a in n.names) for n in tree.body) or "Text" in _unbound(tree)
    if imports_text:
        for node in ast.walk(tree):
            if (isinstance(node, ast.Name) and node.id == "Text") or \
                    (isinstance(node, ast.alias) and node.name == "Text"):
                edits.append((src.offset(node.lineno, node.col_offset),
                              src.offset(node.end_lineno, node.end_col_offset), "Localized"))
    missing = _unbound_i18n_names(tree)  # a merge that kept the other side's import line
    if not edits and not missing:
        return None
    out = text
    for start, end, new in sorted(edits, reverse=True):
        out = out[:start] + new + out[end:]
    return _ensure_import(out, used | missing)


_I18N_NAMES = {"_", "_p", "_n", "_np", "fmt", "tr", "both", "LANGS", "Localized", "Msg", "Plural", "gettext",
               "ngettext", "SOURCE_LANG", "CONTENT_LANGS", "DEFAULT_LANG", "detect_lang", "language_name"}


def _unbound_i18n_names(tree: ast.Module) -> set[str]:
    """posture.i18n's names the module reads but never binds (no import, assignment, def or parameter)."""
    return _unbound(tree) & _I18N_NAMES


def _unbound(tree: ast.Module) -> set[str]:
    """The names a module reads but never binds (no import, assignment, def or parameter)."""
    read, bound = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (read if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, ast.alias):
            bound.add(node.asname or node.name.split(".")[0])
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
    return read - bound


_COUNT_NAMES = ("n", "count", "total")


def _count_name(singular: str, plural: str) -> str | None:
    """The parameter holding the number of a plural message: n, count or total."""
    fields = cat.placeholders(plural)
    for name in _COUNT_NAMES:
        if name in fields:
            return name
    return None  # the number is not in the text ("{options} do not apply"): convert by hand, count=...


def _merge_one_twins(tree: ast.Module, src: Source, rel: Path, run: Run, edits: list, used: set[str]) -> set[int]:
    """A table's singular twin ("problems" and "problems.one", posture.l10n.plural_key's convention) becomes one
    ngettext entry: "problems": _n(one, many); the ".one" entry is removed. Returns the ids of the nodes done."""
    done: set[int] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Dict):
            continue
        entries = {_literal(k): (k, v) for k, v in zip(node.keys, node.values, strict=True) if k is not None}
        for key, (_k, many) in entries.items():
            if key is None or f"{key}.one" not in entries:
                continue
            one_key, one = entries[f"{key}.one"]
            p_many, p_one = _pair(many), _pair(one)
            if not (isinstance(p_many, tuple) and isinstance(p_one, tuple)):
                continue
            count = _count_name(p_one[1], p_many[1])
            if count is None:
                run.leftovers.append(f"{rel}:{one_key.lineno}: {key}.one: no count parameter to pick the form by")
                continue
            tail = f", count={_py(count)}" if count != "n" else ""
            new = call_text("_n", [p_one[1], p_many[1]], src.col(many.lineno, many.col_offset), tail, src.after(many))
            edits.append((src.offset(many.lineno, many.col_offset), src.offset(many.end_lineno, many.end_col_offset),
                          new))
            edits.append(_entry_span(src, one_key, one))
            run.sites.append(Site(rel and ROOT / rel, many.lineno, (p_one[0], p_many[0]), (p_one[1], p_many[1]), None))
            used.add("_n")
            done |= {id(many), id(one)}
    return done


def _without_merged(text: str, done: set[int], tree: ast.Module) -> str:
    """The module's text without the ".one" keys whose twins this run merges (what will be left of them)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            for k, v in zip(node.keys, node.values, strict=True):
                key = _literal(k)
                if key and key.endswith(".one") and id(v) in done:
                    text = text.replace(f'"{key}"', "")
    return text


def _entry_span(src: Source, key: ast.AST, value: ast.AST) -> tuple[int, int, str]:
    """Deletion of one ``key: value`` entry of a dict literal: whole lines when it has them to itself."""
    start, end = src.offset(key.lineno, key.col_offset), src.offset(value.end_lineno, value.end_col_offset)
    text = src.text
    line_start = text.rfind("\n", 0, start) + 1
    after = end
    while after < len(text) and text[after] in " ,":
        after += 1
    if not text[line_start:start].strip() and (after >= len(text) or text[after] in "\n#"):
        line_end = text.find("\n", after)
        return line_start, (len(text) if line_end < 0 else line_end + 1), ""
    return start, after, ""


def _ensure_import(text: str, names: set[str]) -> str:
    """Import the markers used, and drop ``both`` when no code of the module uses it any more."""
    tree = ast.parse(text)
    have: set[str] = set()
    node_i18n = None
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == "posture.i18n":
            have |= {a.asname or a.name for a in node.names}
            node_i18n = node_i18n or node
    uses_both = any(isinstance(n, ast.Name) and n.id == "both" for n in ast.walk(tree)) or \
        re.search(r"__all__[^\n]*\bboth\b", text)
    drop = {"both"} if "both" in have and not uses_both else set()
    missing = sorted(names - have)
    if not missing and not drop:
        return text
    lines = text.splitlines(keepends=True)
    if node_i18n is not None:
        # append the missing names; ruff (isort) orders them afterwards
        start, end = node_i18n.lineno - 1, node_i18n.end_lineno
        stmt = "".join(lines[start:end])
        current = [a.name + (f" as {a.asname}" if a.asname else "") for a in node_i18n.names if a.name not in drop]
        new = f"from posture.i18n import {', '.join(current + missing)}\n"
        if stmt.strip() != new.strip():
            lines[start:end] = [new]
        return "".join(lines)
    last = 0
    for node in tree.body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            last = node.end_lineno
        elif last:
            break
    if not last:  # docstring only: after it
        last = tree.body[0].end_lineno if tree.body and isinstance(tree.body[0], ast.Expr) else 0
    lines.insert(last, f"from posture.i18n import {', '.join(missing)}\n")
    return "".join(lines)


def check_shadowing(path: Path, run: Run) -> None:
    """A function that both binds ``_`` (``for _ in``, ``a, _ = ...``) and calls the marker ``_()`` is a bug."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for fn in ast.walk(tree):
        if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        binds = calls = False
        for node in ast.walk(fn):
            if isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store):
                binds = True
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_":
                calls = True
        if binds and calls:
            run.shadowed.append(f"{path.relative_to(ROOT)}:{fn.lineno}: {fn.name} binds _ and calls _()")


def _strings_english(decisions: dict) -> dict[str, tuple[str, str | None, bool]]:
    """report/_strings.py: STRINGS key → (English message id, context, plural?) from both(), {"es","en"}, _(),
    _p() or _n(), with the decisions of tools/i18n_decisions.toml applied to what is not converted yet."""
    tree = ast.parse(STRINGS_PY.read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.AnnAssign | ast.Assign):
            targets = [node.target] if isinstance(node, ast.AnnAssign) else node.targets
            if any(isinstance(t, ast.Name) and t.id == "STRINGS" for t in targets) and isinstance(node.value, ast.Dict):
                for k, v in zip(node.value.keys, node.value.values, strict=True):
                    key = _literal(k)
                    pair = _pair(v)
                    if key is None:
                        continue
                    if isinstance(pair, tuple):
                        es, en = pair
                        ctx = decisions.get("context", {}).get(en, {}).get(es)
                        out[key] = (en, ctx, en in decisions.get("plural", {}))
                    elif isinstance(v, ast.Call) and isinstance(v.func, ast.Name) and v.func.id in ("_", "_p", "_n"):
                        args = [_literal(a) for a in v.args]
                        if v.func.id == "_":
                            out[key] = (args[0], None, False)
                        elif v.func.id == "_p":
                            out[key] = (args[1], args[0], False)
                        else:
                            out[key] = (args[0], None, True)
    return out


_T_CALL = re.compile(r"\bt\(\s*\"([A-Za-z0-9_-]+)\"")


def convert_template(path: Path, english: dict[str, tuple[str, str | None, bool]], run: Run) -> str | None:
    text = path.read_text(encoding="utf-8")

    def repl(m: re.Match) -> str:
        key = m.group(1)
        if key not in english:
            run.leftovers.append(f"{path.relative_to(ROOT)}: t({key!r}) has no literal English in _strings.py")
            return m.group(0)
        en, ctx, plural = english[key]
        if plural:
            run.leftovers.append(f"{path.relative_to(ROOT)}: t({key!r}) is a plural: write ngettext(...) by hand")
            return m.group(0)
        return f"pgettext({_py(ctx)}, {_py(en)}" if ctx else f"_({_py(en)}"
    out = _T_CALL.sub(repl, text)
    left = re.findall(r"\bt\(", out)
    if left:
        run.leftovers.append(f"{path.relative_to(ROOT)}: {len(left)} t(...) call(s) with a computed key")
    return out if out != text else None


def translations(run: Run, existing: cat.Catalog | None) -> tuple[dict[cat.Key, object], list[str], list[str]]:
    """The Spanish of every converted site, then (conflicts, updates).

    Identical English with different Spanish among the sites is a conflict unless tools/i18n_decisions.toml
    decides it. A site whose Spanish differs from the catalog's is newer work (a branch that reworded a
    both() literal): it wins, and is listed as an update to review."""
    by_key: dict[cat.Key, dict[object, list[str]]] = defaultdict(lambda: defaultdict(list))
    for s in run.sites:
        en = s.en[0] if isinstance(s.en, tuple) else s.en
        by_key[(en, s.context)][s.es].append(f"{s.path.relative_to(ROOT)}:{s.line}")
    out: dict[cat.Key, object] = {}
    conflicts: list[str] = []
    for key, variants in by_key.items():
        if len(variants) == 1:
            out[key] = next(iter(variants))
            continue
        conflicts.append(f"{key[0]!r}" + (f" [{key[1]}]" if key[1] else "") + " has several Spanish texts: " +
                         "; ".join(f"{es!r} ({', '.join(where)})" for es, where in variants.items()))
        out[key] = max(variants.items(), key=lambda kv: len(kv[1]))[0]
    unify = run.decisions.get("unify", {})
    updates: list[str] = []
    if existing is not None:
        for key, es in list(out.items()):
            before = existing.get(key[0], key[1])
            if before is not None and before.string and not before.fuzzy and before.string != es and \
                    key[0] not in unify:
                updates.append(f"{key[0]!r}" + (f" [{key[1]}]" if key[1] else "") +
                               f": {before.string!r} → {es!r}")
    for en, es in unify.items():  # a decision is authoritative, for old entries too
        out[(en, None)] = es
    for seed in run.decisions.get("seed", []):  # markers written by hand: only while the catalog lacks them
        en = seed["en"][0] if isinstance(seed["en"], list) else seed["en"]
        key = (en, seed.get("context"))
        before = existing.get(en, key[1]) if existing is not None else None
        if key not in out and not (before is not None and before.string and all(before.string)):
            out[key] = tuple(seed["es"]) if isinstance(seed["es"], list) else seed["es"]
    return out, conflicts, updates


PENDING = ROOT / "tools" / ".i18n_pending.json"


def _load_pending() -> dict[cat.Key, object]:
    if not PENDING.exists():
        return {}
    rows = json.loads(PENDING.read_text(encoding="utf-8"))
    return {(r["en"], r["context"]): (tuple(r["es"]) if isinstance(r["es"], list) else r["es"]) for r in rows}


def _save_pending(spanish: dict[cat.Key, object]) -> None:
    rows = [{"en": en, "context": ctx, "es": es} for (en, ctx), es in spanish.items()]
    PENDING.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


def prune_strings(texts: dict[Path, str]) -> str | None:
    """report/_strings.py without the STRINGS entries nothing looks up any more (their words now live in the
    templates as _("...")): a key quoted nowhere in posture's code or templates, and no f"prefix_{...}" lookup
    that could build it. ``texts`` are the files as this run leaves them."""
    text = texts.get(STRINGS_PY) or STRINGS_PY.read_text(encoding="utf-8")
    others = [texts.get(p) or p.read_text(encoding="utf-8")
              for p in [*sorted(PKG.rglob("*.py")), *sorted(TEMPLATES.glob("*.j2"))]
              if p != STRINGS_PY and "__pycache__" not in p.parts]
    code = "\n".join(others)
    if re.search(r"\bt\(", "\n".join(o for o in others if o.lstrip().startswith("<"))):
        return None  # a template still looks words up by key
    prefixes = set(re.findall(r"f[\"']([A-Za-z0-9_.-]+)\{", code))
    tree = ast.parse(text)
    src = Source(text)
    edits = []
    for node in ast.walk(tree):
        if isinstance(node, ast.AnnAssign | ast.Assign) and isinstance(node.value, ast.Dict) and any(
                isinstance(t, ast.Name) and t.id == "STRINGS"
                for t in ([node.target] if isinstance(node, ast.AnnAssign) else node.targets)):
            for k, v in zip(node.value.keys, node.value.values, strict=True):
                key = _literal(k)
                if key is None or f'"{key}"' in code or f"'{key}'" in code or \
                        any(key.startswith(p) for p in prefixes):
                    continue
                edits.append(_entry_span(src, k, v))
    if not edits:
        return None
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def load_decisions() -> dict:
    return tomllib.loads(DECISIONS.read_text(encoding="utf-8")) if DECISIONS.exists() else {}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="both()/{'es','en'} literals → gettext markers and the es catalog")
    ap.add_argument("--dry-run", action="store_true")
    ap.add_argument("--report", action="store_true", help="list the bilingual expressions left as data")
    args = ap.parse_args(argv)
    run = Run(load_decisions())

    english = _strings_english(run.decisions)  # before _strings.py itself is converted
    new_text: dict[Path, str] = {}
    for path in sorted(PKG.rglob("*.py")):
        if path in SKIP or "__pycache__" in path.parts or GENERATED in path.parents:
            continue
        out = convert_module(path, run)
        if out is not None:
            new_text[path] = out
    for path in sorted(TEMPLATES.glob("*.j2")):
        out = convert_template(path, english, run)
        if out is not None:
            new_text[path] = out

    pruned = prune_strings(new_text)
    if pruned is not None:
        new_text[STRINGS_PY] = pruned
    existing = cat.read(cat.po_path("es")) if cat.po_path("es").exists() else None
    spanish, conflicts, updates = translations(run, existing)
    for u in updates:
        print("UPDATED from a converted site:", u)
    if conflicts and not args.dry_run:
        for c in conflicts:
            print("CONFLICT:", c, file=sys.stderr)
        print("nothing written: decide each conflict in tools/i18n_decisions.toml ([unify] or [context])",
              file=sys.stderr)
        return 1
    print(f"{len(run.sites)} bilingual literals converted in {len({s.path for s in run.sites})} files; "
          f"{len(new_text)} files rewritten")
    if args.dry_run:
        for p in new_text:
            print("would rewrite", p.relative_to(ROOT))
    else:
        # the Spanish of the sites is kept beside the tools until the catalog holds it: a run stopped after
        # rewriting the code (no Spanish left in it) picks it up again
        pending = _load_pending()
        spanish = {**pending, **spanish}
        _save_pending(spanish)
        for p, text in new_text.items():
            p.write_text(text, encoding="utf-8")
        # imports: order them and drop what is no longer used (both; ruff does not drop from __init__.py)
        fix = ["check", "--quiet", "--fix-only", "--select", "I001,F401"]
        subprocess.run([sys.executable, "-m", "ruff", *fix, str(PKG)], cwd=ROOT, check=False)
        template = cat.extract()
        _, changed = cat.update("es", template, spanish)
        PENDING.unlink(missing_ok=True)
        print("es catalog", "updated" if changed else "unchanged")
        for path in sorted(PKG.rglob("*.py")):
            check_shadowing(path, run)
    for c in conflicts:  # --dry-run only
        print("CONFLICT:", c, file=sys.stderr)
    for s in run.shadowed:
        print("SHADOWED:", s, file=sys.stderr)
    if args.report or args.dry_run:
        for left in run.leftovers:
            print("left as data:", left)
    else:
        print(f"{len(run.leftovers)} bilingual expressions left as data (--report lists them)")
    problems = [] if args.dry_run else cat.problems("es", cat.extract())
    for p in problems:
        print("CATALOG:", p, file=sys.stderr)
    return 1 if conflicts or run.shadowed or problems else 0


if __name__ == "__main__":
    sys.exit(main())
