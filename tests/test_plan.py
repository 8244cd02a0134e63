import pytest
from engine_support import catalogs, load_fixture, make_assessment
from test_scoring import tls_finding

from posture.findings import Finding
from posture.plan import OWNER_ROLES, build_plan


def test_gaps_become_items_and_good_answers_do_not():
    cl = load_fixture()
    a = make_assessment(cl, {"GOV-01": "yes", "GOV-02": "2", "ACC-02": "partial", "ACC-03": "na"})
    plan = build_plan(a, cl, catalogs())
    assert [i.id for i in plan.items] == ["GOV-02", "ACC-02"]
    gov2 = next(i for i in plan.items if i.id == "GOV-02")
    # medium (2) + weight 2 → impact 2; maturity 2 = 0.4 < 0.5 → likelihood 4; risk 8 → P2 → 60 days
    assert (gov2.impact, gov2.likelihood, gov2.risk, gov2.priority, gov2.due) == (2, 4, 8, "P2", "2026-03-16")
    acc2 = next(i for i in plan.items if i.id == "ACC-02")
    assert (acc2.risk, acc2.priority, acc2.due) == (6, "P3", "2026-04-15")


def test_due_days_are_configurable():
    cl = load_fixture()
    a = make_assessment(cl, {"PAY-01": "no"})
    [item] = build_plan(a, cl, catalogs(), due_days=(7, 14, 21)).items
    assert item.due == "2026-01-22"


def test_same_action_merges_and_sorting_by_risk_then_gain():
    cl = load_fixture()
    a = make_assessment(cl, {"PAY-01": "no", "PAY-02": "no", "ACC-01": "no", "ACC-02": "no"})
    plan = build_plan(a, cl, catalogs())
    ids = [i.id for i in plan.items]
    assert ids.count("pause-and-resume") == 1 and "PAY-01" not in ids
    merged = plan.items[ids.index("pause-and-resume")]
    assert merged.question_ids == ["PAY-01", "PAY-02"]
    assert merged.references["pci-dss-4.0.1"] == ["3.3.1", "3.2.1"]
    risks = [(i.risk, i.total_gain) for i in plan.items]
    assert risks == sorted(risks, key=lambda r: (-r[0], -r[1]))
    assert set(merged.owner_name) == {"es", "en"} and merged.owner in OWNER_ROLES


def test_findings_without_a_question_become_items_once_per_check():
    cl = load_fixture()
    a = make_assessment(cl, {"GOV-01": "yes"})
    def smb(host):
        return Finding("smb-exposed", "critical", host, 445, "tcp", {"es": "SMB", "en": "SMB"},
                       {"es": "d", "en": "d"}, {"es": "Cierre SMB.", "en": "Close SMB."}, "", {})
    plan = build_plan(a, cl, catalogs(), findings=[smb("10.0.0.1"), smb("10.0.0.2"), tls_finding("info")])
    [item] = plan.items
    assert item.id == "check:smb-exposed" and len(item.finding_ids) == 2
    assert (item.impact, item.likelihood, item.risk, item.priority) == (5, 5, 25, "P1")


def test_finding_on_an_answered_yes_joins_its_question():
    cl = load_fixture()
    a = make_assessment(cl, {"PAY-03": "yes"})
    [item] = build_plan(a, cl, catalogs(), findings=[tls_finding()]).items
    assert item.id == "PAY-03" and item.finding_ids == ["tls-legacy-protocol@10.0.0.5:443/tcp"]


def test_gains_show_the_uncapped_rise_and_the_caps_lifted():
    cl = load_fixture()
    # PCI: PAY-01 and ACC-01 (critical) fail; uncapped (0 + 4 + 4 + 0) / 17 = 47.1, capped at 40
    a = make_assessment(cl, {"PAY-01": "no", "PAY-02": "yes", "PAY-03": "yes", "ACC-01": "no"})
    plan = build_plan(a, cl, catalogs())
    pause = next(i for i in plan.items if i.id == "pause-and-resume")
    acc = next(i for i in plan.items if i.id == "ACC-01")
    # two critical failures cap PCI: closing one alone moves the capped score by nothing …
    assert pause.lifts_cap["pci-dss-4.0.1"] == (1, 2) and acc.lifts_cap["pci-dss-4.0.1"] == (1, 2)
    assert pause.gain["pci-dss-4.0.1"] == 0.0 and pause.uncapped_gain["pci-dss-4.0.1"] == 29.4  # 13/17 − 8/17
    assert acc.gain["pci-dss-4.0.1"] == 0.0 and acc.uncapped_gain["pci-dss-4.0.1"] == 23.5  # 12/17 − 8/17
    # … closing both together lifts it: 17 / 17 = 100 − 40
    assert plan.cap_release["pci-dss-4.0.1"] == 60.0
    assert [i.id for i in plan.items] == ["pause-and-resume", "ACC-01"]  # same risk 20: larger uncapped gain first


def test_action_status_is_stored_carried_and_flags_overdue(tmp_path):
    from posture.assessment import ActionStatus, Workspace, load_assessment, save_assessment, set_action_status

    cl = load_fixture()
    a = Workspace(tmp_path).create(vendor="V", site="S", checklist=cl, assessed_on="2026-01-15")
    for qid, value in {"PAY-01": "no", "GOV-02": "1", "ACC-02": "no"}.items():
        a.answers[qid] = make_assessment(cl, {qid: value}).answers[qid]
    save_assessment(a)
    set_action_status(a.path, "GOV-02", ActionStatus("done", aid="GOV-02"))
    set_action_status(a.path, "ACC-02", ActionStatus("in-progress", aid="ACC-02"))
    stored = load_assessment(a.path)
    assert stored.actions["GOV-02"].status == "done"
    plan = build_plan(stored, cl, catalogs(), today="2026-03-20")
    by_id = {i.id: i for i in plan.items}
    assert by_id["GOV-02"].status.status == "done" and not by_id["GOV-02"].overdue
    assert by_id["ACC-02"].priority == "P2" and by_id["ACC-02"].overdue  # in progress, due 2026-03-16
    assert [i.id for i in plan.overdue] == [i.id for i in plan.items if i.is_open and i.due < "2026-03-20"]
    assert by_id["pause-and-resume"].overdue and by_id["pause-and-resume"].due == "2026-02-14"


@pytest.mark.parametrize(("fields", "word"), [
    ({"status": "risk-accepted", "justification": "x", "owner": "CISO"}, "expiry"),
    ({"status": "compensating-control"}, "justification"),
    ({"status": "closed"}, "closed"),
])
def test_an_incomplete_action_status_is_refused(fields, word):
    from posture.assessment import ActionStatus
    from posture.errors import PostureError

    with pytest.raises(PostureError) as err:
        ActionStatus.from_dict(fields, "GOV-02")
    assert word in err.value.message["en"] and "GOV-02" in err.value.message["en"]


def test_a_bad_action_status_in_the_file_is_a_located_error(tmp_path):
    from posture.assessment import Workspace, load_assessment
    from posture.errors import ContentError

    cl = load_fixture()
    a = Workspace(tmp_path).create(vendor="V", site="S", checklist=cl)
    text = a.path.read_text() + "actions:\n  GOV-02:\n    status: risk-accepted\n    owner: CISO\n"
    a.path.write_text(text)
    with pytest.raises(ContentError) as err:
        load_assessment(a.path)
    line = err.value.lines("en")[0]
    assert "assessment.yaml:" in line and "actions" in line


def test_a_high_finding_on_an_unanswered_question_fails_it_caps_and_becomes_an_action():
    from posture.scoring import score

    cl = load_fixture()
    a = make_assessment(cl, {"PAY-03": "yes", "GOV-01": "yes"})
    rdp = Finding("rdp-exposed", "high", "10.0.0.7", 3389, "tcp", {"es": "RDP", "en": "RDP"}, {"es": "d", "en": "d"},
                  {"es": "Cierre RDP.", "en": "Close RDP."}, "", {})
    low = Finding("rdp-exposed", "low", "10.0.0.8", 3389, "tcp", {"es": "RDP", "en": "RDP"}, {"es": "d", "en": "d"},
                  {"es": "Cierre RDP.", "en": "Close RDP."}, "", {})
    assert score(a, cl, catalogs(), [low]).failed_by_probe == []  # low: an action of its own, no score
    card = score(a, cl, catalogs(), [rdp])
    assert card.failed_by_probe == ["ACC-01"] and "ACC-01" not in card.unanswered
    q = card.questions["ACC-01"]
    assert (q.by_probe, q.verified, q.failed, q.score) == (True, True, True, 0.0)
    assert card.frameworks["pci-dss-4.0.1"].capped_by == ["ACC-01"]  # critical: it caps
    assert card.frameworks["pci-dss-4.0.1"].verified_capped_by == ["ACC-01"]
    assert card.coverage.answered == 2  # nobody answered it
    [item] = [i for i in build_plan(a, cl, catalogs(), card, findings=[rdp]).items if "ACC-01" in i.question_ids]
    assert item.finding_ids == ["rdp-exposed@10.0.0.7:3389/tcp"] and item.likelihood == 5
    assert item.lifts_cap["pci-dss-4.0.1"] == (1, 1) and item.gain["pci-dss-4.0.1"] > 0
