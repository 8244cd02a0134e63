"""nmap XML from saved real runs: what python-nmap keeps, what we read from the raw XML, and
truncated or timed-out output that must never read as clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from posture.probes import NmapFailed, import_nmap
from posture.probes._nmap_xml import parse_nmap_xml

DATA = Path(__file__).parents[1] / "data" / "nmap"


def _port(result, number):
    return next(p for h in result.hosts for p in h.ports if p.port == number)


def test_service_version_scan_keeps_tunnel_product_and_certificate():
    result = parse_nmap_xml((DATA / "lab_sv.xml").read_text())
    assert result.finished and result.exit == "success" and result.scan_type == "connect"
    (host,) = result.hosts
    assert host.address == "127.0.0.1" and not host.timedout
    tls = [p for p in host.open_ports() if p.tunnel == "ssl"]
    assert len(tls) == 1 and tls[0].cert_not_after.startswith("20")
    ami = [p for p in host.open_ports() if p.product == "Asterisk Call Manager"]
    assert len(ami) == 1 and ami[0].version == "5.0.2" and ami[0].service == "asterisk"
    assert {p.port: p.state for p in host.ports if p.port in (3389, 5900, 6379, 23)} == {
        3389: "open", 5900: "open", 6379: "open", 23: "open"}
    assert _port(result, 3389).service == "tcpwrapped"  # -sV saw it close at once; the port says RDP


def test_timed_out_host_is_flagged():
    result = parse_nmap_xml((DATA / "timedout.xml").read_text())
    (host,) = result.hosts
    assert host.timedout and host.state == "up" and host.ports == []


def test_truncated_output_keeps_complete_hosts_only():
    result = parse_nmap_xml((DATA / "truncated.xml").read_text())
    assert not result.finished
    assert [h.address for h in result.hosts] == ["127.0.0.1"]
    assert 3389 in [p.port for p in result.hosts[0].open_ports()] and len(result.hosts[0].open_ports()) == 2


@pytest.mark.parametrize("text", ["", "not xml at all", "<html><body>hola</body></html>", "{\"a\": 1}"])
def test_not_nmap_xml(text):
    with pytest.raises(NmapFailed) as info:
        parse_nmap_xml(text, source="scan.xml")
    assert info.value.lines("en")[0].startswith("is not nmap XML output (-oX)")  # the file is named by the caller


@pytest.mark.parametrize("text", ["", "not xml at all", "<html><body>hola</body></html>"])
def test_import_of_not_nmap_xml_names_the_file_once(tmp_path, text):
    (tmp_path / "scan.xml").write_text(text)
    with pytest.raises(NmapFailed) as info:
        import_nmap(tmp_path / "scan.xml")
    (line,) = info.value.lines("en")
    assert line.endswith("scan.xml: is not nmap XML output (-oX): <nmaprun> not found") and line.count("scan.xml") == 1


def test_import_reports_exposures_with_controls():
    run = import_nmap(DATA / "lab_sv.xml", authorized_by="OT-7")
    checks = {(f.check_id, f.port) for f in run.findings}
    tls_port = next(p.port for p in parse_nmap_xml((DATA / "lab_sv.xml").read_text()).hosts[0].ports
                    if p.tunnel == "ssl")
    ami_port = next(p.port for p in parse_nmap_xml((DATA / "lab_sv.xml").read_text()).hosts[0].ports
                    if p.service == "asterisk")
    assert {("rdp-exposed", 3389), ("vnc-exposed", 5900), ("database-exposed", 6379), ("telnet-exposed", 23),
            ("pbx-ami-exposed", ami_port), ("tls-cert-expired", tls_port)} <= checks
    rdp = next(f for f in run.findings if f.check_id == "rdp-exposed")
    assert rdp.severity == "high" and "8.20" in rdp.maps_to["iso27001-2022"] and "1.3" in rdp.maps_to["pci-dss-4.0.1"]
    assert rdp.maps_to["lfpdppp-2025"] and rdp.title["es"] and rdp.remediation["en"]
    assert rdp.evidence == "3389/tcp open: tcpwrapped"
    assert run.authorized_by == "OT-7" and run.complete and run.tools["nmap"] == "7.93"


def test_import_of_timed_out_or_truncated_scan_is_incomplete():
    run = import_nmap(DATA / "timedout.xml")
    assert not run.complete and [f.check_id for f in run.findings] == ["scan-incomplete"]
    assert run.authorized_by == "" and run.source["file"].endswith("timedout.xml")  # no invented reference
    assert run.incomplete_messages("es") == ["127.0.0.1: nmap agotó el tiempo por equipo; los puertos no reportados "
                                             "pueden estar abiertos"]
    cut = import_nmap(DATA / "truncated.xml")
    assert not cut.complete and cut.incomplete_messages("en") == [
        "the XML ends at line 22 inside the host record that starts at line 18 (the scan did not finish writing)"]
    assert "scan-incomplete" in {f.check_id for f in cut.findings}


def test_import_missing_file_is_one_line(tmp_path):
    with pytest.raises(NmapFailed) as info:
        import_nmap(tmp_path / "nope.xml")
    assert "cannot be read" in info.value.lines("en")[0]


def test_a_quoted_greater_than_sign_does_not_cut_a_tag():
    text = ('<?xml version="1.0"?>\n<nmaprun scanner="nmap" args="nmap --script-args \'a=>b\' 203.0.113.1" '
            'start="1700000000" version="7.94">\n<host><status state="up"/><address addr="203.0.113.1" '
            'addrtype="ipv4"/></host>\n<runstats><finished time="1700000001" exit="error" '
            'errormsg="x > y: stopped"/></runstats></nmaprun>\n')
    result = parse_nmap_xml(text)
    assert result.command_line == "nmap --script-args 'a=>b' 203.0.113.1"
    assert result.finished and result.exit == "error" and result.errormsg == "x > y: stopped"
