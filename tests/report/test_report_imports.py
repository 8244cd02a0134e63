"""Exports that never render a PDF never load WeasyPrint (about 0.3 s and a native stack per run), nor the app's
Textual; the JSON export loads no template engine either (tests/test_architecture.py checks the core alone)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

DEMO = Path(__file__).parents[2] / "demo" / "centro-de-contacto-demo" / "assessment.yaml"

_PROBE = """
import contextlib, io, sys
from posture.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    sys.stdout.buffer = io.BytesIO()
    code = main(sys.argv[1:])
print(code, sorted(m for m in sys.modules if m.split(".")[0] in ("weasyprint", "textual")), file=sys.stderr)
print(sorted({m.split(".")[0] for m in sys.modules}), file=sys.stderr)
"""


def _modules_after(*args: str) -> tuple[int, str]:
    code, modules, _ = _all_modules_after(*args)
    return code, modules


def _all_modules_after(*args: str) -> tuple[int, str, set[str]]:
    """The exit code, the WeasyPrint and Textual modules loaded (a printed list), every top-level package."""
    done = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, timeout=120)
    lines = done.stderr.strip().splitlines()
    code, _, modules = lines[-2].partition(" ")
    return int(code), modules, set(ast.literal_eval(lines[-1]))


def test_import_posture_report_does_not_import_weasyprint():
    done = subprocess.run([sys.executable, "-c", "import sys, posture.report, posture.cli; "
                           "print([m for m in sys.modules if m.startswith(('weasyprint', 'textual'))])"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_json_csv_and_oscal_exports_never_load_weasyprint(tmp_path):
    for fmt in ("json", "csv", "html", "xlsx"):
        code, modules = _modules_after("export", str(DEMO), "--format", fmt, "-o", str(tmp_path / f"x.{fmt}"))
        assert (code, modules) == (0, "[]"), fmt
    code, modules = _modules_after("export", str(DEMO), "--format", "oscal", "-o", str(tmp_path / "oscal"))
    assert (code, modules) == (0, "[]")


def test_the_probe_sees_weasyprint_when_a_pdf_is_written(tmp_path):
    code, modules = _modules_after("report", str(DEMO), "-o", str(tmp_path / "r.pdf"), "--audience", "executive")
    assert code == 0 and "'weasyprint'" in modules


def test_the_json_export_loads_no_template_engine_nor_spreadsheet_library(tmp_path):
    code, modules, loaded = _all_modules_after("export", str(DEMO), "--format", "json", "-o", str(tmp_path / "x.json"))
    assert (code, modules) == (0, "[]")
    assert not loaded & {"jinja2", "openpyxl", "weasyprint", "textual", "httpx", "nmap"}
    code, modules, loaded = _all_modules_after("export", str(DEMO), "--format", "xlsx", "-o", str(tmp_path / "x.xlsx"))
    assert code == 0 and "openpyxl" in loaded  # the probe sees a library that is loaded
