"""The PDF as a person reads it (a real PDF of a copy of the demo, WeasyPrint, read back with pdftotext):

- every date and time is CLDR's (posture.l10n), never ISO 8601: the probe annex's start and end, the
  "Imported from … on …" line, the authorized window, the cover's dates, a certificate's expiry in a
  finding's evidence;
- no raw check id next to a finding's title (the PDF once said «Sondeo incompleto (scan-incomplete)»); a
  probe run is a «Sondeo» (docs/glossary.md), complete or incomplete in the same gender."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from posture.assessment import load_assessment

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "demo" / "centro-de-contacto-demo"
ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2})?")


_TEXTS: dict[tuple, str] = {}


def _pdf_text(folder, lang: str) -> str:
    """The PDF's text, its lines joined (a PDF wraps anywhere), rendered once per folder and language."""
    from posture.report import load, render_pdf

    if (folder, lang) not in _TEXTS:
        pdf = render_pdf(load(folder), lang)
        text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
        _TEXTS[folder, lang] = " ".join(text.replace("\u00a0", " ").split())
    return _TEXTS[folder, lang]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo with an authorized window on its run (as a scope file gives one), and user text (the
    authorization reference) free of dates, so any ISO date left in the text is posture's own."""
    folder = tmp_path_factory.mktemp("ws") / "demo"
    shutil.copytree(DEMO, folder)
    path = folder / "assessment.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for run in data["probe_runs"]:
        run["authorized_by"] = "OT-2026-031"
        run["source"]["imported_at"] = "2026-11-30T14:34:04+00:00"  # the demo's is the time it was made
        run["window"] = "2026-03-10T08:00:00-06:00/2026-03-10T18:00:00-06:00"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert load_assessment(path).probe_runs[0].window  # still a valid assessment
    return folder


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "started", "imported", "window", "expiry"), [
    ("es", "10 mar 2026, 9:00:00 a.m. UTC-06:00 / 10 mar 2026, 9:05:00 a.m. UTC-06:00",
     "el 30 nov 2026, 2:34:04 p.m. UTC+00:00", "10 mar 2026, 8:00:00 a.m. UTC-06:00 – 10 mar 2026, 6:00:00 p.m.",
     "válido hasta 31 dic 2025, 11:59:59 p.m."),
    ("en", "Mar 10, 2026, 9:00:00 AM UTC-06:00 / Mar 10, 2026, 9:05:00 AM UTC-06:00",
     "on Nov 30, 2026, 2:34:04 PM UTC+00:00", "Mar 10, 2026, 8:00:00 AM UTC-06:00 – Mar 10, 2026, 6:00:00 PM",
     "valid until Dec 31, 2025, 11:59:59 PM"),
])
def test_the_pdf_writes_dates_as_people_read_them(demo, lang, started, imported, window, expiry):
    text = _pdf_text(demo, lang)
    for shown in (started, imported, window, expiry):
        assert shown in text, shown
    # run ids (import-20260310T150000Z) and file names are names, not dates; nothing else may be ISO
    left = [m.group(0) for m in ISO.finditer(text)]
    assert not left, left


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "run", "incomplete"), [("es", "Sondeo import-", "Estado Incompleto: "),
                                                        ("en", "Run import-", "Status Incomplete: ")])
def test_findings_show_no_check_ids_and_runs_use_the_glossary_word(demo, lang, run, incomplete):
    text = _pdf_text(demo, lang)
    checks = {f.check_id for r in load_assessment(demo / "assessment.yaml").probe_runs for f in r.findings}
    assert "scan-incomplete" in checks and len(checks) > 5
    shown = [c for c in checks if f"({c})" in text]
    assert not shown, shown
    assert run in text and incomplete in text
    if lang == "es":
        assert not re.search(r"\b(?:Ejecución|corrida|Prueba incompleta)\b", text)
