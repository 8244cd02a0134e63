"""A yes/no question before something that cannot be undone."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button

from posture.tui.screens._base import PostureModal
from posture.tui.widgets.literal import Label


class ConfirmScreen(PostureModal[bool]):
    BINDINGS: ClassVar[list] = [Binding("escape", "answer(False)", "k_cancel"),
                                Binding("y,s", "answer(True)", "yes", show=False),
                                Binding("n", "answer(False)", "no", show=False)]

    def __init__(self, key: str, **params: object):
        """``params`` fill the message ``key``; a callable one is called with the language each time the
        message is drawn (a date, written as that language writes it)."""
        super().__init__()
        self.key = key
        self.params = params

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(id="confirm-text")
            with Horizontal(classes="buttons"):
                yield Button(id="confirm-yes", variant="error")
                yield Button(id="confirm-no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def refresh_language(self) -> None:
        params = {k: v(self.lang) if callable(v) else v for k, v in self.params.items()}
        self.query_one("#confirm-text", Label).update(self.t(self.key, **params))
        self.query_one("#confirm-yes", Button).label = self.t("yes")
        self.query_one("#confirm-no", Button).label = self.t("no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)
