"""Home: the list, creating from the form, deleting with confirmation, re-assessing, help."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from posture.assessment import Workspace, load_assessment
from posture.listing import summaries
from posture.tui.app import PostureApp
from posture.tui.screens.confirm import ConfirmScreen
from posture.tui.screens.help import HelpScreen
from posture.tui.screens.home import HomeScreen
from posture.tui.screens.new_assessment import NewAssessmentScreen
from posture.tui.screens.walk import WalkScreen
from tests.tui.conftest import plain


async def test_create_an_assessment_from_the_form(workspace):
    app = PostureApp(lang="en", workspace=Workspace())
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        assert "No assessments yet" in str(app.screen.query_one("#home-empty").render())
        await pilot.press("n")
        assert isinstance(app.screen, NewAssessmentScreen)
        await pilot.press("ctrl+s")  # nothing filled in: told what is missing, nothing created
        assert "Missing: Vendor, Site" in str(app.screen.query_one("#new-error").render())
        assert not workspace.root.exists() or not any(workspace.root.iterdir())
        await pilot.press(*"Call Norte", "enter", *"Saltillo", "enter", *"Ana, Luis")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, WalkScreen)
        created = load_assessment(workspace.path_of("call-norte-saltillo"))
        assert (created.vendor, created.site, created.assessors) == ("Call Norte", "Saltillo", ["Ana", "Luis"])
        assert created.frameworks == ["iso27001-2022", "pci-dss-4.0.1", "lfpdppp-2025"]
        await pilot.press("y", "q")
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        assert [str(c) for c in table.get_row_at(0)][:2] == ["Call Norte", "Saltillo"]


async def test_language_chosen_in_the_form_becomes_the_interview_language(workspace):
    app = PostureApp(lang="en", workspace=Workspace())
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("n")
        form = app.screen
        form.query_one("#vendor", Input).value = "Voz"
        form.query_one("#site", Input).value = "Puebla"
        form.query_one("#language").value = "es"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.lang == "es"
        assert "Pregunta 1 de" in str(app.screen.query_one("#q-head").render())


async def test_delete_asks_first_and_reassess_copies_answers(workspace, assessment):
    from posture.session import AssessmentSession

    s = AssessmentSession(assessment.path)
    s.answer_key("GOV-01", "y")
    s.close()
    app = PostureApp(lang="en", workspace=Workspace())
    async with app.run_test(size=(80, 24)) as pilot:
        home = app.screen
        table = home.query_one(DataTable)
        assert table.row_count == 1
        await pilot.press("c")  # asks first, saying what is carried over
        assert isinstance(app.screen, ConfirmScreen)
        question = plain(app.screen.query_one("#confirm-text"))
        assert "Acme Contacto · Monterrey" in question and "answers: 1" in question and "carried over" in question
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is home and table.row_count == 1  # nothing created
        await pilot.press("c", "y")
        await pilot.pause()
        copies = [p for p in workspace.root.iterdir() if p.name != assessment.id]
        copy = load_assessment(copies[0] / "assessment.yaml")
        assert copy.answers["GOV-01"].carried_over and copy.answers["GOV-01"].value == "yes"
        # the copy opens at once and says so on the question
        walk = app.screen
        assert isinstance(walk, WalkScreen)
        walk.go_to("GOV-01")
        assert "carried over" in str(walk.query_one("#q-answer").render())
        await pilot.press("q")
        await pilot.pause()
        assert table.row_count == 2
        # delete: "no" keeps it, "yes" removes the folder
        table.move_cursor(row=0)
        doomed = home.summaries[0].path.parent
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert doomed.exists() and table.row_count == 2
        await pilot.press("d")
        await pilot.click("#confirm-yes")
        await pilot.pause()
        assert not doomed.exists()
        assert table.row_count == 1


async def test_help_lists_the_keys_in_both_languages(workspace):
    app = PostureApp(lang="en", workspace=Workspace())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        body = plain(app.screen.query_one("#help-body"))
        assert "next unanswered" in body and "undo the last change" in body
        await pilot.press("f2")
        body = plain(app.screen.query_one("#help-body"))
        assert "siguiente sin responder" in body
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        assert "Evaluaciones" in str(app.screen.query_one("#home-title").render())


async def test_a_damaged_file_is_listed_and_reported_not_a_traceback(workspace, assessment):
    assessment.path.write_text("kind: assessment\nanswers: [oops\n")
    app = PostureApp(lang="en", workspace=Workspace())
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one(DataTable)
        assert "unreadable" in [str(c) for c in table.get_row_at(0)]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("assessment.yaml" in str(n.message) for n in app._notifications)


async def test_an_encrypted_assessment_asks_for_its_passphrase(workspace, monkeypatch):
    from posture.content import bundled_library
    from posture.tui.screens.passphrase import PassphraseScreen

    monkeypatch.delenv("POSTURE_PASSPHRASE", raising=False)
    secret = workspace.create(vendor="Cifrada", site="CDMX", checklist=bundled_library().checklists["remote-agents"],
                              passphrase="correct horse")
    app = PostureApp(lang="en", workspace=Workspace())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PassphraseScreen)
        await pilot.press(*"wrong", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PassphraseScreen)  # asked again, saying why
        assert str(app.screen.query_one("#pp-error").render())
        await pilot.press(*"correct", "space", *"horse", "enter")
        await pilot.pause()
        walk = app.screen
        assert isinstance(walk, WalkScreen)
        await pilot.press("y")
    assert secret.path.name.endswith(".enc")
    assert b"Cifrada" not in secret.path.read_bytes()  # still encrypted after the save
    again = load_assessment(secret.path, passphrase="correct horse")
    assert len(again.answers) == 1


async def test_home_shows_the_same_overall_as_the_report(workspace):
    """The interview-only field case: the home list shows D (graded on verified), never the claimed 99."""
    import shutil
    from pathlib import Path

    from posture.report import load

    case = Path(__file__).parents[1] / "data" / "scoring" / "interview-only-critical-failure.assessment.yaml"
    folder = workspace.root / "solo-entrevista"
    folder.mkdir(parents=True)
    shutil.copy(case, folder / "assessment.yaml")
    headline = load(folder / "assessment.yaml").scorecard.headline
    [summary] = summaries(workspace)
    assert (summary.letter, summary.score, summary.basis) == (headline.letter, headline.value, "verified") == (
        "D", 0.0, "verified")
    app = PostureApp(lang="en", workspace=Workspace())
    async with app.run_test(size=(80, 24)):
        row = [str(c) for c in app.screen.query_one(DataTable).get_row_at(0)]
        assert row[4] == "D 0"


async def test_the_form_takes_a_date_as_a_mexican_assessor_types_it(workspace):
    """«30/11/2026» was refused with «use AAAA-MM-DD» (newcomer): the form takes ISO or the language's order
    (es DD/MM/AAAA); an impossible date is refused with both forms named."""
    app = PostureApp(lang="es", workspace=Workspace())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, NewAssessmentScreen)
        date = app.screen.query_one("#date", Input)
        await pilot.press(*"Call Norte", "enter", *"Saltillo")
        date.value = "31/02/2026"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NewAssessmentScreen)
        said = plain(app.screen.query_one("#new-error")).strip()
        assert said == "Fecha inválida «31/02/2026»: use AAAA-MM-DD o DD/MM/AAAA"
        date.value = "30/11/2026"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, WalkScreen)
        assert load_assessment(workspace.path_of("call-norte-saltillo")).assessed_on == "2026-11-30"


async def test_reassessing_an_encrypted_row_asks_for_its_passphrase(workspace, monkeypatch):
    """«c» on an encrypted row did nothing, no dialog, no message (newcomer 2): it asks for the passphrase
    (again, saying why, when wrong), then asks to confirm and opens the encrypted copy."""
    from posture.content import bundled_library
    from posture.tui.screens.passphrase import PassphraseScreen

    monkeypatch.delenv("POSTURE_PASSPHRASE", raising=False)
    workspace.create(vendor="Cifrada", site="CDMX", checklist=bundled_library().checklists["remote-agents"],
                     passphrase="correct horse", assessed_on="2026-01-10")
    app = PostureApp(lang="en", workspace=Workspace())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, PassphraseScreen)
        await pilot.press(*"wrong", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PassphraseScreen) and str(app.screen.query_one("#pp-error").render())
        await pilot.press(*"correct", "space", *"horse", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, WalkScreen)
    copies = [p for p in workspace.files() if p.parent.name != "cifrada-cdmx"]
    assert len(copies) == 1 and copies[0].name.endswith(".enc")
    assert b"Cifrada" not in copies[0].read_bytes()


async def test_an_assessment_made_by_the_cli_while_home_is_shown_appears_without_a_restart(workspace, assessment,
                                                                                             monkeypatch):
    """An assessor keeps the app open on Home while a colleague runs ``posture new`` in another terminal: the row
    appears (and a deleted one goes) by itself, the cursor staying on the row it was on."""
    import shutil
    import subprocess
    import sys

    from posture.tui.screens import home

    monkeypatch.setattr(home, "WATCH_SECONDS", 0.1)
    app = PostureApp(lang="en", workspace=Workspace())
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        made = subprocess.run([sys.executable, "-m", "posture", "new", "--vendor", "Beta Voz", "--site", "Apodaca",
                               "--checklist-id", "quick-screening"], capture_output=True, text=True, timeout=120)
        assert made.returncode == 0, made.stderr
        for _ in range(50):  # the watch runs every WATCH_SECONDS; the re-read scores two files
            await pilot.pause(0.1)
            if table.row_count == 2:
                break
        assert [s.vendor for s in app.screen.summaries] == ["Acme Contacto", "Beta Voz"]
        assert [str(table.get_row_at(i)[0]) for i in range(table.row_count)] == ["Acme Conta…", "Beta Voz"]
        assert app.screen.summaries[table.cursor_row].slug == "acme-contacto-monterrey"  # cursor stayed
        shutil.rmtree(workspace.root / "acme-contacto-monterrey")
        for _ in range(50):
            await pilot.pause(0.1)
            if table.row_count == 1:
                break
        assert [str(table.get_row_at(i)[0]) for i in range(table.row_count)] == ["Beta Voz"]
        seen = app.screen._seen
        app.screen.summaries = []  # nothing changed on disk: the next look does not re-read
        await pilot.pause(0.4)
        assert app.screen.summaries == [] and app.screen._seen == seen
        home_screen = app.screen
        home_screen.reload()
        await pilot.press("enter")  # under the interview Home does not look: the interview's own saves change files
        assert isinstance(app.screen, WalkScreen)
        home_screen._seen = ()  # as if the workspace had changed
        await pilot.press("y")
        await pilot.pause(0.4)
        assert home_screen._seen == ()
