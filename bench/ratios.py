"""Ratios measured side by side in one run, so a busy machine slows both sides alike. Prints the figures.

    .venv/bin/python bench/ratios.py [--runs N] [--against REV] [--app] [--json]

1. ``posture export --format json`` on the demo against ``posture score`` on the demo: a fresh process per
   run, the two commands alternated, median wall time of each (from just before the process is spawned to
   its exit) and median CPU time (user + system of the child: steadier when other work shares the
   machine), and export ÷ score. What an export pays beyond the scoring it shares with ``score`` (a PDF
   engine, templates, report modules it does not use) shows in this ratio.
2. App launch to its first screen (``posture open`` on the demo, the real program: bench/app_child.py, the
   child bench/tui.py spawns too; the walk screen drawn once and accepting keys) against a Textual
   hello-world app (one ``Static``, Textual's defaults) launched the same way: medians, app ÷ hello, the
   spread of each alternated pair's own ratio, and the ratio of the CPU time each took to its first screen
   (``time.process_time()`` when it prints READY: steadier than wall time on a busy machine, where the
   wall ratio tends to it). Target ≤ 2×.

``--app`` measures the app launch only (2.). ``--against REV`` also measures the same commands on the code
of a git revision (``git archive REV`` into a temporary folder, run with this venv's interpreter and
``PYTHONPATH`` pointing there), alternating with today's code, and prints export(now) ÷ export(REV): the
issue #15 target is ≤ 40 %. The reference figures of 29728d0 are in docs/benchmarks.md.

Bytecode caches are written as a user's install has them (``PYTHONDONTWRITEBYTECODE`` is removed from the
children's environment) and one unmeasured warm-up run of each command comes first.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
PYTHON = str(VENV_PYTHON) if VENV_PYTHON.exists() else sys.executable
DEMO = "centro-de-contacto-demo"

APP_CHILD = Path(__file__).with_name("app_child.py")  # `posture open FILE` timed to its first screen

_HELLO_CHILD = r"""
import time
from textual.app import App
from textual.widgets import Static

class Hello(App):
    def compose(self):
        yield Static("Hello, world")

    def on_mount(self):
        self.call_after_refresh(self._done)

    def _done(self):
        print(f"READY {time.time():.6f} {time.process_time():.6f}", flush=True)
        self.exit()

Hello().run(headless=True, size=(80, 24))  # the size bench/app_child.py gives the app (SIZE)
"""


def _env(tree: Path | None, workspace: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH")}
    env["POSTURE_WORKSPACE"] = str(workspace)
    env["POSTURE_LANG"] = "en"
    if tree is not None:
        env["PYTHONPATH"] = str(tree)
    return env


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


CPU: dict[str, list[float]] = {}  # the same runs' CPU time (user + system), steadier on a busy machine


def _wall(args: list[str], env: dict[str, str], cwd: Path, key: str | None = None) -> float:
    cpu = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.run([PYTHON, *args], env=env, cwd=cwd, capture_output=True, timeout=120)
    took = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({proc.returncode}):\n{proc.stderr.decode()[-2000:]}")
    if key:
        CPU.setdefault(key, []).append(_children_cpu() - cpu)
    return took


def _ready(args: list[str], env: dict[str, str], cwd: Path, key: str | None = None) -> float:
    """Seconds from just before the child is spawned to the READY time it prints; with ``key``, the CPU time
    the child took to that moment (the second figure of its READY line) goes into CPU[key]."""
    start = time.time()
    proc = subprocess.run([PYTHON, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=120)
    ready = [line for line in proc.stdout.splitlines() if line.startswith("READY ")]
    if not ready:
        raise SystemExit(f"the app did not become ready:\n{proc.stderr[-2000:]}")
    _, wall, cpu = ready[-1].split()
    if key:
        CPU.setdefault(key, []).append(float(cpu))
    return float(wall) - start


def _demo(tree: Path, workspace: Path) -> Path:
    target = workspace / DEMO
    if not target.exists():
        shutil.copytree(tree / "demo" / DEMO, target)
    return target


def _archive(rev: str, into: Path) -> Path:
    data = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", rev], capture_output=True,
                          check=True).stdout
    tar_path = into / "tree.tar"
    tar_path.write_bytes(data)
    tree = into / "tree"
    with tarfile.open(tar_path) as tar:
        tar.extractall(tree, filter="data")
    return tree


def measure(runs: int, against: str | None, app_only: bool = False) -> dict:
    figures: dict = {"runs": runs}
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        trees: dict[str, Path | None] = {"now": None}
        if against:
            try:
                trees["ref"] = _archive(against, tmp_path)
            except (OSError, subprocess.CalledProcessError):  # not a git checkout, or the revision is unknown
                print(f"cannot extract {against} with git archive: measuring today's code only", file=sys.stderr)
                against = None
        sides = {}
        for name, tree in trees.items():
            ws = tmp_path / f"ws-{name}"
            ws.mkdir()
            cwd = tree or ROOT
            demo = _demo(cwd, ws)
            env = _env(tree, ws)
            sides[name] = (env, cwd, demo)
            if not app_only:
                _wall(["-m", "posture", "export", "--format", "json", str(demo)], env, cwd)  # warm-up: bytecode
                _wall(["-m", "posture", "score", str(demo)], env, cwd)
        samples: dict[str, list[float]] = {}
        for _ in range(0 if app_only else runs):
            for name, (env, cwd, demo) in sides.items():
                samples.setdefault(f"{name}_export", []).append(
                    _wall(["-m", "posture", "export", "--format", "json", str(demo)], env, cwd, f"{name}_export"))
                samples.setdefault(f"{name}_score", []).append(
                    _wall(["-m", "posture", "score", str(demo)], env, cwd, f"{name}_score"))
        env, cwd, demo = sides["now"]
        hello, app = ["-c", _HELLO_CHILD], [str(APP_CHILD), str(demo), "en"]
        _ready(hello, env, cwd)  # warm-up
        _ready(app, env, cwd)
        for _ in range(runs):
            samples.setdefault("hello", []).append(_ready(hello, env, cwd, "hello"))
            samples.setdefault("app", []).append(_ready(app, env, cwd, "app"))
    med = {k: statistics.median(v) for k, v in samples.items()}
    figures.update({f"{k}_median_s": round(v, 4) for k, v in med.items()})
    cpu = {k: statistics.median(v) for k, v in CPU.items()}
    figures.update({f"{k}_cpu_median_s": round(v, 4) for k, v in cpu.items()})
    if not app_only:
        figures["export_over_score"] = round(med["now_export"] / med["now_score"], 3)
    figures["app_over_hello"] = round(med["app"] / med["hello"], 3)
    pairs = [a / h for a, h in zip(samples["app"], samples["hello"], strict=True)]  # each run's own ratio
    figures["app_over_hello_min"] = round(min(pairs), 3)
    figures["app_over_hello_max"] = round(max(pairs), 3)
    figures["app_over_hello_cpu"] = round(cpu["app"] / cpu["hello"], 3)
    if against and not app_only:
        figures["against"] = against
        figures["ref_export_over_score"] = round(med["ref_export"] / med["ref_score"], 3)
        figures["export_now_over_ref"] = round(med["now_export"] / med["ref_export"], 3)
        figures["export_now_over_ref_cpu"] = round(cpu["now_export"] / cpu["ref_export"], 3)
    return figures


def main(argv: list[str]) -> int:
    as_json, app_only = "--json" in argv, "--app" in argv
    runs, against = 9, None
    if "--runs" in argv:
        runs = int(argv[argv.index("--runs") + 1])
    if "--against" in argv and not app_only:
        against = argv[argv.index("--against") + 1]
    f = measure(runs, against, app_only)
    if as_json:
        print(json.dumps(f))
        return 0
    print(f"median of {runs} runs each, alternated")
    if not app_only:
        print(f"export --format json: {f['now_export_median_s']:.3f} s (CPU {f['now_export_cpu_median_s']:.3f} s); "
              f"score: {f['now_score_median_s']:.3f} s (CPU {f['now_score_cpu_median_s']:.3f} s); "
              f"export ÷ score = {f['export_over_score']:.2f}")
    if against:
        print(f"at {against}: export {f['ref_export_median_s']:.3f} s (CPU {f['ref_export_cpu_median_s']:.3f} s); "
              f"score {f['ref_score_median_s']:.3f} s (CPU {f['ref_score_cpu_median_s']:.3f} s); "
              f"export ÷ score = {f['ref_export_over_score']:.2f}")
        print(f"export now ÷ export at {against} = {f['export_now_over_ref'] * 100:.0f} % wall, "
              f"{f['export_now_over_ref_cpu'] * 100:.0f} % CPU (target ≤ 40 %)")
    print(f"app launch to first screen: {f['app_median_s']:.3f} s; Textual hello world: {f['hello_median_s']:.3f} s;"
          f" app ÷ hello = {f['app_over_hello']:.2f} (target ≤ 2×; each run's own ratio "
          f"{f['app_over_hello_min']:.2f}–{f['app_over_hello_max']:.2f}; CPU to it {f['app_cpu_median_s']:.3f} s ÷ "
          f"{f['hello_cpu_median_s']:.3f} s = {f['app_over_hello_cpu']:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
