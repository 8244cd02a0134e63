"""The probes screen: scope, authorization and an explicit confirmation; a cancellable run in a worker;
findings sortable by severity; contradictions with the answers, each leading to its question."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Footer, Input, ProgressBar
from textual.worker import Worker, WorkerState

from posture import l10n
from posture.errors import PostureError
from posture.findings import SEVERITY_RANK, Contradiction, ProbeRun
from posture.i18n import LANGS, tr
from posture.session import AssessmentSession
from posture.tui.screens._base import PostureScreen
from posture.tui.signals import AssessmentChanged
from posture.tui.widgets.literal import Checkbox, DataTable, Static
from posture.tui.widgets.phrases import Phrases

_SEVERITY_STYLE = {"critical": "bold white on red", "high": "bold red", "medium": "yellow", "low": "cyan",
                   "info": "dim"}


class ProbesScreen(PostureScreen):
    BINDINGS: ClassVar[list] = [
        Binding("ctrl+r", "start", "k_start", tooltip="h_start"),
        Binding("c", "cancel", "k_cancel", tooltip="h_cancel"),
        Binding("x", "remove_run", "k_remove_run", tooltip="h_remove_run"),
        Binding("o", "sort", "k_sort", tooltip="h_sort"),
        Binding("escape", "back", "k_back", tooltip="h_back"),
        Binding("q", "back", "k_back", show=False, tooltip="h_back"),
    ]

    def __init__(self, session: AssessmentSession):
        super().__init__()
        self.session = session
        self.probe_runner = None  # the ProbeRunner of the run in progress
        self.probe_run: ProbeRun | None = None
        self.found: list[Contradiction] = []
        self.pending: Path | None = None  # where a run that could not be attached was kept
        self._sort_reverse = False

    def compose(self) -> ComposeResult:
        yield Static(id="probe-title", classes="screen-title")
        with Horizontal(id="probe-form"):
            yield Input(id="targets")
            yield Input(id="authorized")
        with Horizontal(id="probe-confirm-row", classes="buttons"):
            yield Checkbox(id="confirm")
            yield Button(id="start", variant="warning")
        yield Static(id="probe-status")
        yield ProgressBar(id="probe-progress", total=100, show_eta=False)
        yield DataTable(id="findings", cursor_type="row", zebra_stripes=True)
        yield DataTable(id="contradictions", cursor_type="row")
        yield Footer(compact=True, show_command_palette=False)  # Ctrl+P stays; help names it (80 columns)

    def on_mount(self) -> None:
        self.query_one("#targets", Input).focus()
        self._remember()

    def _remember(self) -> None:
        """Reopened: the last run's targets, authorization and findings, and every contradiction the
        attached runs raise against the answers as they are now (nothing is rescanned)."""
        from posture.findings import contradictions

        runs = self.session.assessment.probe_runs
        if not runs:
            self._status("pr_idle")
            return
        last = runs[-1]
        self.probe_run = last
        self.query_one("#targets", Input).value = " ".join(last.targets)
        self.query_one("#authorized", Input).value = last.authorized_by
        answers = {qid: a.value for qid, a in self.session.assessment.answers.items()}
        findings = [f for run in runs for f in run.findings]
        self.found = contradictions(self.session.checklist, answers, findings)
        self._fill_findings()
        self._fill_contradictions()
        self.query_one("#findings", DataTable).focus()  # o sorts, Enter on a contradiction leads to it
        self.say("#probe-status", lambda: Text(self.hint(
            "pr_last_run", when=l10n.moment(last.started_at, self.lang), n=len(last.findings), runs=len(runs)),
            "dim"))

    def refresh_language(self) -> None:
        self.query_one("#probe-title", Static).update(
            Phrases.of(self.hint("pr_hint"), lead=Text(self.t("pr_title"), "bold")))
        targets = self.query_one("#targets", Input)
        targets.border_title = self.t("pr_targets")
        targets.placeholder = self.t("pr_targets_hint")
        auth = self.query_one("#authorized", Input)
        auth.border_title = self.t("pr_auth")
        auth.placeholder = "OT-2026-014"
        self.query_one("#confirm", Checkbox).label = self.t("pr_confirm")
        self.query_one("#start", Button).label = self.t("k_start")
        self._fill_findings()
        self._fill_contradictions()

    def _status(self, key: str, style: str = "", **params: object) -> None:
        """The status line: drawn again in the new language after a switch (``say``)."""
        self.say("#probe-status", lambda: Text(self.hint(key, **params), style))

    # -- running ---------------------------------------------------------------------------------

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.action_start()

    def action_start(self) -> None:
        from posture.probes import scope_from_args

        if self._probe_running():
            self.notify(self.t("busy"), severity="warning")
            return
        if self.session.read_only:
            self.app.report_error(PostureError(
                {lang: f"{self.session.read_only_reason[lang]}" for lang in LANGS}))
            return
        if not self.query_one("#confirm", Checkbox).value:
            self._status("pr_need_confirm", "bold red")
            return
        targets = self.query_one("#targets", Input).value.split()
        try:
            if len(targets) == 1 and targets[0].endswith((".yaml", ".yml")):
                from posture.probes import load_scope  # a scope file carries its own authorization

                scope = load_scope(Path(targets[0]).expanduser())
            else:
                scope = scope_from_args(targets, self.query_one("#authorized", Input).value)
        except PostureError as exc:
            self.say("#probe-status", lambda error=exc: Text(" ".join(error.lines(self.lang)), "bold red"))
            return
        self.query_one(ProgressBar).update(progress=0)
        self._status("pr_running", "bold")
        self.query_one("#findings", DataTable).focus()
        self.run_worker(self._probe_worker(scope), name="probe", group="probe", exclusive=True, exit_on_error=False)

    def _probe_running(self) -> bool:
        return any(w.group == "probe" and w.is_running for w in self.workers)

    async def _probe_worker(self, scope) -> list[Contradiction]:
        from posture.probes import ProbeRunner

        runner = ProbeRunner(scope, progress=self._progress, library=self.session.library, **self.app.probe_options)
        self.probe_runner = runner
        try:
            probe_run = await runner.execute()
        except asyncio.CancelledError:
            self._keep_results(runner.probe_run)  # what was found before the cancel is still evidence
            raise
        return self._keep_results(probe_run)

    def _keep_results(self, probe_run: ProbeRun) -> list[Contradiction]:
        """Attach the run; if the assessment cannot be written now (its lock is held by another process)
        the run is kept beside it as a pending run and the screen says where (never thrown away)."""
        self.probe_run = probe_run
        self.pending = None
        self.session.pending_file = None
        try:
            self.found = self.session.attach_probe_run(probe_run)
        except PostureError:
            if self.session.pending_file is None:
                raise
            self.pending = self.session.pending_file
            self.found = []
        self._fill_findings()
        self._fill_contradictions()
        self.app.assessment_changed.publish(AssessmentChanged(self.session))  # findings touch every question
        return self.found

    def _progress(self, progress) -> None:
        # nmap counts for the first half of the bar, the service checks for the second
        base = {"scan": 0.0, "services": 50.0, "done": 100.0}.get(progress.phase, 0.0)
        share = 0.0 if progress.phase == "done" else 50.0
        self.query_one(ProgressBar).update(progress=base + share * progress.fraction)
        self.say("#probe-status", lambda: Text(progress.message[self.lang], "italic"))

    def action_cancel(self) -> None:
        for worker in self.workers:
            if worker.group == "probe" and worker.is_running:
                worker.cancel()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "probe":
            return
        if event.state == WorkerState.SUCCESS and self.pending is not None:
            self.query_one(ProgressBar).update(progress=100)
            self._status("pending_kept", "bold yellow", path=str(self.pending))
        elif event.state == WorkerState.SUCCESS:
            self.query_one(ProgressBar).update(progress=100)
            self._status("pr_done", "bold green", n=len(self.probe_run.findings) if self.probe_run else 0)
        elif event.state == WorkerState.CANCELLED:
            self._status("pr_cancelled", "bold yellow")
        elif event.state == WorkerState.ERROR:
            error = event.worker.error
            self.say("#probe-status", lambda: Text(self.hint("pr_failed", error=" ".join(error.lines(self.lang))
                                                             if isinstance(error, PostureError) else
                                                             f"{type(error).__name__}: {error}"), "bold red"))

    # -- results ---------------------------------------------------------------------------------

    def _fill_findings(self) -> None:
        table = self.query_one("#findings", DataTable)
        table.clear(columns=True)
        table.add_column(self.t("col_severity"), key="severity", width=9)
        table.add_column(self.t("col_host"), key="host", width=15)
        table.add_column(self.t("col_port"), key="port", width=9)
        table.add_column(self.t("col_title"), key="title", width=self._rest(9 + 15 + 9))
        findings = self.probe_run.findings if self.probe_run else []
        checks = self.session.library.probe_checks if self.session.library is not None else {}
        for i, f in enumerate(findings):
            port = f"{f.port}/{f.protocol}" if f.port is not None else ""
            check = checks.get(f.check_id)  # today's words; a file of an older posture keeps those of its day
            title = tr(check.title if check is not None else f.title, self.lang)
            table.add_row(Text(self.t(f"sev_{f.severity}"), _SEVERITY_STYLE.get(f.severity, "")), f.host, port,
                          title, key=str(i))
        self._sort_reverse = False  # severity first
        self.action_sort()

    def action_sort(self) -> None:
        """``o`` switches the order: most severe first (critical at the top), or by address and port."""
        from posture.findings import address_key

        table = self.query_one("#findings", DataTable)
        if not self._sort_reverse:  # the first order, and the one a new list starts with
            rank = {self.t(f"sev_{s}"): i for s, i in SEVERITY_RANK.items()}
            table.sort("severity", key=lambda cell: rank.get(cell.plain, 99))
        else:
            table.sort("host", "port", key=lambda cells: (address_key(str(cells[0])), str(cells[1])))
        self._sort_reverse = not self._sort_reverse

    def _rest(self, used: int) -> int:
        """What the last column gets of the screen's width (cell padding and scrollbar included)."""
        return max(20, self.size.width - used - 10)

    def on_resize(self) -> None:
        self._fill_findings()
        self._fill_contradictions()

    def _fill_contradictions(self) -> None:
        table = self.query_one("#contradictions", DataTable)
        table.clear(columns=True)
        table.add_column(self.t("col_question"), key="question", width=10)
        table.add_column(self.t("answer"), width=9)
        table.add_column(self.t("col_title"), width=self._rest(10 + 9))
        if not self.found:
            table.border_title = self.t("pr_none")
            return
        table.border_title = self.t("pr_contradictions")
        for i, c in enumerate(self.found):  # one question can be contradicted by several findings
            table.add_row(c.question_id, c.answer_label(self.session.checklist, self.lang),
                          c.message(self.session.checklist, self.lang), key=str(i))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id != "contradictions" or event.row_key.value is None:
            return
        self.dismiss(self.found[int(event.row_key.value)].question_id)  # the walk goes to it

    def action_remove_run(self) -> None:
        """Remove the run shown (a cancelled or unwanted one) with exactly its findings."""
        if self._probe_running():
            self.notify(self.t("busy"), severity="warning")
            return
        if self.probe_run is None:
            self._status("pr_no_run", "bold yellow")
            return
        try:
            n = self.session.remove_probe_run(self.probe_run.id)
        except PostureError as exc:
            self.app.report_error(exc)
            return
        run_id = self.probe_run.id
        self.probe_run, self.found = None, []
        self._fill_findings()
        self._fill_contradictions()
        self.app.assessment_changed.publish(AssessmentChanged(self.session))
        self._status("pr_removed", "bold", run=run_id, n=n)

    def action_back(self) -> None:
        if self._probe_running():
            self.action_cancel()
            return
        self.dismiss(None)
