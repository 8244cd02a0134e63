"""The pure parts of the service checks: banners, header grading, certificate names, protocol payloads."""

from __future__ import annotations

import struct
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from posture.probes._banners import classify
from posture.probes._databases import _bson, _mongo_fields, mongo_query
from posture.probes._http import hsts_problem, missing_security_headers, version_disclosure
from posture.probes._services import tls_hits
from posture.probes._sip import describe, options_request
from posture.probes._tls import TlsFacts
from posture.probes._udp_probes import ike_main_mode, openvpn_reset, snmpv3_discovery


@pytest.mark.parametrize(("data", "role"), [
    (b"Asterisk Call Manager/7.0.3\r\n", "ami"), (b"Content-Type: auth/request\n\n", "esl"),
    (b"SSH-2.0-OpenSSH_8.9p1 Ubuntu\r\n", "ssh"), (b"RFB 003.008\n", "vnc"), (b"\xff\xfd\x18\xff\xfd ", "telnet"),
    (b"220 ProFTPD Server ready\r\n", "ftp"), (b"220 mail.example.com ESMTP Postfix\r\n", "smtp"),
    (b"J\x00\x00\x00\n8.0.36\x00rest", "mysql"), (b"login: ", "telnet"), (b"hello", ""), (b"", ""),
])
def test_banner_classification(data, role):
    assert classify(data).role == role


def test_header_grading():
    bare = httpx.Headers({"Server": "Apache/2.4.41 (Ubuntu)", "X-Powered-By": "PHP/7.4.3"})
    assert missing_security_headers(bare) == ["Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options",
                                              "Referrer-Policy"]
    assert hsts_problem(bare) == "no Strict-Transport-Security header"
    assert version_disclosure(bare) == "server: Apache/2.4.41 (Ubuntu); x-powered-by: PHP/7.4.3"
    good = httpx.Headers({"Server": "nginx", "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
                          "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'",
                          "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"})
    assert missing_security_headers(good) == [] and hsts_problem(good) is None and version_disclosure(good) is None
    assert "max-age under" in hsts_problem(httpx.Headers({"Strict-Transport-Security": "max-age=300"}))


def test_certificate_names_and_tls_findings():
    now = datetime.now(UTC)
    facts = TlsFacts(version="TLSv1.3", legacy=["TLSv1"], not_after=now + timedelta(days=3), subject="*.vpn.mx",
                     issuer="*.vpn.mx", self_signed=True, trusted=False, trust_error="self-signed certificate",
                     names=["*.vpn.mx", "10.0.0.5"])
    assert facts.matches("portal.vpn.mx") and not facts.matches("a.b.vpn.mx") and not facts.matches("vpn.mx")
    assert facts.matches("10.0.0.5") and not facts.matches("10.0.0.6")
    assert TlsFacts().matches("x") is None
    hits = {h.check_id for h in tls_hits(facts, "10.0.0.5", 443, "otro.example.com")}
    assert hits == {"tls-legacy-protocol", "tls-cert-expiring", "tls-cert-untrusted", "tls-hostname-mismatch"}
    facts.not_after = now - timedelta(days=1)
    assert "tls-cert-expired" in {h.check_id for h in tls_hits(facts, "10.0.0.5", 443, None)}


def test_sip_request_and_response():
    request = options_request("203.0.113.5", 5060, "udp").decode()
    assert request.startswith("OPTIONS sip:203.0.113.5:5060 SIP/2.0\r\n") and request.endswith("\r\n\r\n")
    assert "Via: SIP/2.0/UDP" in request and "CSeq: 1 OPTIONS" in request
    assert describe(b"SIP/2.0 200 OK\r\nUser-Agent: FPBX-16.0.40(18.20.0)\r\n\r\n") == (
        "SIP/2.0 200 OK; User-Agent: FPBX-16.0.40(18.20.0)")
    assert describe(b"HTTP/1.1 400 Bad Request\r\n\r\n") is None


def test_udp_payloads_are_well_formed():
    cookie = b"\x01" * 8
    ike = ike_main_mode(cookie)
    assert ike[:8] == cookie and struct.unpack("!I", ike[24:28])[0] == len(ike) and ike[17] == 0x10
    assert openvpn_reset(b"\x02" * 8)[0] >> 3 == 7
    snmp = snmpv3_discovery(1234)
    assert snmp[0] == 0x30 and snmp[1] == len(snmp) - 2 and snmp[2:5] == b"\x02\x01\x03"


def test_mongo_query_and_reply_parsing():
    query = mongo_query(7)
    assert struct.unpack("<iiii", query[:16]) == (len(query), 7, 0, 2013)
    reply_doc = _bson({"ok": 0, "errmsg": "command listDatabases requires authentication", "code": 13})
    reply = struct.pack("<iiii", 21 + len(reply_doc), 1, 7, 2013) + b"\x00\x00\x00\x00" + b"\x00" + reply_doc
    assert _mongo_fields(reply) == {"ok": 0, "errmsg": "command listDatabases requires authentication", "code": 13}
    assert _mongo_fields(b"garbage") == {}
