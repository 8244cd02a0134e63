"""The Statement of Applicability of one framework: every control, applicable or excluded, and why.

One rule for every reader (``posture soa``, the report's framework tables, the JSON and OSCAL exports): a
control is excluded when the checklist's ``not_applicable`` names it or an ancestor, and that exclusion wins
over questions mapped to it (:func:`posture.content.applicability`); an applicable control whose questions
were all answered N/A is not applicable for this vendor, with the answers' justifications.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from posture.assessment import Assessment
from posture.content import Catalog, Checklist, Control, applicability, bundled_library
from posture.scoring import Scorecard, score


@dataclass
class SoaEntry:
    """One control's row. ``justification``: why it is not applicable (the checklist's rationale, or the N/A
    reasons of its answers), None when it applies. ``excluded_by``: the checklist's exclusion in force
    names this control id (itself or an ancestor); None otherwise. ``claimed``/``verified``: its scores (0-100)
    when applicable and scored. ``answered``: how many of its questions have an answer."""

    control_id: str
    title: dict[str, str]
    applicable: bool
    justification: dict[str, str] | None
    questions: list[str] = field(default_factory=list)
    claimed: float | None = None
    verified: float | None = None
    answered: int = 0
    excluded_by: str | None = None

    @property
    def all_na(self) -> bool:
        """Not applicable because every question was answered N/A (not by the checklist's exclusion)."""
        return not self.applicable and self.excluded_by is None

    def to_dict(self) -> dict:
        return {"control": self.control_id, "title": self.title, "applicable": self.applicable,
                "justification": self.justification, "questions": self.questions, "claimed": self.claimed,
                "verified": self.verified, "answered": self.answered}


def soa_frameworks(frameworks, catalogs: dict[str, Catalog]) -> list[str]:
    """The frameworks among ``frameworks`` whose catalog declares ``report.statement_of_applicability``."""
    return [fw for fw in frameworks if fw in catalogs and catalogs[fw].statement_of_applicability]


def control_entries(assessment: Assessment, checklist: Checklist, catalog: Catalog, scorecard: Scorecard,
                    controls: list[Control] | None = None) -> list[SoaEntry]:
    """One :class:`SoaEntry` per control of ``controls`` (default: the catalog's coverage targets), in order."""
    targets = catalog.coverage_targets() if controls is None else controls
    control_scores = scorecard.controls.get(catalog.id, {})
    out = []
    for cid, app in applicability(checklist, catalog, targets).items():
        qids = list(app.questions)
        answers = [assessment.answers.get(q) for q in qids]
        answered = sum(1 for a in answers if a is not None)
        if app.exclusion is not None:
            out.append(SoaEntry(cid, app.control.title, False, dict(app.exclusion.rationale), qids,
                                answered=answered, excluded_by=app.excluded_by))
            continue
        if qids and all(a is not None and a.na for a in answers):
            reasons = "; ".join(dict.fromkeys(a.na_justification for a in answers))
            out.append(SoaEntry(cid, app.control.title, False, {"es": reasons, "en": reasons}, qids,
                                answered=answered))
            continue
        s = control_scores.get(cid)
        out.append(SoaEntry(cid, app.control.title, True, None, qids, s.claimed if s else None,
                            s.verified if s else None, answered))
    return out


def statement_of_applicability(assessment: Assessment, checklist: Checklist,
                               catalogs: dict[str, Catalog] | None = None,
                               scorecard: Scorecard | None = None, framework: str | None = None) -> list[SoaEntry]:
    """The SoA of ``framework`` (default: the first of the assessment's frameworks whose catalog declares
    ``report.statement_of_applicability``, ISO/IEC 27001 in the bundled content): every coverage target.

    Raises KeyError if ``framework`` is not in ``catalogs``; an empty list when no framework is given and none
    of the assessment's declares an SoA."""
    catalogs = catalogs if catalogs is not None else bundled_library().catalogs
    if framework is None:
        found = soa_frameworks(assessment.frameworks, catalogs)
        if not found:
            return []
        framework = found[0]
    scorecard = scorecard or score(assessment, checklist, catalogs)
    return control_entries(assessment, checklist, catalogs[framework], scorecard)
