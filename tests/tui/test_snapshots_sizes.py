"""Snapshots of every main screen at 60×20, 80×24, 120×40 and 200×50 in both languages (look at them
before --snapshot-update: `pytest tests/tui/test_snapshots_sizes.py --snapshot-update`, then open the SVGs).

Below 80×24 every screen shows the notice asking for a larger terminal. The workspace is a relative path
inside the test's own temporary folder, so the pictures show the same folder on every machine; the
form's default date and the assessment's date are fixed; nothing is saved before a picture is taken.
"""

from __future__ import annotations

import datetime as _dt

import pytest

from posture.assessment import Workspace
from posture.content import bundled_library
from posture.tui.app import PostureApp
from posture.tui.screens import new_assessment

SIZES = [(60, 20), (80, 24), (120, 40), (200, 50)]
SCREENS = {"home": [], "new": ["n"], "walk": [], "probes": ["s"], "report": ["r"]}


@pytest.fixture
def fixed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("POSTURE_WORKSPACE", "workspace")
    monkeypatch.setattr(new_assessment, "today", lambda: _dt.date(2026, 5, 1))
    ws = Workspace()
    checklist = bundled_library().checklists["bpo-contact-center"]
    first = ws.create(vendor="Acme Contacto", site="Monterrey", assessors=["Ana"], checklist=checklist,
                      assessed_on="2026-05-01")
    ws.create(vendor="Voz Segura", site="Mérida", checklist=checklist, assessed_on="2026-04-12")
    return first


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen_at_size(snap_compare, fixed, screen, size, lang):
    path = fixed.path if screen in ("walk", "probes", "report") else None
    app = PostureApp(lang=lang, path=path, workspace=Workspace())
    assert snap_compare(app, press=SCREENS[screen], terminal_size=size)
