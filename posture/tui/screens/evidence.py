"""Attaching evidence: a file path; the core copies it into the assessment folder and records its hash.

The path is taken as people paste or drop it (quoted, escaped, ``file://``, ``~``: see
``posture.pasted``); a path that is not a readable file is said in the dialog, which stays open
with what was typed so it can be corrected instead of retyped."""

from __future__ import annotations

import os
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input

from posture.pasted import pasted_path
from posture.tui.screens._base import PostureModal
from posture.tui.widgets.literal import Label, Static


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
            yield Static(id="ev-error", classes="error")

    def refresh_language(self) -> None:
        self.query_one("#ev-title", Label).update(self.t("ev_title", qid=self.qid))
        self.query_one("#ev-prompt", Label).update(self.t("ev_prompt"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():
            return
        path = pasted_path(event.value)
        if path.is_dir():
            self.say("#ev-error", lambda: self.hint("ev_is_folder", path=str(path)))
        elif not path.is_file():
            self.say("#ev-error", lambda: self.hint("ev_missing", path=str(path)))
        elif not os.access(path, os.R_OK):
            self.say("#ev-error", lambda: self.hint("ev_unreadable", path=str(path)))
        else:
            self.dismiss(str(path))

    def action_cancel(self) -> None:
        self.dismiss(None)
