"""What every screen shares: it knows the app's language and redraws its words when it changes (the app's
``language_changed`` signal, posture.tui.signals).

A screen draws its fixed words in ``refresh_language``. A line that says something that happened (a status,
an error under a form, the last probe) is drawn with :meth:`_Language.say`, which keeps how to draw it and
draws it again after every language switch: no line stays in the language it was first written in."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, Generic, TypeVar

from rich.console import RenderableType
from textual.screen import ModalScreen, Screen

from posture.tui.bindings import keys_of, translate_bindings, translate_widget_bindings
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

    def on_descendant_focus(self, event) -> None:
        """A Textual widget taking the focus (a Select's open list) shows its keys in the app's language."""
        translate_widget_bindings(event.widget, self.app.lang)

    def apply_language(self) -> None:
        translate_bindings(self, self.app.lang)
        self.refresh_language()
        for selector, draw in list(self._said().items()):
            self._draw_said(selector, draw)

    def _said(self) -> dict[str, Callable[[], RenderableType]]:
        return self.__dict__.setdefault("_said_lines", {})

    def say(self, selector: str, draw: Callable[[], RenderableType]) -> None:
        """Show ``draw()`` in the widget ``selector`` (anything with ``update``) now, and again in the new
        language after each switch. ``draw`` builds the text from keys and parameters with ``self.t`` /
        ``self.hint``, so it reads the app's language when it is called."""
        self._said()[selector] = draw
        self._draw_said(selector, draw)

    def _draw_said(self, selector: str, draw: Callable[[], RenderableType]) -> None:
        found = self.query(selector)
        if found:
            found.first().update(draw())

    def refresh_language(self) -> None:
        """Redraw every translated text on the screen (override)."""

    def on_screen_resume(self) -> None:
        first = not self.__dict__.get("_resumed")
        self._resumed = True
        if first and self.__dict__.get("_drawn_in") == self.app.lang:
            return  # drawn at mount (draw_at_mount), in this language: not twice
        self.apply_language()  # the language may have changed while another screen was on top

    def draw_at_mount(self) -> None:
        """Draw the screen's words now, from its ``on_mount``: before Textual's first layout of the screen, which
        then lays them out with the rest, instead of a second layout and draw when the first ScreenResume
        draws them. That first ScreenResume then draws nothing, unless the language changed in between."""
        if not self.__dict__.get("_resumed"):
            self.apply_language()
            self._drawn_in = self.app.lang


class PostureScreen(_Language, Screen):
    pass


class PostureModal(_Language, ModalScreen[Result], Generic[Result]):
    """A dialog over another screen. It has a key footer of its own, over the screen's below: that one named
    keys the dialog does not take (the walk's «j Next», «r Report» under a yes/no question). ``KEY_FOOTER``
    False: none (a dialog whose text names its only key)."""

    KEY_FOOTER: ClassVar[bool] = True

    def on_mount(self) -> None:  # Textual calls it after the dialog's own on_mount, whatever that does
        from posture.tui.widgets.key_footer import KeyFooter

        if self.KEY_FOOTER:
            self.mount(KeyFooter(compact=True, show_command_palette=False))
