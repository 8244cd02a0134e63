"""A save killed at any moment leaves a file that loads as the old or the new version."""

import multiprocessing
import os
import random
import signal
import time

from engine_support import load_fixture

from posture.assessment import Answer, Workspace, load_assessment, save_assessment

KILLS = 60


def _save_forever(path, start):
    a = load_assessment(path)
    generation = start
    while True:
        generation += 1
        # A few hundred answers' worth of text makes each write take long enough to be interrupted.
        a.answers["GOV-01"] = Answer("yes", note=f"gen {generation} " + "x" * 20000, qid="GOV-01")
        save_assessment(a)


def test_sigkill_during_saves_never_leaves_a_broken_file(tmp_path):
    checklist = load_fixture()
    a = Workspace(tmp_path).create(vendor="V", site="S", checklist=checklist)
    a.answers["GOV-01"] = Answer("yes", note="gen 0", qid="GOV-01")
    save_assessment(a)
    ctx = multiprocessing.get_context("fork")
    rng = random.Random(20260115)
    seen = set()
    last = 0
    for _ in range(KILLS):
        child = ctx.Process(target=_save_forever, args=(a.path, last * 1000))
        child.start()
        time.sleep(rng.uniform(0.0, 0.03))
        os.kill(child.pid, signal.SIGKILL)
        child.join(5)
        loaded = load_assessment(a.path, checklist)  # raises if the file were truncated or mixed
        note = loaded.answers["GOV-01"].note
        assert note.startswith("gen ")
        generation = int(note.split()[1])
        assert generation >= last  # never an older version than one already seen
        last = generation
        seen.add(generation)
    assert len(seen) > 1, "the child never managed a save; the test proved nothing"
