"""Every footer shows whole keys at 80×24 in both languages: no key cut by the terminal's edge or hidden under
the command palette's «^p Buscar» (the probe screen's «f2 Englis▏^p Buscar» at 80 columns, found in tmux).
Each screen with a footer is opened on a copy of the demo the way an assessor opens it (keys from Home)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tests.tui.conftest import screen_lines

DEMO_NAME = "centro-de-contacto-demo"
DEMO = Path(__file__).resolve().parents[2] / "demo" / DEMO_NAME


@pytest.fixture
def demo(tmp_path, monkeypatch):
    root = tmp_path / "ws"
    shutil.copytree(DEMO, root / DEMO_NAME)
    monkeypatch.setenv("POSTURE_WORKSPACE", str(root))
    return root / DEMO_NAME


def _cut_keys(app, width: int) -> list[str]:
    """The footer keys of the current screen not drawn whole inside ``width`` columns and left of the palette."""
    footer = app.screen.query_one(Footer)
    keys = [k for k in footer.query(FooterKey) if k.display and not k.has_class("-command-palette")]
    assert keys, type(app.screen).__name__
    edge = width
    for palette in footer.query(".-command-palette"):
        edge = min(edge, palette.region.x)
    return [f"{k.key_display} {k.description} {k.region}" for k in keys
            if k.region.width == 0 or k.region.right > edge]


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_every_footer_fits_80_columns(demo, lang):
    from posture.assessment import Workspace
    from posture.tui.app import PostureApp
    from posture.tui.screens.home import HomeScreen
    from posture.tui.screens.probes import ProbesScreen
    from posture.tui.screens.report import ReportScreen
    from posture.tui.screens.walk import WalkScreen

    app = PostureApp(lang=lang, workspace=Workspace())
    cut: dict[str, list[str]] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        cut["home"] = _cut_keys(app, 80)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WalkScreen)
        cut["walk"] = _cut_keys(app, 80)
        for key, screen in (("s", ProbesScreen), ("r", ReportScreen)):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, screen)
            cut[screen.__name__] = _cut_keys(app, 80)
            await pilot.press("escape")
            await pilot.pause()
    assert not any(cut.values()), cut


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_a_long_vendor_name_never_cuts_a_screens_keys(tmp_path, monkeypatch, lang):
    """The report screen's title line cut its keys at 80 columns («Ctrl+G generates · q goes», newcomer): the
    title wraps instead; the hint is read whole."""
    from posture.assessment import Workspace
    from posture.content import bundled_library
    from posture.tui.app import PostureApp
    from posture.tui.screens.probes import ProbesScreen
    from posture.tui.screens.report import ReportScreen

    monkeypatch.setenv("POSTURE_WORKSPACE", str(tmp_path / "ws"))
    a = Workspace().create(vendor="Servicios Integrales de Cobranza del Norte", site="Torre Ejecutiva Monterrey",
                           checklist=bundled_library().checklists["quick-screening"], assessed_on="2026-05-01")
    hints = {"es": {ReportScreen: "Ctrl+G genera · q vuelve",
                    ProbesScreen: "Ctrl+R ejecuta · c cancela · o ordena · Esc vuelve"},
             "en": {ReportScreen: "Ctrl+G generates · q goes back",
                    ProbesScreen: "Ctrl+R runs · c cancels · o sorts · Esc goes back"}}[lang]
    app = PostureApp(lang=lang, path=a.path, workspace=Workspace())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key, screen in (("r", ReportScreen), ("s", ProbesScreen)):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, screen)
            lines = screen_lines(app)
            assert hints[screen] in " ".join(line.strip() for line in lines[:3]), lines[:3]
            await pilot.press("escape")
            await pilot.pause()


@pytest.mark.parametrize(("lang", "word"), [("es", "Cerrar la lista"), ("en", "Close the list")])
async def test_an_open_list_shows_its_key_in_the_app_language(demo, lang, word):
    """The report screen's language list, open, put Textual's «esc Dismiss menu» in the Spanish footer
    (newcomer 2)."""
    from posture.assessment import Workspace
    from posture.tui.app import PostureApp
    from posture.tui.screens.report import ReportScreen

    app = PostureApp(lang=lang, workspace=Workspace())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        await pilot.press("enter")  # the focused language list opens
        await pilot.pause()
        footer = app.screen.query_one(Footer)
        shown = [k.description for k in footer.query(FooterKey)]
        assert word in shown and "Dismiss menu" not in shown, shown
