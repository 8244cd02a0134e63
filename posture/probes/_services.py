"""Service checks on one open port or one UDP port: identify what answers, then check it."""

from __future__ import annotations

from posture.findings import run_message
from posture.probes import _databases, _sip, _udp_probes
from posture.probes._banners import classify, read_greeting
from posture.probes._hits import Hit, evidence_of, said
from posture.probes._http import web_checks
from posture.probes._profile import EXPOSURE, WEB_ROLES
from posture.probes._tls import EXPIRY_WARNING_DAYS, TlsFacts, tls_facts_async

# Roles whose protocol is not TLS or HTTP: no handshake attempts there.
_OPAQUE = {"rdp", "smb", "pptp", "mssql", "postgres", "vnc", "redis", "mongodb", "ssh", "ftp", "telnet",
           "smtp", "ami", "esl", "mysql", "sip", "openvpn"}


def tls_hits(facts: TlsFacts, host: str, port: int, server_name: str | None) -> list[Hit]:
    where = (host, port, "tcp")
    hits = []
    if facts.legacy:
        hits.append(said("tls-legacy-protocol", *where, "evidence.tls_legacy", versions=", ".join(facts.legacy)))
    days = facts.days_left()
    if days is not None and facts.not_after is not None:
        stamp = facts.not_after.isoformat(timespec="minutes")
        if days < 0:
            hits.append(said("tls-cert-expired", *where, "evidence.cert_expired", stamp=stamp, days=f"{-days:.0f}",
                             cn=facts.subject))
        elif days < EXPIRY_WARNING_DAYS:
            hits.append(said("tls-cert-expiring", *where, "evidence.cert_expiring", stamp=stamp, days=f"{days:.1f}",
                             cn=facts.subject))
    if facts.trusted is False:
        if facts.self_signed:
            hits.append(said("tls-cert-untrusted", *where, "evidence.cert_self_signed", cn=facts.subject,
                             error=facts.trust_error))
        else:
            hits.append(said("tls-cert-untrusted", *where, "evidence.cert_issuer", issuer=facts.issuer,
                             cn=facts.subject, error=facts.trust_error))
    if server_name and facts.matches(server_name) is False:
        hits.append(said("tls-hostname-mismatch", *where, "evidence.cert_names", name=server_name,
                         names=", ".join(facts.names)))
    return hits


async def check_tcp(host: str, port: int, role: str, server_name: str | None = None) -> tuple[str, list[Hit]]:
    """(the role seen, hits) for one open TCP port."""
    banner = classify(await read_greeting(host, port))
    role = banner.role or role
    where = (host, port, "tcp")
    hits: list[Hit] = []
    evidence: str | dict = banner.said or banner.text or run_message("evidence.port_open", port=port, protocol="tcp")
    if role == "redis":
        if answer := await _databases.redis(host, port):
            hits.append(Hit("database-unauthenticated", *where, "Redis " + answer[1]) if answer[0] else
                        Hit("database-exposed", *where, "Redis " + answer[1]))
    elif role == "mongodb":
        if answer := await _databases.mongodb(host, port):
            hits.append(Hit("database-unauthenticated" if answer[0] else "database-exposed", *where,
                            *evidence_of(answer[1])))
    elif role == "sip" and not banner.role and (answer := await _sip.sip_tcp(host, port)):
        evidence = answer
    if role in EXPOSURE:
        hits.append(Hit(EXPOSURE[role], *where, *evidence_of(evidence)))
    if banner.role or role in _OPAQUE:
        return role, hits
    facts = await tls_facts_async(host, port, server_name)
    if facts is not None:
        hits += tls_hits(facts, host, port, server_name)
    if role == "elasticsearch":
        if answer := await _databases.elasticsearch(host, port, facts is not None):
            hits.append(Hit("database-unauthenticated" if answer[0] else "database-exposed", *where,
                            *evidence_of(answer[1] if isinstance(answer[1], dict) else "Elasticsearch " + answer[1])))
        return role, hits
    if role in WEB_ROLES or not role or role == "sip-tls":
        web = await web_checks(host, port, facts is not None, server_name)
        hits += web.hits
        if web.is_http and not role:
            role = "https" if facts is not None else "http"
    return role, hits


_UDP_PROBES = {"sip": _sip.sip_udp, "ike": _udp_probes.ike, "openvpn": _udp_probes.openvpn_udp,
               "snmp": _udp_probes.snmp}


async def check_udp(host: str, port: int, role: str) -> list[Hit]:
    probe = _UDP_PROBES.get(role)
    answer = await probe(host, port) if probe is not None else None
    return [Hit(EXPOSURE[role], host, port, "udp", *evidence_of(answer))] if answer else []
