"""Every size says what it can do; every key that does not fit the question says what does."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Footer

from posture.assessment import Workspace
from posture.content import load_checklist
from posture.tui.app import PostureApp
from posture.tui.screens.home import HomeScreen
from posture.tui.screens.too_small import TooSmallScreen
from posture.tui.screens.walk import WalkScreen
from tests.tui.conftest import plain

STRICT = Path(__file__).resolve().parents[1] / "data" / "tui" / "checklist-strict-scale.yaml"


async def test_below_80x24_a_notice_asks_for_more_room_and_leaves_when_enlarged(workspace, assessment):
    app = PostureApp(lang="es", workspace=Workspace())
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        text = plain(app.screen.query_one("#too-small"))
        assert "60×20" in text and "80×24" in text and "Ctrl+Q" in text
        await pilot.press("n")  # the home screen underneath takes no keys meanwhile
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.resize_terminal(79, 30)
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen) and "79×30" in plain(app.screen.query_one("#too-small"))


async def test_wider_and_taller_terminals_give_the_tree_and_notes_room(workspace, assessment):
    app = PostureApp(lang="en", path=assessment.path, workspace=Workspace())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        walk = app.screen
        assert isinstance(walk, WalkScreen)
        small_tree, small_notes = walk.query_one("#tree").size.width, walk.query_one("#notes").size.height
        await pilot.resize_terminal(200, 50)
        await pilot.pause()
        assert walk.query_one("#tree").size.width > small_tree + 10
        assert walk.query_one("#notes").size.height > small_notes
        assert walk.query_one("#pane").size.width > 100


async def test_the_answer_line_rewraps_after_a_resize(workspace, assessment):
    app = PostureApp(lang="en", path=assessment.path, workspace=Workspace())
    async with app.run_test(size=(160, 40)) as pilot:
        walk = app.screen
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("Input").value = "No card payments at this site; " * 4
        await pilot.press("enter")
        await pilot.pause()
        line = walk.query_one("#q-answer")
        wide = line.size.height
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert line.size.height > wide  # re-measured: the justification wraps instead of being clipped
        shown = " ".join(line.render_line(y).text.strip() for y in range(line.size.height))
        assert shown.count("payments at this site;") == 4  # every word shown, none clipped


async def test_a_key_that_does_not_fit_says_which_keys_do(workspace, assessment):
    app = PostureApp(lang="es", path=assessment.path, workspace=Workspace())
    async with app.run_test(size=(100, 30)) as pilot:
        walk = app.screen
        assert isinstance(walk, WalkScreen)
        await pilot.press("3")  # a maturity digit on a yes/no question
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        said = "«3» no responde esta pregunta; use y Sí · p Parcial · n No · a No aplica"
        assert any(m.startswith(said) for m in messages)
        assert walk.session.answer_of(walk.qid) is None
        maturity = next(q.id for q in walk.session.questions if walk.session.checklist.scale_of(q).id == "maturity")
        walk.show_question(maturity) if hasattr(walk, "show_question") else walk.tree.show_question(maturity)
        await pilot.pause()
        walk.qid = maturity
        await pilot.press("y")
        await pilot.pause()
        assert any(n.message.startswith("«y» no responde esta pregunta; use 0–5 madurez · a No aplica")
                   for n in app._notifications)
        assert walk.session.answer_of(maturity) is None


async def test_hints_follow_the_scale_no_na_where_it_is_forbidden(tmp_path, monkeypatch):
    monkeypatch.setenv("POSTURE_WORKSPACE", str(tmp_path / "ws"))
    ws = Workspace()
    strict = load_checklist(STRICT)
    made = ws.create(vendor="Estricta", site="Norte", checklist=strict, assessed_on="2026-05-01")
    app = PostureApp(lang="en", path=made.path, workspace=Workspace())
    async with app.run_test(size=(100, 30)) as pilot:
        walk = app.screen
        assert isinstance(walk, WalkScreen) and walk.qid == strict.questions[0].id
        keys = plain(walk.query_one("#q-keys"))
        assert keys.startswith("y Yes · n No · m method") and "N/A" not in keys
        await pilot.press("a")  # refused at once, with the reason
        await pilot.pause()
        assert walk.session.answer_of(walk.qid) is None and isinstance(app.screen, WalkScreen)
        await pilot.press("j")
        await pilot.pause()
        assert "a N/A" in plain(walk.query_one("#q-keys"))  # the next question's scale allows it


async def test_the_walk_footer_fits_80_columns_in_spanish(workspace, assessment):
    app = PostureApp(lang="es", path=assessment.path, workspace=Workspace())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        from textual.widgets._footer import FooterKey

        footer = app.screen.query_one(Footer)
        keys = {key.description: key.region for key in footer.query(FooterKey)}
        for word in ("Sondeo", "Volver", "Ayuda"):
            region = keys[word]
            assert region.width > 0 and region.right <= 80, (word, region, keys)
