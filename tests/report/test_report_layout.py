"""Layout that holds on hostile content: a 120-character name with emoji, HTML and markdown in notes, a
3,000-character word, an assessment mostly N/A, an empty one.

Two independent checks on the same laid-out document: WeasyPrint's boxes (every piece of text lies inside
the block or table cell that holds it: a header wider than its column, or a word running into the next
column, fails) and ``pdftotext -bbox`` on the written PDF (every word lies inside the page's content
width). Pages are not left near-empty, table headers repeat on continuation pages, and the PDF is tagged
with its language and title.
"""

from __future__ import annotations

import dataclasses
import html
import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from pdftext import catalog_lang, pdf_text, word_boxes

from posture.assessment import save_assessment
from posture.report import load, report_html
from posture.report._chart import Bar, bar_chart, text_width
from posture.report._pdf import layout, write
from posture.report._templates import stylesheet

pytestmark = pytest.mark.slow

MM = 72 / 25.4
PAGE_SIDE = 16 * MM  # left and right page margins (report.css)
PAGE_TOP, PAGE_BOTTOM = 20 * MM, 18 * MM
NAME = ("Servicios Integrales de Atención Telefónica 📞😀 del Centro y Bajío para Clientes Corporativos 🇲🇽 "
        "S.A.P.I. de C.V. — Sucursal Norte")[:120].ljust(120, "x")
WORD = "A" * 3000
MARKUP_NOTE = ("<b>negrita</b> <script>alert(1)</script> **markdown** _cursiva_ [enlace](http://evil.example)\n"
               "# Título\n- viñeta\n| a | b |")


def _hostile(demo_loaded, folder: Path, case: str) -> Path:
    a = demo_loaded.assessment
    answers = dict(a.answers)
    qids = list(answers)
    if case == "long":
        answers[qids[0]] = dataclasses.replace(answers[qids[0]], note=MARKUP_NOTE)
        answers[qids[1]] = dataclasses.replace(answers[qids[1]], note=WORD)
        runs = [dataclasses.replace(r, findings=[dataclasses.replace(f, evidence=WORD) if i == 0 else f
                                                 for i, f in enumerate(r.findings)]) for r in a.probe_runs]
        a = dataclasses.replace(a, vendor=NAME, site="Sitio 🏢 " + "B" * 300, answers=answers, probe_runs=runs,
                                assessors=["Ana 🔒 " + "C" * 150, "Jorge Ruiz"])
    elif case == "mostly_na":
        keep = set(qids[:12])
        answers = {q: v if q in keep else dataclasses.replace(v, value="na", na_justification="No aplica: " + q)
                   for q, v in answers.items()}
        a = dataclasses.replace(a, answers=answers)
    elif case == "empty":
        a = dataclasses.replace(a, answers={}, probe_runs=[])
    folder.mkdir(parents=True, exist_ok=True)
    return save_assessment(a, folder / "assessment.yaml")


def _text_outside_its_box(page_box) -> list[str]:
    """Text boxes whose right edge passes the content edge of the block or cell that holds them."""
    from weasyprint.formatting_structure import boxes

    bad = []

    def walk(box, container):
        box = getattr(box, "_box", box)  # an absolutely positioned box sits behind a placeholder
        if (getattr(box, "element_tag", None) or "").endswith("::marker"):
            return  # list bullets sit outside their item by design
        if isinstance(box, boxes.BlockContainerBox | boxes.PageBox):
            container = box
        if isinstance(box, boxes.TextBox) and box.text.strip() and container.style["overflow"] != "hidden":
            # (an overflow: hidden box cuts its text with an ellipsis when drawn: the page header's vendor)
            right = container.content_box_x() + container.width
            left = container.content_box_x()
            if box.position_x + box.width > right + 0.5 or box.position_x < left - 0.5:
                bad.append(f"{box.text[:40]!r} at {box.position_x:.1f}+{box.width:.1f} outside "
                           f"{left:.1f}..{right:.1f} ({type(container).__name__} "
                           f"{getattr(container.element, 'tag', '')})")
        for child in getattr(box, "children", ()):
            walk(child, container)

    walk(page_box, page_box)
    return bad


def _render(loaded, lang: str, audience: str):
    document = layout(report_html(loaded, lang, audience), stylesheet(lang, loaded.file_sha256))
    return document, write(document)


def _check(document, pdf: bytes) -> list[str]:
    problems = []
    for n, page in enumerate(document.pages, 1):
        problems += [f"page {n}: {p}" for p in _text_outside_its_box(page._page_box)]
    pages = word_boxes(pdf)
    assert len(pages) == len(document.pages)
    fills = []
    for n, (width, height, words) in enumerate(pages, 1):
        for x0, y0, x1, y1, w in words:
            if x0 < PAGE_SIDE - 0.5 or x1 > width - PAGE_SIDE + 0.5 or y0 < 0 or y1 > height:
                problems.append(f"page {n}: {w[:40]!r} at x {x0:.1f}–{x1:.1f} leaves the page's content width")
        body = [y1 for _, y0, _, y1, _ in words if y0 > PAGE_TOP - 1 and y1 < height - PAGE_BOTTOM + 1]
        fills.append((max(body, default=PAGE_TOP) - PAGE_TOP) / (height - PAGE_TOP - PAGE_BOTTOM))
    near_empty = [f"page {n} is {f:.0%} full" for n, f in enumerate(fills[:-1], 1) if f < 0.5]
    return problems + near_empty


CASES = [("long", "es", "full"), ("long", "en", "full"), ("long", "es", "executive"),
         ("mostly_na", "en", "full"), ("empty", "es", "full")]


@pytest.fixture(scope="module")
def rendered(demo_loaded, tmp_path_factory):
    out = {}
    for case, lang, audience in CASES:
        if case not in out:
            out[case] = load(_hostile(demo_loaded, tmp_path_factory.mktemp(case), case))
        out[(case, lang, audience)] = _render(out[case], lang, audience)
    return out


@pytest.mark.parametrize(("case", "lang", "audience"), CASES)
def test_no_text_leaves_its_page_or_column(rendered, case, lang, audience):
    document, pdf = rendered[(case, lang, audience)]
    assert _check(document, pdf) == []
    text = pdf_text(pdf)
    if case == "long":
        assert "📞" in text and "Servicios Integrales" in text
        if audience == "full":
            assert "<script>alert(1)</script>" in text and "**markdown**" in text  # literal, not rendered
            assert text.replace("\n", "").count("A" * 200) >= 2  # the long word is printed, wrapped


def test_the_checks_catch_what_the_old_layout_did(demo_loaded, tmp_path):
    """Mutation check: a header in a column narrower than the word, and an unbreakable word, are reported."""
    loaded = load(_hostile(demo_loaded, tmp_path / "long", "long"))
    html = report_html(loaded, "en", "executive")
    css = stylesheet("en", loaded.file_sha256) + (
        "html { overflow-wrap: normal } table.grid.plan col.c-eff { width: 6mm }")
    document = layout(html, css)
    problems = _check(document, write(document))
    assert any("(TableCellBox th)" in p for p in problems), problems[:5]  # the "Effort" header
    assert any("(TableCellBox td)" in p for p in problems), problems[:5]  # "Medium" under it
    assert any("AAAAAAAA" in p or "BBBBBBBB" in p for p in problems), problems[:5]


def test_emoji_come_from_a_fallback_font(rendered):
    _, pdf = rendered[("long", "es", "executive")]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.pdf"
        path.write_bytes(pdf)
        fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Emoji" in fonts or "Symbola" in fonts, fonts  # not empty boxes from DejaVu


def test_table_headers_repeat_on_continuation_pages(rendered):
    _, pdf = rendered[("long", "en", "full")]
    pages = pdf_text(pdf).split("\f")
    plan_pages = [p for p in pages if re.search(r"^P[123] ", p, re.M)]
    assert len(plan_pages) > 3
    assert all("Priority" in p and "Owner" in p and "Due date" in p for p in plan_pages)
    soa_pages = [p for p in pages if re.search(r"^(5|6|7|8)\.\d+\s", p, re.M) and "Annex" not in p]
    assert soa_pages and all("Applicable" in p and "Status" in p for p in soa_pages)


def test_pdf_is_tagged_with_language_and_title(rendered):
    for (case, lang, audience) in CASES:
        _, pdf = rendered[(case, lang, audience)]
        assert catalog_lang(pdf) == lang
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "r.pdf"
            path.write_bytes(pdf)
            info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
            struct = subprocess.run(["pdfinfo", "-struct", str(path)], capture_output=True, text=True,
                                    check=True).stdout
        assert re.search(r"^Tagged:\s+yes", info, re.M)
        assert re.search(r"^Title:\s+(Evaluación de la postura|Security posture)", info, re.M)
        assert "Table" in struct and "TH" in struct and "H1" in struct


def test_chart_labels_fit_their_column_and_thresholds_have_a_legend():
    from fontTools.ttLib import TTFont

    path = subprocess.run(["fc-match", "-f", "%{file}", "DejaVu Sans"], capture_output=True, text=True,
                          check=True).stdout
    font = TTFont(path)
    cmap, hmtx, upem = font.getBestCmap(), font["hmtx"], font["head"].unitsPerEm

    def real_width(text: str, size: float) -> float:
        return sum(hmtx[cmap[ord(c)]][0] for c in text if ord(c) in cmap) * size / upem

    labels = ["Governance and information security management system (ISMS)", "W" * 90, "x", "",
              "Gobierno y sistema de gestión de seguridad de la información (SGSI) con un título muy largo",
              "Supercalifragilisticexpialidocious" * 3, "#&~+=<>^*$" * 6, "Ñandú ÁÉÍÓÚ «citas» — 1234567890" * 3]
    for lang in ("es", "en"):
        svg = str(bar_chart([Bar(label, 50, None) for label in labels], lang, legend=("Claimed", "Verified"),
                            no_data="-"))
        assert ("grade boundary" if lang == "en" else "límite de calificación") in svg
        for x, size, text in re.findall(r'<text x="([\d.]+)" y="[\d.]+" font-size="([\d.]+)">([^<]*)</text>',
                                        svg):
            text = html.unescape(text)
            if float(size) == 8:  # section labels
                assert float(x) == 0  # anchored at the left edge: nothing to clip
                assert real_width(text, 8) <= 230 and text_width(text, 8) >= real_width(text, 8), text
