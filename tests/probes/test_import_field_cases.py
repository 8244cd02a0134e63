"""Field cases (tests/data/nmap/field, cut down from real scan files): each imported through the CLI
as an assessor runs it, with the right counts, findings, exit status and messages in es and en."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from posture import cli
from posture.content._schema import schema
from posture.probes import NmapFailed, import_nmap

FIELD = Path(__file__).parents[1] / "data" / "nmap" / "field"


def _run(capsys, name: str, lang: str, *extra: str) -> tuple[int, str, str]:
    code = cli.main(["--lang", lang, "probe", "--import-nmap", str(FIELD / name), *extra])
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "internal error" not in err and "error interno" not in err
    return code, out, err


def _json(capsys, name: str, lang: str = "en") -> tuple[int, dict]:
    code, out, _ = _run(capsys, name, lang, "--json")
    data = json.loads(out)
    jsonschema.validate(data, schema("probe-run"))
    return code, data


def _checks(data: dict) -> set[tuple[str, str]]:
    return {(f["check_id"], f["id"].split("@", 1)[1]) for f in data["run"]["findings"]}


def test_forbidden_character_is_replaced_and_every_host_kept(capsys):
    code, data = _json(capsys, "invalid-char-before-host.xml")
    assert code == 0 and data["run"]["complete"]
    assert _checks(data) == {("ssh-exposed", "203.0.113.100:22/tcp"), ("smb-exposed", "203.0.113.100:139/tcp"),
                             ("smb-exposed", "203.0.113.100:445/tcp")}
    assert data["messages"]["notes"] == [
        "1 character XML forbids was replaced before reading (at line 4: U+0005)",
        "ports the scan looked at: TCP 22,139,445; no other port was looked at"]
    code, out, _ = _run(capsys, "invalid-char-before-host.xml", "es")
    assert code == 0 and "1 carácter que XML prohíbe se reemplazó antes de leer (en la línea 4" in out
    assert "nmap no terminó" not in out and "did not finish" not in out


def test_masscan_records_merge_per_address(capsys):
    code, data = _json(capsys, "masscan-one-host-per-port.xml")
    assert code == 0
    assert _checks(data) == {("rdp-exposed", "203.0.113.14:3389/tcp"), ("ssh-exposed", "203.0.113.14:22/tcp")}
    run = data["run"]
    assert run["targets"] == ["203.0.113.14"] and len(run["hosts"]) == 1
    assert sorted(run["hosts"][0]["open_ports"]) == ["22/tcp", "3389/tcp"]
    assert run["source"]["scanner"] == "masscan" and run["tools"] == {"masscan": "1.0-BETA"}
    assert run["source"]["addresses"] == 1 and run["source"]["up"] == 1
    _, out, _ = _run(capsys, "masscan-one-host-per-port.xml", "es")
    assert "masscan 1.0-BETA" in out and "1 dirección escaneada, 1 activa, 2 puertos abiertos" in out


def test_append_output_runs_are_all_read(capsys):
    code, data = _json(capsys, "append-output-two-runs.xml")
    assert code == 0 and data["run"]["complete"]
    assert _checks(data) == {("ssh-exposed", "203.0.113.5:22/tcp"), ("rdp-exposed", "203.0.113.20:3389/tcp"),
                             ("smb-exposed", "203.0.113.20:445/tcp")}
    assert data["run"]["targets"] == ["203.0.113.5", "203.0.113.20"]  # numeric order, not text order
    assert data["run"]["source"]["runs"] == 2
    assert "the file holds 2 scans (--append-output): all were read and merged" in data["messages"]["notes"]
    _, out, _ = _run(capsys, "append-output-two-runs.xml", "es")
    assert "el archivo contiene 2 escaneos (--append-output)" in out


def test_a_cut_second_run_is_incomplete(tmp_path, capsys):
    text = (FIELD / "append-output-two-runs.xml").read_text()
    cut = text[:text.rindex("<runstats>")]
    (tmp_path / "cut.xml").write_text(cut)
    run = import_nmap(tmp_path / "cut.xml")
    assert not run.complete and {h["address"] for h in run.hosts} == {"203.0.113.5", "203.0.113.20"}
    assert run.incomplete_messages("en") == ["scan 2 of the 2 in the file did not finish (no <runstats>)"]
    assert run.incomplete_messages("es") == ["el escaneo 2 de 2 del archivo no terminó (sin <runstats>)"]


def test_nmap_error_exit_is_incomplete_with_its_message(capsys):
    code, out, _ = _run(capsys, "fatal-exit-error.xml", "en")
    assert code == 3
    assert "INCOMPLETE" in out
    assert "nmap stopped with an error: nexthost: failed to determine route to 203.0.113.64" in out
    assert "203.0.113.5:22/tcp  SSH administration exposed" in out
    code, out, _ = _run(capsys, "fatal-exit-error.xml", "es")
    assert code == 3 and "INCOMPLETO" in out
    assert "nmap terminó con error (mensaje de nmap: «nexthost: failed to determine route" in out


def test_refused_scan_is_an_error_not_no_findings(capsys):
    code, out, err = _run(capsys, "fatal-refused-no-hosts.xml", "en")
    assert code == 1 and out == ""
    (line,) = err.strip().splitlines()
    assert line.endswith("fatal-refused-no-hosts.xml: nmap did not run the scan: You requested a scan type which "
                         "requires root privileges. QUITTING!") and line.count("fatal-refused") == 1
    code, out, err = _run(capsys, "fatal-refused-no-hosts.xml", "es")
    assert code == 1 and "Sin hallazgos" not in out
    assert "nmap no hizo el escaneo (mensaje de nmap: «You requested" in err


def test_tls_tunnel_is_not_cleartext(capsys):
    code, data = _json(capsys, "tls-tunnelled-telnet-ftp.xml")
    assert code == 0
    assert _checks(data) == {("admin-service-exposed", "203.0.113.1:992/tcp"),
                             ("admin-service-exposed", "203.0.113.1:990/tcp")}
    _, out, _ = _run(capsys, "tls-tunnelled-telnet-ftp.xml", "es")
    assert "Administración remota expuesta (Telnet o FTP sobre TLS)" in out and "sin cifrar" not in out


def test_pbx_web_from_product_and_cpe(capsys):
    code, data = _json(capsys, "pbx-web-as-plain-http.xml")
    assert code == 0
    assert _checks(data) == {("pbx-web-exposed", "203.0.113.20:8088/tcp"), ("pbx-web-exposed", "203.0.113.20:8089/tcp")}


def test_ssl_enum_ciphers_proves_legacy_tls_and_weak_cipher(capsys):
    code, data = _json(capsys, "ssl-enum-ciphers-tls10-ignored.xml")
    assert code == 0
    assert _checks(data) == {("tls-legacy-protocol", "203.0.113.1:443/tcp"), ("tls-weak-cipher", "203.0.113.1:443/tcp")}
    legacy = next(f for f in data["run"]["findings"] if f["check_id"] == "tls-legacy-protocol")
    assert legacy["evidence"] == "ssl-enum-ciphers: TLSv1.0 accepted"
    _, out, _ = _run(capsys, "ssl-enum-ciphers-tls10-ignored.xml", "es")
    assert "Acepta TLS 1.0 o 1.1" in out and "Acepta suites de cifrado débiles" in out


def test_scripts_no_check_evaluates_are_named(tmp_path, capsys):
    text = (FIELD / "ssl-enum-ciphers-tls10-ignored.xml").read_text()
    text = text.replace('<script id="ssl-enum-ciphers"', '<script id="http-robots.txt" output="1 disallowed entry"/>'
                        '<script id="ssl-enum-ciphers-x"')
    (tmp_path / "scripts.xml").write_text(text)
    assert cli.main(["--lang", "en", "probe", "--import-nmap", str(tmp_path / "scripts.xml")]) == 0
    out = capsys.readouterr().out
    assert "No check produced a finding" in out and "No findings on the ports probed" not in out
    assert "note: NSE scripts in the file that no check evaluates: http-robots.txt (1), ssl-enum-ciphers-x (1)" in out
    assert cli.main(["--lang", "es", "probe", "--import-nmap", str(tmp_path / "scripts.xml")]) == 0
    assert "scripts NSE en el archivo que ninguna verificación evalúa: http-robots.txt (1)" in capsys.readouterr().out


def test_down_hosts_are_counted_not_targets(capsys):
    code, data = _json(capsys, "down-hosts-counted.xml")
    assert code == 0 and data["run"]["targets"] == ["203.0.113.1"]
    assert [h["address"] for h in data["run"]["hosts"]] == ["203.0.113.1"]
    _, out, _ = _run(capsys, "down-hosts-counted.xml", "en")
    assert "4 addresses scanned, 1 up, 1 open port, 1 finding" in out and "hosts up: 203.0.113.1\n" in out
    assert "note: ports the scan looked at: TCP 22; no other port was looked at" in out
    _, out, _ = _run(capsys, "down-hosts-counted.xml", "es")
    assert "4 direcciones escaneadas, 1 activa" in out


def test_times_are_the_scans_and_expiry_is_judged_then(capsys):
    code, data = _json(capsys, "scan-date-replaced-by-import-time.xml")
    run = data["run"]
    assert code == 0 and {f["check_id"] for f in run["findings"]} == {"ssh-exposed"}  # cert valid in 2014
    assert run["started_at"] == "2014-05-08T21:36:25+00:00" and run["finished_at"] == "2014-05-08T21:37:30+00:00"
    assert run["findings"][0]["observed_at"] == "2014-05-08T21:37:30+00:00"
    assert run["source"]["imported_at"] > "2026"
    _, out, _ = _run(capsys, "scan-date-replaced-by-import-time.xml", "es")
    # a person reads the times as CLDR writes them, with the offset they were recorded at (JSON keeps ISO)
    assert "escaneo: 8 may 2014, 9:36:25\u00a0p.m. UTC+00:00 – 8 may 2014, 9:37:30\u00a0p.m. UTC+00:00 · importado: " \
        in out
    assert not re.search(r"\d{4}-\d{2}-\d{2}T\d{2}:", out)


def test_ipv6_in_brackets(capsys):
    code, data = _json(capsys, "ipv6-host-port-ambiguous.xml")
    assert code == 0 and data["run"]["findings"][0]["id"] == "rdp-exposed@[2001:db8::2]:3389/tcp"
    _, out, _ = _run(capsys, "ipv6-host-port-ambiguous.xml", "en")
    assert "[HIGH] [2001:db8::2]:3389/tcp  Remote Desktop (RDP) exposed" in out and "2001:db8::2:3389" not in out


def test_utf16_is_decoded_and_named(capsys):
    code, data = _json(capsys, "utf16-powershell-redirect.xml")
    assert code == 0 and _checks(data) == {("rdp-exposed", "203.0.113.38:3389/tcp")}
    assert data["messages"]["notes"] == ["read as UTF-16LE",
                                         "ports the scan looked at: TCP 3389; no other port was looked at"]


@pytest.mark.parametrize("bom,codec", [(b"\xef\xbb\xbf", "utf-8"), (b"", "utf-16-be"), (b"\xfe\xff", "utf-16-be")])
def test_other_encodings(tmp_path, bom, codec):
    text = (FIELD / "utf16-powershell-redirect.xml").read_bytes().decode("utf-16")
    (tmp_path / "x.xml").write_bytes(bom + text.encode(codec))
    run = import_nmap(tmp_path / "x.xml")
    assert run.targets == ["203.0.113.38"] and [f.check_id for f in run.findings] == ["rdp-exposed"]


def test_utf16_that_is_not_a_scan_names_the_encoding_and_the_file_once(tmp_path, capsys):
    (tmp_path / "notes.xml").write_bytes("\ufeffNmap scan report for 203.0.113.9\n".encode("utf-16-le"))
    assert cli.main(["--lang", "en", "probe", "--import-nmap", str(tmp_path / "notes.xml")]) == 1
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.count("notes.xml") == 1
    assert "is not nmap XML output (-oX) (read as UTF-16LE): looks like nmap's normal output (-oN)" in line


@pytest.mark.parametrize("name,reason_en,reason_es", [
    ("malformed-port-no-state.xml", "line 7: <port> 22 of 203.0.113.7 without <state>, skipped",
     "línea 7: <port> 22 de 203.0.113.7 sin <state>, omitido"),
    ("malformed-portid-not-a-number.xml",
     "line 7: <port> of 203.0.113.7 with portid '2x2' that is not a port number, skipped",
     "línea 7: <port> de 203.0.113.7 con portid «2x2» que no es un puerto, omitido"),
])
def test_malformed_port_is_skipped_with_its_line(capsys, name, reason_en, reason_es):
    code, data = _json(capsys, name)
    assert code == 3 and data["messages"]["incomplete"] == [reason_en]
    assert ("rdp-exposed", "203.0.113.7:3389/tcp") in _checks(data)
    code, out, _ = _run(capsys, name, "es")
    assert code == 3 and f"  - {reason_es}" in out


def test_host_without_address_is_skipped_with_its_line(capsys):
    code, data = _json(capsys, "malformed-host-no-address.xml")
    assert code == 3 and data["messages"]["incomplete"] == ["line 4: <host> record without an IP address, skipped"]
    assert data["run"]["findings"] == []


def test_cut_file_is_incomplete_in_the_readers_language_with_no_invented_authorization(capsys):
    code, data = _json(capsys, "cut-mid-host.xml")
    assert code == 3 and data["run"]["authorized_by"] == ""
    # the finding lands on the host whose record is cut (203.0.113.2), not on the complete one before it
    assert _checks(data) == {("ssh-exposed", "203.0.113.1:22/tcp"), ("scan-incomplete", "203.0.113.2")}
    assert data["run"]["reasons"] == [{"id": "import.cut_host_at",
                                       "params": {"line": 12, "start": 9, "host": "203.0.113.2"}}]
    assert [(h["address"], h["complete"]) for h in data["run"]["hosts"]] == [("203.0.113.1", True),
                                                                             ("203.0.113.2", False)]
    code, out, _ = _run(capsys, "cut-mid-host.xml", "es")
    assert code == 3
    assert "autorización: no indicada (una importación no la inventa)" in out
    assert "el XML termina en la línea 12 dentro del registro del equipo 203.0.113.2, que empieza en la línea 9" in out
    for english in ("imported from", "XML cut short", "the XML is incomplete", "did not finish"):
        assert english not in out


def test_damage_costs_only_its_record(tmp_path):
    text = (FIELD / "append-output-two-runs.xml").read_text()
    first_host_end = text.index("</host>")
    damaged = text[:first_host_end] + "<ports><port" + text[first_host_end:]  # broken inside host 1
    (tmp_path / "d.xml").write_text(damaged)
    run = import_nmap(tmp_path / "d.xml")
    assert run.targets == ["203.0.113.20"] and not run.complete
    (reason,) = run.incomplete_messages("en")
    assert reason.startswith("line 12: damaged record of host 203.0.113.5 skipped")


def test_nmap_refusal_via_api_raises():
    with pytest.raises(NmapFailed):
        import_nmap(FIELD / "fatal-refused-no-hosts.xml")


def test_attached_import_reads_in_spanish_in_the_pdf(tmp_path, capsys):
    import subprocess

    from posture.report import load, render_pdf

    def flat(pdf: bytes) -> str:  # poppler's pdftotext, lines joined
        out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout
        return " ".join(out.decode().split())

    ws = tmp_path / "ws"
    assert cli.main(["new", "--vendor", "Acme BPO", "--site", "CDMX", "--checklist-id", "quick-screening",
                     "--workspace", str(ws)]) == 0
    path = next(ws.rglob("assessment.yaml"))
    assert cli.main(["--lang", "en", "probe", "--import-nmap", str(FIELD / "cut-mid-host.xml"),
                     "--attach", str(path)]) == 3  # stored from an English session
    capsys.readouterr()
    text = flat(render_pdf(load(path), "es"))
    assert "Autorizó sin referencia de autorización (escaneo importado de" in text, text
    assert "Importado de" in text and "el XML termina en la línea 12" in text
    for english in ("imported from", "XML cut short", "the XML is incomplete", "the XML ends"):
        assert english not in text
    english_pdf = flat(render_pdf(load(path), "en"))
    assert "the XML ends at line 12" in english_pdf and "no authorization reference given" in english_pdf


def test_http_scripts_prove_web_checks(tmp_path):
    text = (FIELD / "ssl-enum-ciphers-tls10-ignored.xml").read_text()
    start, end = text.index('<script id="ssl-enum-ciphers"'), text.index("</script>") + len("</script>")
    scripts = ('<script id="http-title" output="GlobalProtect Portal"><elem key="title">GlobalProtect Portal</elem>'
               '</script><script id="http-headers" output="&#xa;  Date: Wed, 15 Sep 2021 19:10:09 GMT&#xa;  '
               'Server: Apache/2.4.39&#xa;  Connection: close&#xa;  &#xa;  (Request type: HEAD)&#xa;"/>')
    (tmp_path / "web.xml").write_text(text[:start] + scripts + text[end:])
    run = import_nmap(tmp_path / "web.xml")
    found = {f.check_id: f.evidence for f in run.findings}
    assert set(found) == {"vpn-portal-exposed", "http-missing-hsts", "http-server-version-disclosure"}
    assert found["vpn-portal-exposed"].startswith("http-title: GlobalProtect Portal (Palo Alto")
    assert found["http-server-version-disclosure"] == "http-headers: server: Apache/2.4.39"
    assert found["http-missing-hsts"] == "http-headers: no Strict-Transport-Security header"
    assert "import.scripts_unused" not in {n["id"] for n in run.notes}  # every script in the file was evaluated


def test_forbidden_characters_inside_a_record_keep_the_record(tmp_path):
    text = (FIELD / "tls-tunnelled-telnet-ftp.xml").read_text()
    text = text.replace('product="vsftpd"', 'product="vs\x01ftpd&#2;"')
    (tmp_path / "ctl.xml").write_text(text)
    run = import_nmap(tmp_path / "ctl.xml")
    assert run.complete and len(run.findings) == 2
    assert run.note_messages("en")[0] == ("2 characters XML forbids were replaced before reading (the first at "
                                          "line 8: U+0001)")
    (tmp_path / "ref.xml").write_text(text.replace("\x01", ""))
    assert import_nmap(tmp_path / "ref.xml").note_messages("es")[0] == (
        "1 carácter que XML prohíbe se reemplazó antes de leer (en la línea 8: &#2;)")


@pytest.mark.parametrize("argv", [
    ["probe", "--import-nmap", str(FIELD / "empty-scan.xml")],
    ["score", str(Path(__file__).parents[2] / "demo" / "centro-de-contacto-demo" / "assessment.yaml")],
])
def test_a_latin1_terminal_gets_the_result_not_an_internal_error(argv):
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONIOENCODING": "iso8859-1"}
    proc = subprocess.run([sys.executable, "-m", "posture", "--lang", "es", *argv], capture_output=True, env=env,
                          timeout=120)
    out, err = proc.stdout.decode("latin-1"), proc.stderr.decode("latin-1")
    assert proc.returncode == 0, err
    assert "error interno" not in err and "UnicodeEncodeError" not in err
    if argv[0] == "probe":  # "–" and "…" cannot be written in Latin-1: replaced, the rest intact
        assert "Sondeo importado" in out and "1 dirección escaneada, 0 activas, 0 puertos abiertos, 0 hallazgos" in out
        assert "Sin hallazgos en los puertos probados." in out
    else:
        assert "Contradichas por hallazgos del sondeo" in out


def test_ipv6_in_brackets_in_csv_and_pdf(tmp_path, capsys):
    import subprocess

    from posture.report import load, render_pdf

    ws = tmp_path / "ws"
    assert cli.main(["new", "--vendor", "Acme BPO", "--site", "CDMX", "--checklist-id", "quick-screening",
                     "--workspace", str(ws)]) == 0
    path = next(ws.rglob("assessment.yaml"))
    assert cli.main(["probe", "--import-nmap", str(FIELD / "ipv6-host-port-ambiguous.xml"), "--attach",
                     str(path)]) == 0
    capsys.readouterr()
    assert cli.main(["export", str(path), "--format", "csv"]) == 0
    csv_text = capsys.readouterr().out
    assert "rdp-exposed@[2001:db8::2]:3389/tcp" in csv_text and "2001:db8::2:3389" not in csv_text
    pdf = render_pdf(load(path), "en")
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    assert b"[2001:db8::2]:3389/tcp" in text and b"2001:db8::2:3389" not in text


def test_sip_methods_and_ssl_cert_names(tmp_path):
    xml = """<?xml version="1.0"?>
<nmaprun scanner="nmap" args="nmap -sV -sC pbx.example.test" start="1700000000" version="7.94">
<host starttime="1700000001" endtime="1700000009"><status state="up"/>
<address addr="203.0.113.9" addrtype="ipv4"/>
<hostnames><hostname name="pbx.example.test" type="user"/></hostnames>
<ports>
<port protocol="tcp" portid="15060"><state state="open"/><service name="unknown"/>
<script id="sip-methods" output="INVITE, ACK, OPTIONS, BYE"/></port>
<port protocol="tcp" portid="8443"><state state="open"/><service name="https" tunnel="ssl"/>
<script id="ssl-cert"
 output="Subject: commonName=other.example.test&#xa;Subject Alternative Name: DNS:other.example.test">
<table key="subject"><elem key="commonName">other.example.test</elem></table>
<table key="issuer"><elem key="commonName">other.example.test</elem></table>
<table key="validity"><elem key="notAfter">2023-11-20T00:00:00</elem></table></script></port>
</ports></host>
<runstats><finished time="1700000010" exit="success"/><hosts up="1" down="0" total="1"/></runstats>
</nmaprun>
"""
    (tmp_path / "pbx.xml").write_text(xml)
    run = import_nmap(tmp_path / "pbx.xml")
    found = {(f.check_id, f.port): f.evidence for f in run.findings}
    assert set(found) == {("sip-exposed", 15060), ("tls-cert-expiring", 8443), ("tls-cert-untrusted", 8443),
                          ("tls-hostname-mismatch", 8443)}
    assert found[("sip-exposed", 15060)].endswith("sip-methods: INVITE, ACK, OPTIONS, BYE")
    assert found[("tls-cert-expiring", 8443)] == ("ssl-cert: valid until 2023-11-20T00:00:00, 5 days left at "
                                                  "the nmap scan of 2023-11-14")
    assert found[("tls-hostname-mismatch", 8443)] == ("scanned as pbx.example.test; ssl-cert names: "
                                                      "other.example.test")


def test_host_discovery_only_says_no_port_was_looked_at(tmp_path):
    text = (FIELD / "down-hosts-counted.xml").read_text()
    text = text.replace('<scaninfo type="syn" protocol="tcp" numservices="1" services="22"/>\n', "")
    text = text.replace('<ports><port protocol="tcp" portid="22"><state state="open" reason="syn-ack" reason_ttl="64"/>'
                        '<service name="ssh" method="table" conf="3"/></port></ports>\n', "")
    (tmp_path / "sn.xml").write_text(text)
    run = import_nmap(tmp_path / "sn.xml")
    assert run.findings == [] and run.targets == ["203.0.113.1"]
    assert run.note_messages("es") == ["el escaneo no revisó puertos (solo descubrimiento de equipos)"]


def test_bytes_not_valid_in_the_declared_encoding_are_replaced_and_counted(tmp_path):
    raw = (FIELD / "tls-tunnelled-telnet-ftp.xml").read_bytes().replace(b"Sagem router", b"Sagem r\xe9\xe9uter")
    (tmp_path / "latin.xml").write_bytes(raw)
    run = import_nmap(tmp_path / "latin.xml")
    assert run.complete and len(run.findings) == 2
    assert run.note_messages("en")[0] == "2 byte sequences not valid UTF-8 were replaced (the first at line 7)"


def test_masscan_banners_identify_the_service(tmp_path):
    text = (FIELD / "masscan-one-host-per-port.xml").read_text()
    text = text.replace('portid="3389"><state state="open" reason="syn-ack" reason_ttl="54"/></port>',
                        'portid="15038"><state state="open" reason="syn-ack" reason_ttl="54"/>'
                        '<service name="unknown" banner="Asterisk Call Manager/5.0.2"/></port>')
    (tmp_path / "banners.xml").write_text(text)
    run = import_nmap(tmp_path / "banners.xml")
    found = {(f.check_id, f.port): f.evidence for f in run.findings}
    assert found == {("pbx-ami-exposed", 15038): "15038/tcp open: unknown (Asterisk Call Manager/5.0.2)",
                     ("ssh-exposed", 22): "22/tcp open: ssh"}  # masscan names no service: the port's role


def test_host_and_run_scripts_are_named_too(tmp_path):
    text = (FIELD / "down-hosts-counted.xml").read_text()
    text = text.replace("</ports>\n</host>", '</ports>\n<hostscript><script id="smb-os-discovery" output="Windows"/>'
                        '</hostscript>\n</host>', 1)
    text = text.replace('<host><status state="down"', '<prescript><script id="broadcast-dhcp-discover" '
                        'output="x"/></prescript>\n<host><status state="down"', 1)
    (tmp_path / "scripts.xml").write_text(text)
    run = import_nmap(tmp_path / "scripts.xml")
    assert run.note_messages("en")[-1] == ("NSE scripts in the file that no check evaluates: broadcast-dhcp-discover "
                                           "(1), smb-os-discovery (1)")
    assert run.targets == ["203.0.113.1"] and [f.check_id for f in run.findings] == ["ssh-exposed"]
