"""An encrypted assessment asks for its passphrase; the text is hidden and never stored on disk."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input

from posture.tui.screens._base import PostureModal
from posture.tui.widgets.literal import Label, Static


class PassphraseScreen(PostureModal[str | None]):
    BINDINGS: ClassVar[list] = [Binding("escape", "cancel", "k_cancel")]

    def __init__(self, name: str, error: str | Callable[[str], str] = ""):
        """``error``: why the last passphrase failed, or ``error(lang)`` to have it in the app's language."""
        super().__init__()
        self.file_name = name
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(id="pp-title", classes="dialog-title")
            yield Input(password=True, id="pp-input")
            yield Static(id="pp-error", classes="error")

    def refresh_language(self) -> None:
        self.query_one("#pp-title", Label).update(self.hint("pp_title", name=self.file_name))
        error = self.error(self.lang) if callable(self.error) else self.error
        self.query_one("#pp-error", Static).update(error)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value:
            self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
