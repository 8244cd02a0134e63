"""Any terminal: a stream that cannot encode a character gets a replacement, never exit 70.

Field case "locale" (copied to tests/data/locale/): on a terminal whose locale
is es_MX.ISO-8859-1, ``probe --import-nmap`` and ``score`` exited 70 with UnicodeEncodeError.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EMPTY_SCAN = ROOT / "tests" / "data" / "locale" / "empty-scan.xml"
DEMO = ROOT / "demo" / "centro-de-contacto-demo"


def run(tmp_path, encoding, *args):
    env = {**os.environ, "PYTHONIOENCODING": encoding, "POSTURE_WORKSPACE": str(tmp_path / "ws"),
           "POSTURE_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("POSTURE_DEBUG", None)
    r = subprocess.run([sys.executable, "-m", "posture", "--lang", "es", *args], env=env, cwd=tmp_path,
                       capture_output=True)
    return r.returncode, r.stdout.decode(encoding), r.stderr.decode(encoding)


@pytest.mark.parametrize("encoding", ["iso8859-1", "ascii"])
def test_score_prints_on_a_legacy_terminal(tmp_path, encoding):
    code, out, err = run(tmp_path, encoding, "score", str(DEMO / "assessment.yaml"))
    assert code == 0, err
    assert "Centro de Contacto Demo" in out
    assert "UnicodeEncodeError" not in err and "error interno" not in err
    if encoding == "ascii":
        assert "?" in out  # "Calificación"/"Crítica" lose only what ASCII cannot carry
    utf8_code, utf8_out, _ = run(tmp_path, "utf-8", "score", str(DEMO / "assessment.yaml"))
    assert utf8_code == 0 and len(utf8_out.splitlines()) == len(out.splitlines())  # nothing lost but characters


def test_probe_import_prints_on_a_legacy_terminal(tmp_path):
    code, out, err = run(tmp_path, "iso8859-1", "probe", "--import-nmap", str(EMPTY_SCAN))
    utf8_code, utf8_out, _ = run(tmp_path, "utf-8", "probe", "--import-nmap", str(EMPTY_SCAN))
    assert code == utf8_code and code != 70, err
    assert "UnicodeEncodeError" not in err and "error interno" not in err
    assert len(out.splitlines()) == len(utf8_out.splitlines()) > 0
