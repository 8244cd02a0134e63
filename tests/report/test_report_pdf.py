"""Real PDFs read back with pdftotext: contents, languages, page margins, escaping of user text."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from pdftext import embedded_files, flat, pages

from posture import l10n
from posture.report import RenderStats, render_pdf

# Words that would betray English on a Spanish page (checked as whole words, case-insensitive).
ENGLISH = {"the", "and", "of", "score", "scores", "page", "plan", "risk", "risks", "findings", "finding", "claimed",
           "verified", "overall", "grade", "vendor", "site", "date", "confidential", "report", "assessment",
           "critical", "failures", "top", "owner", "due", "coverage", "questions", "answered", "executive", "by",
           "section", "generated", "version", "weak", "strong", "adequate", "with", "for", "is", "not"}
# Proper nouns that may appear in both languages.
PROPER = re.compile(r"ISO/IEC|ISO|PCI DSS|LFPDPPP|SHA-256|[0-9a-f]{64}")


@pytest.fixture(scope="module")
def demo_pdfs(demo_loaded):
    today = dt.date(2026, 3, 1)
    return {lang: render_pdf(demo_loaded, lang, today=today) for lang in ("es", "en")}


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-zÁÉÍÓÚÑáéíóúñü]+", PROPER.sub(" ", text))}


def test_spanish_cover_and_scorecard_have_no_english(demo_pdfs, demo_loaded):
    first = pages(demo_pdfs["es"])[:2]
    vendor_words = _words(demo_loaded.assessment.vendor + " " + demo_loaded.assessment.site)
    leaked = (_words(" ".join(first)) & ENGLISH) - vendor_words
    assert leaked == set(), leaked
    assert "Resumen ejecutivo" in first[1] and "CONFIDENCIAL" in first[0]


def test_english_cover_and_scorecard_are_english(demo_pdfs):
    first = " ".join(pages(demo_pdfs["en"])[:2])
    assert {"executive", "scorecard", "confidential", "claimed", "verified"} <= _words(first)
    assert not ({"evaluación", "declarado", "verificado", "página"} & _words(first))


def test_demo_report_holds_every_part(demo_pdfs, demo_loaded):
    text = flat(" ".join(pages(demo_pdfs["en"])))
    for heading in ("Executive scorecard", "Remediation plan", "Statement of Applicability",
                    "PCI DSS v4.0.1: requirements", "LFPDPPP 2025: obligations", "Appendix: network probes",
                    "Methodology", "Scoring formulas", "Content versions and hashes", "Evidence index", "Sign-off"):
        assert heading in text, heading
    a = demo_loaded.assessment
    assert a.vendor in text and a.site in text
    assert demo_loaded.plan.items[0].action["en"][:40] in text
    assert demo_loaded.checklist.content_hash in re.sub(r"\s", "", text)  # long hashes wrap


def test_every_page_carries_page_x_of_y_and_the_file_hash(demo_pdfs, demo_loaded):
    for lang, word, of in (("es", "Página", "de"), ("en", "Page", "of")):
        all_pages = pages(demo_pdfs[lang])
        n = len(all_pages)
        assert n > 5
        for i, page in enumerate(all_pages, 1):
            assert f"{word} {i} {of} {n}" in page, (lang, i)
            assert demo_loaded.file_sha256 in page.replace("\n", ""), (lang, i)


def test_numbers_and_dates_follow_the_language(demo_pdfs, demo_loaded):
    d = dt.date.fromisoformat(demo_loaded.assessment.assessed_on)
    months_es = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
                 "noviembre", "diciembre"]
    es, en = pages(demo_pdfs["es"])[0], pages(demo_pdfs["en"])[0]
    assert f"{d.day} de {months_es[d.month - 1]} de {d.year}" in es
    assert f"{d.strftime('%B')} {d.day}, {d.year}" in en
    assert l10n.date(d, "es") in es and l10n.date(d, "en") in en  # CLDR es_MX / en_US (tests/test_l10n.py)
    # CLDR es_MX writes the percent sign right after the number, like en_US (es_ES would put a space)
    assert re.search(r"\d+%", pages(demo_pdfs["es"])[1]) and not re.search(r"\d[\u00a0 ]%", pages(demo_pdfs["es"])[1])
    assert re.search(r"\d+%", pages(demo_pdfs["en"])[1])


def test_executive_audience_leaves_out_the_detail(demo_loaded):
    text = flat(" ".join(pages(render_pdf(demo_loaded, "en", "executive"))))
    assert "Remediation plan" in text and "Sign-off" in text
    assert "Statement of Applicability" not in text and "Evidence index" not in text


def test_hostile_note_and_evidence_come_out_as_literal_text(synthetic_loaded):
    stats = RenderStats()
    pdf = render_pdf(synthetic_loaded, "es", stats=stats)
    text = flat(" ".join(pages(pdf)))
    assert '<img src="file:///etc/passwd">' in text
    assert '<link rel="attachment" href="file:///etc/hostname">' in text
    assert "url(http://127.0.0.1:9/x.png)" in text and '& "ñandú"' in text
    assert "<script>alert(1)</script>" in text  # probe evidence is user data too
    assert stats.refused == []  # nothing was even asked for: the markup never reached the HTML parser
    assert embedded_files(pdf) == []
    assert "root:x:0:0" not in text


def test_synthetic_report_shows_probe_contradictions(synthetic_loaded):
    text = flat(" ".join(pages(render_pdf(synthetic_loaded, "en"))))
    assert "Contradictions with interview answers" in text
    assert "the probe found" in text
    assert "Incomplete: 203.0.113.14: host timeout" in text
