"""A save killed at any moment leaves a file that loads as the old or the new version, a sound backup,
and no temporary file that outlives the next save or open."""

import multiprocessing
import os
import random
import signal
import time

import pytest
from engine_support import load_fixture

from posture.assessment import Answer, Workspace, load_assessment, save_assessment, write_lock
from posture.assessment._atomic import stale_temps

KILLS = 200
# Each child numbers its saves from its own block, so a generation says which child wrote it and when.
BLOCK = 1_000_000


def _save_forever(path, start, saving):
    a = load_assessment(path)
    saving.set()  # the kill clock starts here, so a slow start-up cannot make every kill land before a save
    generation = start
    while True:
        generation += 1
        # A few hundred answers' worth of text makes each write take long enough to be interrupted.
        a.answers["GOV-01"] = Answer("yes", note=f"gen {generation} " + "x" * 20000, qid="GOV-01")
        save_assessment(a)


def _generation(path, checklist) -> int:
    note = load_assessment(path, checklist).answers["GOV-01"].note  # raises if truncated or mixed
    assert note.startswith("gen ")
    return int(note.split()[1])


def test_sigkill_during_saves_never_leaves_a_broken_file(tmp_path):
    checklist = load_fixture()
    a = Workspace(tmp_path).create(vendor="V", site="S", checklist=checklist)
    a.answers["GOV-01"] = Answer("yes", note="gen 0", qid="GOV-01")
    save_assessment(a)
    a.answers["GOV-01"] = Answer("yes", note="gen 1", qid="GOV-01")
    save_assessment(a)  # now the backup holds generation 0
    backup = a.path.with_name("assessment.yaml.bak")
    ctx = multiprocessing.get_context("fork")
    rng = random.Random(20260115)
    seen, temps_left = set(), 0
    last, last_backup = 1, 0
    for kill in range(KILLS):
        saving = ctx.Event()
        child = ctx.Process(target=_save_forever, args=(a.path, (kill + 1) * BLOCK, saving))
        child.start()
        assert saving.wait(30), "the child never started"
        time.sleep(rng.uniform(0.0, 0.03))
        os.kill(child.pid, signal.SIGKILL)
        child.join(5)
        assert child.exitcode == -signal.SIGKILL, "the child died of something other than the kill"
        temps_left += len(stale_temps(a.path))  # counted before opening, which removes them
        generation = _generation(a.path, checklist)
        assert generation >= last  # never an older version than one already seen
        backup_generation = _generation(backup, checklist)
        # The backup is a version saved before: never newer than the file, never older than the last backup.
        assert last_backup <= backup_generation <= generation
        if generation == last:  # no save completed: the backup is untouched, or already a copy of the file
            assert backup_generation in (last_backup, generation)
        last, last_backup = generation, backup_generation
        seen.add(generation)
        assert stale_temps(a.path) == []
    assert len(seen) > 1, "the children never completed a save; the kill points proved little"
    assert temps_left > 0, "no kill landed inside a write; the kill points proved little"
    save_assessment(load_assessment(a.path))
    assert stale_temps(a.path) == [] and stale_temps(backup) == []
    print(f"{KILLS} kills, {len(seen)} distinct versions left, {temps_left} stale temporary files seen")


@pytest.fixture()
def saved(tmp_path):
    checklist = load_fixture()
    a = Workspace(tmp_path).create(vendor="V", site="S", checklist=checklist)
    save_assessment(a)
    return a


def _leave_temps(path):
    made = [path.parent / f".{path.name}.k1ll3d.tmp", path.parent / f".{path.name}.bak.x8y2.tmp"]
    for tmp in made:
        tmp.write_bytes(b"kind: assess")  # half a file, as a kill leaves it
    return made


def test_stale_temps_are_removed_on_the_next_save(saved):
    made = _leave_temps(saved.path)
    unrelated = saved.path.parent / ".notes.tmp"
    unrelated.write_bytes(b"mine")
    save_assessment(saved)
    assert not any(t.exists() for t in made)
    assert unrelated.read_bytes() == b"mine"  # only this file's temporaries are touched


def test_stale_temps_are_removed_on_open(saved):
    made = _leave_temps(saved.path)
    load_assessment(saved.path)
    assert not any(t.exists() for t in made)


def test_open_leaves_temps_alone_while_another_process_writes(saved):
    made = _leave_temps(saved.path)
    with write_lock(saved.path):  # a live writer may own them
        ctx = multiprocessing.get_context("fork")
        child = ctx.Process(target=load_assessment, args=(saved.path,))
        child.start()
        child.join(10)
        assert child.exitcode == 0
        assert all(t.exists() for t in made)
