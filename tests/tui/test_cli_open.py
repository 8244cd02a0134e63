"""``posture open`` and ``posture`` without a terminal: one clear line or the help, never a blank app."""

from __future__ import annotations

import subprocess
import sys


def _posture(*args, env_root):
    import os

    env = dict(os.environ, POSTURE_WORKSPACE=str(env_root), POSTURE_LANG="en")
    return subprocess.run([sys.executable, "-m", "posture", *args], capture_output=True, text=True, env=env,
                          stdin=subprocess.DEVNULL, timeout=60)


def test_open_a_missing_assessment_says_so(tmp_path):
    r = _posture("open", "nobody-here", env_root=tmp_path)
    assert r.returncode == 1
    assert "no assessment 'nobody-here'" in r.stderr
    assert "Traceback" not in r.stderr


def test_open_a_damaged_file_names_it(workspace, assessment):
    assessment.path.write_text("kind: assessment\nvendor: [\n")
    r = _posture("open", str(assessment.path), env_root=workspace.root)
    assert r.returncode == 1
    assert "assessment.yaml" in r.stderr and "Traceback" not in r.stderr


def test_no_command_without_a_terminal_prints_the_help(tmp_path):
    r = _posture(env_root=tmp_path)
    assert r.returncode == 0
    assert "open" in r.stdout and "usage: posture" in r.stdout
