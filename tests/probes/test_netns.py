"""Across a real link: two network namespaces this test creates, joined by a veth pair (root only).

Traffic goes only between 10.231.x addresses inside those namespaces; both are deleted in a finally.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from posture.content._schema import schema
from posture.probes import is_privileged

CAP_NET_ADMIN, CAP_SYS_ADMIN = 12, 21  # bit numbers in /proc/self/status CapEff (linux/capability.h)


def _effective_capabilities() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("CapEff:"):
                    return int(line.split()[1], 16)
    except OSError:
        pass
    return 0


def _can_make_namespaces() -> bool:
    """`ip netns add` needs CAP_SYS_ADMIN (mount and unshare) and the veth pair CAP_NET_ADMIN: root in a
    container often has neither, though it may still open raw sockets."""
    caps = _effective_capabilities()
    return bool(caps >> CAP_SYS_ADMIN & 1 and caps >> CAP_NET_ADMIN & 1)


pytestmark = [
    pytest.mark.nmap,
    pytest.mark.skipif(shutil.which("ip") is None, reason="needs iproute2 (ip)"),
    pytest.mark.skipif(not is_privileged(), reason="needs raw sockets (root with CAP_NET_RAW) for nmap"),
    pytest.mark.skipif(not _can_make_namespaces(), reason="needs CAP_SYS_ADMIN and CAP_NET_ADMIN to create "
                       "network namespaces and a veth pair"),
]

ROOT = Path(__file__).parents[2]
LISTENERS = r'''
import socketserver, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

class Web(BaseHTTPRequestHandler):
    server_version = "Apache/2.4.41"
    sys_version = ""
    def do_GET(self):
        self.send_response(200); self.send_header("Content-Length", "2"); self.end_headers(); self.wfile.write(b"ok")
    def log_message(self, *a): pass

class Redis(socketserver.BaseRequestHandler):
    def handle(self):
        if self.request.recv(64).startswith(b"*1\r\n$4\r\nPING"):
            self.request.sendall(b"+PONG\r\n")

class Closer(socketserver.BaseRequestHandler):
    def handle(self):
        pass

addr = sys.argv[1]
servers = [ThreadingHTTPServer((addr, 80), Web), socketserver.ThreadingTCPServer((addr, 6379), Redis),
           socketserver.ThreadingTCPServer((addr, 3389), Closer)]
for s in servers:
    s.handle_error = lambda *a: None
    threading.Thread(target=s.serve_forever, daemon=True).start()
print("ready", flush=True)
sys.stdin.read()
'''


def _ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, capture_output=True)


def test_probe_across_two_namespaces():
    tag = str(os.getpid() % 100000)
    ns_a, ns_b, veth_a, veth_b = f"pst-a-{tag}", f"pst-b-{tag}", f"pva{tag}", f"pvb{tag}"
    scanner, target = "10.231.7.1", "10.231.7.2"
    listener = None
    try:
        _ip("netns", "add", ns_a)
        _ip("netns", "add", ns_b)
        _ip("link", "add", veth_a, "type", "veth", "peer", "name", veth_b)
        _ip("link", "set", veth_a, "netns", ns_a)
        _ip("link", "set", veth_b, "netns", ns_b)
        for ns, dev, addr in ((ns_a, veth_a, scanner), (ns_b, veth_b, target)):
            _ip("-n", ns, "addr", "add", f"{addr}/24", "dev", dev)
            _ip("-n", ns, "link", "set", dev, "up")
            _ip("-n", ns, "link", "set", "lo", "up")
        listener = subprocess.Popen(["ip", "netns", "exec", ns_b, sys.executable, "-c", LISTENERS, target],
                                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert listener.stdout.readline().strip() == "ready"
        result = subprocess.run(
            ["ip", "netns", "exec", ns_a, sys.executable, "-m", "posture", "probe", target, "--authorized-by",
             "NETNS-TEST", "--json", "--unprivileged", "--timeout", "60"],
            capture_output=True, text=True, timeout=120, cwd=ROOT, env={**os.environ, "POSTURE_LANG": "en"})
        assert result.returncode == 0, result.stderr
        data = json.loads(result.stdout)
        jsonschema.validate(data, schema("probe-run"))
        found = {(f["check_id"], f["port"]) for f in data["run"]["findings"]}
        assert {("rdp-exposed", 3389), ("database-exposed", 6379), ("database-unauthenticated", 6379),
                ("http-no-https-redirect", 80), ("http-server-version-disclosure", 80)} <= found
        assert data["run"]["hosts"][0]["address"] == target and data["run"]["complete"]
        assert sorted(data["run"]["hosts"][0]["open_ports"]) == ["3389/tcp", "6379/tcp", "80/tcp"]
    finally:
        if listener is not None:
            listener.kill()
            listener.wait()
        for ns in (ns_a, ns_b):
            subprocess.run(["ip", "netns", "del", ns], capture_output=True)
        subprocess.run(["ip", "link", "del", veth_a], capture_output=True)  # only if it never moved
