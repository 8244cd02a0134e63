"""Finding the checklist an assessment was answered against."""

from __future__ import annotations

from posture.assessment._model import Assessment
from posture.content import Checklist, Library, bundled_library
from posture.errors import PostureError
from posture.i18n import both, fmt

_MSG = {
    "unknown": both("la evaluación usa la lista de verificación '{id}', que no está instalada (use --checklist)",
                    "the assessment uses checklist '{id}', which is not installed (use --checklist)"),
}


def checklist_for(assessment: Assessment, library: Library | None = None) -> Checklist:
    return checklist_by_id(assessment.checklist.id, library)


def checklist_by_id(checklist_id: str, library: Library | None = None) -> Checklist:
    lib = library if library is not None else bundled_library()
    found = lib.checklists.get(checklist_id)
    if found is None:
        raise PostureError(fmt(_MSG["unknown"], id=checklist_id))
    return found
