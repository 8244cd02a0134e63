"""The workspace's assessments listed with their scores: what ``posture list`` and the app's home screen show.

A layer above ``posture.assessment`` and ``posture.scoring``: it uses both, so the store never imports the
scoring (the import-linter contract "core layers" in pyproject.toml keeps it so).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from posture.assessment import Workspace, checklist_for, load_assessment
from posture.errors import ContentError, PassphraseRequired, PostureError, WrongPassphrase
from posture.evaluation import Evaluation
from posture.i18n import LANGS


@dataclass(frozen=True)
class Summary:
    """One assessment of the workspace as a listing shows it."""

    slug: str
    path: Path
    vendor: str
    site: str
    assessed_on: str  # ISO date, YYYY-MM-DD
    progress: float | None  # percent of questions answered (N/A included), 0–100
    score: float | None  # the graded overall (docs/scoring.md §7): lower of claimed and verified, worst framework
    error: str = ""  # set when the file could not be read; the other fields are then empty
    reason: dict = field(default_factory=dict)  # the same, {"es": ..., "en": ...}, for a person to read
    letter: str | None = None  # the overall letter; None when coverage is insufficient (or unreadable)
    basis: str = ""  # "verified", "claimed", "claimed-only" or "insufficient"
    needs_passphrase: bool = False  # encrypted, and no passphrase (or a wrong one) was given: not damaged


def summaries(workspace: Workspace, *, passphrase: str | None = None) -> list[Summary]:
    """Every assessment of ``workspace`` (``Workspace.files()``, sorted by path), scored with the checklist it
    was answered on and the workspace's library (default: the bundled content).

    ``passphrase``: for encrypted ones (else ``$POSTURE_PASSPHRASE``). Never raises for one assessment: a file
    that cannot be read (damaged, encrypted without its passphrase) or scored (its checklist not installed)
    is listed with ``error``/``reason`` set and no score, so one bad folder never hides the others."""
    out: list[Summary] = []
    library = workspace.library
    for path in workspace.files():
        slug = path.parent.name
        try:
            a = load_assessment(path, passphrase=passphrase)
        except ContentError as exc:
            out.append(Summary(slug, path, "", "", "", None, None, error=exc.lines("en")[0],
                               reason={lang: exc.lines(lang)[0] for lang in LANGS},
                               needs_passphrase=isinstance(exc, PassphraseRequired | WrongPassphrase)))
            continue
        try:
            checklist = checklist_for(a, library)
            card = Evaluation(a, checklist, library).scorecard
        except PostureError as exc:  # e.g. its checklist is not installed: still listed
            out.append(Summary(slug, path, a.vendor, a.site, a.assessed_on, None, None,
                               error=exc.lines("en")[0], reason={lang: exc.lines(lang)[0] for lang in LANGS}))
            continue
        h = card.headline
        out.append(Summary(slug, path, a.vendor, a.site, a.assessed_on, card.coverage.percent,
                           h.value if h.letter else card.overall.claimed, letter=h.letter, basis=h.basis))
    return out


__all__ = ["Summary", "summaries"]
