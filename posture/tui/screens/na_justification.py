"""N/A asks why: a required justification; Esc leaves the answer as it was."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input

from posture.tui.screens._base import PostureModal
from posture.tui.widgets.literal import Label, Static


class NaJustificationScreen(PostureModal[str | None]):
    BINDINGS: ClassVar[list] = [Binding("escape", "cancel", "k_cancel")]

    def __init__(self, qid: str, current: str = ""):
        super().__init__()
        self.qid = qid
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(id="na-title", classes="dialog-title")
            yield Label(id="na-prompt")
            yield Input(self.current, id="na-input")
            yield Static(id="na-error", classes="error")

    def refresh_language(self) -> None:
        self.query_one("#na-title", Label).update(self.t("na_title", qid=self.qid))
        self.query_one("#na-prompt", Label).update(self.hint("na_prompt"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            self.say("#na-error", lambda: self.t("na_required"))
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)
