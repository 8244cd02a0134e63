"""Snapshots of the new-assessment form at 80×24 in both languages (look at them before --snapshot-update).

The workspace is a relative path inside the test's own temporary folder, so the picture shows the
same folder name on every machine; the form's default date is fixed.
"""

from __future__ import annotations

import datetime as _dt

import pytest

from posture.assessment import Workspace
from posture.tui.app import PostureApp
from posture.tui.screens import new_assessment


@pytest.fixture
def fixed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("POSTURE_WORKSPACE", "workspace")
    monkeypatch.setattr(new_assessment, "today", lambda: _dt.date(2026, 5, 1))


@pytest.mark.parametrize("lang", ["es", "en"])
def test_new_assessment_form_80x24(snap_compare, fixed, lang):
    assert snap_compare(PostureApp(lang=lang, workspace=Workspace()), press=["n"], terminal_size=(80, 24))
