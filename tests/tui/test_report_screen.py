"""The report screen makes a real PDF in a worker and says where it went."""

from __future__ import annotations

import shutil
import subprocess

from textual.widgets import Input

from posture.assessment import Workspace
from posture.session import AssessmentSession
from posture.tui.app import PostureApp
from posture.tui.screens.report import ReportScreen
from tests.tui.conftest import settle


async def test_generate_a_pdf_from_the_report_screen(assessment, tmp_path):
    s = AssessmentSession(assessment.path)
    s.answer_key("GOV-01", "y")
    s.answer_key("GOV-02", "n")
    s.close()
    app = PostureApp(lang="en", path=assessment.path, workspace=Workspace())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        screen = app.screen
        assert isinstance(screen, ReportScreen)
        output = screen.query_one("#output", Input)
        assert output.value.endswith("acme-contacto-monterrey-full-en.pdf")
        screen.query_one("#audience").value = "executive"
        await pilot.pause()
        assert output.value.endswith("-executive-en.pdf")  # follows the choices until edited
        target = tmp_path / "out" / "acme.pdf"
        target.parent.mkdir()
        output.value = str(target)
        await pilot.press("ctrl+g")
        await settle(app, pilot)
        status = str(screen.query_one("#report-status").render())
        assert str(target) in status and "Report written" in status, status
    assert target.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
        assert "Acme Contacto" in text


async def test_an_unwritable_output_is_a_message_not_a_traceback(assessment, tmp_path):
    app = PostureApp(lang="es", path=assessment.path, workspace=Workspace())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        screen = app.screen
        screen.query_one("#output", Input).value = str(tmp_path / "no-such-dir" / "x.pdf")
        await pilot.press("ctrl+g")
        await settle(app, pilot)
        status = str(screen.query_one("#report-status").render())
        assert status.startswith("No se pudo generar el informe"), status
        assert app.is_running
    assert not (tmp_path / "no-such-dir").exists()


async def test_the_report_never_replaces_the_assessment_and_an_empty_name_is_said(assessment):
    """Typing ``assessment.yaml`` (relative: the assessment's folder) wrote the PDF over the open assessment and
    said «Informe generado» (newcomer); an emptied box did nothing at all. Both are said in the status line."""
    before = assessment.path.read_bytes()
    app = PostureApp(lang="es", path=assessment.path, workspace=Workspace())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        screen = app.screen
        for typed, said in (("assessment.yaml", "es un archivo propio de una evaluación"),
                            ("   ", "indique un archivo de salida")):
            screen.query_one("#output", Input).value = typed
            await pilot.press("ctrl+g")
            await settle(app, pilot)
            status = " ".join(str(screen.query_one("#report-status").render()).split())
            assert status.startswith("No se pudo generar el informe") and said in status, status
    assert assessment.path.read_bytes() == before


async def test_leaving_the_screen_does_not_stop_the_report_and_its_end_is_told(assessment, tmp_path):
    from posture.tui.screens.walk import WalkScreen

    app = PostureApp(lang="es", path=assessment.path, workspace=Workspace())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        screen = app.screen
        target = tmp_path / "sigue.pdf"
        screen.query_one("#output", Input).value = str(target)
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("q")  # back to the interview while it renders
        await pilot.pause()
        assert isinstance(app.screen, WalkScreen)
        await settle(app, pilot)
        messages = [n.message for n in app._notifications]
        assert any(m == f"Informe generado: {target}" for m in messages), messages
    assert target.read_bytes().startswith(b"%PDF")
