"""One probe run from scope to ProbeRun: nmap finds open ports, Python checks the services.

``ProbeRunner.probe_run`` always holds the run so far, so a cancelled runner (Ctrl-C, the app's stop
button) still hands back what it found, marked incomplete. (A ProbeRun is the record of one run; the
ProbeRunner makes it; posture.session.AssessmentSession is the open assessment it is attached to.)
"""

from __future__ import annotations

import asyncio
import secrets
import signal
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from posture import __version__
from posture.content import Library
from posture.findings import ProbeRun, message, run_message
from posture.i18n import Localized, _, _p, fmt
from posture.probes._errors import NmapFailed
from posture.probes._findings import to_findings
from posture.probes._hits import Hit
from posture.probes._nmap import NmapRun, Timing, find_nmap, is_privileged, nmap_args, nmap_version
from posture.probes._nmap_xml import ScanResult, parse_nmap_xml
from posture.probes._profile import DEFAULT_PROFILE, EXPOSURE, PortProfile
from posture.probes._scope import Scope
from posture.probes._services import _UDP_PROBES, check_tcp, check_udp

_UDP_ASKED = frozenset(_UDP_PROBES)

MSG = {
    "refused": _("nmap refused the scan: {detail}"),
    "scanning": _("nmap: {percent:.0f} %"),
    # counts after a colon: no plural to agree with (one host, several ports read alike)
    "scanned": _("nmap finished · hosts: {hosts} · open ports: {open}"),
    "services": _("services: {done}/{total}"),
    "timedout": _("{host}: nmap hit the per-host timeout; partial results"),
    "nmap_cut": _("nmap did not finish ({reason}); partial results"),
}


@dataclass(frozen=True)
class Progress:
    phase: str  # "scan", "services" or "done"
    fraction: float  # 0..1 within the phase
    message: Localized


INTERRUPTED = "interrupted: partial results"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class ProbeRunner:
    def __init__(self, scope: Scope, *, profile: PortProfile = DEFAULT_PROFILE, privileged: bool | None = None,
                 timeout: float = 600.0, host_timeout: float = 60.0, concurrency: int = 64,
                 progress: Callable[[Progress], None] | None = None, library: Library | None = None,
                 nmap_search_path: tuple[str, ...] | None = None):
        self.scope = scope
        self.profile = profile.with_ports(scope.ports) if scope.ports else profile
        self.privileged = is_privileged() if privileged is None else privileged
        self.timeout = timeout
        self.timing = Timing(host_timeout=host_timeout)
        self.concurrency = concurrency
        self.progress = progress or (lambda _p: None)
        self.library = library
        self.nmap_search_path = nmap_search_path
        self.hits: list[Hit] = []
        self.probe_run = ProbeRun(
            id=f"probe-{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}", authorized_by=scope.authorized_by,
            started_at=_now(), finished_at="", targets=[t.text for t in scope.targets],
            exclusions=[e.text for e in scope.exclusions], contact=scope.contact, window=scope.window_text,
            privileged=self.privileged, complete=False,
        )
        looked = self.profile.summary()
        skipped = []
        if not self.privileged:  # UDP: only the ports whose service posture can ask from Python
            looked["udp"] = ",".join(str(p) for p in sorted(self.profile.udp) if self.profile.udp[p] in _UDP_ASKED)
            skipped = [f"{p}/udp" + (f"={r}" if r else "") for p, r in sorted(self.profile.udp.items())
                       if r not in _UDP_ASKED]
        self.probe_run.notes.append(run_message("probe.ports", tcp=looked["tcp"] or "—", udp=looked["udp"] or "—"))
        if skipped:  # asked for, not looked at: said, never dropped in silence
            self.probe_run.notes.append(run_message("probe.udp_skipped", ports=", ".join(skipped),
                                              roles=", ".join(sorted(_UDP_ASKED))))

    async def execute(self) -> ProbeRun:
        self.scope.check_window()
        binary = find_nmap(self.nmap_search_path)
        self.probe_run.tools = {"posture": __version__, "nmap": await nmap_version(binary)}
        try:
            scans = await self._scan(binary)
            await self._services(scans)
            self.probe_run.complete = not self.probe_run.incomplete
        except asyncio.CancelledError:
            self.probe_run.add_reason("probe.interrupted")
            raise
        finally:
            self._finish()
        self.progress(Progress("done", 1.0, _p("progress", "done")))
        return self.probe_run

    def _finish(self) -> None:
        self.probe_run.findings = to_findings(self.hits, self.library)
        self.probe_run.finished_at = _now()

    async def _scan(self, binary: str) -> list[ScanResult]:
        families = [[t for t in self.scope.targets if not t.ipv6], [t for t in self.scope.targets if t.ipv6]]
        results = []
        for targets in (f for f in families if f):
            excl = [e for e in self.scope.exclusions if e.network.version == (6 if targets[0].ipv6 else 4)]
            nmap = NmapRun(nmap_args(binary, targets, excl, self.profile, privileged=self.privileged,
                                     timing=self.timing),
                           on_progress=lambda pct: self.progress(Progress("scan", pct / 100, fmt(MSG["scanning"],
                                                                                                  percent=pct))))
            try:
                await nmap.run(self.timeout)
            except (asyncio.CancelledError, TimeoutError) as exc:
                # Keep every host nmap had finished before it was stopped.
                partial = parse_nmap_xml(nmap.text) if b"<nmaprun" in nmap.output else ScanResult()
                self._record_scan(partial)
                if isinstance(exc, asyncio.CancelledError):
                    raise
                self._incomplete_scan(run_message("reason.timeout"))
                results.append(partial)
                continue
            result = parse_nmap_xml(nmap.text)
            if result.exit == "error" and not result.hosts:
                # nmap refused the whole scan (e.g. --privileged without raw sockets): say so, do not report clean
                raise NmapFailed(fmt(MSG["refused"], detail=result.errormsg or "?"))
            self._record_scan(result)
            if not result.finished or result.exit not in ("", "success"):
                self._incomplete_scan(run_message("reason.nmap", text=result.errormsg) if result.errormsg else
                                      run_message("reason.truncated"))
            results.append(result)
        return results

    def _incomplete_scan(self, reason: dict) -> None:
        """Every target incomplete; ``reason`` is a run message (posture's words, or nmap's own quoted)."""
        self.probe_run.add_reason("probe.nmap_cut", reason=reason)
        for target in self.scope.targets:
            said = run_message("evidence.nmap_stopped", reason=reason)
            self.hits.append(Hit("scan-incomplete", target.text, None, "", message(said, "en"), said))

    def _record_scan(self, result: ScanResult) -> None:
        opened = 0
        for reason in result.reasons:  # a damaged or malformed record in nmap's own output (a cut is said apart)
            if reason["id"] not in ("import.cut", "import.cut_host", "import.run_cut", "import.nmap_error"):
                self.probe_run.add_reason(reason["id"], **reason["params"])
        for host in result.hosts:
            if host.state == "down":
                continue  # nmap lists down hosts with -v; they are not part of what answered
            ports = [f"{p.port}/{p.protocol}" for p in host.open_ports()]
            opened += len(ports)
            self.probe_run.hosts.append({"address": host.address, "hostname": host.hostname, "state": host.state,
                                   "open_ports": ports, "complete": not host.timedout})
            if host.timedout:
                self.probe_run.add_reason("probe.timedout", host=host.address)
                said = run_message("evidence.nmap_host_timeout")
                self.hits.append(Hit("scan-incomplete", host.address, None, "", message(said, "en"), said))
        scanned = fmt(MSG["scanned"], hosts=len(result.hosts), open=opened)  # counts after colons: no plural
        self.progress(Progress("scan", 1.0, scanned))

    async def _services(self, scans: list[ScanResult]) -> None:
        jobs = []
        nmap_udp: list[Hit] = []  # kept only where the application probe got no banner
        for scan in scans:
            for host in scan.hosts:
                if host.state != "up":
                    continue
                name = host.hostname or None
                for p in host.open_ports():
                    if p.protocol == "tcp":
                        jobs.append(self._tcp_job(host.address, p.port, self.profile.role(p.port, "tcp"), name))
                    elif p.protocol == "udp" and p.state == "open" and self.profile.role(p.port, "udp") in EXPOSURE:
                        # A privileged -sU saw an answer; the application probe may still add the banner.
                        role = self.profile.role(p.port, "udp")
                        seen = run_message("evidence.nmap_udp_open")
                        nmap_udp.append(Hit(EXPOSURE[role], host.address, p.port, "udp", message(seen, "en"), seen))
                if host.timedout:
                    continue
                for port, role in self.profile.udp.items():
                    jobs.append(check_udp(host.address, port, role))
        limit = asyncio.Semaphore(self.concurrency)
        done = 0

        async def bounded(job):
            nonlocal done
            async with limit:
                hits = await job
            done += 1
            self.progress(Progress("services", done / len(jobs), fmt(MSG["services"], done=done, total=len(jobs))))
            return hits

        tasks = [asyncio.ensure_future(bounded(j)) for j in jobs]
        try:
            for task in asyncio.as_completed(tasks):
                self.hits.extend(await task)
        except asyncio.CancelledError:
            for task in tasks:
                task.cancel()
            raise
        seen = {(h.host, h.port, h.protocol) for h in self.hits}
        self.hits += [h for h in nmap_udp if (h.host, h.port, h.protocol) not in seen]

    async def _tcp_job(self, host: str, port: int, role: str, name: str | None) -> list[Hit]:
        role_seen, hits = await check_tcp(host, port, role, name)
        for entry in self.probe_run.hosts:
            if entry["address"] == host:
                entry.setdefault("services", {})[f"{port}/tcp"] = role_seen or "unknown"
        return hits


async def probe(scope: Scope, **options) -> ProbeRun:
    """Probe ``scope``; cancel the task to stop (the partial run is on the runner, see ProbeRunner)."""
    return await ProbeRunner(scope, **options).execute()


def run_probe(scope: Scope, *, on_interrupt: Callable[[], None] | None = None, **options) -> ProbeRun:
    """The blocking form for the command line. Ctrl-C stops nmap and returns the partial run, incomplete.

    ``on_interrupt`` is called at once from the Ctrl-C signal (before nmap and the checks are stopped,
    which can take seconds while TLS handshakes time out), so the operator sees the stop was heard.
    """
    runner = ProbeRunner(scope, **options)

    async def main() -> None:
        previous = signal.getsignal(signal.SIGINT)  # asyncio.run's own handler: it cancels this task
        if on_interrupt is not None and callable(previous):
            def heard(signum, frame):
                on_interrupt()
                previous(signum, frame)
            try:
                signal.signal(signal.SIGINT, heard)
            except ValueError:  # not the main thread: no signal handling to add
                previous = None
        try:
            await runner.execute()
        finally:
            if on_interrupt is not None and callable(previous):
                signal.signal(signal.SIGINT, previous)

    try:
        asyncio.run(main())
    except (KeyboardInterrupt, asyncio.CancelledError):
        runner.probe_run.complete = False
        if INTERRUPTED not in runner.probe_run.incomplete:
            runner.probe_run.add_reason("probe.interrupted")
        if not runner.probe_run.finished_at:
            runner._finish()
    return runner.probe_run
