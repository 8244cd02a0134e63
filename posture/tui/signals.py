"""App-wide updates as Textual signals: the screen that changes something publishes it once, and every
screen or widget that shows it subscribes (``Signal.subscribe`` on mount; an unmounted one drops out).

No screen reaches into another (there is no loop over the screen stack asking ``hasattr``): the walk does
not know that Home lists the assessment's progress, nor the probes screen that the walk marks its questions.

The app (``PostureApp``) owns three signals:

- ``assessment_changed`` — :class:`AssessmentChanged`: an answer, method, note, evidence or undo on one
  question (``qid``), or probe runs attached / removed / the file reopened (``qid`` None: anything);
- ``language_changed`` — the new language, ``"es"`` or ``"en"``;
- ``leaving`` — None, just before the app exits: notes still waiting for their debounce are saved.
"""

from __future__ import annotations

from dataclasses import dataclass

from posture.session import AssessmentSession


@dataclass(frozen=True)
class AssessmentChanged:
    """What changed in ``session`` (already on disk): ``qid`` the question touched, or None when anything may
    have (probe findings change contradictions everywhere); ``details`` when its evidence list changed."""

    session: AssessmentSession
    qid: str | None = None
    details: bool = False
