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
