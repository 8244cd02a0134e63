"""Attaching evidence: a file path; the core copies it into the assessment folder and records its hash."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input

from posture.tui.screens._base import PostureModal
from posture.tui.widgets.literal import Label


class EvidenceScreen(PostureModal[str | None]):
    BINDINGS: ClassVar[list] = [Binding("escape", "cancel", "k_cancel")]

    def __init__(self, qid: str):
        super().__init__()
        self.qid = qid

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(id="ev-title", classes="dialog-title")
            yield Label(id="ev-prompt")
            yield Input(id="ev-input")

    def refresh_language(self) -> None:
        self.query_one("#ev-title", Label).update(self.t("ev_title", qid=self.qid))
        self.query_one("#ev-prompt", Label).update(self.t("ev_prompt"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
