"""What the gettext catalogs cost at startup: reading the Spanish .mo, and `import posture.cli` with the
catalogs against the same import with none (POSTURE_LOCALE_DIR at an empty folder: English ids only).
Run: .venv/bin/python bench/i18n.py [--runs N] [--json]   (target: the catalogs add < 10 ms to the import)."""

from __future__ import annotations

import argparse
import gettext
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MO = ROOT / "posture" / "locale" / "es" / "LC_MESSAGES" / "posture.mo"
_CHILD = "import time; t = time.perf_counter(); import posture.cli; print(time.perf_counter() - t)"


def mo_load_ms(runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        with MO.open("rb") as fh:
            gettext.GNUTranslations(fh)
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def import_ms(env: dict[str, str], runs: int) -> float:
    times = [float(subprocess.run([sys.executable, "-c", _CHILD], env=env, capture_output=True, text=True,
                                  check=True).stdout) for _ in range(runs)]
    return 1000 * min(times)


def figures(runs: int) -> dict:
    env = {**os.environ, "POSTURE_LANG": "es"}
    with tempfile.TemporaryDirectory() as empty:
        # alternate, so that a busy machine slows both the same
        with_cat, without = [], []
        for _ in range(runs):
            with_cat.append(import_ms(env, 1))
            without.append(import_ms({**env, "POSTURE_LOCALE_DIR": empty}, 1))
    return {"mo_bytes": MO.stat().st_size, "mo_load_ms": round(mo_load_ms(50), 2),
            "import_cli_ms": round(min(with_cat), 1), "import_cli_no_catalog_ms": round(min(without), 1),
            "catalog_cost_ms": round(min(with_cat) - min(without), 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    f = figures(args.runs)
    if args.json:
        print(json.dumps(f))
        return
    print(f"Spanish catalog: {f['mo_bytes'] // 1024} KiB .mo, read in {f['mo_load_ms']} ms (median of 50)")
    print(f"import posture.cli: {f['import_cli_ms']} ms with the catalogs, {f['import_cli_no_catalog_ms']} ms "
          f"without (best of {args.runs}): the catalogs add {f['catalog_cost_ms']} ms (target < 10 ms)")


if __name__ == "__main__":
    main()
