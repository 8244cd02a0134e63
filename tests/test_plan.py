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
