from pathlib import Path

import pytest
from engine_support import catalogs, load_fixture, make_assessment

from posture.findings import Finding
from posture.plan import build_plan
from posture.scoring import CAP, grade, score
from posture.verdict import decide

DOC = Path(__file__).parents[1] / "docs" / "scoring.md"


def tls_finding(severity="high"):
    return Finding("tls-legacy-protocol", severity, "10.0.0.5", 443, "tcp", {"es": "TLS 1.0", "en": "TLS 1.0"},
                   {"es": "d", "en": "d"}, {"es": "Desactive TLS 1.0.", "en": "Disable TLS 1.0."}, "TLSv1.0",
                   {"pci-dss-4.0.1": ["4.2.1"]})


def worked_example():
    cl = load_fixture()
    a = make_assessment(cl, {
        "GOV-01": ("yes", "document", "evidence"), "GOV-02": ("3", "interview"), "PAY-01": ("no", "observation"),
        "PAY-02": ("partial", "interview"), "PAY-03": ("yes", "technical-test"),
        "ACC-01": ("yes", "document", "evidence"), "ACC-02": "na"})
    return cl, a, [tls_finding()]


def test_worked_example_matches_the_doc():
    cl, a, findings = worked_example()
    card = score(a, cl, catalogs(), findings)
    doc = DOC.read_text(encoding="utf-8")
    iso, pci, lfp = (card.frameworks[k] for k in ("iso27001-2022", "pci-dss-4.0.1", "lfpdppp-2025"))
    assert round(iso.uncapped, 1) == 64.5 and iso.claimed == CAP and iso.capped_by == ["PAY-01"]
    assert iso.verified_uncapped == 43.75 and iso.verified == 40.0
    assert round(pci.uncapped, 1) == 58.8 and pci.claimed == 40.0 and round(pci.verified, 1) == 30.8
    assert lfp.claimed == 84.0 and lfp.verified == 100.0
    assert round(card.sections["pay"].claimed, 1) == 46.2 and card.sections["pay"].verified == 0.0
    o = card.overall
    assert round(o.uncapped, 1) == 64.5 and o.verified_uncapped == 43.75
    assert o.claimed == 40.0 and o.limited_by == ["iso27001-2022", "pci-dss-4.0.1"]
    assert round(o.verified, 1) == 30.8 and o.verified_limited_by == ["pci-dss-4.0.1"]
    h = card.headline
    assert (h.letter, h.basis, round(h.value, 1)) == ("D", "verified", 30.8)
    assert round(100 * card.verified_share, 1) == 72.7
    assert card.coverage.percent == 87.5 and card.na == ["ACC-02"] and card.unanswered == ["ACC-03"]
    assert card.coverage.scored_percent == 75.0 and round(card.coverage.na_share, 1) == 14.3
    assert card.coverage.sufficient and not card.coverage.na_flagged
    for figure in ("14.2 / 22 = **64.5**", "7 / 16 = **43.75**", "10 / 17 = **58.8**", "4 / 13 = **30.8**",
                   "**84.0**", "**100.0**", "6 / 13 = **46.2**", "**87.5 %**", "capped: **40.0**",
                   "**75.0 %**", "**14.3 %**", "min(64.5, 40.0, 40.0, 84.0) = **40.0**",
                   "min(43.75, 40.0, 30.8, 100.0) = **30.8**", "**D · Critical (verified)**", "**72.7 %**"):
        assert figure in doc, figure
    plan = build_plan(a, cl, catalogs(), card, findings=findings)
    first, second = plan.items
    assert (first.id, first.risk, first.priority, first.due, first.owner) == (
        "pause-and-resume", 20, "P1", "2026-02-14", "telephony")
    assert first.gain["iso27001-2022"] == 56.4 and first.gain["pci-dss-4.0.1"] == 60.0
    assert (second.id, second.risk, second.priority) == ("PAY-03", 16, "P1")
    assert second.verified_gain["pci-dss-4.0.1"] == 9.2
    assert first.uncapped_gain["iso27001-2022"] == 31.8 and first.uncapped_gain["pci-dss-4.0.1"] == 41.2
    assert first.lifts_cap == {"iso27001-2022": (1, 1), "pci-dss-4.0.1": (1, 1)} and second.lifts_cap == {}
    assert plan.cap_release == {"iso27001-2022": 56.4, "pci-dss-4.0.1": 60.0}
    verdict = decide(card, plan, cl)
    assert (verdict.verdict, verdict.rule, verdict.next_review) == ("reject", "open-critical-failure", "2026-04-15")
    assert "PAY-01" in verdict.open_critical
    for figure in ("**risk 20**", "**P1**", "**2026-02-14**", "**+56.4**", "**+60.0**", "**risk 16**", "**+9.2**",
                   "**+31.8**", "**+41.2**", "**lifts the cap 1 of 1**", "**reject**", "**2026-04-15**"):
        assert figure in doc, figure


def test_na_is_excluded_but_listed_and_unanswered_is_coverage():
    cl = load_fixture()
    base = score(make_assessment(cl, {"GOV-01": "yes", "ACC-02": "no"}), cl, catalogs())
    with_na = score(make_assessment(cl, {"GOV-01": "yes", "ACC-02": "na"}), cl, catalogs())
    assert base.frameworks["lfpdppp-2025"].claimed == 60.0  # 3 / (3 + 2)
    assert with_na.frameworks["lfpdppp-2025"].claimed == 100.0
    assert with_na.na == ["ACC-02"] and "ACC-02" not in with_na.questions
    assert with_na.coverage.answered == 2 and len(with_na.unanswered) == 6


def test_nothing_answered_gives_no_score_rather_than_zero():
    cl = load_fixture()
    card = score(make_assessment(cl, {}), cl, catalogs())
    assert card.overall.claimed is None and card.frameworks["pci-dss-4.0.1"].claimed is None
    assert card.coverage.percent == 0.0 and not card.coverage.sufficient
    assert card.headline.letter is None and card.headline.basis == "insufficient"
    assert card.critical_unanswered == ["PAY-01", "PAY-02", "ACC-01"] and card.critical_total == 3


def test_interview_answers_count_only_as_claimed():
    cl = load_fixture()
    card = score(make_assessment(cl, {"GOV-01": ("yes", "interview"), "ACC-02": ("no", "document", "evidence")}), cl,
                 catalogs())
    assert card.frameworks["lfpdppp-2025"].claimed == 60.0
    assert card.frameworks["lfpdppp-2025"].verified == 0.0


def test_critical_partial_does_not_cap_but_no_does():
    cl = load_fixture()
    partial = score(make_assessment(cl, {"PAY-01": "partial", "PAY-03": "yes"}), cl, catalogs())
    assert partial.frameworks["pci-dss-4.0.1"].capped_by == []
    failed = score(make_assessment(cl, {"PAY-01": "no", "PAY-03": "yes"}), cl, catalogs())
    assert failed.frameworks["pci-dss-4.0.1"].capped_by == ["PAY-01"]
    assert failed.frameworks["lfpdppp-2025"].capped_by == []


def test_info_findings_do_not_contradict():
    cl = load_fixture()
    a = make_assessment(cl, {"PAY-03": ("yes", "interview")})
    assert score(a, cl, catalogs(), [tls_finding("info")]).contradicted == []
    card = score(a, cl, catalogs(), [tls_finding("medium")])
    assert card.contradicted == ["PAY-03"] and card.frameworks["pci-dss-4.0.1"].verified == 0.0
    assert card.frameworks["pci-dss-4.0.1"].claimed == 100.0


def test_frameworks_out_of_scope_are_not_scored():
    cl = load_fixture()
    card = score(make_assessment(cl, {"ACC-03": "yes", "PAY-01": "no"}, frameworks=["pci-dss-4.0.1"]), cl,
                 catalogs())
    assert list(card.frameworks) == ["pci-dss-4.0.1"]
    assert "ACC-03" not in card.questions and card.coverage.total == 4


def test_control_scores_roll_up_to_parents():
    cl = load_fixture()
    card = score(make_assessment(cl, {"PAY-01": "no", "PAY-02": "yes"}), cl, catalogs())
    pci = card.controls["pci-dss-4.0.1"]
    assert pci["3.3.1"].claimed == 0.0 and pci["3.2.1"].claimed == 100.0
    assert pci["3"].claimed == pytest.approx(100 * 4 / 9)


@pytest.mark.parametrize(("value", "letter"), [(100, "A"), (85, "A"), (84.9, "B"), (70, "B"), (50, "C"),
                                               (49.9, "D"), (0, "D")])
def test_grade_bands(value, letter):
    assert grade(value).letter == letter
    assert set(grade(value).name) == {"es", "en"}
