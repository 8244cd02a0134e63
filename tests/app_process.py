"""The real app in another process, driven line by line: for tests of two apps, kills and locks.

Commands on its stdin, one a line: ``press KEY...`` (Textual key names), ``type TEXT`` (each character,
a space as ``space``), ``quit``. It prints ``READY`` once the assessment is open (with its pid) and
``DONE`` after each command has been handled.
"""

from __future__ import annotations

import os
import subprocess
import sys

_CHILD = r"""
import asyncio, sys
from posture.assessment import Workspace
from posture.tui.app import PostureApp

async def main(path):
    app = PostureApp(lang="en", path=path, workspace=Workspace())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        print("READY", flush=True)
        loop = asyncio.get_running_loop()
        while True:
            line = await loop.run_in_executor(None, sys.stdin.readline)
            if not line:
                return
            cmd, _, arg = line.rstrip("\n").partition(" ")
            if cmd == "quit":
                await pilot.press("q")
                await pilot.pause()
                print("DONE", flush=True)
                return
            if cmd == "press":
                await pilot.press(*arg.split())
            elif cmd == "type":
                await pilot.press(*["space" if c == " " else c for c in arg])
            await pilot.pause()
            print("DONE", flush=True)

asyncio.run(main(sys.argv[1]))
"""


class AppProcess:
    """``with AppProcess(path) as app: app.send("press y")`` — killed on exit if still running."""

    def __init__(self, path):
        self.proc = subprocess.Popen([sys.executable, "-c", _CHILD, str(path)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     env={**os.environ, "POSTURE_LANG": "en"})
        line = self.proc.stdout.readline().strip()
        if line != "READY":
            self.proc.kill()
            raise AssertionError(f"the app did not start: {line!r} {self.proc.stderr.read()}")

    @property
    def pid(self) -> int:
        return self.proc.pid

    def send(self, command: str) -> None:
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline().strip()
        assert line == "DONE", (line, self.proc.stderr.read() if self.proc.poll() is not None else "")

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(10)

    def __enter__(self) -> AppProcess:
        return self

    def __exit__(self, *exc) -> None:
        self.kill()
