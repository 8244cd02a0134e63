"""Every key says what it did, or why not: keys in a read-only window (evidence attached twice: the
core's tests/test_session.py)."""

from __future__ import annotations

from posture.assessment import Workspace
from posture.session import AssessmentSession


async def test_a_read_only_window_says_so_before_anything_about_the_scale(assessment):
    from posture.tui.app import PostureApp

    holder = AssessmentSession(assessment.path)  # another window has it open
    try:
        app = PostureApp(lang="es", path=assessment.path, workspace=Workspace())
        async with app.run_test(size=(100, 30)) as pilot:
            walk = app.screen
            maturity = next(q.id for q in walk.session.questions
                            if walk.session.checklist.scale_of(q).id == "maturity")
            walk.go_to(maturity)
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
            last = list(app._notifications)[-1].message
            assert last.startswith("solo lectura:") and "pid" in last
    finally:
        holder.close()


async def test_a_read_only_window_whose_assessment_is_deleted_says_so(assessment):
    """Window A lets go of the file and deletes it before the read-only window B looks again: B says so, once,
    in Spanish, with no OS error, and keeps showing the last copy it read."""
    import shutil

    from posture.tui.app import PostureApp
    from posture.tui.screens.walk import WalkScreen

    holder = AssessmentSession(assessment.path)
    app = PostureApp(lang="es", path=assessment.path, workspace=Workspace())
    async with app.run_test(size=(100, 30)) as pilot:
        walk = app.screen
        assert isinstance(walk, WalkScreen) and walk.session.read_only
        holder.close()
        shutil.rmtree(assessment.path.parent)
        for _ in range(50):
            await pilot.pause(0.1)
            if any(n.message.startswith("Otra ventana borró esta evaluación") for n in app._notifications):
                break
        await pilot.pause(1.5)  # more looks: said once
        messages = [n.message for n in app._notifications]
        assert sum(m.startswith("Otra ventana borró esta evaluación") for m in messages) == 1, messages
        assert not any("Errno" in m for m in messages)
        assert app.screen is walk and walk.session.read_only


async def test_the_report_screen_speaks_spanish_down_to_the_file_name(assessment):
    from textual.widgets import Input, Select

    from posture.tui.app import PostureApp
    from posture.tui.screens.report import ReportScreen

    app = PostureApp(lang="es", path=assessment.path, workspace=Workspace())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReportScreen)
        assert str(screen.query_one("#rlang", Select).selection) == "es"
        current = screen.query_one("#rlang", Select).query_one("SelectCurrent")
        shown = " ".join(w.render_line(y).text for w in (current, *current.children) for y in range(w.size.height))
        assert "Español" in shown, shown
        assert screen.query_one("#output", Input).value.endswith("-completo-es.pdf")
