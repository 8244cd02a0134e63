"""Operating-system errors reach a person in posture's words and language, with the file named."""

from __future__ import annotations

import errno
import os
import subprocess
import sys

from posture.errors import os_reason
from posture.i18n import both, fmt


def test_known_errors_are_translated_and_unknown_ones_keep_the_system_text():
    assert os_reason(FileNotFoundError(errno.ENOENT, "No such file or directory", "x")) == \
        {"es": "no existe", "en": "does not exist"}
    assert os_reason(IsADirectoryError(errno.EISDIR, "Is a directory"))["es"] == "es una carpeta, no un archivo"
    odd = os_reason(OSError(errno.ENOTCONN, "Transport endpoint is not connected"))
    assert odd["es"] == odd["en"] == "Transport endpoint is not connected (ENOTCONN)"


def test_a_bilingual_parameter_fills_each_language():
    message = fmt(both("no se pudo leer {path}: {reason}", "cannot read {path}: {reason}"), path="a.xlsx",
                  reason=os_reason(PermissionError(errno.EACCES, "Permission denied")))
    assert message["es"] == "no se pudo leer a.xlsx: sin permiso (permisos del archivo o de la carpeta)"
    assert message["en"] == "cannot read a.xlsx: permission denied (the file's or the folder's permissions)"


def test_the_cli_says_no_english_system_text_in_spanish(tmp_path):
    env = {**os.environ, "POSTURE_LANG": "es", "POSTURE_WORKSPACE": str(tmp_path / "ws")}
    made = subprocess.run([sys.executable, "-m", "posture", "new", "--vendor", "V", "--site", "S", "--checklist-id",
                           "quick-screening"], env=env, capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    missing = tmp_path / "no-existe.xlsx"
    r = subprocess.run([sys.executable, "-m", "posture", "questionnaire", "import", str(missing), "--into",
                        "v-s"], env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "No such file" not in r.stderr and "no existe" in r.stderr, r.stderr
