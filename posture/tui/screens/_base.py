"""What every screen shares: it knows the app's language and redraws its words when it changes (the app's
``language_changed`` signal, posture.tui.signals)."""

from __future__ import annotations

from typing import Generic, TypeVar

from textual.screen import ModalScreen, Screen

from posture.tui.bindings import keys_of, translate_bindings
from posture.tui.strings import t

Result = TypeVar("Result")


class _Language:
    @property
    def lang(self) -> str:
        return self.app.lang

    def t(self, key: str, **params: object) -> str:
        return t(key, self.app.lang, **params)

    def hint(self, key: str, **params: object) -> str:
        """``t`` for a string that names keys (``{cancel}``, ``{start}``…): filled in from this screen's and
        the app's BINDINGS (posture.tui.bindings.keys_of), never typed in the string."""
        return t(key, self.app.lang, **{**keys_of(type(self), type(self.app)), **params})

    def on_mount(self) -> None:
        # Textual calls every class's on_mount in the MRO: a screen's own on_mount does not replace this one.
        self.app.language_changed.subscribe(self, self._language_changed)

    def _language_changed(self, _lang: str) -> None:
        self.apply_language()

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
