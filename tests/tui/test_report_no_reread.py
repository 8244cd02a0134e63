"""The report screen renders the open session's evaluation: it never reads the assessment file again. The file
is replaced by garbage after the app opened it, and the PDF still shows the session's assessment and the
SHA-256 of the bytes the app read."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess

import pytest

import posture.assessment._file as store_file
from posture.assessment import Workspace
from posture.content import bundled_library
from posture.tui.app import PostureApp
from posture.tui.screens.report import ReportScreen
from tests.tui.conftest import write_report

PASS = "frase de prueba larga"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext to read the PDF back")
async def test_the_report_screen_does_not_read_the_file_again(workspace, tmp_path, monkeypatch):
    monkeypatch.delenv("POSTURE_PASSPHRASE", raising=False)
    made = workspace.create(vendor="Cifrado SA", site="Puebla", checklist=bundled_library().checklists[
        "quick-screening"], assessed_on="2026-05-01", passphrase=PASS)
    read = hashlib.sha256(made.path.read_bytes()).hexdigest()
    reads = []
    real = store_file._read_doc

    def spy(path, passphrase):  # the store's one reader, still reading
        reads.append(path)
        return real(path, passphrase)

    monkeypatch.setattr(store_file, "_read_doc", spy)
    app = PostureApp(lang="en", path=made.path, workspace=Workspace(), passphrase=PASS)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        screen = app.screen
        assert isinstance(screen, ReportScreen)
        # The file on disk is now something else entirely: a re-read would fail or show other data.
        garbage = made.path.with_name("garbage")
        garbage.write_bytes(b"not an assessment at all\n")
        os.replace(garbage, made.path)
        reads.clear()
        target = tmp_path / "cifrado.pdf"
        status = await write_report(app, pilot, screen, target)
        assert "Report written" in status, status
    assert reads == []
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert "Cifrado SA" in text and "Puebla" in text
    assert read in text.replace("\n", "")  # the hash of the bytes the app read, not of what is there now
