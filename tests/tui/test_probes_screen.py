"""The probes screen against a real listener on 127.0.0.1: confirmation, worker, findings, contradictions."""

from __future__ import annotations

import contextlib
import shutil
import socket
import threading

import pytest
from textual.widgets import Checkbox, DataTable, Input

from posture.assessment import Workspace, load_assessment
from posture.probes import PortProfile
from posture.session import AssessmentSession
from posture.tui.app import PostureApp
from posture.tui.screens.probes import ProbesScreen
from posture.tui.screens.walk import WalkScreen
from tests.tui.conftest import settle

pytestmark = pytest.mark.skipif(shutil.which("nmap") is None, reason="nmap is not installed")


def _listener(greeting: bytes | None):
    """A TCP listener on a random loopback port; it sends ``greeting``, or holds the line silent."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.2)
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            if greeting is None:
                held.append(conn)  # a service that never answers keeps the probe busy until cancelled
                continue
            with conn, contextlib.suppress(OSError):
                conn.sendall(greeting)
    held: list[socket.socket] = []
    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join(2)
    for conn in held:
        conn.close()
    server.close()


@pytest.fixture
def ssh_banner():
    yield from _listener(b"SSH-2.0-OpenSSH_8.2p1 Ubuntu-4ubuntu0.5\r\n")


@pytest.fixture
def silent_port():
    yield from _listener(None)


async def test_probe_needs_confirmation_then_attaches_findings_and_links_contradictions(assessment, ssh_banner):
    s = AssessmentSession(assessment.path)
    s.answer_key("NET-05", "y")  # "no remote administration exposed": the probe will say otherwise
    s.close()
    profile = PortProfile(tcp={ssh_banner: "ssh"}, udp={})
    app = PostureApp(lang="en", path=assessment.path, workspace=Workspace(),
                     probe_options={"profile": profile, "privileged": False})
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("s")
        screen = app.screen
        assert isinstance(screen, ProbesScreen)
        screen.query_one("#targets", Input).value = "127.0.0.1"
        await pilot.press("ctrl+r")  # no authorization reference yet
        assert "authorization" in str(screen.query_one("#probe-status").render())
        screen.query_one("#authorized", Input).value = "OT-TEST-1"
        await pilot.press("ctrl+r")  # not confirmed yet
        assert "Tick the authorization" in str(screen.query_one("#probe-status").render())
        assert load_assessment(assessment.path).probe_runs == []
        screen.query_one("#confirm", Checkbox).value = True
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        assert "Probe finished" in str(screen.query_one("#probe-status").render())
        findings = screen.query_one("#findings", DataTable)
        rows = [[str(c) for c in findings.get_row_at(i)] for i in range(findings.row_count)]
        assert any(f"{ssh_banner}/tcp" in row for row in rows), rows
        contradictions = screen.query_one("#contradictions", DataTable)
        assert str(contradictions.get_row_at(0)[0]) == "NET-05"
        saved = load_assessment(assessment.path)
        assert saved.probe_runs[0].authorized_by == "OT-TEST-1"
        assert any(f.check_id == "ssh-exposed" and "NET-05" in f.questions for f in saved.probe_runs[0].findings)
        # sorting by severity keeps every row and puts the most severe first
        await pilot.press("o")
        ranks = {"Critical": 0, "High": 1, "Medium": 2, "Low": 3, "Info": 4}  # standing alone: first letter upper
        shown = [ranks[str(findings.get_row_at(i)[0])] for i in range(findings.row_count)]
        assert shown == sorted(shown) and len(shown) == len(rows)
        # a contradiction leads to its question
        contradictions.focus()
        await pilot.press("enter")
        await pilot.pause()
        walk = app.screen
        assert isinstance(walk, WalkScreen)
        assert walk.qid == "NET-05"
        assert "contradicted by the probe" in str(walk.query_one("#q-answer").render())
        assert walk.tree.question_nodes["NET-05"].label.plain.startswith("⚠")
        # and the session kept its lock: the answers still save
        await pilot.press("n")
        assert load_assessment(assessment.path).answers["NET-05"].value == "no"
        assert load_assessment(assessment.path).probe_runs


async def test_cancel_keeps_partial_results_marked_incomplete(assessment, silent_port):
    profile = PortProfile(tcp={silent_port: "ssh"}, udp={})
    app = PostureApp(lang="en", path=assessment.path, workspace=Workspace(),
                     probe_options={"profile": profile, "privileged": False})
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("s")
        screen = app.screen
        screen.query_one("#targets", Input).value = "127.0.0.1"
        screen.query_one("#authorized", Input).value = "OT-TEST-2"
        screen.query_one("#confirm", Checkbox).value = True
        await pilot.press("ctrl+r")
        for _ in range(400):  # until nmap has reported the open port; the service check then waits
            if screen.probe_runner is not None and screen.probe_runner.probe_run.hosts:
                break
            await pilot.pause(0.05)
        assert screen.probe_runner.probe_run.hosts, "nmap never reported the port"
        await pilot.press("c")
        await settle(app, pilot)
        assert "cancelled" in str(screen.query_one("#probe-status").render())
        runs = load_assessment(assessment.path).probe_runs
        assert len(runs) == 1 and runs[0].complete is False
        await pilot.press("x")  # the cancelled run can be removed, with exactly its findings
        assert "removed" in str(screen.query_one("#probe-status").render())
        assert load_assessment(assessment.path).probe_runs == []
        assert screen.query_one("#findings", DataTable).row_count == 0


async def test_a_scope_file_brings_its_authorization_and_a_bad_one_is_a_message(assessment, ssh_banner, tmp_path):
    good = tmp_path / "scope.yaml"
    good.write_text("kind: scope\ntargets: ['127.0.0.1']\nauthorized_by: OT-FILE-7\n")
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: scope\ntargets: ['127.0.0.1; rm -rf /']\nauthorized_by: OT-FILE-8\n")
    profile = PortProfile(tcp={ssh_banner: "ssh"}, udp={})
    app = PostureApp(lang="en", path=assessment.path, workspace=Workspace(),
                     probe_options={"profile": profile, "privileged": False})
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("s")
        screen = app.screen
        screen.query_one("#confirm", Checkbox).value = True
        screen.query_one("#targets", Input).value = str(bad)
        await pilot.press("ctrl+r")
        assert "bad.yaml" in str(screen.query_one("#probe-status").render())
        assert load_assessment(assessment.path).probe_runs == []
        screen.query_one("#targets", Input).value = str(good)
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        assert "Probe finished" in str(screen.query_one("#probe-status").render())
    assert load_assessment(assessment.path).probe_runs[0].authorized_by == "OT-FILE-7"
