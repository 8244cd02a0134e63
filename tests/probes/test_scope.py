"""Scope files: validated against scope.schema.json; every error is one line with file:line:col and field."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from posture.errors import PostureError
from posture.probes import load_scope


def _write(tmp_path, text: str):
    path = tmp_path / "scope.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_full_scope_loads(tmp_path):
    path = _write(tmp_path, """kind: scope
targets: [203.0.113.0/28, vpn.proveedor.mx]
exclusions: [203.0.113.1]
authorized_by: "Carta OT-2026-014, firmada por Dirección de TI"
contact: "noc@proveedor.mx, +52 55 5555 5555"
window: {start: "2026-01-10T09:00-06:00", end: "2026-01-10T18:00-06:00"}
max_hosts: 20
""")
    scope = load_scope(path)
    assert [t.text for t in scope.targets] == ["203.0.113.0/28", "vpn.proveedor.mx"]
    assert scope.max_hosts == 20 and scope.contact.startswith("noc@")
    assert scope.window_text == "2026-01-10T09:00:00-06:00/2026-01-10T18:00:00-06:00"
    with pytest.raises(PostureError) as info:
        scope.check_window(datetime(2026, 1, 11, tzinfo=timezone(timedelta(hours=-6))))
    assert "outside the authorized window" in info.value.lines("en")[0]
    scope.check_window(datetime(2026, 1, 10, 12, tzinfo=timezone(timedelta(hours=-6))))


@pytest.mark.parametrize(("body", "expected"), [
    ("targets: [127.0.0.1]\n", "scope.yaml:1:1: missing required field 'authorized_by'"),
    ("targets:\n  - 127.0.0.1\n  - \"127.0.0.1 -oN /tmp/x\"\nauthorized_by: X\n",
     "scope.yaml:4:5: targets[1]: '127.0.0.1 -oN /tmp/x' looks like an nmap option"),
    ("targets: [\"--script=vuln\"]\nauthorized_by: X\n", "scope.yaml:2:11: targets[0]: '--script=vuln' looks like"),
    ("targets: [127.0.0.1]\nauthorized_by: X\nmax_hosts: 0\n", "scope.yaml:4:12: max_hosts: 0 is less than 1"),
    ("targets: [10.0.0.0/16]\nauthorized_by: X\n", "scope.yaml:2:10: targets: the scope adds up to 65536 hosts"),
    ("targets: [127.0.0.1]\nauthorized_by: X\nwindow: {start: mañana, end: \"2026-01-01\"}\n",
     "scope.yaml:4:17: window.start: 'mañana' is not an ISO 8601 date"),
    ("targets: [127.0.0.1]\nauthorized_by: X\nwindow: {start: \"2026-02-01\", end: \"2026-01-01\"}\n",
     "scope.yaml:4:36: window.end: the window ends before it starts"),
    ("targets: [127.0.0.1]\nauthorized_by: X\nexclusions: [example.com]\n",
     "scope.yaml:4:14: exclusions[0]: exclusion 'example.com' must be an IP or a CIDR"),
    ("targets: [127.0.0.1]\nauthorized_by: X\nwho: me\n", "scope.yaml:4:6: who: unknown field 'who'"),
])
def test_bad_scope_is_one_line_with_position(tmp_path, monkeypatch, body, expected):
    monkeypatch.chdir(tmp_path)
    path = _write(tmp_path, "kind: scope\n" + body)
    with pytest.raises(PostureError) as info:
        load_scope(path)
    lines = info.value.lines("en")
    assert len(lines) == 1 and lines[0].startswith(expected), lines


def test_not_a_scope_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = _write(tmp_path, "kind: checklist\ntargets: [127.0.0.1]\n")
    with pytest.raises(PostureError) as info:
        load_scope(path)
    assert info.value.lines("es") == ["scope.yaml:1:7: kind: no es un archivo de alcance (kind: scope)"]


def test_scan_outside_the_window_names_the_window_line(tmp_path, monkeypatch, capsys):
    from posture import cli

    monkeypatch.chdir(tmp_path)
    _write(tmp_path, 'kind: scope\ntargets: [127.0.0.1]\nauthorized_by: "OT-5"\n'
                     'window: {start: "2020-01-01T00:00", end: "2020-01-02T00:00"}\n')
    assert cli.main(["probe", "--scope", "scope.yaml"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("scope.yaml:4:9: window: the current time")
