"""An encrypted assessment: the app's report screen writes the PDF with the passphrase the app was
opened with, and `posture report` / `export` take --workspace and the passphrase like `score`."""

from __future__ import annotations

import os
import subprocess
import sys

from posture.assessment import Workspace
from posture.content import bundled_library
from posture.tui.app import PostureApp
from posture.tui.screens.report import ReportScreen
from tests.tui.conftest import write_report

PASS = "frase de prueba larga"


def _encrypted(workspace):
    checklist = bundled_library().checklists["quick-screening"]
    return workspace.create(vendor="Cifrado SA", site="Puebla", checklist=checklist, assessed_on="2026-05-01",
                            passphrase=PASS)


async def test_the_report_screen_writes_a_pdf_for_an_encrypted_assessment(workspace, tmp_path, monkeypatch):
    monkeypatch.delenv("POSTURE_PASSPHRASE", raising=False)
    made = _encrypted(workspace)
    app = PostureApp(lang="en", path=made.path, workspace=Workspace(), passphrase=PASS)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        screen = app.screen
        assert isinstance(screen, ReportScreen)
        target = tmp_path / "cifrado.pdf"
        status = await write_report(app, pilot, screen, target)
        assert "Report written" in status, status
    assert target.read_bytes().startswith(b"%PDF")


def test_report_and_export_take_the_workspace_and_the_passphrase(workspace, tmp_path):
    made = _encrypted(workspace)
    env = {**os.environ, "POSTURE_PASSPHRASE": PASS, "POSTURE_LANG": "en"}
    env.pop("POSTURE_WORKSPACE", None)
    out = tmp_path / "r.pdf"
    r = subprocess.run([sys.executable, "-m", "posture", "report", "--workspace", str(workspace.root), made.id,
                        "-o", str(out)], env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes().startswith(b"%PDF")
    r = subprocess.run([sys.executable, "-m", "posture", "export", "--workspace", str(workspace.root), made.id,
                        "--format", "json"], env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert '"vendor": "Cifrado SA"' in r.stdout
    env.pop("POSTURE_PASSPHRASE")
    r = subprocess.run([sys.executable, "-m", "posture", "export", "--workspace", str(workspace.root), made.id,
                        "--format", "json"], env=env, capture_output=True, text=True, timeout=300,
                       stdin=subprocess.DEVNULL)
    assert r.returncode == 1 and "Traceback" not in r.stderr and "POSTURE_PASSPHRASE" in r.stderr
