"""Nothing an assessor does is lost (issue 14): notes on unanswered questions survive quit and SIGKILL,
a window read-only because another has the file says so, refuses typing, follows the other window's saves,
and becomes writable by itself when the file is let go (closed or killed), with no dialog to eat a key;
delete is refused while the file is open elsewhere; undo names what it undoes and leaves no orphan copy;
a report to a folder that does not exist fails at once."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
from app_process import AppProcess
from textual.widgets import Checkbox, Input

from posture.assessment import Workspace, load_assessment, pending_files
from posture.tui.app import PostureApp
from posture.tui.screens.home import HomeScreen
from posture.tui.screens.report import ReportScreen
from posture.tui.screens.walk import WalkScreen
from posture.tui.widgets.question_pane import NotesArea


def _messages(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_a_note_on_an_unanswered_question_survives_quit_and_reaches_the_report(assessment):
    app = PostureApp(lang="en", path=assessment.path, workspace=Workspace())
    async with app.run_test(size=(100, 30)) as pilot:
        walk = app.screen
        await pilot.press("j")
        qid = walk.qid
        assert walk.session.answer_of(qid) is None
        await pilot.press("enter")  # into the notes
        assert isinstance(app.focused, NotesArea)
        await pilot.press(*"CISO away", "escape")
        assert "saved" in str(walk.query_one("#status-saved").render())
        await pilot.press("q")
    stored = load_assessment(assessment.path)
    assert stored.notes == {qid: "CISO away"} and qid not in stored.answers
    from posture import report

    html = report.report_html(report.load(assessment.path), "en")
    assert "CISO away" in html  # the notes appendix lists it


def test_a_note_typed_one_second_before_a_kill_is_on_disk(assessment):
    with AppProcess(assessment.path) as app:
        app.send("press enter")
        app.send("type asked for the DRP")
        time.sleep(1.0)  # no Esc, no quit: only the debounce can have saved it
        os.kill(app.pid, signal.SIGKILL)
        app.proc.wait(10)
    stored = load_assessment(assessment.path)
    assert list(stored.notes.values()) == ["asked for the DRP"]


async def _until(pilot, condition, seconds: float = 8.0) -> bool:
    """Wait for ``condition()`` while the app runs (the window looks at the file once a second)."""
    for _ in range(int(seconds * 10)):
        if condition():
            return True
        await pilot.pause(0.1)
    return condition()


async def test_the_read_only_window_tells_the_truth_refuses_typing_and_reopens_when_let_go(assessment):
    holder = AppProcess(assessment.path)
    try:
        app = PostureApp(lang="en", path=assessment.path, workspace=Workspace())
        async with app.run_test(size=(100, 30)) as pilot:
            walk = app.screen
            status = str(walk.query_one("#status-saved").render())
            assert "READ-ONLY" in status and f"open in another window or process (pid {holder.pid})" in status
            await pilot.press("j", "enter")  # would go into the notes: refused, out loud
            assert not isinstance(app.focused, NotesArea)
            assert any(f"read-only: open in another window or process (pid {holder.pid})" in m
                       for m in _messages(app)), _messages(app)
            count = len(_messages(app))
            walk.query_one(NotesArea).focus()
            await pilot.press("x")
            assert walk.query_one(NotesArea).text == ""
            assert len(_messages(app)) == count + 1  # the key is refused with a message, not dropped
            holder.send("quit")
            holder.proc.wait(10)
            assert await _until(pilot, lambda: not walk.session.read_only)
            assert app.screen is walk  # no dialog was put in the way
            await pilot.pause()
            assert "READ-ONLY" not in str(walk.query_one("#status-saved").render())
            assert any("let go of this assessment: you can edit it here now" in m for m in _messages(app))
            await pilot.press("escape", "y")
            qid = walk.qid
        assert load_assessment(assessment.path).answers[qid].value == "yes"
    finally:
        holder.kill()


async def test_a_killed_window_lets_go_and_the_next_key_is_an_answer(assessment):
    """The other window killed (SIGKILL: its lock goes with it): this one stops naming the dead pid and edits;
    the first key typed then answers the question (a dialog that popped up took it before)."""
    holder = AppProcess(assessment.path)
    try:
        app = PostureApp(lang="es", path=assessment.path, workspace=Workspace())
        async with app.run_test(size=(80, 24)) as pilot:
            walk = app.screen
            assert f"pid {holder.pid}" in str(walk.query_one("#status-saved").render())
            holder.proc.kill()
            holder.proc.wait(10)
            assert await _until(pilot, lambda: not walk.session.read_only)
            await pilot.pause()  # the redraw the reopening asked for
            status = str(walk.query_one("#status-saved").render())
            assert "SOLO LECTURA" not in status and str(holder.pid) not in status, status
            qid = walk.qid
            await pilot.press("y")
            assert app.screen is walk
        assert load_assessment(assessment.path).answers[qid].value == "yes"
    finally:
        holder.kill()


async def test_the_read_only_window_shows_the_answers_saved_in_the_other_one(assessment):
    with AppProcess(assessment.path) as holder:
        app = PostureApp(lang="en", path=assessment.path, workspace=Workspace())
        async with app.run_test(size=(100, 30)) as pilot:
            walk = app.screen
            qid = walk.qid  # both windows open on the first question not answered
            assert walk.session.answer_of(qid) is None
            holder.send("press y")
            assert await _until(pilot, lambda: walk.session.answer_of(qid) is not None)
            assert walk.session.answer_of(qid).value == "yes"
            await pilot.pause()
            answer_line = str(walk.query_one("#q-answer").render())
            assert "Yes" in answer_line, answer_line
            assert walk.session.read_only  # following the saves, not taking the file
            holder.send("press enter")  # a note, wherever the other window stands now
            holder.send("type asked for the DRP")
            holder.send("press escape")

            def same_as_disk() -> bool:
                saved = load_assessment(assessment.path)
                seen = walk.session.assessment
                return (seen.answers, seen.notes) == (saved.answers, saved.notes)
            assert "asked for the DRP" in assessment.path.read_text()
            assert await _until(pilot, same_as_disk)


async def test_delete_is_refused_while_another_window_has_it_open(assessment):
    with AppProcess(assessment.path) as holder:
        app = PostureApp(lang="en", workspace=Workspace())
        async with app.run_test(size=(100, 30)) as pilot:
            assert isinstance(app.screen, HomeScreen)
            await pilot.press("d")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)  # refused at once: no "cannot be undone" to confirm for nothing
            assert any(f"pid {holder.pid}" in m for m in _messages(app)), _messages(app)
        assert assessment.path.is_file()
        holder.send("press y")  # and the other window still saves
    assert len(load_assessment(assessment.path).answers) == 1


async def test_delete_works_once_nobody_has_it_open(assessment):
    app = PostureApp(lang="en", workspace=Workspace())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("d", "y")
        await pilot.pause()
    assert not assessment.path.parent.exists()


async def test_undo_names_each_change_and_undoing_evidence_removes_its_copy(assessment, tmp_path):
    source = tmp_path / "acta.pdf"
    source.write_bytes(b"%PDF-1.4 acta del comite")
    app = PostureApp(lang="es", path=assessment.path, workspace=Workspace())
    async with app.run_test(size=(100, 30)) as pilot:
        walk = app.screen
        assert isinstance(walk, WalkScreen)
        qid = walk.qid
        await pilot.press("y", "e")
        app.screen.query_one(Input).value = str(source)
        await pilot.press("enter")
        await pilot.pause()
        copy = assessment.path.parent / "evidence" / "acta.pdf"
        assert copy.is_file()
        await pilot.press("ctrl+z")
        assert f"Deshecho: evidencia «acta.pdf» en {qid}" in _messages(app)
        assert not copy.exists()  # no orphan
        assert load_assessment(assessment.path).answers[qid].evidence == []
        await pilot.press("ctrl+z")
        assert f"Deshecho: respuesta «Sí» en {qid}" in _messages(app)
    assert list((assessment.path.parent / "evidence").iterdir()) == []


async def test_a_report_to_a_missing_folder_fails_at_once(assessment, tmp_path):
    app = PostureApp(lang="en", path=assessment.path, workspace=Workspace())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        screen = app.screen
        assert isinstance(screen, ReportScreen)
        screen.query_one("#output", Input).value = str(tmp_path / "missing" / "r.pdf")
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert not screen.workers  # no render was started
        text = str(screen.query_one("#report-status").render())
        assert "folder" in text and "does not exist" in text and "missing" in text


@pytest.fixture
def ssh_banner():
    from tests.tui.test_probes_screen import _listener

    yield from _listener(b"SSH-2.0-OpenSSH_8.2p1 Ubuntu-4ubuntu0.5\r\n")


@pytest.mark.skipif(shutil.which("nmap") is None, reason="nmap is not installed")
async def test_the_probe_screen_keeps_a_run_it_cannot_attach_and_the_reopen_attaches_it(assessment, ssh_banner):
    from posture.probes import PortProfile
    from tests.tui.conftest import settle

    profile = PortProfile(tcp={ssh_banner: "ssh"}, udp={})
    app = PostureApp(lang="en", path=assessment.path, workspace=Workspace(),
                     probe_options={"profile": profile, "privileged": False})
    async with app.run_test(size=(100, 40)) as pilot:
        walk = app.screen
        await pilot.press("s")
        screen = app.screen
        screen.query_one("#targets", Input).value = "127.0.0.1"
        screen.query_one("#authorized", Input).value = "OT-TEST-2"
        screen.query_one("#confirm", Checkbox).value = True
        walk.session._lock.close()  # this window loses the file to another one (the run's only chance to)
        with AppProcess(assessment.path) as holder:
            await pilot.press("ctrl+r")
            await settle(app, pilot)
            status = str(screen.query_one("#probe-status").render())
            assert "kept in" in status and ".pending-" in status, status
            [pending] = pending_files(assessment.path)
            assert load_assessment(assessment.path).probe_runs == []
            assert walk.session.read_only and f"pid {holder.pid}" in walk.session.read_only_reason["en"]
            holder.send("quit")
            holder.proc.wait(10)
        assert await _until(pilot, lambda: not walk.session.read_only)  # under whichever screen is showing
        assert app.screen is screen
        assert any("pending probe run was attached" in m for m in _messages(app)), _messages(app)
    assert not pending.exists()
    assert [r.authorized_by for r in load_assessment(assessment.path).probe_runs] == ["OT-TEST-2"]


async def test_a_change_that_cannot_be_saved_never_shows_saved(assessment):
    app = PostureApp(lang="en", path=assessment.path, workspace=Workspace())
    async with app.run_test(size=(100, 30)) as pilot:
        walk = app.screen
        await pilot.press("y")
        assert "saved ✓" in str(walk.query_one("#status-saved").render())
        shutil.rmtree(assessment.path.parent)  # removed behind the app's back (not through posture)
        await pilot.press("j", "y")
        status = str(walk.query_one("#status-saved").render())
        assert "NOT SAVED" in status and "saved ✓" not in status
        assert walk.session.answer_of(walk.qid) is None  # memory matches the disk: not half-applied


def _lab_run():
    from pathlib import Path

    from posture.probes import import_nmap

    return import_nmap(Path(__file__).parents[1] / "data" / "nmap" / "lab_sv.xml", authorized_by="OT-11")


async def test_the_app_attaches_a_pending_run_when_it_opens_and_says_so(assessment):
    from posture.assessment import save_pending_run

    run = _lab_run()
    pending = save_pending_run(assessment.path, run)
    app = PostureApp(lang="es", path=assessment.path, workspace=Workspace())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert f"Se agregó un sondeo pendiente: {run.id} ({len(run.findings)} hallazgos)" in _messages(app)
    assert not pending.exists()
    assert [r.id for r in load_assessment(assessment.path).probe_runs] == [run.id]


def test_an_encrypted_assessment_keeps_its_pending_run_encrypted(workspace):
    from posture.assessment import save_pending_run
    from posture.content import bundled_library
    from posture.session import AssessmentSession

    a = workspace.create(vendor="Proveedor Secreto", site="Norte", passphrase="right horse",
                         checklist=bundled_library().checklists["quick-screening"])
    run = _lab_run()
    pending = save_pending_run(a.path, run, "right horse")
    raw = pending.read_bytes()
    assert pending.name.endswith(".json.enc") and raw.startswith(b"POSTURE-ENC") and b"OT-11" not in raw
    assert oct(pending.stat().st_mode & 0o777) == "0o600"
    session = AssessmentSession(a.path, passphrase="right horse")
    try:
        assert [r.id for _, r in session.attached_pending] == [run.id]
    finally:
        session.close()
    assert not pending.exists()
    assert [r.id for r in load_assessment(a.path, passphrase="right horse").probe_runs] == [run.id]


_HOLD = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1] + ".lock", os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(fd, fcntl.LOCK_EX)  # waits while another process holds it, as a second writer would
os.ftruncate(fd, 0)
os.pwrite(fd, str(os.getpid()).encode(), 0)
print("HELD", flush=True)
time.sleep(120)
"""


def _holder(path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", _HOLD, str(path)], stdout=subprocess.PIPE, text=True)


async def test_the_read_only_window_names_whoever_holds_the_file_now(assessment):
    """Three windows: the first lets go and the third takes the file; the read-only one named the first's pid
    still (a process still running, so believable), now the third's."""
    first = _holder(assessment.path)
    assert first.stdout.readline().strip() == "HELD"
    third = _holder(assessment.path)  # waits for the lock
    try:
        app = PostureApp(lang="en", path=assessment.path, workspace=Workspace())
        async with app.run_test(size=(100, 30)) as pilot:
            walk = app.screen
            assert f"(pid {first.pid})" in str(walk.query_one("#status-saved").render())
            first.kill()
            first.wait(10)
            assert third.stdout.readline().strip() == "HELD"
            assert await _until(pilot, lambda: f"(pid {third.pid})" in str(walk.query_one("#status-saved").render()))
            assert walk.session.read_only and walk.session.holder == third.pid
            await pilot.press("y")
            assert any(f"(pid {third.pid})" in m for m in _messages(app))  # the refusal names it too
    finally:
        for p in (first, third):
            p.kill()
            p.wait(10)


async def test_a_file_encrypted_and_decrypted_elsewhere_is_said_and_followed(assessment):
    """Encrypted by another process while this window is read-only: said as such (not "deleted"), once; decrypted
    again, it is read back and, the lock being free, edited here."""
    from posture.assessment import decrypt_assessment, encrypt_assessment
    from posture.session import AssessmentSession

    holder = AssessmentSession(assessment.path)
    app = PostureApp(lang="es", path=assessment.path, workspace=Workspace())
    async with app.run_test(size=(100, 30)) as pilot:
        walk = app.screen
        assert walk.session.read_only
        holder.close()
        encrypted = encrypt_assessment(assessment.path, "correct horse battery")  # before this window looks again
        said = "Otro proceso cifró o descifró esta evaluación (ahora es assessment.yaml.enc)"
        assert await _until(pilot, lambda: any(m.startswith(said) for m in _messages(app)))
        await pilot.pause(1.5)
        assert sum(m.startswith(said) for m in _messages(app)) == 1
        assert not any("borró" in m for m in _messages(app))
        assert walk.session.read_only
        decrypt_assessment(encrypted, "correct horse battery")
        assert await _until(pilot, lambda: not walk.session.read_only)
        await pilot.press("y")
        qid = walk.qid
    assert load_assessment(assessment.path).answers[qid].value == "yes"


async def test_a_note_opened_again_takes_what_is_typed_at_its_end(assessment):
    from posture.session import AssessmentSession

    app = PostureApp(lang="en", path=assessment.path, workspace=Workspace())
    async with app.run_test(size=(100, 30)) as pilot:
        walk = app.screen
        session: AssessmentSession = walk.session
        qid = walk.qid
        await pilot.press("enter", *"latency", "escape")
        await pilot.pause(1)
        await pilot.press("j", "k")  # away and back: the note is loaded again into the box
        await pilot.pause()
        await pilot.press("enter", *" ok", "escape")
        await pilot.pause(1)
        assert session.note_of(qid) == "latency ok"
    assert load_assessment(assessment.path).notes[qid] == "latency ok"
