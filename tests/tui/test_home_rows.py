"""Home rows carry the folder id, and an unreadable row says why, in the app's language."""

from __future__ import annotations

from posture.assessment import Workspace
from posture.tui.app import PostureApp
from posture.tui.screens.home import HomeScreen
from posture.tui.widgets.literal import DataTable
from tests.tui.conftest import plain


async def test_rows_show_the_id_and_an_unreadable_row_says_why(workspace, assessment):
    broken = workspace.root / "roto"
    broken.mkdir()
    (broken / "assessment.yaml").write_text("vendor: [\n", "utf-8")
    app = PostureApp(lang="es", workspace=Workspace())
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one(DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert rows[0][0] == "Acme Contacto" and rows[0][-1] == assessment.id
        assert rows[1][0] == "ilegible" and rows[1][-1] == "roto"
        reason = app.screen.query_one("#home-reason")
        assert not reason.display  # the readable row is highlighted: nothing to explain
        await pilot.press("down")
        await pilot.pause()
        assert reason.display
        text = plain(reason)
        assert text.startswith("No se puede abrir: ") and "roto/assessment.yaml:2:1" in text
        await pilot.press("up")
        await pilot.pause()
        assert not reason.display


async def test_the_form_fits_80x24_in_both_languages_and_keeps_date_and_scope(workspace):
    from textual.widgets import Button, Input, Select

    from posture.assessment import load_assessment
    from posture.tui.screens.new_assessment import NewAssessmentScreen

    for lang in ("es", "en"):
        app = PostureApp(lang=lang, workspace=Workspace())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("n")
            await pilot.pause()
            form = app.screen
            assert isinstance(form, NewAssessmentScreen)
            for widget_id in ("#create", "#cancel", "#language", "#date", "#scope"):
                region = form.query_one(widget_id).region
                assert region.height >= 1 and region.bottom <= 24 and region.right <= 80, (lang, widget_id, region)
            options = [str(label) for label, _ in form.query_one("#checklist", Select)._options]
            assert any("197" in o and ("preguntas" if lang == "es" else "questions") in o for o in options)
            language = form.query_one("#language", Select)
            assert str(language.selection) == lang and \
                str(dict((v, k) for k, v in language._options)[lang]) in ("Español", "English")
            assert form.query_one("#create", Button).label.plain == ("Crear" if lang == "es" else "Create")
            form.query_one("#vendor", Input).value = f"Voz {lang}"
            form.query_one("#site", Input).value = "Puebla"
            form.query_one("#date", Input).value = "2026-13-01"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert "2026-13-01" in plain(form.query_one("#new-error"))  # a bad date is refused, not created
            form.query_one("#date", Input).value = "2026-02-03"
            form.query_one("#scope", Input).value = "Campaña de cobranza, piso 3"
            await pilot.press("ctrl+s")
            await pilot.pause()
        created = load_assessment(workspace.path_of(f"voz-{lang}-puebla"))
        assert (created.assessed_on, created.scope) == ("2026-02-03", "Campaña de cobranza, piso 3")


async def test_a_second_assessment_of_the_same_vendor_and_site_is_warned_about_once(workspace, assessment):
    from textual.widgets import Input

    from posture.tui.screens.new_assessment import NewAssessmentScreen

    app = PostureApp(lang="es", workspace=Workspace())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        form = app.screen
        form.query_one("#vendor", Input).value = "acme contacto"  # same vendor and site, other case
        form.query_one("#site", Input).value = "Monterrey"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NewAssessmentScreen)
        warning = plain(form.query_one("#new-error"))
        assert "Ya hay una evaluación de este proveedor y sitio" in warning and assessment.id in warning
        assert workspace.ids() == [assessment.id]
        await pilot.press("ctrl+s")  # on purpose: a second one, with its own id
        await pilot.pause()
    assert len(workspace.ids()) == 2


async def test_framework_ticks_show_without_colour(workspace):
    from posture.tui.widgets.literal import SelectionList

    app = PostureApp(lang="en", workspace=Workspace())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        frameworks = app.screen.query_one("#frameworks", SelectionList)
        lines = [frameworks.render_line(y).text for y in range(frameworks.option_count)]
        assert all("✓" in line for line in lines), lines
        frameworks.deselect(frameworks.get_option_at_index(1).value)
        await pilot.pause()
        lines = [frameworks.render_line(y).text for y in range(frameworks.option_count)]
        assert ["✓" in line for line in lines] == [True, False, True], lines


async def test_j_and_k_move_on_home_as_in_the_interview(workspace, assessment):
    from posture.content import bundled_library

    workspace.create(vendor="Otro", site="Sitio", checklist=bundled_library().checklists["quick-screening"])
    app = PostureApp(lang="en", workspace=Workspace())
    async with app.run_test(size=(100, 24)) as pilot:
        table = app.screen.query_one(DataTable)
        assert table.cursor_row == 0
        await pilot.press("j")
        assert table.cursor_row == 1
        await pilot.press("k")
        assert table.cursor_row == 0
