"""The report's first page (scorecard) says what docs/scoring.md v2 says: the verdict first, the overall
letter with its basis or "insufficient coverage", and nothing that reads as a clean vendor when the
interview is empty. Built from the view (what the template prints), without rendering a PDF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from posture.assessment import Answer, Evidence, Workspace, save_assessment
from posture.content import bundled_library
from posture.report import load
from posture.report._view import build_view

CASES = Path(__file__).parents[1] / "data" / "scoring"
TODAY = dt.date(2026, 11, 30)


def _view(path, lang="en"):
    return build_view(load(path), lang, today=TODAY)


def test_interview_only_critical_failure_reads_d_and_reject():
    v = _view(CASES / "interview-only-critical-failure.assessment.yaml")
    assert (v.overall["letter"], v.overall["basis"]) == ("D", "Graded on verified (the lower)")
    assert v.verdict["word"] == "Reject" and "2027-02-28" not in v.verdict["next_review"]  # a formatted date
    assert "February 28, 2027" in v.verdict["next_review"]
    assert any("Uncapped average: claimed 99" in n for n in v.notes_first)
    assert all(f["letter"] == "D" for f in v.frameworks)


def test_document_label_without_evidence_reads_claimed_only():
    v = _view(CASES / "document-method-no-evidence.assessment.yaml", "es")
    assert v.overall["letter"] == "A" and v.overall["basis"] == "Solo declarado: nada verificado"
    assert v.overall["verified"] == "—"
    assert v.verdict["word"] == "Condicionado"
    assert any("Respaldado por evidencia: 0" in n for n in v.notes_first)


@pytest.fixture
def new_assessment(tmp_path):
    def make(answers):
        cl = bundled_library().checklists["bpo-contact-center"]
        a = Workspace(tmp_path).create(vendor="Nuevo", site="Sitio", checklist=cl, assessed_on="2026-03-10")
        a.answers.update(answers)
        save_assessment(a)
        return a.path
    return make


def test_an_empty_assessment_does_not_read_as_a_clean_vendor(new_assessment):
    v = _view(new_assessment({}))
    assert v.overall["letter"] == "—" and v.overall["insufficient"] and v.overall["name"] == "Insufficient coverage"
    assert v.critical == [] and v.critical_unanswered.startswith("12 of 12 critical questions unanswered")
    assert v.no_risks == "No actions yet: too few answers for a plan."
    assert all(f["letter"] == "—" for f in v.frameworks)
    assert v.verdict["word"] == "Conditional"


def test_verified_above_claimed_is_explained_in_one_line(new_assessment):
    ev = [Evidence("evidence/policy.pdf", "ab" * 32, "2026-03-10")]
    answers = {q: Answer("no", qid=q) for q in ("GOV-02", "GOV-03", "GOV-05", "GOV-07")}
    answers["GOV-01"] = Answer("yes", method="document", evidence=ev, qid="GOV-01")
    v = _view(new_assessment(answers))
    [line] = [n for n in v.notes_first if n.startswith("Verified exceeds claimed")]
    assert "1 evidenced answer (" in line


def test_carried_answers_are_counted_on_the_first_page(new_assessment):
    from dataclasses import replace

    answers = {q: replace(Answer("yes", method="observation", answered_by="Ana", answered_at="2025-03-10", qid=q),
                          carried_over=True) for q in ("GOV-01", "GOV-02")}
    v = _view(new_assessment(answers), "es")
    assert any(n.startswith("2 respuestas arrastradas") for n in v.notes_first)
    assert v.overall["verified"] == "—"


def test_a_consultants_rules_reach_the_first_page(tmp_path):
    from posture.rules import bundled_rules_path, load_rules

    strict = tmp_path / "rules.yaml"
    bundled = bundled_rules_path().read_text(encoding="utf-8")
    strict.write_text(bundled.replace("min_answered: 0.8", "min_answered: 0.9"), encoding="utf-8")
    demo = Path(__file__).parents[2] / "demo" / "centro-de-contacto-demo" / "assessment.yaml"
    assert build_view(load(demo), "en", today=TODAY).overall["letter"] == "D"  # 87.8 % answered ≥ 80 %
    v = build_view(load(demo, rules=load_rules(strict)), "en", today=TODAY)  # < 90 %: no letter
    # no letter, yet the demo's open critical failures reject whatever the coverage (docs/scoring.md §11)
    assert v.overall["insufficient"] and v.verdict["word"] == "Reject"
