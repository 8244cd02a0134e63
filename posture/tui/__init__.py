"""The Textual assessor app: ``posture`` with no arguments, or ``posture open FILE``."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from posture.session import AssessmentSession


def launch(lang: str | None = None, path: str | Path | None = None, passphrase: str | None = None, *,
           session: AssessmentSession | None = None) -> int:
    """Open the app (on ``session``, else on ``path``, else on Home) and return the exit code; heavy imports
    wait until here.

    The start builds ≈ 120,000 objects (the demo) that live as long as the app (Textual's modules and
    widgets, the content, the assessment) and almost no garbage, so the cyclic garbage collector is paused
    until the first screen is drawn: its ≈ 250 passes over them cost ≈ 50 ms of a ≈ 0.35 s start (measured
    with ``gc.callbacks`` on the demo, docs/benchmarks.md). The app then collects once, freezes the survivors
    and resumes it (``posture.tui.app._resume_collector``); an app that ends before resumes it here, after
    freezing what it built (else turning it on would first walk all of it).
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        from posture.tui.app import PostureApp

        app = PostureApp(lang=lang, path=path, passphrase=passphrase, session=session)
        app.collector_paused = paused
        app.run()
    finally:
        if paused and not gc.isenabled():  # the app ended before resuming it
            gc.freeze()  # what it built is dropped or the process ends: no collection needs to walk it first
            gc.enable()
    return int(app.return_code or 0)
