"""Completeness tests for the PCI DSS v4.0.1 catalog (controls/pci-dss-4.0.1.yaml).

The expected ids come from the committed reference tests/data/reference/catalogs.md: its fenced
```yaml blocks ``pci_dss_v4_0_1`` (12 requirements, appendices and the 71 x.y headings),
``pci_dss_future_dated_mandatory_2025_03_31`` (the 51 requirements mandatory since 2025-03-31) and
``contact_center_controls`` (the contact-center crosswalk), plus the §2.3 contact-center table.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
import yaml

from posture.content import load_catalog

REPO = Path(__file__).resolve().parents[2]
CATALOG_PATH = REPO / "controls" / "pci-dss-4.0.1.yaml"
REFERENCE_PATH = REPO / "tests" / "data" / "reference" / "catalogs.md"

PRINCIPAL_IDS = [str(n) for n in range(1, 13)] + ["A1", "A2", "A3"]
GOAL_OF = {
    "1": "goal-1", "2": "goal-1",
    "3": "goal-2", "4": "goal-2",
    "5": "goal-3", "6": "goal-3",
    "7": "goal-4", "8": "goal-4", "9": "goal-4",
    "10": "goal-5", "11": "goal-5",
    "12": "goal-6",
    "A1": "appendices", "A2": "appendices", "A3": "appendices",
}
ID_RE = re.compile(r"(?<![\w.])(?:A[1-3]|\d{1,2})(?:\.\d{1,2})+(?![\w])")


# ----------------------------------------------------------------------------- fixtures


def _reference_blocks() -> dict:
    text = REFERENCE_PATH.read_text(encoding="utf-8")
    merged: dict = {}
    for block in re.findall(r"```yaml\n(.*?)```", text, flags=re.S):
        loaded = yaml.safe_load(block)
        assert isinstance(loaded, dict)
        merged.update(loaded)
    return merged


@pytest.fixture(scope="module")
def ref() -> dict:
    blocks = _reference_blocks()
    for key in ("pci_dss_v4_0_1", "pci_dss_future_dated_mandatory_2025_03_31", "contact_center_controls"):
        assert key in blocks, f"reference block {key} missing from {REFERENCE_PATH}"
    return blocks


@pytest.fixture(scope="module")
def ref_headings(ref) -> dict[str, tuple[str, str]]:
    """x.y heading id -> (parent requirement id, the standard's heading wording)."""
    out = {}
    for req in ref["pci_dss_v4_0_1"]["principal_requirements"]:
        for sub in req["sub_requirements"]:
            out[str(sub["id"])] = (str(req["id"]), sub["title"])
    return out


@pytest.fixture(scope="module")
def ref_future(ref) -> list[dict]:
    return ref["pci_dss_future_dated_mandatory_2025_03_31"]["requirements"]


@pytest.fixture(scope="module")
def cat():
    return load_catalog(CATALOG_PATH)


@pytest.fixture(scope="module")
def raw() -> dict:
    return yaml.safe_load(CATALOG_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def by_id(cat) -> dict:
    return {c.id: c for c in cat.controls}


def _tags(control) -> list[str]:
    return list(control.tags or [])


def _depth(control_id: str) -> int:
    return control_id.count(".") + 1


# ----------------------------------------------------------------------------- header


def test_header(cat, raw):
    assert cat.id == "pci-dss-4.0.1"
    assert cat.version == "4.0.1"
    assert str(cat.published) == "2024-06-11"
    assert str(cat.effective) == "2024-06-11"
    assert cat.coverage_types == ["heading"]
    assert "4.0.1" in cat.name["en"] and "4.0.1" in cat.name["es"]
    for lang in ("es", "en"):
        assert cat.license_note[lang].strip()
    assert "2025" in raw["description"]["en"] and "51" in raw["description"]["en"]
    urls = [s["url"] if isinstance(s, dict) else s.url for s in cat.sources]
    assert any("pcisecuritystandards.org/faq" in u and "sensitive-authentication-data" in u for u in urls), urls
    assert set(raw["types"]) == {"requirement", "heading", "sub-requirement"}
    for names in raw["types"].values():
        assert names["es"].strip() and names["en"].strip()


def test_groups_are_the_six_goals_plus_appendices(cat):
    ids = [g.id for g in cat.groups]
    assert ids == [f"goal-{n}" for n in range(1, 7)] + ["appendices"]
    for g in cat.groups:
        assert g.title["es"].strip() and g.title["en"].strip()


# ----------------------------------------------------------------------------- structure


def test_ids_are_unique_quoted_strings(cat, raw):
    ids = [c.id for c in cat.controls]
    assert len(ids) == len(set(ids))
    assert all(isinstance(i, str) for i in ids)
    # Check the raw YAML too, so a loader that coerces values cannot hide an unquoted id.
    for entry in raw["controls"]:
        assert isinstance(entry["id"], str), entry["id"]
        if "parent" in entry:
            assert isinstance(entry["parent"], str), (entry["id"], entry["parent"])
    # The float trap: 12.10 and 12.1 (and 1.10-style ids) must both survive as distinct ids.
    assert "12.10" in ids and "12.1" in ids


def test_principal_requirements_and_appendices(cat, by_id):
    principal = [c.id for c in cat.controls if c.type == "requirement"]
    assert principal == PRINCIPAL_IDS
    for cid, goal in GOAL_OF.items():
        assert by_id[cid].group == goal, cid
        assert not by_id[cid].parent
    group_ids = {g.id for g in cat.groups}
    assert {c.group for c in cat.controls if c.group} <= group_ids


def test_exactly_the_71_reference_headings(cat, by_id, ref_headings):
    headings = [c.id for c in cat.controls if c.type == "heading"]
    assert len(headings) == 71
    assert len(ref_headings) == 71
    assert set(headings) == set(ref_headings)
    for hid, (req_id, _) in ref_headings.items():
        assert by_id[hid].parent == req_id, hid


def test_types_match_depth_and_are_declared(cat, raw):
    declared = set(raw["types"])
    for c in cat.controls:
        assert c.type in declared, c.id
        depth = _depth(c.id)
        expected = {1: "requirement", 2: "heading"}.get(depth, "sub-requirement")
        assert c.type == expected, (c.id, c.type)


def test_parents_exist_and_are_prefix_consistent(cat, by_id):
    position = {c.id: n for n, c in enumerate(cat.controls)}
    for c in cat.controls:
        if c.type == "requirement":
            continue
        assert c.parent, f"{c.id} has no parent"
        assert c.parent in by_id, f"{c.id}: parent {c.parent} missing"
        assert c.id.startswith(c.parent + "."), (c.id, c.parent)
        assert _depth(c.id) == _depth(c.parent) + 1, (c.id, c.parent)
        assert position[c.parent] < position[c.id], f"{c.id} listed before its parent {c.parent}"


# ----------------------------------------------------------------------------- future-dated


def test_reference_future_dated_list_has_51(ref_future):
    assert len(ref_future) == 51
    assert len({str(r["id"]) for r in ref_future}) == 51


def test_all_51_future_dated_present_with_date_and_scope(by_id, ref_future):
    for entry in ref_future:
        rid = str(entry["id"])
        assert rid in by_id, f"future-dated {rid} missing"
        c = by_id[rid]
        assert str(c.mandatory_from) == "2025-03-31", rid
        assert c.applies_to == entry["applies_to"], (rid, c.applies_to, entry["applies_to"])
        tags = _tags(c)
        assert "future-dated" in tags, rid
        assert ("bullet-future-dated" in tags) == bool(entry.get("bullet")), rid
        if entry.get("cc_relevance"):
            assert f"cc-relevance-{entry['cc_relevance']}" in tags, rid


def test_nothing_else_is_future_dated(cat, ref_future):
    expected = {str(r["id"]) for r in ref_future}
    marked = {c.id for c in cat.controls if c.mandatory_from or "future-dated" in _tags(c)}
    assert marked == expected


def test_relevance_tags_are_exclusive(cat):
    for c in cat.controls:
        tags = _tags(c)
        assert not ("cc-relevance-high" in tags and "cc-relevance-medium" in tags), c.id
        assert len(tags) == len(set(tags)), c.id


# ----------------------------------------------------------------------------- contact center


def test_every_crosswalk_pci_id_exists(by_id, ref):
    cited = set()
    for cc in ref["contact_center_controls"]:
        cited |= {str(i) for i in cc["pci_dss_4_0_1"]}
    assert len(cited) > 50  # guard: the crosswalk really was parsed
    missing = sorted(cited - set(by_id))
    assert not missing, missing
    for cid in cited:
        tags = _tags(by_id[cid])
        assert "cc-relevance-high" in tags or "cc-relevance-medium" in tags, cid


def test_every_id_in_the_contact_center_table_exists(by_id):
    """Ids in the first column of the §2.3 table (ranges such as 7.2.1–7.2.5.1 give both ends)."""
    text = REFERENCE_PATH.read_text(encoding="utf-8")
    section = text.split("### 2.3", 1)[1].split("### 2.4", 1)[0]
    ids = set()
    for line in section.splitlines():
        if line.startswith("| **"):
            first_cell = line.split("|")[1]
            ids |= set(ID_RE.findall(first_cell))
    assert {"3.3.1", "3.3.1.2", "4.2.2", "7.2.5.1", "12.10.7", "12.5.2.1"} <= ids  # parsed correctly
    missing = sorted(ids - set(by_id))
    assert not missing, missing


def test_recordings_rule_mentions_recordings(by_id):
    text = by_id["3.3.1"].description["en"].lower()
    assert "recording" in text
    assert "grabaci" in by_id["3.3.1"].description["es"].lower()


# ----------------------------------------------------------------------------- text


def test_titles_and_descriptions_bilingual(cat):
    for c in cat.controls:
        for field in ("title", "description"):
            value = getattr(c, field)
            for lang in ("es", "en"):
                assert isinstance(value[lang], str) and value[lang].strip(), (c.id, field, lang)
            assert value["es"].strip() != value["en"].strip(), (c.id, field)


def test_titles_are_paraphrased_not_the_standard_wording(by_id, ref):
    """Requirement and heading titles are our own words: not equal, nor nearly equal, to the standard's."""

    def norm(s: str) -> str:
        return re.sub(r"[^a-z0-9]+", " ", s.lower()).strip()

    official = {}
    for req in ref["pci_dss_v4_0_1"]["principal_requirements"]:
        official[str(req["id"])] = req["title"]
        for sub in req["sub_requirements"]:
            official[str(sub["id"])] = sub["title"]
    assert len(official) == 71 + 15
    for cid, wording in official.items():
        for field in ("title", "description"):
            ours = norm(getattr(by_id[cid], field)["en"])
            ratio = difflib.SequenceMatcher(None, ours, norm(wording)).ratio()
            assert ratio < 0.9, (cid, field, ours, wording)


def test_8_5_is_mfa_misuse_prevention(cat, by_id):
    c = cat.control("8.5")
    assert c is not None and c.type == "heading"
    assert "misuse" in c.title["en"].lower()
    assert "mfa" in c.title["en"].lower()
    assert "mal uso" in c.title["es"].lower()
    assert c.title["en"] != by_id["8.4"].title["en"]
    assert by_id["8.5.1"].parent == "8.5"


def test_10_7_3_is_future_dated_only_for_entities_that_are_not_service_providers(by_id, cat):
    note = by_id["10.7.3"].note
    assert note is not None
    assert "not service providers" in note["en"] and "10.8.1" in note["en"]
    assert "no son proveedores de servicios" in note["es"] and "10.8.1" in note["es"]
    # The catalog's own list of future-dated requirements says so too.
    assert "10.7.3" in cat.description["en"] and "not service providers" in cat.description["en"]
    assert "10.7.3" in cat.description["es"] and "no son proveedores de servicios" in cat.description["es"]
