"""HTML → PDF with WeasyPrint, through the deny-by-default fetcher and with CSS passed as a string.

WeasyPrint is imported inside these functions only: it takes ~0.3 s to import, and exports that never
render a PDF (JSON, CSV, XLSX, OSCAL, HTML) must not pay for it (tests/report/test_report_imports.py).
The PDF is tagged (a structure tree for screen readers, WeasyPrint's ``pdf_tags``), its language is the
``lang`` of the HTML and its title the HTML ``<title>``.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field


@dataclass
class RenderStats:
    """Where the time went, for the benchmark: WeasyPrint's share against posture's own."""

    weasyprint_seconds: float = 0.0
    refused: list[str] = field(default_factory=list)


class _Quiet(logging.Filter):
    """WeasyPrint logs each refused URL as an error; the refusal is intended, so keep stderr clean."""

    def filter(self, record: logging.LogRecord) -> bool:
        return False


def layout(html: str, css: str, stats: RenderStats | None = None):
    """The laid-out WeasyPrint document (pages of boxes), before it is written as a PDF."""
    from weasyprint import CSS, HTML

    from posture.report._fetcher import AssetFetcher

    fetcher = AssetFetcher()
    logger = logging.getLogger("weasyprint")
    quiet = _Quiet()
    logger.addFilter(quiet)
    started = time.perf_counter()
    try:
        document = HTML(string=html, base_url=None, url_fetcher=fetcher)
        stylesheet = CSS(string=css, base_url=None, url_fetcher=fetcher)
        rendered = document.render(stylesheets=[stylesheet], presentational_hints=False, pdf_tags=True)
    finally:
        logger.removeFilter(quiet)
    if stats is not None:
        stats.weasyprint_seconds += time.perf_counter() - started
        stats.refused.extend(fetcher.refused)
    return rendered


def write(document, stats: RenderStats | None = None) -> bytes:
    """A laid-out document as PDF bytes: tagged, with its language and title."""
    started = time.perf_counter()
    pdf = document.write_pdf(pdf_tags=True)
    if stats is not None:
        stats.weasyprint_seconds += time.perf_counter() - started
    return pdf


def html_to_pdf(html: str, css: str, stats: RenderStats | None = None) -> bytes:
    return write(layout(html, css, stats), stats)
