"""Plan rules that mutation testing (bench/mutation.py plan) found unstated: each test names its rule.

The figures come from the small fixture checklist (tests/data/engine/checklist-small.yaml) and
docs/scoring.md ("Remediation plan").
"""

from __future__ import annotations

import datetime as dt

from engine_support import FIXTURE, catalogs, load_fixture, make_assessment

from posture.findings import Finding
from posture.plan import DUE_DAYS, build_plan

CHECKLIST = load_fixture()
FIXTURE_TEXT = FIXTURE.read_text(encoding="utf-8")
PCI, ISO, LFP = "pci-dss-4.0.1", "iso27001-2022", "lfpdppp-2025"


def _finding(check_id, severity):
    return Finding(check_id, severity, "10.0.0.9", 3389, "tcp", {"es": check_id, "en": check_id},
                   {"es": "d", "en": "d"}, {"es": f"Corrija {check_id}.", "en": f"Fix {check_id}."}, "evidence",
                   {PCI: ["1.3"]})


def test_an_item_lists_its_critical_severity_findings_and_only_those():
    crit, high = _finding("smb-exposed", "critical"), _finding("telnet-open", "high")
    a = make_assessment(CHECKLIST, {"GOV-01": "yes"})
    items = {i.id: i for i in build_plan(a, CHECKLIST, catalogs(), findings=[crit, high]).items}
    assert items["check:smb-exposed"].critical_findings == [crit.id]
    assert items["check:telnet-open"].critical_findings == []


def test_an_item_due_on_the_report_day_is_not_yet_overdue():
    a = make_assessment(CHECKLIST, {"GOV-01": "no"})  # risk 12: P2, due in 60 days
    due = (dt.date.fromisoformat(a.assessed_on) + dt.timedelta(days=DUE_DAYS[1])).isoformat()
    day_after = (dt.date.fromisoformat(due) + dt.timedelta(days=1)).isoformat()
    on_the_day = build_plan(a, CHECKLIST, catalogs(), findings=[], today=due)
    assert on_the_day.items[0].due == due and on_the_day.report_date == due
    assert not on_the_day.items[0].overdue and on_the_day.overdue == []
    assert build_plan(a, CHECKLIST, catalogs(), findings=[], today=day_after).items[0].overdue
    # as_of() states the same rule for a plan already built
    built = build_plan(a, CHECKLIST, catalogs(), findings=[])
    assert built.report_date == a.assessed_on
    assert not built.as_of(due).items[0].overdue
    later = built.as_of(day_after)
    assert later.items[0].overdue and later.report_date == day_after and later.overdue == later.items
    assert not built.items[0].overdue  # as_of copies the items
    assert built.as_of("2026-01-01").items[0].overdue is False


def test_a_closed_action_is_never_overdue_in_as_of():
    from posture.assessment import ActionStatus

    a = make_assessment(CHECKLIST, {"GOV-01": "no"})
    a.actions["GOV-01"] = ActionStatus(status="done", aid="GOV-01")
    plan = build_plan(a, CHECKLIST, catalogs(), findings=[]).as_of("2030-01-01")
    assert plan.items[0].overdue is False and plan.overdue == []


def test_without_gains_no_gain_is_computed_and_no_cap_release():
    # PAY-01 "no" is a failed critical answer: PCI and ISO are capped
    a = make_assessment(CHECKLIST, {"PAY-01": "no", "GOV-01": "no"})
    plan = build_plan(a, CHECKLIST, catalogs(), findings=[], gains=False)
    assert all(i.gain == {} and i.verified_gain == {} and i.uncapped_gain == {} for i in plan.items)
    assert plan.cap_release == {}
    with_gains = build_plan(a, CHECKLIST, catalogs(), findings=[])
    assert with_gains.cap_release and set(with_gains.cap_release) == {PCI, ISO}


def test_no_cap_release_when_nothing_is_capped():
    a = make_assessment(CHECKLIST, {"GOV-01": "no"})  # high, not critical: no cap
    assert build_plan(a, CHECKLIST, catalogs(), findings=[]).cap_release == {}


def test_lifts_cap_names_only_frameworks_whose_cap_the_item_closes():
    # PAY-01 caps PCI and ISO; GOV-01 (ISO, LFPDPPP) closes none of those caps
    a = make_assessment(CHECKLIST, {"PAY-01": "no", "GOV-01": "no"})
    items = {i.id: i for i in build_plan(a, CHECKLIST, catalogs(), findings=[]).items}
    assert items["GOV-01"].lifts_cap == {}
    assert items["pause-and-resume"].lifts_cap == {PCI: (1, 1), ISO: (1, 1)}


def test_an_item_without_a_recorded_status_is_open_under_its_own_id():
    a = make_assessment(CHECKLIST, {"GOV-01": "no"})
    item = build_plan(a, CHECKLIST, catalogs(), findings=[]).items[0]
    assert item.status.status == "open" and item.is_open


def test_uncapped_gain_of_a_framework_with_nothing_scored_is_zero():
    # PAY-03 maps to PCI and ISO only; LFPDPPP is in scope with nothing answered, before and after
    a = make_assessment(CHECKLIST, {"PAY-03": "no"})
    item = build_plan(a, CHECKLIST, catalogs(), findings=[]).items[0]
    assert item.uncapped_gain[LFP] == 0.0 and item.gain[LFP] == 0.0 and item.verified_gain[LFP] == 0.0
    assert item.uncapped_gain[PCI] == 100.0


def test_an_item_as_json_has_exactly_these_keys():
    a = make_assessment(CHECKLIST, {"PAY-01": "no"})
    plan = build_plan(a, CHECKLIST, catalogs(), findings=[], today="2030-01-01")
    item = plan.items[0]
    d = item.to_dict()
    assert set(d) == {"id", "title", "priority", "risk", "impact", "likelihood", "action", "questions", "findings",
                      "references", "owner", "owner_name", "due", "effort", "gain", "verified_gain",
                      "uncapped_gain", "lifts_cap", "status", "overdue"}
    assert d["title"] == item.title and set(d["title"]) == {"es", "en"}
    assert d["uncapped_gain"] == item.uncapped_gain and d["uncapped_gain"][PCI] > 0
    assert d["lifts_cap"] == {PCI: {"k": 1, "n": 1}, ISO: {"k": 1, "n": 1}}
    assert d["status"] == item.status.to_dict() and d["status"]["status"] == "open"
    assert d["overdue"] is True


def test_at_equal_risk_caps_and_uncapped_gain_the_larger_total_gain_comes_first():
    # ACC-01 answered "yes" by document but contradicted by rdp-exposed: impact 5 × likelihood (3 + 1) = 20; fixing it
    # gains verified points only (its claim already passes: no uncapped gain, no cap lifted).
    # telnet-open (high, no question): impact 4 × likelihood 5 = 20, gains nothing.
    doc = ("yes", "document", "evidence")
    a = make_assessment(CHECKLIST, {"ACC-01": doc, "PAY-01": doc})
    rdp = Finding("rdp-exposed", "high", "10.0.0.9", 3389, "tcp", {"es": "RDP", "en": "RDP"}, {"es": "d", "en": "d"},
                  {"es": "Cierre RDP.", "en": "Close RDP."}, "3389/tcp open", {PCI: ["1.3"]})
    telnet = _finding("telnet-open", "high")
    items = build_plan(a, CHECKLIST, catalogs(), findings=[telnet, rdp]).items
    assert [(i.id, i.risk, i.sort_gain) for i in items] == [("ACC-01", 20, 0.0), ("check:telnet-open", 20, 0.0)]
    assert items[0].lifts_cap == {} and items[1].lifts_cap == {}
    assert items[0].total_gain > 0 and items[1].total_gain == 0


def test_cap_release_is_the_score_with_every_cap_lifting_item_done_findings_gone_too(tmp_path):
    """``cap_release`` = the claimed score if every cap-lifting item were done together: its questions at their
    best answer AND its findings gone — so a question outside those items failed by the same finding stops
    counting (docs/scoring.md §10). Here rdp-exposed fails the critical ACC-01 (it caps ISO) and the medium
    ACC-02, two items; only ACC-01's lifts the cap, yet ACC-02 is no longer failed once the finding is gone."""
    from posture.assessment import Answer
    from posture.scoring import score

    yaml = (FIXTURE_TEXT.replace("        maps_to: {iso27001-2022: [\"5.18\"]",
                                 "        probe_checks: [rdp-exposed]\n        maps_to: {iso27001-2022: [\"5.18\"]"))
    path = tmp_path / "shared-check.yaml"
    path.write_text(yaml, encoding="utf-8")
    checklist = load_fixture(path)
    rdp = _finding("rdp-exposed", "critical")
    a = make_assessment(checklist, {"GOV-01": "yes"})
    before = score(a, checklist, catalogs(), [rdp])
    plan = build_plan(a, checklist, catalogs(), findings=[rdp])
    items = {i.id: i for i in plan.items}
    assert ISO in items["ACC-01"].lifts_cap and items["ACC-02"].lifts_cap == {}
    assert "ACC-02" not in items["ACC-01"].question_ids and items["ACC-02"].finding_ids == [rdp.id]
    done = make_assessment(checklist, {"GOV-01": "yes", "ACC-01": Answer("yes", qid="ACC-01")})
    after = score(done, checklist, catalogs(), [])  # the finding gone: ACC-02 unanswered, not scored
    expected = round(after.frameworks[ISO].claimed - before.frameworks[ISO].claimed, 1)
    assert plan.cap_release[ISO] == expected
    # with the finding still there ACC-02 would stay failed at 0: a smaller release
    kept = score(done, checklist, catalogs(), [rdp])
    assert kept.frameworks[ISO].claimed < after.frameworks[ISO].claimed


def test_an_item_s_title_is_its_action_s_title_else_its_check_s_else_its_section_and_question():
    """``action_title``: an action id → the checklist's ``actions:`` title (a language it lacks → English, no
    text at all → the id); ``check:<id>`` → its findings' title (the same fallbacks); a question without an action
    id → «section title · id» (English section title where a language lacks one); anything else → the id. Every
    plan item carries its title."""
    from dataclasses import replace

    from posture.plan import action_title

    cl = replace(CHECKLIST, actions={"pause-and-resume": {"es": "Pausar", "en": "Pause"}, "only-en": {"en": "E"},
                                     "empty": {}})
    assert action_title(cl, "pause-and-resume") == {"es": "Pausar", "en": "Pause"}
    assert action_title(cl, "only-en") == {"es": "E", "en": "E"}
    assert action_title(cl, "empty") == {"es": "empty", "en": "empty"}
    f = _finding("smb-exposed", "critical")
    assert action_title(cl, "check:smb-exposed", [f]) == {"es": "smb-exposed", "en": "smb-exposed"}
    f_both = replace(f, title={"es": "SMB abierto", "en": "SMB open"})
    assert action_title(cl, "check:smb-exposed", [f_both]) == {"es": "SMB abierto", "en": "SMB open"}
    f_en = replace(f, title={"en": "SMB open"})
    assert action_title(cl, "check:smb-exposed", [f_en]) == {"es": "SMB open", "en": "SMB open"}
    assert action_title(cl, "check:smb-exposed", [replace(f, title={})])["es"] == "check:smb-exposed"
    assert action_title(cl, "check:smb-exposed") == {"es": "check:smb-exposed", "en": "check:smb-exposed"}
    gov = next(s for s in cl.sections if any(q.id == "GOV-01" for q in s.questions))
    assert action_title(cl, "GOV-01") == {lang: f"{gov.title[lang]} · GOV-01" for lang in ("es", "en")}
    only_en = replace(cl, sections=[replace(gov, title={"en": "Governance"}), *cl.sections[1:]])
    assert action_title(only_en, "GOV-01") == {"es": "Governance · GOV-01", "en": "Governance · GOV-01"}
    assert action_title(cl, "no-such") == {"es": "no-such", "en": "no-such"}
    a = make_assessment(cl, {"PAY-01": "no", "GOV-01": "no"})
    smb = _finding("smb-exposed", "critical")
    plan = build_plan(a, cl, catalogs(), findings=[smb])
    assert {i.id: i.title["en"] for i in plan.items} == {
        "pause-and-resume": "Pause", "GOV-01": f"{gov.title['en']} · GOV-01", "check:smb-exposed": "smb-exposed"}
