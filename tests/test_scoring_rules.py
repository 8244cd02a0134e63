"""The capping rules of docs/scoring.md, each stated once on the small fixture checklist.

A framework with a failed critical question scores at most ``CAP``. The claimed score is capped by
any failed critical answer; the verified score only by a critical answer that is verified (document,
observation, technical test) and fails, or that a probe finding contradicts. An interview answer
says nothing about the verified score, so it can neither raise nor cap it.
"""

from __future__ import annotations

import pytest
from engine_support import catalogs, load_fixture, make_assessment

from posture.findings import Finding
from posture.scoring import CAP, FAIL_BELOW, score

CHECKLIST = load_fixture()
PCI = "pci-dss-4.0.1"
# PCI questions of the fixture: PAY-01 (critical), PAY-02 (critical), PAY-03 (high, probe tls-legacy-protocol),
# ACC-01 (critical, probe rdp-exposed). Everything verified and passing, apart from the answer under test.
ALL_GOOD = {"PAY-01": ("yes", "document"), "PAY-02": ("yes", "document"), "PAY-03": ("yes", "document"),
            "ACC-01": ("yes", "document")}


def _rdp_finding() -> Finding:
    return Finding("rdp-exposed", "high", "10.0.0.9", 3389, "tcp", {"es": "RDP", "en": "RDP"},
                   {"es": "d", "en": "d"}, {"es": "Cierre RDP.", "en": "Close RDP."}, "3389/tcp open",
                   {PCI: ["1.3"]})


def _pci(answers, findings=()):
    card = score(make_assessment(CHECKLIST, answers), CHECKLIST, catalogs(), list(findings))
    return card.frameworks[PCI]


def test_the_fixture_states_what_these_rules_rely_on():
    assert CHECKLIST.question("PAY-01").critical and CHECKLIST.question("PAY-02").critical
    assert not CHECKLIST.question("PAY-03").critical
    assert "rdp-exposed" in CHECKLIST.question("ACC-01").probe_checks
    yes_no = {o.value: o.score for o in CHECKLIST.scale_of(CHECKLIST.question("PAY-01")).options}
    assert yes_no["no"] < FAIL_BELOW <= yes_no["partial"]


def test_a_failed_critical_interview_answer_caps_claimed_but_not_verified():
    fw = _pci({**ALL_GOOD, "PAY-01": ("no", "interview")})
    assert fw.capped_by == ["PAY-01"]
    assert fw.verified_capped_by == []  # the verified cap comes from verified answers only
    assert fw.uncapped > CAP and fw.claimed == CAP
    assert fw.verified == fw.verified_uncapped == 100.0  # only verified answers count, and they all pass


def test_a_failed_critical_verified_answer_caps_both():
    fw = _pci({**ALL_GOOD, "PAY-01": ("no", "observation")})
    assert fw.capped_by == ["PAY-01"] and fw.verified_capped_by == ["PAY-01"]
    assert fw.claimed == CAP and fw.verified == CAP
    assert fw.uncapped > CAP and fw.verified_uncapped > CAP


def test_a_probe_contradiction_caps_verified_only():
    fw = _pci(ALL_GOOD, [_rdp_finding()])
    assert fw.capped_by == []  # the claim itself passes
    assert fw.claimed == fw.uncapped == 100.0
    assert fw.verified_capped_by == ["ACC-01"]
    assert fw.verified == CAP


def test_a_contradicted_interview_answer_counts_as_verified_and_caps():
    fw = _pci({**ALL_GOOD, "ACC-01": ("yes", "interview")}, [_rdp_finding()])
    assert fw.verified_capped_by == ["ACC-01"] and fw.verified == CAP


def test_a_partial_critical_answer_does_not_cap():
    fw = _pci({**ALL_GOOD, "PAY-01": ("partial", "document")})
    assert fw.capped_by == [] and fw.verified_capped_by == []
    assert fw.claimed == fw.uncapped < 100.0


def test_a_failed_non_critical_answer_does_not_cap():
    fw = _pci({**ALL_GOOD, "PAY-03": ("no", "document")})
    assert fw.capped_by == [] and fw.verified_capped_by == []
    assert fw.claimed == fw.uncapped > CAP


def test_the_cap_is_a_ceiling_not_a_floor():
    """Everything failed: the raw score is below the cap and stays there."""
    fw = _pci({q: ("no", "document") for q in ALL_GOOD})
    assert fw.claimed == fw.uncapped == 0.0
    assert fw.capped_by == ["PAY-01", "PAY-02", "ACC-01"]


@pytest.mark.parametrize(("method", "verified"), [("interview", False), ("document", True),
                                                  ("observation", True), ("technical-test", True)])
def test_only_verifying_methods_enter_the_verified_score(method, verified):
    card = score(make_assessment(CHECKLIST, {"PAY-03": ("partial", method)}), CHECKLIST, catalogs())
    fw = card.frameworks[PCI]
    assert fw.claimed == 50.0
    assert fw.verified == (50.0 if verified else None)
    assert card.questions["PAY-03"].verified is verified
