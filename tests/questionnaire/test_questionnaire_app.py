"""The round trip in the app: export and import (with a preview) from home; the walk marks vendor answers and
the assessor confirms or changes them."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from posture.assessment import Workspace, load_assessment
from posture.tui.app import PostureApp
from posture.tui.screens.home import HomeScreen
from posture.tui.screens.questionnaire import QuestionnairePathScreen, QuestionnairePreviewScreen
from posture.tui.screens.walk import WalkScreen


def _plain(widget) -> str:
    from io import StringIO

    from rich.console import Console

    console = Console(file=StringIO(), width=200, color_system=None)
    console.print(widget.render())
    return console.file.getvalue()


async def _path(pilot, app, value: str) -> None:
    assert isinstance(app.screen, QuestionnairePathScreen)
    app.screen.query_one(Input).value = value
    await pilot.press("enter")
    await pilot.pause()


async def test_export_then_import_with_a_preview_from_home(tmp_path, monkeypatch, ws, assessment, fill):
    monkeypatch.setenv("POSTURE_WORKSPACE", str(ws.root))
    app = PostureApp(lang="en", workspace=Workspace(ws.root))
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("x")
        assert isinstance(app.screen, QuestionnairePathScreen)
        default = Path(app.screen.query_one(Input).value)
        assert default == ws.root / "norte" / "questionnaire-norte-en.xlsx"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and default.is_file()

        fill(default, {"QS-01": {"D": "Yes", "F": "certified"}, "QS-04": {"D": "Not applicable",
                                                                          "E": "no card payments"}})
        before = (ws.root / "norte" / "assessment.yaml").read_bytes()
        await pilot.press("i")
        await _path(pilot, app, f"'{default}'")  # pasted with its quotes, as a file manager drops it
        preview = app.screen
        assert isinstance(preview, QuestionnairePreviewScreen)
        assert "Import preview" in _plain(preview.query_one("#qp-title"))
        assert "2 new vendor answers, 0 in conflict, 0 equal to those already given" in _plain(
            preview.query_one("#qp-lines"))
        assert (ws.root / "norte" / "assessment.yaml").read_bytes() == before  # the preview writes nothing
        await pilot.click("#qp-import")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    answers = load_assessment(ws.root / "norte" / "assessment.yaml").answers
    assert {q: (a.value, a.method) for q, a in answers.items()} == {"QS-01": ("yes", "vendor-declared"),
                                                                   "QS-04": ("na", "vendor-declared")}


async def test_a_bad_workbook_shows_every_located_line_and_imports_nothing(tmp_path, monkeypatch, ws, assessment,
                                                                          exported, fill):
    monkeypatch.setenv("POSTURE_WORKSPACE", str(ws.root))
    fill(exported, {"QS-01": {"D": "Quizás"}, "QS-02": {"D": "[b]Sí[/b]"}})
    before = (ws.root / "norte" / "assessment.yaml").read_bytes()
    app = PostureApp(lang="es", workspace=Workspace(ws.root))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("i")
        await _path(pilot, app, str(exported))
        preview = app.screen
        assert isinstance(preview, QuestionnairePreviewScreen)
        assert "No se puede importar" in _plain(preview.query_one("#qp-title"))
        text = _plain(preview.query_one("#qp-lines"))
        assert "vendor.xlsx: hoja «Certificaciones y pruebas…», D3: «Quizás» no es una respuesta" in text
        assert "D4: «[b]Sí[/b]» no es una respuesta" in text  # shown literally, never as markup
        assert not preview.query("#qp-import")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert (ws.root / "norte" / "assessment.yaml").read_bytes() == before


async def test_the_walk_marks_vendor_answers_and_the_assessor_confirms_or_changes_them(ws, assessment, exported,
                                                                                     fill, cli):
    fill(exported, {"QS-01": {"D": "Sí"}, "QS-02": {"D": "Sí"}})
    assert cli("questionnaire", "import", exported, "--into", "norte", "--workspace", ws.root)[0] == 0
    app = PostureApp(lang="en", path=ws.root / "norte" / "assessment.yaml", workspace=Workspace(ws.root))
    async with app.run_test(size=(100, 30)) as pilot:
        walk = app.screen
        assert isinstance(walk, WalkScreen)
        assert walk.tree.question_nodes["QS-01"].label.plain == "◇ QS-01"
        for _ in range(5):  # the walk starts at the first unanswered question, QS-03
            if walk.qid == "QS-01":
                break
            await pilot.press("k")
        assert walk.qid == "QS-01"
        assert "declared by the vendor — confirm with m" in _plain(walk.query_one("#q-answer"))
        assert walk.session.card.vendor_declared == ["QS-01", "QS-02"]
        await pilot.press("m")  # confirmed at the interview
        assert walk.session.answer_of("QS-01").method == "interview"
        assert walk.tree.question_nodes["QS-01"].label.plain == "✓ QS-01"
        await pilot.press("j")
        assert walk.qid == "QS-02"
        await pilot.press("n")  # changed: the assessor's answer now
        assert (walk.session.answer_of("QS-02").value, walk.session.answer_of("QS-02").method) == ("no", "interview")
        assert walk.session.card.vendor_declared == []
        await pilot.press("m", "m", "m", "m")  # the hand cycle never goes back to vendor-declared
        assert walk.session.answer_of("QS-02").method == "interview"
    saved = load_assessment(ws.root / "norte" / "assessment.yaml").answers
    assert (saved["QS-01"].method, saved["QS-02"].method) == ("interview", "interview")


async def test_an_export_path_that_cannot_be_used_opens_the_dialog_again_saying_why(tmp_path, monkeypatch, ws,
                                                                                      assessment):
    """An error closed the dialog and the path had to be typed again (newcomer): the dialog comes back with what
    was typed and the reason under it, in the app's language; its keys are named; a good path then writes."""
    monkeypatch.setenv("POSTURE_WORKSPACE", str(ws.root))
    app = PostureApp(lang="es", workspace=Workspace(ws.root))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("x")
        assert str(app.screen.query_one("#qn-keys").content) == "Enter sigue · Esc cancela"
        assert not app.screen.query_one("#qn-error").display
        missing = tmp_path / "no-existe" / "q.xlsx"
        await _path(pilot, app, str(missing))
        dialog = app.screen
        assert isinstance(dialog, QuestionnairePathScreen) and dialog.query_one(Input).value == str(missing)
        assert dialog.query_one("#qn-error").display
        assert f"no existe la carpeta {tmp_path / 'no-existe'}" in " ".join(_plain(dialog.query_one("#qn-error"))
                                                                            .split())
        await _path(pilot, app, str(tmp_path / "q.txt"))
        assert "xlsx" in _plain(app.screen.query_one("#qn-error"))
        await _path(pilot, app, str(tmp_path / "q.xlsx"))
        assert isinstance(app.screen, HomeScreen) and (tmp_path / "q.xlsx").is_file()
    assert not missing.parent.exists()
