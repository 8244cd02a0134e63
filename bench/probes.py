"""Benchmark: posture's full probe profile vs ``nmap -sV -sC`` on the same loopback services,
and a 256-address sweep of 127.1.0.0/24 (loopback, mostly empty).

    .venv/bin/python bench/probes.py

Prints both times, the ratio and the findings of each. Targets: full profile ≤ 5 s, ≥ 10× faster
than nmap -sV -sC, no fewer exposures; sweep ≤ 30 s. Traffic stays on 127.0.0.0/8.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "probes"))

from conftest import build_lab, lab_profile  # noqa: E402 - the same loopback lab the tests use

from posture.probes import import_nmap, run_probe, scope_from_args  # noqa: E402


def _exposures(run) -> set[tuple[str, int | None, str]]:
    return {(f.check_id, f.port, f.protocol) for f in run.findings if f.check_id != "scan-incomplete"}


def _show(title: str, run) -> None:
    print(f"  {title}: {len(run.findings)} findings")
    for f in run.findings:
        print(f"    {f.severity:<8} {f.check_id:<32} {f.port}/{f.protocol}  {f.evidence[:70]}")


def main() -> int:
    lab = build_lab(Path(tempfile.mkdtemp(prefix="posture-bench-")))
    profile = lab_profile(lab)
    privileged = os.geteuid() == 0
    try:
        print(f"loopback lab: {len(profile.tcp)} TCP + {len(profile.udp)} UDP services on 127.0.0.1"
              f" ({'root: SYN/UDP' if privileged else 'unprivileged: connect scan, UDP from Python'})")
        start = time.perf_counter()
        ours = run_probe(scope_from_args(["localhost"], "BENCH"), profile=profile)
        ours_s = time.perf_counter() - start

        ports = "T:" + ",".join(map(str, sorted(profile.tcp)))
        scan_types = ["-sT"]
        if privileged:
            ports += ",U:" + ",".join(map(str, sorted(profile.udp)))
            scan_types = ["-sS", "-sU"]
        xml = Path(tempfile.mkdtemp(prefix="posture-bench-")) / "sv.xml"
        start = time.perf_counter()
        subprocess.run(["nmap", "-n", "-Pn", *scan_types, "-sV", "-sC", "-p", ports, "-oX", str(xml), "127.0.0.1"],
                       check=True, capture_output=True)
        nmap_s = time.perf_counter() - start
        theirs = import_nmap(xml, authorized_by="BENCH")

        ours_x, theirs_x = _exposures(ours), _exposures(theirs)
        print(f"\nfull profile (posture probe): {ours_s:6.2f} s, {len(ours_x)} exposures")
        print(f"nmap -sV -sC, same ports:     {nmap_s:6.2f} s, {len(theirs_x)} exposures")
        print(f"ratio: {nmap_s / ours_s:.1f}x faster")
        print(f"only posture found: {len(ours_x - theirs_x)}; only nmap -sV -sC found: {len(theirs_x - ours_x)}")
        for item in sorted(theirs_x - ours_x, key=str):
            print(f"    missed by posture: {item}")
        _show("posture", ours)
        _show("nmap -sV -sC (read by posture --import-nmap)", theirs)

        print()
        sweep_s = 0.0
        for mode in ([True, False] if privileged else [False]):
            start = time.perf_counter()
            sweep = run_probe(scope_from_args(["127.1.0.0/24"], "BENCH"), privileged=mode)
            took = time.perf_counter() - start
            sweep_s = max(sweep_s, took)
            print(f"sweep 127.1.0.0/24 (256 addresses, full profile, {'SYN/UDP' if mode else 'connect'}): "
                  f"{took:.2f} s, {len(sweep.hosts)} hosts, {len(sweep.findings)} findings, complete={sweep.complete}")
        verdict = ours_s <= 5 and nmap_s / ours_s >= 10 and len(ours_x) >= len(theirs_x) and sweep_s <= 30
        print(f"\ntargets (≤5 s, ≥10×, no fewer exposures, sweep ≤30 s): {'met' if verdict else 'NOT met'}")
    finally:
        lab.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
