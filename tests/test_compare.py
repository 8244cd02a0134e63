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
