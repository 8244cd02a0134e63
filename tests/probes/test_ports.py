"""Adding ports to the contact-center profile (--ports, scope ``ports:``) and saying what was not looked at."""

from __future__ import annotations

import threading

import pytest
from conftest import _tcp

from posture import cli
from posture.probes import DEFAULT_PROFILE, ScopeError, load_scope, ports_from_args
from posture.probes._profile import parse_ports


def test_port_specs():
    assert parse_ports(["8443", "9000-9002/udp", "2222/tcp=ssh"]) == {
        (8443, "tcp"): "", (9000, "udp"): "", (9001, "udp"): "", (9002, "udp"): "", (2222, "tcp"): "ssh"}
    profile = DEFAULT_PROFILE.with_ports({(2222, "tcp"): "ssh", (8088, "tcp"): ""})
    assert profile.role(2222, "tcp") == "ssh" and profile.role(8088, "tcp") == "pbx-web"  # "" keeps the known role
    assert profile.summary()["tcp"].startswith("21-23,25,80,")


@pytest.mark.parametrize("value,en,es", [
    ("70000", "'70000' is not a port (1-65535)", "'70000' no es un puerto (1-65535)"),
    ("22/tcp=shell", "'shell' is not a known role", "'shell' no es una función conocida"),
    ("1-65535", "ports added; the maximum is 4096", "el máximo es 4096"),
])
def test_bad_ports_name_the_option(value, en, es):
    with pytest.raises(ScopeError) as info:
        ports_from_args([value])
    (line_en,), (line_es,) = info.value.lines("en"), info.value.lines("es")
    assert line_en.startswith("posture probe: --ports: ") and en in line_en and es in line_es


def test_scope_file_ports_with_line(tmp_path):
    scope = tmp_path / "scope.yaml"
    scope.write_text('kind: scope\ntargets: ["127.0.0.1"]\nauthorized_by: "OT-1"\nports: ["8443", 2222]\n')
    assert load_scope(scope).ports == {(8443, "tcp"): "", (2222, "tcp"): ""}
    scope.write_text('kind: scope\ntargets: ["127.0.0.1"]\nauthorized_by: "OT-1"\nports:\n  - "8443"\n  - "x1"\n')
    with pytest.raises(ScopeError) as info:
        load_scope(scope)
    assert ":6:5: ports[1]: 'x1' is not a port" in info.value.lines("en")[0]


def test_ports_do_not_apply_to_an_import(capsys):
    assert cli.main(["--lang", "en", "probe", "--import-nmap", "x.xml", "--ports", "8443"]) == 1
    assert "--ports adds ports to a scan" in capsys.readouterr().err


@pytest.mark.nmap
def test_added_port_is_probed_and_the_rest_is_said(capsys):
    server = _tcp(b"SSH-2.0-OpenSSH_9.6\r\n")
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        code = cli.main(["--lang", "en", "probe", "127.0.0.1", "--authorized-by", "OT-1", "--unprivileged",
                         "--ports", f"{port}/tcp=ssh", "--timeout", "60"])
        out = capsys.readouterr().out
        assert code in (0, 3), out
        assert f"127.0.0.1:{port}/tcp  SSH administration exposed" in out
        assert "note: ports looked at: TCP " in out and f",{port}; UDP " in out
        assert "No other port was looked at (add ports with --ports or ports: in the scope file)" in out
        code = cli.main(["--lang", "es", "probe", "127.0.0.1", "--authorized-by", "OT-1", "--unprivileged",
                         "--timeout", "60"])
        out = capsys.readouterr().out
        assert f":{port}/tcp" not in out and "Ningún otro puerto se revisó" in out
    finally:
        server.shutdown()
        server.server_close()
