"""The keys, by screen, in the current language: read from the screens' BINDINGS (posture.tui.bindings),
never typed here — a binding whose key changes shows its new key in the help too."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll

from posture.tui.bindings import help_pairs, help_rows, keys_of
from posture.tui.screens._base import PostureModal
from posture.tui.widgets.literal import Static, Tree


def sections(app_class: type) -> list[tuple[str, type, list[tuple[type, str, str]]]]:
    """(title key, class whose bindings it lists, extra rows) for each part of the help. An extra row is a
    key bound by a widget of that screen: (widget class, action, help text key)."""
    from posture.tui.screens.home import HomeScreen
    from posture.tui.screens.probes import ProbesScreen
    from posture.tui.screens.report import ReportScreen
    from posture.tui.screens.walk import WalkScreen

    return [("help_everywhere", app_class, []), ("help_home", HomeScreen, []),
            ("help_walk", WalkScreen, [(Tree, "select_cursor", "h_notes")]),
            ("help_probes", ProbesScreen, []), ("help_report", ReportScreen, [])]


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
        app_class = type(self.app)
        everywhere = help_pairs(app_class)  # the app's keys work on every screen: listed once, first
        for title, cls, extra in sections(app_class):
            table.add_row("", "")
            table.add_row(Text(self.t(title), "bold"), "")
            rows = help_rows(cls, self.lang, skip=set() if cls is app_class else everywhere)
            rows += [(keys_of(widget)[action], self.t(text)) for widget, action, text in extra]
            for keys, text in rows:
                table.add_row(Text(keys), Text(text))
        self.query_one("#help-body", Static).update(table)

    def action_close(self) -> None:
        self.dismiss(None)
