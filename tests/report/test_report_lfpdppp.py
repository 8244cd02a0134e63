"""The LFPDPPP chapter of the report: the law's own words beside each obligation, doubt only as a footnote.

The quotations come from the shipped text of the 2025 law (laws/lfpdppp-2025.json); the footnotes list the
references no primary text confirms (the 2010 law and the 2011 Reglamento come from secondary sources)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from pdftext import flat, pages

from posture.content import cited_articles, law_text
from posture.report import render_pdf
from posture.report._view import QUOTE_WORDS, build_view

DOUBT = ("⚠", "inferid", "inferred", "verificar en el DOF", "verify against the DOF", "patrón", "offset pattern",
         "confianza", "confidence", "no verificado", "not verified")


@pytest.fixture(scope="module")
def views(demo_loaded):
    return {lang: build_view(demo_loaded, lang, "full", today=dt.date(2026, 3, 1)) for lang in ("es", "en")}


@pytest.fixture(scope="module")
def chapters(demo_loaded):
    """The LFPDPPP chapter of the demo report, as pdftotext reads it, per language."""
    out = {}
    for lang, start, end in (("es", "LFPDPPP 2025: obligaciones", "Anexo: sondeos de red"),
                             ("en", "LFPDPPP 2025: obligations", "Appendix: network probes")):
        text = flat(" ".join(pages(render_pdf(demo_loaded, lang, today=dt.date(2026, 3, 1)))))
        body = text[text.index(start):]
        out[lang] = body[:body.index(end)]
    return out


@pytest.mark.parametrize("lang", ["es", "en"])
def test_each_obligation_citing_the_2025_law_quotes_it_briefly(views, demo_loaded, lang):
    law = demo_loaded.catalogs["lfpdppp-2025"]
    rows = {r["id"]: r for r in views[lang].detail("lfpdppp-2025")["rows"]}
    quoted = 0
    for c in law.coverage_targets():
        cited = cited_articles(law.id, c.legal_refs)
        if not cited:
            assert rows[c.id]["quote"] is None, c.id
            continue
        _, article = cited[0]
        quote = rows[c.id]["quote"]
        words = quote["text"].strip("…").split()
        assert 3 <= len(words) <= QUOTE_WORDS, (c.id, quote)
        # The quotation is the article's own words, in order.
        assert " ".join(words) in " ".join(article.text.split()), (c.id, quote)
        assert f"art. {article.number}" in quote["source"] and "DOF 20-03-2025" in quote["source"], quote
        quoted += 1
    assert quoted >= 25


def test_quotes_follow_the_catalog(views):
    rows = {r["id"]: r for r in views["es"].detail("lfpdppp-2025")["rows"]}
    assert rows["ARCO-GRATUIDAD"]["quote"]["text"].startswith("El ejercicio de los derechos ARCO es gratuito")
    assert rows["ARCO-GRATUIDAD"]["quote"]["source"] == "Ley 2025, art. 34 (DOF 20-03-2025)"
    assert rows["AVISO-SIMPLIFICADO"]["quote"]["source"] == "Ley 2025, art. 16, fr. II (DOF 20-03-2025)"
    assert rows["PRIN-LEALTAD"]["quote"]["text"].startswith("…deberá privilegiar la protección de los intereses")
    assert rows["SEG-61-I"]["quote"] is None  # cites the Reglamento only: no shipped text to quote
    assert law_text().article("34").dof == "2025-03-20"


@pytest.mark.parametrize("lang", ["es", "en"])
def test_footnotes_hold_exactly_the_uncertain_references(views, demo_loaded, lang):
    v = views[lang]
    law = demo_loaded.catalogs["lfpdppp-2025"]
    uncertain = [(c.id, r) for c in law.coverage_targets() for r in c.legal_refs if r.uncertain]
    assert len(v.detail("lfpdppp-2025")["notes"]) == len(uncertain) >= 4
    assert [n["mark"] for n in v.detail("lfpdppp-2025")["notes"]] == [str(i) for i in range(1, len(uncertain) + 1)]
    for (cid, r), note in zip(uncertain, v.detail("lfpdppp-2025")["notes"], strict=True):
        assert cid in note["text"] and r.article in note["text"] and r.note[lang] in note["text"]
        assert r.instrument != "law_2025"


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_pdf_prints_no_doubt_in_the_body_and_a_quiet_footnote(chapters, lang):
    text = chapters[lang]
    title = {"es": "Referencias sin verificar", "en": "Unverified references"}[lang]
    assert text.count(title) == 1
    body, footnotes = text.split(title)
    ours = re.sub(r"«[^»]*»", "", body)  # the law's own words may say "confianza"; the catalog's may not doubt
    for word in DOUBT:
        assert word not in ours, word
    assert body.count("«") >= 25 and body.count("(DOF 20-03-2025)") >= 25
    assert "El ejercicio de los derechos ARCO es gratuito" in body
    assert re.search(r"(Reglamento 2011|2011 Regulation) art\. 36-39 \(PRIN-CALIDAD\)", footnotes), footnotes


def test_spanish_chapter_has_no_english(chapters):
    words = {w.lower() for w in re.findall(r"[A-Za-zÁÉÍÓÚÑáéíóúñü]+", chapters["es"])}
    assert not (words & {"the", "article", "articles", "confidence", "unverified", "regulation", "law", "not",
                         "verified", "references", "checked", "footnote"})
