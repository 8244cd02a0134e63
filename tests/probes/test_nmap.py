"""The nmap runner: safe argument lists, privileged and unprivileged modes, nmap missing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from posture import cli
from posture.probes import DEFAULT_PROFILE, NmapNotFound, _nmap, find_nmap, parse_target, run_probe, scope_from_args
from posture.probes._nmap import nmap_args


def test_unprivileged_args_use_connect_scan_no_dns_and_end_options_before_targets():
    args = nmap_args("/usr/bin/nmap", [parse_target("127.0.0.1"), parse_target("vpn.example.com")],
                     [parse_target("127.0.0.9")], DEFAULT_PROFILE, privileged=False)
    assert args[:3] == ["/usr/bin/nmap", "-oX", "-"]
    assert "-sT" in args and "-sS" not in args and "-sU" not in args and "-n" in args and "-Pn" in args
    assert "--host-timeout" in args and args[args.index("--exclude") + 1] == "127.0.0.9"
    assert args[-3:] == ["--", "127.0.0.1", "vpn.example.com"]
    ports = args[args.index("-p") + 1]
    assert ports.startswith("T:") and "U:" not in ports
    for port in (21, 22, 23, 25, 80, 443, 445, 1433, 1723, 3306, 3389, 4443, 5038, 5060, 5061, 5432, 5900, 6379,
                 8021, 8080, 8088, 8089, 8443, 9200, 10443, 27017):
        assert str(port) in ports.split(":")[1].split(",")


def test_privileged_args_add_syn_and_udp():
    args = nmap_args("nmap", [parse_target("::1")], [], DEFAULT_PROFILE, privileged=True)
    assert "-sS" in args and "-sU" in args and "-6" in args
    udp = args[args.index("-p") + 1].split("U:")[1].split(",")
    assert sorted(int(p) for p in udp) == [161, 500, 1194, 4500, 5060]


def test_nmap_missing_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(NmapNotFound) as info:
        find_nmap(())
    assert "apt-get install nmap" in info.value.lines("en")[0]
    assert "instálelo" in info.value.lines("es")[0].lower()
    monkeypatch.setattr(_nmap, "SEARCH_PATH", ("/nonexistent/nmap",))
    with pytest.raises(NmapNotFound):
        run_probe(scope_from_args(["127.0.0.1"], "OT-1"))


def test_cli_without_nmap_says_how_to_install_and_the_rest_works(monkeypatch, capsys):
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setattr(_nmap, "SEARCH_PATH", ("/nonexistent/nmap",))
    assert cli.main(["--lang", "es", "probe", "127.0.0.1", "--authorized-by", "OT-1"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "nmap no está instalado" in err[0] and "apt-get install nmap" in err[0]
    assert cli.main(["validate"]) == 0  # the rest of posture keeps working


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("setpriv") is None, reason="needs root to drop CAP_NET_RAW")
def test_privileged_scan_without_raw_sockets_is_a_clear_error():
    result = subprocess.run(["setpriv", "--inh-caps=-net_raw", "--bounding-set=-net_raw", sys.executable, "-m",
                             "posture", "probe", "127.0.0.1", "--authorized-by", "OT-1", "--privileged"],
                            capture_output=True, text=True, timeout=60, env={**os.environ, "POSTURE_LANG": "en"})
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.strip().splitlines()[-1].startswith("nmap refused the scan: Couldn't open a raw socket")
    assert "Traceback" not in result.stderr
