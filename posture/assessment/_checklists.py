"""Finding the checklist an assessment was answered against.

A checklist that is not installed (``posture new --checklist FILE``, a consultant's own) travels with
the assessment: ``Workspace.create`` copies it into the assessment folder as ``checklist.yaml``, and
every reader (the app, each command, the listing, a re-assessment) finds it there, so the assessment
opens anywhere without ``--checklist``.
"""

from __future__ import annotations

from pathlib import Path

from posture.assessment._model import Assessment
from posture.content import Checklist, Library, bundled_library, load_checklist
from posture.errors import PostureError
from posture.i18n import _, fmt

TRAVELLING_NAME = "checklist.yaml"

_MSG = {
    "unknown": _("the assessment uses checklist '{id}', which is neither installed nor carried with the assessment "
                 "({file}); give it with --checklist"),
    "other_id": _("{file} is checklist '{found}', but the assessment uses '{id}'"),
}


def checklist_for(assessment: Assessment, library: Library | None = None) -> Checklist:
    """The checklist ``assessment`` was answered against (see ``checklist_in``).

    Raises:
        PostureError: neither exists, or the folder's copy is another checklist.
        ContentError: the folder's copy is not a valid checklist (located problems).
    """
    folder = Path(assessment.path).parent if assessment.path is not None else None
    return checklist_in(folder, assessment.checklist.id, library, assessment.checklist.content_hash)


def checklist_in(folder: Path | None, checklist_id: str, library: Library | None = None,
                 content_hash: str = "") -> Checklist:
    """The checklist ``checklist_id`` for an assessment in ``folder`` (None: installed ones only).

    The installed checklist when it is the very version the assessment recorded (``content_hash``);
    else the copy that travels in the folder; else the installed one (an older assessment of an
    updated checklist: drift is reported by the caller).
    """
    lib = library if library is not None else bundled_library()
    installed = lib.checklists.get(checklist_id)
    if installed is not None and content_hash and installed.content_hash == content_hash:
        return installed
    if folder is not None:
        travelling = folder / TRAVELLING_NAME
        if travelling.is_file():
            found = load_checklist(travelling, library)
            if found.id != checklist_id:
                raise PostureError(fmt(_MSG["other_id"], file=str(travelling), found=found.id, id=checklist_id))
            return found
    return checklist_by_id(checklist_id, lib, folder)


def checklist_by_id(checklist_id: str, library: Library | None = None, folder: Path | None = None) -> Checklist:
    lib = library if library is not None else bundled_library()
    found = lib.checklists.get(checklist_id)
    if found is None:
        where = folder / TRAVELLING_NAME if folder is not None else TRAVELLING_NAME
        raise PostureError(fmt(_MSG["unknown"], id=checklist_id, file=str(where)))
    return found


def is_installed(checklist: Checklist, library: Library | None = None) -> bool:
    """The same checklist (id and content) is installed: nothing needs to travel."""
    lib = library if library is not None else bundled_library()
    installed = lib.checklists.get(checklist.id)
    return installed is not None and installed.content_hash == checklist.content_hash
