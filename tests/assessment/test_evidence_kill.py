"""An evidence copy killed halfway leaves a temporary file in evidence/; the next open removes it (issue 14)."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time

from engine_support import load_fixture

from posture.assessment import Workspace, load_assessment
from posture.assessment._atomic import copy_owner_only, partial_copies


def _copy(source, target):
    copy_owner_only(source, target)  # what add_evidence does once the source is hashed


def test_a_killed_evidence_copy_is_cleaned_on_the_next_open(tmp_path):
    a = Workspace(tmp_path / "ws").create(vendor="V", site="S", checklist=load_fixture())
    source = tmp_path / "acta.pdf"
    os.mkfifo(source)  # the copy blocks reading it, so the kill lands in the middle for certain
    writer = os.open(source, os.O_RDWR)  # open for writing: the reader never sees end-of-file
    os.write(writer, b"%PDF-1.4 " * 1000)
    evidence = a.folder / "evidence"
    child = multiprocessing.get_context("fork").Process(target=_copy, args=(source, evidence / "acta.pdf"))
    child.start()
    deadline = time.monotonic() + 20
    while not partial_copies(evidence) and time.monotonic() < deadline and child.is_alive():
        time.sleep(0.05)
    time.sleep(0.2)  # let it write what it has read
    os.kill(child.pid, signal.SIGKILL)
    child.join(10)
    os.close(writer)
    assert child.exitcode == -signal.SIGKILL
    assert partial_copies(evidence), "the kill did not land inside the copy"
    load_assessment(a.path)
    assert partial_copies(evidence) == []
    assert list(evidence.iterdir()) == []
