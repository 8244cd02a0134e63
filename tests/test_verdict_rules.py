"""The verdict rules as data (docs/scoring.md §11): the bundled file is valid, a consultant's file changes
the verdict, and a broken file is one located error."""

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from engine_support import catalogs, load_fixture, make_assessment

from posture.errors import ContentError
from posture.plan import build_plan
from posture.rules import bundled_rules_path, default_rules, load_rules
from posture.scoring import score
from posture.verdict import add_months, decide

BUNDLED = bundled_rules_path().read_text(encoding="utf-8")


def _all_yes(cl, method=("yes", "observation")):
    return make_assessment(cl, {q.id: (max(cl.scale_of(q).options, key=lambda o: o.score).value, method[1])
                                for q in cl.questions})


def test_the_bundled_rules_are_the_documented_ones():
    rules = default_rules()
    assert [r.id for r in rules.verdicts] == ["open-critical-failure", "insufficient-coverage", "grade-d",
                                              "critical-not-applicable", "overdue-p1", "grade-c", "mostly-claimed",
                                              "approve"]
    assert rules.horizons == {"P1": 30, "P2": 60, "P3": 90}
    assert (rules.coverage.min_answered, rules.coverage.min_scored, rules.coverage.flag_na_share) == (0.8, 0.5, 0.25)
    doc = (Path(__file__).parents[1] / "docs" / "scoring.md").read_text(encoding="utf-8")
    for r in rules.verdicts:
        assert f"| {r.id} |" in doc and f"{r.next_review_months} month" in doc


def test_a_clean_verified_vendor_is_approved_for_a_year():
    cl = load_fixture()
    a = _all_yes(cl)
    card = score(a, cl, catalogs())
    v = decide(card, build_plan(a, cl, catalogs(), card), cl)
    assert (v.verdict, v.rule, v.next_review) == ("approve", "approve", "2027-01-15")
    claimed = _all_yes(cl, ("yes", "interview"))
    card = score(claimed, cl, catalogs())
    v = decide(card, build_plan(claimed, cl, catalogs(), card), cl)
    assert (v.verdict, v.rule) == ("conditional", "mostly-claimed")


def test_an_accepted_risk_is_no_longer_an_open_critical_failure():
    from dataclasses import replace

    from posture.assessment import ActionStatus

    cl = load_fixture()
    a = _all_yes(cl)
    a.answers["PAY-01"] = replace(a.answers["PAY-01"], value="no")
    card = score(a, cl, catalogs())
    assert decide(card, build_plan(a, cl, catalogs(), card), cl).rule == "open-critical-failure"
    a.actions["pause-and-resume"] = ActionStatus("risk-accepted", justification="pausa manual supervisada",
                                                 owner="CISO", expires="2026-06-30", aid="pause-and-resume")
    v = decide(card, build_plan(a, cl, catalogs(), card), cl)
    assert v.rule == "grade-d"  # still capped at 40, so still a D: accepted, not fixed
    a.actions["pause-and-resume"] = replace(a.actions["pause-and-resume"], expires="2026-01-01")  # expired
    assert decide(card, build_plan(a, cl, catalogs(), card), cl).rule == "open-critical-failure"


def test_a_consultants_rules_change_the_verdict(tmp_path):
    strict = tmp_path / "strict.yaml"
    strict.write_text(BUNDLED.replace("min_answered: 0.8", "min_answered: 1.0"), encoding="utf-8")
    cl = load_fixture()
    a = _all_yes(cl)
    del a.answers["ACC-03"]
    rules = load_rules(strict)
    card = score(a, cl, catalogs(), rules=rules)
    assert card.headline.letter is None and not card.coverage.sufficient
    assert decide(card, build_plan(a, cl, catalogs(), card, rules=rules), cl, rules).rule == "insufficient-coverage"
    assert score(a, cl, catalogs()).headline.letter == "A"


@pytest.mark.parametrize(("old", "new", "where"), [
    ("min_answered: 0.8", "min_answered: 8", "coverage.min_answered"),
    ("verdict: reject", "verdict: deny", "verdicts[0].verdict"),
    ("  P1: 30", "  P1: '30'", "horizons.P1"),
    ("grade_below: \"C\"", "grade_below: \"E\"", "verdicts[2].when.grade_below"),
])
def test_a_broken_rules_file_is_one_located_line(tmp_path, old, new, where):
    bad = tmp_path / "rules.yaml"
    assert old in BUNDLED
    bad.write_text(BUNDLED.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_rules(bad)
    line = err.value.lines("en")[0]
    assert line.startswith(f"{bad}:") or "rules.yaml:" in line
    assert where in line
    env = {"PATH": "/usr/bin:/bin", "POSTURE_LANG": "en", "POSTURE_WORKSPACE": str(tmp_path)}
    demo = Path(__file__).parents[1] / "demo" / "centro-de-contacto-demo"
    r = subprocess.run([sys.executable, "-m", "posture", "score", str(demo), "--rules", str(bad)],
                       capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 1 and where in r.stderr and "Traceback" not in r.stderr


def test_rules_without_a_catch_all_are_refused(tmp_path):
    bad = tmp_path / "rules.yaml"
    bad.write_text(BUNDLED.replace("    when: {}\n", "    when: {grade_below: \"A\"}\n"), encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_rules(bad)
    assert "last rule must always hold" in err.value.lines("en")[0]


@pytest.mark.parametrize(("day", "months", "expected"), [
    ("2026-01-31", 1, "2026-02-28"), ("2026-11-30", 3, "2027-02-28"), ("2026-03-10", 12, "2027-03-10")])
def test_next_review_months(day, months, expected):
    import datetime as dt

    assert add_months(dt.date.fromisoformat(day), months).isoformat() == expected



def test_a_known_critical_failure_rejects_whatever_the_coverage():
    """Newcomer finding: leaving questions unanswered turned a reject into a conditional."""
    cl = load_fixture()
    a = _all_yes(cl)
    a.answers["PAY-01"] = replace(a.answers["PAY-01"], value="no")
    for qid in [q.id for q in cl.questions if not q.critical][:4]:
        del a.answers[qid]  # coverage below the threshold: no letter
    card = score(a, cl, catalogs())
    assert card.headline.letter is None
    v = decide(card, build_plan(a, cl, catalogs(), card), cl)
    assert (v.verdict, v.rule) == ("reject", "open-critical-failure")


def test_critical_questions_answered_not_applicable_are_never_approved():
    """Newcomer finding: every critical question N/A with a one-letter justification was approved, A."""
    from posture.verdict import critical_not_applicable

    cl = load_fixture()
    a = _all_yes(cl)
    critical = [q.id for q in cl.questions if q.critical]
    for qid in critical:
        a.answers[qid] = replace(a.answers[qid], value="na", na_justification="x")
    card = score(a, cl, catalogs())
    assert critical_not_applicable(card) == critical
    v = decide(card, build_plan(a, cl, catalogs(), card), cl)
    assert v.verdict != "approve"
    assert v.rule in ("critical-not-applicable", "insufficient-coverage")
