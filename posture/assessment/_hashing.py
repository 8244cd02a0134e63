"""Content hashes of single questions, so drift can be told per question, not just per checklist."""

from __future__ import annotations

import hashlib
import json

from posture.content import Checklist, Question


def question_hash(question: Question) -> str:
    """What a person answered: the wording, the scale and what the answer counts for."""
    content = {
        "text": question.text, "scale": question.scale, "weight": question.weight,
        "criticality": question.criticality, "maps_to": {k: list(v) for k, v in sorted(question.maps_to.items())},
    }
    blob = json.dumps(content, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:16]


def question_hashes(checklist: Checklist) -> dict[str, str]:
    return {q.id: question_hash(q) for q in checklist.questions}
