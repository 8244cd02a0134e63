"""The remediation plan's rules (docs/scoring.md, "Remediation plan"), each at its boundary.

risk = impact × likelihood; P1 at risk ≥ 15, P2 at ≥ 8, else P3. An item's effort is the largest
effort of its questions (S < M < L). Due dates are the assessment date plus 30/60/90 days.
"""

from __future__ import annotations

import datetime as dt

import pytest
from engine_support import catalogs, load_fixture, make_assessment

from posture.plan import DUE_DAYS, P1_RISK, P2_RISK, build_plan, priority_of

CHECKLIST = load_fixture()


def _plan(answers):
    a = make_assessment(CHECKLIST, answers)
    return a, {i.id: i for i in build_plan(a, CHECKLIST, catalogs(), findings=[]).items}


@pytest.mark.parametrize(("risk", "priority"), [(25, "P1"), (15, "P1"), (14, "P2"), (8, "P2"), (7, "P3"),
                                                (1, "P3")])
def test_priority_boundaries(risk, priority):
    assert (P1_RISK, P2_RISK) == (15, 8)  # the figures docs/scoring.md states
    assert priority_of(risk) == priority


def test_an_item_at_exactly_risk_15_is_p1_due_in_30_days():
    # ACC-01: critical, weight 4 → impact 5; "partial" is a gap that does not fail → likelihood 3
    a, items = _plan({"ACC-01": "partial"})
    item = items["ACC-01"]
    assert (item.impact, item.likelihood, item.risk) == (5, 3, 15)
    assert item.priority == "P1"
    assert item.due == (dt.date.fromisoformat(a.assessed_on) + dt.timedelta(days=DUE_DAYS[0])).isoformat()


def test_an_item_at_risk_14_or_below_is_not_p1():
    # GOV-01: high, weight 3 → impact 3; "no" fails → likelihood 4: risk 12
    a, items = _plan({"GOV-01": "no"})
    item = items["GOV-01"]
    assert item.risk == 12 and item.priority == "P2"
    assert item.due == (dt.date.fromisoformat(a.assessed_on) + dt.timedelta(days=DUE_DAYS[1])).isoformat()


def test_effort_is_the_largest_of_the_items_questions():
    # PAY-01 (effort M) and PAY-02 (effort S) share the action "pause-and-resume": one item, effort M
    _, items = _plan({"PAY-01": "no", "PAY-02": "no", "GOV-02": "0", "ACC-02": "no"})
    assert items["pause-and-resume"].question_ids == ["PAY-01", "PAY-02"]
    assert items["pause-and-resume"].effort == "M"
    assert items["GOV-02"].effort == "L"
    assert items["ACC-02"].effort == "S"


def test_effort_does_not_depend_on_question_order():
    # only the S question in the gap: S; both: M, whichever comes first in the checklist
    _, only_s = _plan({"PAY-01": "yes", "PAY-02": "no"})
    assert only_s["pause-and-resume"].effort == "S"
    _, only_m = _plan({"PAY-01": "no", "PAY-02": "yes"})
    assert only_m["pause-and-resume"].effort == "M"
