"""The capping rules of docs/scoring.md, each stated once on the small fixture checklist.

A framework with a failed critical question scores at most ``CAP``. The claimed score is capped by
any failed critical answer; the verified score only by a critical answer that is verified (document,
observation, technical test) and fails, or that a probe finding contradicts. An interview answer
says nothing about the verified score, so it can neither raise nor cap it.
"""

from __future__ import annotations

import pytest
from engine_support import DATA, catalogs, load_fixture, make_assessment

from posture import scoring as _scoring
from posture.errors import PostureError
from posture.findings import Finding
from posture.scoring import CAP, FAIL_BELOW, score

CHECKLIST = load_fixture()
PCI = "pci-dss-4.0.1"
# PCI questions of the fixture: PAY-01 (critical), PAY-02 (critical), PAY-03 (high, probe tls-legacy-protocol),
# ACC-01 (critical, probe rdp-exposed). Everything verified and passing, apart from the answer under test.
DOC = ("yes", "document", "evidence")  # a document counts as verified with its evidence file (docs/scoring.md §4)
ALL_GOOD = {"PAY-01": DOC, "PAY-02": DOC, "PAY-03": DOC,
            "ACC-01": ("yes", "document", "evidence")}


@pytest.fixture(autouse=True)
def _fresh_index():
    """Each rule is checked on an index built for it: a cached index (built by an earlier test, or inherited by
    a forked mutation run) would hide a fault in how the index is built."""
    _scoring._CACHE.clear()


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
    fw = _pci({**ALL_GOOD, "PAY-01": ("partial", "document", "evidence")})
    assert fw.capped_by == [] and fw.verified_capped_by == []
    assert fw.claimed == fw.uncapped < 100.0


def test_a_failed_non_critical_answer_does_not_cap():
    fw = _pci({**ALL_GOOD, "PAY-03": ("no", "document", "evidence")})
    assert fw.capped_by == [] and fw.verified_capped_by == []
    assert fw.claimed == fw.uncapped > CAP


def test_the_cap_is_a_ceiling_not_a_floor():
    """Everything failed: the raw score is below the cap and stays there."""
    fw = _pci({q: ("no", "document", "evidence") for q in ALL_GOOD})
    assert fw.claimed == fw.uncapped == 0.0
    assert fw.capped_by == ["PAY-01", "PAY-02", "ACC-01"]


@pytest.mark.parametrize(("method", "verified"), [("interview", False), ("document", False),  # no evidence file
                                                  ("observation", True), ("technical-test", True)])  # who + when
def test_only_verifying_methods_enter_the_verified_score(method, verified):
    card = score(make_assessment(CHECKLIST, {"PAY-03": ("partial", method)}), CHECKLIST, catalogs())
    fw = card.frameworks[PCI]
    assert fw.claimed == 50.0
    assert fw.verified == (50.0 if verified else None)
    assert card.questions["PAY-03"].verified is verified


# -- the shape of a scorecard ----------------------------------------------------------------------

def test_scorecard_keys_follow_the_checklist():
    """Frameworks in the checklist's order, every section once (by id), every mapped control once."""
    card = score(make_assessment(CHECKLIST, {"GOV-01": "yes"}), CHECKLIST, catalogs())
    assert list(card.frameworks) == list(CHECKLIST.catalogs)  # not the order questions first map them
    assert list(card.sections) == [s.id for s in CHECKLIST.sections]
    for fw in CHECKLIST.catalogs:
        assert None not in card.controls[fw]
    assert card.sections["gov"].claimed == 100.0 and card.sections["pay"].claimed is None


def test_a_framework_without_its_catalog_is_scored_on_the_mapped_ids():
    """Without a catalog (say, a custom framework whose catalog is not loaded) the question's own mapped ids
    are the controls; the other frameworks are unaffected."""
    only_iso = {k: v for k, v in catalogs().items() if k == "iso27001-2022"}
    a = make_assessment(CHECKLIST, {**ALL_GOOD, "PAY-01": ("no", "document", "evidence")})
    partial, full = score(a, CHECKLIST, only_iso), score(a, CHECKLIST, catalogs())
    assert set(partial.controls[PCI]) == {"3.3.1", "3.2.1", "4.2.1", "8.3.1"}
    assert partial.controls[PCI]["3.3.1"].claimed == 0.0 and partial.controls[PCI]["3.2.1"].claimed == 100.0
    assert partial.frameworks[PCI] == full.frameworks[PCI]
    assert partial.frameworks["iso27001-2022"] == full.frameworks["iso27001-2022"]


def test_catalogs_default_to_the_bundled_ones_and_a_given_set_is_used():
    a = make_assessment(CHECKLIST, ALL_GOOD)
    assert score(a, CHECKLIST) == score(a, CHECKLIST, catalogs())
    only_iso = {k: v for k, v in catalogs().items() if k == "iso27001-2022"}
    assert set(score(a, CHECKLIST, only_iso).controls[PCI]) != set(score(a, CHECKLIST).controls[PCI])


def test_two_checklists_scored_in_turn_never_share_an_index():
    """The index cache is keyed by checklist and catalogs: alternating checklists gives each its own result."""
    other = load_fixture(DATA / "checklist-no-na.yaml")
    a, b = make_assessment(CHECKLIST, ALL_GOOD), make_assessment(other, {"PAY-01": "no", "PAY-02": "yes"})
    first_a, first_b = score(a, CHECKLIST, catalogs()), score(b, other, catalogs())
    assert list(first_b.sections) == ["pay"] and list(first_b.frameworks) == [PCI]
    assert score(a, CHECKLIST, catalogs()) == first_a and score(b, other, catalogs()) == first_b
    only_iso = {k: v for k, v in catalogs().items() if k == "iso27001-2022"}
    assert score(b, other, only_iso).frameworks[PCI] == first_b.frameworks[PCI]
    assert set(score(b, other, only_iso).controls[PCI]) == {"3.3.1", "3.2.1"}


def test_a_value_outside_the_scale_names_the_value_and_the_question():
    a = make_assessment(CHECKLIST, {"GOV-01": "maybe"})
    with pytest.raises(PostureError) as err:
        score(a, CHECKLIST, catalogs())
    for lang in ("es", "en"):
        assert "'maybe'" in err.value.message[lang] and "GOV-01" in err.value.message[lang]


def test_each_question_score_records_its_answer():
    card = score(make_assessment(CHECKLIST, {"PAY-01": ("no", "document", "evidence"),
                                             "PAY-03": ("partial", "interview"),
                                             "ACC-01": ("yes", "interview")}), CHECKLIST, catalogs(), [_rdp_finding()])
    fields = {qid: (q.id, q.value, q.score, q.weight, q.verified, q.contradicted, q.failed)
              for qid, q in card.questions.items()}
    assert fields["PAY-01"] == ("PAY-01", "no", 0.0, 5, True, False, True)
    assert fields["PAY-03"] == ("PAY-03", "partial", 0.5, 4, False, False, False)
    assert fields["ACC-01"] == ("ACC-01", "yes", 1.0, 4, True, True, False)


def test_weights_sum_the_answered_and_the_verified_questions():
    """Σw claimed is the weight of every scored answer in the bucket; Σw verified only of the verified ones."""
    card = score(make_assessment(CHECKLIST, {"PAY-01": ("no", "document", "evidence"), "PAY-02": "na",
                                             "PAY-03": ("partial", "interview")}), CHECKLIST, catalogs())
    pay = card.sections["pay"]
    assert (pay.weight, pay.verified_weight) == (5 + 4, 5)
    assert (pay.claimed, pay.verified) == (100 * (5 * 0 + 4 * 0.5) / 9, 0.0)
    control = card.controls[PCI]["3.3.1"]  # PAY-01 only
    assert (control.claimed, control.verified, control.weight, control.verified_weight) == (0.0, 0.0, 5, 5)
    control = card.controls[PCI]["4.2.1"]  # PAY-03, by interview: no verified score
    assert (control.claimed, control.verified, control.weight, control.verified_weight) == (50.0, None, 4, 0)


def test_framework_and_overall_weights():
    card = score(make_assessment(CHECKLIST, {"GOV-01": ("yes", "document", "evidence"), "PAY-01": ("no", "interview"),
                                             "ACC-02": ("yes", "observation"), "ACC-03": "na"}),
                 CHECKLIST, catalogs())
    pci, iso = card.frameworks[PCI], card.frameworks["iso27001-2022"]
    assert (pci.weight, pci.verified_weight) == (5, 0)  # PAY-01 only, by interview
    assert (iso.weight, iso.verified_weight) == (3 + 5 + 2, 3 + 2)  # GOV-01 and ACC-02 verified, PAY-01 not
    assert (card.overall.weight, card.overall.verified_weight) == (3 + 5 + 2, 3 + 2)
    assert (card.sections["gov"].weight, card.sections["gov"].verified_weight) == (3, 3)  # not the overall's
    assert card.overall.uncapped == 100 * 5 / 10 and card.overall.verified == 100.0
