"""What every screen shares: it knows the app's language and redraws its words when it changes."""

from __future__ import annotations

from typing import Generic, TypeVar

from textual.screen import ModalScreen, Screen

from posture.tui.bindings import translate_bindings
from posture.tui.strings import t

Result = TypeVar("Result")


class _Language:
    @property
    def lang(self) -> str:
        return self.app.lang

    def t(self, key: str, **params: object) -> str:
        return t(key, self.app.lang, **params)

    def apply_language(self) -> None:
        translate_bindings(self, self.app.lang)
        self.refresh_language()

    def refresh_language(self) -> None:
        """Redraw every translated text on the screen (override)."""

    def on_screen_resume(self) -> None:
        self.apply_language()  # the language may have changed while another screen was on top


class PostureScreen(_Language, Screen):
    pass


class PostureModal(_Language, ModalScreen[Result], Generic[Result]):
    pass
