"""The app killed mid-walk loses nothing that was answered; a second app on the same assessment, in another
process, opens read-only and says so."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

from posture.assessment import Workspace, load_assessment
from posture.tui.app import PostureApp
from posture.tui.screens.walk import WalkScreen

# The child runs the real app headless and reports each answer once its keypress has been handled;
# the parent kills it at a random moment, often in the middle of the next save.
_CHILD = r"""
import asyncio, sys
from posture.assessment import Workspace
from posture.tui.app import PostureApp

async def main(path, hold):
    app = PostureApp(lang="en", path=path, workspace=Workspace())
    async with app.run_test(size=(80, 24)) as pilot:
        walk = app.screen
        print("READY", flush=True)
        if hold:
            await asyncio.sleep(120)
        while True:
            qid = walk.qid
            scale = walk.session.checklist.scale_of(walk.session.checklist.question(qid))
            key = "y" if scale.id == "yes-no" else "3"
            await pilot.press(key)
            print("ANSWERED", qid, "yes" if key == "y" else "3", flush=True)
            await pilot.press("j")

asyncio.run(main(sys.argv[1], sys.argv[2] == "hold"))
"""


def _start(path, mode: str) -> subprocess.Popen:
    child = subprocess.Popen([sys.executable, "-c", _CHILD, str(path), mode], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env={**os.environ, "POSTURE_LANG": "en"})
    assert child.stdout.readline().strip() == "READY", child.stderr.read()
    return child


def test_killing_the_app_mid_walk_keeps_every_answer_given(assessment):
    rng = random.Random(8)
    reported: dict[str, str] = {}
    for _ in range(4):
        child = _start(assessment.path, "walk")
        wanted = rng.randint(3, 12)
        while wanted:
            line = child.stdout.readline().split()
            assert line and line[0] == "ANSWERED", child.stderr.read()
            reported[line[1]] = line[2]
            wanted -= 1
        time.sleep(rng.uniform(0, 0.02))  # land inside the next keypress or save
        os.kill(child.pid, signal.SIGKILL)
        child.wait(10)
        for line in child.stdout.read().splitlines():  # answers reported after our last read count too
            if line.startswith("ANSWERED "):
                _, qid, value = line.split()
                reported[qid] = value
        saved = load_assessment(assessment.path)  # loads: neither truncated nor mixed
        for qid, value in reported.items():
            assert saved.answers[qid].value == value, qid
    assert len(reported) >= 12


async def test_a_second_app_in_another_process_opens_read_only(assessment):
    holder = _start(assessment.path, "hold")
    try:
        app = PostureApp(lang="en", path=assessment.path, workspace=Workspace())
        async with app.run_test(size=(80, 24)) as pilot:
            walk = app.screen
            assert isinstance(walk, WalkScreen)
            assert "READ-ONLY" in str(walk.query_one("#status-saved").render())
            await pilot.press("y")
            await pilot.pause()
        assert load_assessment(assessment.path).answers == {}
    finally:
        holder.kill()
        holder.wait(10)
