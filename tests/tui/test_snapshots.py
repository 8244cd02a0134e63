"""Snapshots of the key screens at 80×24 (update with --snapshot-update after looking at them).

The home screen shows the workspace path, so the workspace is given as a relative path
(``posture-tui-snapshots/workspace``) inside the test's own temporary folder, made the working directory:
the picture is the same on every machine, and parallel runs never share or delete each other's folder.
No saves happen before the picture is taken, so no clock time appears in it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from posture.assessment import Workspace
from posture.content import bundled_library
from posture.tui.app import PostureApp

ROOT = Path("posture-tui-snapshots/workspace")  # relative: under the test's tmp_path
SIZE = (80, 24)


@pytest.fixture
def fixed_workspace(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("POSTURE_WORKSPACE", str(ROOT))
    ws = Workspace()
    checklist = bundled_library().checklists["bpo-contact-center"]
    first = ws.create(vendor="Acme Contacto", site="Monterrey", assessors=["Ana"], checklist=checklist,
                      assessed_on="2026-05-01")
    ws.create(vendor="Voz Segura", site="Mérida", checklist=checklist, assessed_on="2026-04-12")
    return ws, first


def test_home(snap_compare, fixed_workspace):
    assert snap_compare(PostureApp(lang="en", workspace=Workspace()), terminal_size=SIZE)


def test_walk(snap_compare, fixed_workspace):
    _, first = fixed_workspace
    assert snap_compare(PostureApp(lang="en", path=first.path, workspace=Workspace()), terminal_size=SIZE)


def test_walk_in_spanish(snap_compare, fixed_workspace):
    _, first = fixed_workspace
    assert snap_compare(PostureApp(lang="en", path=first.path, workspace=Workspace()), press=["f2", "j"],
                        terminal_size=SIZE)


def test_help(snap_compare, fixed_workspace):
    assert snap_compare(PostureApp(lang="es", workspace=Workspace()), press=["question_mark"], terminal_size=SIZE)


def test_law_viewer(snap_compare, fixed_workspace):
    """Key l on the first question (GOV-01): arts. 18 and 13 of the 2025 law, searched for "riesgo"."""
    _, first = fixed_workspace
    assert snap_compare(PostureApp(lang="en", path=first.path, workspace=Workspace()), press=["l", *"riesgo"],
                        terminal_size=SIZE)
