"""The report adapter: PDF and HTML reports, exports and the portfolio, built only from the core's API.

The public API is this module's names (``__all__``); the modules behind them are private. Each name is
imported on first use (PEP 562), so ``posture export --format json`` loads the JSON export and the view it
renders from, not the templates, the chart or the PDF engine (WeasyPrint is imported only to write a PDF:
``tests/test_architecture.py`` checks it in a fresh process).
"""

from __future__ import annotations

import datetime as _dt
import importlib
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from posture.vocabulary import Audience

if TYPE_CHECKING:
    from markupsafe import Markup

    from posture.content import Library
    from posture.evaluation import Evaluation
    from posture.report._pdf import RenderStats
    from posture.report._portfolio import Unreadable

# public name -> the private module that defines it, imported when the name is first used
_LAZY = {
    "export_csv": "_exports", "export_data": "_exports", "export_json": "_exports", "export_xlsx": "_exports",
    "assessment_results": "_oscal", "poam": "_oscal",
    "write_private": "_output",
    "RenderStats": "_pdf",
    "Unreadable": "_portfolio", "find_assessments": "_portfolio",
    "plan_csv": "_sheets",
    "Strings": "_view", "load": "_view",
}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


AUDIENCES = Audience.values()

__all__ = [
    "AUDIENCES",
    "Portfolio",
    "RenderStats",
    "Unreadable",
    "assessment_results",
    "export_csv",
    "export_data",
    "export_json",
    "export_xlsx",
    "find_assessments",
    "load",
    "plan_csv",
    "poam",
    "render_html",
    "render_pdf",
    "render_portfolio",
    "report_html",
    "write_private",
    "write_report",
]


def report_html(loaded: Evaluation, lang: str, audience: str = "full", *, inline_css: bool = False,
                today: _dt.date | None = None) -> str:
    """The report as HTML (``audience``: "executive" or "full"; ``today``: the report date, default the
    machine's). ``inline_css``: the stylesheet inside a ``<style>`` element (a standalone file)."""
    from posture.report._templates import render, stylesheet
    from posture.report._view import build_view

    view = build_view(loaded, lang, audience, today)
    css = _style_block(stylesheet(lang, loaded.file_sha256)) if inline_css else ""
    return render("report.html.j2", lang, v=view, t=view.t, inline_css=css)


def _style_block(css: str) -> Markup:
    """The stylesheet as the contents of a ``<style>`` element: verbatim, not HTML-escaped.

    Escaping turned ``"DejaVu Sans"`` into ``&#34;DejaVu Sans&#34;`` and ``>`` into ``&gt;``, which a browser
    reads literally inside ``<style>``, so the fonts and child selectors were lost. The CSS holds only
    posture's own strings and a checked hex digest (see ``stylesheet``); ``</`` could end the element
    early, so it is refused rather than trusted.
    """
    from markupsafe import Markup

    if "</" in css:
        raise ValueError("the report stylesheet must not contain '</'")
    return Markup(css)  # noqa: S704 - posture's own stylesheet, checked above


def render_pdf(loaded: Evaluation, lang: str, audience: str = "full", *, stats: RenderStats | None = None,
               today: _dt.date | None = None) -> bytes:
    """The report as PDF bytes (A4; fonts and images embedded). The only path that imports WeasyPrint.
    ``stats``: filled with where the time went (bench/report.py)."""
    from posture.report._pdf import html_to_pdf
    from posture.report._templates import stylesheet

    html = report_html(loaded, lang, audience, today=today)
    return html_to_pdf(html, stylesheet(lang, loaded.file_sha256), stats)


def render_html(loaded: Evaluation, lang: str, audience: str = "full", *, today: _dt.date | None = None) -> str:
    """A standalone HTML file: the same templates, the stylesheet inlined, no external references.
    ``today``: the report date (default the machine's date)."""
    return report_html(loaded, lang, audience, inline_css=True, today=today)


def write_report(path: str | Path, data: bytes | str) -> Path:
    """Write a report or export atomically, owner-only (0600), with ``posture.assessment.atomic_write``;
    returns the path written. Raises ``PostureError`` (in posture's words) when it cannot be written."""
    from posture.report._output import write_private

    return write_private(path, data.encode("utf-8") if isinstance(data, str) else data)


class Portfolio(NamedTuple):
    """A rendered portfolio: the PDF, how many assessments it shows, and those it could not read."""

    pdf: bytes
    count: int
    unreadable: list[Unreadable]


def render_portfolio(folder: str | Path, lang: str, library: Library | None = None,
                     stats: RenderStats | None = None, today: _dt.date | None = None, *,
                     passphrase: str | None = None) -> Portfolio:
    """Every assessment under ``folder`` (at any depth), worst first, on A4 landscape pages (40 a page).

    ``passphrase`` opens the encrypted ones (one for all; else ``$POSTURE_PASSPHRASE``). Unreadable ones (an
    encrypted file without its passphrase, a damaged one) get a line in the PDF saying why and come back in
    ``Portfolio.unreadable``. Raises ``PostureError`` only for the output (never for one assessment)."""
    from posture.report._pdf import html_to_pdf
    from posture.report._portfolio import load_all, portfolio_view
    from posture.report._templates import render, stylesheet
    from posture.report._view import Strings

    items, unreadable = load_all(Path(folder), library, lang, passphrase=passphrase)
    view = portfolio_view(items, lang, today, unreadable, Path(folder))
    html = render("portfolio.html.j2", lang, p=view, t=Strings(lang))
    return Portfolio(html_to_pdf(html, stylesheet(lang, None), stats), len(items), unreadable)
