"""Table headers never break inside a word (issue #18: «Ver/sió/n» in the content table, «Calificació/n» in the
portfolio), in the full report, the executive report and the portfolio, in Spanish and English.

Read back from the written PDF with ``pdftotext -bbox``: a header word split over lines shows as pieces stacked at
one left edge (or a hyphenated piece and its rest); each piece sequence that spells a header word is a failure.
WeasyPrint's boxes also show no header wider than its column (the column grew to the word, not the word into its
neighbour: test_report_layout's check).
"""

from __future__ import annotations

import html as _html
import re
import shutil

import pytest
from pdftext import word_boxes
from test_report_layout import _text_outside_its_box

from posture.report import report_html
from posture.report._pdf import layout, write
from posture.report._templates import stylesheet

pytestmark = pytest.mark.slow

HYPHENS = "-\u2010\u00ad"  # what WeasyPrint prints at a hyphenation point (U+2010), and its kin
_TH = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)


def header_words(html: str) -> set[str]:
    """Every word of every <th> in ``html`` (tags dropped, punctuation around words dropped)."""
    words = set()
    for cell in _TH.findall(html):
        text = _html.unescape(re.sub(r"<[^>]+>", " ", cell))
        words |= {w.strip(".,:;()·") for w in text.split()}
    return {w for w in words if len(w) > 1}


def split_headers(pdf: bytes, heads: set[str]) -> list[str]:
    """Header words printed in pieces: words of one page stacked at one left edge, each on the line right below
    the last (a cell's lines), whose pieces (a hyphen at a piece's end dropped) spell a header word."""
    found = []
    for n, (_, _, words) in enumerate(word_boxes(pdf), 1):
        def below(word, words=words):
            x0, _, _, y1, _ = word
            return [w for w in words if abs(w[0] - x0) <= 1.0 and 0 <= w[1] - y1 + 1.5 <= (y1 - word[1])]
        for first in words:
            chains = [[first]]
            for _ in range(4):
                chains = [[*c, nxt] for c in chains for nxt in below(c[-1])]
                for chain in chains:
                    text = "".join(w[4].rstrip(HYPHENS) if k < len(chain) - 1 else w[4]
                                   for k, w in enumerate(chain))
                    if text.strip(".,:;()·") in heads:
                        found.append(f"page {n}: {'/'.join(w[4] for w in chain)}")
    return found


def _bare(found: str) -> str:
    return "".join(c for c in found if c not in HYPHENS)


def _overflowing_headers(document) -> list[str]:
    return [p for page in document.pages for p in _text_outside_its_box(page._page_box) if "TableCellBox th" in p]


@pytest.fixture(scope="module")
def folder(demo_loaded, tmp_path_factory):
    """Two copies of the demo, so the portfolio has rows and a trend."""
    root = tmp_path_factory.mktemp("portfolio")
    src = demo_loaded.assessment.path.parent
    shutil.copytree(src, root / "a")
    shutil.copytree(src, root / "b")
    later = root / "b" / "assessment.yaml"
    later.write_text(later.read_text("utf-8").replace("assessed_on: '2026-03-10'", "assessed_on: '2026-09-10'", 1),
                     "utf-8")
    return root


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("audience", ["full", "executive"])
def test_report_headers_keep_their_words_whole(demo_loaded, lang, audience):
    html = report_html(demo_loaded, lang, audience)
    heads = header_words(html)
    assert {"es": "Prioridad", "en": "Priority"}[lang] in heads
    document = layout(html, stylesheet(lang, demo_loaded.file_sha256))
    pdf = write(document)
    assert split_headers(pdf, heads) == []
    assert _overflowing_headers(document) == []


@pytest.mark.parametrize("lang", ["es", "en"])
def test_portfolio_headers_keep_their_words_whole(folder, lang):
    from posture.report._portfolio import load_all, portfolio_view
    from posture.report._templates import render
    from posture.report._view import Strings

    items, unreadable = load_all(folder, None, lang)
    html = render("portfolio.html.j2", lang, p=portfolio_view(items, lang, None, unreadable, folder), t=Strings(lang))
    heads = header_words(html)
    assert {"es": "Calificación", "en": "Grade"}[lang] in heads
    document = layout(html, stylesheet(lang, None))
    assert split_headers(write(document), heads) == []
    assert _overflowing_headers(document) == []


def test_the_check_sees_the_old_split(demo_loaded, folder):
    """Mutation check: the stylesheet before the fix (words broken anywhere, hyphenated headers) fails both."""
    old = "th { overflow-wrap: anywhere; hyphens: auto; } table.pf col.c-grade { width: 16mm; }"
    html = report_html(demo_loaded, "es", "full")
    document = layout(html, stylesheet("es", demo_loaded.file_sha256) + old)
    assert any("Ver/sió/n" in _bare(s) for s in split_headers(write(document), header_words(html)))
    from posture.report._portfolio import load_all, portfolio_view
    from posture.report._templates import render
    from posture.report._view import Strings

    items, unreadable = load_all(folder, None, "es")
    html = render("portfolio.html.j2", "es", p=portfolio_view(items, "es", None, unreadable, folder), t=Strings("es"))
    document = layout(html, stylesheet("es", None) + old)
    assert any(_bare(s).split(": ", 1)[1].replace("/", "") == "Calificación"
               for s in split_headers(write(document), header_words(html)))


@pytest.mark.parametrize("lang", ["es", "en"])
def test_portfolio_cells_keep_their_text_inside(folder, tmp_path, lang):
    """A vendor too new to grade said «Cobertura insuficiente» in the 15 mm «General» column, over the next
    one («Cobertura insuficiente0% †», newcomer): no cell's text passes its cell's edge."""
    import subprocess
    import sys

    from posture.report._portfolio import load_all, portfolio_view
    from posture.report._templates import render
    from posture.report._view import Strings

    root = tmp_path / "pf"
    shutil.copytree(folder, root)
    made = subprocess.run([sys.executable, "-m", "posture", "new", "--vendor", "Cobranza Norte", "--site", "Sur"],
                          env={"PATH": "/usr/bin:/bin", "POSTURE_WORKSPACE": str(root)}, capture_output=True,
                          text=True, timeout=60)
    assert made.returncode == 0, made.stderr
    items, unreadable = load_all(root, None, lang)
    html = render("portfolio.html.j2", lang, p=portfolio_view(items, lang, None, unreadable, root), t=Strings(lang))
    assert {"es": "Cobertura insuficiente", "en": "Insufficient coverage"}[lang] in html
    document = layout(html, stylesheet(lang, None))
    assert [p for page in document.pages for p in _text_outside_its_box(page._page_box)] == []
