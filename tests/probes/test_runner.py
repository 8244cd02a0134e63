"""Real nmap against the loopback lab: every exposure is found, with its controls and questions."""

from __future__ import annotations

import asyncio
import json
import re
import stat
import subprocess

import jsonschema
import psutil
import pytest

from posture.cli.probe import to_json
from posture.content._schema import schema
from posture.probes import INTERRUPTED, ProbeRunner, is_privileged, probe, run_probe, scope_from_args

pytestmark = pytest.mark.nmap

EXPECTED = {  # lab service → checks it must raise
    "http": {"http-no-https-redirect", "http-missing-security-headers", "http-server-version-disclosure"},
    "fortigate": {"tls-legacy-protocol", "tls-cert-expiring", "tls-cert-untrusted", "tls-hostname-mismatch",
                  "http-missing-hsts", "http-missing-security-headers", "vpn-portal-exposed", "vpn-portal-no-mfa-hint"},
    "expired": {"tls-cert-expired", "tls-cert-untrusted", "tls-hostname-mismatch"},
    "es": {"database-exposed", "database-unauthenticated"},
    "redis": {"database-exposed", "database-unauthenticated"},
    "mongodb": {"database-exposed", "database-unauthenticated"},
    "ami": {"pbx-ami-exposed"}, "esl": {"freeswitch-esl-exposed"}, "ftp": {"ftp-exposed"},
    "telnet": {"telnet-exposed"}, "sip-tcp": {"sip-exposed"},
}
EXPECTED_UDP = {"sip": "sip-exposed", "ike": "ike-exposed", "openvpn": "openvpn-exposed", "snmp": "snmp-exposed"}


@pytest.fixture(scope="module")
def lab_run(profile):
    return run_probe(scope_from_args(["localhost"], "OT-TEST-1"), profile=profile, privileged=False)


def _by_port(run, protocol="tcp"):
    out: dict[int, set[str]] = {}
    for f in run.findings:
        if f.protocol == protocol:
            out.setdefault(f.port, set()).add(f.check_id)
    return out


def test_every_exposure_is_found_unprivileged(lab, lab_run):
    found = _by_port(lab_run)
    for name, checks in EXPECTED.items():
        assert checks <= found.get(lab.ports[name], set()), (name, found.get(lab.ports[name]))
    # only the expected checks, nothing invented
    assert set().union(*found.values()) == set().union(*EXPECTED.values())
    udp = _by_port(lab_run, "udp")
    for name, check in EXPECTED_UDP.items():
        assert udp.get(lab.ports[name]) == {check}, name
    assert lab_run.complete and not lab_run.incomplete and not lab_run.privileged
    assert lab_run.authorized_by == "OT-TEST-1" and lab_run.targets == ["localhost"]
    # whatever nmap is installed: the run records the version that binary reports (no exact release expected)
    installed = subprocess.run(["nmap", "-V"], capture_output=True, text=True, check=True).stdout
    assert re.fullmatch(r"\d+\.\d+\S*", lab_run.tools["nmap"]), lab_run.tools
    assert f"Nmap version {lab_run.tools['nmap']} " in installed


def test_evidence_names_what_was_seen(lab, lab_run):
    ev = {(f.check_id, f.port): f.evidence for f in lab_run.findings}
    p = lab.ports
    assert ev[("http-server-version-disclosure", p["http"])] == "server: Apache/2.4.41"
    assert ev[("pbx-ami-exposed", p["ami"])] == "Asterisk Call Manager/5.0.2"
    assert ev[("freeswitch-esl-exposed", p["esl"])] == "Content-Type: auth/request"
    assert "Server: Asterisk PBX 18.10.0" in ev[("sip-exposed", p["sip-tcp"])]
    assert "TLSv1" in ev[("tls-legacy-protocol", p["fortigate"])]
    assert "Fortinet FortiGate" in ev[("vpn-portal-exposed", p["fortigate"])]
    assert "fortinet-fortigate-panel.yaml" in ev[("vpn-portal-exposed", p["fortigate"])]
    assert "PING → +PONG" in ev[("database-unauthenticated", p["redis"])]
    assert "listDatabases answered without authentication" in ev[("database-unauthenticated", p["mongodb"])]
    assert "cluster_name=clientes" in ev[("database-unauthenticated", p["es"])]
    assert "probed as localhost" in ev[("tls-hostname-mismatch", p["fortigate"])]
    assert "vsFTPd 3.0.3" in ev[("ftp-exposed", p["ftp"])]


def test_evidence_in_posture_words_reads_in_the_readers_language(lab, lab_run):
    """The words posture puts around what it saw are stored as a message id with parameters (issue 18):
    a Spanish reader reads them in Spanish; what the server sent (a banner, a header) stays as seen."""
    by = {(f.check_id, f.port): f for f in lab_run.findings}
    p = lab.ports
    es = {key: f.evidence_text("es") for key, f in by.items()}
    assert es[("database-unauthenticated", p["mongodb"])] == "MongoDB: listDatabases respondió sin autenticación"
    assert es[("tls-hostname-mismatch", p["fortigate"])].startswith("sondeado como localhost; nombres del certificado")
    assert es[("tls-legacy-protocol", p["fortigate"])].startswith("saludo TLS aceptado con TLSv1")
    assert "coincide con" in es[("vpn-portal-exposed", p["fortigate"])]
    assert by[("tls-legacy-protocol", p["fortigate"])].evidence_msg["id"] == "evidence.tls_legacy"
    assert es[("pbx-ami-exposed", p["ami"])] == "Asterisk Call Manager/5.0.2"  # a banner, as the server sent it
    # posture's words only: quoted third-party text («…») and a greeting as the server sent it are left out
    english = re.compile(r"\b(accepted|answered|without|probed|certificate|matched|lacks|redirect|days|self-signed)\b")
    ours = [re.sub(r"«[^»]*»", "", text) for key, text in es.items() if by[key].evidence_msg]
    assert len(ours) >= 5 and not [text for text in ours if english.search(text)]


def test_findings_carry_texts_controls_and_questions(lab_run):
    for f in lab_run.findings:
        assert f.title["es"] and f.title["en"] and f.description["es"] and f.remediation["en"]
        assert set(f.maps_to) == {"iso27001-2022", "pci-dss-4.0.1", "lfpdppp-2025"}
        assert f.severity in ("critical", "high", "medium", "low", "info")
        assert f.id == f"{f.check_id}@{f.host}:{f.port}/{f.protocol}"
    telnet = next(f for f in lab_run.findings if f.check_id == "telnet-exposed")
    assert "QS-09" in telnet.questions and telnet.severity == "high"


def test_json_output_matches_its_schema(lab_run):
    data = json.loads(json.dumps(to_json(lab_run, [], "es")))
    jsonschema.validate(data, schema("probe-run"))
    assert data["run"]["findings"][0]["severity"] == "critical"


@pytest.mark.skipif(not is_privileged(), reason="SYN and UDP scans need root with CAP_NET_RAW")
def test_privileged_run_uses_syn_and_udp_scans(lab, profile):
    run = run_probe(scope_from_args(["127.0.0.1"], "OT-TEST-2"), profile=profile, privileged=True)
    assert run.privileged and run.complete
    udp = _by_port(run, "udp")
    for name, check in EXPECTED_UDP.items():
        assert check in udp.get(lab.ports[name], set()), name
    assert "pbx-ami-exposed" in _by_port(run)[lab.ports["ami"]]


def test_host_timeout_is_reported_incomplete_never_clean(profile, tmp_path):
    # Slowed to 200 ms per probe, nmap cannot finish the lab's ports within the 0.5 s host timeout.
    run = run_probe(scope_from_args(["127.0.0.1"], "OT-TEST-3"), profile=profile, privileged=False,
                    host_timeout=0.5, nmap_search_path=(_slow_nmap(tmp_path),))
    assert not run.complete
    assert [f.check_id for f in run.findings] == ["scan-incomplete"]
    assert run.hosts[0]["complete"] is False and "timeout" in run.incomplete[0]


def _slow_nmap(tmp_path) -> str:
    """Real nmap, slowed down so there is time to cancel it."""
    wrapper = tmp_path / "nmap"
    wrapper.write_text('#!/bin/sh\nexec /usr/bin/nmap --scan-delay 200ms "$@"\n')
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR)
    return str(wrapper)


def _nmap_children() -> list[psutil.Process]:
    return [p for p in psutil.Process().children(recursive=True) if "nmap" in " ".join(p.cmdline())]


async def test_cancel_kills_nmap_and_keeps_partial_run(profile, tmp_path):
    runner = ProbeRunner(scope_from_args(["127.0.0.1"], "OT-TEST-4"), profile=profile, privileged=False,
                         nmap_search_path=(_slow_nmap(tmp_path),))
    task = asyncio.ensure_future(runner.execute())
    for _ in range(100):
        await asyncio.sleep(0.05)
        if _nmap_children():
            break
    assert _nmap_children(), "nmap did not start"
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert _nmap_children() == []
    assert not runner.probe_run.complete and INTERRUPTED in runner.probe_run.incomplete \
        and runner.probe_run.finished_at


async def test_async_api_returns_run(profile):
    run = await probe(scope_from_args(["127.0.0.1"], "OT-TEST-5"), profile=profile, privileged=False)
    assert {"pbx-ami-exposed", "ftp-exposed"} <= {f.check_id for f in run.findings}
