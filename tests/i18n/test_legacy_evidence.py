"""An assessment written by an older posture (tests/data/legacy/demo-before-ids: the demo as it was before
00a8d8b) stored its findings' evidence and its run's incompleteness as English sentences
(«1723/tcp open: pptp (Microsoft PPTP)», «203.0.113.60: nmap host timeout»). Read today, the sentences in a
pattern posture knows become message ids with parameters and are shown in the reader's language; one it
does not know is shown as a quotation marked as recorded in English; a banner stays as seen."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from test_no_english import leaks

from posture.assessment import load_assessment
from posture.findings import Finding, ProbeRun, legacy_message

LEGACY = Path(__file__).resolve().parents[1] / "data" / "legacy" / "demo-before-ids"
RECORDED = re.compile(r"registrado en inglés: «[^»]*»")


@pytest.fixture
def legacy(tmp_path):
    shutil.copytree(LEGACY, tmp_path / "demo-before-ids")
    return tmp_path / "demo-before-ids"


def test_the_old_sentences_are_read_back_as_messages(legacy):
    (run,) = load_assessment(legacy / "assessment.yaml").probe_runs
    assert len(run.findings) == 21 and all(f.evidence_msg for f in run.findings)
    pptp = next(f for f in run.findings if f.check_id == "pptp-exposed")
    assert pptp.evidence == "1723/tcp open: pptp (Microsoft PPTP)"  # the stored text is kept as it was
    assert pptp.evidence_text("es") == "1723/tcp abierto: pptp (Microsoft PPTP)"
    cert = next(f for f in run.findings if f.check_id == "tls-cert-expired")
    assert cert.evidence_text("es") == "ssl-cert: válido hasta 31 dic 2025, 11:59:59\u00a0p.m."
    assert cert.evidence_text("en") == "ssl-cert: valid until Dec 31, 2025, 11:59:59\u00a0PM"
    assert run.incomplete_messages("es") == [
        "203.0.113.60: nmap agotó el tiempo por equipo; los puertos no reportados pueden estar abiertos"]
    spanish = "\n".join([*(f.evidence_text("es") for f in run.findings), *run.incomplete_messages("es")])
    assert not leaks(spanish, "es", []), leaks(spanish, "es", [])


def test_unknown_text_is_marked_as_recorded_and_a_banner_stays_as_seen():
    run = ProbeRun.from_dict({"id": "r1", "authorized_by": "OT-1", "started_at": "2026-03-10T09:00:00-06:00",
                              "complete": False, "incomplete": ["the probe tripped over a cable"]})
    assert run.incomplete_messages("es") == ["registrado en inglés: «the probe tripped over a cable»"]
    assert run.incomplete_messages("en") == ["the probe tripped over a cable"]
    banner = Finding.from_dict({"check_id": "ssh-exposed", "severity": "medium", "host": "203.0.113.1",
                                "port": 22, "protocol": "tcp", "title": {"es": "t", "en": "t"},
                                "description": {}, "remediation": {}, "evidence": "SSH-2.0-OpenSSH_8.2p1"})
    assert banner.evidence_msg == {} and banner.evidence_text("es") == "SSH-2.0-OpenSSH_8.2p1"
    assert legacy_message("anything: at all") is None  # a template with no words of its own matches nothing


@pytest.mark.slow
def test_the_spanish_pdf_of_an_old_assessment_has_no_english_in_its_probe_annex(legacy):
    from posture.report import load, render_pdf

    pdf = render_pdf(load(legacy), "es")
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    annex = text[text.index("Anexo: sondeos de red"):]
    assert "1723/tcp abierto: pptp" in " ".join(annex.split())
    assert "Prueba incompleta" not in annex and "Sondeo incompleto" in annex  # the check's words of today
    found = leaks(RECORDED.sub(" ", annex), "es", ["OT-2026-031 (Dirección de TI de Centro de Contacto Demo, "
                                                    "2026-03-02)", "Jorge Ramírez (Auditoría)"])
    assert not found, "\n".join(found)


@pytest.mark.parametrize(("days", "es", "en"), [
    ("-69", "vencido 69 días antes del escaneo de nmap del 10 mar 2026",
     "expired 69 days before the nmap scan of Mar 10, 2026"),
    ("-1", "vencido 1 día antes del escaneo de nmap del 10 mar 2026",
     "expired 1 day before the nmap scan of Mar 10, 2026"),
    ("+5", "le quedaban 5 días en el escaneo de nmap del 10 mar 2026",
     "5 days left at the nmap scan of Mar 10, 2026"),
    ("+1", "le quedaba 1 día en el escaneo de nmap del 10 mar 2026",
     "1 day left at the nmap scan of Mar 10, 2026"),
])
def test_a_certificates_signed_days_read_as_words(days, es, en):
    """Files of posture before 2026-12 stored an imported certificate's days to the scan signed under one id
    ("evidence.cert_expiry", shown «-69 días»), and older ones as the English sentence «… nmap …: -69 d»:
    both read as expired N days before / N days left at the scan, never a signed count."""
    from posture.findings import message

    stored = {"id": "evidence.cert_expiry", "params": {"not_after": "2025-12-31T23:59:59", "date": "2026-03-10",
                                                       "days": days}}
    sentence = legacy_message(f"ssl-cert notAfter=2025-12-31T23:59:59 · nmap 2026-03-10: {days} d")
    for item in (stored, sentence):
        assert message(item, "es") == f"ssl-cert: válido hasta 31 dic 2025, 11:59:59\u00a0p.m., {es}"
        assert message(item, "en") == f"ssl-cert: valid until Dec 31, 2025, 11:59:59\u00a0PM, {en}"
