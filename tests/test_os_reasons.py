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


def test_a_folder_that_refuses_new_files_is_said_so_not_that_the_file_does_not_exist(tmp_path):
    """Creating a file in Linux's /proc fails with ENOENT although /proc exists: "does not exist" would send the
    user looking for a folder that is there. Writing, a missing file in an existing folder is the folder
    refusing new files; reading (or a folder that is really missing), it is still "does not exist"."""
    from posture.errors import PostureError
    from posture.report._output import write_private

    exc = FileNotFoundError(errno.ENOENT, "No such file or directory", str(tmp_path / "x.json"))
    assert os_reason(exc, writing=True) == {
        "es": f"la carpeta {tmp_path} no admite archivos nuevos (¿una carpeta del sistema?)",
        "en": f"the folder {tmp_path} does not take new files (a system folder?)"}
    assert os_reason(exc) == {"es": "no existe", "en": "does not exist"}  # reading: the file is missing
    gone = FileNotFoundError(errno.ENOENT, "No such file or directory", str(tmp_path / "no" / "x.json"))
    assert os_reason(gone, writing=True) == {"es": "no existe", "en": "does not exist"}
    assert os_reason(FileNotFoundError(errno.ENOENT, "No such file"), writing=True)["en"] == "does not exist"
    if not os.path.isdir("/proc/self"):
        return  # not Linux: the rule above is the whole test
    try:  # the real thing: /proc takes no new file, whoever runs the test
        write_private("/proc/posture-test-export.json", b"{}")
    except PostureError as refused:
        assert refused.lines("es") == ["no se pudo escribir /proc/posture-test-export.json: la carpeta /proc no "
                                       "admite archivos nuevos (¿una carpeta del sistema?)"]
        assert refused.lines("en") == ["could not write /proc/posture-test-export.json: the folder /proc does not "
                                       "take new files (a system folder?)"]
    else:
        raise AssertionError("/proc took a new file")
