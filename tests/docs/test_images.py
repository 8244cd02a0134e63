"""The images the guides and the README show exist, are what docs/images/make.py writes, and show the app."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
IMAGES = ROOT / "docs" / "images"
SHOTS = ("home", "walk", "na", "help", "probes", "report")
# a label each screenshot must show, per language (from posture/tui/strings.py)
LABELS = {
    ("home", "en"): "Assessments", ("home", "es"): "Evaluaciones",
    ("walk", "en"): "Guidance", ("walk", "es"): "Guía",
    ("na", "en"): "Why does it not apply?", ("na", "es"): "¿Por qué no aplica?",
    ("help", "en"): "next unanswered", ("help", "es"): "siguiente sin responder",
    ("probes", "en"): "Probe finished", ("probes", "es"): "Sondeo terminado",
    ("report", "en"): "Report language", ("report", "es"): "Idioma del informe",
}


def _text(svg: Path) -> str:
    """The characters a Textual SVG screenshot draws, as one string (it escapes spaces as &#160;)."""
    raw = "".join(re.findall(r">([^<>]*)</text>", svg.read_text(encoding="utf-8")))
    return raw.replace("&#160;", " ").replace("\xa0", " ").replace("&amp;", "&")


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("shot", SHOTS)
def test_screenshot_exists_and_shows_its_screen(shot, lang):
    svg = IMAGES / f"app-{shot}.{lang}.svg"
    assert svg.is_file(), f"{svg} missing: run .venv/bin/python docs/images/make.py"
    assert LABELS[(shot, lang)] in _text(svg), f"{svg.name} does not show {LABELS[(shot, lang)]!r}"


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("page", ["report-scorecard", "report-plan"])
def test_report_pages_are_png(page, lang):
    png = IMAGES / f"{page}.{lang}.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", f"{png} is not a PNG"


def test_every_image_a_guide_or_the_readme_links_exists():
    linked = 0
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs" / "guides").glob("*.md"))]:
        for target in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", doc.read_text(encoding="utf-8")):
            linked += 1
            assert (doc.parent / target).resolve().is_file(), f"{doc.name} links a missing image: {target}"
    assert linked, "no guide shows an image"
