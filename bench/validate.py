"""How long `posture validate` takes on the bundled content and on each broken input, and the alias
bomb's peak memory. Run: .venv/bin/python bench/validate.py   (targets: each broken input < 1 s,
alias bomb refused under 100 MB). --json prints the figures as one JSON object, for bench/run."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BROKEN = ROOT / "tests" / "data" / "content" / "broken"
MINI = ROOT / "tests" / "data" / "content" / "valid" / "ley1581-mini.yaml"

_CHILD = """
import sys, time
t = time.perf_counter()
from posture.cli import main
code = main(["--lang", "en", "validate", *sys.argv[1:]])
hwm = int(next(line for line in open("/proc/self/status") if line.startswith("VmHWM:")).split()[1])
print(f"@@ {time.perf_counter() - t:.3f} {hwm // 1024} {code}", file=sys.stderr)
"""


def run(*paths: Path) -> tuple[float, float, int, int]:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _CHILD, *map(str, paths)], capture_output=True, text=True)
    wall = time.perf_counter() - start
    inner, peak, code = proc.stderr.rsplit("@@ ", 1)[1].split()
    return wall, float(inner), int(peak), int(code)


def figures() -> dict:
    wall, _, peak, code = run()
    broken = {path.name: run(MINI, path) for path in sorted(BROKEN.glob("*.yaml"))}
    slowest = max(broken, key=lambda name: broken[name][0])
    return {"bundled_wall_s": round(wall, 3), "bundled_peak_mb": peak, "bundled_exit": code,
            "broken_inputs": len(broken),
            "broken_max_wall_s": round(broken[slowest][0], 3), "broken_slowest": slowest,
            "broken_all_exit_1": all(r[3] == 1 for r in broken.values()),
            "alias_bomb_peak_mb": broken["alias_bomb.yaml"][2] if "alias_bomb.yaml" in broken else None}


def main() -> None:
    if "--json" in sys.argv[1:]:
        print(json.dumps(figures()))
        return
    print(f"{'input':<28} {'wall s':>7} {'in-process s':>13} {'peak MB':>8} {'exit':>5}")
    wall, inner, peak, code = run()
    print(f"{'bundled content':<28} {wall:7.3f} {inner:13.3f} {peak:8d} {code:5d}")
    for path in sorted(BROKEN.glob("*.yaml")):
        wall, inner, peak, code = run(MINI, path)
        print(f"{path.name:<28} {wall:7.3f} {inner:13.3f} {peak:8d} {code:5d}")



if __name__ == "__main__":
    main()
