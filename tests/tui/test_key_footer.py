"""The key footer is drawn once at start, with the screen's keys in the app's language, and again when the keys
change (F2): Textual's own footer composed a second time before the first screen was complete."""

from __future__ import annotations

import pytest

from posture.tui.app import PostureApp
from posture.tui.screens.home import HomeScreen
from posture.tui.screens.walk import WalkScreen
from posture.tui.widgets.key_footer import KeyFooter

WALK = {"en": ["j Next", "u Unanswered", "^z Undo", "r Report", "s Probes", "q Back", "? Help"],
        "es": ["j Siguiente", "u Pendiente", "^z Deshacer", "r Informe", "s Sondeo", "q Volver", "? Ayuda"]}


def _keys(footer) -> list[str]:
    return [f"{k.key_display} {k.description}" for k in footer.query("FooterKey")]


@pytest.fixture
def composes(monkeypatch):
    counted = []
    real = KeyFooter.compose

    def compose(self):
        counted.append(type(self.screen).__name__)
        yield from real(self)
    monkeypatch.setattr(KeyFooter, "compose", compose)
    return counted


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_the_walk_footer_is_composed_once_in_the_app_language(workspace, assessment, composes, lang):
    app = PostureApp(lang=lang, path=assessment.path, workspace=workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WalkScreen)
        footer = app.screen.query_one(KeyFooter)
        assert _keys(footer) == WALK[lang]
        await pilot.pause(0.1)
        assert composes == ["WalkScreen"]
        other = "es" if lang == "en" else "en"
        await pilot.press("f2")  # other words: composed again, with them
        await pilot.pause()
        assert _keys(footer) == WALK[other]
        assert len(composes) > 1


async def test_the_home_footer_is_composed_again_only_when_its_keys_change(workspace, assessment, composes):
    """Twice: at start, and when the list takes the focus (its Enter hides the screen's "Open")."""
    app = PostureApp(lang="en", workspace=workspace)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        keys = _keys(app.screen.query_one(KeyFooter))
        assert keys and all(" " in k for k in keys) and not any(" k_" in k for k in keys)  # words, not string keys
        await pilot.pause(0.1)
        assert composes == ["HomeScreen", "HomeScreen"]


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_a_dialog_names_its_own_keys_not_those_of_the_screen_under_it(workspace, assessment, lang):
    """Over the walk, a yes/no question, the help and the N/A reason used to leave the walk's footer in sight
    («j Next», «r Report»: keys the dialog does not take); the bottom row now names the dialog's keys."""
    from tests.tui.conftest import screen_lines

    cancel = {"es": "esc Cancelar", "en": "esc Cancel"}[lang]
    back = {"es": "esc Volver", "en": "esc Back"}[lang]
    app = PostureApp(lang=lang, path=assessment.path, workspace=workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert screen_lines(app)[-1].split() == " ".join(WALK[lang]).split()
        for keys, expected in ((["question_mark"], back), (["a"], cancel)):
            await pilot.press(*keys)
            await pilot.pause()
            bottom = screen_lines(app)[-1]
            assert bottom.strip() == expected, bottom
            assert not any(k in bottom for k in WALK[lang][:2])
            await pilot.press("escape")
            await pilot.pause()
        assert screen_lines(app)[-1].split() == " ".join(WALK[lang]).split()  # and the walk's again once closed
