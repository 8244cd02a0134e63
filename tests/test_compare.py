from engine_support import FIXTURE, catalogs, load_fixture, make_assessment

from posture.compare import compare


def test_deltas_and_question_changes():
    cl = load_fixture()
    old = make_assessment(cl, {"GOV-01": "no", "PAY-01": "yes", "ACC-02": "partial", "ACC-03": "yes"})
    new = make_assessment(cl, {"GOV-01": "yes", "PAY-01": "no", "ACC-02": "yes", "ACC-03": "yes", "GOV-02": "1"})
    result = compare(old, new, cl, cl, catalogs())
    assert result.improved == ["GOV-01", "ACC-02"]
    assert result.regressed == ["PAY-01"]
    assert result.new_gaps == ["GOV-02", "PAY-01"]
    assert result.closed_gaps == ["GOV-01", "ACC-02"]
    claimed, _ = result.frameworks["pci-dss-4.0.1"]
    assert claimed.old == 100.0 and claimed.new == 0.0 and claimed.change == -100.0
    assert result.to_dict()["questions"]["regressed"] == ["PAY-01"]


def test_across_checklist_versions(tmp_path):
    cl = load_fixture()
    text = FIXTURE.read_text().replace('version: "1.0"', 'version: "2.0"')
    start = text.index("      - id: ACC-03")
    text = text[:start] + text[start:].replace("id: ACC-03", "id: ACC-09", 1)
    path = tmp_path / "v2.yaml"
    path.write_text(text)
    cl2 = load_fixture(path)
    old = make_assessment(cl, {"ACC-03": "yes", "GOV-01": "yes"})
    new = make_assessment(cl2, {"ACC-09": "no", "GOV-01": "yes"})
    result = compare(old, new, cl, cl2, catalogs())
    assert result.added_questions == ["ACC-09"] and result.removed_questions == ["ACC-03"]
    assert result.new_gaps == ["ACC-09"]
    assert result.frameworks["lfpdppp-2025"][0].change == -50.0  # 100 → (3·1 + 3·0) / (3 + 3)


def test_actions_closed_new_and_overdue():
    from dataclasses import replace

    from posture.assessment import ActionStatus

    cl = load_fixture()
    old = make_assessment(cl, {"GOV-02": "1", "ACC-02": "no", "PAY-01": "no"})
    new = make_assessment(cl, {"GOV-02": "5", "ACC-02": "no", "PAY-01": "no", "ACC-03": "no"})
    new = replace(new, assessed_on="2027-01-15",
                  actions={"pause-and-resume": ActionStatus("risk-accepted", justification="pausa manual", owner="CISO",
                                                            expires="2027-06-30", aid="pause-and-resume")})
    result = compare(old, new, cl, cl, catalogs(), today="2027-04-01")
    assert result.actions_closed == ["pause-and-resume", "GOV-02"]  # accepted; fixed
    assert result.actions_new == ["ACC-03"]
    assert result.actions_overdue == ["ACC-02"]  # P2, due 2027-03-16; ACC-03 is P3, due 2027-04-15
    assert result.to_dict()["actions"] == {"closed": ["pause-and-resume", "GOV-02"], "new": ["ACC-03"],
                                           "overdue": ["ACC-02"]}
