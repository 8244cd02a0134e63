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
        assert rows[1][0] == "no se puede leer" and rows[1][-1] == "roto"
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
