"""A newcomer's hand-written realistic scans (tests/data/nmap/newcomer): each kind of fault they found,
with the right counts, findings, hosts, exit status and messages in es and en."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from posture import cli
from posture.content._schema import schema
from posture.findings import Finding
from posture.probes._nmap_xml import ciphers_from_text, merge_port_lists

DATA = Path(__file__).parents[1] / "data" / "nmap" / "newcomer"


def _run(capsys, lang: str, *argv: str) -> tuple[int, str, str]:
    code = cli.main(["--lang", lang, "probe", *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "internal error" not in err and "error interno" not in err
    return code, out, err


def _json(capsys, name: str, lang: str = "en") -> tuple[int, dict]:
    code, out, _ = _run(capsys, lang, "--import-nmap", str(DATA / name), "--json")
    data = json.loads(out)
    jsonschema.validate(data, schema("probe-run"))
    return code, data


def _checks(data: dict) -> set[tuple[str, str]]:
    return {(f["check_id"], f["id"].split("@", 1)[1]) for f in data["run"]["findings"]}


# -- 1: old nmap writes ssl-cert / ssl-enum-ciphers as text only ----------------------------------------------------

def test_old_nmap_text_only_tls_scripts_are_read(capsys):
    code, data = _json(capsys, "n551.xml")
    assert code == 0
    tls = {c for c in _checks(data) if c[0].startswith("tls-")}
    assert tls == {("tls-cert-expired", "198.51.100.1:443/tcp"), ("tls-legacy-protocol", "198.51.100.1:443/tcp"),
                   ("tls-weak-cipher", "198.51.100.1:443/tcp")}
    evidence = {f["check_id"]: f["evidence"] for f in data["run"]["findings"]}
    assert evidence["tls-legacy-protocol"] == "ssl-enum-ciphers: SSLv3, TLSv1.0 accepted"
    assert "SSLv3 TLS_RSA_WITH_DES_CBC_SHA (weak)" in evidence["tls-weak-cipher"]
    assert evidence["tls-cert-expired"] == ("ssl-cert: valid until 2025-06-30T23:59:59, expired 253 days before "
                                           "the nmap scan of 2026-03-10")
    # both scripts were evaluated: not listed as unused
    assert data["messages"]["notes"][-1] == "NSE scripts in the file that no check evaluates: rdp-ntlm-info (1)"
    code, out, _ = _run(capsys, "es", "--import-nmap", str(DATA / "n551.xml"))
    assert "evidencia: ssl-enum-ciphers: acepta SSLv3, TLSv1.0" in out
    assert ("evidencia: ssl-cert: válido hasta 30 jun 2025, 11:59:59\u00a0p.m., vencido 253 días antes del escaneo de "
            "nmap del 10 mar 2026") in out
    assert "accepted" not in out and "self-signed" not in out


def test_text_only_certificate_gives_the_same_finding_as_the_table(capsys):
    _, text = _json(capsys, "n640.xml")
    _, table = _json(capsys, "n640c.xml")
    assert ("tls-cert-expired", "[2001:db8::10]:10443/tcp") in _checks(text)
    assert ("tls-cert-expired", "[2001:db8::10]:10443/tcp") in _checks(table)


def test_tls_script_text_posture_cannot_read_is_named_as_not_evaluated(tmp_path, capsys):
    text = (DATA / "n551.xml").read_text()
    text = re.sub(r'(id="ssl-(?:cert|enum-ciphers)") output="[^"]*"', r'\1 output="ERROR: script failed"', text)
    (tmp_path / "odd.xml").write_text(text)
    code, out, _ = _run(capsys, "en", "--import-nmap", str(tmp_path / "odd.xml"))
    assert code == 0 and "(tls-" not in out
    assert ("NSE scripts in the file that no check evaluates: rdp-ntlm-info (1), ssl-cert (1), "
            "ssl-enum-ciphers (1)") in out


def test_cipher_text_form_new_and_old():
    old = "\n  SSLv3\n    Ciphers (1)\n      TLS_RSA_WITH_DES_CBC_SHA - weak\n  least strength: weak"
    new = "\n  TLSv1.0: \n    ciphers: \n      TLS_RSA_WITH_RC4_128_SHA (rsa 2048) - C\n  least strength: C"
    assert ciphers_from_text(old) == {"SSLv3": {"ciphers": [{"name": "TLS_RSA_WITH_DES_CBC_SHA", "strength": "weak"}]}}
    assert ciphers_from_text(new) == {"TLSv1.0": {"ciphers": [{"name": "TLS_RSA_WITH_RC4_128_SHA", "strength": "C"}]}}


# -- 2: appended runs count each address once; their port lists merge -------------------------------------------------

@pytest.mark.parametrize("name,total,up", [("append_same.xml", 1, 1), ("append2.xml", 2, 2)])
def test_appended_runs_count_addresses_once(capsys, name, total, up):
    code, data = _json(capsys, name)
    assert code == 0 and data["run"]["source"]["addresses"] == total and data["run"]["source"]["up"] == up
    assert "ports the scan looked at: TCP 22,3389; no other port was looked at" in data["messages"]["notes"]
    _, out, _ = _run(capsys, "es", "--import-nmap", str(DATA / name))
    assert {1: "1 dirección escaneada, 1 activa,", 2: "2 direcciones escaneadas, 2 activas,"}[total] in out


def test_port_lists_merge():
    assert merge_port_lists("22", "3389") == "22,3389"
    assert merge_port_lists("1-1000,3389", "22,1001-1002") == "1-1002,3389"


# -- 3, 4: a problem in one record lands on that record's host, named, in the reader's language ------------------------

def test_cut_host_is_named_and_its_complete_ports_kept(capsys):
    code, data = _json(capsys, "append_trunc.xml")
    assert code == 3
    assert _checks(data) == {("ssh-exposed", "192.0.2.1:22/tcp"), ("rdp-exposed", "192.0.2.2:3389/tcp"),
                             ("scan-incomplete", "192.0.2.2")}
    hosts = {h["address"]: (h["complete"], h["open_ports"]) for h in data["run"]["hosts"]}
    assert hosts == {"192.0.2.1": (True, ["22/tcp"]), "192.0.2.2": (False, ["3389/tcp"])}
    reason_en = ("the XML ends at line 22 inside the record of host 192.0.2.2, which starts at line 19 (the scan did "
                 "not finish writing); its complete ports are kept")
    assert data["messages"]["incomplete"] == [reason_en]
    code, data = _json(capsys, "trunc.xml", "es")
    assert code == 3
    assert [c for c in _checks(data) if c[0] == "scan-incomplete"] == [("scan-incomplete", "2001:db8::2")]
    assert {h["address"]: h["complete"] for h in data["run"]["hosts"]} == {"198.51.100.1": True, "2001:db8::2": False}
    code, out, _ = _run(capsys, "es", "--import-nmap", str(DATA / "trunc.xml"))
    assert ("evidencia: trunc.xml: el XML termina en la línea 33 dentro del registro del equipo 2001:db8::2, que "
            "empieza en la línea 29") in out
    assert "cut_host" not in out and "the XML ends" not in out


def test_malformed_port_pins_the_problem_on_its_own_host(capsys):
    code, data = _json(capsys, "malformed.xml", "es")
    assert code == 3
    incomplete = {f["id"]: f for f in data["run"]["findings"] if f["check_id"] == "scan-incomplete"}
    first = incomplete["scan-incomplete@198.51.100.1"]
    assert first["evidence"] == "malformed.xml: line 23: <port> 992 of 198.51.100.1 without <state>, skipped"
    assert Finding.from_dict(first).evidence_text("es") == (
        "malformed.xml: línea 23: <port> 992 de 198.51.100.1 sin <state>, omitido")
    assert data["messages"]["incomplete"][0] == "línea 23: <port> 992 de 198.51.100.1 sin <state>, omitido"


# -- 5: reverse DNS names kept, never used to judge a certificate ---------------------------------------------------

def test_ptr_hostname_is_kept_and_marked(capsys):
    _, data = _json(capsys, "nmap411.xml")
    named = [h for h in data["run"]["hosts"] if h["hostname"]]
    assert [(h["hostname"], h.get("hostname_source")) for h in named] == [("ftp.old.example", "PTR")]
    _, data = _json(capsys, "n551.xml")
    assert data["run"]["hosts"][0]["hostname"] == "pbx.vendor.example"
    assert not any(f["check_id"] == "tls-hostname-mismatch" for f in data["run"]["findings"])


# -- 7: OS errors in posture's words -------------------------------------------------------------------------------

def test_file_errors_are_said_in_the_readers_language(tmp_path, capsys):
    (tmp_path / "adir").mkdir()
    code, _, err = _run(capsys, "es", "--import-nmap", str(tmp_path / "adir"))
    assert code == 1 and err.strip() == f"{tmp_path / 'adir'}: no se puede leer: es una carpeta, no un archivo"
    code, _, err = _run(capsys, "en", "--import-nmap", str(tmp_path / "missing.xml"))
    assert code == 1 and err.strip() == f"{tmp_path / 'missing.xml'}: cannot be read: does not exist"


# -- 9: an incomplete run never reads "No findings" -----------------------------------------------------------------

def test_incomplete_run_without_findings_does_not_read_clean(tmp_path, capsys):
    text = (DATA / "append_same.xml").read_text()
    cut = text[:text.index("<host ")]  # the file ends before any host was written
    (tmp_path / "cut.xml").write_text(cut)
    code, out, _ = _run(capsys, "en", "--import-nmap", str(tmp_path / "cut.xml"))
    assert code == 3 and "No findings on the ports probed." not in out
    assert "No findings in what could be read; the run is incomplete (see below)." in out
    code, out, _ = _run(capsys, "es", "--import-nmap", str(tmp_path / "cut.xml"))
    assert code == 3 and "Sin hallazgos en lo que se alcanzó a leer; el sondeo está incompleto" in out


# -- 10, 12: the real cause of a refused file ---------------------------------------------------------------------

def test_entities_are_refused_with_their_real_cause(capsys):
    code, _, err = _run(capsys, "en", "--import-nmap", str(DATA / "bomb.xml"))
    assert code == 1 and err.count("\n") == 1
    assert "declares XML entities (<!ENTITY>) at line 3" in err and "<nmaprun> not found" not in err
    code, _, err = _run(capsys, "es", "--import-nmap", str(DATA / "bomb.xml"))
    assert code == 1 and "declara entidades XML (<!ENTITY>) en la línea 3" in err


def test_empty_file_says_it_is_empty(tmp_path, capsys):
    (tmp_path / "empty.xml").write_text("\n")
    code, _, err = _run(capsys, "es", "--import-nmap", str(tmp_path / "empty.xml"))
    assert code == 1 and err.strip() == f"{tmp_path / 'empty.xml'}: el archivo está vacío"


# -- 11: options that do not apply to an import are refused, never ignored ------------------------------------------

@pytest.mark.parametrize("extra,named", [(["--exclude", "198.51.100.1"], "--exclude"), (["127.0.0.1"], "TARGET"),
                                         (["--unprivileged"], "--privileged/--unprivileged")])
def test_scan_options_with_an_import_are_refused(capsys, extra, named):
    code, out, err = _run(capsys, "en", "--import-nmap", str(DATA / "nmap793.xml"), *extra)
    assert code == 1 and out == ""
    assert err.strip() == (f"posture probe: {named} does not apply to --import-nmap: the XML already says what was "
                           "scanned; remove it or scan without --import-nmap")
    code, _, err = _run(capsys, "es", "--import-nmap", str(DATA / "nmap793.xml"), *extra)
    named_es = {"TARGET": "OBJETIVO"}.get(named, named)  # the placeholder as the Spanish help shows it
    assert code == 1 and err.startswith(f"posture probe: {named_es} no se aplica a --import-nmap")


def test_several_scan_options_with_an_import_are_named_in_the_plural(capsys):
    code, _, err = _run(capsys, "es", "--import-nmap", str(DATA / "nmap793.xml"), "127.0.0.1", "--timeout", "5")
    assert code == 1 and err.startswith("posture probe: OBJETIVO, --timeout no se aplican a --import-nmap")
    assert "quítelos" in err
    code, _, err = _run(capsys, "en", "--import-nmap", str(DATA / "nmap793.xml"), "127.0.0.1", "--timeout", "5")
    assert err.startswith("posture probe: TARGET, --timeout do not apply to --import-nmap") and "remove them" in err


def test_masscan_evidence_names_the_role_not_a_question_mark(capsys):
    _, data = _json(capsys, "masscan.xml")
    evidence = {f["id"]: f["evidence"] for f in data["run"]["findings"]}
    assert evidence["database-exposed@192.0.2.5:3306/tcp"] == "3306/tcp open: mysql"


# -- 6: ports asked for and not looked at are named ------------------------------------------------------------------

def test_added_udp_ports_an_unprivileged_run_cannot_ask_are_named():
    from posture.findings import message
    from posture.probes import ports_from_args, scope_from_args
    from posture.probes._runner import ProbeRunner

    scope = scope_from_args(["127.0.0.1"], "LAB-1", exclusions=[], max_hosts=4)
    scope.ports = ports_from_args(["5080/udp", "8443/udp=ssh", "5090/udp=sip"])
    notes = ProbeRunner(scope, privileged=False).probe_run.notes
    assert [n["id"] for n in notes] == ["probe.ports", "probe.udp_skipped"]
    assert "5090" in notes[0]["params"]["udp"] and "5080" not in notes[0]["params"]["udp"]
    assert message(notes[1], "en") == ("UDP 5080/udp, 8443/udp=ssh not looked at: without privileges posture only "
                                       "asks UDP services it knows (ike, openvpn, sip, snmp); give the role "
                                       "(5080/udp=sip) or use --privileged")
    assert message(notes[1], "es").startswith("no se revisó UDP 5080/udp, 8443/udp=ssh: sin privilegios")
    privileged = ProbeRunner(scope, privileged=True).probe_run.notes
    assert [n["id"] for n in privileged] == ["probe.ports"] and "5080" in privileged[0]["params"]["udp"]


def test_a_ports_value_naming_no_port_is_refused(capsys):
    code, out, err = _run(capsys, "en", "127.0.0.1", "--authorized-by", "LAB-1", "--ports", ",,")
    assert code == 1 and out == "" and "',,' names no port" in err


# -- 8: Ctrl-C while the subcommands are still being imported -------------------------------------------------------

def test_ctrl_c_while_modules_are_imported_exits_130_without_traceback(monkeypatch, capsys):
    import importlib
    import os
    import signal

    real = importlib.import_module

    def interrupted_import(name, *args):
        if name == "posture.cli.probe":  # a real SIGINT, as the terminal sends it, mid-import of the subcommand
            os.kill(os.getpid(), signal.SIGINT)
        return real(name, *args)

    monkeypatch.setattr(importlib, "import_module", interrupted_import)
    # Python's own Ctrl-C handler, even when this suite runs as a background job (which starts with SIGINT ignored)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        code = cli.main(["--lang", "es", "probe", "--import-nmap", str(DATA / "n551.xml")])
    finally:
        signal.signal(signal.SIGINT, previous)
    out, err = capsys.readouterr()
    assert code == 130 and err == "interrumpido\n" and out == "" and "Traceback" not in err


# -- 7, 12: --attach given a folder or a file that is not YAML -------------------------------------------------------

def test_attach_accepts_the_assessment_folder(tmp_path, capsys):
    assert cli.main(["--lang", "en", "demo", "--workspace", str(tmp_path), "--no-app"]) == 0
    capsys.readouterr()
    (folder,) = [p for p in tmp_path.iterdir() if p.is_dir()]
    code, out, _ = _run(capsys, "en", "--import-nmap", str(DATA / "append_same.xml"), "--attach", str(folder))
    assert code == 0 and f"Attached to {folder / 'assessment.yaml'}: 2 findings, 0 contradictions." in out


def test_attach_to_a_non_yaml_file_is_said_in_spanish(capsys):
    xml = str(DATA / "nmap793.xml")
    code, out, err = _run(capsys, "es", "--import-nmap", xml, "--attach", xml)
    assert code == 1 and out == ""
    (line,) = err.strip().splitlines()
    said, _, quoted = line.partition(" (mensaje de PyYAML: «")  # PyYAML's own words only as the quoted detail
    assert "YAML inválido:" in said and "not allowed" not in said and "mapping values" not in said
    assert quoted.startswith("mapping values are not allowed")
    code, _, err = _run(capsys, "en", "--import-nmap", str(DATA / "nmap793.xml"), "--attach", str(DATA / "nmap793.xml"))
    assert "invalid YAML: a 'key: value' cannot go here" in err and "(PyYAML's message: “mapping values" in err


# -- 12: what the output does not otherwise show --------------------------------------------------------------------

def test_open_ports_without_a_finding_are_named(tmp_path, capsys):
    text = (DATA / "append_same.xml").read_text().replace('portid="22"', 'portid="12345"')
    (tmp_path / "quiet.xml").write_text(text)
    code, out, _ = _run(capsys, "en", "--import-nmap", str(tmp_path / "quiet.xml"))
    assert code == 0 and "open ports with no finding (no check recognises them): 192.0.2.1:12345/tcp\n" in out
    _, out, _ = _run(capsys, "es", "--import-nmap", str(tmp_path / "quiet.xml"))
    assert "puertos abiertos sin hallazgo (ninguna verificación los reconoce): 192.0.2.1:12345/tcp\n" in out


def test_masscan_import_says_it_cannot_tell_the_ports_looked_at(capsys):
    _, data = _json(capsys, "masscan.xml", "es")
    assert data["messages"]["notes"] == ["masscan no anota qué puertos revisó: solo se conocen los abiertos que "
                                         "encontró"]


def test_the_same_scan_attached_twice_is_said(tmp_path, capsys):
    assert cli.main(["--lang", "en", "demo", "--workspace", str(tmp_path), "--no-app"]) == 0
    capsys.readouterr()
    (folder,) = [p for p in tmp_path.iterdir() if p.is_dir()]
    scan = str(DATA / "append_same.xml")
    code, _, err = _run(capsys, "es", "--import-nmap", scan, "--attach", str(folder))
    assert code == 0 and "aviso" not in err
    code, out, err = _run(capsys, "es", "--import-nmap", scan, "--attach", str(folder))
    assert code == 0 and "Agregado a" in out
    assert err.startswith("aviso: este escaneo (") and "ya estaba agregado como el sondeo import-" in err


def test_hsts_evidence_in_the_readers_language(tmp_path, capsys):
    text = (DATA / "append_same.xml").read_text().replace(
        '<service name="x" method="table" conf="3"/></port></ports>\n</host>\n<runstats><finished time="1773154810"',
        '<service name="https" tunnel="ssl" method="table" conf="3"/><script id="http-headers" '
        'output="&#xa;  Server: nginx&#xa;  Content-Type: text/html&#xa;"/></port></ports>\n</host>\n'
        '<runstats><finished time="1773154810"')
    (tmp_path / "hsts.xml").write_text(text)
    _, out, _ = _run(capsys, "es", "--import-nmap", str(tmp_path / "hsts.xml"))
    assert "evidencia: http-headers: sin encabezado Strict-Transport-Security" in out
    _, out, _ = _run(capsys, "en", "--import-nmap", str(tmp_path / "hsts.xml"))
    assert "evidence: http-headers: no Strict-Transport-Security header" in out
