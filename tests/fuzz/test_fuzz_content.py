"""Content loaders under hostile input: a clean ContentError or a result, never anything else.

Bounded example counts keep this inside CI's time; the seeds vary per run.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mutations import mutate_lines

from posture.content import Library
from posture.errors import ContentError
from posture.safe_yaml import loads_yaml

VALID = Path(__file__).parent.parent / "data" / "content" / "valid"
MINI_CHECKLIST = (VALID / "mini-checklist.yaml").read_bytes()
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

YAML_TOKENS = st.sampled_from([
    "a", "b: ", ":", "- ", "[", "]", "{", "}", ",", "&x ", "*x", "<<: ", "!!str ", "!!python/object ", "'", '"',
    "\n", "  ", "\t", "#", "---\n", "...\n", "? ", "|\n", ">\n", "%YAML 1.1\n", "\\", "\x00", "é", "12.10",
    "~", "null", "yes", "2025-03-20", "0x1F", ".inf",
])


def _must_be_clean(load):
    try:
        return load()
    except ContentError as exc:
        assert exc.problems and all(p.message["es"] and p.message["en"] for p in exc.problems)
        return None


@FUZZ
@given(st.binary(max_size=2048))
def test_arbitrary_bytes(raw):
    _must_be_clean(lambda: loads_yaml(raw, "fuzz.yaml"))


@FUZZ
@given(st.lists(YAML_TOKENS, max_size=80).map("".join))
def test_yaml_shaped_text(text):
    doc = _must_be_clean(lambda: loads_yaml(text, "fuzz.yaml"))
    if doc is not None:
        assert isinstance(doc.data, dict)


@FUZZ
@given(st.data())
def test_mutated_checklist_never_escapes(tmp_path_factory, data):
    mutated = mutate_lines(data, MINI_CHECKLIST.split(b"\n"), YAML_TOKENS, max_ops=4)
    folder = tmp_path_factory.mktemp("mut")
    (folder / "catalog.yaml").write_bytes((VALID / "ley1581-mini.yaml").read_bytes())
    (folder / "checklist.yaml").write_bytes(mutated)
    lib = Library.load([folder])  # collects problems, raises nothing
    for p in lib.problems:
        assert p.file.endswith((".yaml",)) and p.message["en"]
