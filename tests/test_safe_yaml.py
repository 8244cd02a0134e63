"""The one YAML reader: safe_load results plus positions, and refusal of what safe_load accepts."""

from __future__ import annotations

import pytest
import yaml

from posture import safe_yaml
from posture.errors import ContentError
from posture.safe_yaml import MAX_DEPTH, format_path, load_yaml, loads_yaml


def error_of(src: bytes | str) -> tuple[str, int | None, int | None, str]:
    with pytest.raises(ContentError) as info:
        loads_yaml(src, "f.yaml")
    (problem,) = info.value.problems
    return problem.code, problem.line, problem.col, problem.message["en"]


def loads_error_es(src: bytes | str) -> str:
    with pytest.raises(ContentError) as info:
        loads_yaml(src, "f.yaml")
    return info.value.problems[0].message["es"]


def test_values_match_safe_load_and_keep_positions():
    doc = loads_yaml("a: 1\nb:\n  - x\n  - {c: true, d: null}\ne: 2025-03-20\n", "f.yaml")
    assert doc.data == {"a": 1, "b": ["x", {"c": True, "d": None}], "e": "2025-03-20"}
    assert doc.where(("b", 1, "c")) == (4, 9)
    assert doc.where(("b", 0)) == (3, 5)
    assert doc.where(("b", 1, "missing")) == (4, 5)  # falls back to the nearest located ancestor
    assert len(doc.sha256) == 64


def test_dates_stay_strings_and_numbers_remember_their_text():
    doc = loads_yaml("published: 2025-03-20\nid: 12.10\n", "f.yaml")
    assert doc.data["published"] == "2025-03-20"
    assert doc.data["id"] == 12.1
    assert doc.raw_scalars[("id",)] == "12.10"


def test_duplicate_key_names_both_lines():
    assert error_of("a: 1\nb: 2\na: 3\n") == ("duplicate_key", 3, 1, "duplicate key 'a' (first defined on line 1)")


def test_nested_duplicate_key():
    code, line, col, _ = error_of("x:\n  k: 1\n  k: 2\n")
    assert (code, line, col) == ("duplicate_key", 3, 3)


def test_merge_keys_follow_safe_load():
    doc = loads_yaml("base: &b {x: 1, y: 2}\nchild:\n  <<: *b\n  y: 3\n", "f.yaml")
    assert doc.data["child"] == {"x": 1, "y": 3}


def test_small_aliases_are_fine():
    doc = loads_yaml("a: &a [1, 2]\nb: *a\n", "f.yaml")
    assert doc.data["b"] == [1, 2]


def test_alias_bomb_is_refused():
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x","x"]\n'
    prev = "a"
    for name in "bcdefgh":
        bomb += f"{name}: &{name} [" + ",".join([f"*{prev}"] * 10) + "]\n"
        prev = name
    code, *_ = error_of(bomb)
    assert code == "alias_bomb"


@pytest.mark.parametrize("loader", [safe_yaml._Loader, yaml.SafeLoader])
def test_the_depth_walk_says_whether_there_are_aliases(loader):
    # the expansion check (alias bombs) runs only when the walk saw an alias: it must never miss one
    for text in ("a: &a [1, 2]\nb: *a\n", "- &x {k: v}\n- [*x, *x]\n", "<<: *m\n"):
        assert safe_yaml._walk_depth(loader, text, "f.yaml") is True  # "*m" undefined: the composer refuses it
    for text in ("a: [1, 2]\nb: {c: '*not an alias'}\n", "- x\n- &anchor_only y\n"):
        assert safe_yaml._walk_depth(loader, text, "f.yaml") is False


def test_a_tree_without_aliases_is_still_counted():
    # no aliases: no expansion check; the builder's count still caps the values at MAX_NODES
    flat = "a: [" + ",".join(["1"] * (safe_yaml.MAX_NODES + 5)) + "]\n"
    code, *_ = error_of(flat)
    assert code == "too_many_values"


class _StrictLibyaml(yaml.SafeLoader):
    """A parser that, like libyaml 0.2.5 in PyYAML 6.0.4's wheels, stops deep documents itself,
    with its own English message, before posture's walk reaches its cap."""

    LIMIT = 10

    def get_event(self):
        event = super().get_event()
        self._depth = getattr(self, "_depth", 0) + isinstance(event, yaml.CollectionStartEvent) \
            - isinstance(event, yaml.CollectionEndEvent)
        if self._depth > self.LIMIT:
            raise yaml.scanner.ScannerError(None, None, "exceeded maximum nesting depth", event.start_mark)
        return event


@pytest.mark.parametrize("loader", ["installed", "pure-python", "strict-libyaml"])
def test_depth_is_capped_before_composing(monkeypatch, loader):
    """Whichever layer stops a too-deep document, the user gets posture's own located problem."""
    monkeypatch.setattr(safe_yaml, "_Loader", {"installed": safe_yaml._Loader, "pure-python": yaml.SafeLoader,
                                               "strict-libyaml": _StrictLibyaml}[loader])
    code, line, col, message = error_of("a: " + "[" * 5000 + "]" * 5000)
    assert (code, line, col) == ("too_deep", 1, 3 + MAX_DEPTH)  # the mapping is level 1
    assert message == f"nesting deeper than {MAX_DEPTH} levels"
    es = loads_error_es("a: " + "[" * 5000 + "]" * 5000)
    assert es == f"anidamiento de más de {MAX_DEPTH} niveles"


def test_other_syntax_errors_keep_their_own_message(monkeypatch):
    """The fallback walk only turns nesting into too_deep: a plain syntax error stays one."""
    monkeypatch.setattr(safe_yaml, "_Loader", _StrictLibyaml)
    code, line, *_ = error_of("a: [1, 2\nb: 3\n")
    assert code == "syntax" and line is not None


def test_depth_just_under_the_cap_loads():
    depth = MAX_DEPTH - 1
    doc = loads_yaml("a: " + "[" * (depth - 1) + "]" * (depth - 1), "f.yaml")
    assert isinstance(doc.data["a"], list)


@pytest.mark.parametrize(("src", "code"), [
    (b"", "empty"),
    (b"   \n# just a comment\n", "empty"),
    (b"- a\n- b\n", "not_mapping"),
    (b"plain scalar\n", "not_mapping"),
    (b"a: 1\n---\nb: 2\n", "syntax"),
    (b"a: [1, 2\n", "syntax"),
    (b"a: \xc3\x28\n", "encoding"),
    (b"a: 1\x00\n", "encoding"),
])
def test_refusals(src, code):
    assert error_of(src)[0] == code


def test_non_utf8_position():
    assert error_of(b"ok: 1\nbad: caf\xe9\n")[:3] == ("encoding", 2, 9)


def test_bom_is_accepted():
    assert loads_yaml("\ufeffa: 1\n".encode(), "f.yaml").data == {"a": 1}


def test_size_cap(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: 1\n" + b"#" * 2000)
    with pytest.raises(ContentError) as info:
        load_yaml(path, max_bytes=1000)
    assert info.value.problems[0].code == "too_big"


def test_unreadable_file(tmp_path):
    with pytest.raises(ContentError) as info:
        load_yaml(tmp_path / "nope.yaml")
    assert info.value.problems[0].code == "unreadable"


def test_non_scalar_keys_are_refused():
    assert error_of("? [a, b]\n: 1\n")[0] == "bad_key"


def test_format_path():
    assert format_path(("sections", 2, "questions", 4, "maps_to", "iso27001-2022", 0)) == \
        "sections[2].questions[4].maps_to.iso27001-2022[0]"
    assert format_path(()) == ""


def test_a_date_shaped_key_stays_text_and_an_impossible_value_is_located():
    """Found by the fuzzer: ``? 2026-13-45`` made PyYAML's timestamp constructor raise ValueError."""
    assert loads_yaml("? 2026-13-45\n", "f.yaml").data == {"2026-13-45": None}
    assert loads_yaml("2026-13-45: x\n", "f.yaml").data == {"2026-13-45": "x"}
    code, line, col, message = error_of("a: !!int doce\n")  # an explicit tag PyYAML cannot build
    assert (code, line, col) == ("syntax", 1, 4) and "doce" in message
