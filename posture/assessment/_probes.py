"""Attaching a probe run to an assessment file (read, add, write — under one lock)."""

from __future__ import annotations

from pathlib import Path

from posture.assessment._checklists import checklist_for
from posture.assessment._file import load_assessment, write_locked
from posture.assessment._lock import write_lock
from posture.content import Checklist
from posture.findings import Contradiction, ProbeRun, contradictions
from posture.i18n import _


def attach_probe_run(path: str | Path, run: ProbeRun, checklist: Checklist | None = None) -> list[Contradiction]:
    """Store ``run`` in the assessment, link each finding to the questions its check verifies, and
    return the answers the findings contradict.

    Raises ``LockBusy`` (a PostureError) when another process holds the assessment: the caller keeps
    the run (see ``save_pending_run``) instead of losing it."""
    path = Path(path)
    with write_lock(path):
        return attach_locked(path, [run], checklist)


def attach_locked(path: Path, runs: list[ProbeRun], checklist: Checklist | None = None,
                  passphrase: str | None = None) -> list[Contradiction]:
    """The read-modify-write itself, for callers already holding the lock; a run with the same id replaces
    the stored one. Returns the contradictions of the runs' findings with the answers."""
    from posture.findings import questions_for_check

    assessment = load_assessment(path, passphrase=passphrase)
    checklist = checklist or checklist_for(assessment)
    ids = {run.id for run in runs}
    for run in runs:
        for finding in run.findings:
            finding.questions = questions_for_check(checklist, finding.check_id)
    assessment.probe_runs = [r for r in assessment.probe_runs if r.id not in ids] + list(runs)
    write_locked(assessment, path)
    return contradictions(checklist, assessment.values(), [f for run in runs for f in run.findings])


def remove_probe_run(path: str | Path, run_id: str) -> int:
    """Remove the run ``run_id`` and exactly its findings from the assessment file (under the lock).

    Findings other runs also saw stay, from those runs. Returns how many findings the run held;
    PostureError if no run has that id (the file is then left untouched)."""
    from posture.errors import PostureError
    from posture.i18n import fmt

    path = Path(path)
    with write_lock(path):
        assessment = load_assessment(path)
        found = [r for r in assessment.probe_runs if r.id == run_id]
        if not found:
            known = ", ".join(r.id for r in assessment.probe_runs) or "—"
            raise PostureError(fmt(_("there is no probe run '{id}' in {file} (there are: {known})"),
                                   id=run_id, file=path.name, known=known))
        assessment.probe_runs = [r for r in assessment.probe_runs if r.id != run_id]
        write_locked(assessment, path)
    return len(found[0].findings)


def set_action_status(path: str | Path, action_id: str, status) -> None:
    """Store ``status`` (an ActionStatus) for plan action ``action_id`` in the assessment file (under the
    lock); "open" with nothing else removes the entry. The id is the plan item's stable id."""
    path = Path(path)
    with write_lock(path):
        assessment = load_assessment(path)
        if status.status == "open" and not (status.justification or status.note):
            assessment.actions.pop(action_id, None)
        else:
            assessment.actions[action_id] = status
        write_locked(assessment, path)
