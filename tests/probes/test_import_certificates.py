"""Certificate validity on nmap import, relative to the scan's own date (never today's).

Rule (posture/probes/_import.py): as of the time nmap ran, past notAfter → ``tls-cert-expired``; fewer than
EXPIRY_WARNING_DAYS (30) days left → ``tls-cert-expiring``; else nothing. Each case rewrites the notAfter of
the saved scan tests/data/nmap/lab_sv.xml relative to that scan's start, so the result depends on
neither the machine's clock nor the fixture's age; the import also runs a year ahead to show that.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine

from posture.probes import import_nmap
from posture.probes._tls import EXPIRY_WARNING_DAYS

LAB = Path(__file__).parents[1] / "data" / "nmap" / "lab_sv.xml"
TEXT = LAB.read_text(encoding="utf-8")
SCANNED = datetime.fromtimestamp(int(re.search(r'<nmaprun [^>]*start="(\d+)"', TEXT).group(1)), UTC)
CERT_CHECKS = {"tls-cert-expired", "tls-cert-expiring"}


def _with_not_after(tmp_path, not_after: datetime) -> Path:
    stamp = not_after.strftime("%Y-%m-%dT%H:%M:%S")
    text, n = re.subn(r'(<elem key="notAfter">)[^<]*(</elem>)', rf"\g<1>{stamp}\g<2>", TEXT)
    assert n >= 1
    text = re.sub(r"(notAfter: )\S+", rf"\g<1>{stamp}", text)
    path = tmp_path / "scan.xml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("offset", "expected"), [
    (-timedelta(days=1), {"tls-cert-expired"}),
    (timedelta(days=1), {"tls-cert-expiring"}),
    (timedelta(days=EXPIRY_WARNING_DAYS - 1), {"tls-cert-expiring"}),
    (timedelta(days=EXPIRY_WARNING_DAYS + 1), set()),
    (timedelta(days=365), set()),
])
def test_certificate_validity_relative_to_the_scan_date(tmp_path, offset, expected):
    path = _with_not_after(tmp_path, SCANNED + offset)
    for now in (datetime.now(UTC), datetime.now(UTC) + timedelta(days=365)):  # today and a year ahead: the same
        with time_machine.travel(now, tick=False):
            run = import_nmap(path)
        assert {f.check_id for f in run.findings if f.check_id in CERT_CHECKS} == expected


def test_the_expiring_finding_names_the_date(tmp_path):
    not_after = SCANNED + timedelta(days=10)
    run = import_nmap(_with_not_after(tmp_path, not_after))
    (f,) = [f for f in run.findings if f.check_id == "tls-cert-expiring"]
    assert f"valid until {not_after:%Y-%m-%dT%H:%M:%S}" in f.evidence  # the stored text (JSON) keeps ISO
    assert f"valid until {not_after:%b} {not_after.day}, {not_after.year}, " in f.evidence_text("en")  # a person: CLDR
    assert f.maps_to and f.title["es"] and f.title["en"] and f.remediation["en"]
