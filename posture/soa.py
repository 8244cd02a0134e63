"""The ISO/IEC 27001 Statement of Applicability: every Annex A control, applicable or excluded, and why."""

from __future__ import annotations

from dataclasses import dataclass, field

from posture.assessment import Assessment
from posture.content import Catalog, Checklist, bundled_library, questions_by_control
from posture.scoring import Scorecard, score

ISO_CATALOG = "iso27001-2022"


@dataclass
class SoaEntry:
    control_id: str
    title: dict[str, str]
    applicable: bool
    justification: dict[str, str] | None  # why excluded (checklist rationale or the answers' N/A reasons)
    questions: list[str] = field(default_factory=list)
    claimed: float | None = None
    verified: float | None = None
    answered: int = 0

    def to_dict(self) -> dict:
        return {"control": self.control_id, "title": self.title, "applicable": self.applicable,
                "justification": self.justification, "questions": self.questions, "claimed": self.claimed,
                "verified": self.verified, "answered": self.answered}


def statement_of_applicability(assessment: Assessment, checklist: Checklist,
                               catalogs: dict[str, Catalog] | None = None,
                               scorecard: Scorecard | None = None) -> list[SoaEntry]:
    catalogs = catalogs if catalogs is not None else bundled_library().catalogs
    catalog = catalogs[ISO_CATALOG]
    scorecard = scorecard or score(assessment, checklist, catalogs)
    by_control = questions_by_control(checklist, catalog)
    excluded = checklist.excluded(ISO_CATALOG)
    control_scores = scorecard.controls.get(ISO_CATALOG, {})
    out = []
    for control in catalog.coverage_targets():
        qids = by_control.get(control.id, [])
        exclusion = next((excluded[c] for c in (control.id, *catalog.ancestors(control.id)) if c in excluded), None)
        answers = [assessment.answers.get(q) for q in qids]
        if exclusion is not None and not qids:
            out.append(SoaEntry(control.id, control.title, False, dict(exclusion.rationale)))
            continue
        if qids and all(a is not None and a.na for a in answers):
            reasons = "; ".join(dict.fromkeys(a.na_justification for a in answers))
            out.append(SoaEntry(control.id, control.title, False, {"es": reasons, "en": reasons}, qids,
                                answered=len(qids)))
            continue
        s = control_scores.get(control.id)
        out.append(SoaEntry(control.id, control.title, True, None, qids, s.claimed if s else None,
                            s.verified if s else None, sum(1 for a in answers if a is not None)))
    return out
