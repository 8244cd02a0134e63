from engine_support import DEMO, load_fixture

from posture.assessment import Answer, Workspace, attach_probe_run, load_assessment, save_assessment, verify_evidence
from posture.findings import Finding, ProbeRun


def _run(run_id="run-1"):
    f = Finding("tls-legacy-protocol", "high", "10.0.0.5", 443, "tcp", {"es": "TLS 1.0", "en": "TLS 1.0"},
                {"es": "d", "en": "d"}, {"es": "r", "en": "r"}, "TLSv1.0")
    return ProbeRun(id=run_id, authorized_by="Ana (CISO)", started_at="2026-01-15T10:00:00Z",
                    finished_at="2026-01-15T10:05:00Z", targets=["10.0.0.0/24"], findings=[f])


def test_attach_probe_run_stores_links_and_reports_contradictions(tmp_path):
    checklist = load_fixture()
    a = Workspace(tmp_path).create(vendor="V", site="S", checklist=checklist)
    a.answers["PAY-03"] = Answer("yes", qid="PAY-03")
    save_assessment(a)

    found = attach_probe_run(a.path, _run(), checklist)
    assert [(c.question_id, c.answer) for c in found] == [("PAY-03", "yes")]
    again = load_assessment(a.path, checklist)
    assert [r.id for r in again.probe_runs] == ["run-1"]
    assert again.probe_runs[0].findings[0].questions == ["PAY-03"]
    attach_probe_run(a.path, _run(), checklist)  # the same run again replaces, never duplicates
    assert len(load_assessment(a.path).probe_runs) == 1
    assert a.path.with_name("assessment.yaml.bak").exists()


def test_demo_evidence_hashes_are_real():
    demo = load_assessment(DEMO / "assessment.yaml")
    evidence = [e for answer in demo.answers.values() for e in answer.evidence]
    assert len(evidence) >= 3
    assert all(verify_evidence(DEMO, e) for e in evidence)
