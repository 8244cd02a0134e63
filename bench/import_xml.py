"""Benchmark: importing a 60 MB nmap XML with 26,000 hosts (``posture probe --import-nmap``).

    .venv/bin/python bench/import_xml.py [--json]

The file is generated here (deterministic, documentation and private addresses, shaped like
``nmap -sV -sC`` output: open and closed ports, service products, CPEs, ssl-cert, http-title,
extraports). The import runs in a fresh process; peak memory is that process's maximum RSS
(``getrusage(RUSAGE_CHILDREN).ru_maxrss``), so the interpreter and posture's own imports count.
Target: peak memory ≤ 3× the file size. Prints the file size, hosts, wall time and peak memory.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOSTS = 26_000
TARGET_BYTES = 60_000_000

_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE nmaprun>\n'
         '<?xml-stylesheet href="file:///usr/bin/../share/nmap/nmap.xsl" type="text/xsl"?>\n'
         '<nmaprun scanner="nmap" args="nmap -sV -sC -oX big.xml 10.0.0.0/16" start="1700000000" '
         'startstr="Tue Nov 14 22:13:20 2023" version="7.94" xmloutputversion="1.05">\n'
         '<scaninfo type="syn" protocol="tcp" numservices="1000" services="1-1000"/>\n'
         '<verbose level="0"/>\n<debugging level="0"/>\n')


def _host(i: int, pad: str) -> str:
    addr = f"10.{i // 65536 % 256}.{i // 256 % 256}.{i % 256}"
    kind = i % 4
    ports = [
        '<port protocol="tcp" portid="22"><state state="open" reason="syn-ack" reason_ttl="63"/>'
        '<service name="ssh" product="OpenSSH" version="8.9p1 Ubuntu 3ubuntu0.4" extrainfo="Ubuntu Linux; protocol 2.0"'
        ' ostype="Linux" method="probed" conf="10"><cpe>cpe:/a:openbsd:openssh:8.9p1</cpe>'
        '<cpe>cpe:/o:linux:linux_kernel</cpe></service><script id="ssh-hostkey" output="&#xa;  256 '
        'aa:bb:cc:dd:ee:ff:00:11:22:33:44:55:66:77:88:99 (ECDSA)&#xa;  256 '
        '00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff (ED25519)"/></port>',
        '<port protocol="tcp" portid="80"><state state="closed" reason="reset" reason_ttl="63"/>'
        '<service name="http" method="table" conf="3"/></port>',
    ]
    if kind in (0, 1):
        ports.append(
            '<port protocol="tcp" portid="443"><state state="open" reason="syn-ack" reason_ttl="63"/>'
            '<service name="http" product="nginx" version="1.18.0" tunnel="ssl" method="probed" conf="10">'
            '<cpe>cpe:/a:igor_sysoev:nginx:1.18.0</cpe></service>'
            '<script id="http-title" output="Agent login"><elem key="title">Agent login</elem></script>'
            f'<script id="ssl-cert" output="Subject: commonName=agents{i}.example.com&#xa;Not valid after:  '
            f'2024-06-01T00:00:00"><table key="subject"><elem key="commonName">agents{i}.example.com</elem>'
            '</table><table key="issuer"><elem key="commonName">Example CA</elem></table>'
            '<table key="validity"><elem key="notBefore">2023-06-01T00:00:00</elem>'
            '<elem key="notAfter">2024-06-01T00:00:00</elem></table></script></port>')
    if kind == 2:
        ports.append('<port protocol="tcp" portid="3389"><state state="open" reason="syn-ack" reason_ttl="127"/>'
                     '<service name="ms-wbt-server" product="Microsoft Terminal Services" ostype="Windows" '
                     'method="probed" conf="10"><cpe>cpe:/o:microsoft:windows</cpe></service></port>')
    if kind == 3:
        ports.append('<port protocol="tcp" portid="5060"><state state="open" reason="syn-ack" reason_ttl="63"/>'
                     '<service name="sip" product="Asterisk PBX" version="18.2.0" method="probed" conf="10">'
                     '<cpe>cpe:/a:digium:asterisk:18.2.0</cpe></service>'
                     '<script id="sip-methods" output="INVITE, ACK, CANCEL, OPTIONS, BYE, REFER"/></port>')
    return (f'<host starttime="{1700000000 + i // 10}" endtime="{1700000001 + i // 10}">'
            '<status state="up" reason="echo-reply" reason_ttl="63"/>\n'
            f'<address addr="{addr}" addrtype="ipv4"/>\n<hostnames>\n'
            f'<hostname name="host{i}.corp.example.com" type="PTR"/>\n</hostnames>\n'
            '<ports><extraports state="filtered" count="996">\n'
            '<extrareasons reason="no-response" count="996" proto="tcp" ports="1-21,23-79,81-442,444-1000"/>\n'
            '</extraports>\n' + "\n".join(ports) + "\n</ports>\n"
            f'<times srtt="1024" rttvar="512" to="100000"/>{pad}\n</host>\n')


def generate(path: Path) -> int:
    probe = sum(len(_host(12344 + k, "")) for k in range(4)) // 4
    pad_len = max(0, (TARGET_BYTES - len(_HEAD) - 300) // HOSTS - probe)
    pad = f"<!-- {'x' * max(0, pad_len - 9)} -->" if pad_len > 9 else ""
    with path.open("w", encoding="utf-8") as fh:
        fh.write(_HEAD)
        for i in range(HOSTS):
            fh.write(_host(i, pad))
        fh.write('<runstats><finished time="1700003000" timestr="Tue Nov 14 23:03:20 2023" elapsed="3000.00" '
                 f'exit="success"/><hosts up="{HOSTS}" down="0" total="{HOSTS}"/>\n</runstats>\n</nmaprun>\n')
    return path.stat().st_size


_CHILD = """
import json, sys, time
from posture.probes import import_nmap
start = time.perf_counter()
run = import_nmap(sys.argv[1])
wall = time.perf_counter() - start
checks = {}
for f in run.findings:
    checks[f.check_id] = checks.get(f.check_id, 0) + 1
print(json.dumps({"wall_s": wall, "hosts": len(run.hosts), "findings": len(run.findings), "checks": checks,
                  "complete": run.complete}))
"""


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory(prefix="posture-bench-") as tmp:
        xml = Path(tmp) / "big.xml"
        t0 = time.perf_counter()
        size = generate(xml)
        gen_s = time.perf_counter() - t0
        proc = subprocess.run([sys.executable, "-c", _CHILD, str(xml)], cwd=ROOT, capture_output=True, text=True)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # Linux: KiB
    if proc.returncode != 0:
        print(proc.stderr, file=sys.stderr)
        return 2
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    ratio = peak / size
    figures = {"file_mb": size / 1e6, "hosts": result["hosts"], "wall_s": result["wall_s"], "peak_mb": peak / 1e6,
               "peak_ratio": ratio, "findings": result["findings"], "checks": result["checks"],
               "complete": result["complete"], "generate_s": gen_s}
    ok = ratio <= 3 and result["hosts"] == HOSTS and result["complete"]
    if "--json" in argv:
        print(json.dumps(figures))
    else:
        print(f"nmap XML: {size / 1e6:.1f} MB, {HOSTS:,} hosts (generated in {gen_s:.1f} s)")
        print(f"import time: {result['wall_s']:.2f} s")
        print(f"peak memory (RSS): {peak / 1e6:.0f} MB = {ratio:.2f}x the file (target <= 3x)")
        print(f"hosts read: {result['hosts']:,}, findings: {result['findings']:,}, complete: {result['complete']}")
        print("findings by check: " + ", ".join(f"{k} {v:,}" for k, v in sorted(result["checks"].items())))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
