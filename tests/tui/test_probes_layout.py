"""The probe screen's Run button and its statement of authorization fit the screen, in both languages and at
80×24 and larger (issue #18: in Spanish at 80×24 the checkbox label pushed «Ejecutar» off-screen)."""

from __future__ import annotations

import pytest
from textual.geometry import Region
from textual.widgets import Button

from posture.assessment import Workspace
from posture.tui.app import PostureApp
from posture.tui.screens.probes import ProbesScreen
from posture.tui.strings import t


@pytest.mark.parametrize("size", [(80, 24), (81, 25), (100, 30), (160, 50)])
@pytest.mark.parametrize("lang", ["es", "en"])
async def test_the_run_button_and_the_whole_confirmation_are_on_screen(assessment, lang, size):
    app = PostureApp(lang=lang, path=assessment.path, workspace=Workspace())
    async with app.run_test(size=size) as pilot:
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProbesScreen)
        button = screen.query_one("#start", Button)
        assert str(button.label) == t("k_start", lang)
        region, whole = button.region, screen.region
        assert region.width >= len(str(button.label)) and region.height > 0
        assert whole.contains_region(region), (region, whole)
        # every word of the statement is drawn: the checkbox grows a line rather than cut it
        confirm = screen.query_one("#confirm")
        assert whole.contains_region(confirm.region)
        assert confirm.region.right <= region.x
        lines = confirm.render_lines(Region(0, 0, *confirm.outer_size))
        drawn = " ".join(" ".join(strip.text.strip("▊▎▔▁ ") for strip in lines).split())
        assert " ".join(t("pr_confirm", lang).split()) in drawn, drawn
        # and a click on it reaches it (nothing covers it)
        await pilot.click("#start")
        await pilot.pause()
        assert str(screen.query_one("#probe-status").render()) == t("pr_need_confirm", lang)
