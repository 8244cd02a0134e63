"""OSCAL exports loaded and validated by compliance-trestle, NIST OSCAL's reference Python library.

Every UTC offset (Mexico's is negative), an assessment with no actions, import-ap that resolves, namespaced
props, notes as remarks, POA&M items linked to their observations and risks with deadlines.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys

import pytest
import synthetic

from posture.assessment import load_assessment, save_assessment
from posture.report import assessment_results, load, poam
from posture.report._oscal import NS, stamp

trestle_ar = pytest.importorskip("trestle.oscal.assessment_results")
trestle_poam = pytest.importorskip("trestle.oscal.poam")
validator_factory = pytest.importorskip("trestle.core.validator_factory").validator_factory


def _trestle(doc: dict):
    """Load with trestle's pydantic models (raises on any schema fault), then run all of trestle's validators."""
    (key, body), = doc.items()
    cls = {"assessment-results": trestle_ar.AssessmentResults,
           "plan-of-action-and-milestones": trestle_poam.PlanOfActionAndMilestones}[key]
    model = cls.model_validate(body)
    failed = [type(v).__name__ for v in validator_factory.get_all() if not v.model_is_valid(model, True, None)]
    assert failed == []
    return model


def _rewrite(tmp_path, name: str, **changes):
    """The synthetic assessment saved again with some fields changed, then loaded as the report loads it."""
    path = synthetic.write_assessment(tmp_path / name)
    lib = synthetic.library()
    a = load_assessment(path, lib.checklists["synthetic-bpo"])
    answers = changes.pop("answers", None)
    a = dataclasses.replace(a, **changes)
    if answers is not None:
        a = dataclasses.replace(a, answers=answers(a))
    save_assessment(a, path)
    return load(path, lib)


def test_stamp_keeps_every_offset():
    assert stamp("2026-03-10T16:00:00-06:00") == "2026-03-10T16:00:00-06:00"
    assert stamp("2026-03-10T16:00:00+05:30") == "2026-03-10T16:00:00+05:30"
    assert stamp("2026-03-10T16:00:00Z") == "2026-03-10T16:00:00+00:00"
    assert stamp("2026-03-10T16:00:00") == "2026-03-10T16:00:00+00:00"
    assert stamp("2026-03-10") == "2026-03-10T00:00:00+00:00"
    assert stamp("yesterday", "2026-01-02") == "2026-01-02T00:00:00+00:00"


@pytest.mark.parametrize("lang", ["es", "en"])
def test_demo_loads_and_validates_in_trestle(demo_loaded, lang):
    results = assessment_results(demo_loaded, lang)
    model = _trestle(results)
    result = model.results[0]
    assert len(result.observations) > 100 and len(result.findings) > 50
    # Mexico's offset survives as written in the file
    raw = [o["collected"] for o in results["assessment-results"]["results"][0]["observations"]]
    assert any(t.endswith("-06:00") for t in raw) and not any(t.count(":") > 3 for t in raw)
    plan = _trestle(poam(demo_loaded, lang))
    assert len(plan.poam_items) == len(demo_loaded.plan.items)


@pytest.mark.parametrize("offset", ["-06:00", "+05:30", "Z", ""])
def test_any_utc_offset_validates(tmp_path, offset):
    def answers(a):
        return {q: dataclasses.replace(ans, answered_at=f"2026-02-10T12:00:00{offset}") for q, ans in a.answers.items()}
    loaded = _rewrite(tmp_path, "off", created_at=f"2026-02-10T09:00:00{offset}", answers=answers)
    _trestle(assessment_results(loaded, "es"))
    doc = poam(loaded, "es")["plan-of-action-and-milestones"]
    _trestle({"plan-of-action-and-milestones": doc})
    zone = "+00:00" if offset in ("Z", "") else offset
    assert all(r["deadline"].endswith("T23:59:59" + zone) for r in doc["risks"])


def test_import_ap_resolves_and_props_are_namespaced(synthetic_loaded):
    ar = assessment_results(synthetic_loaded, "en")["assessment-results"]
    _trestle({"assessment-results": ar})
    href = ar["import-ap"]["href"]
    resources = {r["uuid"]: r for r in ar["back-matter"]["resources"]}
    assert href.startswith("#") and href[1:] in resources
    plan = resources[href[1:]]
    assert {"name": "checklist-sha256", "ns": NS, "value": synthetic_loaded.checklist.content_hash} in plan["props"]
    result = ar["results"][0]
    props = [p for o in result["observations"] for p in o["props"]] + result["props"]
    props += [p for f in result["findings"] for p in f["props"]]
    assert props and all(p.get("ns") == NS for p in props)
    assert all(p.get("ns") == NS for p in ar["metadata"]["props"] if p["name"] != "marking")


def test_notes_are_exported_as_remarks(synthetic_loaded):
    ar = assessment_results(synthetic_loaded, "es")["assessment-results"]
    remarks = {o["title"]: o.get("remarks") for o in ar["results"][0]["observations"]}
    noted = {qid: a.note for qid, a in synthetic_loaded.assessment.answers.items()
             if a.note and qid in synthetic_loaded.scorecard.questions}
    assert noted and all(remarks[qid] == note for qid, note in noted.items())
    assert synthetic.HOSTILE_NOTE in remarks.values()


def test_poam_items_link_observations_and_deadlines(synthetic_loaded):
    doc = poam(synthetic_loaded, "en")["plan-of-action-and-milestones"]
    _trestle({"plan-of-action-and-milestones": doc})
    observations = {o["uuid"]: o for o in doc["observations"]}
    risks = {r["uuid"]: r for r in doc["risks"]}
    for item, plan_item in zip(doc["poam-items"], synthetic_loaded.plan.items, strict=True):
        linked = {observations[r["observation-uuid"]]["title"] for r in item["related-observations"]}
        assert linked == set(plan_item.question_ids) | set(plan_item.finding_ids)
        (risk,) = [risks[r["risk-uuid"]] for r in item["related-risks"]]
        assert risk["deadline"].startswith(plan_item.due) and risk["status"] == "open"
        assert {"name": "action-id", "ns": NS, "value": plan_item.id} in item["props"]
        # people read the action's title (the id stays in the action-id prop for machines)
        assert item["title"] == risk["title"] == f"{plan_item.priority} {plan_item.title['en']}"
        assert plan_item.title["en"] != plan_item.id


def test_poam_titles_are_in_the_report_language(demo_loaded):
    titles = {lang: [i["title"] for i in poam(demo_loaded, lang)["plan-of-action-and-milestones"]["poam-items"]]
              for lang in ("es", "en")}
    assert "P1 Piso libre de celulares y objetos personales" in titles["es"]
    assert "P1 phone-free-floor" not in titles["es"] + titles["en"]


def test_assessment_without_actions_has_valid_results_and_no_poam(tmp_path, demo_loaded):
    """The demo with every answer at its best and no probe runs: nothing to fix, so no POA&M (OSCAL needs an item)."""
    checklist = demo_loaded.checklist
    a = demo_loaded.assessment
    best = {qid: ans if ans.na else dataclasses.replace(
        ans, value=max(checklist.scale_of(checklist.question(qid)).options, key=lambda o: o.score).value)
        for qid, ans in a.answers.items()}
    path = save_assessment(dataclasses.replace(a, answers=best, probe_runs=[]), tmp_path / "assessment.yaml")
    loaded = load(path)
    assert loaded.plan.items == []
    _trestle(assessment_results(loaded, "es"))
    assert poam(loaded, "es") is None
    out = tmp_path / "oscal"
    done = subprocess.run([sys.executable, "-m", "posture", "export", str(path), "--format", "oscal", "-o", str(out),
                           "--lang", "en"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert not (out / "poam.json").exists() and "poam.json not written" in done.stderr
    _trestle(json.loads((out / "assessment-results.json").read_text()))


def test_poam_risk_status_follows_the_action_status(demo_statuses):
    """`posture plan --set` statuses reach the POA&M in OSCAL 1.0.4's risk-status values (trestle's
    RiskStatusValidValues), with the justification, owner and expiry as remarks and a risk-log entry."""
    from synthetic import ACCEPTED, REPORT_DAY
    from trestle.oscal.common import RiskStatusValidValues

    doc = poam(demo_statuses, "es", REPORT_DAY)
    _trestle(doc)
    pm = doc["plan-of-action-and-milestones"]
    risks = {r["uuid"]: r for r in pm["risks"]}
    by_action = {}
    for item in pm["poam-items"]:
        (aid,) = [p["value"] for p in item["props"] if p["name"] == "action-id"]
        (risk,) = [risks[r["risk-uuid"]] for r in item["related-risks"]]
        by_action[aid] = (item, risk)
    status = {aid: risk["status"] for aid, (_, risk) in by_action.items()}
    assert status["eliminate-stored-sad"] == "closed"
    assert status["phone-free-floor"] == "deviation-approved"
    assert status["whatsapp-official-api"] == "remediating"
    assert status["automate-joiner-mover-leaver"] == "deviation-approved"
    assert status["physical-access-control"] == "open"  # accepted until 2026-06-30: expired on the report date
    assert status["close-internet-admin-exposure"] == "open"
    assert list(status.values()).count("open") == 74 - 4
    assert set(status.values()) <= {v.value for v in RiskStatusValidValues}
    item, risk = by_action["phone-free-floor"]
    assert {"name": "status", "ns": NS, "value": "risk-accepted"} in item["props"]
    assert {"name": "accepted-by", "ns": NS, "value": ACCEPTED["owner"]} in risk["props"]
    assert {"name": "acceptance-expires", "ns": NS, "value": ACCEPTED["expires"]} in risk["props"]
    (entry,) = risk["risk-log"]["entries"]
    for text in ACCEPTED.values():
        assert text in entry["description"] and text in item["remarks"]
    assert entry["status-change"] == "deviation-approved" and entry["start"] == "2026-11-20T10:00:00-06:00"
    assert entry["title"] == "Riesgo aceptado"
    assert "risk-log" not in by_action["close-internet-admin-exposure"][1]
    # on a day the acceptance still held, the expired one is deviation-approved too
    earlier = poam(demo_statuses, "en", "2026-06-01")["plan-of-action-and-milestones"]
    old = {p["value"]: r["status"] for r in earlier["risks"] for p in r["props"] if p["name"] == "action-id"}
    assert old["physical-access-control"] == "deviation-approved"
