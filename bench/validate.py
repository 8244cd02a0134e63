"""How long `posture validate` takes on the bundled content and on each broken input, and the alias
bomb's peak memory. Run: .venv/bin/python bench/validate.py   (targets: each broken input < 1 s,
alias bomb refused under 100 MB)."""

from __future__ import annotations

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


def main() -> None:
    print(f"{'input':<28} {'wall s':>7} {'in-process s':>13} {'peak MB':>8} {'exit':>5}")
    wall, inner, peak, code = run()
    print(f"{'bundled content':<28} {wall:7.3f} {inner:13.3f} {peak:8d} {code:5d}")
    for path in sorted(BROKEN.glob("*.yaml")):
        wall, inner, peak, code = run(MINI, path)
        print(f"{path.name:<28} {wall:7.3f} {inner:13.3f} {peak:8d} {code:5d}")



if __name__ == "__main__":
    main()
