"""The report adapter: PDF and HTML reports, exports and the portfolio, built only from the core's API."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from markupsafe import Markup

from posture.content import Library
from posture.report._exports import export_csv, export_data, export_json, export_xlsx
from posture.report._oscal import assessment_results, poam
from posture.report._output import write_private
from posture.report._pdf import RenderStats, html_to_pdf
from posture.report._portfolio import find_assessments, load_all, portfolio_view
from posture.report._templates import render, stylesheet
from posture.report._view import Loaded, Strings, build_view, load
from posture.vocabulary import Audience

AUDIENCES = Audience.values()

__all__ = ["AUDIENCES", "Loaded", "RenderStats", "assessment_results", "export_csv", "export_data", "export_json",
           "export_xlsx", "find_assessments", "load", "poam", "render_html", "render_pdf", "render_portfolio",
           "report_html", "write_private", "write_report"]


def report_html(loaded: Loaded, lang: str, audience: str = "full", *, inline_css: bool = False,
                today: _dt.date | None = None) -> str:
    view = build_view(loaded, lang, audience, today)
    css = _style_block(stylesheet(lang, loaded.file_sha256)) if inline_css else ""
    return render("report.html.j2", v=view, t=view.t, inline_css=css)


def _style_block(css: str) -> Markup:
    """The stylesheet as the contents of a ``<style>`` element: verbatim, not HTML-escaped.

    Escaping turned ``"DejaVu Sans"`` into ``&#34;DejaVu Sans&#34;`` and ``>`` into ``&gt;``, which a browser
    reads literally inside ``<style>``, so the fonts and child selectors were lost. The CSS holds only
    posture's own strings and a checked hex digest (see ``stylesheet``); ``</`` could end the element
    early, so it is refused rather than trusted.
    """
    if "</" in css:
        raise ValueError("the report stylesheet must not contain '</'")
    return Markup(css)  # noqa: S704 - posture's own stylesheet, checked above


def render_pdf(loaded: Loaded, lang: str, audience: str = "full", *, stats: RenderStats | None = None,
               today: _dt.date | None = None) -> bytes:
    html = report_html(loaded, lang, audience, today=today)
    return html_to_pdf(html, stylesheet(lang, loaded.file_sha256), stats)


def render_html(loaded: Loaded, lang: str, audience: str = "full", *, today: _dt.date | None = None) -> str:
    """A standalone HTML file: the same templates, the stylesheet inlined, no external references.
    ``today``: the report date (default the machine's date)."""
    return report_html(loaded, lang, audience, inline_css=True, today=today)


def write_report(path: str | Path, data: bytes | str) -> Path:
    return write_private(path, data.encode("utf-8") if isinstance(data, str) else data)


def render_portfolio(folder: str | Path, lang: str, library: Library | None = None,
                     stats: RenderStats | None = None, today: _dt.date | None = None) -> tuple[bytes, int]:
    """Every assessment under ``folder``, worst first, on A4 landscape pages (40 a page); returns the PDF and how
    many were read. Unreadable ones (an encrypted file without ``$POSTURE_PASSPHRASE``) are listed with why."""
    items, unreadable = load_all(Path(folder), library, lang)
    view = portfolio_view(items, lang, today, unreadable, Path(folder))
    html = render("portfolio.html.j2", p=view, t=Strings(lang))
    return html_to_pdf(html, stylesheet(lang, None), stats), len(items)
