"""The remediation plan's rules (docs/scoring.md, "Remediation plan"), each at its boundary.

risk = impact × likelihood; P1 at risk ≥ 15, P2 at ≥ 8, else P3. An item's effort is the largest
effort of its questions (S < M < L). Due dates are the assessment date plus 30/60/90 days.
"""

from __future__ import annotations

import datetime as dt

import pytest
from engine_support import catalogs, load_fixture, make_assessment

from posture.findings import Finding
from posture.plan import (
    DUE_DAYS,
    P1_RISK,
    P2_RISK,
    build_plan,
    is_gap,
    priority_of,
    question_impact,
    question_likelihood,
)

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


@pytest.mark.parametrize(("criticality", "weight", "impact"), [
    ("low", 3, 1), ("low", 4, 2), ("medium", 3, 2), ("high", 4, 4), ("critical", 3, 4), ("critical", 4, 5),
    ("critical", 5, 5),  # capped at 5
])
def test_impact_is_criticality_plus_one_from_weight_4(criticality, weight, impact):
    assert question_impact(criticality, weight) == impact


@pytest.mark.parametrize(("option_score", "probe", "likelihood"), [
    (0.0, False, 4), (0.4, False, 4),  # fails (below 0.5)
    (0.5, False, 3), (0.59, False, 3),  # a gap that does not fail
    (0.0, True, 5), (0.5, True, 4),  # a probe finding confirms it: +1, at most 5
])
def test_likelihood_from_the_answer_and_the_probe(option_score, probe, likelihood):
    assert question_likelihood(option_score, probe) == likelihood


def test_gap_threshold():
    assert is_gap(0.0) and is_gap(0.5) and is_gap(0.59)
    assert not is_gap(0.6) and not is_gap(1.0)


def test_a_merged_item_takes_the_owner_of_its_riskiest_question():
    # PAY-01 (telephony, weight 5) and PAY-02 (operations, weight 4) share an action; both critical
    _, items = _plan({"PAY-01": "partial", "PAY-02": "no"})  # risks 15 and 20: PAY-02 is the riskier
    assert items["pause-and-resume"].owner == "operations"
    _, items = _plan({"PAY-01": "no", "PAY-02": "partial"})  # 20 and 15: PAY-01
    assert items["pause-and-resume"].owner == "telephony"
    _, items = _plan({"PAY-01": "no", "PAY-02": "no"})  # a tie keeps the first
    assert items["pause-and-resume"].owner == "telephony"
    assert (items["pause-and-resume"].impact, items["pause-and-resume"].likelihood) == (5, 4)


def test_items_sort_by_risk_then_gain_then_id():
    _, items = _plan({"GOV-01": "no", "ACC-02": "no", "ACC-03": "no", "GOV-02": "0", "PAY-03": "no"})
    ordered = list(items.values())
    keys = [(-i.risk, -i.total_gain, i.id) for i in ordered]
    assert keys == sorted(keys)
    assert ordered[0].risk >= ordered[-1].risk and len({i.risk for i in ordered}) > 1


def test_references_are_the_in_scope_controls_once_each():
    a = make_assessment(CHECKLIST, {"GOV-01": "no", "ACC-02": "no"}, frameworks=["lfpdppp-2025"])
    items = {i.id: i for i in build_plan(a, CHECKLIST, catalogs(), findings=[]).items}
    assert items["GOV-01"].references == {"lfpdppp-2025": ["SEG-MEDIDAS"]}  # ISO is out of scope
    assert items["ACC-02"].references == {"lfpdppp-2025": ["SEG-MEDIDAS"]}


def test_an_item_as_json_names_every_field():
    _, items = _plan({"PAY-01": "no", "PAY-02": "partial"})
    item = items["pause-and-resume"]
    d = item.to_dict()
    assert {k: d[k] for k in (
        "id", "priority", "risk", "impact", "likelihood", "action", "questions", "findings", "references", "owner",
        "owner_name", "due", "effort", "gain", "verified_gain")} == {
        "id": "pause-and-resume", "priority": "P1", "risk": 20, "impact": 5, "likelihood": 4,
        "action": item.action, "questions": ["PAY-01", "PAY-02"], "findings": [], "references": item.references,
        "owner": "telephony", "owner_name": {"es": "Telefonía", "en": "Telephony"}, "due": item.due, "effort": "M",
        "gain": item.gain, "verified_gain": item.verified_gain,
    }
    assert d["action"]["en"] == "Pause recording during card capture. Clean desk policy."
    assert d["references"] == {"pci-dss-4.0.1": ["3.3.1", "3.2.1"], "iso27001-2022": ["8.12", "7.7"]}
    assert d["gain"]["pci-dss-4.0.1"] > 0 and item.total_gain == sum(item.gain.values()) + sum(
        item.verified_gain.values())


def test_by_priority_groups_in_p1_p2_p3_order():
    a = make_assessment(CHECKLIST, {"ACC-01": "partial", "GOV-01": "no", "ACC-03": "no"})
    plan = build_plan(a, CHECKLIST, catalogs(), findings=[])
    groups = plan.by_priority()
    assert list(groups) == ["P1", "P2", "P3"]
    assert [i.id for i in groups["P1"]] == ["ACC-01"] and [i.id for i in groups["P2"]] == ["GOV-01"]
    assert [i.id for i in groups["P3"]] == ["ACC-03"]  # low (1) × fails (4) = 4


def _finding(check_id, severity="high", maps_to=None):
    return Finding(check_id, severity, "10.0.0.9", 3389, "tcp", {"es": check_id, "en": check_id},
                   {"es": "d", "en": "d"}, {"es": f"Corrija {check_id}.", "en": f"Fix {check_id}."}, "evidence",
                   maps_to if maps_to is not None else {"pci-dss-4.0.1": ["1.3"], "iso27001-2022": ["8.20"]})


def test_gain_is_the_rounded_score_rise_per_framework():
    # PCI: PAY-01 yes (w5) + PAY-03 partial (w4): (5 + 2) / 9 = 77.78 → 100 when PAY-03 is fixed: +22.2
    # ISO: the same two questions (8.12, 8.24): +22.2; LFPDPPP: no answered question → 0.0
    _, items = _plan({"PAY-01": ("yes", "document", "evidence"), "PAY-03": ("partial", "document", "evidence")})
    item = items["PAY-03"]
    assert item.gain == {"iso27001-2022": 22.2, "pci-dss-4.0.1": 22.2, "lfpdppp-2025": 0.0}
    assert item.verified_gain == {"iso27001-2022": 22.2, "pci-dss-4.0.1": 22.2, "lfpdppp-2025": 0.0}
    _, items = _plan({"PAY-01": ("yes", "document", "evidence"), "PAY-03": ("partial", "interview")})
    assert items["PAY-03"].verified_gain["pci-dss-4.0.1"] == 0.0  # the fix is claimed, not verified


def test_a_contradicting_finding_raises_likelihood_and_its_removal_is_verified_gain():
    a = make_assessment(CHECKLIST, {"ACC-01": ("yes", "document", "evidence")})
    rdp = _finding("rdp-exposed")
    plan = build_plan(a, CHECKLIST, catalogs(), findings=[rdp])
    (item,) = plan.items
    assert item.id == "ACC-01" and item.finding_ids == [rdp.id]
    assert (item.impact, item.likelihood) == (5, 4)  # a passing answer (3) confirmed by the probe (+1)
    assert item.gain["pci-dss-4.0.1"] == 0.0  # the claim already said yes
    assert item.verified_gain["pci-dss-4.0.1"] == 100.0  # 0 (contradicted counts 0) → 100 once the finding is gone
    plan = build_plan(make_assessment(CHECKLIST, {"ACC-01": "no"}), CHECKLIST, catalogs(), findings=[rdp])
    assert (plan.items[0].likelihood, plan.items[0].risk) == (5, 25)


def test_findings_no_question_covers_become_one_item_per_check():
    a = make_assessment(CHECKLIST, {"ACC-01": "no"}, frameworks=["pci-dss-4.0.1"])
    rdp = _finding("rdp-exposed")  # covered by ACC-01
    db1, db2 = _finding("database-exposed", "critical"), _finding("database-exposed", "critical")
    db2 = Finding(**{**db1.__dict__, "port": 6379})
    ssh = _finding("ssh-exposed", "medium", {"iso27001-2022": ["8.5"]})
    plan = build_plan(a, CHECKLIST, catalogs(), findings=[rdp, db1, db2, ssh])
    items = {i.id: i for i in plan.items}
    assert set(items) == {"ACC-01", "check:database-exposed", "check:ssh-exposed"}
    db = items["check:database-exposed"]
    assert db.finding_ids == [db1.id, db2.id]
    assert (db.owner, db.effort, db.impact, db.likelihood) == ("network", "M", 5, 5)
    assert db.action == {"es": "Corrija database-exposed.", "en": "Fix database-exposed."}  # once, not per finding
    assert db.references == {"pci-dss-4.0.1": ["1.3"]}  # ISO is out of scope
    ssh_item = items["check:ssh-exposed"]
    assert (ssh_item.impact, ssh_item.risk, ssh_item.priority) == (3, 15, "P1")
    assert ssh_item.references == {}


def test_the_plan_records_its_date_and_due_days():
    a = make_assessment(CHECKLIST, {"GOV-01": "no"})
    plan = build_plan(a, CHECKLIST, catalogs(), findings=[], due_days=(15, 45, 90))
    assert plan.assessed_on == a.assessed_on and plan.due_days == (15, 45, 90)
    assert plan.items[0].due == (dt.date.fromisoformat(a.assessed_on) + dt.timedelta(days=45)).isoformat()


def test_fixing_one_item_leaves_the_other_items_findings_in_place():
    """An item's gain removes only its own findings: the other contradiction still counts after the fix."""
    a = make_assessment(CHECKLIST, {"ACC-01": ("yes", "document", "evidence"),
                                    "PAY-03": ("yes", "document", "evidence")},
                        frameworks=["pci-dss-4.0.1"])
    tls = Finding("tls-legacy-protocol", "high", "10.0.0.5", 443, "tcp", {"es": "TLS", "en": "TLS"},
                  {"es": "d", "en": "d"}, {"es": "Desactive TLS 1.0.", "en": "Disable TLS 1.0."}, "TLSv1.0",
                  {"pci-dss-4.0.1": ["4.2.1"]})
    items = {i.id: i for i in build_plan(a, CHECKLIST, catalogs(), findings=[_finding("rdp-exposed"), tls]).items}
    # before: both contradicted, verified 0; fixing ACC-01 leaves PAY-03 contradicted: (4·1 + 4·0) / 8 = 50
    assert items["ACC-01"].verified_gain == {"pci-dss-4.0.1": 50.0}
    # fixing PAY-03 leaves ACC-01 (critical) contradicted: 50, capped at 40
    assert items["PAY-03"].verified_gain == {"pci-dss-4.0.1": 40.0}
