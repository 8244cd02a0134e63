"""The keys, by screen, in the current language."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll

from posture.tui.screens._base import PostureModal
from posture.tui.widgets.literal import Static

SECTIONS = [
    ("help_everywhere", [("F2", "h_lang"), ("?", "h_help"), ("Ctrl+P", "h_palette"), ("q / Esc", "h_quit")]),
    ("help_home", [("Enter · n · d · c", "h_home_keys"), ("x · i", "h_questionnaire")]),
    ("help_walk", [("y p n · 0–5", "h_answer"), ("a", "h_na"), ("j k ↓ ↑", "h_move"), ("u", "h_unanswered"),
                   ("m", "h_method"), ("e", "h_evidence"), ("Enter / Tab", "h_notes"), ("Ctrl+Z", "h_undo"),
                   ("l", "h_law"), ("t", "h_tree"), ("r", "h_report"), ("s", "h_probes")]),
    ("help_probes", [("Ctrl+R · c · o", "h_probe_keys")]),
    ("help_report", [("Ctrl+G", "h_report_keys")]),
]


class HelpScreen(PostureModal[None]):
    BINDINGS: ClassVar[list] = [Binding("escape,q,question_mark", "close", "k_back")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help"):
            yield Static(id="help-body")

    def refresh_language(self) -> None:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column()
        table.add_row(Text(self.t("help_title"), "bold underline"), "")
        for title, rows in SECTIONS:
            table.add_row("", "")
            table.add_row(Text(self.t(title), "bold"), "")
            for keys, key in rows:
                table.add_row(keys, self.t(key))
        self.query_one("#help-body", Static).update(table)

    def action_close(self) -> None:
        self.dismiss(None)
