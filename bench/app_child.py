"""The app-launch child bench/tui.py and bench/ratios.py both spawn: ``posture open FILE`` to its first screen.

    python bench/app_child.py FILE [LANG]

It runs the real program, ``posture.cli.main()`` as the ``posture`` script runs it (argument parsing, the
check that opens the file, ``posture.tui.launch`` and what it sets up), with one change: when
``posture.tui.app`` is imported (where and when the program imports it), its ``PostureApp`` is replaced by
a subclass that runs headless (at ``SIZE``, 80×24: no terminal needed) and, once the walk screen is mounted, has focus
and has been drawn once, prints ``READY <time.time()> <time.process_time()>`` and exits. The parent times
from just before it spawns this process to that timestamp; the second figure is the CPU time the process
took to get there. Exit status: the program's (0, or 1 with its one-line error).
"""

from __future__ import annotations

import importlib.machinery
import sys
import time

# The size of a terminal. Headless with its output piped, Textual would start at Rich's default console size
# (80×25), then take the driver's (80×24): a resize, and a second layout and draw of the whole first screen,
# that a real terminal never causes. Given here, and to the hello world in bench/ratios.py, both start at it.
SIZE = (80, 24)


def _timed(module) -> None:
    from posture.tui.screens.walk import WalkScreen

    class Timed(module.PostureApp):
        def on_mount(self) -> None:  # Textual also runs PostureApp.on_mount (every class's in the MRO): no super()
            self._ready_probe = self.set_interval(0.001, self._check)

        def _check(self) -> None:
            if isinstance(self.screen, WalkScreen) and self.screen.is_mounted and self.focused is not None:
                self._ready_probe.stop()
                self.call_after_refresh(self._done)

        def _done(self) -> None:
            print(f"READY {time.time():.6f} {time.process_time():.6f}", flush=True)
            self.exit()

        def run(self, **kwargs):
            return super().run(headless=True, size=SIZE)

    module.PostureApp = Timed  # what posture.tui.launch constructs


class _AfterImport:
    """Runs ``_timed`` on posture.tui.app right after the program imports it (a meta path finder; not derived
    from importlib.abc's, whose import pulls importlib.resources and tempfile into the measured process)."""

    def find_spec(self, fullname, path, target=None):
        if fullname != "posture.tui.app":
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        loader = spec.loader
        exec_module = loader.exec_module

        def exec_and_patch(module):
            exec_module(module)
            _timed(module)
        loader.exec_module = exec_and_patch
        return spec


if __name__ == "__main__":
    file, lang = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "en")
    sys.meta_path.insert(0, _AfterImport())
    sys.argv = ["posture", "--lang", lang, "open", file]
    from posture.cli import main

    sys.exit(main())
