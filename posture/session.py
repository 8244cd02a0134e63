"""One open assessment being edited: answers, notes, undo, evidence, probe runs, save-on-change, the live
scorecard.

Part of the core (no Textual, no adapter): the app is one face of it, and it can be tested and benchmarked
on its own. The session holds the core's write lock for as long as it is open, so a second app (or a CLI
write) on the same file is refused instead of silently overwriting; when the lock is already held
elsewhere the session opens read-only, follows the saves made there (:meth:`reload_if_changed`), can tell
when that lock is released (:meth:`lock_free`) and then reopen itself writable (:meth:`reopen_writable`).

Every change is on disk before the call returns: answers, methods, evidence and notes — a note on a
question not answered yet too (``Assessment.notes``). Opening writable also attaches the probe runs that
were left pending beside the file because it was locked when they finished.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as _dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from posture.assessment import (
    ASSESSOR_METHODS,
    VENDOR_DECLARED,
    Answer,
    LockBusy,
    add_evidence,
    attach_pending_locked,
    attach_probe_run,
    check_unlocked,
    evidence_path,
    load_assessment,
    load_with_checklist,
    pending_files,
    question_hash,
    save_pending_run,
    write_lock,
    write_locked,
)

# The store writes under a lock it takes itself; the session already holds it for its whole life.
from posture.content import NA_LABEL, NA_VALUE, Library, Question, bundled_library
from posture.errors import PostureError
from posture.evaluation import Evaluation
from posture.findings import Contradiction, ProbeRun
from posture.i18n import LANGS, _, both, fmt
from posture.scoring import Scorecard, score
from posture.vocabulary import Method

if TYPE_CHECKING:
    from posture.listing import Summary

_MSG = {
    "read_only": _("read-only: {reason}"),
    "bad_key": _("'{key}' is not an answer to {qid} (options: {allowed})"),
    "na_refused": _("{qid} does not allow 'not applicable'"),
    "unknown": _("there is no question {qid}"),
    "unanswered": _("answer {qid} before {what}"),
    "method": _("changing the method"),
    "evidence": _("attaching evidence"),
    "already_attached": _("{qid} already has this evidence ({path}); nothing changed"),
    "do_answer": _("answer {value} on {qid}"),
    "do_method": _("method {value} on {qid}"),
    "do_note": _("note on {qid}"),
    "do_evidence": _("evidence «{value}» on {qid}"),
    "elsewhere_pid": _("open in another window or process (pid {pid})"),
    "elsewhere": _("open in another window or process"),
}


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class Change:
    """What one edit did, so it can be undone: the answer before (None: there was none), the note on the
    unanswered question before, what the change was (``label``, es/en, e.g. "answer Yes on GOV-12") and
    the evidence file it copied in, if it made a new one (undo removes it)."""

    qid: str
    before: Answer | None
    label: dict[str, str]
    note_before: str | None = None  # set for a note on an unanswered question
    copied: str = ""  # evidence path (relative to the folder) this change created


class AssessmentSession:
    """An assessment file opened for editing, holding its write lock while open (see the module docstring).

    Raises on opening what ``load_with_checklist`` raises (PostureError for a bad, newer or encrypted file
    without its passphrase, OSError for the disk); every write method raises PostureError when the session
    is read-only or the change is refused, and leaves memory and disk as they were on any error."""

    def __init__(self, path: str | Path, *, library: Library | None = None, assessor: str = "",
                 read_only: bool = False, passphrase: str | None = None):
        self.library = library or bundled_library()
        self.path = Path(path)
        self._lock = contextlib.ExitStack()
        self.read_only_reason: dict[str, str] | None = None
        self.holder: int | None = None  # pid of the process whose lock made this session read-only
        self.viewing = read_only  # asked for read-only: never offered to become writable
        # Pending probe runs attached on open ([(file, run)]), and why some could not be (es/en).
        self.attached_pending: list = []
        self.pending_error: dict[str, str] | None = None
        if read_only:
            self.read_only_reason = _("opened for viewing")
        else:
            self._take_lock()
        self._read_state = self._file_state()  # before reading: a save landing in between is read again later
        try:
            self.assessment, self.checklist = load_with_checklist(self.path, self.library, passphrase=passphrase)
            self._attach_pending()
        except BaseException:
            self._lock.close()
            raise
        self.assessor = assessor or (self.assessment.assessors[0] if self.assessment.assessors else "")
        self.undo_stack: list[Change] = []
        self.saved_at: _dt.datetime | None = None
        self.card: Scorecard = self._score()
        self._in_scope = self._questions_in_scope()
        self._in_scope_ids = {q.id for q in self._in_scope}

    # -- reading ---------------------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    @property
    def questions(self) -> list[Question]:
        return self._in_scope

    def _questions_in_scope(self) -> list[Question]:
        fws = set(self.assessment.frameworks)
        return [q for q in self.checklist.questions if fws & set(q.maps_to)]

    def question(self, qid: str) -> Question:
        q = self.checklist.question(qid)
        if q is None:
            raise PostureError(fmt(_MSG["unknown"], qid=qid))
        return q

    def answer_of(self, qid: str) -> Answer | None:
        return self.assessment.answers.get(qid)

    def note_of(self, qid: str) -> str:
        """The note on ``qid``: the answer's, or the one taken before answering."""
        answer = self.answer_of(qid)
        return answer.note if answer is not None else self.assessment.notes.get(qid, "")

    def section_progress(self, section_id: str) -> tuple[int, int]:
        section = self.checklist.section(section_id)
        ids = [q.id for q in section.questions if q.id in self._in_scope_ids] if section else []
        return sum(1 for qid in ids if qid in self.assessment.answers), len(ids)

    def next_unanswered(self, after: str | None = None) -> str | None:
        """The first unanswered question after ``after``, wrapping round; None when all are answered."""
        ids = [q.id for q in self._in_scope]
        start = ids.index(after) + 1 if after in ids else 0
        for qid in ids[start:] + ids[:start]:
            if qid not in self.assessment.answers:
                return qid
        return None

    def neighbour(self, qid: str, step: int) -> str:
        ids = [q.id for q in self._in_scope]
        if qid not in ids:
            return ids[0]
        return ids[max(0, min(len(ids) - 1, ids.index(qid) + step))]

    def summary(self) -> Summary:
        """This assessment's row in the workspace's list (``posture.listing.summaries``), from the live scorecard:
        progress in percent of questions answered, the graded overall (docs/scoring.md §7) and its letter."""
        from posture.listing import Summary  # here: the app's first screen lists nothing

        a, card = self.assessment, self.card
        h = card.headline
        return Summary(self.path.parent.name, self.path, a.vendor, a.site, a.assessed_on, card.coverage.percent,
                       h.value if h.letter else card.overall.claimed, letter=h.letter, basis=h.basis)

    def contradictions(self) -> list[Contradiction]:
        from posture.findings import contradictions

        return contradictions(self.checklist, self.assessment.values(), self.assessment.findings())

    # -- writing ---------------------------------------------------------------------------------

    def answer_key(self, qid: str, key: str, na_justification: str = "") -> Change:
        """Answer by the scale's key (y/p/n, 0–5, or 'a' for N/A with its justification)."""
        q = self.question(qid)
        scale = self.checklist.scale_of(q)
        if key in ("a", NA_VALUE):
            if not scale.allow_na:
                raise PostureError(fmt(_MSG["na_refused"], qid=qid))
            value = NA_VALUE
        else:
            option = scale.by_key(key)
            if option is None:
                allowed = "/".join([o.key for o in scale.options] + (["a"] if scale.allow_na else []))
                raise PostureError(fmt(_MSG["bad_key"], key=key, qid=qid, allowed=allowed))
            value = option.value
        before = self.answer_of(qid)
        base = before if before is not None else Answer(value="yes", qid=qid)
        note = base.note if before is not None else self.assessment.notes.get(qid, "")
        justification = na_justification.strip() if value == NA_VALUE else ""
        # A changed value is a new claim: its method resets to interview until the assessor sets it
        # again (docs/scoring.md §9). The same value re-confirms the answer and keeps its method; the
        # vendor's questionnaire word becomes the assessor's interview answer.
        keep = before is not None and before.value == value and base.method != VENDOR_DECLARED
        method = base.method if keep else "interview"
        answer = replace(base, value=value, method=method, note=note, na_justification=justification,
                         answered_by=self.assessor, answered_at=_now(), carried_over=False,
                         question_hash=question_hash(q), evidence=list(base.evidence))
        option = scale.option(value)
        label = NA_LABEL if value == NA_VALUE else (option.label if option else both(value, value))
        return self._apply(qid, answer, _label("do_answer", qid, label))

    def cycle_method(self, qid: str) -> Change:
        self.check_writable()  # read-only says so first: "answer it first" would send the user after the wrong cause
        before = self._require(qid, _MSG["method"])
        # vendor-declared is never chosen by hand: from it, the next method (interview) confirms the answer
        methods = ASSESSOR_METHODS
        method = methods[(methods.index(before.method) + 1) % len(methods)] if before.method in methods \
            else methods[0]
        return self._apply(qid, replace(before, method=method, evidence=list(before.evidence)),
                           _label("do_method", qid, Method(method).label))

    def set_note(self, qid: str, note: str) -> Change | None:
        """Save the note on ``qid`` at once; on an unanswered question it is kept in the file's ``notes``
        and moves into the answer when the question is answered. None when nothing changed."""
        self.question(qid)
        before = self.answer_of(qid)
        label = _label("do_note", qid)
        if before is not None:
            if before.note == note:
                return None
            return self._apply(qid, replace(before, note=note, evidence=list(before.evidence)), label)
        old = self.assessment.notes.get(qid, "")
        if old == note:
            return None
        self.check_writable()
        change = Change(qid, None, label, note_before=old)
        self._set_pending_note(qid, note)
        try:
            self._save()
        except BaseException:
            self._set_pending_note(qid, old)
            raise
        self.undo_stack.append(change)
        return change

    def attach_evidence(self, qid: str, source: str | Path) -> Change:
        """Copy ``source`` into ``evidence/`` and list it on the answer; undoing it removes a copy it made."""
        self.check_writable()
        before = self._require(qid, _MSG["evidence"])
        folder = self.path.parent / "evidence"
        existing = {p.name for p in folder.iterdir()} if folder.is_dir() else set()
        evidence = add_evidence(self.path.parent, Path(source).expanduser())
        copied = "" if Path(evidence.path).name in existing else evidence.path
        if any(e.sha256 == evidence.sha256 for e in before.evidence):
            # the same content is already on this answer: nothing changes, so no undo step either
            raise PostureError(fmt(_MSG["already_attached"], qid=qid, path=evidence.path))
        kept = list(before.evidence)
        try:
            change = self._apply(qid, replace(before, evidence=[*kept, evidence]),
                                 _label("do_evidence", qid, both(Path(evidence.path).name, Path(evidence.path).name)),
                                 copied=copied)
        except BaseException:
            if copied:
                self._remove_copy(copied)
            raise
        return change

    def undo(self) -> Change | None:
        """Put back the answer (or the note on an unanswered question) as it was before the last change,
        and remove the evidence copy that change made; the change undone (its ``label`` says what it
        was), or None if there is nothing to undo."""
        if not self.undo_stack:
            return None
        self.check_writable()
        change = self.undo_stack[-1]
        previous = dict(self.assessment.answers)
        previous_notes = dict(self.assessment.notes)
        if change.note_before is not None:
            self._set_pending_note(change.qid, change.note_before)
        elif change.before is None:
            answer = self.assessment.answers.pop(change.qid, None)
            if answer is not None and answer.note:  # the note taken before answering stays
                self.assessment.notes[change.qid] = answer.note
        else:
            self.assessment.answers[change.qid] = change.before
        try:
            self._save()
        except BaseException:
            self.assessment.answers = previous
            self.assessment.notes = previous_notes
            raise
        self.undo_stack.pop()
        if change.copied:
            self._remove_copy(change.copied)
        return change

    def attach_probe_run(self, run: ProbeRun) -> list[Contradiction]:
        """Give the lock to the core's read-modify-write, then take it back and reload what it wrote.

        When the assessment cannot be written (this session lost its lock, or never had it) the run is
        kept as a pending run beside the file and attached on the next writable open; the LockBusy (or
        read-only) error then says so through ``pending_file``."""
        if self.read_only:
            self.pending_file = save_pending_run(self.path, run, self.assessment.passphrase)
            self.check_writable()
        self._lock.close()
        try:
            found = attach_probe_run(self.path, run, self.checklist)
        except LockBusy:
            self.pending_file = save_pending_run(self.path, run, self.assessment.passphrase)
            raise
        finally:
            self._relock()
        self.assessment = load_assessment(self.path, self.checklist, passphrase=self.assessment.passphrase)
        self.saved_at = _dt.datetime.now()
        self.card = self._score()
        return found

    pending_file: Path | None = None  # where the last run that could not be attached was kept

    def lock_free(self) -> bool:
        """For a read-only session: has the process that held the lock let it go? (Nothing is taken.) While it is
        held, the holder named (``holder``, ``read_only_reason``) follows the process that holds it now: with
        three windows, the one that took the file after the first let go, not the first."""
        if not self.read_only or self.viewing:
            return False
        try:
            check_unlocked(self.path)  # looks without taking it or writing the lock file
        except LockBusy as exc:
            if exc.pid is not None and exc.pid != self.holder:
                self.holder = exc.pid
                self.read_only_reason = _open_elsewhere(exc)
            return False
        except OSError:
            return False
        return True

    def _file_state(self) -> tuple[int, int, int] | None:
        try:
            st = self.path.stat()
        except OSError:
            return None
        return st.st_ino, st.st_mtime_ns, st.st_size  # a save replaces the file (rename): a new inode

    def reload_if_changed(self) -> bool:
        """For a read-only session: read the file again when another process has saved it since this session
        last read it (its inode, modification time in ns or size differ). True when it was read again (the
        answers, notes and scorecard are the file's now); False when nothing changed, the file is gone (see
        the caller) or the session is writable (then this session is the only writer).

        Raises what :func:`~posture.assessment.load_assessment` raises (PostureError for a file it cannot
        read, OSError for the disk); the state of that file is remembered first, so one bad save is reported
        once, not at every look, and the session keeps the last copy it could read."""
        if not self.read_only:
            return False
        state = self._file_state()
        if state is None or state == self._read_state:
            return False
        self._read_state = state
        self.assessment = load_assessment(self.path, self.checklist, passphrase=self.assessment.passphrase)
        self.card = self._score()
        return True

    def reopen_writable(self) -> bool:
        """Take the lock and reload the file from disk (the other process may have changed it); False
        when the lock is still held elsewhere. Pending probe runs are attached."""
        if not self.read_only or self.viewing:
            return not self.read_only
        if not self._take_lock():
            return False
        reason = self.read_only_reason
        self.read_only_reason = None
        try:
            self.assessment = load_assessment(self.path, self.checklist, passphrase=self.assessment.passphrase)
            self._attach_pending()
        except BaseException:
            self._lock.close()
            self._lock = contextlib.ExitStack()
            self.read_only_reason = reason
            raise
        self.holder = None
        self.undo_stack.clear()
        self.card = self._score()
        return True

    def close(self) -> None:
        self._lock.close()

    # -- internals -------------------------------------------------------------------------------

    def _take_lock(self) -> bool:
        try:
            self._lock.enter_context(write_lock(self.path))
        except LockBusy as exc:
            self.read_only_reason = _open_elsewhere(exc)
            self.holder = exc.pid
            return False
        except PostureError as exc:
            self.read_only_reason = exc.message
            return False
        return True

    def _attach_pending(self) -> None:
        """Runs left pending beside the file go in now that this session can write it (lock held)."""
        if self.read_only or not pending_files(self.path):
            return
        try:
            self.attached_pending, errors = attach_pending_locked(self.path, self.checklist,
                                                                  self.assessment.passphrase)
        except (PostureError, OSError) as exc:  # the assessment itself could not be written
            errors = [exc if isinstance(exc, PostureError) else PostureError(both(str(exc), str(exc)))]
        if errors:  # a damaged pending file stays where it is, and is named with its line and field
            self.pending_error = {lang: " · ".join(line for exc in errors for line in exc.lines(lang))
                                  for lang in LANGS}
        if not self.attached_pending:
            return
        self.assessment = load_assessment(self.path, self.checklist, passphrase=self.assessment.passphrase)

    def _relock(self) -> None:
        self._lock = contextlib.ExitStack()
        self._take_lock()

    def _set_pending_note(self, qid: str, note: str) -> None:
        if note:
            self.assessment.notes[qid] = note
        else:
            self.assessment.notes.pop(qid, None)

    def _remove_copy(self, relative: str) -> None:
        """Delete an evidence copy unless some answer still lists it."""
        if any(e.path == relative for a in self.assessment.answers.values() for e in a.evidence):
            return
        with contextlib.suppress(PostureError, OSError):
            evidence_path(self.path.parent, relative).unlink(missing_ok=True)

    def _require(self, qid: str, what: dict) -> Answer:
        answer = self.answer_of(qid)
        if answer is None:
            raise PostureError({lang: _MSG["unanswered"][lang].format(qid=qid, what=what[lang])
                                for lang in LANGS})
        return answer

    def check_writable(self) -> None:
        """A PostureError saying why not (open elsewhere, with its pid) when this session cannot write."""
        if self.read_only_reason is not None:
            raise PostureError({lang: _MSG["read_only"][lang].format(reason=self.read_only_reason[lang])
                                for lang in LANGS})

    def _apply(self, qid: str, answer: Answer, label: dict[str, str], copied: str = "") -> Change:
        self.check_writable()
        before = self.answer_of(qid)
        change = Change(qid, copy.deepcopy(before), label, copied=copied)
        pending_note = self.assessment.notes.pop(qid, None)  # now held by the answer
        self.assessment.answers[qid] = answer
        try:
            self._save()
        except BaseException:  # nothing half-applied: memory matches the file on disk
            if before is None:
                self.assessment.answers.pop(qid, None)
            else:
                self.assessment.answers[qid] = before
            if pending_note is not None:
                self.assessment.notes[qid] = pending_note
            raise
        self.undo_stack.append(change)
        return change

    def _save(self) -> None:
        write_locked(self.assessment, self.path)
        self.saved_at = _dt.datetime.now()
        self.card = self._score()

    def _score(self) -> Scorecard:
        return score(self.assessment, self.checklist, self.library.catalogs)

    def remove_probe_run(self, run_id: str) -> int:
        """Remove a run and exactly its findings (core: remove_probe_run), under the same lock hand-over
        as attach_probe_run; returns how many findings it held."""
        from posture.assessment import remove_probe_run

        self.check_writable()
        self._lock.close()
        try:
            n = remove_probe_run(self.path, run_id)
        finally:
            self._relock()
        self.assessment = load_assessment(self.path, self.checklist, passphrase=self.assessment.passphrase)
        self.saved_at = _dt.datetime.now()
        self.card = self._score()
        return n

    def evaluation(self, *, today: str | None = None) -> Evaluation:
        """The assessment as it stands, evaluated (``posture.evaluation.Evaluation.of``): what the report
        screen renders, without reading the file again (an encrypted one needs no second passphrase; the
        file's hash is that of the bytes this session last read or wrote). ``today``: the report date."""
        return Evaluation.of(self, today=today)

    def verdict(self):
        """The verdict as the report's first page gives it (docs/scoring.md §11), against today's date;
        the plan is built without its gain figures, which the verdict does not use."""
        return Evaluation.of(self, today=_dt.date.today().isoformat(), snapshot=False).verdict


def _label(key: str, qid: str, value: dict[str, str] | None = None) -> dict[str, str]:
    """What a change did, in both languages, for the undo message."""
    return {lang: _MSG[key][lang].format(qid=qid, value=value[lang] if value else "") for lang in LANGS}


def _open_elsewhere(exc: LockBusy) -> dict[str, str]:
    """The read-only reason when another process holds the lock: open elsewhere, with its pid."""
    if exc.pid:
        return fmt(_MSG["elsewhere_pid"], pid=exc.pid)
    return dict(_MSG["elsewhere"])
