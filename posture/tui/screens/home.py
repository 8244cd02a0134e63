"""Home: the assessments in the workspace; open, create, delete (with confirmation), re-assess."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding

from posture import l10n
from posture.assessment import check_unlocked
from posture.errors import ContentError, PostureError
from posture.listing import Summary, summaries
from posture.pasted import pasted_path
from posture.tui.screens._base import PostureScreen
from posture.tui.strings import S
from posture.tui.widgets.key_footer import KeyFooter
from posture.tui.widgets.literal import DataTable, Static

DATE_WIDTH = 12  # CLDR's medium date: «10 mar 2026», «Mar 10, 2026»
WATCH_SECONDS = 2.0  # how often Home looks for assessments added, changed or removed outside the app


class HomeScreen(PostureScreen):
    BINDINGS: ClassVar[list] = [
        Binding("enter", "open", "k_open", show=True, priority=False, tooltip="h_open"),
        Binding("n", "new", "k_new", tooltip="h_new"),
        Binding("d", "delete", "k_delete", tooltip="h_delete"),
        Binding("c", "duplicate", "k_duplicate", tooltip="h_duplicate"),
        Binding("x", "questionnaire_export", "k_q_export", show=False, tooltip="h_q_export"),  # listed in the help (?)
        Binding("i", "questionnaire_import", "k_q_import", show=False, tooltip="h_q_import"),
        Binding("q", "app.quit", "k_quit", tooltip="h_quit"),
        Binding("j", "row(1)", "k_next", show=False, tooltip="h_rows"),  # as in the interview: j / k move too
        Binding("k", "row(-1)", "k_prev", show=False, tooltip="h_rows"),
    ]

    def __init__(self):
        super().__init__()
        self.summaries: list[Summary] = []
        self._seen: tuple = ()  # the workspace's files and their times, as last listed

    def compose(self) -> ComposeResult:
        yield Static(id="home-title", classes="screen-title")
        yield DataTable(id="assessments", cursor_type="row", zebra_stripes=True)
        yield Static(id="home-empty")
        yield Static(id="home-reason", classes="error")
        yield Static(id="home-workspace", classes="dim")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self.app.assessment_changed.subscribe(self, self._assessment_changed)
        self.set_interval(WATCH_SECONDS, self.watch_workspace)

    def _files_seen(self) -> tuple:
        """The workspace's assessment files with their size and modification time (stat only, nothing read)."""
        seen = []
        for path in self.app.workspace.files():
            try:
                st = path.stat()
            except OSError:  # removed between the listing and the stat: the next look sees it gone
                continue
            seen.append((str(path), st.st_mtime_ns, st.st_size))
        return tuple(seen)

    def watch_workspace(self) -> None:
        """While Home is shown: an assessment created, changed or deleted by another program (``posture new``
        in another terminal, a synced folder) appears without a restart. Re-read only when a file or its time
        changed."""
        if not self.is_active:  # top of the stack: not under the interview, a dialog or a form
            return
        try:
            seen = self._files_seen()
        except OSError:
            return
        if seen != self._seen:
            current = self._current()
            self.reload(current.slug if current else None)

    def _assessment_changed(self, change) -> None:
        """An assessment open on another screen changed: its row shows its progress and grade now, from
        the session's live scorecard (posture.tui.signals; nothing is re-read)."""
        path = change.session.path.resolve()
        for i, summary in enumerate(self.summaries):
            if summary.path.resolve() == path:
                self.summaries[i] = change.session.summary()
                self._fill()
                return

    def on_screen_resume(self) -> None:
        self.reload()
        super().on_screen_resume()

    def refresh_language(self) -> None:
        self.query_one("#home-title", Static).update(Text(self.t("home_title"), "bold"))
        self.query_one("#home-workspace", Static).update(self.t("home_workspace", path=str(self.app.workspace.root)))
        self._fill()

    def reload(self, select_slug: str | None = None) -> None:
        try:
            self._seen = self._files_seen()
            self.summaries = summaries(self.app.workspace)
        except OSError as exc:
            self.summaries = []
            self.app.report_error(exc)
        self._fill(select_slug)

    def _grade(self, s) -> Text:
        """The overall as everywhere else (docs/scoring.md §7): letter and graded score, or no letter."""
        if s.letter is None:
            return Text(self.t("grade_insufficient") if s.progress is not None else "—", "dim")
        text = f"{s.letter} {l10n.number(s.score, self.app.lang, 0)}"
        if s.basis == "claimed-only":
            text += " " + self.t("grade_claimed_only")
        return Text(text)

    def _fill(self, select_slug: str | None = None) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        # Fixed columns for the figures; vendor and site share what the terminal has left, so every
        # column, the id included, is on screen at 80 columns and wider ones give the names the room.
        width = self.app.size.width or 80
        id_width = min(max((len(s.slug) for s in self.summaries), default=8), max(10, width // 5))
        score_width = max(11, len(self.t("col_score")))  # "D · 40", and the whole header in both languages
        fixed = DATE_WIDTH + 8 + score_width + id_width + 2 * 6 + 2  # cell padding, scrollbar
        free = max(16, width - fixed)
        vendor_width, site_width = free * 3 // 5, free - free * 3 // 5
        table.add_column(self.t("col_vendor"), width=vendor_width)
        table.add_column(self.t("col_site"), width=site_width)
        table.add_column(self.t("col_date"), width=DATE_WIDTH)
        table.add_column(self.t("col_progress"), width=8)
        table.add_column(self.t("col_score"), width=score_width)
        table.add_column(self.t("col_id"), width=id_width)
        for s in self.summaries:
            if s.error:  # what the row is, in the vendor column (why, under the table when highlighted)
                what = self.t("col_encrypted") if s.needs_passphrase else self.t("col_error")
                table.add_row(_fit(what, vendor_width, "red"), "", "", "", "", _fit(s.slug, id_width, "red"),
                              key=s.slug)
                continue
            progress = l10n.percent(s.progress, self.app.lang)
            table.add_row(_fit(s.vendor, vendor_width), _fit(s.site, site_width),
                          l10n.short_date(s.assessed_on, self.app.lang), progress, self._grade(s),
                          _fit(s.slug, id_width), key=s.slug)
        empty = self.query_one("#home-empty", Static)
        empty.update(self.hint("home_empty") if not self.summaries else "")
        empty.display = not self.summaries
        if select_slug is not None:
            row = next((i for i, s in enumerate(self.summaries) if s.slug == select_slug), row)
        if self.summaries:
            table.move_cursor(row=min(row, len(self.summaries) - 1))

    def action_row(self, step: int) -> None:
        table = self.query_one(DataTable)
        table.action_cursor_down() if step > 0 else table.action_cursor_up()

    def on_resize(self) -> None:
        self._fill()

    def _current(self) -> Summary | None:
        table = self.query_one(DataTable)
        if not self.summaries:
            return None
        return self.summaries[min(table.cursor_row, len(self.summaries) - 1)]

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """An unreadable row says why under the table, in the app's language."""
        current = self._current()
        def why() -> str:  # in the app's language when drawn: redrawn after a switch (say)
            return (current.reason.get(self.app.lang) or current.error) if current is not None and current.error \
                else ""

        def draw() -> str:
            if why() and current.needs_passphrase:
                return self.t("row_encrypted")
            return self.t("row_unreadable", reason=why()) if why() else ""
        self.say("#home-reason", draw)
        self.query_one("#home-reason", Static).display = bool(why())

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
        self.app.push_screen(NewAssessmentScreen(self.summaries), done)

    def action_delete(self) -> None:
        from posture.tui.screens.confirm import ConfirmScreen

        current = self._current()
        if current is None:
            return
        try:  # open in another window: said now, not after "cannot be undone" was confirmed for nothing
            check_unlocked(current.path)
        except (PostureError, OSError) as exc:
            self.app.report_error(exc)
            return
        # vendor, site, date and id: an assessment and its re-assessment share vendor and site
        def name(lang: str) -> str:
            return f"{current.vendor} · {current.site} · {l10n.date(current.assessed_on, lang)} · {current.slug}" \
                if current.vendor else current.slug

        def done(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.app.workspace.delete(current.path)  # refused while another window has it open
            except (PostureError, OSError) as exc:
                self.app.report_error(exc)
            else:
                self.notify(self.t("deleted", name=name(self.lang)))
            self.reload()
        self.app.push_screen(ConfirmScreen("confirm_delete", name=name), done)

    def action_duplicate(self, passphrase: str | None = None) -> None:
        """Re-assess: say what will be carried over, ask, then create the copy and open it. An encrypted row
        asks for its passphrase first (the key did nothing on one: newcomer); an unreadable one says why."""
        from posture.assessment import load_assessment
        from posture.errors import PassphraseRequired, WrongPassphrase
        from posture.tui.screens.confirm import ConfirmScreen

        current = self._current()
        if current is None:
            return
        passphrase = passphrase or self.app.passphrase
        try:
            previous = load_assessment(current.path, passphrase=passphrase)
        except (PassphraseRequired, WrongPassphrase) as exc:
            self._ask_then_duplicate(current, "" if isinstance(exc, PassphraseRequired) else exc)
            return
        except (PostureError, OSError) as exc:
            self.app.report_error(exc)
            return
        evidence = sum(len(a.evidence) for a in previous.answers.values())

        def done(yes: bool | None) -> None:
            if not yes:
                return
            from posture.reassessment import duplicate_as_reassessment

            try:
                new = duplicate_as_reassessment(self.app.workspace, current.path, self.app.workspace.library,
                                                passphrase=passphrase)
            except (PostureError, OSError) as exc:
                self.app.report_error(exc)
                return
            self.reload(new.id)
            self.notify(self.t("duplicated", name=new.id))
            self.app.open_assessment(new.path, passphrase)  # the copy keeps the original's passphrase

        name = f"{current.vendor} · {current.site} · {current.slug}"
        self.app.push_screen(ConfirmScreen("confirm_reassess", name=name,
                                           date=lambda lang: l10n.date(current.assessed_on, lang),
                                           answers=len(previous.answers), evidence=evidence,
                                           runs=len(previous.probe_runs)), done)

    def _ask_then_duplicate(self, current, error) -> None:
        from posture.tui.screens.passphrase import PassphraseScreen

        def done(passphrase: str | None) -> None:
            if passphrase:
                self.action_duplicate(passphrase)
        message = "" if not error else (lambda lang, exc=error: exc.lines(lang)[0])  # redrawn after F2
        self.app.push_screen(PassphraseScreen(current.slug, message), done)

    # -- the vendor questionnaire (export, then import with a preview) ------------------------------

    def action_questionnaire_export(self) -> None:
        from posture.tui.screens.questionnaire import QuestionnairePathScreen

        current = self._current()
        if current is None or current.error:
            return
        default = current.path.parent / f"{self.t('qx_file')}-{current.slug}-{self.lang}.xlsx"

        def chosen(value: str | None) -> None:
            if not value:
                return
            from posture.assessment import load_with_checklist
            from posture.outputs import check_output
            from posture.questionnaire import build
            from posture.workbook import write_questionnaire

            target = pasted_path(value)
            try:
                if target.suffix.lower() != ".xlsx":
                    raise PostureError(S["qx_suffix"])
                if target.exists():
                    raise PostureError({k: v.format(path=str(target)) for k, v in S["qx_exists"].items()})
                check_output(target)  # a missing folder is said in the dialog, before the workbook is built
                assessment, checklist = load_with_checklist(current.path, self.app.workspace.library,
                                                            passphrase=self.app.passphrase)
                q = build(assessment, checklist, self.lang)
                written = write_questionnaire(q, target)
            except PostureError as exc:  # the dialog again, with what was typed and why it cannot be used
                ask(value, lambda lang, error=exc: " ".join(error.lines(lang)))
                return
            except OSError as exc:
                self.app.report_error(exc)
                return
            self.notify(self.t("qx_done", path=str(written), n=len(q.binding.questions)))

        def ask(value: str, error=None) -> None:
            self.app.push_screen(QuestionnairePathScreen("qx_title", "qx_prompt", value, error,
                                                         name=current.vendor or current.slug), chosen)
        ask(str(default))

    def action_questionnaire_import(self) -> None:
        from posture.tui.screens.questionnaire import QuestionnairePathScreen

        current = self._current()
        if current is None or current.error:
            return

        def chosen(value: str | None) -> None:
            if value:
                self._preview_import(current, pasted_path(value))  # quoted, dropped or file:// paths too
        self.app.push_screen(QuestionnairePathScreen("qi_title", "qi_prompt", str(current.path.parent) + "/",
                                                     name=current.vendor or current.slug), chosen)

    def _preview_import(self, current: Summary, path: Path) -> None:
        """Check the whole workbook first (a dry run); the preview then lets the assessor import or not."""
        from posture.i18n import tr
        from posture.questionnaire import describe_plan, import_into
        from posture.tui.screens.questionnaire import QuestionnairePreviewScreen
        from posture.workbook import read_workbook

        library = self.app.workspace.library
        try:
            filled = read_workbook(path, path.name)
            preview = import_into(current.path, filled, self.lang, dry_run=True, library=library,
                                  passphrase=self.app.passphrase)
        except ContentError as exc:  # bad cells: every located line, and nothing to import
            self.app.push_screen(QuestionnairePreviewScreen(lambda lang, error=exc: error.lines(lang), can_import=False,
                                                            has_conflicts=False, failed=True))
            return
        except (PostureError, OSError) as exc:
            self.app.report_error(exc)
            return
        plan = preview.plan
        described = [*preview.declarations.warnings, *describe_plan(plan, preview.checklist, app=True)]

        def lines(lang: str) -> list[str]:  # in the app's language when drawn: again after a switch
            return [tr(line, lang) for line in described]

        def decided(choice: str | None) -> None:
            if choice is None:
                return
            try:
                result = import_into(current.path, filled, self.lang, overwrite=choice == "overwrite",
                                     library=library, passphrase=self.app.passphrase)
            except (PostureError, OSError) as exc:
                self.app.report_error(exc)
                return
            self.reload(current.slug)
            self.notify(self.t("qi_done", n=len(result.changed)))
        self.app.push_screen(QuestionnairePreviewScreen(lines, can_import=bool(plan.added or plan.conflicts),
                                                        has_conflicts=bool(plan.conflicts), failed=False), decided)


def _fit(text: str, width: int, style: str = "") -> Text:
    """User text as a literal cell of ``width`` cells: cut with «…» when longer (DataTable would crop it mid-word
    with no sign that more follows)."""
    cell = Text(text, style=style, no_wrap=True)
    cell.truncate(max(1, width), overflow="ellipsis")
    return cell
