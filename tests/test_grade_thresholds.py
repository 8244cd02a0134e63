"""The grade thresholds live only in posture.scoring.GRADES (issue #15 item 3): the app's score colours,
the report's control states and OSCAL's "satisfied" follow GRADES when it changes, and no other module
compares a score with one of its numbers."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from posture import scoring
from posture.vocabulary import Grade

PACKAGE = Path(__file__).resolve().parent.parent / "posture"
DEMO = PACKAGE.parent / "demo" / "centro-de-contacto-demo" / "assessment.yaml"

# The same letters and names, other thresholds: 90 is a B here, 55 a D.
SHIFTED = tuple((low, g.value, g.cap_label) for low, g in ((95.0, Grade.A), (80.0, Grade.B), (60.0, Grade.C),
                                                          (0.0, Grade.D)))
# No score reaches A.
NO_A = tuple((low, g.value, g.cap_label) for low, g in ((101.0, Grade.A), (70.0, Grade.B), (50.0, Grade.C),
                                                       (0.0, Grade.D)))


def test_the_bundled_thresholds():
    """docs/scoring.md §7: A ≥ 85, B ≥ 70, C ≥ 50, D below."""
    assert [(low, letter) for low, letter, _ in scoring.GRADES] == [(85.0, "A"), (70.0, "B"), (50.0, "C"),
                                                                     (0.0, "D")]
    assert [scoring.grade(v).letter for v in (85.0, 84.99, 70.0, 69.99, 50.0, 49.99, 0.0)] == \
        ["A", "B", "B", "C", "C", "D", "D"]


def test_the_sidebar_colour_follows_grades(monkeypatch):
    from posture.tui.widgets.score_sidebar import _style

    assert [_style(v) for v in (90.0, 85.0, 84.0, 55.0, 49.0, None)] == \
        ["green", "green", "yellow", "yellow", "red", "dim"]
    monkeypatch.setattr(scoring, "GRADES", SHIFTED)
    assert [_style(v) for v in (96.0, 90.0, 85.0, 61.0, 55.0)] == ["green", "yellow", "yellow", "yellow", "red"]


def _sidebar_cells(card) -> tuple[list[tuple[str, str]], str]:
    """What the app's score column draws: (text, style) of each claimed / verified cell, and the grade line."""
    from posture.tui.widgets.score_sidebar import ScoreSidebar

    sidebar = ScoreSidebar()
    sidebar.show_card(card, {}, "en")
    rows = sidebar._content.columns[0]._cells
    table = rows[0]
    cells = [(str(c), str(c.style)) for col in table.columns[1:] for c in col._cells[1:]]
    grade_line = next(r for r in rows[1:] if str(r).startswith("Grade "))
    return cells, f"{grade_line} {grade_line.spans[0].style}"


def test_the_drawn_sidebar_follows_grades(monkeypatch):
    """The real widget's cells: a framework at 90 claimed / 55 verified, its overall the same."""
    import dataclasses

    if not DEMO.exists():
        pytest.skip("the demo assessment is not in this checkout")
    from posture.report import load

    demo = load(DEMO).scorecard
    fw = scoring.FrameworkScore(claimed=90.0, verified=55.0, weight=1.0, verified_weight=1.0)
    overall = scoring.OverallScore(claimed=90.0, verified=90.0, weight=1.0, verified_weight=1.0)
    card = dataclasses.replace(demo, frameworks={"iso27001-2022": fw}, overall=overall)
    card.headline = scoring.headline(overall, card.coverage)
    cells, line = _sidebar_cells(card)
    assert cells == [("90", "green"), ("90", "green"), ("55", "yellow"), ("90", "green")]
    assert line.startswith("Grade A ") and line.endswith("bold green")
    monkeypatch.setattr(scoring, "GRADES", SHIFTED)
    card.headline = scoring.headline(overall, card.coverage)
    cells, line = _sidebar_cells(card)
    assert cells == [("90", "yellow"), ("90", "yellow"), ("55", "red"), ("90", "yellow")]
    assert line.startswith("Grade B ") and line.endswith("bold yellow")


def test_the_report_control_state_follows_grades(monkeypatch):
    from posture.report._view import Strings, _status

    t = Strings("en")
    assert _status(90.0, t)[0] == "ok"
    monkeypatch.setattr(scoring, "GRADES", SHIFTED)
    assert _status(90.0, t)[0] == "part"
    assert _status(96.0, t)[0] == "ok"
    assert _status(40.0, t)[0] == "gap"  # below FAIL_BELOW, whatever the grades


def test_the_report_and_oscal_on_the_demo_follow_grades(monkeypatch):
    """The demo's SoA has controls in place and OSCAL has satisfied targets; with no reachable A, none."""
    if not DEMO.exists():
        pytest.skip("the demo assessment is not in this checkout")
    from posture.report import assessment_results, load
    from posture.report._view import build_view

    loaded = load(DEMO)

    def in_place():
        view = build_view(loaded, "en")
        rows = [row for d in view.details for g in d["groups"] for row in (*([g["head"]] if g["head"] else []),
                                                                           *g["rows"])]
        assert rows
        return sum(1 for row in rows if row["css"] == "ok")

    def satisfied():
        doc = assessment_results(loaded, "en")["assessment-results"]
        return sum(1 for f in doc["results"][0]["findings"] if f["target"]["status"]["state"] == "satisfied")

    before_rows, before_oscal = in_place(), satisfied()
    assert before_rows > 0 and before_oscal > 0
    monkeypatch.setattr(scoring, "GRADES", NO_A)
    assert in_place() == 0
    assert satisfied() == 0


def test_no_module_but_scoring_compares_a_score_with_a_grade_threshold():
    thresholds = {low for low, _, _ in scoring.GRADES if low}
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == PACKAGE / "scoring.py":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Compare):
                for side in (node.left, *node.comparators):
                    if isinstance(side, ast.Constant) and type(side.value) in (int, float) \
                            and side.value in thresholds:
                        offenders.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: {ast.unparse(node)}")
    assert offenders == [], "grade thresholds belong to posture.scoring.GRADES: call scoring.grade()"
