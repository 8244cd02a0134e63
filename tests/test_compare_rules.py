"""compare on two different assessments with deltas worked out by hand (docs/scoring.md for the formulas).

Rules: a question improved/regressed when both sides answered it and its option score went up/down;
a new gap is a question that is a gap now (below the claim threshold, or contradicted) and was not;
a closed gap was a gap and is now answered and not a gap (a gap left unanswered is *not* closed);
a framework or section present on one side only has no change (None), never a made-up number.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from engine_support import DEMO, FIXTURE, catalogs, load_fixture, make_assessment

from posture.assessment import load_assessment, save_assessment
from posture.cli import main
from posture.compare import Delta, compare

CL = load_fixture()
LFP = "lfpdppp-2025"
OLD = {"GOV-01": ("no", "document", "evidence"), "GOV-02": "1", "PAY-01": "yes", "PAY-02": "partial", "ACC-02": "no"}
NEW = {"GOV-01": ("yes", "document", "evidence"), "GOV-02": "4", "PAY-01": "no", "PAY-02": "partial", "ACC-03": "yes"}


@pytest.fixture  # per test: a module-scoped result would hide which test needs compare (mutmut's coverage)
def result():
    return compare(make_assessment(CL, OLD), make_assessment(CL, NEW), CL, CL, catalogs())


def test_question_changes(result):
    assert result.improved == ["GOV-01", "GOV-02"]  # 0 → 1, 0.2 → 0.8
    assert result.regressed == ["PAY-01"]  # 1 → 0; PAY-02 stayed "partial"
    assert result.new_gaps == ["PAY-01"]
    assert result.closed_gaps == ["GOV-01", "GOV-02"]  # ACC-02 was a gap and is unanswered now: not closed
    assert result.added_questions == [] and result.removed_questions == []


def test_framework_deltas_by_hand(result):
    # LFPDPPP: GOV-01 (w3), GOV-02 (w2), ACC-02 (w2), ACC-03 (w3)
    # old: (3·0 + 2·0.2 + 2·0) / 7 = 5.714…; new: (3·1 + 2·0.8 + 3·1) / 8 = 95.0
    claimed, verified = result.frameworks[LFP]
    assert claimed.old == pytest.approx(100 * 0.4 / 7) and claimed.new == pytest.approx(95.0)
    assert claimed.change == pytest.approx(95.0 - 100 * 0.4 / 7)
    # verified: only GOV-01 was checked on a document, on both sides: 0 → 100
    assert (verified.old, verified.new, verified.change) == (0.0, 100.0, 100.0)


def test_a_critical_regression_shows_as_the_cap(result):
    # PCI: PAY-01 (w5, critical) fell to "no": the new claimed score is capped at 40
    claimed, _ = result.frameworks["pci-dss-4.0.1"]
    assert claimed.old == pytest.approx(100 * (5 + 4 * 0.5) / 9)
    assert claimed.new == pytest.approx(min(40.0, 100 * 2 / 9))
    assert result.new_card.frameworks["pci-dss-4.0.1"].capped_by == ["PAY-01"]


def test_to_dict_carries_the_same_figures(result):
    d = result.to_dict()
    assert d["questions"]["closed_gaps"] == ["GOV-01", "GOV-02"]
    assert d["frameworks"][LFP]["verified"] == {"old": 0.0, "new": 100.0, "change": 100.0}


def test_a_framework_on_one_side_only_has_no_change():
    old = make_assessment(CL, OLD)
    new = make_assessment(CL, NEW, frameworks=["iso27001-2022", LFP])
    result = compare(old, new, CL, CL, catalogs())
    claimed, verified = result.frameworks["pci-dss-4.0.1"]
    assert claimed.old is not None and claimed.new is None and claimed.change is None
    assert verified.change is None
    assert Delta(None, 3.0).change is None and Delta(2.0, 3.5).change == 1.5


def test_the_cli_compares_two_different_files(tmp_path, capsys):
    """The demo against a copy with three answers changed: the CLI reports exactly those changes."""
    old = load_assessment(DEMO / "assessment.yaml")
    answers = dict(old.answers)
    yes = [q for q, a in answers.items() if a.value == "yes"]
    no = [q for q, a in answers.items() if a.value == "no"]
    down, up = yes[0], no[:2]
    answers[down] = replace(answers[down], value="no")
    for q in up:
        answers[q] = replace(answers[q], value="yes")
    old_path, new_path = tmp_path / "old" / "assessment.yaml", tmp_path / "new" / "assessment.yaml"
    for p in (old_path, new_path):
        p.parent.mkdir()
    save_assessment(old, old_path)
    save_assessment(replace(old, answers=answers, path=None), new_path)
    expected = compare(old, load_assessment(new_path), *[_checklist()] * 2, catalogs())

    code = main(["--lang", "en", "compare", str(old_path), str(new_path), "--json", "--workspace", str(tmp_path)])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    order = [q for q in _question_order() if q in {down, *up}]
    assert out["questions"]["regressed"] == [down]
    assert out["questions"]["improved"] == [q for q in order if q in up]
    assert out["questions"]["new_gaps"] == [down]
    assert sorted(out["questions"]["closed_gaps"]) == sorted(up)
    for key in ("overall", "frameworks", "sections", "questions"):
        assert out[key] == json.loads(json.dumps(expected.to_dict()[key])), key
    # different files, real deltas: the changed questions' sections move (the demo's frameworks, and so the
    # overall score, sit at the cap)
    assert any(v["claimed"]["change"] for v in out["sections"].values())
    assert out["overall"]["claimed"]["change"] == pytest.approx(
        expected.new_card.overall.claimed - expected.old_card.overall.claimed)


def _checklist():
    from posture.content import bundled_library

    return bundled_library().checklists["bpo-contact-center"]


def _question_order():
    return [q.id for q in _checklist().questions]


def test_to_dict_has_every_figure_by_name(result):
    d = result.to_dict()
    assert list(d)[:4] == ["overall", "frameworks", "sections", "questions"]
    assert list(d["frameworks"]) == list(CL.catalogs) and list(d["sections"]) == ["gov", "pay", "acc"]
    assert d["questions"] == {"improved": ["GOV-01", "GOV-02"], "regressed": ["PAY-01"], "new_gaps": ["PAY-01"],
                              "closed_gaps": ["GOV-01", "GOV-02"], "added": [], "removed": []}
    (c, v) = result.overall
    assert d["overall"] == {"claimed": {"old": c.old, "new": c.new, "change": c.change},
                            "verified": {"old": v.old, "new": v.new, "change": v.change}}
    assert c.old == result.old_card.overall.claimed and c.new == result.new_card.overall.claimed
    assert v.old == result.old_card.overall.verified and v.new == result.new_card.overall.verified
    gov_c, gov_v = result.sections["gov"]
    # gov: GOV-01 (w3), GOV-02 (w2): old (0 + 2·0.2) / 5 = 8 %, new (3 + 2·0.8) / 5 = 92 %
    assert (gov_c.old, gov_c.new) == (pytest.approx(8.0), pytest.approx(92.0))
    assert d["sections"]["gov"]["claimed"]["change"] == pytest.approx(84.0)
    assert (gov_v.old, gov_v.new) == (0.0, 100.0)  # GOV-01 on a document; GOV-02 by interview


def test_a_section_only_in_the_new_checklist_is_listed_after_the_old_ones(tmp_path):
    text = FIXTURE.read_text().replace('version: "1.0"', 'version: "2.0"')
    text = text.replace("  - id: acc\n", "  - id: acc2\n").replace('title: {es: "Accesos", en: "Access"}',
                                                                   'title: {es: "Accesos 2", en: "Access 2"}')
    path = tmp_path / "v2.yaml"
    path.write_text(text)
    cl2 = load_fixture(path)
    result = compare(make_assessment(CL, {"ACC-02": "yes"}), make_assessment(cl2, {"ACC-02": "no"}), CL, cl2,
                     catalogs())
    assert list(result.sections) == ["gov", "pay", "acc", "acc2"]
    old_c, _ = result.sections["acc"]
    new_c, _ = result.sections["acc2"]
    assert (old_c.old, old_c.new, old_c.change) == (100.0, None, None)
    assert (new_c.old, new_c.new, new_c.change) == (None, 0.0, None)
    assert result.regressed == ["ACC-02"] and result.new_gaps == ["ACC-02"]


def test_both_sides_are_scored_with_the_catalogs_given():
    only_iso = {k: v for k, v in catalogs().items() if k == "iso27001-2022"}
    old, new = make_assessment(CL, OLD), make_assessment(CL, NEW)
    given, bundled = compare(old, new, CL, CL, only_iso), compare(old, new, CL, CL)
    for card in (given.old_card, given.new_card):
        assert set(card.controls["pci-dss-4.0.1"]) == {"3.3.1", "3.2.1", "4.2.1", "8.3.1"}  # mapped ids as is
    assert {"3.3", "3.3.1"} <= set(bundled.old_card.controls["pci-dss-4.0.1"])  # the catalog rolls up to parents
    assert bundled.old_card == compare(old, new, CL, CL, catalogs()).old_card
    assert bundled.new_card.controls == compare(old, new, CL, CL, catalogs()).new_card.controls


def test_compare_of_two_evaluations_uses_their_scorecards_and_plans_as_they_are(monkeypatch):
    """``compare_evaluations`` scores and plans nothing again: the comparison is built from each evaluation's
    own scorecard and plan — so a plan made with other due days (here 1 day for every priority, and a report
    date 26 days on) keeps its overdue actions, which compare's own plan (the rules' 30/90/180 days) would not
    have — and equals ``compare`` given those same scorecards and plans."""
    import posture.compare as compare_module
    from posture.compare import compare_evaluations
    from posture.evaluation import Evaluation

    old = Evaluation(make_assessment(CL, OLD), CL, catalogs=catalogs())
    new = Evaluation(make_assessment(CL, NEW), CL, catalogs=catalogs(), today="2026-02-10", due_days=(1, 1, 1))
    cards, plans = (old.scorecard, new.scorecard), (old.plan, new.plan)
    expected = compare(old.assessment, new.assessment, CL, CL, catalogs(), "2026-02-10", scorecards=cards,
                       plans=plans)
    own_plan = compare(old.assessment, new.assessment, CL, CL, catalogs(), "2026-02-10")

    def again(*args, **kwargs):
        raise AssertionError("scored or planned again")

    monkeypatch.setattr(compare_module, "score", again)
    monkeypatch.setattr(compare_module, "build_plan", again)
    result = compare_evaluations(old, new)
    assert result == expected
    assert result.old_card is old.scorecard and result.new_card is new.scorecard
    assert result.actions_overdue == [i.id for i in new.plan.items if i.is_open] != []
    assert own_plan.actions_overdue == []


def test_the_comparison_names_every_action_of_either_plan_by_its_title():
    """``Comparison.action_titles``: action id → the title people read (``PlanItem.title``), for the items of the
    old plan and of the new one (an action closed since keeps its title)."""
    old, new = make_assessment(CL, OLD), make_assessment(CL, NEW)
    result = compare(old, new, CL, CL, catalogs())
    from posture.plan import build_plan

    items = [*build_plan(old, CL, catalogs()).items, *build_plan(new, CL, catalogs()).items]
    assert result.action_titles == {i.id: i.title for i in items}
    assert set(result.action_titles) >= set(result.actions_closed) | set(result.actions_new)
    assert result.action_titles
