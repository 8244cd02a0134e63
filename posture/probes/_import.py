"""Findings from an nmap XML the operator ran themselves (``posture probe --import-nmap``).

Nothing is sent anywhere: only what the file shows is reported, so exposure by port and
service, certificate dates from ssl-cert, and incomplete hosts.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

from posture.content import Library
from posture.errors import Problem
from posture.findings import ProbeRun
from posture.i18n import both, fmt
from posture.probes._errors import NmapFailed
from posture.probes._findings import to_findings
from posture.probes._hits import Hit
from posture.probes._nmap_xml import PortResult, parse_nmap_xml
from posture.probes._profile import DEFAULT_PROFILE, EXPOSURE, NMAP_SERVICE_ROLES
from posture.probes._tls import EXPIRY_WARNING_DAYS
from posture.safe_yaml import display_name

MAX_XML_BYTES = 64 * 1024 * 1024
MSG = {
    "unreadable": both("no se puede leer: {reason}", "cannot be read: {reason}"),
    "too_big": both("pesa más de {limit} bytes", "is larger than {limit} bytes"),
    "imported": both("importado de {file}", "imported from {file}"),
    "cut": both("el XML está incompleto (nmap no terminó)", "the XML is incomplete (nmap did not finish)"),
}
_PRODUCT_ROLES = (("asterisk call manager", "ami"), ("freeswitch", "esl"), ("redis", "redis"),
                  ("mongodb", "mongodb"), ("elasticsearch", "elasticsearch"), ("openssh", "ssh"))


def _role(p: PortResult) -> str:
    product = p.product.lower()
    for needle, role in _PRODUCT_ROLES:
        if needle in product:
            return role
    return NMAP_SERVICE_ROLES.get(p.service, "") or DEFAULT_PROFILE.role(p.port, p.protocol)


def _cert_hits(host: str, p: PortResult) -> list[Hit]:
    if not p.cert_not_after:
        return []
    try:
        not_after = datetime.fromisoformat(p.cert_not_after)
    except ValueError:
        return []
    not_after = not_after if not_after.tzinfo else not_after.replace(tzinfo=UTC)
    days = (not_after - datetime.now(UTC)).total_seconds() / 86400
    if days < 0:
        return [Hit("tls-cert-expired", host, p.port, p.protocol, f"ssl-cert notAfter={p.cert_not_after}")]
    if days < EXPIRY_WARNING_DAYS:
        return [Hit("tls-cert-expiring", host, p.port, p.protocol, f"ssl-cert notAfter={p.cert_not_after}")]
    return []


def import_nmap(path: str | os.PathLike, *, authorized_by: str = "", library: Library | None = None) -> ProbeRun:
    name = display_name(path)
    try:
        if os.path.getsize(path) > MAX_XML_BYTES:
            raise NmapFailed(fmt(MSG["too_big"], limit=MAX_XML_BYTES),
                             problems=[Problem(name, fmt(MSG["too_big"], limit=MAX_XML_BYTES))])
        with open(path, encoding="utf-8", errors="replace") as fh:
            text = fh.read()
    except OSError as exc:
        message = fmt(MSG["unreadable"], reason=exc.strerror or str(exc))
        raise NmapFailed(message, problems=[Problem(name, message)]) from None
    try:
        scan = parse_nmap_xml(text, source=name)
    except NmapFailed as exc:
        raise NmapFailed(exc.message, problems=[Problem(name, exc.message)]) from None
    hits: list[Hit] = []
    run = ProbeRun(id=f"import-{datetime.now(UTC):%Y%m%dT%H%M%SZ}", authorized_by=authorized_by or
                   fmt(MSG["imported"], file=name)["en"], started_at=datetime.now(UTC).isoformat(timespec="seconds"),
                   finished_at="", targets=sorted({h.address for h in scan.hosts}), privileged=scan.scan_type == "syn",
                   tools={"nmap": scan.version})
    for host in scan.hosts:
        run.hosts.append({"address": host.address, "hostname": host.hostname, "state": host.state,
                          "open_ports": [f"{p.port}/{p.protocol}" for p in host.open_ports()],
                          "complete": not host.timedout})
        if host.timedout:
            run.incomplete.append(f"{host.address}: nmap host timeout")
            hits.append(Hit("scan-incomplete", host.address, None, "",
                            "nmap host timeout: ports not reported may still be open"))
        for p in host.open_ports():
            role = _role(p)
            evidence = f"{p.port}/{p.protocol} open: " + (f"{p.tunnel}/" if p.tunnel else "") + \
                (p.service or "?") + (f" ({p.banner})" if p.banner else "")
            if role in EXPOSURE:
                hits.append(Hit(EXPOSURE[role], host.address, p.port, p.protocol, evidence))
            hits += _cert_hits(host.address, p)
    if not scan.finished:
        run.incomplete.append(fmt(MSG["cut"])["en"])
        hits += [Hit("scan-incomplete", h.address, None, "", "XML cut short before nmap finished") for h in scan.hosts]
    run.complete = not run.incomplete
    run.findings = to_findings(hits, library)
    run.finished_at = datetime.now(UTC).isoformat(timespec="seconds")
    return run
