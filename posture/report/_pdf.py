"""HTML → PDF with WeasyPrint, through the deny-by-default fetcher and with CSS passed as a string."""

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


def html_to_pdf(html: str, css: str, stats: RenderStats | None = None) -> bytes:
    # Imported here: WeasyPrint takes ~0.3 s to import and exports that never render should not pay it.
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
        pdf = document.write_pdf(stylesheets=[stylesheet], presentational_hints=False, pdf_tags=True)
    finally:
        logger.removeFilter(quiet)
    if stats is not None:
        stats.weasyprint_seconds += time.perf_counter() - started
        stats.refused.extend(fetcher.refused)
    return pdf
