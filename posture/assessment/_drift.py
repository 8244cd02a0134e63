"""Which questions changed in the checklist since an assessment was answered.

The assessment records, per question, a hash of the question's content (wording, scale, weight,
criticality, mappings) taken when it was created or last upgraded. Comparing those with the
current checklist tells new, changed and removed questions apart without keeping old checklists.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from posture.assessment._hashing import question_hashes
from posture.assessment._model import Assessment
from posture.content import Checklist


@dataclass
class Drift:
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    answered_changed: list[str] = field(default_factory=list)  # changed and already answered: re-ask
    answered_removed: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.new or self.changed or self.removed)


def drift(assessment: Assessment, checklist: Checklist) -> Drift:
    recorded = assessment.checklist.questions
    if assessment.checklist.content_hash == checklist.content_hash and recorded:
        return Drift()
    current = question_hashes(checklist)
    out = Drift()
    for qid, digest in current.items():
        before = recorded.get(qid)
        answer = assessment.answers.get(qid)
        if answer is not None and answer.question_hash:
            before = answer.question_hash  # the answer knows what it answered
        if before is None:
            if answer is None:
                out.new.append(qid)
            continue
        if before != digest:
            out.changed.append(qid)
            if answer is not None:
                out.answered_changed.append(qid)
    for qid in list(recorded) + [q for q in assessment.answers if q not in recorded]:
        if qid not in current and qid not in out.removed:
            out.removed.append(qid)
            if qid in assessment.answers:
                out.answered_removed.append(qid)
    return out
