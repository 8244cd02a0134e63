"""A damaged nmap XML (not just a cut one) is read up to the damage, never a traceback."""

from __future__ import annotations

import subprocess
import sys


def test_damaged_xml_gives_incomplete_not_internal_error(tmp_path):
    xml = tmp_path / "bad.xml"
    xml.write_text('<?xml version="1.0"?>\n<nmaprun args="nmap">\n<!-- a comment -- with a double dash -->\n')
    proc = subprocess.run([sys.executable, "-m", "posture", "--lang", "en", "probe", "--import-nmap", str(xml),
                           "--authorized-by", "T-1"], capture_output=True, text=True, timeout=60)
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
    assert proc.returncode == 3  # incomplete: the file was cut short by the damage
    assert "INCOMPLETE" in proc.stdout
