"""nmap XML import, field by field: what the run records, the errors it gives, how ports get their role.

The saved scans are tests/data/nmap/*.xml and the demo's perimeter scan. (The run's own fields, times and
certificate dates are covered by tests/probes/test_import_certificates.py and the import's own tests.)
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine

from posture import l10n
from posture.probes import NmapFailed, _import, import_nmap
from posture.probes._nmap_xml import PortResult
from posture.probes._profile import NMAP_SERVICE_ROLES

DATA = Path(__file__).parents[1] / "data" / "nmap"
AT = datetime(2026, 2, 3, 4, 5, 6, tzinfo=UTC)  # well before the lab certificate's notAfter (2026-11-18)


def _run(name):
    with time_machine.travel(AT, tick=False):
        return import_nmap(DATA / name)


def test_evidence_names_port_service_and_banner():
    by_check = {f.check_id: f for f in _run("lab_sv.xml").findings}
    assert by_check["pbx-ami-exposed"].evidence == "50843/tcp open: asterisk (Asterisk Call Manager 5.0.2)"
    assert by_check["vnc-exposed"].evidence == "5900/tcp open: vnc (VNC protocol 3.8)"
    assert by_check["telnet-exposed"].evidence == "23/tcp open: telnet"
    for f in by_check.values():
        assert (f.host, f.protocol) == ("127.0.0.1", "tcp")


def test_a_file_over_the_limit_is_refused_by_size(tmp_path, monkeypatch):
    text = (DATA / "lab_sv.xml").read_bytes()
    path = tmp_path / "scan.xml"
    path.write_bytes(text)
    monkeypatch.setattr(_import, "MAX_XML_BYTES", len(text))
    assert import_nmap(path).findings  # exactly at the limit: read
    monkeypatch.setattr(_import, "MAX_XML_BYTES", len(text) - 1)
    with pytest.raises(NmapFailed) as err:
        import_nmap(path)
    (problem,) = err.value.problems
    assert problem.file.endswith("scan.xml")
    size = l10n.size(len(text) - 1, "en")  # 5.2 kB: as people write sizes
    assert size.endswith(" kB") and problem.message == {"es": f"pesa más de {size}", "en": f"is larger than {size}"}
    assert err.value.message == problem.message


def test_an_unreadable_file_says_why(tmp_path):
    with pytest.raises(NmapFailed) as err:
        import_nmap(tmp_path)  # a folder
    (problem,) = err.value.problems
    assert problem.file == str(tmp_path) or problem.file.endswith(tmp_path.name)
    assert problem.message["en"].startswith("cannot be read: ")
    assert problem.message["es"].startswith("no se puede leer: ")
    assert problem.message["en"] != "cannot be read: " and "None" not in problem.message["en"]


def test_not_xml_names_the_file(tmp_path):
    path = tmp_path / "notes.xml"
    path.write_bytes(b"\xff\xfe not xml \x00")  # undecodable bytes are replaced, not a crash
    with pytest.raises(NmapFailed) as err:
        import_nmap(path)
    (problem,) = err.value.problems
    assert problem.file.endswith("notes.xml") and problem.message == err.value.message
    assert "is not nmap XML output" in problem.message["en"]


@pytest.mark.parametrize(("port", "service", "product", "role"), [
    (40001, "ms-wbt-server", "", NMAP_SERVICE_ROLES["ms-wbt-server"]),  # by nmap's service name, any port
    (40002, "unknown", "Redis key-value store", "redis"),  # by product, whatever the service name
    (40003, "unknown", "OpenSSH 8.2", "ssh"),
    (6379, "", "", "redis"),  # nothing identified: the port's usual role
    (40004, "", "", ""),
])
def test_role_of_a_port(port, service, product, role):
    assert _import._role(PortResult(port, "tcp", "open", service=service, product=product)) == role


DEMO_SCAN = Path(__file__).parents[2] / "demo" / "centro-de-contacto-demo" / "perimeter-nmap.xml"


def test_the_demo_scan_is_read_field_by_field():
    """Literal values from demo/…/perimeter-nmap.xml: what python-nmap and the raw XML each contribute."""
    from posture.probes._nmap_xml import parse_nmap_xml

    r = parse_nmap_xml(DEMO_SCAN.read_text(encoding="utf-8"))
    assert (r.finished, r.exit, r.errormsg, r.scan_type, r.version) == (True, "success", "", "syn", "7.93")
    assert r.command_line.startswith("nmap -oX - -n -Pn -sS -sU -sV --script ssl-cert")
    hosts = {h.address: h for h in r.hosts}
    assert [(h.address, h.hostname, h.state, h.timedout, len(h.ports)) for h in r.hosts] == [
        ("203.0.113.10", "vpn.demo.example", "up", False, 4), ("203.0.113.20", "pbx.demo.example", "up", False, 5),
        ("203.0.113.30", "grabaciones.demo.example", "up", False, 5),
        ("203.0.113.40", "crm-db.demo.example", "up", False, 6),
        ("203.0.113.50", "portal.demo.example", "up", False, 2), ("203.0.113.60", "wfm.demo.example", "up", True, 0)]
    vpn = {(p.port, p.protocol): p for p in hosts["203.0.113.10"].ports}
    https = vpn[(443, "tcp")]
    assert (https.state, https.service, https.product, https.tunnel) == ("open", "https", "Fortinet SSL VPN", "ssl")
    assert list(https.scripts) == ["ssl-cert"] and https.cert_not_after == "2025-12-31T23:59:59"
    assert (vpn[(500, "udp")].service, vpn[(500, "udp")].tunnel, vpn[(500, "udp")].scripts) == ("isakmp", "", {})
    ssh = next(p for p in hosts["203.0.113.20"].ports if p.port == 22)
    assert (ssh.product, ssh.version, ssh.extrainfo, ssh.banner) == ("OpenSSH", "7.4", "protocol 2.0",
                                                                     "OpenSSH 7.4 protocol 2.0")
    assert [p.port for p in hosts["203.0.113.50"].ports] == [80, 8443]
    assert hosts["203.0.113.50"].ports[1].cert_not_after == "2025-12-01T00:00:00"
