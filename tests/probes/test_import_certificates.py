"""Certificate validity on nmap import, with the clock frozen relative to the fixture's notAfter.

The saved scan (tests/data/nmap/lab_sv.xml) holds a certificate with a fixed notAfter; what the import
says about it depends on *when* it is imported, so each case travels to a time relative to that date
and the result never depends on today's date. Rule (posture/probes/_import.py): past notAfter →
``tls-cert-expired``; fewer than EXPIRY_WARNING_DAYS (30) days left → ``tls-cert-expiring``; else nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine

from posture.probes import import_nmap
from posture.probes._nmap_xml import parse_nmap_xml
from posture.probes._tls import EXPIRY_WARNING_DAYS

LAB = Path(__file__).parents[1] / "data" / "nmap" / "lab_sv.xml"
_TLS = next(p for p in parse_nmap_xml(LAB.read_text()).hosts[0].ports if p.tunnel == "ssl")
NOT_AFTER = datetime.fromisoformat(_TLS.cert_not_after).replace(tzinfo=UTC)
CERT_CHECKS = {"tls-cert-expired", "tls-cert-expiring"}


def _cert_findings(at: datetime) -> set[str]:
    with time_machine.travel(at, tick=False):
        run = import_nmap(LAB)
    return {f.check_id for f in run.findings if f.port == _TLS.port and f.check_id in CERT_CHECKS}


@pytest.mark.parametrize(("offset", "expected"), [
    (timedelta(days=1), {"tls-cert-expired"}),
    (timedelta(seconds=1), {"tls-cert-expired"}),
    (-timedelta(days=1), {"tls-cert-expiring"}),
    (-timedelta(days=EXPIRY_WARNING_DAYS - 1), {"tls-cert-expiring"}),
    (-timedelta(days=EXPIRY_WARNING_DAYS + 1), set()),
    (-timedelta(days=365), set()),
])
def test_certificate_validity_relative_to_not_after(offset, expected):
    assert _cert_findings(NOT_AFTER + offset) == expected


def test_the_expiring_finding_names_the_date_and_maps_to_controls():
    with time_machine.travel(NOT_AFTER - timedelta(days=10), tick=False):
        run = import_nmap(LAB)
    (f,) = [f for f in run.findings if f.check_id == "tls-cert-expiring"]
    assert f.evidence == f"ssl-cert notAfter={_TLS.cert_not_after}"
    assert f.maps_to and f.title["es"] and f.title["en"] and f.remediation["en"]


def test_the_run_is_stamped_with_the_frozen_clock():
    at = NOT_AFTER - timedelta(days=100)
    with time_machine.travel(at, tick=False):
        run = import_nmap(LAB)
    assert run.id == f"import-{at:%Y%m%dT%H%M%SZ}"
    assert run.started_at == at.isoformat(timespec="seconds")
