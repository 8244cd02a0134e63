"""The executive report passes the 30-second test: at most three pages, verdict and grade on the cover,
each critical failure with the action that lifts it, top actions as whole sentences."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pdftext import page_count, pages

DEMO = Path(__file__).resolve().parents[2] / "demo" / "centro-de-contacto-demo"


@pytest.mark.parametrize(("lang", "verdict", "lift"), [("es", "Dictamen: Rechazar", "→ P1 · "),
                                                       ("en", "Verdict: Reject", "→ P1 · ")])
def test_the_demo_executive_report(tmp_path, lang, verdict, lift):
    out = tmp_path / f"exec-{lang}.pdf"
    done = subprocess.run([sys.executable, "-m", "posture", "--lang", lang, "report", str(DEMO), "--audience",
                           "executive", "-o", str(out)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    pdf = out.read_bytes()
    assert page_count(pdf) <= 3
    first, second, *_ = pages(pdf)
    assert verdict in first and " D " in f" {first} "  # verdict and grade before anything else
    failures = second.split("\n")
    assert sum(1 for line in failures if line.strip().startswith(lift)) >= 4  # FLR-05, PAY-02, MSG-01, NET-05
    assert "…" not in second.split("Plan")[0]  # nothing on the summary is cut mid-sentence


def test_the_summary_shows_the_trend_against_the_previous_assessment(tmp_path):
    import shutil

    shutil.copytree(DEMO, tmp_path / "marzo")
    shutil.copytree(DEMO, tmp_path / "septiembre")
    later = tmp_path / "septiembre" / "assessment.yaml"
    later.write_text(later.read_text("utf-8").replace("assessed_on: '2026-03-10'", "assessed_on: '2026-09-10'"),
                     "utf-8")
    out = tmp_path / "x.pdf"
    done = subprocess.run([sys.executable, "-m", "posture", "--lang", "es", "report", str(tmp_path / "septiembre"),
                           "--audience", "executive", "-o", str(out)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    second = pages(out.read_bytes())[1]
    assert "Tendencia: = +0.0 desde el 10 mar 2026 (D → D)" in second
    alone = tmp_path / "solo.pdf"
    shutil.rmtree(tmp_path / "marzo")
    subprocess.run([sys.executable, "-m", "posture", "--lang", "es", "report", str(tmp_path / "septiembre"),
                    "--audience", "executive", "-o", str(alone)], check=True, capture_output=True, timeout=300)
    assert "Tendencia" not in pages(alone.read_bytes())[1]  # no previous assessment: no trend line
