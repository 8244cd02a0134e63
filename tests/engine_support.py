"""Shared by the engine's tests: the small fixture checklist and assessments built on it."""

from __future__ import annotations

from pathlib import Path

from posture.assessment import Answer, Assessment, ChecklistRef, Evidence, question_hashes
from posture.content import Checklist, Library, bundled_library

DATA = Path(__file__).parent / "data" / "engine"
FIXTURE = DATA / "checklist-small.yaml"
REAL_CHECKLIST = Path(__file__).parents[1] / "checklists" / "bpo-contact-center.yaml"
DEMO = Path(__file__).parents[1] / "demo" / "centro-de-contacto-demo"


def catalogs():
    return bundled_library().catalogs


def load_fixture(path: Path = FIXTURE) -> Checklist:
    """Checked against the bundled catalogs only, so probe-check ids need not exist yet."""
    lib = Library.load([path], fallback=Library(catalogs=dict(catalogs())))
    assert not lib.problems, [p.format("en") for p in lib.problems]
    return next(iter(lib.checklists.values()))


def library_with(checklist: Checklist) -> Library:
    return Library(catalogs=dict(catalogs()), checklists={checklist.id: checklist})


def make_assessment(checklist: Checklist, answers: dict[str, object] | None = None,
                    frameworks: list[str] | None = None) -> Assessment:
    """``answers``: question id → value, or (value, method), or (value, method, "evidence"), or an Answer.

    A (value, method) answer records who answered and when; with "evidence" it also carries an
    evidence file with its hash (docs/scoring.md §4: what makes an answer verified)."""
    built = {}
    for qid, spec in (answers or {}).items():
        if isinstance(spec, Answer):
            built[qid] = spec
        elif isinstance(spec, tuple):
            evidence = [Evidence(f"evidence/{qid}.pdf", "ab" * 32, "2026-01-15T10:00:00+00:00")] \
                if len(spec) > 2 and spec[2] == "evidence" else []
            built[qid] = Answer(value=spec[0], method=spec[1], qid=qid, evidence=evidence,
                                answered_by="Auditora", answered_at="2026-01-15T10:00:00+00:00",
                                na_justification="no aplica" if spec[0] == "na" else "")
        else:
            built[qid] = Answer(value=str(spec), qid=qid, na_justification="no aplica" if spec == "na" else "")
    return Assessment(
        id="fixture", vendor="Proveedor", site="Sitio", frameworks=frameworks or list(checklist.catalogs),
        checklist=ChecklistRef(checklist.id, checklist.version, checklist.content_hash or "0" * 64,
                               question_hashes(checklist)),
        assessed_on="2026-01-15", created_at="2026-01-15T10:00:00+00:00", answers=built,
    )
