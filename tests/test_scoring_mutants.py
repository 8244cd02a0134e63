"""Scoring rules that mutation testing (bench/mutation.py scoring) found unstated: each test names its rule.

docs/scoring.md §5 (a question nobody answered fails by probe on a high or critical finding), §7 (the
headline) and the overall's limit by its lowest framework, on the small fixture checklist.
"""

from __future__ import annotations

import pytest
from engine_support import catalogs, load_fixture, make_assessment

from posture import scoring as _scoring
from posture.findings import Finding
from posture.scoring import CAP, Coverage, OverallScore, QuestionScore, headline, score

CHECKLIST = load_fixture()
PCI, ISO, LFP = "pci-dss-4.0.1", "iso27001-2022", "lfpdppp-2025"
DOC = ("yes", "document", "evidence")


@pytest.fixture(autouse=True)
def _fresh_index():
    _scoring._CACHE.clear()


def _rdp(severity):
    return Finding("rdp-exposed", severity, "10.0.0.9", 3389, "tcp", {"es": "RDP", "en": "RDP"},
                   {"es": "d", "en": "d"}, {"es": "Cierre RDP.", "en": "Close RDP."}, "3389/tcp open",
                   {PCI: ["1.3"]})


def _card(answers, findings=()):
    return score(make_assessment(CHECKLIST, answers), CHECKLIST, catalogs(), list(findings))


@pytest.mark.parametrize("severity", ["high", "critical"])
def test_an_unanswered_question_fails_by_probe_on_a_high_or_critical_finding(severity):
    # ACC-01 (critical, weight 4, PCI 8.3.1 and ISO 8.5) verified by rdp-exposed; nobody answered it
    card = _card({"PAY-01": DOC}, [_rdp(severity)])
    assert card.failed_by_probe == ["ACC-01"] and "ACC-01" not in card.unanswered
    assert card.questions["ACC-01"] == QuestionScore("ACC-01", "", 0.0, 4, True, False, True, by_probe=True)
    assert card.questions["ACC-01"].by_probe is True and card.questions["ACC-01"].value == ""
    pci = card.frameworks[PCI]
    # scored 0 with its weight in both scores: PAY-01 (w5) passes, ACC-01 (w4) fails
    assert pci.uncapped == pytest.approx(100.0 * 5 / 9) and pci.verified_uncapped == pytest.approx(100.0 * 5 / 9)
    assert pci.weight == 9 and pci.verified_weight == 9
    assert pci.capped_by == ["ACC-01"] and pci.verified_capped_by == ["ACC-01"]
    assert pci.claimed == CAP and pci.verified == CAP
    assert card.controls[PCI]["8.3.1"].claimed == 0.0 and card.controls[PCI]["8.3.1"].verified == 0.0
    assert "ACC-01" in card.critical_failed
    assert card.coverage.answered == 1  # failed by probe is not an answer


@pytest.mark.parametrize("severity", ["medium", "low", "info"])
def test_a_lesser_finding_leaves_an_unanswered_question_unanswered(severity):
    card = _card({"PAY-01": DOC}, [_rdp(severity)])
    assert card.failed_by_probe == [] and "ACC-01" in card.unanswered and "ACC-01" not in card.questions
    assert card.frameworks[PCI].claimed == 100.0 and card.frameworks[PCI].capped_by == []


def test_the_overall_is_not_limited_by_a_framework_equal_to_it():
    card = _card({qid: DOC for qid in ("GOV-01", "PAY-01", "PAY-02", "PAY-03", "ACC-01", "ACC-02", "ACC-03")})
    assert {fw: f.claimed for fw, f in card.frameworks.items()} == {ISO: 100.0, PCI: 100.0, LFP: 100.0}
    assert card.overall.claimed == 100.0 and card.overall.limited_by == [] and card.overall.verified_limited_by == []


def _cov(answered=10, total=10):
    return Coverage(answered, total, 0, 0.5, 0.5, 0.5)


@pytest.mark.parametrize(("claimed", "verified", "above"), [
    (60.0, 80.0, True), (80.0, 60.0, False), (70.0, 70.0, False), (70.0, None, False)])
def test_verified_above_claimed_only_when_strictly_higher(claimed, verified, above):
    h = headline(OverallScore(claimed, verified), _cov())
    assert h.verified_above_claimed is above
    assert (h.claimed, h.verified) == (claimed, verified)


def test_verified_above_claimed_is_also_reported_when_coverage_is_insufficient():
    h = headline(OverallScore(60.0, 80.0), _cov(answered=1))
    assert h.letter is None and h.basis == "insufficient" and h.value is None
    assert h.name == {} and (h.claimed, h.verified) == (60.0, 80.0) and h.verified_above_claimed is True
    nothing = headline(OverallScore(None, 80.0), _cov())
    assert nothing.basis == "insufficient" and nothing.verified_above_claimed is False


def test_a_verified_higher_than_claimed_overall_is_flagged_on_the_scorecard():
    # a failed interview answer lowers the claimed overall only; the verified one rests on documents
    card = _card({"PAY-01": DOC, "PAY-02": DOC, "PAY-03": DOC, "ACC-01": DOC, "GOV-01": ("no", "interview")})
    assert card.overall.verified > card.overall.claimed
    assert card.headline.verified_above_claimed is True


def test_the_scorecard_lists_vendor_declared_answers_na_included():
    from posture.assessment import Answer

    card = _card({"GOV-01": Answer("yes", method="vendor-declared", qid="GOV-01"),
                  "ACC-02": Answer("na", method="vendor-declared", na_justification="no aplica", qid="ACC-02"),
                  "PAY-01": DOC})
    assert card.vendor_declared == ["GOV-01", "ACC-02"]  # checklist order
    assert card.na == ["ACC-02"] and card.questions["GOV-01"].verified is False


def test_the_scorecard_lists_carried_answers_which_are_never_verified():
    from posture.assessment import Answer, Evidence

    ev = [Evidence("evidence/PAY-01.pdf", "ab" * 32, "2026-01-15T10:00:00+00:00")]
    card = _card({"PAY-01": Answer("yes", method="document", evidence=ev, carried_over=True, qid="PAY-01"),
                  "PAY-02": DOC})
    assert card.carried == ["PAY-01"]
    q = card.questions["PAY-01"]
    assert q.carried is True and q.verified is False and q.claim_reason == "carried"


def test_a_question_says_why_it_is_only_claimed_and_nothing_when_verified():
    card = _card({"PAY-01": ("yes", "interview"), "PAY-02": ("yes", "document"), "PAY-03": DOC,
                  "ACC-01": ("yes", "interview")}, [_rdp("high")])
    assert card.questions["PAY-01"].claim_reason == "method"
    assert card.questions["PAY-02"].claim_reason == "no-evidence"  # a document without its file
    assert card.questions["PAY-03"].claim_reason == ""
    # an interview answer a probe contradicts is verified (at 0): nothing to explain
    acc = card.questions["ACC-01"]
    assert acc.verified and acc.contradicted and acc.claim_reason == ""


def test_coverage_carries_the_rules_thresholds_each_in_its_place():
    from posture.rules import default_rules

    cov = default_rules().coverage
    assert len({cov.min_answered, cov.min_scored, cov.flag_na_share}) == 3  # distinct, so a swap shows
    card = _card({"PAY-01": DOC})
    assert (card.coverage.min_answered, card.coverage.min_scored, card.coverage.flag_na_share) == (
        cov.min_answered, cov.min_scored, cov.flag_na_share)


@pytest.mark.parametrize(("claimed", "verified", "basis", "value"), [
    (70.0, None, "claimed-only", 70.0), (70.0, 60.0, "verified", 60.0), (70.0, 70.0, "claimed", 70.0),
    (60.0, 80.0, "claimed", 60.0)])
def test_the_headline_grades_the_lower_score_and_names_its_basis(claimed, verified, basis, value):
    h = headline(OverallScore(claimed, verified), _cov())
    letter, name = _scoring.grade(value).letter, _scoring.grade(value).name
    assert h == _scoring.Headline(letter, name, value, basis, claimed, verified, bool(verified and verified > claimed))
    assert h.name and h.name == name


def test_an_insufficient_headline_keeps_both_scores():
    h = headline(OverallScore(60.0, 50.0), _cov(answered=1))
    assert h == _scoring.Headline(None, {}, None, "insufficient", 60.0, 50.0, False)
    assert h.verified_above_claimed is False


@pytest.mark.parametrize(("letter", "rank"), [("A", 0), ("B", 1), ("C", 2), ("D", 3), (None, 4), ("", 4),
                                              ("E", 4)])
def test_letter_rank_orders_a_to_d_then_no_letter(letter, rank):
    assert _scoring.letter_rank(letter) == rank


def test_a_finding_contradicts_an_answer_at_exactly_the_claim_threshold(tmp_path):
    # docs/scoring.md §5: a contradiction is a finding against an answer that claims the control, i.e. scores at
    # least CLAIMED_THRESHOLD (0.6 = maturity 3); below it the finding confirms the gap (verified, not contradicted)
    from engine_support import FIXTURE

    from posture.findings import CLAIMED_THRESHOLD

    text = FIXTURE.read_text(encoding="utf-8")
    at = text.index("      - id: PAY-03")
    tail = text[at:].replace("scale: yes-no", "scale: maturity", 1)
    (tmp_path / "maturity.yaml").write_text(text[:at] + tail, encoding="utf-8")
    checklist = load_fixture(tmp_path / "maturity.yaml")
    tls = Finding("tls-legacy-protocol", "high", "10.0.0.9", 443, "tcp", {"es": "TLS", "en": "TLS"},
                  {"es": "d", "en": "d"}, {"es": "r", "en": "r"}, "TLSv1.0", {PCI: ["4.2.1"]})
    assert CLAIMED_THRESHOLD == 3 / 5
    for value, contradicted in (("3", True), ("2", False), ("5", True)):
        _scoring._CACHE.clear()
        card = score(make_assessment(checklist, {"PAY-03": value}), checklist, catalogs(), [tls])
        q = card.questions["PAY-03"]
        assert q.verified and q.contradicted is contradicted, value
        assert card.contradicted == (["PAY-03"] if contradicted else [])


def test_probe_evidence_marks_every_answer_a_finding_bears_on_contradicted_or_not():
    card = _card({"ACC-01": ("no", "interview"), "PAY-01": DOC}, [_rdp("high")])
    acc = card.questions["ACC-01"]
    assert acc.probe_evidence is True and acc.contradicted is False and acc.verified  # a "no" confirmed
    assert card.questions["PAY-01"].probe_evidence is False
    card = _card({"ACC-01": ("yes", "interview")}, [_rdp("high")])
    assert card.questions["ACC-01"].probe_evidence is True and card.questions["ACC-01"].contradicted is True


def test_the_best_grade_floor_is_the_lowest_score_graded_a(monkeypatch):
    """``best_grade_floor`` (the line a control must reach to count as in place: report, OSCAL) is the lowest
    score of grade A in GRADES, 85, and follows GRADES when it changes."""
    floor = _scoring.best_grade_floor()
    assert floor == 85.0 and _scoring.grade(floor).letter == "A" and _scoring.grade(floor - 0.01).letter == "B"
    monkeypatch.setattr(_scoring, "GRADES", ((90.0, "A", {}), (60.0, "B", {}), (0.0, "D", {})))
    assert _scoring.best_grade_floor() == 90.0
