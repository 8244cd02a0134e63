"""A checklist that is not installed travels with the assessment: every command and the app open it."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

from engine_support import FIXTURE

from posture.assessment import Workspace
from posture.tui.app import PostureApp
from posture.tui.screens.walk import WalkScreen


def posture(*args, workspace, lang="en"):
    env = {"POSTURE_WORKSPACE": str(workspace), "PATH": "/usr/bin:/bin", "POSTURE_LANG": lang}
    return subprocess.run([sys.executable, "-m", "posture", *args], capture_output=True, text=True, env=env,
                          timeout=120)


def test_new_with_a_checklist_file_then_every_command_without_it(tmp_path):
    ws = tmp_path / "ws"
    r = posture("new", "--vendor", "Acme BPO", "--site", "Monterrey", "--checklist", str(FIXTURE),
                "--date", "2026-01-10", workspace=ws)
    assert r.returncode == 0, r.stderr
    carried = ws / "acme-bpo-monterrey" / "checklist.yaml"
    assert carried.read_bytes() == FIXTURE.read_bytes()
    assert stat.S_IMODE(os.stat(carried).st_mode) == 0o600
    r = posture("score", "acme-bpo-monterrey", "--json", workspace=ws)  # no --checklist
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["coverage"]["total"] == 8
    rows = json.loads(posture("list", "--json", workspace=ws).stdout)
    assert rows[0]["id"] == "acme-bpo-monterrey" and rows[0]["error"] is None
    # the file alone, moved elsewhere with its folder, still opens
    moved = tmp_path / "elsewhere"
    (ws / "acme-bpo-monterrey").rename(moved)
    r = posture("plan", str(moved / "assessment.yaml"), workspace=tmp_path / "empty")
    assert r.returncode == 0, r.stderr


def test_an_installed_checklist_does_not_travel(tmp_path):
    ws = tmp_path / "ws"
    r = posture("new", "--vendor", "Voz", "--site", "Puebla", "--checklist-id", "quick-screening", workspace=ws)
    assert r.returncode == 0, r.stderr
    assert not (ws / "voz-puebla" / "checklist.yaml").exists()


def test_without_its_checklist_the_reason_names_the_missing_file(tmp_path):
    ws = tmp_path / "ws"
    posture("new", "--vendor", "Acme BPO", "--site", "Monterrey", "--checklist", str(FIXTURE), workspace=ws)
    (ws / "acme-bpo-monterrey" / "checklist.yaml").unlink()
    r = posture("score", "acme-bpo-monterrey", workspace=ws, lang="es")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "no está instalada ni viaja con la evaluación" in r.stderr and "checklist.yaml" in r.stderr


async def test_the_app_opens_an_assessment_made_with_a_checklist_file(tmp_path, monkeypatch):
    ws = tmp_path / "ws"
    assert posture("new", "--vendor", "Acme BPO", "--site", "Monterrey", "--checklist", str(FIXTURE),
                   workspace=ws).returncode == 0
    monkeypatch.setenv("POSTURE_WORKSPACE", str(ws))
    app = PostureApp(lang="en", path=ws / "acme-bpo-monterrey" / "assessment.yaml", workspace=Workspace())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WalkScreen)
        assert app.screen.session.checklist.id == "engine-fixture"
        await pilot.press("y")
        await pilot.pause()
    assert posture("score", "acme-bpo-monterrey", "--json", workspace=ws).returncode == 0
