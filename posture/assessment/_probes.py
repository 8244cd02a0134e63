"""Attaching a probe run to an assessment file (read, add, write — under one lock)."""

from __future__ import annotations

from pathlib import Path

from posture.assessment._checklists import checklist_for
from posture.assessment._file import load_assessment, write_locked
from posture.assessment._lock import write_lock
from posture.content import Checklist
from posture.findings import Contradiction, ProbeRun, contradictions


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
