"""The bundled demo is what demo/make_demo.py writes from today's checklist and importer.

A demo written by an older importer kept its findings' evidence as English sentences ("1723/tcp open: …")
and showed them in the Spanish report; regenerating it stores them as message ids. This test fails when the
committed demo and the script's output part ways (run `.venv/bin/python demo/make_demo.py`)."""

from __future__ import annotations

import importlib.util
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "demo" / "centro-de-contacto-demo"
# the write's and the import's own times, and where the scan was read from
_STAMP = re.compile(r"^( *)(updated_at|imported_at): .*$|^( *)file: .*perimeter-nmap\.xml$", re.MULTILINE)


def test_the_committed_demo_is_what_make_demo_writes(tmp_path, monkeypatch):
    copy = tmp_path / "centro-de-contacto-demo"
    shutil.copytree(DEMO, copy)
    (copy / "assessment.yaml").unlink()
    spec = importlib.util.spec_from_file_location("make_demo", ROOT / "demo" / "make_demo.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "HERE", copy)
    monkeypatch.setattr(module, "SCAN", copy / "perimeter-nmap.xml")
    assert module.main() == 0
    written = (copy / "assessment.yaml").read_text("utf-8")
    committed = (DEMO / "assessment.yaml").read_text("utf-8")
    assert _STAMP.sub("", written) == _STAMP.sub("", committed)


def test_no_finding_of_the_demo_keeps_its_evidence_only_as_a_sentence():
    """Every finding's evidence travels as a message id with parameters, rendered in the reader's language."""
    from posture.assessment import load_assessment

    assessment = load_assessment(DEMO / "assessment.yaml")
    findings = [f for run in assessment.probe_runs for f in run.findings]
    assert findings and all(getattr(f, "evidence_msg", None) for f in findings if f.evidence)
