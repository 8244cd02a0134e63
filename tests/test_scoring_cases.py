"""The cases of docs/scoring.md §13, each through ``posture score --json`` (and the core where the CLI
cannot reach): the two field cases, 3 answers, mostly N/A, empty, a re-assessment with a changed
answer, and the same probe run attached three times."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from engine_support import DEMO

from posture.assessment import Answer, Workspace, attach_probe_run, load_assessment, remove_probe_run, save_assessment
from posture.content import bundled_library
from posture.findings import Finding, ProbeRun, contradictions

CASES = Path(__file__).parent / "data" / "scoring"
ON = "2026-11-30"


def score_json(target, workspace: Path) -> dict:
    env = {"POSTURE_WORKSPACE": str(workspace), "PATH": "/usr/bin:/bin", "POSTURE_LANG": "en"}
    r = subprocess.run([sys.executable, "-m", "posture", "score", str(target), "--json", "--on", ON],
                       capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_interview_only_with_a_critical_failure_is_a_d_and_rejected(tmp_path):
    d = score_json(CASES / "interview-only-critical-failure.assessment.yaml", tmp_path)
    assert round(d["overall"]["uncapped"], 1) == 99.3 and d["overall"]["claimed"] == 40.0
    assert sorted(d["overall"]["limited_by"]) == ["iso27001-2022", "lfpdppp-2025", "pci-dss-4.0.1"]
    assert all(f["claimed"] == 40.0 for f in d["frameworks"].values())
    assert d["headline"]["letter"] == "D" and d["headline"]["basis"] == "verified"
    assert d["verdict"]["verdict"] == "reject" and d["verdict"]["rule"] == "open-critical-failure"
    assert "PAY-02" in d["verdict"]["open_critical"]
    assert set(d["not_verified"].values()) == {"method"}  # interview answers: claims


def test_document_label_without_evidence_is_a_claim(tmp_path):
    d = score_json(CASES / "document-method-no-evidence.assessment.yaml", tmp_path)
    assert d["overall"]["verified"] is None and d["verified_share"] == 0.0
    assert all(f["verified"] is None for f in d["frameworks"].values())
    assert (d["headline"]["letter"], d["headline"]["basis"]) == ("A", "claimed-only")
    assert len(d["not_verified"]) == 197 and set(d["not_verified"].values()) == {"no-evidence"}
    assert (d["verdict"]["verdict"], d["verdict"]["rule"]) == ("conditional", "mostly-claimed")


def _new(tmp_path, answers: dict[str, Answer] | None = None):
    checklist = bundled_library().checklists["bpo-contact-center"]
    a = Workspace(tmp_path).create(vendor="Nuevo", site="Sitio", checklist=checklist, assessed_on="2026-03-10")
    a.answers.update(answers or {})
    save_assessment(a)
    return a, checklist


def test_three_answers_get_no_letter(tmp_path):
    a, _ = _new(tmp_path, {q: Answer("yes", method="document", qid=q) for q in ("GOV-01", "GOV-02", "GOV-03")})
    d = score_json(a.path, tmp_path)
    assert d["overall"]["claimed"] == 100.0  # the score is still shown …
    assert d["headline"]["letter"] is None and d["headline"]["basis"] == "insufficient"  # … but no letter
    assert all(f["grade"] is None for f in d["frameworks"].values()) and d["overall"]["grade"] is None
    assert d["coverage"]["answered"] == 3 and not d["coverage"]["sufficient"]
    assert (d["verdict"]["verdict"], d["verdict"]["rule"]) == ("conditional", "insufficient-coverage")


def test_mostly_na_is_flagged_and_gets_no_letter(tmp_path):
    checklist = bundled_library().checklists["bpo-contact-center"]
    can_na = [q for q in checklist.questions if checklist.scale_of(q).allow_na]
    assert len(can_na) >= 154
    na = {q.id for q in can_na[:154]}
    answers = {}
    for q in checklist.questions:
        best = max(checklist.scale_of(q).options, key=lambda o: o.score).value
        answers[q.id] = Answer("na", na_justification="no aplica", qid=q.id) if q.id in na else Answer(best, qid=q.id)
    a, _ = _new(tmp_path, answers)
    d = score_json(a.path, tmp_path)
    cov = d["coverage"]
    assert cov["percent"] == 100.0 and cov["na"] == 154 and round(cov["scored_percent"], 1) == 21.8
    assert cov["na_flagged"] and round(cov["na_share"]) == 78 and not cov["sufficient"]
    assert d["headline"]["letter"] is None


def test_empty_assessment_claims_nothing(tmp_path):
    a, checklist = _new(tmp_path)
    d = score_json(a.path, tmp_path)
    critical = [q.id for q in checklist.questions if q.critical]
    assert d["headline"]["letter"] is None and d["overall"]["claimed"] is None
    assert d["critical_unanswered"] == critical and d["critical_total"] == len(critical)
    assert d["verdict"]["rule"] == "insufficient-coverage"


def test_reassessment_carries_answers_unverified_and_a_changed_answer_is_a_claim(tmp_path):
    from posture.reassessment import duplicate_as_reassessment
    from posture.session import AssessmentSession

    ws = Workspace(tmp_path)
    shutil.copytree(DEMO, tmp_path / "demo")
    before = score_json(tmp_path / "demo", tmp_path)
    old = load_assessment(tmp_path / "demo" / "assessment.yaml")
    assert old.answers["FLR-05"].value == "no" and old.answers["FLR-05"].method == "observation"
    new = duplicate_as_reassessment(ws, tmp_path / "demo", assessed_on="2027-03-10")
    carried = score_json(new.path, tmp_path)
    assert len(carried["carried"]) == len(old.answers) - len([a for a in old.answers.values() if a.na])
    # no carried answer is verified; the probe runs travel with their dates (a contradiction stands until a
    # new probe supersedes it), and what they verify is only failure: verified 0, never more
    assert carried["overall"]["verified"] == 0.0
    session = AssessmentSession(new.path, assessor="Revisora")
    try:
        session.answer_key("FLR-05", "y")
    finally:
        session.close()
    changed = load_assessment(new.path).answers["FLR-05"]
    assert (changed.value, changed.method, changed.carried_over) == ("yes", "interview", False)
    after = score_json(new.path, tmp_path)
    assert "FLR-05" not in after["carried"] and after["not_verified"]["FLR-05"] == "method"
    assert after["overall"]["verified"] == 0.0  # a changed answer is a claim: verified does not rise
    assert before["overall"]["verified"] > 0


def _telnet(observed_at: str) -> Finding:
    return Finding("telnet-exposed", "critical", "10.0.0.9", 23, "tcp", {"es": "Telnet", "en": "Telnet"},
                   {"es": "d", "en": "d"}, {"es": "Cierre Telnet.", "en": "Close Telnet."}, "banner",
                   observed_at=observed_at)


def _run(n: int) -> ProbeRun:
    return ProbeRun(id=f"run-{n}", authorized_by="Ana (CISO)", started_at=f"2026-03-1{n}T10:00:00Z",
                    finished_at=f"2026-03-1{n}T10:05:00Z", targets=["10.0.0.9"],
                    findings=[_telnet(f"2026-03-1{n}T10:01:00Z")])


def test_the_same_probe_run_three_times_is_one_finding_and_can_be_removed(tmp_path):
    checklist = bundled_library().checklists["bpo-contact-center"]
    qids = [q.id for q in checklist.questions if "telnet-exposed" in q.probe_checks]
    assert qids, "the real checklist lists telnet-exposed on some question"
    a, _ = _new(tmp_path, {q: Answer("yes", qid=q) for q in qids})
    for n in (1, 2, 3):
        attach_probe_run(a.path, _run(n), checklist)
    stored = load_assessment(a.path)
    [finding] = stored.findings()
    assert finding.runs == ["run-1", "run-2", "run-3"] and finding.observed_at == "2026-03-13T10:01:00Z"
    found = contradictions(checklist, stored.values(), [f for r in stored.probe_runs for f in r.findings])
    assert sorted({c.question_id for c in found}) == sorted(qids) and len(found) == len(qids)
    d = score_json(a.path, tmp_path)
    assert d["contradicted"] == qids
    assert remove_probe_run(a.path, "run-3") == 1
    [finding] = load_assessment(a.path).findings()
    assert finding.runs == ["run-1", "run-2"] and finding.observed_at == "2026-03-12T10:01:00Z"
    remove_probe_run(a.path, "run-1")
    remove_probe_run(a.path, "run-2")
    assert load_assessment(a.path).findings() == []
    assert score_json(a.path, tmp_path)["contradicted"] == []


def test_removing_an_unknown_run_names_it_and_changes_nothing(tmp_path):
    a, _ = _new(tmp_path)
    before = a.path.read_bytes()
    env = {"POSTURE_WORKSPACE": str(tmp_path), "PATH": "/usr/bin:/bin", "POSTURE_LANG": "en"}
    r = subprocess.run([sys.executable, "-m", "posture", "probe", "--remove", "run-9", str(a.path)],
                       capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 1 and "run-9" in r.stderr and "Traceback" not in r.stderr
    assert a.path.read_bytes() == before


def test_a_critical_finding_on_an_unanswered_question_fails_it(tmp_path):
    checklist = bundled_library().checklists["bpo-contact-center"]
    a, _ = _new(tmp_path)
    attach_probe_run(a.path, _run(1), checklist)
    d = score_json(a.path, tmp_path)
    qids = [q.id for q in checklist.questions if "telnet-exposed" in q.probe_checks]
    assert d["failed_by_probe"] == qids and all(q not in d["unanswered"] for q in qids)
    critical = [q.id for q in checklist.questions if q.id in qids and q.critical]
    for fw in d["frameworks"].values():
        if fw["claimed"] is not None:
            assert fw["verified"] == 0.0
    if critical:
        assert any(set(critical) & set(f["capped_by"]) for f in d["frameworks"].values())


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_text_output_leads_with_the_verdict_and_says_insufficient_coverage(tmp_path, lang):
    a, _ = _new(tmp_path, {"GOV-01": Answer("yes", qid="GOV-01")})
    env = {"POSTURE_WORKSPACE": str(tmp_path), "PATH": "/usr/bin:/bin", "POSTURE_LANG": lang}
    r = subprocess.run([sys.executable, "-m", "posture", "score", str(a.path), "--on", ON],
                       capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[1].startswith({"es": "Dictamen: CONDICIONADO", "en": "Verdict: CONDITIONAL"}[lang])
    assert {"es": "sin letra — cobertura insuficiente", "en": "no letter — insufficient coverage"}[lang] in lines[2]
