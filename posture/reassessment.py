"""A re-assessment: a new assessment of the same vendor and site that starts from the previous answers.

Every copied answer is marked carried over, so the assessor re-verifies it instead of trusting it.
Evidence files are copied (and re-hashed) into the new folder: the new file must stand on its own. An
encrypted assessment's re-assessment is encrypted with the same passphrase (its folder holds no plaintext).

Part of the core: the app's Home (``c``) is one face of it.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import replace
from pathlib import Path

from posture.assessment import (
    Assessment,
    Workspace,
    add_evidence,
    checklist_for,
    evidence_path,
    load_assessment,
    save_assessment,
    slugify,
)
from posture.content import Library, bundled_library
from posture.errors import PostureError


def free_slug(workspace: Workspace, base: str) -> str:
    """``slugify(base)``, or with ``-2``, ``-3``… appended: the first one no folder of ``workspace`` uses."""
    slug = slugify(base)
    candidate, n = slug, 1
    while (workspace.root / candidate).exists():
        n += 1
        candidate = f"{slug}-{n}"
    return candidate


def duplicate_as_reassessment(workspace: Workspace, source: str | Path, library: Library | None = None,
                              assessed_on: str | None = None, *, passphrase: str | None = None) -> Assessment:
    """The re-assessment of ``source`` (file, folder or slug in ``workspace``), saved in a new folder
    ``<vendor>-<site>-<day>`` (``free_slug``) and returned; ``assessed_on`` is an ISO date (default today).

    Answers still in the checklist are copied marked carried over (docs/scoring.md §9: claimed, never
    verified, until re-confirmed), with their evidence files copied and re-hashed (a missing one is left
    out); action statuses and probe runs carry over as they are. ``passphrase`` opens an encrypted source
    (else ``$POSTURE_PASSPHRASE``). Raises PostureError when the source cannot be found or read, OSError
    when the disk refuses."""
    library = library or bundled_library()
    previous = load_assessment(workspace.locate(source), passphrase=passphrase)
    checklist = checklist_for(previous, library)
    day = assessed_on or _dt.date.today().isoformat()
    slug = free_slug(workspace, f"{previous.vendor}-{previous.site}-{day}")
    new = workspace.create(vendor=previous.vendor, site=previous.site, checklist=checklist,
                           frameworks=[f for f in previous.frameworks if f in checklist.catalogs],
                           scope=previous.scope, assessors=previous.assessors, assessed_on=day, slug=slug,
                           passphrase=previous.passphrase)
    for qid, answer in previous.answers.items():
        if checklist.question(qid) is None:
            continue  # removed from the checklist since: nothing to re-verify
        evidence = []
        for item in answer.evidence:
            try:
                evidence.append(add_evidence(new.folder, evidence_path(previous.folder, item.path)))
            except PostureError:
                continue  # a missing evidence file is not carried; the answer still is
        new.answers[qid] = replace(answer, evidence=evidence, carried_over=True)
    # Action statuses carry over by their stable id: done stays done, accepted risks keep their expiry.
    new.actions = {aid: replace(status) for aid, status in previous.actions.items()}
    # Probe runs carry over with their own dates: a contradiction stands until a new probe supersedes it
    # (remove the old run with posture probe --remove once it has), so an unchanged re-assessment
    # compares as unchanged instead of "closing" every contradicted gap.
    new.probe_runs = list(previous.probe_runs)
    save_assessment(new)
    return new
