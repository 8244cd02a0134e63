"""Findings from a scan the operator ran themselves (``posture probe --import-nmap``): nmap or masscan XML.

Nothing is sent anywhere: only what the file shows is reported. What the XML already says is
used before the generic service name: the TLS tunnel (``ssl/telnet`` is not cleartext Telnet),
product, device type and CPE, the port's contact-center role, and the NSE script tables that
prove a check (ssl-enum-ciphers, ssl-cert, sip-methods, http-headers, http-server-header).
Scripts no check evaluates are named in the run's notes. Times are the scan's own: findings are
observed when the host was scanned and certificates are judged against that date.

No authorization reference is invented: ``authorized_by`` is what the operator gave, or empty;
``ProbeRun.source`` says where the scan came from and when it ran and was imported.
"""

from __future__ import annotations

import os
import re
import secrets
from datetime import UTC, datetime
from functools import partial

import httpx

from posture import l10n
from posture.content import Library
from posture.errors import Problem, os_reason
from posture.findings import ProbeRun, message, run_message
from posture.i18n import _, fmt
from posture.probes._errors import NmapFailed
from posture.probes._findings import to_findings
from posture.probes._hits import Hit
from posture.probes._http import HSTS_MIN_AGE, hsts_problem, version_disclosure
from posture.probes._nmap_xml import HostResult, PortResult, ScanResult, read_nmap_xml
from posture.probes._profile import DEFAULT_PROFILE, EXPOSURE, NMAP_SERVICE_ROLES
from posture.probes._signatures import SIGNATURES
from posture.probes._tls import EXPIRY_WARNING_DAYS, TlsFacts
from posture.safe_yaml import display_name

MAX_XML_BYTES = 512 * 1024 * 1024  # streamed: memory follows the hosts found, not the file size
MSG = {

    "too_big": _("is larger than {limit}"),
    "unreadable": _("cannot be read: {reason}"),
    "refused": _("{scanner} did not run the scan: {message}"),
}
# product / CPE / device type → role, before the generic service name (nmap -sV names the product)
_PRODUCT_ROLES = (("asterisk call manager", "ami"), ("freeswitch", "esl"), ("redis", "redis"),
                  ("mongodb", "mongodb"), ("elasticsearch", "elasticsearch"), ("openssh", "ssh"),
                  ("asterisk", "pbx-web?"), ("freepbx", "pbx-web?"), ("digium", "pbx-web?"), ("issabel", "pbx-web?"),
                  ("vicidial", "pbx-web?"), ("3cx", "pbx-web?"))
_GENERIC = {"", "unknown", "tcpwrapped", "http", "https", "http-alt", "https-alt", "http-proxy", "ssl"}
_WEB_SERVICES = {"http", "https", "http-alt", "https-alt", "http-proxy", "ssl", "ssl/http"}
_CLEARTEXT_ADMIN = {"telnet", "ftp"}  # roles whose exposure check says "cleartext"
# NSE scripts a check evaluates (the rest are named in the notes, never silently dropped)
EVALUATED_SCRIPTS = {"ssl-enum-ciphers", "ssl-cert", "sip-methods", "http-headers", "http-server-header",
                     "http-title"}
_TABLE_SCRIPTS = {"ssl-enum-ciphers", "ssl-cert"}  # read from their table, or their text form (old nmap)
_WEAK_CIPHER = re.compile(r"(?i)(_RC4_|_3DES_|_DES_|_NULL_|_EXPORT|_anon_|_MD5$)")
_LEGACY_TLS = ("SSLv2", "SSLv3", "TLSv1.0", "TLSv1.1")


def _hit(check_id: str, where: tuple, msg_id: str, **params: object) -> Hit:
    """A Hit whose evidence is a message: English text kept in ``evidence`` for older readers."""
    item = run_message(msg_id, **params)
    return Hit(check_id, *where, message(item, "en", dates=False), item)


def _stamp(epoch: int | None) -> str:
    return datetime.fromtimestamp(epoch, UTC).isoformat(timespec="seconds") if epoch is not None else ""


def _short(ports: str, limit: int = 200) -> str:
    """nmap's services list (``1-1000,3389``), shortened for a note when a scan listed thousands."""
    return ports if len(ports) <= limit else ports[:limit].rsplit(",", 1)[0] + ",…"


def _role(p: PortResult) -> str:
    """The contact-center role of an open port from what nmap wrote: product, CPE, device type, the
    port's profile role, then the service name."""
    facts = " ".join((p.product, *p.cpe)).lower()
    service = p.service.lower()
    web = service in _WEB_SERVICES or service.startswith("http")
    for needle, role in _PRODUCT_ROLES:
        if needle in facts:
            if role == "pbx-web?":
                if web:
                    return "pbx-web"
                continue
            return role
    if p.devicetype.lower() in ("pbx", "voip phone", "voip adapter") and web:
        return "pbx-web"
    profile_role = DEFAULT_PROFILE.role(p.port, p.protocol)
    if service in _GENERIC and profile_role and (
            not web or profile_role in ("pbx-web", "elasticsearch", "http", "https")):
        return profile_role
    return NMAP_SERVICE_ROLES.get(service, "") or profile_role


def _scan_time(host: HostResult, scan: ScanResult, imported: datetime) -> datetime:
    for epoch in (host.endtime, host.starttime, scan.ended, scan.started):
        if epoch is not None:
            return datetime.fromtimestamp(epoch, UTC)
    return imported


def _date(text: str) -> datetime | None:
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _cert_hits(host: HostResult, p: PortResult, at: datetime) -> list[Hit]:
    """ssl-cert: expiry as of the scan's date, self-signed, and names against the name the operator scanned."""
    hits = []
    where = (host.address, p.port, p.protocol)
    table = p.tables.get("ssl-cert")
    table = table if isinstance(table, dict) else {}
    not_after = _date(p.cert_not_after) if p.cert_not_after else None
    subject = table.get("subject") if isinstance(table.get("subject"), dict) else {}
    issuer = table.get("issuer") if isinstance(table.get("issuer"), dict) else {}
    cn = str(subject.get("commonName", ""))
    if not_after is not None:
        days = (not_after - at).total_seconds() / 86400
        # evidence in the file's terms: the date, the scan's date and the whole days between them
        seen = {"not_after": p.cert_not_after, "date": f"{at:%Y-%m-%d}", "days": f"{abs(days):.0f}"}
        if days < 0:
            hits.append(_hit("tls-cert-expired", where, "evidence.cert_expired_at_scan", **seen))
        elif days < EXPIRY_WARNING_DAYS:
            hits.append(_hit("tls-cert-expiring", where, "evidence.cert_expiring_at_scan", **seen))
    if subject and issuer and subject == issuer:
        hits.append(_hit("tls-cert-untrusted", where, "evidence.self_signed", cn=cn))
    names = [n.split(":", 1)[1] for n in re.findall(r"(?:DNS|IP Address):[^\s,]+", p.scripts.get("ssl-cert", ""))]
    if host.hostname and (names or cn):
        facts = TlsFacts(names=names or [cn])
        if facts.matches(host.hostname) is False:
            hits.append(_hit("tls-hostname-mismatch", where, "evidence.name_mismatch", name=host.hostname,
                             names=", ".join(facts.names)))
    return hits


def _cipher_hits(host: HostResult, p: PortResult) -> list[Hit]:
    table = p.tables.get("ssl-enum-ciphers")
    if not isinstance(table, dict):
        return []
    where = (host.address, p.port, p.protocol)
    hits = []
    legacy = [v for v in _LEGACY_TLS if v in table]
    if legacy:
        hits.append(_hit("tls-legacy-protocol", where, "evidence.legacy_tls", versions=", ".join(legacy)))
    weak: list[str] = []
    for version, data in table.items():
        ciphers = data.get("ciphers", []) if isinstance(data, dict) else []
        for cipher in ciphers if isinstance(ciphers, list) else []:
            if not isinstance(cipher, dict):
                continue
            name, grade = str(cipher.get("name", "")), str(cipher.get("strength", ""))
            # grades A–F (nmap 6.4x+), or old nmap's "weak"; names weak whatever their grade
            if (grade and grade[0] in "CDEF") or grade.lower() == "weak" or _WEAK_CIPHER.search(name):
                entry = f"{version} {name} ({grade or '?'})"
                if entry not in weak:
                    weak.append(entry)
    if weak:
        hits.append(_hit("tls-weak-cipher", where, "evidence.weak_ciphers",
                         ciphers="; ".join(weak[:6]) + (f" (+{len(weak) - 6})" if len(weak) > 6 else "")))
    return hits


def _headers_from(output: str) -> httpx.Headers:
    pairs = []
    for line in output.splitlines():
        name, sep, value = line.strip().partition(":")
        if sep and name and " " not in name and not name.startswith("("):
            pairs.append((name, value.strip()))
    return httpx.Headers(pairs)


def _web_hits(host: HostResult, p: PortResult) -> list[Hit]:
    where = (host.address, p.port, p.protocol)
    hits = []
    if "http-headers" in p.scripts:
        headers = _headers_from(p.scripts["http-headers"])
        if p.tunnel == "ssl" and hsts_problem(headers):
            value = headers.get("strict-transport-security")
            hits.append(_hit("http-missing-hsts", where, "evidence.no_hsts") if value is None else
                        _hit("http-missing-hsts", where, "evidence.short_hsts", value=value, min=HSTS_MIN_AGE))
        if shown := version_disclosure(headers):
            hits.append(Hit("http-server-version-disclosure", *where, f"http-headers: {shown}"))
    elif (server := p.scripts.get("http-server-header", "").strip()) and (
            shown := version_disclosure(httpx.Headers({"server": server}))):
        hits.append(Hit("http-server-version-disclosure", *where, f"http-server-header: {shown}"))
    return hits


def _title_hits(host: HostResult, p: PortResult) -> list[Hit]:
    """http-title against the portal signatures that match on the page title (SSL-VPN and PBX login pages)."""
    title = " ".join(p.scripts.get("http-title", "").split())
    if not title:
        return []
    page = f"<title>{title}</title>"
    for sig in SIGNATURES:
        for pattern in sig.body:
            if "title>" in pattern and re.search(pattern, page):
                evidence = f"http-title: {title} ({sig.vendor}, {sig.source})"
                return [Hit("pbx-web-exposed" if sig.kind == "pbx" else "vpn-portal-exposed", host.address, p.port,
                            p.protocol, evidence)]
    return []


def port_hits(host: HostResult, p: PortResult, at: datetime) -> list[Hit]:
    """What one open port in the XML proves."""
    role = _role(p)
    if "sip-methods" in p.scripts and role not in ("sip", "sip-tls"):
        role = "sip"
    tunnel = f"{p.tunnel}/" if p.tunnel else ""
    # masscan names no service: its banner (or the port's role) stands in for nmap's service name
    seen = f"{tunnel}{p.service or role or '?'}" + (f" ({p.banner})" if p.banner else "")
    if "sip-methods" in p.scripts:
        seen += f"; sip-methods: {' '.join(p.scripts['sip-methods'].split())}"
    where = (host.address, p.port, p.protocol)
    fields = {"port": p.port, "protocol": p.protocol, "service": seen}
    hits: list[Hit] = []
    if role in _CLEARTEXT_ADMIN and p.tunnel == "ssl":
        # TLS-wrapped Telnet/FTP (992, 990): exposed administration, but not in cleartext
        hits.append(_hit("admin-service-exposed", where, "evidence.open", **fields))
    elif role in EXPOSURE:
        hits.append(_hit(EXPOSURE[role], where, "evidence.open", **fields))
    hits += _cert_hits(host, p, at)
    hits += _cipher_hits(host, p)
    hits += _web_hits(host, p)
    hits += [h for h in _title_hits(host, p) if (h.check_id, h.port) not in {(x.check_id, x.port) for x in hits}]
    return hits


def _incomplete_hits(scan: ScanResult, name: str) -> list[Hit]:
    """scan-incomplete findings where the problem is: a reason about one record (a cut or damaged
    host, a malformed port) lands on that host only; a reason about the whole file (cut between
    records, nmap's error, a run without <runstats>, a record without address) on every host up.
    The evidence is the reason itself, rendered in the reader's language."""
    hits: list[Hit] = []
    up = [h.address for h in scan.up if not h.timedout]
    done: set[tuple[str, str]] = set()
    for reason in scan.reasons:
        host = reason["params"].get("host")
        for address in ([host] if host else up):
            if (address, reason["id"]) in done or any(h.host == address for h in hits):
                continue  # one finding per host: its first reason
            done.add((address, reason["id"]))
            hits.append(_hit("scan-incomplete", (address, None, ""), "evidence.scan_incomplete", file=name,
                             reason=reason))
    if not hits and (not scan.finished or scan.exit == "error"):
        reason = run_message("import.cut", line="?")
        hits += [_hit("scan-incomplete", (a, None, ""), "evidence.scan_incomplete", file=name, reason=reason)
                 for a in up]
    return hits


def import_nmap(path: str | os.PathLike, *, authorized_by: str = "", library: Library | None = None) -> ProbeRun:
    """A ProbeRun from an nmap or masscan XML file.

    Raises NmapFailed (one line naming the file) when the file cannot be read, is not scanner XML,
    or the scanner refused the scan without reporting any host. Damage, a cut, nmap's own error or
    a malformed element make the run incomplete with the reason and line, keeping every good host.
    """
    name = display_name(path)
    imported = datetime.now(UTC)
    hits: list[Hit] = []
    observed: dict[str, str] = {}
    unused: dict[str, int] = {}

    undated: list[tuple[HostResult, list[PortResult]]] = []
    # each finding is observed when its own record was scanned: masscan writes one <host> per open port, and
    # --append-output joins runs hours apart; the first record with that (check, host, port, protocol) wins,
    # as its evidence does in to_findings
    seen_at: dict[tuple, str] = {}
    stamps: dict[datetime, str] = {}  # one string per distinct time (26,000 records often share a few)

    def stamp_of(at: datetime) -> str:
        found = stamps.get(at)
        if found is None:
            found = stamps[at] = at.isoformat(timespec="seconds")
        return found

    def add_hits(found: list[Hit], at: datetime) -> None:
        stamp = stamp_of(at)
        for h in found:
            seen_at.setdefault((h.check_id, h.host, h.port, h.protocol), stamp)
        hits.extend(found)

    def on_host(host: HostResult) -> None:
        """Each host record as it is read: what its open ports prove (records of one address add up)."""
        if host.state != "up":
            return
        if host.starttime is None and host.endtime is None:
            # no time of its own and no run start (the reader gives an old nmap's record the run's start): the
            # run's end, read later, is the scan's own time — judged and dated once the whole file is read
            undated.append((host, host.open_ports()))
        else:
            at = _scan_time(host, ScanResult(), imported)
            observed.setdefault(host.address, stamp_of(at))
            for p in host.open_ports():
                add_hits(port_hits(host, p, at), at)
        for p in host.open_ports():
            for sid in p.scripts:
                # a TLS script whose output could not be read (no table, text form not understood) is unused too
                if sid not in EVALUATED_SCRIPTS or (sid in _TABLE_SCRIPTS and sid not in p.tables):
                    unused[sid] = unused.get(sid, 0) + 1
        for sid in host.scripts:  # host scripts (smb-os-discovery…): no check reads them
            unused[sid] = unused.get(sid, 0) + 1

    try:
        if os.path.getsize(path) > MAX_XML_BYTES:  # named with the file by the handler below
            raise NmapFailed(fmt(MSG["too_big"], limit=partial(l10n.size, MAX_XML_BYTES)))
        with open(path, "rb") as fh:
            scan = read_nmap_xml(fh, source=name, on_host=on_host)
    except OSError as exc:
        said = fmt(MSG["unreadable"], reason=os_reason(exc))  # posture's words for the OS error (errors.py)
        raise NmapFailed(said, problems=[Problem(name, said)]) from None
    except NmapFailed as exc:
        raise NmapFailed(exc.message, problems=[Problem(name, exc.message)]) from None
    for host, ports in undated:  # observed at the same time, below (the hosts up)
        at = _scan_time(host, scan, imported)  # the run's end, else (no time in the file at all) the import
        for p in ports:
            add_hits(port_hits(host, p, at), at)
    up = scan.up
    if scan.exit == "error" and not up:
        message = fmt(MSG["refused"], scanner=scan.scanner or "nmap", message=scan.errormsg or "?")
        raise NmapFailed(message, problems=[Problem(name, message)])
    started = _stamp(scan.started) or imported.isoformat(timespec="seconds")
    run = ProbeRun(
        id=f"import-{imported:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}", authorized_by=authorized_by, started_at=started,
        finished_at=_stamp(scan.ended), targets=[h.address for h in up], privileged=scan.scan_type == "syn",
        tools={scan.scanner or "nmap": scan.version},
        source={"kind": "import", "format": f"{scan.scanner or 'nmap'}-xml", "scanner": scan.scanner or "nmap",
                "file": name, "imported_at": imported.isoformat(timespec="seconds"),
                "scan_started": _stamp(scan.started), "scan_finished": _stamp(scan.ended), "runs": scan.runs,
                "addresses": scan.total, "up": len(up), "command": scan.command_line,
                "encoding": scan.encoding},
    )
    run.notes = list(scan.notes)
    for reason in scan.reasons:
        run.add_reason(reason["id"], **reason["params"])
    for host in up:
        entry = {"address": host.address, "hostname": host.hostname or host.ptr, "state": host.state,
                 "open_ports": [f"{p.port}/{p.protocol}" for p in host.open_ports()], "complete": True}
        if host.ptr and not host.hostname:
            entry["hostname_source"] = "PTR"  # nmap's reverse DNS, not the name the operator scanned
        run.hosts.append(entry)
        observed.setdefault(host.address, stamp_of(_scan_time(host, scan, imported)))
        if host.timedout:
            run.add_reason("import.timedout", host=host.address)
            hits.append(_hit("scan-incomplete", (host.address, None, ""), "evidence.host_timedout"))
    if scan.services:
        shown = "; ".join(f"{proto.upper()} {_short(ports)}" for proto, ports in sorted(scan.services.items()))
        run.notes.append(run_message("import.ports", ports=shown))
    elif scan.scanner == "masscan":  # masscan's XML does not say which ports it scanned
        run.notes.append(run_message("import.masscan_ports"))
    elif scan.scanner == "nmap" and scan.runs and not any(h.open_ports() for h in up):
        run.notes.append(run_message("import.no_ports"))
    for sid in scan.run_scripts:  # prescript/postscript (broadcast-*…): no check reads them
        unused[sid] = unused.get(sid, 0) + 1
    if unused:
        run.notes.append(run_message("import.scripts_unused",
                                     scripts=", ".join(f"{k} ({v})" for k, v in sorted(unused.items()))))
    hits += _incomplete_hits(scan, os.path.basename(name))
    flagged = {h.host for h in hits if h.check_id == "scan-incomplete"}
    for entry in run.hosts:
        entry["complete"] = entry["address"] not in flagged
    run.complete = not run.incomplete
    run.findings = to_findings(hits, library, observed_at=imported.isoformat(timespec="seconds"))
    for f in run.findings:  # a port's finding: its record's time; a host's (timed out, cut): its first record's
        f.observed_at = seen_at.get((f.check_id, f.host, f.port, f.protocol)) or observed.get(f.host, f.observed_at)
    return run
