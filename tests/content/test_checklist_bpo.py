"""The full BPO interview: counts, both languages, mappings that resolve, full coverage."""

from __future__ import annotations

import pytest

from posture.content import bundled_library, coverage
from posture.content._paths import bundled_root

SECTION_ORDER = ["governance", "people", "floor", "desktop", "telephony", "payments", "messaging", "network",
                 "identity", "privacy", "logging", "vulnerability", "incidents", "continuity", "suppliers"]


@pytest.fixture(scope="module")
def lib():
    return bundled_library()


@pytest.fixture(scope="module")
def checklist(lib):
    return lib.checklists["bpo-contact-center"]


def test_question_count_and_sections_in_walking_order(checklist):
    assert 150 <= len(checklist.questions) <= 220
    assert [s.id for s in checklist.sections] == SECTION_ORDER
    assert all(len(s.questions) >= 5 for s in checklist.sections)


def test_every_person_facing_string_has_both_languages(checklist):
    for q in checklist.questions:
        texts = [q.text, q.guidance, q.remediation, *q.evidence]
        for text in texts:
            assert text["es"].strip() and text["en"].strip(), q.id
        assert q.text["es"] != q.text["en"], q.id


def test_every_question_maps_to_existing_controls_of_its_catalogs(checklist, lib):
    for q in checklist.questions:
        assert q.maps_to, q.id
        for cat_id, controls in q.maps_to.items():
            assert cat_id in checklist.catalogs
            for control in controls:
                assert lib.catalogs[cat_id].control(control) is not None, (q.id, cat_id, control)


def test_answer_once_score_three(checklist):
    """Most questions give evidence for more than one framework."""
    multi = [q for q in checklist.questions if len(q.maps_to) >= 2]
    assert len(multi) / len(checklist.questions) > 0.8


def test_full_coverage_of_every_framework(checklist, lib):
    for cov in coverage(checklist, lib.catalogs):
        assert cov.complete, (cov.catalog.id, [c.id for c in cov.missing])
    iso = next(c for c in coverage(checklist, lib.catalogs) if c.catalog.id == "iso27001-2022")
    assert len(iso.covered) + len(iso.excluded) == 93


def test_exclusions_carry_a_rationale(checklist):
    assert checklist.not_applicable
    for excl in checklist.not_applicable:
        assert len(excl.rationale["es"]) > 30 and len(excl.rationale["en"]) > 30


def test_criticality_is_used_sparingly_and_on_the_right_things(checklist):
    critical = [q for q in checklist.questions if q.critical]
    assert 5 <= len(critical) <= 0.12 * len(checklist.questions)
    cvv = [q for q in critical if "3.3.1.2" in q.maps_to.get("pci-dss-4.0.1", ())]
    assert cvv, "card verification codes kept in recordings must be a critical question"


def test_probe_checks_exist_and_remote_admin_is_verifiable(checklist, lib):
    cited = {c for q in checklist.questions for c in q.probe_checks}
    assert cited <= set(lib.probe_checks)
    assert {"rdp-exposed", "sip-exposed", "database-unauthenticated", "tls-legacy-protocol"} <= cited


def test_shared_actions_merge_questions(checklist):
    actions: dict[str, list[str]] = {}
    for q in checklist.questions:
        if q.action:
            actions.setdefault(q.action, []).append(q.id)
    assert sum(1 for ids in actions.values() if len(ids) > 1) >= 10


def test_ids_are_quoted_in_the_file():
    text = (bundled_root() / "checklists" / "bpo-contact-center.yaml").read_text("utf-8")
    assert "- id: Q" not in text
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith(("iso27001-2022:", "pci-dss-4.0.1:")):
            inner = stripped.split(":", 1)[1].strip().strip("[]")
            assert all(item.strip().startswith('"') for item in inner.split(",") if item.strip()), line
