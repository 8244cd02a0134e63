"""Every app test gets its own workspace (POSTURE_WORKSPACE) and an assessment on the full checklist."""

from __future__ import annotations

import contextlib

import pytest
from textual.worker import WorkerCancelled, WorkerFailed

from posture.assessment import Workspace
from posture.content import bundled_library

CHECKLIST = "bpo-contact-center"


@pytest.fixture
def workspace(tmp_path, monkeypatch) -> Workspace:
    root = tmp_path / "workspace"
    monkeypatch.setenv("POSTURE_WORKSPACE", str(root))
    monkeypatch.setenv("POSTURE_LANG", "en")
    return Workspace()


@pytest.fixture
def assessment(workspace):
    return workspace.create(vendor="Acme Contacto", site="Monterrey", assessors=["Ana"],
                            checklist=bundled_library().checklists[CHECKLIST], assessed_on="2026-05-01")


async def settle(app, pilot) -> None:
    """Wait for the workers (cancelled or failed ones too), then for their callbacks to be handled."""
    with contextlib.suppress(WorkerCancelled, WorkerFailed):  # the screen reports failures itself
        await app.workers.wait_for_complete()
    await pilot.pause()


def plain(static) -> str:
    """What a Static shows, as plain text (Rich tables included)."""
    from io import StringIO

    from rich.console import Console

    console = Console(file=StringIO(), width=200, color_system=None)
    console.print(static.content)
    return console.file.getvalue()


async def write_report(app, pilot, screen, target) -> str:
    """On the report screen: type ``target`` as the output file, press Ctrl+G, wait for the PDF; the status line."""
    from textual.widgets import Input

    screen.query_one("#output", Input).value = str(target)
    await pilot.press("ctrl+g")
    await settle(app, pilot)
    return str(screen.query_one("#report-status").render())


def screen_lines(app) -> list[str]:
    """What the current screen sends to the terminal, one string a row (its composed strips: Textual's private
    compositor, the one way to read the drawn cells without a snapshot)."""
    update = app.screen._compositor.render_update(full=True)
    return ["".join(segment.text for segment in strip) for strip in update.strips]
