"""Running nmap: find it, build a safe argument list, run it as a cancellable asyncio subprocess.

We run nmap ourselves (``-oX -``) rather than through python-nmap's ``scan()`` so that cancelling
the task (Ctrl-C, the app's stop button) kills nmap at once and keeps the XML read so far.
Targets reach argv one per element, already validated; nothing goes through a shell or shlex.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import socket
from collections.abc import Callable
from dataclasses import dataclass

from posture.i18n import _, fmt
from posture.probes._errors import NmapFailed, NmapNotFound
from posture.probes._profile import PortProfile
from posture.probes._targets import Target

# Where python-nmap also looks; PATH first.
SEARCH_PATH = ("/usr/bin/nmap", "/usr/local/bin/nmap", "/opt/homebrew/bin/nmap", "/sw/bin/nmap", "/opt/local/bin/nmap")

MSG = {
    "missing": _("nmap is not installed. Install it (Debian/Ubuntu: sudo apt-get install nmap; Fedora/RHEL: sudo "
                 "dnf install nmap; macOS: brew install nmap; Windows: https://nmap.org/download) or use "
                 "--import-nmap with an XML you already have. The rest of posture works without nmap."),
    "failed": _("nmap exited with code {code}: {detail}"),
}

_PERCENT = re.compile(rb'<taskprogress [^>]*percent="([0-9.]+)"')


def find_nmap(search_path: tuple[str, ...] | None = None) -> str:
    found = shutil.which("nmap")
    if found and search_path is None:
        return found
    for candidate in (SEARCH_PATH if search_path is None else search_path):
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    raise NmapNotFound(dict(MSG["missing"]))


def is_privileged() -> bool:
    """Whether nmap can send raw packets (SYN and UDP scans): root with CAP_NET_RAW, tried for real,
    since root in a container without that capability cannot."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return False
    try:
        socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_TCP).close()
    except OSError:
        return False
    return True


@dataclass(frozen=True)
class Timing:
    host_timeout: float = 60.0  # seconds per host before nmap gives up on it (reported as incomplete)
    max_retries: int = 2


def nmap_args(binary: str, targets: list[Target], exclusions: list[Target], profile: PortProfile, *,
              privileged: bool, timing: Timing = Timing()) -> list[str]:
    args = [binary, "-oX", "-", "-n", "-Pn", "-T4", "--max-retries", str(timing.max_retries),
            "--host-timeout", f"{max(1, int(timing.host_timeout * 1000))}ms", "--stats-every", "1s"]
    args += ["-sS", "-sU"] if privileged else ["-sT"]
    args += ["-p", profile.nmap_ports(udp=privileged)]
    if any(t.ipv6 for t in targets):
        args.append("-6")
    if exclusions:
        args += ["--exclude", ",".join(e.text for e in exclusions)]
    args.append("--")  # everything after is a target, never an option
    args += [t.text for t in targets]
    return args


class NmapRun:
    """One nmap process. ``output`` holds the XML read so far, also after a cancel."""

    def __init__(self, args: list[str], on_progress: Callable[[float], None] | None = None):
        self.args = args
        self.on_progress = on_progress
        self.output = bytearray()
        self.stderr = b""
        self.returncode: int | None = None
        self.pid: int | None = None

    async def run(self, timeout: float | None = None) -> str:
        proc = await asyncio.create_subprocess_exec(
            *self.args, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
            stdin=asyncio.subprocess.DEVNULL)
        self.pid = proc.pid
        try:
            async with asyncio.timeout(timeout):
                err_task = asyncio.ensure_future(proc.stderr.read())
                while chunk := await proc.stdout.read(65536):
                    self.output += chunk
                    if self.on_progress is not None:
                        for match in _PERCENT.finditer(chunk):
                            self.on_progress(float(match.group(1)))
                self.stderr = await err_task
                self.returncode = await proc.wait()
        except BaseException:
            # Cancelled, timed out or interrupted: stop nmap now and leave no process behind.
            if proc.returncode is None:
                proc.kill()
                await proc.wait()
            raise
        if self.returncode != 0 and b"<nmaprun" not in self.output:
            detail = self.stderr.decode("utf-8", "replace").strip().splitlines()
            raise NmapFailed(fmt(MSG["failed"], code=self.returncode, detail=detail[0] if detail else ""))
        return self.text

    @property
    def text(self) -> str:
        return self.output.decode("utf-8", "replace")


async def nmap_version(binary: str) -> str:
    proc = await asyncio.create_subprocess_exec(binary, "-V", stdout=asyncio.subprocess.PIPE,
                                                stderr=asyncio.subprocess.DEVNULL)
    try:
        out, _ = await proc.communicate()
    except BaseException:  # Ctrl-C while asking the version: leave no process (nor its transport) behind
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
        raise
    match = re.search(rb"Nmap version (\S+)", out)
    return match.group(1).decode() if match else ""
