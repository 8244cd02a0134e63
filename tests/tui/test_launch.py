"""``posture open`` reads the file once and the app shows that very session; the start pauses the cyclic
garbage collector (posture.tui.launch) and the app turns it back on once its first screen is drawn."""

from __future__ import annotations

import argparse
import gc

import posture.assessment._file as store_file
import posture.tui
import posture.tui.app as tui_app
from posture.cli import open as open_cmd
from posture.cli._context import Context
from posture.session import AssessmentSession
from posture.tui.app import PostureApp
from posture.tui.screens.walk import WalkScreen


def test_posture_open_reads_the_file_once_and_hands_the_session_to_the_app(workspace, assessment, monkeypatch):
    reads = []
    real = store_file._read_doc

    def spy(path, passphrase):  # the store's one reader
        reads.append(path)
        return real(path, passphrase)

    launched = {}

    def launch(**kwargs):  # the app itself needs a terminal: what it is given is what matters here
        launched.update(kwargs)
        return 0

    monkeypatch.setattr(store_file, "_read_doc", spy)
    monkeypatch.setattr(posture.tui, "launch", launch)
    args = argparse.Namespace(file=str(assessment.path), workspace=None)
    assert open_cmd.run(args, Context(lang="en")) == 0
    session = launched["session"]
    try:
        assert isinstance(session, AssessmentSession)
        assert session.path == assessment.path and session.assessment.vendor == "Acme Contacto"
        assert not session.read_only  # the session holds the write lock the app needs
        assert reads == [assessment.path]
    finally:
        session.close()


async def test_the_app_shows_the_session_it_is_given_without_reading_again(workspace, assessment, monkeypatch):
    session = AssessmentSession(assessment.path, library=workspace.library)
    monkeypatch.setattr(store_file, "_read_doc", lambda *a: (_ for _ in ()).throw(AssertionError("read again")))
    app = PostureApp(lang="en", session=session, workspace=workspace)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WalkScreen)
        assert app.screen.session is session


async def test_the_collector_paused_for_the_start_is_resumed_after_the_first_screen(workspace, assessment,
                                                                                   monkeypatch):
    monkeypatch.setattr(tui_app, "COLLECTOR_RESUME", 0.01)
    frozen = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))  # the test process's objects stay collectable
    app = PostureApp(lang="en", path=assessment.path, workspace=workspace)
    app.collector_paused = True  # as posture.tui.launch sets it
    gc.disable()
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, WalkScreen)
            await pilot.pause(0.2)
            assert gc.isenabled()
            assert frozen == [True]
            assert app.collector_paused is False
    finally:
        gc.enable()


async def test_an_app_not_started_by_launch_leaves_the_collector_alone(workspace, assessment, monkeypatch):
    monkeypatch.setattr(tui_app, "COLLECTOR_RESUME", 0.01)
    calls = []
    monkeypatch.setattr(tui_app, "_resume_collector", lambda: calls.append(True))
    app = PostureApp(lang="en", path=assessment.path, workspace=workspace)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.2)
        assert isinstance(app.screen, WalkScreen)
    assert calls == []
    assert gc.isenabled()


def test_launch_turns_the_collector_back_on_when_the_app_ends_early(monkeypatch):
    seen = {}
    frozen = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))  # the test process's objects stay collectable

    class Ends(PostureApp):
        def run(self, **kwargs):  # ends before any screen is drawn
            seen["paused"] = self.collector_paused
            seen["enabled"] = gc.isenabled()

    monkeypatch.setattr(tui_app, "PostureApp", Ends)
    assert posture.tui.launch(lang="en") == 0
    assert seen == {"paused": True, "enabled": False}
    assert gc.isenabled()
    assert frozen == [True]
