"""`posture report` and `posture export` read the assessment once and build one Evaluation that every
format renders from (spies on the real functions: they count and still run)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import posture.assessment._file as store_file
import posture.evaluation as evaluation
from posture.cli import main

DEMO = Path(__file__).parents[2] / "demo" / "centro-de-contacto-demo" / "assessment.yaml"


@pytest.fixture
def spies(monkeypatch):
    """Calls of the real ``load_with_checklist`` (wherever it was imported by name) and Evaluations built."""
    import sys

    calls = {"load_with_checklist": 0, "evaluations": 0}
    real = store_file.load_with_checklist

    def counting_load(*args, **kwargs):
        calls["load_with_checklist"] += 1
        return real(*args, **kwargs)

    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").startswith("posture") and \
                getattr(module, "load_with_checklist", None) is real:
            monkeypatch.setattr(module, "load_with_checklist", counting_load)
    real_post_init = evaluation.Evaluation.__post_init__

    def counting_post_init(self):
        calls["evaluations"] += 1
        real_post_init(self)

    monkeypatch.setattr(evaluation.Evaluation, "__post_init__", counting_post_init)
    return calls


@pytest.fixture
def demo(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "ws"
    (root / "demo").mkdir(parents=True)
    shutil.copy(DEMO, root / "demo" / "assessment.yaml")
    monkeypatch.setenv("POSTURE_WORKSPACE", str(root))
    return root / "demo" / "assessment.yaml"


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx", "oscal", "html"])
def test_export_builds_one_evaluation(demo, spies, tmp_path, fmt):
    out = tmp_path / ("oscal" if fmt == "oscal" else f"out.{fmt}")
    assert main(["--lang", "en", "export", "demo", "--format", fmt, "-o", str(out), "--on", "2026-11-30"]) == 0
    assert out.exists()
    assert spies == {"load_with_checklist": 1, "evaluations": 1}


def test_report_builds_one_evaluation(demo, spies, tmp_path):
    out = tmp_path / "r.pdf"
    assert main(["--lang", "en", "report", "demo", "-o", str(out), "--on", "2026-11-30"]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert spies == {"load_with_checklist": 1, "evaluations": 1}


@pytest.mark.parametrize("command", [["score"], ["plan"], ["soa"]])
def test_score_plan_and_soa_build_one_evaluation(demo, spies, command, capsys):
    assert main(["--lang", "en", *command, "demo"]) == 0
    assert capsys.readouterr().out
    assert spies == {"load_with_checklist": 1, "evaluations": 1}


def test_compare_builds_one_evaluation_per_side(demo, spies, capsys):
    assert main(["--lang", "en", "compare", "demo", "demo"]) == 0
    assert capsys.readouterr().out
    assert spies == {"load_with_checklist": 2, "evaluations": 2}
