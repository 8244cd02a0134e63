"""One open assessment as the app works on it: answers, undo, save-on-change, the live scorecard.

No Textual here, so it can be tested and benchmarked on its own. The session holds the core's write
lock for as long as it is open, so a second app (or a CLI write) on the same file is refused instead
of silently overwriting; when the lock is already held elsewhere the session opens read-only.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as _dt
from dataclasses import dataclass, replace
from pathlib import Path

from posture.assessment import (
    ASSESSOR_METHODS,
    VENDOR_DECLARED,
    Answer,
    add_evidence,
    attach_probe_run,
    load_assessment,
    load_with_checklist,
    question_hash,
    write_lock,
    write_locked,
)

# The store writes under a lock it takes itself; the session already holds it for its whole life.
from posture.content import NA_VALUE, Library, Question, bundled_library
from posture.errors import PostureError
from posture.findings import Contradiction, ProbeRun
from posture.i18n import both, fmt
from posture.scoring import Scorecard, score

_MSG = {
    "read_only": both("solo lectura: {reason}", "read-only: {reason}"),
    "bad_key": both("'{key}' no es una respuesta de {qid} (opciones: {allowed})",
                    "'{key}' is not an answer to {qid} (options: {allowed})"),
    "na_refused": both("{qid} no admite «No aplica»", "{qid} does not allow 'not applicable'"),
    "unknown": both("no existe la pregunta {qid}", "there is no question {qid}"),
    "unanswered": both("responda {qid} antes de {what}", "answer {qid} before {what}"),
    "method": both("cambiar el método", "changing the method"),
    "evidence": both("adjuntar evidencia", "attaching evidence"),
}


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class Change:
    """What one edit did, so it can be undone: the answer before (None: there was none)."""

    qid: str
    before: Answer | None


class AssessmentSession:
    def __init__(self, path: str | Path, *, library: Library | None = None, assessor: str = "",
                 read_only: bool = False, passphrase: str | None = None):
        self.library = library or bundled_library()
        self.path = Path(path)
        self._lock = contextlib.ExitStack()
        self.read_only_reason: dict[str, str] | None = None
        if read_only:
            self.read_only_reason = both("abierta para consulta", "opened for viewing")
        else:
            try:
                self._lock.enter_context(write_lock(self.path))
            except PostureError as exc:
                self.read_only_reason = exc.message
        try:
            self.assessment, self.checklist = load_with_checklist(self.path, self.library, passphrase=passphrase)
        except BaseException:
            self._lock.close()
            raise
        self.assessor = assessor or (self.assessment.assessors[0] if self.assessment.assessors else "")
        self.undo_stack: list[Change] = []
        self.saved_at: _dt.datetime | None = None
        self.card: Scorecard = self._score()
        self._in_scope = self._questions_in_scope()
        self._in_scope_ids = {q.id for q in self._in_scope}
        self.pending_notes: dict[str, str] = {}  # notes typed before the question was answered

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
        note = self.pending_notes.pop(qid, base.note)
        justification = na_justification.strip() if value == NA_VALUE else ""
        # A changed value is a new claim: its method resets to interview until the assessor sets it
        # again (docs/scoring.md §9). The same value re-confirms the answer and keeps its method; the
        # vendor's questionnaire word becomes the assessor's interview answer.
        keep = before is not None and before.value == value and base.method != VENDOR_DECLARED
        method = base.method if keep else "interview"
        answer = replace(base, value=value, method=method, note=note, na_justification=justification,
                         answered_by=self.assessor, answered_at=_now(), carried_over=False,
                         question_hash=question_hash(q), evidence=list(base.evidence))
        return self._apply(qid, answer)

    def cycle_method(self, qid: str) -> Change:
        before = self._require(qid, _MSG["method"])
        # vendor-declared is never chosen by hand: from it, the next method (interview) confirms the answer
        methods = ASSESSOR_METHODS
        method = methods[(methods.index(before.method) + 1) % len(methods)] if before.method in methods \
            else methods[0]
        return self._apply(qid, replace(before, method=method, evidence=list(before.evidence)))

    def set_note(self, qid: str, note: str) -> Change | None:
        """Notes can be written before answering; they then wait in the session until the answer."""
        before = self.answer_of(qid)
        if before is None:
            self.pending_notes[qid] = note
            return None
        if before.note == note:
            return None
        return self._apply(qid, replace(before, note=note, evidence=list(before.evidence)))

    def attach_evidence(self, qid: str, source: str | Path) -> Change:
        before = self._require(qid, _MSG["evidence"])
        self._check_writable()
        evidence = add_evidence(self.path.parent, Path(source).expanduser())
        kept = [e for e in before.evidence if e.sha256 != evidence.sha256]
        return self._apply(qid, replace(before, evidence=[*kept, evidence]))

    def undo(self) -> str | None:
        """Put back the answer as it was before the last change; the question id, or None if nothing to undo."""
        if not self.undo_stack:
            return None
        self._check_writable()
        change = self.undo_stack[-1]
        previous = dict(self.assessment.answers)
        if change.before is None:
            self.assessment.answers.pop(change.qid, None)
        else:
            self.assessment.answers[change.qid] = change.before
        try:
            self._save()
        except BaseException:
            self.assessment.answers = previous
            raise
        self.undo_stack.pop()
        return change.qid

    def attach_probe_run(self, run: ProbeRun) -> list[Contradiction]:
        """Give the lock to the core's read-modify-write, then take it back and reload what it wrote."""
        self._check_writable()
        self._lock.close()
        try:
            found = attach_probe_run(self.path, run, self.checklist)
        finally:
            self._relock()
        self.assessment = load_assessment(self.path, self.checklist, passphrase=self.assessment.passphrase)
        self.saved_at = _dt.datetime.now()
        self.card = self._score()
        return found

    def close(self) -> None:
        self._lock.close()

    # -- internals -------------------------------------------------------------------------------

    def _relock(self) -> None:
        self._lock = contextlib.ExitStack()
        try:
            self._lock.enter_context(write_lock(self.path))
        except PostureError as exc:
            self.read_only_reason = exc.message

    def _require(self, qid: str, what: dict) -> Answer:
        answer = self.answer_of(qid)
        if answer is None:
            raise PostureError({lang: _MSG["unanswered"][lang].format(qid=qid, what=what[lang])
                                for lang in ("es", "en")})
        return answer

    def _check_writable(self) -> None:
        if self.read_only_reason is not None:
            raise PostureError({lang: _MSG["read_only"][lang].format(reason=self.read_only_reason[lang])
                                for lang in ("es", "en")})

    def _apply(self, qid: str, answer: Answer) -> Change:
        self._check_writable()
        before = self.answer_of(qid)
        change = Change(qid, copy.deepcopy(before))
        self.assessment.answers[qid] = answer
        try:
            self._save()
        except BaseException:  # nothing half-applied: memory matches the file on disk
            if before is None:
                self.assessment.answers.pop(qid, None)
            else:
                self.assessment.answers[qid] = before
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

        self._check_writable()
        self._lock.close()
        try:
            n = remove_probe_run(self.path, run_id)
        finally:
            self._relock()
        self.assessment = load_assessment(self.path, self.checklist, passphrase=self.assessment.passphrase)
        self.saved_at = _dt.datetime.now()
        self.card = self._score()
        return n

    def verdict(self):
        """The verdict as the report's first page gives it (docs/scoring.md §11), against today's date;
        the plan is built without its gain figures, which the verdict does not use."""
        from posture.plan import build_plan
        from posture.verdict import decide

        today = _dt.date.today().isoformat()
        plan = build_plan(self.assessment, self.checklist, self.library.catalogs, self.card, today=today, gains=False)
        return decide(self.card, plan, self.checklist, today=today)
