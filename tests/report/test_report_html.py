"""The standalone HTML export in a real browser: headless Chromium (Debian package ``chromium``) takes a
screenshot and prints it to PDF. The stylesheet must reach the browser intact (fonts, colours, selectors)
and the print must carry page numbers, the confidentiality mark and the file hash on every page."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pdftext import pages

pytestmark = pytest.mark.slow

DEMO = Path(__file__).parents[2] / "demo" / "centro-de-contacto-demo" / "assessment.yaml"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
BAND = (0x1F, 0x4E, 0x79)  # the cover band's colour in report.css


def _export(tmp_path: Path, lang: str) -> Path:
    out = tmp_path / f"report-{lang}.html"
    done = subprocess.run([sys.executable, "-m", "posture", "export", str(DEMO), "--format", "html", "-o", str(out),
                           "--lang", lang], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return out


def _chromium(tmp_path: Path, *args: str) -> None:
    if CHROMIUM is None:
        pytest.skip("headless Chromium is not installed (Debian package: chromium)")
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"  # a fresh profile for every run
    done = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                           "--no-first-run", f"--user-data-dir={profile}", *args], capture_output=True, text=True,
                          timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]


def test_style_block_is_not_escaped(tmp_path):
    html = _export(tmp_path, "es").read_text(encoding="utf-8")
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    assert '"DejaVu Sans"' in style and ".twocol > div" in style
    assert "&#34;" not in style and "&gt;" not in style and "&quot;" not in style
    assert "counter(page)" in style and "Página" in style


@pytest.mark.parametrize("lang", ["es", "en"])
def test_chromium_screenshot_and_print_to_pdf(tmp_path, lang):
    from PIL import Image

    page = _export(tmp_path, lang)
    shot, printed = tmp_path / "shot.png", tmp_path / "print.pdf"
    _chromium(tmp_path, "--window-size=1000,1400", f"--screenshot={shot}", page.as_uri())
    image = Image.open(shot).convert("RGB")
    assert image.size == (1000, 1400)
    colours = {c for _, c in image.getcolors(maxcolors=1 << 20)}
    assert BAND in colours  # the stylesheet applied: the cover band is drawn

    _chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={printed}", page.as_uri())
    pdf = printed.read_bytes()
    fonts = subprocess.run(["pdffonts", str(printed)], capture_output=True, text=True, check=True).stdout
    assert "DejaVuSans" in fonts and "Serif" not in fonts  # the named fonts, not the browser's serif fallback
    texts = pages(pdf)
    word, of = ("Página", "de") if lang == "es" else ("Page", "of")
    assert len(texts) > 5
    for n, text in enumerate(texts, 1):
        assert f"{word} {n} {of} {len(texts)}" in text, n  # page numbers from the @page rules
        assert ("CONFIDENCIAL" if lang == "es" else "CONFIDENTIAL") in text
        assert "SHA-256" in text
    head = "Prioridad" if lang == "es" else "Priority"
    plan_pages = [t for t in texts if re.search(r"^P[123] \d+", t, re.M)]
    assert len(plan_pages) > 2 and all(head in t for t in plan_pages)  # table headers repeat in print too
