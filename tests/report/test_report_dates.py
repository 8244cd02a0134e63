"""Every date and time a person reads in the PDF is CLDR's (posture.l10n), never ISO 8601: the probe annex's
start and end, the "Imported from … on …" line, the authorized window, the cover's dates, a certificate's
expiry in a finding's evidence. A real PDF (WeasyPrint) of a copy of the demo, read back with pdftotext."""

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


def _pdf_text(folder, lang: str) -> str:
    from posture.report import load, render_pdf

    pdf = render_pdf(load(folder), lang)
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


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
    text = " ".join(_pdf_text(demo, lang).replace("\u00a0", " ").split())  # lines joined: a PDF wraps anywhere
    for shown in (started, imported, window, expiry):
        assert shown in text, shown
    # run ids (import-20260310T150000Z) and file names are names, not dates; nothing else may be ISO
    left = [m.group(0) for m in ISO.finditer(text)]
    assert not left, left
