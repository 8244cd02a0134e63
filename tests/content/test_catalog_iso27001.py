"""Completeness of controls/iso27001-2022.yaml against the verified reference lists.

The expected ids and titles come from the fenced YAML blocks in
tests/data/reference/catalogs.md (§1.2 clauses, §1.3 Annex A), never from this file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from posture.content import load_catalog

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "controls" / "iso27001-2022.yaml"
REFERENCE = ROOT / "tests" / "data" / "reference" / "catalogs.md"

NEW_2022 = {"5.7", "5.23", "5.30", "7.4", "8.9", "8.10", "8.11", "8.12", "8.16", "8.23", "8.28"}
THEME_RANGES = {"organizational": ("5", 37), "people": ("6", 8), "physical": ("7", 14), "technological": ("8", 34)}


def _reference_blocks() -> dict:
    text = REFERENCE.read_text(encoding="utf-8")
    merged: dict = {}
    for block in re.findall(r"^```yaml\n(.*?)^```", text, flags=re.S | re.M):
        data = yaml.safe_load(block)
        if isinstance(data, dict):
            merged.update(data)
    return merged


@pytest.fixture(scope="module")
def ref() -> dict:
    blocks = _reference_blocks()
    assert "iso27001_2022_clauses" in blocks and "iso27001_2022_annex_a" in blocks
    return blocks


@pytest.fixture(scope="module")
def cat():
    return load_catalog(CATALOG)


@pytest.fixture(scope="module")
def annex(cat):
    return [c for c in cat.controls if c.type == "annex-a"]


@pytest.fixture(scope="module")
def clauses(cat):
    return [c for c in cat.controls if c.type == "clause"]


def _ref_clause_rows(ref) -> list[tuple[str, str, str | None]]:
    """(catalog id, English title, expected parent) for every clause and subclause, in order."""
    rows = []
    for clause in ref["iso27001_2022_clauses"]:
        rows.append(("C" + clause["id"], clause["title"], None))
        for sub in clause["subclauses"]:
            parent_num = sub["id"].rsplit(".", 1)[0]
            rows.append(("C" + sub["id"], sub["title"], "C" + parent_num))
    return rows


# ---------------------------------------------------------------- header


def test_header(cat):
    assert cat.id == "iso27001-2022"
    assert cat.short_name == "ISO 27001"
    assert cat.version == "2022"
    assert cat.publisher == "ISO/IEC"
    assert cat.published == "2022-10-25"
    assert cat.effective
    assert cat.coverage_types == ["annex-a"]
    assert set(cat.types) == {"clause", "annex-a"}
    assert set(cat.languages) == {"es", "en"}
    assert cat.sources and all(s["url"].startswith(("http://", "https://")) for s in cat.sources)
    assert "Amd 1:2024" in cat.description["en"] or "Amendment 1:2024" in cat.description["en"]
    assert "2024" in cat.description["es"]
    for lang in ("es", "en"):
        assert cat.name[lang].strip()
        assert cat.license_note[lang].strip()
        assert "iso.org" in cat.license_note[lang]


def test_groups(cat):
    titles = {g.id: g.title for g in cat.groups}
    assert set(titles) == {"organizational", "people", "physical", "technological", "clauses"}
    assert titles["organizational"]["es"] == "Organizacionales"
    assert titles["people"]["es"] == "De personas"
    assert titles["physical"]["es"] == "Físicos"
    assert titles["technological"]["es"] == "Tecnológicos"
    assert titles["clauses"]["es"] == "Cláusulas del sistema de gestión"


# ---------------------------------------------------------------- Annex A


def test_annex_a_has_93_contiguous_ids_with_right_theme(annex):
    assert len(annex) == 93
    expected = [
        (f"{prefix}.{n}", theme) for theme, (prefix, count) in THEME_RANGES.items() for n in range(1, count + 1)
    ]
    assert [(c.id, c.group) for c in annex] == expected


def test_annex_a_matches_reference(annex, ref):
    block = ref["iso27001_2022_annex_a"]
    assert block["count"] == 93
    expected = [(r["id"], r["title"], r["theme"]) for r in block["controls"]]
    assert [(c.id, c.title["en"], c.group) for c in annex] == expected


def test_new_in_2022_tags(cat):
    tagged = {c.id for c in cat.controls if "new-2022" in c.tags}
    assert tagged == NEW_2022
    assert all(cat.control(i).type == "annex-a" for i in NEW_2022)


def test_float_trap_ids_are_distinct(cat):
    # "5.10" read unquoted would collapse into 5.1; both must exist with their own titles.
    for short, long in (("5.1", "5.10"), ("5.2", "5.20"), ("5.3", "5.30"), ("7.1", "7.10"), ("8.1", "8.10"),
                        ("8.2", "8.20"), ("8.3", "8.30")):
        assert cat.control(short).title["en"] != cat.control(long).title["en"]


# ---------------------------------------------------------------- clauses


def test_clauses_match_reference(clauses, ref):
    expected = _ref_clause_rows(ref)
    assert [(c.id, c.title["en"], c.parent) for c in clauses] == expected
    assert {c.id for c in clauses if c.parent is None} == {f"C{n}" for n in range(4, 11)}
    assert all(c.group == "clauses" for c in clauses)


def test_clauses_come_first_then_annex_a(cat):
    types = [c.type for c in cat.controls]
    first_annex = types.index("annex-a")
    assert set(types[:first_annex]) == {"clause"}
    assert set(types[first_annex:]) == {"annex-a"}
    assert len(cat.controls) == first_annex + 93


def test_amendment_2024_clauses_are_flagged(cat):
    flagged = {c.id for c in cat.controls if "amd1-2024" in c.tags}
    assert flagged == {"C4.1", "C4.2"}


# ---------------------------------------------------------------- every control


def test_ids_unique_strings_and_references_resolve(cat):
    ids = [c.id for c in cat.controls]
    assert len(ids) == len(set(ids))
    group_ids = {g.id for g in cat.groups}
    for c in cat.controls:
        assert isinstance(c.id, str)
        assert c.type in cat.types
        assert c.group in group_ids
        if c.parent is not None:
            assert isinstance(c.parent, str)
            assert cat.control(c.parent) is not None, c.id


def test_raw_yaml_ids_are_quoted_strings():
    raw = yaml.safe_load(CATALOG.read_text(encoding="utf-8"))
    for entry in raw["controls"]:
        assert isinstance(entry["id"], str), entry["id"]
        if "parent" in entry:
            assert isinstance(entry["parent"], str), entry["id"]


def test_every_text_is_bilingual(cat):
    for c in cat.controls:
        for field in ("title", "description"):
            text = getattr(c, field)
            assert set(text) == {"es", "en"}, (c.id, field)
            assert text["es"].strip() and text["en"].strip(), (c.id, field)
        assert c.title["es"] != c.title["en"], c.id
        assert c.description["es"] != c.description["en"], c.id


def test_descriptions_are_paraphrases_not_normative_text(cat):
    # The standard's requirement sentences are built on "shall"; our own wording never is.
    for c in cat.controls:
        assert not re.search(r"\bshall\b", c.description["en"], flags=re.I), c.id
        assert c.description["en"] != c.title["en"], c.id
        assert len(c.description["en"].split()) >= 6, c.id
