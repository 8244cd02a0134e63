"""App benchmark: launch to the first interactive screen, and keypress to saved for one answer. Prints times.

    .venv/bin/python bench/tui.py [RUNS] [--json]

Launch: a fresh Python process per run, timed from just before it is spawned until the walk screen on the
full checklist (197 questions) has been drawn once and accepts keys: the real ``posture open FILE``, the
app headless (bench/app_child.py, the same child as bench/ratios.py's). Keypress to saved: the real app
under ``run_test`` at 80×24, ``y``/maturity key on 100 questions in turn, timed from the key press to the
end of the save (atomic write + fsync), and to the first screen paint after it (the "saved ✓" mark).
Targets: launch ≤ 1.0 s; keypress to saved ≤ 50 ms (median and p95).
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHECKLIST = "bpo-contact-center"

APP_CHILD = Path(__file__).with_name("app_child.py")  # `posture open FILE` timed to its first screen


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def launch_times(path: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.time()
        out = subprocess.run([sys.executable, str(APP_CHILD), str(path), "en"], capture_output=True, text=True,
                             timeout=60, env=dict(os.environ))
        ready = [line for line in out.stdout.splitlines() if line.startswith("READY ")]
        if not ready:
            raise SystemExit(f"the app did not become ready:\n{out.stderr[-2000:]}")
        times.append(float(ready[-1].split()[1]) - start)
    return times


async def keypress_to_saved(path: Path, count: int) -> tuple[list[float], list[float]]:
    """Per answer: key press → answer on disk, and key press → first screen paint after it (the saved mark).

    Timestamps are taken inside the app (the end of the session's save, each paint of the screen), not
    when Pilot returns: Pilot then still waits for idle, which is test machinery, not the user's wait.
    """
    from posture.assessment import Workspace
    from posture.tui.app import PostureApp

    app = PostureApp(lang="en", path=path, workspace=Workspace())
    paints: list[float] = []
    to_disk, to_screen = [], []
    async with app.run_test(size=(80, 24)) as pilot:
        display = app._display

        def timed_display(screen, renderable):
            display(screen, renderable)
            paints.append(time.perf_counter())
        app._display = timed_display
        walk = app.screen
        session = walk.session
        save = session._save
        saves: list[float] = []

        def timed_save():
            save()
            saves.append(time.perf_counter())
        session._save = timed_save
        for _ in range(count):
            qid = walk.qid
            key = "y" if session.checklist.scale_of(session.question(qid)).id == "yes-no" else "3"
            start = time.perf_counter()
            await pilot.press(key)
            await pilot.pause()
            if not saves or saves[-1] < start or qid not in session.assessment.answers:
                raise SystemExit(f"{qid}: the answer was not saved")
            painted = [t for t in paints if t >= saves[-1]]
            if not painted:
                raise SystemExit(f"{qid}: the screen was not redrawn after the save")
            to_disk.append(saves[-1] - start)
            to_screen.append(painted[0] - start)
            await pilot.press("j")
    return to_disk, to_screen


def main(argv: list[str]) -> int:
    as_json = "--json" in argv
    args = [a for a in argv if not a.startswith("--")]
    runs = int(args[0]) if args else 7
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["POSTURE_WORKSPACE"] = tmp
        from posture.assessment import Workspace
        from posture.content import bundled_library

        checklist = bundled_library().checklists[CHECKLIST]
        ws = Workspace()
        launch_path = ws.create(vendor="Bench", site="Launch", checklist=checklist, slug="launch").path
        save_path = ws.create(vendor="Bench", site="Keys", checklist=checklist, slug="keys").path
        launch = launch_times(launch_path, runs)
        to_disk, keys = asyncio.run(keypress_to_saved(save_path, 100))
    figures = {
        "questions": len(checklist.questions),
        "launch_runs": runs,
        "launch_median_s": statistics.median(launch),
        "launch_max_s": max(launch),
        "keypress_to_disk_median_ms": statistics.median(to_disk) * 1000,
        "keypress_to_disk_p95_ms": _percentile(to_disk, 95) * 1000,
        "keypress_to_saved_n": len(keys),
        "keypress_to_saved_median_ms": statistics.median(keys) * 1000,
        "keypress_to_saved_p95_ms": _percentile(keys, 95) * 1000,
    }
    if as_json:
        print(json.dumps(figures))
        return 0
    print(f"full checklist: {figures['questions']} questions")
    print(f"launch to first interactive screen: median {figures['launch_median_s']:.3f} s, "
          f"max {figures['launch_max_s']:.3f} s over {runs} runs (target ≤ 1.0 s)")
    print(f"keypress to answer on disk: median {figures['keypress_to_disk_median_ms']:.1f} ms, "
          f"p95 {figures['keypress_to_disk_p95_ms']:.1f} ms over {len(keys)} answers")
    print(f"keypress to saved mark on screen: median {figures['keypress_to_saved_median_ms']:.1f} ms, "
          f"p95 {figures['keypress_to_saved_p95_ms']:.1f} ms over {len(keys)} answers (target ≤ 50 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
