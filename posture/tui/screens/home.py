"""Home: the assessments in the workspace; open, create, delete (with confirmation), re-assess."""

from __future__ import annotations

import shutil
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer

from posture.assessment import Summary
from posture.errors import PostureError
from posture.tui.screens._base import PostureScreen
from posture.tui.widgets.literal import DataTable, Static


class HomeScreen(PostureScreen):
    BINDINGS: ClassVar[list] = [
        Binding("enter", "open", "k_open", show=True, priority=False),
        Binding("n", "new", "k_new"),
        Binding("d", "delete", "k_delete"),
        Binding("c", "duplicate", "k_duplicate"),
        Binding("q", "app.quit", "k_quit"),
    ]

    def __init__(self):
        super().__init__()
        self.summaries: list[Summary] = []

    def compose(self) -> ComposeResult:
        yield Static(id="home-title", classes="screen-title")
        yield DataTable(id="assessments", cursor_type="row", zebra_stripes=True)
        yield Static(id="home-empty")
        yield Static(id="home-reason", classes="error")
        yield Static(id="home-workspace", classes="dim")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()

    def on_screen_resume(self) -> None:
        self.reload()
        super().on_screen_resume()

    def refresh_language(self) -> None:
        self.query_one("#home-title", Static).update(Text(self.t("home_title"), "bold"))
        self.query_one("#home-workspace", Static).update(self.t("home_workspace", path=str(self.app.workspace.root)))
        self._fill()

    def reload(self, select_slug: str | None = None) -> None:
        try:
            self.summaries = self.app.workspace.list()
        except OSError as exc:
            self.summaries = []
            self.app.report_error(exc)
        self._fill(select_slug)

    def _fill(self, select_slug: str | None = None) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        table.add_column(self.t("col_vendor"), width=25)
        table.add_column(self.t("col_site"), width=18)
        table.add_column(self.t("col_date"), width=10)
        table.add_column(self.t("col_progress"), width=8)
        table.add_column(self.t("col_score"), width=7)
        table.add_column(self.t("col_id"))
        for s in self.summaries:
            if s.error:
                table.add_row(Text(self.t("col_error"), "red"), "", "", "", "", Text(s.slug, "red"), key=s.slug)
                continue
            progress = "—" if s.progress is None else f"{s.progress:.0f} %"
            score = "—" if s.score is None else f"{s.score:.0f}"
            table.add_row(s.vendor, s.site, s.assessed_on, progress, score, s.slug, key=s.slug)
        empty = self.query_one("#home-empty", Static)
        empty.update(self.t("home_empty") if not self.summaries else "")
        empty.display = not self.summaries
        if select_slug is not None:
            row = next((i for i, s in enumerate(self.summaries) if s.slug == select_slug), row)
        if self.summaries:
            table.move_cursor(row=min(row, len(self.summaries) - 1))

    def _current(self) -> Summary | None:
        table = self.query_one(DataTable)
        if not self.summaries:
            return None
        return self.summaries[min(table.cursor_row, len(self.summaries) - 1)]

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """An unreadable row says why under the table, in the app's language."""
        current = self._current()
        reason = self.query_one("#home-reason", Static)
        why = (current.reason.get(self.app.lang) or current.error) if current is not None and current.error else ""
        reason.update(self.t("row_unreadable", reason=why) if why else "")
        reason.display = bool(why)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        current = self._current()
        if current is not None:
            self.app.open_assessment(current.path)

    def action_new(self) -> None:
        from posture.tui.screens.new_assessment import NewAssessmentScreen

        def done(slug: str | None) -> None:
            if slug:
                self.reload(slug)
                self.notify(self.t("created", name=slug))
                self.app.open_assessment(self.app.workspace.path_of(slug))
        self.app.push_screen(NewAssessmentScreen(), done)

    def action_delete(self) -> None:
        from posture.tui.screens.confirm import ConfirmScreen

        current = self._current()
        if current is None:
            return
        name = f"{current.vendor} · {current.site}" if current.vendor else current.slug

        def done(yes: bool | None) -> None:
            if not yes:
                return
            try:
                shutil.rmtree(current.path.parent)
            except OSError as exc:
                self.app.report_error(exc)
            else:
                self.notify(self.t("deleted", name=name))
            self.reload()
        self.app.push_screen(ConfirmScreen("confirm_delete", name=name), done)

    def action_duplicate(self) -> None:
        from posture.tui.reassessment import duplicate_as_reassessment

        current = self._current()
        if current is None or current.error:
            return
        try:
            new = duplicate_as_reassessment(self.app.workspace, current.path, self.app.workspace.library)
        except (PostureError, OSError) as exc:
            self.app.report_error(exc)
            return
        self.reload(new.id)
        self.notify(self.t("duplicated", name=new.id))
