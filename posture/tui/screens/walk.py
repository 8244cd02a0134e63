"""The walk through an assessment: section tree, question pane, live score; every change saved at once.

A change is made on the core's session (posture.session) and then published as the app's
``assessment_changed`` signal (posture.tui.signals): this screen, its score sidebar and Home each redraw
what they show of it."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal

from posture import l10n
from posture.assessment import ENCRYPTED_NAME, FILE_NAME
from posture.errors import PostureError
from posture.session import AssessmentSession
from posture.shown import clip
from posture.tui.screens._base import PostureScreen
from posture.tui.signals import AssessmentChanged
from posture.tui.widgets.key_footer import KeyFooter
from posture.tui.widgets.line import Line
from posture.tui.widgets.literal import Tree
from posture.tui.widgets.question_pane import NotesArea, QuestionPane
from posture.tui.widgets.score_sidebar import ScoreSidebar
from posture.tui.widgets.section_tree import SectionTree

NOTES_DEBOUNCE = 0.6  # seconds of no typing before a note is saved
LOCK_POLL = 1.0  # seconds between looks at the lock of an assessment open elsewhere


class WalkScreen(PostureScreen):
    # The only place these keys are typed: the footer, the help (?) and the pane's key line read them here.
    BINDINGS: ClassVar[list] = [
        Binding("y", "answer('y')", "k_yes", show=False, tooltip="h_answer"),
        Binding("p", "answer('p')", "k_partial", show=False, tooltip="h_answer"),
        Binding("n", "answer('n')", "k_no", show=False, tooltip="h_answer"),
        *[Binding(str(level), f"answer('{level}')", "k_level", show=False, tooltip="h_answer") for level in range(6)],
        Binding("a", "answer('a')", "k_na", show=False, tooltip="h_na"),  # named on the question's key line
        # the app's F2, not named in this footer (80 columns); the help lists it
        Binding("f2", "app.switch_language", "k_lang", show=False, priority=True, tooltip="h_lang"),
        Binding("j", "move(1)", "k_next", tooltip="h_move"),
        Binding("k", "move(-1)", "k_prev", show=False, tooltip="h_move"),
        Binding("u", "next_unanswered", "k_unanswered", tooltip="h_unanswered"),
        Binding("m", "method", "k_method", show=False, tooltip="h_method"),  # named on the pane's key line instead
        Binding("e", "evidence", "k_evidence", show=False, tooltip="h_evidence"),
        Binding("l", "law", "k_law", show=False, tooltip="h_law"),  # named on the pane's key line instead
        Binding("ctrl+z", "undo", "k_undo", tooltip="h_undo"),
        Binding("escape", "leave_notes", "k_done_notes", show=False, tooltip="h_done_notes"),
        Binding("t", "focus_tree", "k_tree", show=False, tooltip="h_tree"),
        Binding("r", "report", "k_report", tooltip="h_report"),
        Binding("s", "probes", "k_probes", tooltip="h_probes"),
        Binding("q", "back", "k_back", tooltip="h_back"),
    ]

    def __init__(self, session: AssessmentSession):
        super().__init__()
        self.session = session
        self.qid = session.next_unanswered() or session.questions[0].id
        self.notes_qid = self.qid
        self._notes_timer = None
        self._lock_timer = None
        self._gone = False  # the file was found missing (said once)
        self._save_failed = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="status"):
            yield Line(id="status-left")
            yield Line(id="status-saved")
        with Horizontal(id="walk"):
            yield SectionTree(self.session, self.app.lang, current=self.qid, id="tree")
            yield QuestionPane(id="pane")
            yield ScoreSidebar(id="sidebar")
        yield KeyFooter(compact=True, show_command_palette=False)  # Ctrl+P stays; help names it (80 columns)

    def on_mount(self) -> None:
        from posture.assessment import drift

        self.app.assessment_changed.subscribe(self, self._assessment_changed)
        self.app.leaving.subscribe(self, lambda _none: self.flush_notes(), immediate=True)  # before the exit

        changed = drift(self.session.assessment, self.session.checklist)
        if changed:
            self.notify(self.t("drift", new=self.t("drift_new", n=len(changed.new)),
                               changed=self.t("drift_changed", n=len(changed.answered_changed)),
                               removed=self.t("drift_removed", n=len(changed.answered_removed))),
                        severity="warning", timeout=12)
        self.query_one(NotesArea).read_only = self.session.read_only
        self._report_pending()
        if self.session.read_only:
            self._lock_timer = self.set_interval(LOCK_POLL, self._watch)
        self.draw_at_mount()
        tree = self.query_one(SectionTree)
        tree.focus()
        # The tree knows its lines only after the first layout; the cursor can be placed then.
        self.call_after_refresh(tree.show_question, self.qid)

    def _on_screen_resume(self, event) -> None:
        # Runs before Textual's own handler (Screen._on_screen_resume), which restyles every widget of the
        # screen on each resume. The first resume follows the mount at once: every widget was styled as it
        # was mounted, focus included, with the same stylesheet (a walk brings no CSS of its own), so that
        # restyle of the whole first screen (≈ 70 widgets) changes nothing. Later resumes restyle as ever.
        if not self.__dict__.get("_resumed_once"):
            self._resumed_once = True
            event.refresh_styles = False

    # -- drawing ---------------------------------------------------------------------------------

    @property
    def tree(self) -> SectionTree:
        return self.query_one(SectionTree)

    def refresh_language(self) -> None:
        self.tree.refresh_language(self.lang)
        self._draw_status()
        self._draw_question()
        self._draw_score()

    def _draw_status(self) -> None:
        a = self.session.assessment
        # the date before the site: a long site name is what the saved mark cuts at 80 columns, not the date
        # one line: what does not fit ends in «…» (a long vendor was cut mid-word, with no sign that more followed)
        self.query_one("#status-left", Line).show(Text.assemble(
            (clip(a.vendor, 60), "bold"), " · ", (l10n.short_date(a.assessed_on, self.lang), "dim"), " · ", a.site,
            no_wrap=True, overflow="ellipsis"))
        saved = self.query_one("#status-saved", Line)
        if self.session.read_only:
            saved.show(Text(self.t("read_only", reason=self.session.read_only_reason[self.lang]), "bold red"))
        elif self._save_failed:  # never "saved ✓" after a change that is not on disk
            saved.show(Text(self.t("save_failed"), "bold red"))
        elif self.session.saved_at is not None:
            saved.show(Text(self.t("saved", time=l10n.time(self.session.saved_at, self.lang)), "bold green"))
        else:
            saved.show(Text(self.t("not_saved"), "dim"))

    def _draw_question(self) -> None:
        self.query_one(QuestionPane).show(self.session, self.qid, self.lang)

    def _draw_score(self) -> None:
        self.query_one(ScoreSidebar).show_session(self.session, self.lang)

    def _changed(self, qid: str | None = None, *, details: bool = False) -> None:
        """Tell the app (and so every screen and widget that shows this assessment) what changed."""
        self.app.assessment_changed.publish(AssessmentChanged(self.session, qid, details))

    def _assessment_changed(self, change: AssessmentChanged) -> None:
        if change.session is not self.session:
            return
        if change.qid is None:
            self._refresh_all()
        else:
            self.after_change(change.qid, details=change.details)

    def after_change(self, qid: str, *, details: bool = False) -> None:
        """Redraw only what one change touches here: its tree node, the answer line, the saved mark (the
        sidebar redraws the score itself, on the same signal)."""
        self.tree.refresh_question(qid)
        if qid == self.qid:
            pane = self.query_one(QuestionPane)
            pane.show_answer(self.session, qid, self.lang)
            if details:  # evidence files are listed with the details
                pane.show_details(self.session, qid, self.lang)
        self._draw_status()

    # -- navigation ------------------------------------------------------------------------------

    def go_to(self, qid: str) -> None:
        self.tree.show_question(qid)
        self._show(qid)

    def _show(self, qid: str) -> None:
        if qid == self.qid:
            return
        self.flush_notes()
        self.qid = qid
        self.notes_qid = qid
        self._draw_question()
        self.query_one(QuestionPane).scroll_home(animate=False)

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        data = event.node.data
        if data and data[0] == "question":
            self._show(data[1])

    def on_tree_node_selected(self, event: Tree.NodeSelected) -> None:
        data = event.node.data
        if data and data[0] == "question":
            if self.session.read_only:  # say so now, not after a note has been typed for nothing
                self._change(self.session.check_writable)
                return
            notes = self.query_one(NotesArea)
            notes.focus()
            notes.move_cursor(notes.document.end)  # what is typed goes after the note, not in front of it

    def on_notes_area_refused(self, event: NotesArea.Refused) -> None:
        self._change(self.session.check_writable)  # says why

    def action_move(self, step: int) -> None:
        self.go_to(self.session.neighbour(self.qid, step))

    def action_next_unanswered(self) -> None:
        qid = self.session.next_unanswered(self.qid)
        if qid is None:
            self.notify(self.t("all_answered"))
            return
        self.go_to(qid)

    def action_focus_tree(self) -> None:
        self.tree.focus()

    # -- changes ---------------------------------------------------------------------------------

    def _change(self, fn, *args, details: bool = False) -> bool:
        try:
            change = fn(*args)
        except (PostureError, OSError) as exc:
            self._save_failed = isinstance(exc, OSError)  # the disk refused it (a refused key is not a save)
            self.app.report_error(exc)
            self._draw_status()
            return False
        self._save_failed = False
        if change is not None:
            self._changed(change.qid, details=details)
        return True

    def action_answer(self, key: str) -> None:
        qid = self.qid
        scale = self.session.checklist.scale_of(self.session.question(qid))
        if self.session.read_only:
            self._change(self.session.check_writable)  # says why not: read-only comes before the scale
            return
        if key != "a" and scale.by_key(key) is None:
            # a maturity digit on a yes/no question, or the reverse: say which keys answer this one
            self.notify(self.t("key_not_here", pressed=key, keys=self.query_one(QuestionPane).answer_keys(
                self.session, qid, self.lang)), severity="warning", timeout=4)
            return
        if key == "a" and not scale.allow_na:
            self._change(self.session.answer_key, qid, "a")  # says why, before anything is typed
            return
        if key == "a":
            from posture.tui.screens.na_justification import NaJustificationScreen

            current = self.session.answer_of(qid)
            def done(text: str | None) -> None:
                if text:
                    self._change(self.session.answer_key, qid, "a", text)
            self.app.push_screen(NaJustificationScreen(qid, current.na_justification if current else ""), done)
            return
        self._change(self.session.answer_key, qid, key)

    def action_method(self) -> None:
        self._change(self.session.cycle_method, self.qid)

    def action_evidence(self) -> None:
        from posture.tui.screens.evidence import EvidenceScreen

        qid = self.qid
        if self.session.answer_of(qid) is None or self.session.read_only:
            self._change(self.session.attach_evidence, qid, "")  # reports why not
            return

        def done(path: str | None) -> None:
            if path and self._change(self.session.attach_evidence, qid, path, details=True):
                self.notify(self.t("ev_added", path=self.session.answer_of(qid).evidence[-1].path))
        self.app.push_screen(EvidenceScreen(qid), done)

    def action_law(self) -> None:
        """The articles of the law that the current question's obligations cite, to read and search."""
        from posture.content import articles_for
        from posture.tui.screens.law import LawScreen

        cited = articles_for(self.session.question(self.qid).maps_to, self.session.library.catalogs)
        if not cited:
            self.notify(self.t("law_none", qid=self.qid))
            return
        self.app.push_screen(LawScreen(self.qid, cited))

    def action_undo(self) -> None:
        self.flush_notes()  # a note still being typed is a change of its own, undone first
        try:
            change = self.session.undo()
        except (PostureError, OSError) as exc:
            self.app.report_error(exc)
            return
        if change is None:
            self.notify(self.t("nothing_undo"))
            return
        self.go_to(change.qid)
        self._draw_question()  # the note may have been undone too
        self._changed(change.qid, details=True)
        self.notify(self.t("undone", what=change.label[self.lang]))

    # -- notes -----------------------------------------------------------------------------------

    def on_text_area_changed(self, event: NotesArea.Changed) -> None:
        if self._notes_timer is not None:
            self._notes_timer.stop()
        self._notes_timer = self.set_timer(NOTES_DEBOUNCE, self.flush_notes)

    def on_descendant_blur(self, event) -> None:
        if isinstance(event.widget, NotesArea):
            self.flush_notes()

    def flush_notes(self) -> None:
        if self._notes_timer is not None:
            self._notes_timer.stop()
            self._notes_timer = None
        if self.session.read_only:
            return
        text = self.query_one(NotesArea).text
        self._change(self.session.set_note, self.notes_qid, text)

    def action_leave_notes(self) -> None:
        self.flush_notes()
        self.tree.focus()

    # -- other screens ---------------------------------------------------------------------------

    def action_report(self) -> None:
        from posture.tui.screens.report import ReportScreen

        self.flush_notes()
        self.app.push_screen(ReportScreen(self.session))

    def action_probes(self) -> None:
        from posture.tui.screens.probes import ProbesScreen

        self.flush_notes()

        def done(qid: str | None) -> None:  # a contradiction chosen there leads to its question
            if qid:
                self.go_to(qid)
        self.app.push_screen(ProbesScreen(self.session), done)

    def action_back(self) -> None:
        self.flush_notes()
        if len(self.app.screen_stack) <= 2:  # opened directly on a file: nothing to go back to
            self.app.exit(0)
        else:
            self.app.pop_screen()

    def on_unmount(self) -> None:
        self.session.close()

    # -- the lock ------------------------------------------------------------------------------------

    def _report_pending(self) -> None:
        for _file, run in self.session.attached_pending:
            self.notify(self.t("pending_attached", run=run.id, n=len(run.findings)), timeout=10)
        self.session.attached_pending = []
        if self.session.pending_error is not None:
            self.notify(self.t("pending_failed", error=self.session.pending_error[self.lang]), severity="error",
                        timeout=12)
            self.session.pending_error = None

    def _watch(self) -> None:
        """Read-only: follow the file. Saves made in the other window are shown as they land; when the
        process that held the lock lets it go (closed, or killed: the kernel releases it), this window takes
        it at once and can edit — no question asked, so no key typed at that moment is lost to a dialog. A
        window opened for viewing only follows."""
        path = self.session.path
        if not path.exists():  # deleted, or encrypted / decrypted under another name: said once, watched on
            if not self._gone:
                self._gone = True
                other = path.with_name(ENCRYPTED_NAME if path.name == FILE_NAME else FILE_NAME)
                if other.exists():
                    self.notify(self.t("renamed_elsewhere", name=other.name), severity="warning", timeout=12)
                else:
                    self.notify(self.t("deleted_elsewhere", path=str(path.parent)), severity="warning", timeout=12)
            return
        self._gone = False  # back (decrypted again, restored): read it again below
        holder = self.session.holder
        try:
            changed = self.session.reload_if_changed()
        except (PostureError, OSError) as exc:
            changed = False
            self.app.report_error(exc)
        if self.session.lock_free():
            self._stop_watch()
            if self.reopen_writable():
                return
        if changed:
            self._changed()  # everything may differ: the tree, the answer, the scores
        elif self.session.holder != holder:
            self._draw_status()  # another process holds it now: its pid

    def _stop_watch(self) -> None:
        if self._lock_timer is not None:
            self._lock_timer.stop()
            self._lock_timer = None

    def reopen_writable(self) -> bool:
        if not self.session.path.exists():
            self.notify(self.t("deleted_elsewhere", path=str(self.session.path.parent)), severity="warning",
                        timeout=12)
            return False
        try:
            opened = self.session.reopen_writable()
        except (PostureError, OSError) as exc:
            self.app.report_error(exc)
            return False
        if not opened:  # someone else took it in between: keep watching
            self.notify(self.t("still_locked"), severity="warning")
            self._lock_timer = self.set_interval(LOCK_POLL, self._watch)
            self._draw_status()  # the new holder's pid
            return False
        self.query_one(NotesArea).read_only = False
        self._changed()  # reloaded from disk: anything may differ
        self._report_pending()
        self.notify(self.t("reopened"))
        return True

    def _refresh_all(self) -> None:
        """Probe results change contradictions and the verified score everywhere. If attaching them found
        the assessment taken by another process, this window is read-only now: watch for its release."""
        if self.session.read_only and self._lock_timer is None:
            self.query_one(NotesArea).read_only = True
            self._lock_timer = self.set_interval(LOCK_POLL, self._watch)
        self.tree.refresh_all()
        self._draw_question()
        self._draw_status()
