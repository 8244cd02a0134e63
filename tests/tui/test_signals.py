"""App-wide updates travel as the app's signals (posture.tui.signals), not as calls between screens: an
answer given on the walk reaches the walk's score sidebar and Home's row through ``assessment_changed``."""

from __future__ import annotations

from textual.widgets import DataTable

from posture.assessment import Workspace
from posture.tui.app import PostureApp
from posture.tui.screens.home import HomeScreen
from posture.tui.screens.walk import WalkScreen
from posture.tui.signals import AssessmentChanged
from posture.tui.widgets.score_sidebar import ScoreSidebar
from tests.tui.conftest import plain


def _progress_cell(home: HomeScreen) -> str:
    return str(home.query_one(DataTable).get_row_at(0)[3])


async def test_an_answer_on_the_walk_updates_the_sidebar_and_home_through_the_signal(workspace, assessment):
    app = PostureApp(lang="en", workspace=Workspace())
    published: list[AssessmentChanged] = []
    async with app.run_test(size=(120, 40)) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert home.summaries[0].progress == 0.0 and _progress_cell(home) == "0%"
        app.assessment_changed.subscribe(app, published.append, immediate=True)
        await pilot.press("enter")
        await pilot.pause()
        walk = app.screen
        assert isinstance(walk, WalkScreen)
        total = len(walk.session.questions)
        sidebar = walk.query_one(ScoreSidebar)
        assert f"Progress 0/{total}" in plain(sidebar)

        qid = walk.qid
        await pilot.press("y")
        await pilot.pause()
        assert [(c.session, c.qid) for c in published] == [(walk.session, qid)]
        assert f"Progress 1/{total}" in plain(sidebar)
        # Home is under the walk, never resumed: its row changed on the same signal, from the live card.
        assert app.screen is walk
        assert home.summaries[0].progress == 100 / total
        assert _progress_cell(home) == f"{100 / total:.0f}%"

        # The signal is the only path: a change made on the core's session alone shows nowhere …
        other = walk.session.next_unanswered(qid)
        walk.session.answer_key(other, "n")
        await pilot.pause()
        assert f"Progress 1/{total}" in plain(sidebar)
        assert home.summaries[0].progress == 100 / total
        # … until it is published; then the tree, the sidebar and Home all show it.
        app.assessment_changed.publish(AssessmentChanged(walk.session, other))
        await pilot.pause()
        assert f"Progress 2/{total}" in plain(sidebar)
        assert home.summaries[0].progress == 200 / total
        assert "✗" in str(walk.tree.question_nodes[other].label)

        await pilot.press("q")  # back on Home: it re-reads the workspace, and the file agrees
        await pilot.pause()
        assert app.screen is home and home.summaries[0].progress == 200 / total


async def test_the_language_switch_reaches_every_screen_in_the_stack(workspace, assessment):
    app = PostureApp(lang="en", workspace=Workspace())
    async with app.run_test(size=(120, 40)) as pilot:
        home = app.screen
        await pilot.press("enter")
        await pilot.pause()
        walk = app.screen
        await pilot.press("f2")
        await pilot.pause()
        assert app.lang == "es"
        assert "Avance 0/" in plain(walk.query_one(ScoreSidebar))
        assert str(home.query_one("#home-title").render()) == "Evaluaciones"  # redrawn under the walk
