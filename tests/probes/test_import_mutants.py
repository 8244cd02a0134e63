"""Rules of the nmap XML reader that its mutation run (``bench/mutation.py scan-import``) found unstated.

Each test builds its own small XML, so it states one rule of the reader: how damaged and cut records are
reported, how NSE tables are read, which command-line tokens are targets, how bad bytes are replaced.
"""

from __future__ import annotations

import io
import re
import string
from datetime import UTC, datetime

import pytest
import time_machine

from posture.probes import NmapFailed, _import, import_nmap
from posture.probes._http import HSTS_MIN_AGE
from posture.probes._nmap_xml import (
    HostResult,
    PortResult,
    ScanResult,
    _targets_of,
    cert_from_text,
    ciphers_from_text,
    merge_port_lists,
    parse_nmap_xml,
    read_nmap_xml,
)
from posture.probes._tls import EXPIRY_WARNING_DAYS

HEAD = '<?xml version="1.0"?>\n<nmaprun scanner="nmap" args="nmap 192.0.2.0/24" start="1700000000" version="7.94">\n'
TAIL = '<runstats><finished time="1700000100" exit="success"/></runstats>\n</nmaprun>\n'


def _host(address: str, ports: str = "") -> str:
    return (f'<host><status state="up"/>\n<address addr="{address}" addrtype="ipv4"/>\n'
            f"<ports>{ports}</ports>\n</host>\n")


def _reasons(result) -> list[tuple[str, dict]]:
    return [(r["id"], r["params"]) for r in result.reasons]


def test_a_file_that_starts_with_nmaprun_is_read_from_its_first_character():
    """No XML declaration: the first character of the text is the ``<`` of ``<nmaprun>``, and it counts."""
    result = parse_nmap_xml(HEAD.split("\n", 1)[1] + _host("192.0.2.1") + TAIL)
    assert result.runs == 1 and [h.address for h in result.hosts] == ["192.0.2.1"]


def test_a_record_that_never_closes_without_an_address_is_reported_with_its_line_and_why():
    """A ``<host>`` cut by the next one, whose address is not readable, is one reason: its line and the
    damage (``no </host>``), not a host name it cannot know."""
    text = HEAD + '<host><status state="up"/>\n' + _host("192.0.2.2") + TAIL
    result = parse_nmap_xml(text)
    assert _reasons(result) == [("import.damaged_host", {"line": 3, "detail": {"id": "import.no_host_end",
                                                                              "params": {}}})]
    assert [h.address for h in result.hosts] == ["192.0.2.2"]


def test_a_damaged_record_with_a_readable_address_is_named_by_it_with_the_damage():
    """A record no parser accepts, whose address the text still shows, is reported with that address,
    its line and the parser's complaint."""
    text = HEAD + '<host><address addr="192.0.2.3" addrtype="ipv4"/><ports><port></host>\n' + TAIL
    result = parse_nmap_xml(text)
    ((msg_id, params),) = _reasons(result)
    assert msg_id == "import.damaged_host_at"
    assert params["host"] == "192.0.2.3" and params["line"] == 3
    assert params["detail"] == {"id": "import.xml.tag_mismatch", "params": {}}  # said in posture's words
    assert result.hosts == []


def test_nse_tables_keep_keyed_and_unkeyed_children_and_skip_other_elements():
    """An NSE ``<table>`` with both keyed and unkeyed children is a dict whose unkeyed children are a list
    under the key ``""``; an empty ``<elem>`` is the empty string; elements other than ``<table>`` and
    ``<elem>`` are skipped without hiding the ones after them."""
    script = ('<script id="x-test" output="o"><note>not data</note>'
              '<elem key="empty"></elem><elem>first</elem><table key="t"><elem key="k">v</elem></table>'
              '<elem>second</elem></script>')
    port = f'<port protocol="tcp" portid="443"><state state="open"/>{script}</port>'
    result = parse_nmap_xml(HEAD + _host("192.0.2.4", port) + TAIL)
    (p,) = result.hosts[0].ports
    assert p.tables["x-test"] == {"empty": "", "t": {"k": "v"}, "": ["first", "second"]}
    assert p.scripts["x-test"] == "o"


def test_targets_are_the_address_like_arguments_not_options_or_their_values():
    """Targets of an nmap command line: every address-like argument after the program name, but never an
    option (``-D10.0.0.9`` is a decoy list) nor the value of ``-p``, an output option (``-oX``, ``-oN``,
    ``-oG``, ``-oA``), ``--exclude`` or ``-iL``."""
    args = "nmap 10.0.0.1 -p 22 -D10.0.0.9 --exclude 10.0.0.5 -oX 1.2 -oN 3.4 -oG 5.6 -oA 7.8 10.0.1.0/24 -iL 2.3 ::1"
    assert _targets_of(args) == ("10.0.0.1", "10.0.1.0/24", "::1")
    assert _targets_of("nmap -p 22 10.0.0.1") == ("10.0.0.1",)
    assert _targets_of("nmap") == ()


def test_bytes_that_do_not_decode_become_one_replacement_character_each_and_are_counted():
    """An invalid UTF-8 byte in a banner is read as U+FFFD (the Unicode replacement character, nothing
    else) and counted in a note with the line of the first one."""
    port = ('<port protocol="tcp" portid="21"><state state="open"/>'
            '<service name="ftp" product="ACME\udcff FTP"/></port>')
    raw = (HEAD + _host("192.0.2.5", port) + TAIL).encode("utf-8", "surrogateescape")
    result = read_nmap_xml(io.BytesIO(raw))
    assert result.hosts[0].ports[0].product == "ACME\ufffd FTP"
    assert {"id": "import.bad_bytes", "params": {"count": 1, "encoding": "UTF-8", "line": 5}} in result.notes


def test_http_headers_output_is_read_as_the_headers_it_shows():
    """nmap's http-headers output, read as headers: the name is what comes before the first colon (a date's
    own colons stay in the value); the status line, a name with a space and nmap's parenthesised remarks
    are not headers."""
    output = ("\n  Date: Wed, 15 Sep 2021 19:10:09 GMT\n  Server: Apache/2.4.39\n  HTTP/1.1 200 OK\n  X-Lone\n"
              "  Some thing: x\n  (Request type: HEAD)\n  (Via): proxy\n  Connection: close\n")
    headers = _import._headers_from(output)
    assert [(k.lower(), v) for k, v in headers.multi_items()] == [
        ("date", "Wed, 15 Sep 2021 19:10:09 GMT"), ("server", "Apache/2.4.39"), ("connection", "close")]


def test_cipher_lines_outside_a_protocol_section_are_ignored():
    """Old ssl-enum-ciphers text: a cipher line before any ``TLSv1.x:`` heading belongs to no protocol and is
    skipped, never a crash."""
    text = "\n    TLS_RSA_WITH_RC4_128_SHA - weak\n  TLSv1.0:\n    TLS_RSA_WITH_DES_CBC_SHA - weak\n"
    assert ciphers_from_text(text) == {"TLSv1.0": {"ciphers": [{"name": "TLS_RSA_WITH_DES_CBC_SHA",
                                                               "strength": "weak"}]}}


def test_a_file_cut_inside_a_record_before_its_address_names_where_the_record_started_and_ended():
    """The file ends inside a ``<host>`` whose address was not written yet: one reason with the line the
    record starts at and the line the file ends at (no host to name); the complete hosts before it are kept
    and the run is not reported as cut a second time."""
    result = parse_nmap_xml(HEAD + _host("192.0.2.1") + '<host starttime="1">\n<status state="up"/>\n')
    assert _reasons(result) == [("import.cut_host", {"line": 9, "start": 7})]
    assert [h.address for h in result.hosts] == ["192.0.2.1"] and not result.finished


def test_old_nmap_certificate_text_is_read_as_the_table_newer_nmap_writes():
    """ssl-cert's text form (nmap before 6.x): Subject and Issuer as name → value (parts split at ``/`` or
    ``,`` before a ``Name=``, camelCase names kept, a value keeps its own ``=``), and the validity dates
    under ``notBefore``/``notAfter`` in ISO 8601 (a space becomes ``T``)."""
    text = ("Subject: commonName=pbx.example.com/organizationName=ACME=Corp/countryName=MX\n"
            "Issuer: commonName=ACME CA, organizationName=ACME\n"
            "Public Key type: rsa\n"
            "Not valid before: 2020-01-01 00:00:00\n"
            "Not valid after:  2021-01-01T00:00:00\n")
    assert cert_from_text(text) == {
        "subject": {"commonName": "pbx.example.com", "organizationName": "ACME=Corp", "countryName": "MX"},
        "issuer": {"commonName": "ACME CA", "organizationName": "ACME"},
        "validity": {"notBefore": "2020-01-01T00:00:00", "notAfter": "2021-01-01T00:00:00"},
    }
    assert cert_from_text("Public Key type: rsa\n") == {}


def test_a_record_cut_after_some_ports_keeps_every_complete_port():
    """The file ends inside a host's third ``<port>``: the host is kept, marked cut, with both complete ports."""
    ports = ('<port protocol="tcp" portid="22"><state state="open"/></port>\n'
             '<port protocol="tcp" portid="80"><state state="open"/></port>\n'
             '<port protocol="tcp" portid="443"><state')
    text = HEAD + '<host><status state="up"/>\n<address addr="192.0.2.7" addrtype="ipv4"/>\n<ports>' + ports
    (host,) = parse_nmap_xml(text).hosts
    assert host.address == "192.0.2.7" and host.cut and [p.port for p in host.ports] == [22, 80]


def test_a_record_cut_before_any_complete_port_still_gives_its_host():
    """Cut before its first complete ``<port>``, a record still gives its host (address and state), with no
    ports, even when the next element follows the address without a line break."""
    text = (HEAD + '<host><status state="up"/><address addr="192.0.2.8" addrtype="ipv4"/><hostnames/>'
            '<ports><port protocol="tcp" portid="80"><state')
    result = parse_nmap_xml(text)
    assert [(h.address, h.state, h.cut, h.ports) for h in result.hosts] == [("192.0.2.8", "up", True, [])]
    assert [r["id"] for r in result.reasons] == ["import.cut_host_at"]


def test_certificate_dates_keep_their_offset_and_a_date_without_one_is_utc():
    """A notAfter written with an offset is that instant (``+05:00`` midnight is 19:00 UTC the day before);
    one without an offset is read as UTC; a value that is no date is None."""
    assert _import._date("2026-01-01T00:00:00+05:00") == datetime(2025, 12, 31, 19, tzinfo=UTC)
    assert _import._date(" 2026-01-01T00:00:00 ") == datetime(2026, 1, 1, tzinfo=UTC)
    assert _import._date("soon") is None


def test_a_long_services_list_is_cut_at_a_port_boundary_within_200_characters():
    """The scan's services list in a note: whole when short; when longer than 200 characters, as many whole
    ports as fit, then ``,…``."""
    assert _import._short("22,80,443") == "22,80,443"
    ports = ",".join(str(p) for p in range(1000, 1300))
    short = _import._short(ports)
    assert short.endswith(",…") and len(short) <= 202
    kept = short.removesuffix(",…")
    assert ports.startswith(kept + ",") and len(kept) > 190


AT = datetime(2026, 1, 1, tzinfo=UTC)


def _tls_port(subject: dict, issuer: dict | None = None, text: str = "") -> PortResult:
    port = PortResult(443, "tcp", "open", tunnel="ssl")
    port.tables["ssl-cert"] = {"subject": subject, "issuer": issuer or {"commonName": "ACME CA"}}
    port.scripts["ssl-cert"] = text
    return port


def _hits(host, port):
    return [(h.check_id, h.evidence_msg["params"]) for h in _import._cert_hits(host, port, AT)]


def test_the_certificate_s_common_name_is_checked_when_it_lists_no_alternative_names():
    """The name the operator scanned is checked against the certificate's alternative names, or, when it
    lists none, against its subject's commonName."""
    host = HostResult("192.0.2.10", "up", hostname="pbx.example.com")
    assert _hits(host, _tls_port({"commonName": "other.example.net"})) == [
        ("tls-hostname-mismatch", {"name": "pbx.example.com", "names": "other.example.net"})]
    assert _hits(host, _tls_port({"commonName": "pbx.example.com"})) == []
    san = "Subject Alternative Name: DNS:www.example.org"
    assert _hits(host, _tls_port({"commonName": "pbx.example.com"}, text=san)) == [
        ("tls-hostname-mismatch", {"name": "pbx.example.com", "names": "www.example.org"})]


def test_a_self_signed_certificate_is_named_by_its_common_name():
    """Subject equal to issuer: untrusted (self-signed), the evidence naming the subject's commonName."""
    subject = {"commonName": "pbx.local", "organizationName": "ACME"}
    assert _hits(HostResult("192.0.2.11", "up"), _tls_port(subject, dict(subject))) == [
        ("tls-cert-untrusted", {"cn": "pbx.local"})]


def test_a_services_part_that_is_no_port_is_skipped_and_the_rest_read():
    """nmap's services list: a part that is not a port or range is skipped, the parts after it still count."""
    assert merge_port_lists("22,abc,80-81", "443") == "22,80-81,443"


def test_a_certificate_is_expiring_only_under_30_days_from_the_scan():
    """``tls-cert-expiring`` when notAfter is less than EXPIRY_WARNING_DAYS (30) days after the scan: at
    exactly 30 days (to the second) it is not yet, one second less it is; the evidence gives the days."""
    host = HostResult("192.0.2.12", "up")

    def hits(not_after: str):
        port = _tls_port({"commonName": "a"})
        port.cert_not_after = not_after
        return _hits(host, port)

    assert EXPIRY_WARNING_DAYS == 30
    assert hits("2026-01-31T00:00:00+00:00") == []
    assert hits("2026-01-30T23:59:59+00:00") == [("tls-cert-expiring", {
        "not_after": "2026-01-30T23:59:59+00:00", "date": "2026-01-01", "days": "30"})]


def _cipher_evidence(ciphers: list[dict]) -> list[tuple[str, dict]]:
    port = PortResult(443, "tcp", "open", tunnel="ssl")
    port.tables["ssl-enum-ciphers"] = {"TLSv1.2": {"ciphers": ciphers}}
    return [(h.check_id, h.evidence_msg["params"]) for h in _import._cipher_hits(HostResult("192.0.2.13", "up"), port)]


def test_weak_ciphers_are_graded_c_to_f_or_weak_and_a_strong_one_is_not():
    """A cipher nmap grades A or B with a sound name is not weak; grades C–F or "weak" are, each listed with
    its protocol, name and grade (a cipher without a name shows an empty name, never "None")."""
    strong = {"name": "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "strength": "A"}
    assert _cipher_evidence([strong, {**strong, "strength": "B"}]) == []
    assert _cipher_evidence([strong, {"strength": "C"}]) == [
        ("tls-weak-cipher", {"ciphers": "TLSv1.2  (C)"})]


def test_more_than_six_weak_ciphers_show_six_and_how_many_more():
    """The evidence names the first six weak ciphers and counts the rest: ``(+1)`` for seven, nothing for six."""
    weak = [{"name": f"TLS_RSA_WITH_X{i}", "strength": "D"} for i in range(8)]
    six = "; ".join(f"TLSv1.2 TLS_RSA_WITH_X{i} (D)" for i in range(6))
    assert _cipher_evidence(weak[:6]) == [("tls-weak-cipher", {"ciphers": six})]
    assert _cipher_evidence(weak[:7]) == [("tls-weak-cipher", {"ciphers": six + " (+1)"})]
    assert _cipher_evidence(weak) == [("tls-weak-cipher", {"ciphers": six + " (+2)"})]


def test_a_short_hsts_max_age_on_https_is_a_finding_with_the_value_and_the_minimum():
    """On a TLS port, a Strict-Transport-Security header whose max-age is under HSTS_MIN_AGE (six months) is
    ``http-missing-hsts`` at that host and port, the evidence giving the header's value and the minimum; a
    missing header is the same check with its own evidence."""
    port = PortResult(443, "tcp", "open", tunnel="ssl")
    port.scripts["http-headers"] = "\n  Strict-Transport-Security: max-age=300\n  Server: nginx\n"
    hits = _import._web_hits(HostResult("192.0.2.14", "up"), port)
    assert [(h.check_id, h.host, h.port, h.protocol, h.evidence_msg) for h in hits] == [
        ("http-missing-hsts", "192.0.2.14", 443, "tcp",
         {"id": "evidence.short_hsts", "params": {"value": "max-age=300", "min": HSTS_MIN_AGE}})]
    port.scripts["http-headers"] = "\n  Server: nginx\n"
    hits = _import._web_hits(HostResult("192.0.2.14", "up"), port)
    assert [(h.check_id, h.evidence_msg["id"]) for h in hits] == [("http-missing-hsts", "evidence.no_hsts")]


def test_without_http_headers_the_server_header_script_still_shows_a_version():
    """When nmap ran http-server-header but not http-headers, a Server value with a version is still
    ``http-server-version-disclosure``, its evidence naming that script; without a version it is nothing."""
    port = PortResult(80, "tcp", "open")
    port.scripts["http-server-header"] = " Apache/2.4.39 (Unix) "
    hits = _import._web_hits(HostResult("192.0.2.15", "up"), port)
    assert [(h.check_id, h.port, h.evidence) for h in hits] == [
        ("http-server-version-disclosure", 80, "http-server-header: server: Apache/2.4.39 (Unix)")]
    port.scripts["http-server-header"] = "nginx"
    assert _import._web_hits(HostResult("192.0.2.15", "up"), port) == []


def test_a_pbx_product_is_its_web_console_only_on_a_web_service():
    """A PBX product name (FreePBX, Asterisk…) makes the port the PBX's web console only when nmap saw a web
    service there (``http*``, ``ssl``…); on SIP it stays SIP."""
    def role(service: str) -> str:
        return _import._role(PortResult(40010, "tcp", "open", service=service, product="FreePBX"))

    assert role("ssl") == "pbx-web" and role("http-alt") == "pbx-web"
    assert role("sip") == "sip"


def test_the_evidence_of_a_tls_port_names_the_tunnel_and_the_service():
    """An exposure on a TLS port says ``ssl/<service>`` with the banner, as nmap writes it."""
    port = PortResult(992, "tcp", "open", service="telnet", product="BusyBox telnetd", tunnel="ssl")
    hits = _import.port_hits(HostResult("192.0.2.16", "up"), port, AT)
    assert [(h.check_id, h.evidence_msg["params"]["service"]) for h in hits] == [
        ("admin-service-exposed", "ssl/telnet (BusyBox telnetd)")]


def test_a_generic_web_service_takes_the_port_s_web_role_and_a_voip_device_makes_it_a_pbx_console():
    """nmap's generic "http" on a port posture's profile knows as the PBX web console (8088) is that console;
    on a port the profile knows as non-web (5038, AMI) it stays web; any VoIP device type (PBX, phone,
    adapter) serving the web is a PBX console."""
    def role(port: int, devicetype: str = "") -> str:
        return _import._role(PortResult(port, "tcp", "open", service="http", devicetype=devicetype))

    assert role(8088) == "pbx-web" and role(5038) == "http"
    assert role(40020, "VoIP adapter") == role(40021, "VoIP phone") == role(40022, "PBX") == "pbx-web"
    assert role(40023) == "http"


def test_a_port_number_past_65535_is_refused_with_its_line():
    """``portid`` must be 0–65535: 65535 is read, 65536 is skipped with a reason naming the value and host."""
    ports = ('<port protocol="tcp" portid="65535"><state state="open"/></port>\n'
             '<port protocol="tcp" portid="65536"><state state="open"/></port>')
    result = parse_nmap_xml(HEAD + _host("192.0.2.17", ports) + TAIL)
    assert [p.port for p in result.hosts[0].ports] == [65535]
    assert _reasons(result) == [("import.bad_portid", {"line": 6, "value": "65536", "host": "192.0.2.17"})]


def test_a_port_without_a_number_is_refused_with_an_empty_value():
    """A ``<port>`` without ``portid`` is skipped, the reason showing the (empty) value it had and, with no
    portid to find in the text, the line of its host record."""
    port = '<port protocol="tcp"><state state="open"/></port>'
    result = parse_nmap_xml(HEAD + _host("192.0.2.18", port) + TAIL)
    assert result.hosts[0].ports == []
    assert _reasons(result) == [("import.bad_portid", {"line": 3, "value": "", "host": "192.0.2.18"})]


def test_a_service_s_cpes_and_an_old_certificate_text_are_read_onto_the_port():
    """The service's CPE identifiers are kept (they decide roles such as the PBX console), and an ssl-cert
    written only as text (nmap before 6.x) becomes the port's ssl-cert table with its notAfter."""
    cert = ("Subject: commonName=pbx.example.com&#xa;Issuer: commonName=pbx.example.com&#xa;"
            "Not valid before: 2020-01-01 00:00:00&#xa;Not valid after:  2021-01-01 00:00:00")
    port = ('<port protocol="tcp" portid="443"><state state="open"/><service name="https" tunnel="ssl">'
            '<cpe>cpe:/a:sangoma:freepbx</cpe><cpe>cpe:/o:linux:linux_kernel</cpe></service>'
            f'<script id="ssl-cert" output="{cert}"/></port>')
    (p,) = parse_nmap_xml(HEAD + _host("192.0.2.19", port) + TAIL).hosts[0].ports
    assert p.cpe == ("cpe:/a:sangoma:freepbx", "cpe:/o:linux:linux_kernel")
    assert p.tables["ssl-cert"]["subject"] == {"commonName": "pbx.example.com"}
    assert p.cert_not_after == "2021-01-01T00:00:00"


def test_a_port_problem_is_placed_on_the_line_of_its_own_port_element_whatever_the_quotes():
    """A ``<port>`` problem points at the line of the element with that portid AND protocol in its record
    (53/udp is not 53/tcp, whichever comes first), with single or double quotes around the values."""
    ports = ("\n<port protocol='tcp' portid='53'></port>\n"
             "<port protocol='udp' portid='53'><state state='open'/></port>")
    result = parse_nmap_xml(HEAD + _host("192.0.2.20", ports) + TAIL)
    assert _reasons(result) == [("import.port_no_state", {"line": 6, "port": 53, "host": "192.0.2.20"})]
    # the bad one second: on its own line, not on 53/tcp's
    ports = ('\n<port protocol="tcp" portid="53"><state state="open"/></port>\n'
             '<port portid="53" protocol="udp"></port>\n<port protocol="udp" portid="54"></port>')
    result = parse_nmap_xml(HEAD + _host("192.0.2.21", ports) + TAIL)
    assert _reasons(result) == [("import.port_no_state", {"line": 7, "port": 53, "host": "192.0.2.21"}),
                                ("import.port_no_state", {"line": 8, "port": 54, "host": "192.0.2.21"})]


def _run(args: str | None, total: int | None, address: str) -> str:
    head = '<nmaprun scanner="nmap" start="1700000000"' + (f' args="{args}"' if args is not None else "") + ">\n"
    hosts = f'<runstats><finished time="1700000100" exit="success"/><hosts up="1" total="{total}"/></runstats>\n' \
        if total is not None else '<runstats><finished time="1700000100" exit="success"/></runstats>\n'
    return head + _host(address) + hosts + "</nmaprun>\n"


def test_the_total_counts_every_run_that_says_it_even_after_one_that_does_not():
    """Across ``--append-output`` runs, a run without ``<hosts total>`` is skipped and the runs after it still
    count; runs without a visible command line count as the same targets (the largest total)."""
    text = '<?xml version="1.0"?>\n' + _run("nmap 10.0.0.0/24", None, "10.0.0.1") + \
        _run("nmap 10.0.1.0/24", 256, "10.0.1.1") + _run(None, 40, "10.0.2.1") + _run(None, 30, "10.0.2.2")
    assert parse_nmap_xml(text).total == 256 + 40


def test_merged_records_keep_a_host_up_once_seen_up_and_ignore_an_unknown_state():
    """Records of one address merge: a host seen up stays up when a later record says down; a record without
    a state (masscan, no open port) does not replace a known one."""
    def record(state: str | None) -> str:
        status = f'<status state="{state}"/>' if state else ""
        return f'<host>{status}<address addr="192.0.2.21" addrtype="ipv4"/></host>\n'

    assert [h.state for h in parse_nmap_xml(HEAD + record("up") + record("down") + TAIL).hosts] == ["up"]
    assert [h.state for h in parse_nmap_xml(HEAD + record("down") + record(None) + TAIL).hosts] == ["down"]


def test_an_old_certificate_text_without_dates_gives_a_table_and_no_expiry():
    """Old ssl-cert text that shows a subject but no validity dates still gives the table, with no notAfter."""
    port = ('<port protocol="tcp" portid="443"><state state="open"/><service name="https" tunnel="ssl"/>'
            '<script id="ssl-cert" output="Subject: commonName=pbx.example.com"/></port>')
    (p,) = parse_nmap_xml(HEAD + _host("192.0.2.22", port) + TAIL).hosts[0].ports
    assert p.tables["ssl-cert"] == {"subject": {"commonName": "pbx.example.com"}} and p.cert_not_after == ""


def test_a_scan_without_times_is_dated_by_its_import_and_says_it_had_none(tmp_path):
    """An XML with no start or finish time: the run starts when it was imported, and the source records
    no scan start or finish (empty, not a made-up value)."""
    xml = tmp_path / "untimed.xml"
    xml.write_text('<?xml version="1.0"?>\n<nmaprun scanner="nmap" args="nmap 192.0.2.0/24">\n'
                   + _host("192.0.2.23", '<port protocol="tcp" portid="23"><state state="open"/>'
                                         '<service name="telnet"/></port>')
                   + '<runstats><finished exit="success"/></runstats>\n</nmaprun>\n', encoding="utf-8")
    with time_machine.travel(datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC), tick=False):
        run = import_nmap(xml)
    assert run.started_at == "2026-03-04T05:06:07+00:00" and run.finished_at == ""
    assert (run.source["scan_started"], run.source["scan_finished"]) == ("", "")


def test_one_scan_incomplete_finding_per_host_with_its_first_reason():
    """Two problems in one host's record give that host one ``scan-incomplete`` finding, carrying the first."""
    ports = ('<port protocol="tcp" portid="22"></port>\n'
             '<port protocol="tcp" portid="x"><state state="open"/></port>')
    scan = parse_nmap_xml(HEAD + _host("192.0.2.24", ports) + TAIL)
    assert [r["id"] for r in scan.reasons] == ["import.port_no_state", "import.bad_portid"]
    hits = _import._incomplete_hits(scan, "scan.xml")
    assert [(h.check_id, h.host, h.evidence_msg["params"]["reason"]["id"]) for h in hits] == [
        ("scan-incomplete", "192.0.2.24", "import.port_no_state")]


def test_a_status_without_state_and_names_without_a_name_read_as_nothing():
    """``<status/>`` without a state is no state (masscan's rule then applies: up with an open port); a user or
    PTR ``<hostname>`` without ``name`` gives no name."""
    record = ('<host><status/><address addr="192.0.2.25" addrtype="ipv4"/>'
              '<hostnames><hostname type="user"/><hostname type="PTR"/></hostnames>'
              '<ports><port protocol="tcp" portid="80"><state state="open"/></port></ports></host>\n')
    (host,) = parse_nmap_xml(HEAD + record + TAIL).hosts
    assert (host.state, host.hostname, host.ptr) == ("up", "", "")


def test_merged_records_keep_the_name_the_cut_and_the_timeout_either_one_had():
    """Records of one address merge: the name the operator gave (from whichever record has it), cut if either
    record was cut, timed out if either timed out."""
    first = ('<host timedout="true"><status state="up"/><address addr="192.0.2.26" addrtype="ipv4"/>'
             '<hostnames><hostname name="pbx.example.com" type="user"/></hostnames></host>\n')
    second = ('<host><status state="up"/><address addr="192.0.2.26" addrtype="ipv4"/>'
              '<ports><port protocol="tcp" portid="80"><state state="open"/></port>\n<port')
    (host,) = parse_nmap_xml(HEAD + first + second).hosts
    assert (host.hostname, host.timedout, host.cut) == ("pbx.example.com", True, True)
    assert [p.port for p in host.ports] == [80]


def test_utf16_without_a_bom_and_a_declared_8_bit_encoding_are_read_and_named():
    """UTF-16 without a byte-order mark is recognised by its pattern (little or big endian) and named in the
    notes as UTF-16LE/UTF-16BE; an 8-bit encoding the XML declares (ISO-8859-1) is used and named."""
    text = HEAD.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>') + _host("192.0.2.27") + TAIL
    for codec, name in (("utf-16-le", "UTF-16LE"), ("utf-16-be", "UTF-16BE")):
        result = read_nmap_xml(io.BytesIO(text.encode(codec)))
        assert [h.address for h in result.hosts] == ["192.0.2.27"]
        assert {"id": "import.encoding", "params": {"encoding": name}} in result.notes
    port = '<port protocol="tcp" portid="21"><state state="open"/><service name="ftp" product="Año FTP"/></port>'
    latin = HEAD.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="ISO-8859-1"?>') + \
        _host("192.0.2.28", port) + TAIL
    result = read_nmap_xml(io.BytesIO(latin.encode("iso-8859-1")))
    assert result.hosts[0].ports[0].product == "Año FTP" and result.encoding == "ISO-8859-1"


def test_a_host_keeps_its_own_times_and_line_and_old_nmap_gets_the_run_s_start():
    """A record's ``starttime``/``endtime`` are the host's; a record with neither (old nmap) takes the run's
    start; one with only an end keeps no start. The host remembers the line its record starts at."""
    def host(attrs: str) -> HostResult:
        record = f'<host {attrs}><status state="up"/><address addr="192.0.2.29" addrtype="ipv4"/></host>\n'
        return parse_nmap_xml(HEAD + record + TAIL).hosts[0]

    h = host('starttime="1700000010" endtime="1700000020"')
    assert (h.starttime, h.endtime, h.line) == (1700000010, 1700000020, 3)
    assert (host("").starttime, host("").endtime) == (1700000000, None)
    assert (host('endtime="1700000020"').starttime, host('endtime="1700000020"').endtime) == (None, 1700000020)


def test_a_record_with_no_state_and_no_open_port_is_unknown_not_up():
    """masscan writes no ``<status>``: a record of it without an open port is ``unknown`` and not counted up."""
    result = parse_nmap_xml(HEAD + '<host><address addr="192.0.2.30" addrtype="ipv4"/></host>\n' + TAIL)
    assert [h.state for h in result.hosts] == ["unknown"] and result.up == []


def test_character_references_xml_forbids_are_replaced_and_the_allowed_ones_kept():
    """``&#xFFFE;`` (not an XML character) becomes U+FFFD and is counted, the record kept; ``&#xFFFD;`` and
    ``&#x10000;`` (allowed) stay what they are."""
    port = ('<port protocol="tcp" portid="21"><state state="open"/>'
            '<service name="ftp" product="a&#xFFFE;b &#xFFFD; &#x10000;"/></port>')
    result = parse_nmap_xml(HEAD + _host("192.0.2.31", port) + TAIL)
    assert result.hosts[0].ports[0].product == "a\ufffdb \ufffd \U00010000"
    assert [n["id"] for n in result.notes] == ["import.replaced_chars"]
    assert result.notes[0]["params"]["count"] == 1


def test_a_file_cut_inside_a_multibyte_character_counts_the_cut_bytes():
    """A file whose last bytes are half a UTF-8 character: those bytes are replaced and counted in a note."""
    raw = (HEAD + _host("192.0.2.32") + TAIL).encode("utf-8") + "ñ".encode()[:1]
    result = read_nmap_xml(io.BytesIO(raw))
    assert [h.address for h in result.hosts] == ["192.0.2.32"]
    assert [(n["id"], n["params"]["count"]) for n in result.notes] == [("import.bad_bytes", 1)]


@pytest.mark.parametrize("declared", ["UTF-16", "UTF-32", "UTF-16LE", "UTF-32BE", "x-no-such-codec"])
def test_a_declared_encoding_that_cannot_be_is_read_as_utf_8(declared):
    """A declaration the bytes contradict (UTF-16 or UTF-32 with 8-bit bytes, as some tools write) or that
    names no known codec: the file is read as UTF-8 and said to be."""
    text = HEAD.replace('<?xml version="1.0"?>', f'<?xml version="1.0" encoding="{declared}"?>')
    result = read_nmap_xml(io.BytesIO((text + _host("192.0.2.33") + TAIL).encode("utf-8")))
    assert [h.address for h in result.hosts] == ["192.0.2.33"] and result.encoding == "UTF-8"


def test_the_run_records_the_scanner_s_format_and_whether_the_scan_was_privileged(tmp_path):
    """The imported run says which scanner's XML it read (``masscan-xml`` for masscan) and marks a SYN scan
    (which needs raw sockets) privileged, a connect scan not."""
    masscan = tmp_path / "masscan.xml"
    masscan.write_text('<?xml version="1.0"?>\n<!-- masscan v1.3 scan -->\n'
                       '<nmaprun scanner="masscan" start="1700000000">\n<scaninfo type="syn" protocol="tcp"/>\n'
                       + _host("192.0.2.34", '<port protocol="tcp" portid="23"><state state="open"/></port>')
                       + TAIL, encoding="utf-8")
    run = import_nmap(masscan)
    assert (run.source["format"], run.source["scanner"], run.privileged) == ("masscan-xml", "masscan", True)
    connect = tmp_path / "connect.xml"
    connect.write_text(HEAD + '<scaninfo type="connect" protocol="tcp"/>\n' + _host("192.0.2.35") + TAIL,
                       encoding="utf-8")
    run = import_nmap(connect)
    assert (run.source["format"], run.privileged) == ("nmap-xml", False)


@pytest.mark.parametrize(("text", "detail_en", "detail_es"), [
    ("\n\n# Nmap 7.94 scan initiated as: nmap -oG - 192.0.2.1\nHost: 192.0.2.1 ()\tStatus: Up\n",
     "looks like nmap's grepable output (-oG); export with -oX",
     "parece la salida «grepable» de nmap (-oG); exporte con -oX"),
    ("  Starting Nmap 7.94 ( https://nmap.org )\nNothing else\n",
     "looks like nmap's normal output (-oN); export with -oX",
     "parece la salida normal de nmap (-oN); exporte con -oX"),
    ("hello\n", "<nmaprun> not found", "no tiene <nmaprun>"),
    ("XX\n", "<nmaprun> not found", "no tiene <nmaprun>"),  # text, not an empty file
    ("# Nmap 7.94 scan initiated as: nmap -oN - 192.0.2.1\n# Nmap done: 1 IP address (0 hosts up)\n",
     "looks like nmap's normal output (-oN); export with -oX",
     "parece la salida normal de nmap (-oN); exporte con -oX"),
])
def test_nmap_s_other_output_formats_are_named_with_how_to_export_xml(text, detail_en, detail_es):
    """Text that is not XML is refused saying what it looks like (grepable or normal nmap output, even after
    blank lines), in both languages, with nothing else inserted for a UTF-8 file."""
    with pytest.raises(NmapFailed) as info:
        parse_nmap_xml(text)
    assert info.value.message == {"en": f"is not nmap XML output (-oX): {detail_en}",
                                  "es": f"no es una salida XML de nmap (-oX): {detail_es}"}


def test_a_single_cut_run_is_reported_at_the_line_the_file_ends():
    """One run without ``<runstats>``: the reason is the cut, at the file's last line."""
    result = parse_nmap_xml(HEAD + _host("192.0.2.36"))
    assert _reasons(result) == [("import.cut", {"line": 7})]


def test_another_scanner_named_in_the_file_is_kept():
    """The scanner is the one ``<nmaprun scanner=…>`` names (``nmap`` when it names none)."""
    assert parse_nmap_xml(HEAD.replace('scanner="nmap"', 'scanner="nmap-fork"') + TAIL).scanner == "nmap-fork"
    assert parse_nmap_xml(HEAD.replace(' scanner="nmap"', "") + TAIL).scanner == "nmap"


def test_bad_bytes_are_counted_in_the_encoding_the_file_was_read_in():
    """A file declared ASCII with a byte above 127: the note names ASCII, not UTF-8."""
    text = HEAD.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="ASCII"?>') + _host("192.0.2.37") + TAIL
    raw = text.encode("ascii") + b"<!-- \xe9 -->\n"
    result = read_nmap_xml(io.BytesIO(raw))
    assert {"id": "import.bad_bytes", "params": {"count": 1, "encoding": "ASCII", "line": 9}} in result.notes


def test_a_host_without_times_in_a_run_without_a_start_is_dated_at_the_run_s_end(tmp_path):
    """Times are the scan's own: a record with no time of its own, in a run whose ``<nmaprun>`` has no ``start``
    but whose ``<finished>`` has a time, has its findings observed — and its certificates judged — at the run's
    end, not at the import. With no time anywhere in the file, the import's time stands in."""
    # a certificate valid until 10 days after the run's end: expiring then, expired by the import (2026)
    not_after = datetime.fromtimestamp(1700000100 + 10 * 86400, UTC).strftime("%Y-%m-%dT%H:%M:%S")
    tls = ('<port protocol="tcp" portid="443"><state state="open"/><service name="https" tunnel="ssl"/>'
           '<script id="ssl-cert" output="x"><table key="subject"><elem key="commonName">a.example</elem></table>'
           '<table key="issuer"><elem key="commonName">CA</elem></table><table key="validity">'
           f'<elem key="notAfter">{not_after}</elem></table></script></port>')
    telnet = '<port protocol="tcp" portid="23"><state state="open"/><service name="telnet"/></port>'
    xml = tmp_path / "nostart.xml"
    xml.write_text(HEAD.replace(' start="1700000000"', "") + _host("192.0.2.41", telnet + tls) + TAIL,
                   encoding="utf-8")
    with time_machine.travel(datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC), tick=False):
        run = import_nmap(xml)
    seen = {(f.check_id, f.port, f.observed_at) for f in run.findings}
    assert ("telnet-exposed", 23, "2023-11-14T22:15:00+00:00") in seen
    assert ("tls-cert-expiring", 443, "2023-11-14T22:15:00+00:00") in seen
    assert not any(f.check_id == "tls-cert-expired" for f in run.findings)
    xml.write_text(HEAD.replace(' start="1700000000"', "") + _host("192.0.2.41", telnet + tls)
                   + TAIL.replace(' time="1700000100"', ""), encoding="utf-8")
    with time_machine.travel(datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC), tick=False):
        run = import_nmap(xml)
    seen = {(f.check_id, f.observed_at) for f in run.findings}  # the certificate judged at the import: expired
    assert {("telnet-exposed", "2026-03-04T05:06:07+00:00"), ("tls-cert-expired", "2026-03-04T05:06:07+00:00")} <= seen


def test_each_host_s_findings_carry_that_host_s_scan_time_and_a_timeout_is_host_level(tmp_path):
    """Findings are observed when their host was scanned (its record's end time), and a timed-out host's
    ``scan-incomplete`` finding is about the host: no port, no protocol."""
    telnet = '<port protocol="tcp" portid="23"><state state="open"/><service name="telnet"/></port>'
    first = _host("192.0.2.38", telnet).replace("<host>", '<host endtime="1700000050">')
    second = _host("192.0.2.39", telnet).replace("<host>", '<host endtime="1700000090" timedout="true">')
    xml = tmp_path / "two.xml"
    xml.write_text(HEAD + first + second + TAIL, encoding="utf-8")
    run = import_nmap(xml)
    seen = {(f.check_id, f.host, f.port, f.protocol, f.observed_at) for f in run.findings}
    assert ("telnet-exposed", "192.0.2.38", 23, "tcp", "2023-11-14T22:14:10+00:00") in seen
    assert ("telnet-exposed", "192.0.2.39", 23, "tcp", "2023-11-14T22:14:50+00:00") in seen
    assert ("scan-incomplete", "192.0.2.39", None, "", "2023-11-14T22:14:50+00:00") in seen


def test_an_address_in_several_records_has_each_finding_observed_when_its_own_record_was_scanned(tmp_path):
    """masscan writes one ``<host>`` per open port, and ``--append-output`` joins runs hours apart: a port's
    finding is observed at the time of the record that showed that port (not the address's first record, not
    the merged record's latest end). A port shown by two records keeps the first one's time, as it keeps that
    record's evidence; a host-level finding (timed out) takes the address's first record's time."""
    def record(end: int, port: int, service: str, extra: str = "") -> str:
        ports = f'<port protocol="tcp" portid="{port}"><state state="open"/><service name="{service}"/></port>'
        return _host("192.0.2.90", ports).replace("<host>", f'<host endtime="{end}"{extra}>')  # masscan: an end only

    xml = tmp_path / "per-port.xml"
    xml.write_text(HEAD.replace('scanner="nmap"', 'scanner="masscan"')
                   + record(1700000010, 23, "telnet") + record(1700003610, 21, "ftp", ' timedout="true"')
                   + record(1700007210, 23, "telnet") + TAIL, encoding="utf-8")
    run = import_nmap(xml)
    seen = {(f.check_id, f.port, f.observed_at) for f in run.findings}
    assert ("telnet-exposed", 23, "2023-11-14T22:13:30+00:00") in seen  # its first record, not 02:13:30 nor 01:13
    assert ("ftp-exposed", 21, "2023-11-14T23:13:30+00:00") in seen  # its own record, an hour after the first
    assert ("scan-incomplete", None, "2023-11-14T22:13:30+00:00") in seen  # the host: its first record


def test_a_timed_out_host_without_times_is_dated_at_the_run_s_end_like_its_ports(tmp_path):
    """A host-level finding (timed out) of a record without times of its own, in a run without a start, is
    observed at the run's end, as that record's port findings are: not at the import, and never without a time."""
    telnet = '<port protocol="tcp" portid="23"><state state="open"/><service name="telnet"/></port>'
    xml = tmp_path / "undated.xml"
    xml.write_text(HEAD.replace(' start="1700000000"', "")
                   + _host("192.0.2.99", telnet).replace("<host>", '<host timedout="true">') + TAIL, encoding="utf-8")
    with time_machine.travel(datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC), tick=False):
        run = import_nmap(xml)
    assert {(f.check_id, f.port, f.observed_at) for f in run.findings} == {
        ("telnet-exposed", 23, "2023-11-14T22:15:00+00:00"), ("scan-incomplete", None, "2023-11-14T22:15:00+00:00")}


def test_declared_entities_are_refused_at_their_line():
    """A DTD declaring entities (billion laughs, external files) is refused before anything is expanded, at
    the line of the declaration, counted from the file's first line even when it is blank."""
    text = '\n<?xml version="1.0"?>\n<!DOCTYPE r [\n<!ENTITY a "aaaa">\n]>\n<nmaprun>&a;</nmaprun>\n'
    with pytest.raises(NmapFailed) as info:
        parse_nmap_xml(text)
    assert info.value.message["en"] == ("is not nmap XML output (-oX): declares XML entities (<!ENTITY>) at line 4; "
                                        "nmap never writes them and posture does not expand them (refused for safety)")


def test_the_first_bad_bytes_past_the_first_mebibyte_are_placed_on_their_line():
    """A file over one read chunk (1 MiB) whose only bad byte is in its second chunk: the note gives that
    byte's line, not the first line of the file; one in the first chunk keeps its own line."""
    filler = "<!-- " + "x" * 100 + " -->\n"
    lines = (1 << 20) // len(filler) + 10
    raw = (HEAD + filler * lines).encode("utf-8") + b"<!-- \xff -->\n" + (_host("192.0.2.40") + TAIL).encode("utf-8")
    result = read_nmap_xml(io.BytesIO(raw))
    assert [h.address for h in result.hosts] == ["192.0.2.40"]
    assert {"id": "import.bad_bytes", "params": {"count": 1, "encoding": "UTF-8", "line": 3 + lines}} in result.notes
    # and the first bad byte in the first chunk keeps its line when more chunks follow
    raw = HEAD.encode("utf-8") + b"<!-- \xff -->\n" + (filler * lines + _host("192.0.2.40") + TAIL).encode("utf-8")
    result = read_nmap_xml(io.BytesIO(raw))
    assert {"id": "import.bad_bytes", "params": {"count": 1, "encoding": "UTF-8", "line": 3}} in result.notes


def test_comments_are_skipped_whole_and_a_masscan_banner_in_one_names_the_scanner():
    """An XML comment is skipped whole: a ``<host>`` inside it is not read; masscan's own comment
    ("masscan v1.3") names the scanner even when ``<nmaprun>`` does not."""
    text = (HEAD.replace(' scanner="nmap"', "") + "<!-- masscan v1.3 scan -->\n<!-- "
            + _host("192.0.2.41") + "-->\n" + _host("192.0.2.42") + TAIL)
    result = parse_nmap_xml(text)
    assert [h.address for h in result.hosts] == ["192.0.2.42"] and result.scanner == "masscan"


def test_the_format_guess_reads_only_the_first_4_kib():
    """Naming what a non-XML file looks like reads its first 4 KiB only: text past the first read chunk
    (1 MiB) does not change the answer."""
    text = ("x" * 99 + "\n") * ((1 << 20) // 100 + 1) + "Nmap scan report for 192.0.2.43\n"
    with pytest.raises(NmapFailed) as info:
        parse_nmap_xml(text)
    assert info.value.message["en"] == "is not nmap XML output (-oX): <nmaprun> not found"


def test_an_empty_comment_ends_where_it_ends_and_a_file_ending_inside_a_comment_keeps_its_hosts():
    """``<!---->`` is a whole (empty) comment: the host after it is read. A file that ends inside a comment is
    cut there, its complete hosts kept."""
    text = HEAD + "<!---->\n" + _host("192.0.2.44") + "<!-- a -->\n" + TAIL
    assert [h.address for h in parse_nmap_xml(text).hosts] == ["192.0.2.44"]
    result = parse_nmap_xml(HEAD + _host("192.0.2.45") + "<!-- the scan was killed here")
    assert [h.address for h in result.hosts] == ["192.0.2.45"] and not result.finished


def test_run_level_scripts_are_listed_from_pre_and_post_sections_even_across_a_read_chunk():
    """NSE scripts run before and after the hosts (``<prescript>``, ``<postscript>``) are listed by id, also
    when a section straddles the 1 MiB read chunk, and the hosts after it are still read, at their lines."""
    pad = "<!-- " + "x" * ((1 << 20) - 200) + " -->\n"
    pre = '<prescript><script id="broadcast-dhcp-discover" output="' + "y" * 400 + '"/></prescript>\n'
    post = '<postscript><script id="ssh-hostkey-summary" output="z"/></postscript>\n'
    bad_port = '<port protocol="tcp" portid="22"></port>'
    result = parse_nmap_xml(HEAD + pad + pre + _host("192.0.2.46", bad_port) + post + TAIL)
    assert result.run_scripts == ["broadcast-dhcp-discover", "ssh-hostkey-summary"]
    assert [h.address for h in result.hosts] == ["192.0.2.46"]
    # and the lines after it are still counted right: the host starts on line 5, its ports on line 7
    assert _reasons(result) == [("import.port_no_state", {"line": 7, "port": 22, "host": "192.0.2.46"})]


def test_a_comment_ending_in_an_exclamation_mark_is_one_comment():
    """``<!-- a <!-->`` is one comment whose text ends in ``<!``: reading goes on after its ``-->``."""
    text = HEAD + "<!-- a <!-->\n" + _host("192.0.2.47") + TAIL
    assert [h.address for h in parse_nmap_xml(text).hosts] == ["192.0.2.47"]


# -- issue 23, third pass: survivors of the grown sample ------------------------------------------------------------

def test_a_cipher_is_weak_by_its_name_whatever_its_grade_and_an_ungraded_one_shows_a_question_mark():
    """A weak algorithm in the name (RC4, 3DES, NULL…) is weak even graded A; a cipher nmap did not grade
    shows ``(?)``; old nmap's grade "weak" is weak in any case of letters, whatever the name."""
    assert _cipher_evidence([{"name": "TLS_RSA_WITH_RC4_128_SHA", "strength": "A"}]) == [
        ("tls-weak-cipher", {"ciphers": "TLSv1.2 TLS_RSA_WITH_RC4_128_SHA (A)"})]
    assert _cipher_evidence([{"name": "TLS_RSA_WITH_3DES_EDE_CBC_SHA"}]) == [
        ("tls-weak-cipher", {"ciphers": "TLSv1.2 TLS_RSA_WITH_3DES_EDE_CBC_SHA (?)"})]
    strong = "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"
    assert _cipher_evidence([{"name": strong, "strength": "weak"}, {"name": strong + "x", "strength": "Weak"}]) == [
        ("tls-weak-cipher", {"ciphers": f"TLSv1.2 {strong} (weak); TLSv1.2 {strong}x (Weak)"})]
    assert _cipher_evidence([{"name": strong}]) == []


def test_any_http_service_is_a_web_service_for_a_pbx_product():
    """nmap's service names starting with ``http`` (``http-mgmt``, ``https-wmi``…) are web services, not only
    the generic ones listed: a PBX product there is its web console."""
    def role(service: str) -> str:
        return _import._role(PortResult(40030, "tcp", "open", service=service, product="FreePBX"))

    assert role("http-mgmt") == role("https-wmi") == "pbx-web"


def test_a_generic_https_on_a_port_the_profile_calls_http_takes_the_profile_s_role():
    """A generic web service name on a port posture's profile knows as plain web (80, 8080) or HTTPS (443)
    takes the profile's role, whichever of http/https nmap guessed."""
    def role(port: int, service: str) -> str:
        return _import._role(PortResult(port, "tcp", "open", service=service))

    assert role(80, "https") == role(8080, "https-alt") == "http"
    assert role(443, "http") == "https"


def test_sip_methods_are_added_to_the_service_in_the_evidence():
    """A port where nmap's sip-methods answered is SIP, and its evidence shows the service and the methods."""
    port = PortResult(5060, "tcp", "open", service="sip", product="Asterisk")
    port.scripts["sip-methods"] = "INVITE,  ACK\n OPTIONS"
    (hit,) = [h for h in _import.port_hits(HostResult("192.0.2.30", "up"), port, AT) if h.port == 5060]
    assert hit.evidence_msg["params"]["service"] == "sip (Asterisk); sip-methods: INVITE, ACK OPTIONS"


def test_the_run_id_is_the_import_time_and_six_hex_digits(tmp_path):
    xml = tmp_path / "scan.xml"
    xml.write_text(HEAD + _host("192.0.2.31") + TAIL, encoding="utf-8")
    with time_machine.travel(datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC), tick=False):
        run = import_nmap(xml)
    assert re.fullmatch(r"import-20260304T050607Z-[0-9a-f]{6}", run.id), run.id


def test_a_file_over_the_size_cap_is_refused_naming_the_cap(tmp_path, monkeypatch):
    xml = tmp_path / "big.xml"
    xml.write_text(HEAD + _host("192.0.2.32") + TAIL, encoding="utf-8")
    monkeypatch.setattr(_import, "MAX_XML_BYTES", 100)
    with pytest.raises(NmapFailed) as info:
        import_nmap(xml)
    assert info.value.lines("en") == [f"{xml}: is larger than 100 bytes"]
    assert info.value.lines("es") == [f"{xml}: pesa más de 100 bytes"]


def test_a_host_s_name_is_marked_as_reverse_dns_only_when_nmap_found_only_a_ptr(tmp_path):
    """The run's host list names where a host's name came from only for a PTR name with no name the operator
    scanned; a host with no name at all, or with the scanned name, has no source."""
    names = {"192.0.2.33": "", "192.0.2.34": '<hostnames><hostname name="ptr.example" type="PTR"/></hostnames>',
             "192.0.2.35": ('<hostnames><hostname name="pbx.example" type="user"/>'
                            '<hostname name="ptr.example" type="PTR"/></hostnames>')}
    xml = tmp_path / "names.xml"
    xml.write_text(HEAD + "".join(_host(a).replace("<ports>", n + "<ports>") for a, n in names.items()) + TAIL,
                   encoding="utf-8")
    hosts = {h["address"]: (h["hostname"], h.get("hostname_source")) for h in import_nmap(xml).hosts}
    assert hosts == {"192.0.2.33": ("", None), "192.0.2.34": ("ptr.example", "PTR"),
                     "192.0.2.35": ("pbx.example", None)}


def test_a_finding_on_a_host_with_no_scan_time_is_dated_by_the_import(tmp_path, monkeypatch):
    """A damaged record's host (not up, so no scan time of its own) gets its scan-incomplete finding dated
    when the file was imported, not when the findings were assembled."""
    from posture.probes import _findings

    xml = tmp_path / "damaged.xml"
    xml.write_text(HEAD + '<host><address addr="192.0.2.36" addrtype="ipv4"/><ports><port></host>\n' + TAIL,
                   encoding="utf-8")

    class Later(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime(2026, 3, 4, 6, 0, 0, tzinfo=UTC)

    monkeypatch.setattr(_findings, "datetime", Later)
    with time_machine.travel(datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC), tick=False):
        run = import_nmap(xml)
    assert [(f.check_id, f.host, f.observed_at) for f in run.findings] == [
        ("scan-incomplete", "192.0.2.36", "2026-03-04T05:06:07+00:00")]


def test_character_references_to_a_surrogate_or_past_unicode_are_replaced():
    """``&#xD800;`` (a surrogate, the first code point after U+D7FF) and ``&#x110000;`` (past U+10FFFF) are not
    XML characters: each becomes U+FFFD and is counted; ``&#xD7FF;`` and ``&#x10FFFF;`` are kept."""
    port = ('<port protocol="tcp" portid="21"><state state="open"/>'
            '<service name="ftp" product="&#xD7FF;&#xD800;&#x10FFFF;&#x110000;"/></port>')
    result = parse_nmap_xml(HEAD + _host("192.0.2.40", port) + TAIL)
    assert result.hosts[0].ports[0].product == "\ud7ff\ufffd\U0010ffff\ufffd"
    assert result.notes[0]["id"] == "import.replaced_chars" and result.notes[0]["params"]["count"] == 2


def test_a_services_list_separated_by_semicolons_and_ranges_one_apart_stay_apart():
    """nmap's services lists may separate parts with ``;``; two ranges merge only when they touch (4 after
    1-3), not across a gap of one port (5 after 1-3)."""
    assert merge_port_lists("22;80", "443") == "22,80,443"
    assert merge_port_lists("1-3", "4") == "1-4"
    assert merge_port_lists("1-3", "5") == "1-3,5"


def test_merged_records_of_one_port_keep_the_scripts_of_both():
    """Two records of one address with the same port: the port keeps the scripts either record ran."""
    def record(script: str) -> str:
        return _host("192.0.2.41", f'<port protocol="tcp" portid="443"><state state="open"/>'
                                   f'<script id="{script}" output="{script} out"/></port>')

    (host,) = parse_nmap_xml(HEAD + record("http-title") + record("http-headers") + TAIL).hosts
    assert host.ports[0].scripts == {"http-title": "http-title out", "http-headers": "http-headers out"}


def test_a_banner_stands_for_the_product_cut_to_200_characters_and_the_device_type_is_read():
    """masscan's banner (spaces collapsed) stands in for a missing product, at most 200 characters; nmap's
    device type is kept on the port."""
    port = (f'<port protocol="tcp" portid="5060"><state state="open"/><service name="sip" banner="{"b" * 300}"'
            ' devicetype="PBX"/></port>')
    (p,) = parse_nmap_xml(HEAD + _host("192.0.2.42", port) + TAIL).hosts[0].ports
    assert p.product == "b" * 200 and p.devicetype == "PBX"


def test_a_script_without_an_id_is_kept_under_the_empty_id():
    port = '<port protocol="tcp" portid="80"><state state="open"/><script output="o"/></port>'
    (p,) = parse_nmap_xml(HEAD + _host("192.0.2.43", port) + TAIL).hosts[0].ports
    assert p.scripts == {"": "o"}


def _read_in_chunks(*chunks: str):
    """The reader fed the text in the pieces given, as a big file arrives (1 MiB a piece in real use)."""
    from posture.probes._nmap_xml import _Reader

    return _Reader("nmap").read(iter(chunks))


def test_lines_stay_right_when_a_piece_of_the_file_starts_with_a_newline():
    damaged = '<host><address addr="192.0.2.50" addrtype="ipv4"/><ports><port></host>\n'
    assert HEAD.count("\n") == 2 and HEAD.endswith("\n")
    result = _read_in_chunks(HEAD, damaged + TAIL)
    assert [(r["id"], r["params"]["line"]) for r in result.reasons] == [("import.damaged_host_at", 3)]
    result = _read_in_chunks(HEAD, "\n" + damaged + TAIL)
    assert [(r["id"], r["params"]["line"]) for r in result.reasons] == [("import.damaged_host_at", 4)]


def test_a_piece_without_any_tag_does_not_end_the_reading():
    result = _read_in_chunks(HEAD, "   \n   ", _host("192.0.2.51") + TAIL)
    assert [h.address for h in result.hosts] == ["192.0.2.51"] and result.finished and result.reasons == []


def test_a_tag_split_between_two_pieces_is_read_whole():
    result = _read_in_chunks(HEAD + _host("192.0.2.52") + '<runstats><finished time="1700000100" ',
                             'exit="success"/></runstats>\n</nmaprun>\n')
    assert (result.finished, result.exit, result.ended, result.notes, result.reasons) == (
        True, "success", 1700000100, [], [])


def test_bad_bytes_at_the_start_of_a_later_piece_after_a_newline_are_placed_on_their_line():
    from posture.probes._nmap_xml import CHUNK

    head = HEAD.encode()
    pad = b"<!--" + b"x" * (CHUNK - len(head) - 7) + b"-->"
    first = head + pad
    assert len(first) == CHUNK and first.count(b"\n") == 2
    data = first + b"\n<!-- \xff -->\n" + _host("192.0.2.53").encode() + TAIL.encode()
    result = read_nmap_xml(io.BytesIO(data))
    (note,) = [n for n in result.notes if n["id"] == "import.bad_bytes"]
    assert note["params"]["line"] == 4 and note["params"]["count"] == 1


def test_lines_stay_right_after_a_record_that_waited_for_the_next_piece():
    """A record split between two pieces is kept whole; the lines counted while it waited are not counted
    twice, so the next record's line is right."""
    damaged = '<host><address addr="192.0.2.55" addrtype="ipv4"/><ports><port></host>\n'
    result = _read_in_chunks(HEAD + '<host><status state="up"/>\n<address addr="192.0.2.54" addrtype="ipv4"/>\n',
                             "<ports></ports>\n</host>\n" + damaged + TAIL)
    assert [(h.address, h.line) for h in result.hosts] == [("192.0.2.54", 3)]
    assert [(r["id"], r["params"]["line"]) for r in result.reasons] == [("import.damaged_host_at", 7)]


def test_a_services_list_of_200_characters_is_whole_and_one_longer_is_cut():
    exact = ",".join(["1234"] * 40)  # 40 × 4 + 39 commas = 199
    assert _import._short(exact + "5") == exact + "5"
    assert len(exact + "5") == 200
    assert _import._short(exact + "56") == ",".join(["1234"] * 39) + ",…"


def test_a_certificate_ending_at_the_scan_s_very_moment_is_expiring_not_expired():
    port = _tls_port({"commonName": "a"})
    port.cert_not_after = "2026-01-01T00:00:00+00:00"  # AT exactly: 0 days left
    assert _hits(HostResult("192.0.2.60", "up"), port) == [("tls-cert-expiring", {
        "not_after": "2026-01-01T00:00:00+00:00", "date": "2026-01-01", "days": "0"})]


def test_an_ipv6_alternative_name_is_read_whole():
    host = HostResult("192.0.2.61", "up", hostname="pbx.example.com")
    san = "Subject Alternative Name: IP Address:2001:DB8:0:0:0:0:0:1"
    assert _hits(host, _tls_port({"commonName": "pbx.example.com"}, text=san)) == [
        ("tls-hostname-mismatch", {"name": "pbx.example.com", "names": "2001:DB8:0:0:0:0:0:1"})]


def test_an_open_port_without_protocol_and_an_empty_cpe_read_as_empty_text():
    port = '<port portid="80"><state state="open"/><service name="http"><cpe/></service></port>'
    (p,) = parse_nmap_xml(HEAD + _host("192.0.2.62", port) + TAIL).hosts[0].ports
    assert (p.protocol, p.cpe) == ("", ("",))


def test_a_generic_web_service_on_the_elasticsearch_port_is_elasticsearch():
    assert _import._role(PortResult(9200, "tcp", "open", service="http")) == "elasticsearch"


def test_sip_methods_on_a_sip_tls_port_keep_it_sip_tls():
    """sip-methods makes a port SIP unless it already is SIP over TLS; without a service name (masscan) the
    role names it in the evidence."""
    port = PortResult(5061, "tcp", "open")
    port.scripts["sip-methods"] = "OPTIONS"
    (hit,) = _import.port_hits(HostResult("192.0.2.63", "up"), port, AT)
    assert hit.evidence_msg["params"]["service"] == "sip-tls; sip-methods: OPTIONS"


def test_a_pbx_login_title_is_an_exposed_pbx_console():
    port = PortResult(443, "tcp", "open", service="https")
    port.scripts["http-title"] = "FreePBX Administration"
    (hit,) = _import._title_hits(HostResult("192.0.2.64", "up"), port)
    assert hit.check_id == "pbx-web-exposed" and hit.evidence.startswith("http-title: FreePBX Administration (FreePBX")


def test_a_script_no_check_reads_is_counted_on_every_port_it_ran(tmp_path):
    script = '<script id="banner" output="x"/>'
    ports = "".join(f'<port protocol="tcp" portid="{n}"><state state="open"/>{script}</port>' for n in (21, 25))
    xml = tmp_path / "scripts.xml"
    xml.write_text(HEAD + _host("192.0.2.65", ports) + TAIL, encoding="utf-8")
    (note,) = [n for n in import_nmap(xml).notes if n["id"] == "import.scripts_unused"]
    assert note["params"]["scripts"] == "banner (2)"


@pytest.mark.parametrize(("bom", "codec", "name"), [
    (b"\xef\xbb\xbf", "utf-8", "UTF-8 (BOM)"), (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
    (b"\xfe\xff", "utf-16-be", "UTF-16BE"), (b"\xff\xfe", "utf-16-le", "UTF-16LE")])
def test_a_byte_order_mark_names_the_encoding_read(bom, codec, name):
    text = HEAD + _host("192.0.2.66") + TAIL
    result = read_nmap_xml(io.BytesIO(bom + text.encode(codec)))
    assert [h.address for h in result.hosts] == ["192.0.2.66"] and result.encoding == name


def test_the_ports_scanned_are_noted_per_protocol(tmp_path):
    xml = tmp_path / "scan.xml"
    xml.write_text(HEAD + '<scaninfo type="syn" protocol="tcp" services="22,80"/>\n'
                   '<scaninfo type="udp" protocol="udp" services="53"/>\n' + _host("192.0.2.67") + TAIL,
                   encoding="utf-8")
    (note,) = [n for n in import_nmap(xml).notes if n["id"] == "import.ports"]
    assert note["params"]["ports"] == "TCP 22,80; UDP 53"


def test_merged_records_span_the_earliest_start_and_the_latest_end():
    def record(start: int, end: int) -> str:
        return _host("192.0.2.68").replace("<host>", f'<host starttime="{start}" endtime="{end}">')

    (host,) = parse_nmap_xml(HEAD + record(1700000010, 1700000050) + record(1700000005, 1700000090)
                             + record(1700000020, 1700000030) + TAIL).hosts
    assert (host.starttime, host.endtime) == (1700000005, 1700000090)


def test_a_tab_character_reference_is_kept():
    port = '<port protocol="tcp" portid="21"><state state="open"/><service name="ftp" product="a&#9;b"/></port>'
    result = parse_nmap_xml(HEAD + _host("192.0.2.70", port) + TAIL)
    assert result.hosts[0].ports[0].product == "a\tb" and result.notes == []


def test_the_scanner_comes_from_nmaprun_and_an_empty_one_is_nmap_and_a_missing_version_is_empty():
    masscan = HEAD.replace('scanner="nmap"', 'scanner="masscan"').replace(' version="7.94"', "")
    result = parse_nmap_xml(masscan + _host("192.0.2.71") + TAIL)
    assert (result.scanner, result.version) == ("masscan", "")
    result = parse_nmap_xml(HEAD.replace('scanner="nmap"', 'scanner=""') + _host("192.0.2.71") + TAIL)
    assert result.scanner == "nmap"


def test_an_error_in_one_run_stays_the_scan_s_exit_and_the_errors_are_joined():
    def run(exit_: str, msg: str = "") -> str:
        return (HEAD.split("\n", 1)[1] + _host("192.0.2.72")
                + f'<runstats><finished time="1700000100" exit="{exit_}" errormsg="{msg}"/></runstats>\n</nmaprun>\n')

    result = parse_nmap_xml(HEAD.split("\n", 1)[0] + "\n" + run("error", "first") + run("error", "second")
                            + run("success"))
    assert (result.exit, result.errormsg) == ("error", "first; second")


def test_a_file_ending_inside_a_prescript_is_still_read():
    result = parse_nmap_xml(HEAD + _host("192.0.2.80") + '<prescript><script id="broadcast-x" output="o"/>')
    assert [h.address for h in result.hosts] == ["192.0.2.80"]


def test_two_records_that_never_close_at_the_end_are_damaged_then_cut():
    first = '<host><status state="up"/><address addr="192.0.2.81" addrtype="ipv4"/>\n'
    second = '<host><status state="up"/><address addr="192.0.2.82" addrtype="ipv4"/>\n'
    result = parse_nmap_xml(HEAD + first + second)
    assert [(r["id"], r["params"].get("host"), r["params"]["line"]) for r in result.reasons][:2] == [
        ("import.damaged_host_at", "192.0.2.81", 3), ("import.cut_host_at", "192.0.2.82", 5)]


def test_a_record_past_the_size_cap_is_skipped_saying_the_cap(monkeypatch):
    from posture.probes import _nmap_xml

    monkeypatch.setattr(_nmap_xml, "MAX_RECORD", 300)
    big = '<host><status state="up"/><address addr="192.0.2.83" addrtype="ipv4"/><ports>' + " " * 400
    result = parse_nmap_xml(HEAD + _host("192.0.2.84") + big)  # nothing after it: no next record to stop at
    assert [h.address for h in result.hosts] == ["192.0.2.84"]
    assert _reasons(result)[0] == ("import.damaged_host_at", {
        "line": 7, "detail": {"id": "import.record_too_big", "params": {"limit_bytes": 300}}, "host": "192.0.2.83"})


def test_a_quoted_greater_than_sign_split_between_pieces_waits_for_the_tag_s_end(monkeypatch):
    """A start tag whose quoted value holds ``>`` and is cut at the end of a piece is read whole once the next
    piece comes, even when the buffer is long; only a tag longer than MAX_RECORD is cut at its first ``>``."""
    from posture.probes import _nmap_xml

    monkeypatch.setattr(_nmap_xml, "MAX_RECORD", 150)
    body = HEAD + _host("192.0.2.85") + _host("192.0.2.86")
    assert len(body) > 150
    result = _read_in_chunks(body + '<runstats><finished time="1700000100" errormsg="a>b',
                             '" exit="error"/></runstats>\n</nmaprun>\n')
    assert (result.exit, result.errormsg, result.notes) == ("error", "a>b", [])


def test_a_tag_with_an_unbalanced_quote_is_a_stray_note_and_reading_goes_on(monkeypatch):
    from posture.probes import _nmap_xml

    monkeypatch.setattr(_nmap_xml, "MAX_RECORD", 50)
    stray = '<hosts up="1 down="0">\n'  # the quote after 1 never closes
    result = parse_nmap_xml(HEAD + stray + _host("192.0.2.87") + _host("192.0.2.88") + TAIL)
    assert [(n["id"], n["params"]["line"]) for n in result.notes] == [("import.stray", 3)]
    assert [h.address for h in result.hosts] == ["192.0.2.87", "192.0.2.88"]


def test_the_scan_type_is_the_first_scaninfo_that_names_one():
    head = HEAD + '<scaninfo protocol="tcp" services="22"/>\n'
    assert parse_nmap_xml(head + TAIL).scan_type == ""
    assert parse_nmap_xml(head + '<scaninfo type="syn" protocol="udp" services="53"/>\n' + TAIL).scan_type == "syn"


def test_masscan_named_by_any_run_makes_the_scan_masscan():
    second = HEAD.split("\n", 1)[1].replace('scanner="nmap"', 'scanner="masscan"')
    result = parse_nmap_xml(HEAD + _host("192.0.2.90") + TAIL + second + _host("192.0.2.91") + TAIL)
    assert result.scanner == "masscan"


def test_names_and_host_scripts_without_their_attributes_read_as_empty():
    record = ('<host><status state="up"/><address addr="192.0.2.92" addrtype="ipv4"/>'
              '<hostnames><hostname name="x.example"/></hostnames><hostscript><script output="o"/></hostscript>'
              '<ports><port protocol="tcp" portid="0"><state state="open"/></port></ports></host>\n')
    (host,) = parse_nmap_xml(HEAD + record + TAIL).hosts
    assert (host.hostname, host.ptr, host.scripts) == ("", "", ("",))
    assert [p.port for p in host.ports] == [0]  # port 0 is a port number nmap can report


def test_merged_records_of_one_port_keep_the_script_tables_of_both():
    def record(script: str) -> str:
        return _host("192.0.2.93", f'<port protocol="tcp" portid="443"><state state="open"/>'
                                   f'<script id="{script}" output="o"><elem key="k">{script}</elem></script></port>')

    (host,) = parse_nmap_xml(HEAD + record("ssl-cert") + record("ssl-enum-ciphers") + TAIL).hosts
    assert host.ports[0].tables == {"ssl-cert": {"k": "ssl-cert"}, "ssl-enum-ciphers": {"k": "ssl-enum-ciphers"}}


def test_a_hostname_mismatch_lists_every_alternative_name():
    host = HostResult("192.0.2.94", "up", hostname="pbx.example.com")
    san = "Subject Alternative Name: DNS:a.example.org, DNS:b.example.org"
    assert _hits(host, _tls_port({"commonName": "pbx.example.com"}, text=san)) == [
        ("tls-hostname-mismatch", {"name": "pbx.example.com", "names": "a.example.org, b.example.org"})]


def test_a_host_script_is_counted_on_every_host_it_ran(tmp_path):
    def record(address: str) -> str:
        return _host(address).replace("</host>", '<hostscript><script id="smb-os-discovery" output="o"/>'
                                                 "</hostscript></host>")

    xml = tmp_path / "scan.xml"
    xml.write_text(HEAD + record("192.0.2.95") + record("192.0.2.96") + TAIL, encoding="utf-8")
    (note,) = [n for n in import_nmap(xml).notes if n["id"] == "import.scripts_unused"]
    assert note["params"]["scripts"] == "smb-os-discovery (2)"


def test_a_run_level_script_is_counted_each_time_it_ran(tmp_path):
    pre = '<prescript><script id="broadcast-x" output="a"/></prescript>\n'
    post = '<postscript><script id="broadcast-x" output="b"/></postscript>\n'
    xml = tmp_path / "scan.xml"
    xml.write_text(HEAD + pre + _host("192.0.2.97") + post + TAIL, encoding="utf-8")
    (note,) = [n for n in import_nmap(xml).notes if n["id"] == "import.scripts_unused"]
    assert note["params"]["scripts"] == "broadcast-x (2)"


def test_a_port_problem_whose_element_cannot_be_found_in_the_text_is_placed_on_its_record_s_line():
    """When the port's portid is written with a character reference (``6553&#54;`` is 65536), the text holds
    no ``portid="65536"`` to point at: the problem is placed on the line where the host record starts."""
    ports = '\n\n<port protocol="tcp" portid="6553&#54;"><state state="open"/></port>'
    result = parse_nmap_xml(HEAD + _host("192.0.2.22", ports) + TAIL)
    assert _reasons(result) == [("import.bad_portid", {"line": 3, "value": "65536", "host": "192.0.2.22"})]


def test_a_script_without_output_is_kept_with_empty_output():
    """An NSE ``<script>`` element without an ``output`` attribute is still listed on its port, with no text."""
    port = ('<port protocol="tcp" portid="5060"><state state="open"/><service name="sip"/>'
            '<script id="sip-methods"/></port>')
    (p,) = parse_nmap_xml(HEAD + _host("192.0.2.23", port) + TAIL).hosts[0].ports
    assert p.scripts == {"sip-methods": ""}


def test_a_refused_scan_names_its_scanner_and_a_question_mark_when_it_gave_no_message(tmp_path):
    """A run that ended in error without any host is refused naming the scanner (masscan too) and the scanner's
    message, or ``?`` when its ``<finished>`` carries none."""
    xml = tmp_path / "refused.xml"
    xml.write_text(HEAD + '<runstats><finished time="1700000100" exit="error"/></runstats>\n</nmaprun>\n',
                   encoding="utf-8")
    with pytest.raises(NmapFailed) as err:
        import_nmap(xml)
    assert err.value.message["en"] == "nmap did not run the scan: ?"
    masscan = HEAD.replace('scanner="nmap"', 'scanner="masscan"')
    xml.write_text(masscan + '<runstats><finished time="1700000100" exit="error" errormsg="no route"/></runstats>\n'
                   '</nmaprun>\n', encoding="utf-8")
    with pytest.raises(NmapFailed) as err:
        import_nmap(xml)
    assert err.value.message["en"] == "masscan did not run the scan: no route"


def test_the_run_records_the_command_line_the_encoding_and_each_host_s_exact_entry(tmp_path):
    """``ProbeRun.source`` keeps the scan's command line and the file's encoding; each host up is one entry with
    exactly its address, name, state, open ports and whether its scan was complete."""
    port = '<port protocol="tcp" portid="23"><state state="open"/><service name="telnet"/></port>'
    xml = tmp_path / "one.xml"
    xml.write_text(HEAD + _host("192.0.2.42", port) + TAIL, encoding="utf-8")
    run = import_nmap(xml)
    assert (run.source["command"], run.source["encoding"]) == ("nmap 192.0.2.0/24", "UTF-8")
    assert run.hosts == [{"address": "192.0.2.42", "hostname": "", "state": "up", "open_ports": ["23/tcp"],
                          "complete": True}]


def test_no_ports_is_noted_only_when_nmap_found_no_open_port(tmp_path):
    """"The scan looked at no port" is said of an nmap run without ``<scaninfo>`` whose hosts show no open port —
    never when a port is open (the file just does not say which ports were scanned)."""
    def notes(ports: str) -> list[str]:
        path = tmp_path / "scan.xml"
        path.write_text(HEAD + _host("192.0.2.43", ports) + TAIL, encoding="utf-8")
        return [n["id"] for n in import_nmap(path).notes]

    assert "import.no_ports" in notes("")
    assert "import.no_ports" not in notes('<port protocol="tcp" portid="23"><state state="open"/></port>')


def test_findings_take_their_check_s_text_and_severity_from_the_library_given(tmp_path):
    """``import_nmap(…, library=lib)``: each finding's severity and texts are the library's check's (a content
    author's edited checks), not the bundled ones."""
    import dataclasses

    from posture.content import Library, bundled_library

    bundled = bundled_library()
    telnet = dataclasses.replace(bundled.probe_checks["telnet-exposed"], severity="low",
                                 title={"es": "Telnet local", "en": "Local Telnet"})
    lib = Library(catalogs=dict(bundled.catalogs), checklists=dict(bundled.checklists),
                  probe_checks={**bundled.probe_checks, "telnet-exposed": telnet})
    xml = tmp_path / "telnet.xml"
    xml.write_text(HEAD + _host("192.0.2.44", '<port protocol="tcp" portid="23"><state state="open"/>'
                                '<service name="telnet"/></port>') + TAIL, encoding="utf-8")
    (f,) = [f for f in import_nmap(xml, library=lib).findings if f.check_id == "telnet-exposed"]
    assert (f.severity, f.title["en"]) == ("low", "Local Telnet")


def test_character_references_at_the_lower_edges_of_the_allowed_ranges_are_kept():
    """``&#x20;`` (space, the first character after the controls) and ``&#xE000;`` (the first after the
    surrogates) are XML characters: kept, nothing counted as replaced."""
    port = ('<port protocol="tcp" portid="21"><state state="open"/>'
            '<service name="ftp" product="a&#x20;b&#xE000;"/></port>')
    result = parse_nmap_xml(HEAD + _host("192.0.2.45", port) + TAIL)
    assert result.hosts[0].ports[0].product == "a b\ue000"
    assert not any(n["id"] == "import.replaced_chars" for n in result.notes)


def test_every_forbidden_control_character_is_counted():
    port = '<port protocol="tcp" portid="21"><state state="open"/><service name="ftp" product="a\x01b\x02"/></port>'
    result = parse_nmap_xml(HEAD + _host("192.0.2.46", port) + TAIL)
    (note,) = [n for n in result.notes if n["id"] == "import.replaced_chars"]
    assert note["params"]["count"] == 2


def test_a_character_split_between_two_reads_is_decoded_whole(monkeypatch):
    """The file is read in pieces: a UTF-8 character whose bytes straddle two pieces is one character, not two
    bad bytes."""
    from posture.probes import _nmap_xml

    text = HEAD + _host("192.0.2.47", '<port protocol="tcp" portid="21"><state state="open"/>'
                        '<service name="ftp" product="Año"/></port>') + TAIL
    data = text.encode("utf-8")
    monkeypatch.setattr(_nmap_xml, "CHUNK", data.index("ñ".encode()) + 1)  # the piece ends inside ñ
    result = read_nmap_xml(io.BytesIO(data))
    assert result.hosts[0].ports[0].product == "Año"
    assert not any(n["id"] == "import.bad_bytes" for n in result.notes)


def test_each_decoder_counts_its_own_bad_bytes():
    from posture.probes._nmap_xml import _Decoder

    first, second = _Decoder(b"<?xml version='1.0'?>"), _Decoder(b"<?xml version='1.0'?>")
    first.decode(b"\xff", final=True)
    assert (first.bad, second.bad) == (1, 0)


def test_a_finished_element_without_exit_leaves_the_exit_empty():
    """``ScanResult.exit`` is what nmap wrote in ``<finished exit=…>``: empty when it wrote none (the live
    runner takes only "" and "success" as a clean end)."""
    result = parse_nmap_xml(HEAD + _host("192.0.2.48") + '<runstats><finished time="1700000100"/></runstats>\n'
                            '</nmaprun>\n')
    assert result.exit == ""


def test_records_of_one_address_merge_keeping_the_richer_port_and_a_state_that_is_not_up_replaced():
    """Two records of one address: a port the later record shows bare (no service, no scripts) keeps what the
    earlier one said of it; a state that is not "up" gives way to the later record's state."""
    rich = '<port protocol="tcp" portid="22"><state state="open"/><service name="ssh" product="OpenSSH"/></port>'
    bare = '<port protocol="tcp" portid="22"><state state="open"/></port>'
    result = parse_nmap_xml(HEAD + _host("192.0.2.49", rich) + _host("192.0.2.49", bare) + TAIL)
    (p,) = result.hosts[0].ports
    assert (p.service, p.product) == ("ssh", "OpenSSH")
    unknown = '<host><address addr="192.0.2.50" addrtype="ipv4"/></host>\n'  # no status, no open port
    down = '<host><status state="down"/><address addr="192.0.2.50" addrtype="ipv4"/></host>\n'
    assert [h.state for h in parse_nmap_xml(HEAD + unknown + down + TAIL).hosts] == ["down"]


# -- _Reader.read: the fourth pass's survivors (issue 23) ----------------------------------------------------------

def test_a_record_s_start_split_between_two_pieces_is_read_whole():
    """``<ho`` at the end of one piece and ``st>`` at the start of the next: the tail of a piece that holds no
    whole token is kept for the next one, so the record is read."""
    result = _read_in_chunks(HEAD + "<ho", _host("192.0.2.92")[3:] + TAIL)
    assert [h.address for h in result.hosts] == ["192.0.2.92"] and result.reasons == []


def test_a_record_exactly_at_the_size_cap_waits_for_its_end(monkeypatch):
    """MAX_RECORD is the largest record read: an unfinished ``<host>`` of exactly MAX_RECORD characters (counted
    from its own ``<``, wherever it sits in the piece) waits for the next piece; only a longer one is skipped."""
    from posture.probes import _nmap_xml

    opening = '<host><status state="up"/><address addr="192.0.2.93" addrtype="ipv4"/><ports>' + " " * 40
    monkeypatch.setattr(_nmap_xml, "MAX_RECORD", len(opening))
    result = _read_in_chunks(HEAD + opening, "</ports></host>\n" + TAIL)
    assert [h.address for h in result.hosts] == ["192.0.2.93"] and result.reasons == []


def test_a_prescript_exactly_at_the_size_cap_waits_for_its_end_and_its_scripts_are_kept(monkeypatch):
    """The same cap for a run's ``<prescript>``: one of exactly MAX_RECORD characters split between pieces is
    read whole (its scripts named), even far into the piece."""
    from posture.probes import _nmap_xml

    opening = '<prescript><script id="broadcast-ping" output="o"/>'
    monkeypatch.setattr(_nmap_xml, "MAX_RECORD", len(opening))
    result = _read_in_chunks(HEAD + _host("192.0.2.94") + opening, "</prescript>\n" + TAIL)
    assert result.run_scripts == ["broadcast-ping"] and [h.address for h in result.hosts] == ["192.0.2.94"]


def test_a_prescript_is_skipped_whole_a_comment_inside_it_is_not_read():
    """Reading goes on after ``</prescript>``: what sits inside it (here a comment naming masscan) is not read as
    the file's own comments and records are."""
    pre = '<prescript><!-- masscan --><script id="broadcast-ping" output="o"/></prescript>\n'
    result = parse_nmap_xml(HEAD + pre + _host("192.0.2.95") + TAIL)
    assert (result.scanner, result.run_scripts) == ("nmap", ["broadcast-ping"])


def test_a_tag_exactly_at_the_size_cap_waits_for_its_end(monkeypatch):
    """A start tag with a quoted ``>`` cut at the end of a piece, exactly MAX_RECORD characters long so far, is
    still read whole once the next piece comes (only a longer one is cut at its first ``>``)."""
    from posture.probes import _nmap_xml

    opening = '<finished time="1700000100" errormsg="a>b'
    monkeypatch.setattr(_nmap_xml, "MAX_RECORD", len(opening))
    result = _read_in_chunks(HEAD + _host("192.0.2.96") + "<runstats>" + opening,
                             '" exit="error"/></runstats>\n</nmaprun>\n')
    assert (result.exit, result.errormsg, result.notes) == ("error", "a>b", [])


def test_a_stray_tag_s_note_says_what_the_parser_found():
    """Damaged text outside a record is a note with its line and the parser's reason (shown to the reader)."""
    result = parse_nmap_xml(HEAD + '<hosts up="1" down="0" up="2"/>\n' + _host("192.0.2.97") + TAIL)
    (note,) = result.notes
    assert note["id"] == "import.stray" and note["params"]["line"] == 3
    assert note["params"]["detail"] == {"id": "import.xml.duplicate_attribute", "params": {}}


def test_a_scaninfo_without_a_protocol_adds_no_ports_looked_at():
    """``<scaninfo services=…>`` without ``protocol`` cannot say which ports were looked at: none are counted."""
    result = parse_nmap_xml(HEAD + '<scaninfo type="syn" services="1-100"/>\n' + _host("192.0.2.98") + TAIL)
    assert (result.scan_type, result.services) == ("syn", {})


# -- _Reader._finish after main's empty-<nmaprun> change (fifth pass) --------------------------------------------

def test_a_file_of_only_a_byte_order_mark_and_blank_lines_is_empty():
    """U+FEFF (a BOM read as text) counts as nothing, as spaces and newlines do."""
    for text in ("\ufeff\n", " \t\r\n", "\ufeff"):
        with pytest.raises(NmapFailed) as info:
            parse_nmap_xml(text)
        assert info.value.message["en"] == "the file is empty", repr(text)


def test_an_nmaprun_closed_with_no_host_and_no_runstats_holds_no_scan_but_one_with_a_host_lacks_its_runstats():
    """``<nmaprun></nmaprun>``: nothing was cut, there is nothing to read — refused as holding no scan. The same
    run closed after a host but without ``<runstats>`` is read: its host kept, the missing statistics said."""
    with pytest.raises(NmapFailed) as info:
        parse_nmap_xml("<nmaprun></nmaprun>")
    assert info.value.message == {
        "en": "holds no scan: <nmaprun> closes with no host and no run statistics (<runstats>)",
        "es": info.value.message["es"]} and info.value.message["es"] != info.value.message["en"]
    result = parse_nmap_xml(HEAD + _host("192.0.2.100") + "</nmaprun>\n")
    assert [h.address for h in result.hosts] == ["192.0.2.100"]
    assert _reasons(result) == [("import.no_runstats", {})]


def test_a_run_without_a_command_line_has_an_empty_one():
    result = parse_nmap_xml(HEAD.replace(' args="nmap 192.0.2.0/24"', "") + _host("192.0.2.101") + TAIL)
    assert result.command_line == ""


# -- session 5, whole-module run: the rules its survivors broke --------------------------------------------------

def test_an_entry_of_the_cipher_list_that_is_no_cipher_is_skipped_and_the_weak_ones_after_it_still_count():
    """ssl-enum-ciphers' ``ciphers`` list holds one table per cipher; an entry that is not a table (a bare
    ``<elem>``, as a hand-edited or other tool's file may hold) is skipped, and the weak ciphers listed after
    it are still reported with their protocol, name and grade."""
    script = ('<script id="ssl-enum-ciphers" output="x"><table key="TLSv1.2"><table key="ciphers">'
              "<elem>not a cipher</elem>"
              '<table><elem key="name">TLS_RSA_WITH_RC4_128_SHA</elem><elem key="strength">C</elem></table>'
              "</table></table></script>")
    port = f'<port protocol="tcp" portid="443"><state state="open"/><service name="https" tunnel="ssl"/>{script}</port>'
    host = parse_nmap_xml(HEAD + _host("192.0.2.110", port) + TAIL).hosts[0]
    (p,) = host.ports
    assert p.tables["ssl-enum-ciphers"]["TLSv1.2"]["ciphers"][0] == "not a cipher"
    assert [(h.check_id, h.evidence_msg["params"]) for h in _import._cipher_hits(host, p)] == [
        ("tls-weak-cipher", {"ciphers": "TLSv1.2 TLS_RSA_WITH_RC4_128_SHA (C)"})]


def test_of_the_letter_grades_exactly_c_to_f_make_a_sound_cipher_weak():
    """nmap grades each cipher A (best) to F; C, D, E and F are weak. Any other grade on a cipher with a sound
    name — A, B, a letter nmap does not use, ``unknown`` — is not a finding."""
    sound = "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"
    weak = [g for g in string.ascii_uppercase if _cipher_evidence([{"name": sound, "strength": g}])]
    assert weak == ["C", "D", "E", "F"]
    assert _cipher_evidence([{"name": sound, "strength": "unknown"}]) == []


def test_a_pbx_login_title_is_a_finding_on_its_port_and_once_when_the_port_is_already_the_console():
    """http-title naming a PBX login page is ``pbx-web-exposed`` at the host, port and protocol where the page
    was seen; on a port whose role already makes it the PBX console (8088) the title adds no second finding."""
    host = HostResult("192.0.2.111", "up")
    for number, service in ((443, "https"), (8088, "http")):
        port = PortResult(number, "tcp", "open", service=service)
        port.scripts["http-title"] = "FreePBX Administration"
        assert [(h.check_id, h.host, h.port, h.protocol) for h in _import.port_hits(host, port, AT)] == [
            ("pbx-web-exposed", "192.0.2.111", number, "tcp")]


def test_hsts_is_judged_only_on_a_tls_port_and_a_long_max_age_is_no_finding():
    """Strict-Transport-Security means something only over TLS: plain HTTP without it is no
    ``http-missing-hsts`` finding, and a TLS port whose max-age is at least HSTS_MIN_AGE has none either."""
    host = HostResult("192.0.2.112", "up")
    plain = PortResult(80, "tcp", "open", service="http")
    plain.scripts["http-headers"] = "\n  Server: nginx\n  Content-Type: text/html\n"
    assert _import._web_hits(host, plain) == []
    tls = PortResult(443, "tcp", "open", service="https", tunnel="ssl")
    tls.scripts["http-headers"] = f"\n  Strict-Transport-Security: max-age={HSTS_MIN_AGE}\n  Server: nginx\n"
    assert _import._web_hits(host, tls) == []


def test_a_port_problem_without_a_protocol_is_placed_on_its_own_line():
    """A ``<port>`` without a ``protocol`` attribute is found in the record's text by its portid alone: its
    problem points at its own line, not at the record's first."""
    ports = '\n<port protocol="tcp" portid="22"><state state="open"/></port>\n<port portid="70"></port>'
    result = parse_nmap_xml(HEAD + _host("192.0.2.113", ports) + TAIL)
    assert _reasons(result) == [("import.port_no_state", {"line": 7, "port": 70, "host": "192.0.2.113"})]


def test_a_record_cut_short_keeps_its_line_and_places_a_bad_port_in_it_on_that_port_s_line():
    """A record the file ends inside keeps the line it starts on, and a complete but bad ``<port>`` in it is
    reported on that port's own line, besides the cut itself."""
    text = (HEAD + '<host><status state="up"/>\n<address addr="192.0.2.114" addrtype="ipv4"/>\n<ports>\n'
            '<port protocol="tcp" portid="22"></port>\n'
            '<port protocol="tcp" portid="80"><state state="open"/></port>\n<port protocol="tcp" portid="443"><state')
    result = parse_nmap_xml(text)
    assert [(h.address, h.line, h.cut, [p.port for p in h.ports]) for h in result.hosts] == [
        ("192.0.2.114", 3, True, [80])]
    assert _reasons(result) == [("import.cut_host_at", {"line": 8, "start": 3, "host": "192.0.2.114"}),
                                ("import.port_no_state", {"line": 6, "port": 22, "host": "192.0.2.114"})]


def test_a_service_name_pattern_after_p_is_no_target_and_runs_over_the_same_network_count_once():
    """``-p`` also takes service names with wildcards: ``nmap -p *.50`` scans z39.50 (port 210) and writes the
    pattern in ``args`` as typed (checked with nmap 7.93). Like any ``-p`` value it is never a target, so two
    ``--append-output`` runs over the same network with different port lists count its addresses once."""
    assert _targets_of("nmap -n -Pn -sT -p *.50 -oX - 127.0.0.1") == ("127.0.0.1",)
    text = ('<?xml version="1.0"?>\n' + _run("nmap -p *.50 10.0.0.0/24", 256, "10.0.0.1")
            + _run("nmap -p 22 10.0.0.0/24", 256, "10.0.0.2"))
    assert parse_nmap_xml(text).total == 256


def test_every_host_up_gets_one_scan_incomplete_finding_its_own_problem_first_else_the_file_s(tmp_path):
    """In a run that closed without its statistics (``<runstats>``), every host up is incomplete: a host whose
    own record had a problem (a malformed port) carries that problem, the others the file's, and a timed-out
    host its timeout — one ``scan-incomplete`` finding each, none left out after the first."""
    bad_port = '<port protocol="tcp" portid="x"><state state="open"/></port>'
    text = (HEAD + _host("192.0.2.120", bad_port) + _host("192.0.2.121")
            + _host("192.0.2.122").replace("<host>", '<host timedout="true">') + _host("192.0.2.123") + "</nmaprun>\n")
    xml = tmp_path / "no-runstats.xml"
    xml.write_text(text, encoding="utf-8")
    run = import_nmap(xml)
    assert [(f.host, f.evidence_msg["id"], f.evidence_msg["params"].get("reason", {}).get("id"))
            for f in run.findings if f.check_id == "scan-incomplete"] == [
        ("192.0.2.120", "evidence.scan_incomplete", "import.bad_portid"),
        ("192.0.2.121", "evidence.scan_incomplete", "import.no_runstats"),
        ("192.0.2.122", "evidence.host_timedout", None),
        ("192.0.2.123", "evidence.scan_incomplete", "import.no_runstats")]
    assert [h["complete"] for h in run.hosts] == [False, False, False, False]


def test_the_cipher_table_nmap_wrote_is_judged_not_its_text():
    """nmap 6.x and later write ssl-enum-ciphers as a table (the grades it measured) and as text for people;
    the table is what is judged. The text form is read only when there is no table (older nmap): a text
    that disagrees with the table — a copy abridged or edited by hand — changes nothing."""
    text = "&#xa;  TLSv1.2: &#xa;    ciphers: &#xa;      TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 (secp256r1) - A&#xa;"
    table = ('<table key="TLSv1.2"><table key="ciphers">'
             '<table><elem key="name">TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384</elem><elem key="strength">A</elem></table>'
             '<table><elem key="name">TLS_RSA_WITH_AES_128_CBC_SHA</elem><elem key="strength">C</elem></table>'
             "</table></table>")
    port = (f'<port protocol="tcp" portid="443"><state state="open"/><service name="https" tunnel="ssl"/>'
            f'<script id="ssl-enum-ciphers" output="{text}">{table}</script></port>')
    host = parse_nmap_xml(HEAD + _host("192.0.2.124", port) + TAIL).hosts[0]
    (p,) = host.ports
    assert [(h.check_id, h.evidence_msg["params"]) for h in _import._cipher_hits(host, p)] == [
        ("tls-weak-cipher", {"ciphers": "TLSv1.2 TLS_RSA_WITH_AES_128_CBC_SHA (C)"})]
    # the same text alone (older nmap) is read: one strong cipher, no finding
    alone = parse_nmap_xml(HEAD + _host("192.0.2.125", port.replace(table, "")) + TAIL).hosts[0]
    assert alone.ports[0].tables["ssl-enum-ciphers"] == {
        "TLSv1.2": {"ciphers": [{"name": "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "strength": "A"}]}}
    assert _import._cipher_hits(alone, alone.ports[0]) == []


def test_an_attribute_nmap_never_writes_on_finished_does_not_make_a_finished_run_look_cut(tmp_path):
    """The reader marks a run the file ends inside with a key of its own; an attribute in the file cannot take
    its place: ``<finished _cut="1" exit="success">`` is a finished run, its hosts complete, no
    ``scan-incomplete`` finding claiming a cut "at line ?" the file does not have."""
    xml = tmp_path / "finished.xml"
    xml.write_text(HEAD + _host("192.0.2.129") + TAIL.replace("<finished ", '<finished _cut="1" '), encoding="utf-8")
    run = import_nmap(xml)
    assert (run.complete, [h["complete"] for h in run.hosts], run.findings) == (True, [True], [])


def test_a_scan_that_did_not_finish_is_never_complete_even_when_no_reason_was_recorded():
    """Safety net: a scan that did not finish, or ended in error, makes every host up (a timed-out one has its
    own finding) incomplete even when the reader recorded no reason — the reason then given is a cut at an
    unknown line (``?``), in the named file. A finished scan without reasons gives no finding."""
    hosts = [HostResult("192.0.2.126", "up"), HostResult("192.0.2.127", "up", timedout=True),
             HostResult("192.0.2.128", "down")]
    for finished, exit_ in ((False, "success"), (True, "error")):
        hits = _import._incomplete_hits(ScanResult(hosts=hosts, finished=finished, exit=exit_), "scan.xml")
        assert [(h.check_id, h.host, h.port, h.protocol, h.evidence_msg) for h in hits] == [
            ("scan-incomplete", "192.0.2.126", None, "", {"id": "evidence.scan_incomplete", "params": {
                "file": "scan.xml", "reason": {"id": "import.cut", "params": {"line": "?"}}}})]
        assert hits[0].evidence == ("scan.xml: the XML ends at line ? without closing (the scan did not finish "
                                    "writing); complete hosts are kept")
    assert _import._incomplete_hits(ScanResult(hosts=hosts, finished=True, exit="success"), "scan.xml") == []


def test_merged_records_keep_the_reverse_dns_name_either_one_had():
    """Records of one address merge: nmap's reverse-DNS (PTR) name is kept from whichever record has it, also
    when a later record has none."""
    named = ('<host><status state="up"/><address addr="192.0.2.130" addrtype="ipv4"/>'
             '<hostnames><hostname name="pbx.example.net" type="PTR"/></hostnames></host>\n')
    (host,) = parse_nmap_xml(HEAD + named + _host("192.0.2.130") + TAIL).hosts
    assert (host.hostname, host.ptr) == ("", "pbx.example.net")


def test_a_later_record_that_names_the_service_or_ran_scripts_gives_the_port_keeping_every_script():
    """Two records of one port (``--append-output``: a quick scan, then ``-sV`` or ``--script``): a later record
    that names the service gives the port's service and product even when it ran no script; one that ran
    scripts without naming the service still adds its scripts and their tables to those of the first."""
    quick = '<port protocol="tcp" portid="80"><state state="open"/><service name="http" method="table"/></port>'
    versioned = ('<port protocol="tcp" portid="80"><state state="open"/>'
                 '<service name="http" product="nginx" version="1.25.3" method="probed"/></port>')
    (p,) = parse_nmap_xml(HEAD + _host("192.0.2.131", quick) + _host("192.0.2.131", versioned) + TAIL).hosts[0].ports
    assert (p.service, p.product, p.version) == ("http", "nginx", "1.25.3")
    first = ('<port protocol="tcp" portid="443"><state state="open"/><service name="https" tunnel="ssl"/>'
             '<script id="http-title" output="Login"/></port>')
    scripted = ('<port protocol="tcp" portid="443"><state state="open"/><script id="ssl-cert" output="x">'
                '<table key="subject"><elem key="commonName">pbx.example.com</elem></table></script></port>')
    (p,) = parse_nmap_xml(HEAD + _host("192.0.2.132", first) + _host("192.0.2.132", scripted) + TAIL).hosts[0].ports
    assert p.scripts == {"http-title": "Login", "ssl-cert": "x"}
    assert p.tables == {"ssl-cert": {"subject": {"commonName": "pbx.example.com"}}}


def test_a_run_that_scanned_no_address_counts_none(tmp_path):
    """nmap run without targets ("0 IP addresses (0 hosts up) scanned") writes ``<hosts total="0">``: the import
    says 0 addresses scanned and none up, not one."""
    xml = tmp_path / "none.xml"
    xml.write_text('<?xml version="1.0"?>\n<nmaprun scanner="nmap" args="nmap -n -sT -p 80 -oX -" start="1700000000" '
                   'version="7.93">\n<runstats><finished time="1700000001" exit="success"/>'
                   '<hosts up="0" down="0" total="0"/></runstats>\n</nmaprun>\n', encoding="utf-8")
    assert parse_nmap_xml(xml.read_text(encoding="utf-8")).total == 0
    run = import_nmap(xml)
    assert (run.source["addresses"], run.source["up"], run.hosts) == (0, 0, [])


def test_the_declared_encoding_is_read_within_the_first_200_bytes():
    """The XML declaration opens the file (XML 1.0 §2.8); its ``encoding`` counts when the value, closing quote
    included, lies within the first 200 bytes: an ISO-8859-1 file is then read as such (``Año``). Padded so that
    the closing quote is the 201st byte, it is not seen: the file is read as UTF-8, the ``ñ`` byte replaced."""
    def read(pad: int):
        decl = f'<?xml version="1.0"{" " * pad} encoding="ISO-8859-1"?>\n'
        port = '<port protocol="tcp" portid="21"><state state="open"/><service name="ftp" product="Año"/></port>'
        text = decl + HEAD.split("\n", 1)[1] + _host("192.0.2.133", port) + TAIL
        return read_nmap_xml(io.BytesIO(text.encode("iso-8859-1"))), decl.index('"?>')

    result, quote = read(159)
    assert quote == 199 and (result.encoding, result.hosts[0].ports[0].product) == ("ISO-8859-1", "Año")
    result, quote = read(160)
    assert quote == 200 and (result.encoding, result.hosts[0].ports[0].product) == ("UTF-8", "A\ufffdo")


def test_a_file_is_read_in_pieces_of_one_mebibyte_never_whole():
    """Streamed: the file is read one CHUNK (1 MiB) at a time, so memory follows the records, not the file's
    size (a 512 MB import must not hold 512 MB of text)."""
    from posture.probes._nmap_xml import CHUNK

    class Recorded(io.BytesIO):
        sizes: list = []

        def read(self, size=-1):
            self.sizes.append(size)
            return super().read(size)

    filler = "<!-- " + "x" * 100 + " -->\n"
    data = (HEAD + filler * ((5 << 19) // len(filler)) + _host("192.0.2.134") + TAIL).encode()
    fh = Recorded(data)
    fh.sizes = []
    assert [h.address for h in read_nmap_xml(fh).hosts] == ["192.0.2.134"]
    assert fh.sizes == [CHUNK, CHUNK, CHUNK, CHUNK] and len(data) > 2 * CHUNK


def test_forbidden_character_references_are_noted_at_the_line_of_the_first():
    """Old nmap writes control characters of a banner as references (``&#1;``): each is replaced and counted,
    and the note places them at the line of the first one, even when the same reference comes again lower."""
    ports = ('<port protocol="tcp" portid="21"><state state="open"/><service name="ftp" product="a&#1;b"/></port>\n'
             '<port protocol="tcp" portid="23"><state state="open"/>\n<service name="telnet" product="c&#1;d"/></port>')
    result = parse_nmap_xml(HEAD + _host("192.0.2.135", ports) + TAIL)
    assert [p.product for p in result.hosts[0].ports] == ["a\ufffdb", "c\ufffdd"]
    assert result.notes == [{"id": "import.replaced_chars", "params": {"count": 2, "line": 5, "chars": "&#1;"}}]


def test_a_host_is_its_ip_address_never_its_mac():
    """A record's address is its IPv4 or IPv6 address, whatever the order the ``<address>`` elements come in;
    a MAC address (``addrtype="mac"``, from an ARP scan) never stands for it, so a record with only a MAC is
    reported as a record without an address, at its line."""
    mac = '<address addr="00:11:22:33:44:55" addrtype="mac" vendor="Acme"/>'
    first = f'<host><status state="up"/>{mac}<address addr="192.0.2.136" addrtype="ipv4"/></host>\n'
    only = f'<host><status state="up"/>{mac}</host>\n'
    result = parse_nmap_xml(HEAD + first + only + TAIL)
    assert [h.address for h in result.hosts] == ["192.0.2.136"]
    assert _reasons(result) == [("import.host_no_address", {"line": 4})]


def test_line_breaks_written_as_references_are_kept_and_other_controls_replaced():
    """XML allows tab, line feed and carriage return among the control characters (XML 1.0 §2.2): written as
    references (``&#10;``, ``&#13;``, as nmap writes script output) they are kept, nothing noted; the control
    characters next to them (``&#11;``, ``&#14;``) are replaced by U+FFFD and counted."""
    port = ('<port protocol="tcp" portid="21"><state state="open"/>'
            '<service name="ftp" product="a&#13;&#10;b&#xD;c"/></port>')
    result = parse_nmap_xml(HEAD + _host("192.0.2.137", port) + TAIL)
    assert result.hosts[0].ports[0].product == "a\r\nb\rc" and result.notes == []
    port = port.replace("&#13;&#10;", "&#11;").replace("&#xD;", "&#14;")
    result = parse_nmap_xml(HEAD + _host("192.0.2.138", port) + TAIL)
    assert result.hosts[0].ports[0].product == "a\ufffdb\ufffdc"
    assert result.notes == [{"id": "import.replaced_chars", "params": {"count": 2, "line": 5, "chars": "&#11;"}}]


def test_a_raw_control_character_becomes_one_replacement_character_noted_at_its_line():
    """A control character XML forbids, written raw by old nmap into a banner, becomes exactly one U+FFFD; the
    note gives its line and code point, also when it arrives in a piece of the file that starts with a line
    break."""
    port = '<port protocol="tcp" portid="21"><state state="open"/><service name="ftp" product="a\x01b"/></port>'
    result = _read_in_chunks(HEAD, "\n" + _host("192.0.2.139", port) + TAIL)
    assert result.hosts[0].ports[0].product == "a\ufffdb"
    assert result.notes == [{"id": "import.replaced_chars", "params": {"count": 1, "line": 6, "chars": "U+0001"}}]


def test_bad_bytes_on_several_lines_are_noted_at_the_line_of_the_first():
    """Bytes that do not decode are each counted, and the note places them at the line of the first."""
    raw = (HEAD.encode() + b"<!-- \xff -->\n<!-- fine -->\n<!-- \xfe -->\n"
           + (_host("192.0.2.140") + TAIL).encode())
    result = read_nmap_xml(io.BytesIO(raw))
    assert [h.address for h in result.hosts] == ["192.0.2.140"]
    assert result.notes == [{"id": "import.bad_bytes", "params": {"count": 2, "encoding": "UTF-8", "line": 3}}]


def test_normal_output_ending_in_half_a_character_is_still_named_as_normal_output():
    """nmap's normal output (-oN), cut inside its last (multibyte) character, is still recognised from its
    first lines and refused saying so, not as text without ``<nmaprun>``."""
    raw = b"# Nmap 7.94 scan initiated as: nmap -oN - 192.0.2.1\nNmap scan report for 192.0.2.1\n" + "ñ".encode()[:1]
    with pytest.raises(NmapFailed) as info:
        read_nmap_xml(io.BytesIO(raw))
    assert info.value.message["en"] == ("is not nmap XML output (-oX): looks like nmap's normal output (-oN); "
                                        "export with -oX")


def test_the_format_guess_reads_exactly_the_first_4096_characters():
    """What a non-XML file looks like is judged on its first 4096 characters: grepable output (-oG) is told by
    ``Host:`` after ``# Nmap``; with the colon as the 4097th character it is not seen, and the ``# Nmap`` line
    alone names normal output (-oN)."""
    start = "# Nmap 7.94 scan initiated as: nmap -oG - 192.0.2.1\n"

    def detail(at: int) -> str:
        text = start + "#" * (at - len(start) - 1) + "\n" + "Host: 192.0.2.1 ()\tStatus: Up\n"
        assert text.index("Host:") == at
        with pytest.raises(NmapFailed) as info:
            parse_nmap_xml(text)
        return info.value.message["en"].split(": ", 1)[1]

    assert detail(4091) == "looks like nmap's grepable output (-oG); export with -oX"
    assert detail(4092) == "looks like nmap's normal output (-oN); export with -oX"


def test_lines_stay_right_when_every_piece_of_the_file_ends_with_a_line_break():
    """Pieces that each end with a line break (a tag, then a whole record, then the rest): every line break is
    counted once, so a damaged record in the third piece is reported at its own line."""
    damaged = '<host><address addr="192.0.2.142" addrtype="ipv4"/><ports><port></host>\n'
    result = _read_in_chunks(HEAD, _host("192.0.2.141"), damaged + TAIL)
    assert [(h.address, h.line) for h in result.hosts] == [("192.0.2.141", 3)]
    assert [(r["id"], r["params"]["line"]) for r in result.reasons] == [("import.damaged_host_at", 7)]


@pytest.mark.parametrize("declared", ["base64", "zlib", "hex", "uu", "bz2", "quopri", "rot13", "idna", "punycode",
                                      "undefined", "cp037", "cp424", "UTF-7", "unicode_escape",
                                      "raw_unicode_escape"])
def test_a_declared_codec_no_xml_is_written_in_is_read_as_utf_8_not_an_internal_error(tmp_path, declared):
    """Python knows codecs that are no text encoding: bytes to bytes (base64, zlib…), text to text (rot13), or
    without posture's replacement of bad bytes (idna, punycode, undefined); EBCDIC (cp037, cp424) declared in
    a file whose declaration is ASCII is contradicted by its bytes; UTF-7 and the escape codecs can yield lone
    surrogates, which XML forbids. A file declaring one is read as UTF-8, as one declaring an unknown name is:
    its hosts imported, never an internal error nor a file of garbage."""
    xml = tmp_path / "declared.xml"
    xml.write_text(HEAD.replace('<?xml version="1.0"?>', f'<?xml version="1.0" encoding="{declared}"?>')
                   + _host("192.0.2.143") + TAIL, encoding="utf-8")
    run = import_nmap(xml)
    assert ([h["address"] for h in run.hosts], run.source["encoding"]) == (["192.0.2.143"], "UTF-8")


def test_bad_bytes_are_placed_on_their_line_not_on_a_replacement_character_the_file_holds_before_them():
    """A file may hold U+FFFD itself (a banner an earlier tool already repaired): it is text, not bad bytes.
    The note places the first bytes that do not decode on their own line, whether the U+FFFD before them is in
    the same read piece or the bad bytes come in a later one (past the first mebibyte)."""
    fffd = "<!-- \ufffd -->\n<!-- fine -->\n".encode()
    raw = HEAD.encode() + fffd + b"<!-- \xff -->\n" + (_host("192.0.2.144") + TAIL).encode()
    result = read_nmap_xml(io.BytesIO(raw))
    assert [h.address for h in result.hosts] == ["192.0.2.144"]
    assert result.notes == [{"id": "import.bad_bytes", "params": {"count": 1, "encoding": "UTF-8", "line": 5}}]
    filler = "<!-- " + "x" * 100 + " -->\n"
    lines = (1 << 20) // len(filler) + 10
    raw = (HEAD + filler * lines).encode() + fffd + b"<!-- \xff \xfe -->\n" + (_host("192.0.2.144") + TAIL).encode()
    result = read_nmap_xml(io.BytesIO(raw))
    assert result.notes == [{"id": "import.bad_bytes", "params": {"count": 2, "encoding": "UTF-8",
                                                                  "line": 5 + lines}}]


# -- _Reader.read: the session-5 run's survivors ----------------------------------------------------------------

def test_a_comment_split_between_two_pieces_is_skipped_once_and_lines_stay_right():
    """A comment that a read piece ends inside is completed by the next piece and skipped whole: what came
    before it is not read twice (one run, not two) and the lines after it stay right."""
    damaged = '<host><address addr="192.0.2.145" addrtype="ipv4"/><ports><port></host>\n'
    result = _read_in_chunks(HEAD + "<!-- a comment\nthat goes", " on -->\n" + damaged + TAIL)
    assert (result.runs, result.notes) == (1, [])
    assert [(r["id"], r["params"]["line"]) for r in result.reasons] == [("import.damaged_host_at", 5)]


def test_a_record_right_after_a_comment_is_read():
    """Without a line break between them (a file written on one line), the record that follows ``-->`` is read."""
    result = parse_nmap_xml(HEAD + "<!-- masscan -->" + _host("192.0.2.146") + TAIL)
    assert [h.address for h in result.hosts] == ["192.0.2.146"] and result.scanner == "masscan"


def test_run_level_scripts_of_every_run_are_listed_once_and_never_a_host_s_script():
    """``--append-output`` runs each with a ``<prescript>``: the run-level scripts are those of both sections,
    in order, once each; a script a host's port ran between them is not a run-level script."""
    def run(pre: str, address: str) -> str:
        port = '<port protocol="tcp" portid="80"><state state="open"/><script id="http-title" output="t"/></port>'
        return (HEAD.split("\n", 1)[1] + f'<prescript><script id="{pre}" output="o"/></prescript>\n'
                + _host(address, port) + TAIL)

    result = parse_nmap_xml('<?xml version="1.0"?>\n' + run("broadcast-ping", "192.0.2.147")
                            + run("broadcast-dhcp-discover", "192.0.2.148"))
    assert result.run_scripts == ["broadcast-ping", "broadcast-dhcp-discover"]
    assert [h.address for h in result.hosts] == ["192.0.2.147", "192.0.2.148"]


def test_a_prescript_that_never_closes_past_the_size_cap_does_not_swallow_the_records_after_it(monkeypatch):
    """A ``<prescript>`` left open (nmap stopped in it, then appended) and longer than MAX_RECORD is given up:
    reading goes on right after its opening, so the records that follow it are still read."""
    from posture.probes import _nmap_xml

    monkeypatch.setattr(_nmap_xml, "MAX_RECORD", 50)
    result = parse_nmap_xml(HEAD + "<prescript>" + _host("192.0.2.149") + _host("192.0.2.150") + TAIL)
    assert [h.address for h in result.hosts] == ["192.0.2.149", "192.0.2.150"]


def test_an_element_at_the_very_end_of_a_prescript_is_not_read():
    """Reading resumes after ``</prescript>``: whatever sits inside the section, even right before its end (here
    a comment naming masscan, then an empty ``<host/>`` a hand edit left), is not read as the file's own."""
    pre = '<prescript><script id="broadcast-ping" output="o"/><!--masscan--><host/></prescript>\n'
    result = parse_nmap_xml(HEAD + pre + _host("192.0.2.151") + TAIL)
    assert (result.scanner, result.run_scripts, result.reasons) == ("nmap", ["broadcast-ping"], [])
    assert [h.address for h in result.hosts] == ["192.0.2.151"]


def test_a_record_past_the_size_cap_is_named_by_an_address_in_its_first_4096_characters(monkeypatch):
    """A record longer than MAX_RECORD is named by its address when the address element ends within the
    record's first 4096 characters; one further in is reported without it."""
    from posture.probes import _nmap_xml

    monkeypatch.setattr(_nmap_xml, "MAX_RECORD", 5000)

    def reason(pad: int, quote: int):
        record = f'<host{" " * pad}><address addr="192.0.2.152" addrtype="ipv4"/><ports>' + " " * 6000
        assert record.index('ipv4"') + 4 == quote  # the closing quote of addrtype
        return _reasons(parse_nmap_xml(HEAD + record))[0]

    too_big = {"id": "import.record_too_big", "params": {"limit_bytes": 5000}}
    assert reason(4047, quote=4095) == ("import.damaged_host_at", {"line": 3, "detail": too_big, "host": "192.0.2.152"})
    assert reason(4048, quote=4096) == ("import.damaged_host", {"line": 3, "detail": too_big})


def test_records_after_one_past_the_size_cap_are_still_read(monkeypatch):
    """A record longer than MAX_RECORD is skipped, and reading goes on: the records after it, and the run's
    end, are read as usual."""
    from posture.probes import _nmap_xml

    monkeypatch.setattr(_nmap_xml, "MAX_RECORD", 300)
    big = '<host><status state="up"/><address addr="192.0.2.153" addrtype="ipv4"/><ports>' + " " * 400
    result = _read_in_chunks(HEAD + big, "</ports></host>\n" + _host("192.0.2.154") + TAIL)
    assert [h.address for h in result.hosts] == ["192.0.2.154"] and result.finished
    assert [r["id"] for r in result.reasons] == ["import.damaged_host_at"]


def test_a_file_cut_inside_a_start_tag_keeps_what_was_read_and_says_it_was_cut():
    """The file ends inside ``<runstats><finished …`` (nmap stopped while writing it): the hosts read so far are
    kept and the run is reported cut at the last line."""
    result = parse_nmap_xml(HEAD + _host("192.0.2.155") + '<runstats><finished time="17000')
    assert [h.address for h in result.hosts] == ["192.0.2.155"] and not result.finished
    assert _reasons(result) == [("import.cut", {"line": 7})]


def test_a_record_right_after_a_stray_tag_is_read():
    """A start tag the parser refuses is noted and skipped; a record that follows it on the same line is read."""
    result = parse_nmap_xml(HEAD + '<hosts up="1" up="2">' + _host("192.0.2.156") + TAIL)
    assert [n["id"] for n in result.notes] == ["import.stray"]
    assert [h.address for h in result.hosts] == ["192.0.2.156"]


def test_a_declared_multibyte_encoding_is_used():
    """A file nmap wrote on a Japanese Windows declares Shift_JIS: it is read as such, the product name whole,
    and the encoding named."""
    port = '<port protocol="tcp" portid="21"><state state="open"/><service name="ftp" product="日本語 FTP"/></port>'
    text = HEAD.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="Shift_JIS"?>') + \
        _host("192.0.2.157", port) + TAIL
    result = read_nmap_xml(io.BytesIO(text.encode("shift_jis")))
    assert (result.encoding, result.hosts[0].ports[0].product) == ("SHIFT_JIS", "日本語 FTP")
    assert {"id": "import.encoding", "params": {"encoding": "SHIFT_JIS"}} in result.notes


def test_the_decoder_hands_over_the_text_from_the_first_bad_bytes_with_the_next_piece():
    """The decoder's pieces, joined, are the file's text with each bad byte one U+FFFD. The text from the first
    bad bytes on comes with the next piece, and ``bad`` counts them from that piece on, so the reader finds
    them first in it (a U+FFFD the file holds before them is in the earlier piece)."""
    from posture.probes._nmap_xml import _Decoder

    decoder = _Decoder(b"<?xml version='1.0'?>")
    pieces = [b"x\n\xef\xbf\xbd\n\xff y", b" z\xfe", b""]
    seen = [(decoder.decode(data, final=not data), decoder.bad) for data in pieces]
    assert seen == [("x\n\ufffd\n", 0), ("\ufffd y z\ufffd", 2), ("", 2)]


def test_the_first_bad_bytes_keep_their_line_whatever_the_pieces_after_them():
    """The line of the file's first bad bytes is fixed when the piece holding them is read: pieces read after it
    (two more mebibytes of a big scan) never move it, nor do pieces before it; a file whose bad bytes are in its
    third piece gets their own line too."""
    filler = "<!-- " + "x" * 100 + " -->\n"
    lines = (2 << 20) // len(filler) + 10
    raw = HEAD.encode("utf-8") + b"<!-- \xff -->\n" + (filler * lines + _host("192.0.2.40") + TAIL).encode("utf-8")
    result = read_nmap_xml(io.BytesIO(raw))
    assert [h.address for h in result.hosts] == ["192.0.2.40"]
    assert {"id": "import.bad_bytes", "params": {"count": 1, "encoding": "UTF-8", "line": 3}} in result.notes
    raw = (HEAD + filler * lines).encode("utf-8") + b"<!-- \xff -->\n" + (_host("192.0.2.40") + TAIL).encode("utf-8")
    result = read_nmap_xml(io.BytesIO(raw))
    assert {"id": "import.bad_bytes", "params": {"count": 1, "encoding": "UTF-8", "line": 3 + lines}} in result.notes
