"""``posture probe --attach`` never throws a run away (issue 14): refused before scanning while the app holds
the assessment; a lock taken mid-scan leaves a pending run (owner-only) that the next writable open — the
app, or ``--attach-pending`` — attaches. Encrypt and decrypt are refused while the file is open elsewhere."""

from __future__ import annotations

import contextlib
import os
import socket
import stat
import subprocess
import sys
import time

import pytest
from app_process import AppProcess

from posture import cli
from posture.assessment import Workspace, load_assessment, pending_files
from posture.content import bundled_library
from posture.session import AssessmentSession


@pytest.fixture
def assessment(tmp_path, monkeypatch):
    monkeypatch.setenv("POSTURE_WORKSPACE", str(tmp_path / "ws"))
    monkeypatch.setenv("POSTURE_LANG", "en")
    return Workspace().create(vendor="Acme", site="Leon", checklist=bundled_library().checklists["quick-screening"])


def _nmap_wrapper(tmp_path, delay: float) -> dict:
    """A PATH whose nmap records that it ran, waits ``delay`` seconds, then runs the real nmap."""
    folder = tmp_path / "bin"
    folder.mkdir()
    wrapper = folder / "nmap"
    wrapper.write_text(f'#!/bin/sh\ntouch "{tmp_path}/nmap-ran"\nsleep {delay}\nexec /usr/bin/nmap "$@"\n')
    wrapper.chmod(0o755)
    return {**os.environ, "PATH": f"{folder}:/usr/bin:/bin", "POSTURE_LANG": "en"}


@contextlib.contextmanager
def _rdp_like_listener():
    """A loopback listener on a port of the default profile, so the run has a finding."""
    for port in (3389, 5900, 5901, 8089):
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            sock.close()
            continue
        sock.listen(16)
        try:
            yield port
        finally:
            sock.close()
        return
    yield None


def _probe(path, env) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "posture", "probe", "127.0.0.1", "--authorized-by", "OT-7",
                             "--unprivileged", "--timeout", "60", "--attach", str(path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


@pytest.mark.nmap
def test_attach_while_the_app_holds_the_file_exits_before_scanning(assessment, tmp_path):
    env = _nmap_wrapper(tmp_path, 0)
    with AppProcess(assessment.path) as app:
        probe = _probe(assessment.path, env)
        out, err = probe.communicate(timeout=60)
    assert probe.returncode == 1, err
    assert f"pid {app.pid}" in err and len(err.strip().splitlines()) == 1 and out == ""
    assert not (tmp_path / "nmap-ran").exists()  # nothing was scanned
    assert pending_files(assessment.path) == []


@pytest.mark.nmap
def test_a_lock_taken_mid_scan_leaves_a_pending_run_that_the_next_open_attaches(assessment, tmp_path):
    env = _nmap_wrapper(tmp_path, 3)
    with _rdp_like_listener() as port:
        probe = _probe(assessment.path, env)
        deadline = time.monotonic() + 30
        while not (tmp_path / "nmap-ran").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert (tmp_path / "nmap-ran").exists(), probe.stderr.read()
        with AppProcess(assessment.path) as app:  # the assessor opens it while nmap runs
            out, err = probe.communicate(timeout=90)
            assert probe.returncode == 4, err
            assert f"pid {app.pid}" in err and "--attach-pending" in err
            assert "Probe probe-" in out  # the run is printed all the same
            [pending] = pending_files(assessment.path)
            assert stat.S_IMODE(pending.stat().st_mode) == 0o600
            assert load_assessment(assessment.path).probe_runs == []
    # the app is gone (killed): the next writable open attaches the run and removes the file
    session = AssessmentSession(assessment.path, library=bundled_library())
    try:
        [(_, run)] = session.attached_pending
        assert [r.id for r in session.assessment.probe_runs] == [run.id]
        if port is not None:
            assert any(f.port == port for f in run.findings), run.findings
    finally:
        session.close()
    assert pending_files(assessment.path) == []
    assert [r.authorized_by for r in load_assessment(assessment.path).probe_runs] == ["OT-7"]


def test_attach_pending_on_the_command_line(assessment, capsys):
    from posture.assessment import save_pending_run
    from posture.probes import import_nmap

    run = import_nmap(os.path.join(os.path.dirname(__file__), "..", "data", "nmap", "lab_sv.xml"),
                      authorized_by="OT-9")
    with AppProcess(assessment.path):
        save_pending_run(assessment.path, run)
        assert cli.main(["probe", "--attach-pending", str(assessment.path)]) == 1  # still open: refused, kept
        assert len(pending_files(assessment.path)) == 1
    capsys.readouterr()
    assert cli.main(["probe", "--attach-pending", str(assessment.path)]) == 0
    assert f"run {run.id} ({len(run.findings)} findings)" in capsys.readouterr().out
    assert [r.id for r in load_assessment(assessment.path).probe_runs] == [run.id]
    assert pending_files(assessment.path) == []
    assert cli.main(["probe", "--attach-pending", str(assessment.path)]) == 0
    assert "No pending runs" in capsys.readouterr().out


def test_a_damaged_pending_run_is_named_and_kept(assessment):
    bad = assessment.path.with_name(assessment.path.name + ".pending-x.json")
    bad.write_text('{"kind": "probe-run", "run": 3}')
    session = AssessmentSession(assessment.path, library=bundled_library())
    try:
        assert session.pending_error is not None and "pending-x.json" in session.pending_error["en"]
        assert not session.read_only
    finally:
        session.close()
    assert bad.exists()


@pytest.mark.parametrize("command", ["encrypt", "decrypt"])
def test_encrypt_and_decrypt_are_refused_while_the_app_has_it_open(assessment, command, monkeypatch, capsys):
    monkeypatch.setenv("POSTURE_PASSPHRASE", "correct horse battery staple")
    path = assessment.path
    if command == "decrypt":
        assert cli.main(["encrypt", str(path)]) == 0
        path = path.with_name(path.name + ".enc")
    before = path.read_bytes()
    capsys.readouterr()
    with AppProcess(path) as app:
        assert cli.main([command, str(path)]) == 1
        assert f"pid {app.pid}" in capsys.readouterr().err
    assert path.read_bytes() == before
