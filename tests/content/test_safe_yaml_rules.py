"""Rules of the one YAML reader (posture/safe_yaml.py) that its mutation run found unstated: merge keys.

(The reader's other rules are in tests/test_safe_yaml.py; ``bench/mutation.py content`` runs both.)
"""

from __future__ import annotations

import pytest
import yaml

from posture import safe_yaml
from posture.errors import ContentError
from posture.safe_yaml import MAX_DEPTH, _yaml_error, load_yaml, loads_yaml


def _problem(src: str):
    with pytest.raises(ContentError) as info:
        loads_yaml(src, "f.yaml")
    (problem,) = info.value.problems
    return problem


def test_a_merge_key_with_a_list_merges_every_mapping_the_first_one_winning():
    """``<<: [*a, *b]`` merges both mappings (YAML 1.1 merge key: the earlier mapping wins a shared key,
    and an explicit key wins over both)."""
    doc = loads_yaml("a: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2}\nc:\n  <<: [*a, *b]\n  x: 0\n", "f.yaml")
    assert doc.data["c"] == {"x": 0, "y": 1, "z": 2}


@pytest.mark.parametrize("value", ["5", "[*a, 7]"])
def test_a_merge_key_without_a_mapping_is_a_located_syntax_problem(value):
    """``<<`` needs a mapping (or a list of them): anything else is refused at the offending value,
    with the reason in both languages (the Spanish one no longer in English)."""
    problem = _problem(f"a: &a {{x: 1}}\nc:\n  <<: {value}\n")
    assert (problem.file, problem.code, problem.line) == ("f.yaml", "syntax", 3)
    assert problem.col == (7 if value == "5" else 12)
    assert problem.message == {"es": "YAML inválido: la clave de fusión «<<» necesita un mapeo",
                               "en": "invalid YAML: merge key '<<' needs a mapping"}


def _merged_at(depth: int) -> str:
    """A mapping at build depth ``depth`` (the top-level mapping is 0) that merges ``{k: v}``."""
    return "b: &b {k: v}\nd: " + "{a: " * (depth - 1) + "{<<: *b}" + "}" * (depth - 1) + "\n"


def test_merged_values_count_as_deep_as_written_ones():
    """A merged mapping sits one level below the mapping that merges it, so aliases cannot carry nesting
    past the cap: merged into a mapping at depth MAX_DEPTH − 1 its values are at MAX_DEPTH + 1 and refused,
    one level up they are at MAX_DEPTH and read."""
    assert loads_yaml(_merged_at(MAX_DEPTH - 2), "f.yaml").data["b"] == {"k": "v"}
    problem = _problem(_merged_at(MAX_DEPTH - 1))
    assert problem.code == "too_deep"


def test_a_second_document_is_refused_where_it_starts():
    """A file with two YAML documents (``---``) is one located problem that says so in both languages."""
    problem = _problem("a: 1\n---\nb: 2\n")
    assert (problem.file, problem.line, problem.col, problem.code) == ("f.yaml", 2, 1, "syntax")
    assert problem.message == {"es": "el archivo contiene más de un documento YAML",
                               "en": "the file holds more than one YAML document"}


def test_a_known_pyyaml_problem_is_said_in_posture_words_in_both_languages():
    """A problem posture knows is said in its own words in every language, PyYAML's problem text (not its
    context) quoted after them as the detail; the field is the key whose value broke."""
    problem = _problem("a: b: c\n")
    assert (problem.line, problem.col, problem.code, problem.path) == (1, 5, "syntax", "a")
    assert problem.message["es"] == ("YAML inválido: aquí no puede ir un «clave: valor» (¿falta una comilla o "
                                     "sangría?) (mensaje de PyYAML: «mapping values are not allowed in this context»)")
    assert problem.message["en"] == ("invalid YAML: a 'key: value' cannot go here (a missing quote or indentation?) "
                                     "(PyYAML's message: “mapping values are not allowed in this context”)")


def test_an_unknown_pyyaml_problem_is_quoted_as_pyyaml_wrote_it():
    """A problem posture has no translation for is shown literally, quoted inside a Spanish sentence."""
    problem = _problem("a: !!python/name:os.system x\n")
    said = "could not determine a constructor for the tag 'tag:yaml.org,2002:python/name:os.system'"
    assert problem.message == {"es": f"YAML inválido (mensaje de PyYAML: «{said}»)",
                               "en": f"invalid YAML (PyYAML's message: “{said}”)"}
    assert (problem.line, problem.col, problem.code) == (1, 4, "syntax")


def test_a_control_character_yaml_does_not_allow_is_located_in_its_file():
    """A control character (here BEL, U+0007) is refused by the YAML reader itself: a syntax problem naming
    the file, with its line and column."""
    problem = _problem("a: 1\nb: x\x07y\n")
    assert (problem.file, problem.code, problem.line, problem.col) == ("f.yaml", "syntax", 2, 5)


def test_text_loaded_without_a_file_name_is_named_string():
    """``loads_yaml(text)`` without a name (a string, not a file) names it ``<string>`` in its problems, as
    Python names code compiled from a string."""
    with pytest.raises(ContentError) as info:
        loads_yaml("a: [1\n")
    assert info.value.problems[0].file == "<string>"


@pytest.mark.parametrize(("raw", "line", "col"), [
    (b"\nbad: caf\xe9\n", 2, 9),             # after an empty first line
    (b"a: 1\n\nbad: caf\xe9\n", 3, 9),       # two lines above: the column counts from its own line's start
])
def test_a_byte_that_is_not_utf8_is_located_on_its_own_line(raw, line, col):
    """The first byte that is not UTF-8 is named with its line and its column within that line (1-based),
    in both languages."""
    problem = _problem(raw)
    assert (problem.file, problem.code, problem.line, problem.col) == ("f.yaml", "encoding", line, col)
    assert problem.message == {"es": "no está en UTF-8 (byte 0xe9)", "en": "is not UTF-8 (byte 0xe9)"}


def test_the_first_nul_is_named_by_its_line():
    """A NUL character (text from a binary or UTF-16 file) is refused at the first one's line, said as what it
    is: NUL is valid UTF-8, so "is not UTF-8 (byte 0x00)" was untrue and sent the user after the encoding."""
    problem = _problem("a: 1\nb: \x00\nc: 2\nd: \x00\n")
    assert (problem.code, problem.line) == ("encoding", 2)
    assert problem.message == {
        "es": "contiene un carácter NUL (U+0000), que ningún archivo de texto tiene: ¿un archivo binario, o texto "
              "guardado como UTF-16 sin su marca de orden de bytes? Guárdelo como UTF-8",
        "en": "holds a NUL character (U+0000), which no text file has: a binary file, or text saved as UTF-16 "
              "without its byte order mark? Save it as UTF-8"}


def test_a_byte_order_mark_is_not_part_of_the_first_key():
    """A UTF-8 BOM (Windows editors) is dropped before reading: the data and the field a problem names are
    the same as without it."""
    assert loads_yaml("\ufeffa: 1\n".encode(), "f.yaml").data == {"a": 1}
    with_bom, without = _problem("\ufeffa: b: c\n".encode()), _problem(b"a: b: c\n")
    assert (with_bom.line, with_bom.col, with_bom.path) == (without.line, without.col, without.path) == (1, 5, "a")


@pytest.mark.parametrize(("src", "line", "path"), [
    ("a:\n  b: x\x07y\nc: 1\n", 2, "a.b"),   # the field is the key holding the character, not the last one
    ("\nb: x\x07y\n", 2, "b"),
    ("a: 1\n\nb: x\x07y\n", 3, "b"),
])
def test_a_character_yaml_does_not_allow_names_its_line_column_and_field(src, line, path):
    """A control character is located by line, column within its line, and the field whose value holds it."""
    problem = _problem(src)
    col = src.splitlines()[line - 1].index("\x07") + 1
    assert (problem.code, problem.line, problem.col, problem.path) == ("syntax", line, col, path)


def test_a_problem_found_while_composing_names_its_field():
    """A problem PyYAML finds after parsing (an alias with no anchor) is located and names the field."""
    problem = _problem("a:\n  b: *nope\nc: 1\n")
    assert (problem.file, problem.code, problem.line, problem.col, problem.path) == ("f.yaml", "syntax", 2, 6, "a.b")
    assert problem.message["en"] == ("invalid YAML: an alias '*' with no anchor '&' defined "
                                     "(PyYAML's message: “found undefined alias”)")


class _Strict(yaml.SafeLoader):
    """A parser like libyaml 0.2.5 in PyYAML 6.0.4's wheels: it stops deep documents itself (its own English
    message) before posture's walk reaches its cap."""

    def get_event(self):
        event = super().get_event()
        self._depth = getattr(self, "_depth", 0) + isinstance(event, yaml.CollectionStartEvent) \
            - isinstance(event, yaml.CollectionEndEvent)
        if self._depth > 10:
            raise yaml.scanner.ScannerError(None, None, "exceeded maximum nesting depth", event.start_mark)
        return event


@pytest.mark.parametrize("loader", ["installed", "pure-python", "strict-libyaml"])
def test_problems_found_on_the_event_stream_name_the_file_and_field(monkeypatch, loader):
    """The depth cap is checked on the event stream, whichever parser is installed; its problem, and a syntax
    problem found on the way, name the file (and the field) like every other problem."""
    monkeypatch.setattr(safe_yaml, "_Loader", {"installed": safe_yaml._Loader, "pure-python": yaml.SafeLoader,
                                               "strict-libyaml": _Strict}[loader])
    deep = _problem("a:\n  b: " + "[" * 100 + "]" * 100 + "\n")
    assert (deep.file, deep.code, deep.line, deep.col) == ("f.yaml", "too_deep", 2, 6 + MAX_DEPTH - 2)
    broken = _problem("a:\n  b: c: d\n")
    assert (broken.file, broken.code, broken.line, broken.path) == ("f.yaml", "syntax", 2, "a.b")


class _Unmarked(yaml.SafeLoader):
    """A YAML parser that fails without a position (a plain ``YAMLError``, as PyYAML's API allows)."""

    def get_event(self):
        raise yaml.YAMLError("the stream broke\nsecond line of detail")


def test_a_yaml_error_without_a_position_is_still_a_problem_in_posture_words(monkeypatch):
    """Whatever PyYAML raises while loading is one problem naming the file, never a traceback: posture's
    words, PyYAML's text (its first line) quoted as the detail."""
    monkeypatch.setattr(safe_yaml, "_Loader", _Unmarked)
    problem = _problem("a: 1\n")
    assert (problem.file, problem.code, problem.line, problem.col) == ("f.yaml", "syntax", None, None)
    assert problem.message == {"es": "YAML inválido (mensaje de PyYAML: «the stream broke»)",
                               "en": "invalid YAML (PyYAML's message: “the stream broke”)"}


@pytest.mark.parametrize(("tag", "said"), [("seq", "expected a sequence node, but found scalar"),
                                           ("map", "expected a mapping node, but found scalar"),
                                           ("set", "expected a mapping node, but found scalar"),
                                           ("omap", "expected a sequence, but found scalar")])
def test_a_scalar_tagged_as_a_collection_is_a_located_problem_not_an_empty_value(tag, said):
    """``b: !!seq x`` asks for a list but writes text: refused where it is, naming the field, PyYAML's reason
    quoted — never read as an empty list, mapping or set (the value would silently vanish)."""
    problem = _problem(f"a:\n  b: !!{tag} x\n")
    assert (problem.file, problem.code, problem.line, problem.col, problem.path) == ("f.yaml", "syntax", 2, 6, "a.b")
    assert problem.message["en"] == f"invalid YAML (PyYAML's message: “{said}”)"


def test_a_value_python_cannot_build_is_said_in_posture_words_with_python_s_reason():
    """``!!int doce`` (an explicit tag whose text Python cannot turn into the type) is one located problem naming
    the file: posture's words with the value as written, Python's own message quoted as the detail."""
    problem = _problem("a:\n  b: !!int doce\n")
    assert (problem.file, problem.code, problem.line, problem.col, problem.path) == ("f.yaml", "syntax", 2, 6, "a.b")
    said = "invalid literal for int() with base 10: 'doce'"
    assert problem.message == {"es": f"YAML inválido: el valor 'doce' no se puede leer (mensaje de Python: «{said}»)",
                               "en": f"invalid YAML: the value 'doce' cannot be read (Python's message: “{said}”)"}


def test_the_value_cap_is_exactly_max_nodes():
    """Every value built counts once (the top mapping, the list, each item; keys are not values): a document of
    exactly MAX_NODES values loads, one more is refused at the value past the cap, naming its field. A file
    without aliases is told it holds too many values (there is no alias bomb to speak of)."""
    items = safe_yaml.MAX_NODES - 2  # + the top mapping + the list
    assert len(loads_yaml("a: [" + ",".join(["1"] * items) + "]\n", "f.yaml").data["a"]) == items
    problem = _problem("a: [" + ",".join(["1"] * (items + 1)) + "]\n")
    assert (problem.file, problem.code, problem.line, problem.col, problem.path) == (
        "f.yaml", "too_many_values", 1, 5 + 2 * items, f"a[{items}]")
    assert problem.message == {
        "en": f"the file holds more than {safe_yaml.MAX_NODES} values, the most posture reads from one file",
        "es": f"el archivo tiene más de {safe_yaml.MAX_NODES} valores, lo máximo que posture lee de un archivo"}
    assert "alias" not in problem.message["en"] + problem.message["es"]


def test_the_value_cap_with_aliases_speaks_of_an_alias_bomb(monkeypatch):
    """With aliases in the text, the builder's cap (what the expansion check lets through: merge keys) is the
    alias bomb's problem, at the value past the cap and naming its field."""
    monkeypatch.setattr(safe_yaml, "MAX_NODES", 10)
    monkeypatch.setattr(safe_yaml, "_check_expansion", lambda root, name: None)  # the builder's own count alone
    problem = _problem("x: &x [1, 2, 3]\ny: [*x, *x]\n")
    # values: the top mapping, x's list and its 3 items, y's list, y[0]'s 4: 10; y[1] (the anchored list, line 1
    # column 4, where the alias points) is the 11th
    assert (problem.code, problem.line, problem.col, problem.path) == ("alias_bomb", 1, 4, "y[1]")
    assert problem.message["en"] == "aliases expand to more than 10 values (alias bomb?)"


def test_builder_problems_name_their_field():
    """A duplicate key, a non-text key and a merge of a non-mapping name the field they are in, besides line and
    column: what a person looks for in a long checklist."""
    dup = _problem("a:\n  b:\n    c: 1\n    c: 2\n")
    assert (dup.code, dup.line, dup.col, dup.path) == ("duplicate_key", 4, 5, "a.b.c")
    key = _problem("a:\n  b:\n    ? [1]\n    : 2\n")
    assert (key.code, key.line, key.col, key.path) == ("bad_key", 3, 7, "a.b")
    merge = _problem("a:\n  b:\n    <<: 3\n")
    assert (merge.code, merge.line, merge.col, merge.path) == ("syntax", 3, 9, "a.b")
    top = _problem("<<: 3\n")
    assert (top.code, top.path) == ("syntax", "")


def _bomb(levels: str) -> str:
    """``a`` a list of 10 scalars, then each level in ``levels`` a list of 10 aliases to the level before: level
    k (a = 1) expands to 1 + 10 + … + 10^k nodes (``b`` 111, ``e`` 111,111, ``f`` 1,111,111)."""
    text, prev = "a: &a [x, x, x, x, x, x, x, x, x, x]\n", "a"
    for name in levels:
        text += f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]\n"
        prev = name
    return text


def test_an_alias_bomb_is_refused_at_the_anchored_list_whose_expansion_passes_the_cap():
    """The expansion check refuses an alias bomb before anything is built, at the first collection whose expanded
    size passes MAX_NODES (``f``: 1,111,111 nodes, line 6, where the author looks), not at some value deep inside
    it; the message gives the cap in both languages. One level less (``e``: 111,111) loads."""
    assert len(loads_yaml(_bomb("bcde"), "f.yaml").data["e"]) == 10
    problem = _problem(_bomb("bcdef"))
    assert (problem.file, problem.code, problem.line, problem.col, problem.path) == ("f.yaml", "alias_bomb", 6, 4, "")
    assert problem.message == {
        "en": f"aliases expand to more than {safe_yaml.MAX_NODES} values (alias bomb?)",
        "es": f"los alias se expanden a más de {safe_yaml.MAX_NODES} valores (¿bomba de alias?)"}


def test_an_alias_bomb_in_a_mapping_key_is_an_alias_bomb():
    """A key's expansion counts like a value's: a bomb written as a complex key (``? &f [*e, …]``) is refused
    as an alias bomb where it is written, before the builder ever looks at the key."""
    problem = _problem(_bomb("bcde") + "g:\n  ? &f [" + ", ".join(["*e"] * 10) + "]\n  : v\n")
    assert (problem.code, problem.line, problem.col, problem.path) == ("alias_bomb", 7, 5, "")
    assert problem.message["en"] == f"aliases expand to more than {safe_yaml.MAX_NODES} values (alias bomb?)"


def test_the_expansion_cap_counts_every_node_of_the_expanded_graph_keys_included(monkeypatch):
    """The expansion check counts each node once per place it is reached through aliases: mappings, lists,
    scalars and keys (``x: &x [a, {k: v}]`` and ``y: *x``: the top mapping 1, keys x and y 2, the list 5 twice
    = 13). At a cap of 13 the file loads; at 12 it is refused at the top mapping, though the builder alone
    (keys are not values: 9) would have let it through."""
    text = "x: &x [a, {k: v}]\ny: *x\n"
    monkeypatch.setattr(safe_yaml, "MAX_NODES", 13)
    assert loads_yaml(text, "f.yaml").data == {"x": ["a", {"k": "v"}], "y": ["a", {"k": "v"}]}
    monkeypatch.setattr(safe_yaml, "MAX_NODES", 12)
    problem = _problem(text)
    assert (problem.code, problem.line, problem.col, problem.path) == ("alias_bomb", 1, 1, "")
    assert problem.message == {"en": "aliases expand to more than 12 values (alias bomb?)",
                               "es": "los alias se expanden a más de 12 valores (¿bomba de alias?)"}


def test_a_recursive_alias_counts_each_self_reference_once_and_is_refused_as_too_deep(monkeypatch):
    """A list that holds itself (``x: &x [*x, …]``) has no finite expansion: each self-reference counts as one
    node, so 97 of them (the top mapping, key x, the list: 100 at a cap of 100) pass the expansion check and
    the builder refuses the endless nesting as too deep; one more self-reference is an alias bomb."""
    monkeypatch.setattr(safe_yaml, "MAX_NODES", 100)
    problem = _problem("x: &x [" + ", ".join(["*x"] * 97) + "]\n")
    assert (problem.file, problem.code, problem.line, problem.col) == ("f.yaml", "too_deep", 1, 4)
    assert problem.message == {"en": f"nesting deeper than {MAX_DEPTH} levels",
                               "es": f"anidamiento de más de {MAX_DEPTH} niveles"}
    assert problem.path == "x" + "[0]" * MAX_DEPTH
    problem = _problem("x: &x [" + ", ".join(["*x"] * 98) + "]\n")
    assert (problem.code, problem.line, problem.col, problem.path) == ("alias_bomb", 1, 1, "")


def test_a_file_that_cannot_be_read_is_one_problem_naming_it_with_the_reason(tmp_path):
    """A missing file or a folder given as a file: one ``unreadable`` problem naming the path as given, with the
    reason in posture's words in both languages (no line: nothing was read)."""
    from posture.safe_yaml import load_yaml

    for path, en, es in ((tmp_path / "missing.yaml", "does not exist", "no existe"),
                         (tmp_path, "is a folder, not a file", "es una carpeta, no un archivo")):
        with pytest.raises(ContentError) as info:
            load_yaml(path)
        (problem,) = info.value.problems
        assert (problem.file, problem.code, problem.line) == (str(path), "unreadable", None)
        assert problem.message == {"en": f"cannot be read: {en}", "es": f"no se puede leer: {es}"}


@pytest.mark.timeout(60)
def test_a_pipe_is_read_only_one_byte_past_the_cap(tmp_path):
    """A file whose size is not known beforehand (a pipe: ``posture validate <(…)``) is read only up to the
    cap and one byte more, never whole: past the cap it is ``too_big``, the size said being what was read."""
    import os
    import threading

    from posture.safe_yaml import load_yaml

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)

    def write() -> None:
        with open(fifo, "wb") as fh:
            fh.write(b"a: " + b"x" * 60 + b"\n")

    writer = threading.Thread(target=write)
    writer.start()
    try:
        with pytest.raises(ContentError) as info:
            load_yaml(fifo, max_bytes=10)
    finally:
        writer.join()
    (problem,) = info.value.problems
    assert (problem.code, problem.message["en"]) == ("too_big", "the file is 11 bytes; the maximum is 10 bytes")


# -- moved from tests/content/test_content_survivors.py and test_content_built_as_written.py: rules of the reader
#    itself, where the safe_yaml mutation run (tests/test_safe_yaml.py, this file) sees them

def test_a_yaml_error_without_a_position_is_reported_without_line_or_column():
    plain = _yaml_error("f.yaml", yaml.MarkedYAMLError(problem="found something odd"))
    multi = _yaml_error("f.yaml", yaml.MarkedYAMLError(context="expected a single document in the stream"))
    for err in (plain, multi):
        (problem,) = err.problems
        assert (problem.file, problem.line, problem.col, problem.code) == ("f.yaml", None, None, "syntax")
    assert plain.problems[0].message != multi.problems[0].message


def test_a_syntax_problem_names_the_field_where_the_broken_value_starts():
    """An unclosed quote is found at the end of the file, but the field named is the one whose value it opened
    (PyYAML's context mark), not the last key read."""
    with pytest.raises(ContentError) as info:
        loads_yaml('a:\n  b: "unclosed\n  c: 1\nd:\n  e: 2\n', "x.yaml")
    (problem,) = info.value.problems
    assert (problem.code, problem.line, problem.path) == ("syntax", 6, "a.b")


def test_a_file_of_exactly_the_size_cap_is_read_whole_and_one_byte_more_is_refused_naming_both(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_bytes(b"a: 1234567")  # 10 bytes
    assert load_yaml(path, max_bytes=10).data == {"a": 1234567}
    path.write_bytes(b"a: 12345678")
    with pytest.raises(ContentError) as info:
        load_yaml(path, max_bytes=10)
    ((code, message),) = [(p.code, p.message["en"]) for p in info.value.problems]
    assert (code, message) == ("too_big", "the file is 11 bytes; the maximum is 10 bytes")


def test_a_top_level_that_is_no_mapping_says_what_it_is_in_both_languages():
    for text, es, en in (("just text", "un valor", "a scalar"), ("- a\n- b", "una lista", "a list")):
        with pytest.raises(ContentError) as info:
            loads_yaml(text, "x.yaml")
        (problem,) = info.value.problems
        assert problem.code == "not_mapping"
        assert problem.message["en"] == f"the top level must be a mapping (key: value), not {en}"
        assert problem.message["es"] == f"el nivel superior debe ser un mapeo (clave: valor), no {es}"


def test_text_over_the_size_cap_is_refused_naming_its_size():
    with pytest.raises(ContentError) as info:
        loads_yaml(b"a: 12345678", "x.yaml", max_bytes=10)
    assert [(p.file, p.code, p.message["en"]) for p in info.value.problems] == [
        ("x.yaml", "too_big", "the file is 11 bytes; the maximum is 10 bytes")]


def test_a_nul_byte_is_refused_naming_the_file_and_its_line():
    with pytest.raises(ContentError) as info:
        loads_yaml(b"a: 1\nb: \x00\n", "x.yaml")
    assert [(p.file, p.line, p.code) for p in info.value.problems] == [("x.yaml", 2, "encoding")]


def test_a_top_level_is_a_mapping_by_its_shape_and_its_tag():
    """The top level must be a plain mapping: a tag cannot make a list one (``!!map [a, b]`` is still "a list"),
    and a mapping under another tag (``!vendor {…}``, a foreign format) is refused naming that tag."""
    for text, es, en in (("!!map [a, b]\n", "una lista", "a list"), ("!vendor {a: 1}\n", "!vendor", "!vendor")):
        problem = _problem(text)
        assert (problem.file, problem.code, problem.line, problem.col) == ("f.yaml", "not_mapping", 1, 1)
        assert problem.message == {"en": f"the top level must be a mapping (key: value), not {en}",
                                   "es": f"el nivel superior debe ser un mapeo (clave: valor), no {es}"}


def test_a_list_or_a_mapping_written_as_a_key_is_refused_in_the_reader_s_words():
    """A key must be text or a number: a list or a mapping written as a key (``? [1]``) is one ``bad_key``
    problem naming the file, what the key is in the reader's language (not a PyYAML class name), and its place."""
    for key, es, en in (("[1]", "una lista", "a list"), ("{k: v}", "un mapeo", "a mapping")):
        problem = _problem(f"a:\n  b:\n    ? {key}\n    : 2\n")
        assert (problem.file, problem.code, problem.line, problem.col, problem.path) == (
            "f.yaml", "bad_key", 3, 7, "a.b")
        assert problem.message == {"en": f"keys must be text or numbers, not {en}",
                                   "es": f"las claves deben ser texto o números, no {es}"}


def test_keys_are_read_as_safe_load_reads_them_dates_kept_as_written():
    """A key is a number, a boolean or null when YAML says so (``12``, ``1.5``, ``true``, ``null``, as
    ``yaml.safe_load``), text otherwise; a date key stays the text the author wrote, like a date value."""
    doc = loads_yaml("12: a\n1.5: b\ntrue: c\nnull: d\n2025-03-20: e\nname: f\n", "f.yaml")
    assert doc.data == {12: "a", 1.5: "b", True: "c", None: "d", "2025-03-20": "e", "name": "f"}
    assert [type(k) for k in doc.data] == [int, float, bool, type(None), str, str]


def test_a_key_python_cannot_build_is_a_located_problem_naming_its_mapping():
    """A key with an explicit tag its text does not fit (``!!int doce``) is the same located syntax problem as
    such a value, naming the mapping it is in."""
    problem = _problem("a:\n  !!int doce: 1\n")
    assert (problem.file, problem.code, problem.line, problem.col, problem.path) == ("f.yaml", "syntax", 2, 3, "a")
    assert problem.message["en"] == ("invalid YAML: the value 'doce' cannot be read (Python's message: "
                                     "“invalid literal for int() with base 10: 'doce'”)")


def test_a_key_of_another_type_becomes_text_and_stays_distinct():
    """A key YAML reads as something other than text, a number, a boolean or null (``!!binary``) becomes
    text, so the data stays plain, and two such keys stay two keys."""
    doc = loads_yaml("? !!binary aGk=\n: 1\n? !!binary aG8=\n: 2\n", "f.yaml")
    assert sorted(doc.data.values()) == [1, 2]
    assert all(isinstance(key, str) for key in doc.data) and len(set(doc.data)) == 2


@pytest.mark.parametrize(("size", "limit", "en", "es"), [
    (9_000_000, 8_388_608, "the file is 8.6 MB; the maximum is 8 MB", "el archivo pesa 8.6 MB; el máximo es 8 MB"),
    (8_388_609, 8_388_608, "the file is 8,388,609 bytes; the maximum is 8,388,608 bytes",
     "el archivo pesa 8,388,609 bytes; el máximo es 8,388,608 bytes"),
])
def test_a_file_too_big_says_both_sizes_as_people_write_them(size, limit, en, es):
    """Rule: the size and the limit in the units people read (l10n.size, Babel), exact bytes when both would
    read the same rounded; was "the file is 9000000 bytes; the maximum is 8388608"."""
    with pytest.raises(ContentError) as info:
        loads_yaml(b"#" * size, "big.yaml", max_bytes=limit)
    (problem,) = info.value.problems
    assert (problem.code, problem.message) == ("too_big", {"es": es, "en": en})


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_a_file_in_utf16_or_utf32_with_its_byte_order_mark_is_read(codec):
    """Rule (YAML 1.2 §5.2): UTF-16 and UTF-32 are read when the byte order mark says so (Notepad's "Unicode");
    the positions are those of the text, the hash that of the file's own bytes."""
    import codecs
    import hashlib

    text = "id: café\nkind: checklist\nlista:\n  - 'sí'\n"
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE, "utf-32-le": codecs.BOM_UTF32_LE,
           "utf-32-be": codecs.BOM_UTF32_BE}[codec]
    raw = bom + text.encode(codec)
    doc = loads_yaml(raw, "u.yaml")
    assert doc.data == {"id": "café", "kind": "checklist", "lista": ["sí"]}
    assert doc.where(("lista", 0)) == (4, 5)
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()


def test_a_file_with_a_utf16_mark_that_is_not_utf16_says_so():
    import codecs

    with pytest.raises(ContentError) as info:
        loads_yaml(codecs.BOM_UTF16_LE + b"a\x00:\x00 \x001", "u.yaml")  # an odd byte at the end
    (problem,) = info.value.problems
    assert (problem.code, problem.line, problem.message["en"]) == (
        "encoding", None, "starts with the byte order mark of UTF-16 but is not valid UTF-16 (byte 8): save it as "
                          "UTF-8")
    assert problem.message["es"].startswith("empieza con la marca de orden de bytes de UTF-16")


def test_a_utf16_file_that_is_not_utf16_is_named_by_its_file():
    """Rule: the byte-order-mark error, like every other, names the file it is about."""
    import codecs

    with pytest.raises(ContentError) as info:
        loads_yaml(codecs.BOM_UTF32_BE + b"\x00\x00\x00a\x00", "lista.yaml")
    assert [(p.file, p.code) for p in info.value.problems] == [("lista.yaml", "encoding")]
    assert info.value.problems[0].message["en"].startswith("starts with the byte order mark of UTF-32 but is not ")
