"""A fourth framework added as YAML alone gets its own report section and Statement-of-Applicability-style
table (issue #15): the content-author guide's Ley 1581 catalog (docs/guides/examples/ley1581-2012.yaml, with its
``report:`` block), a checklist that maps to it beside the three bundled frameworks, and no code change.
The HTML view and a real PDF read back with pdftotext both show the section and its rows; a catalog that
declares no ``report:`` (tests/data/content/valid/ley1581-mini.yaml) gets the default table, titled with its name.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from pdftext import flat, pages, pdf_text

from posture.assessment import Answer, Assessment, ChecklistRef, question_hashes, save_assessment
from posture.content import Library, bundled_files, bundled_root
from posture.report import load, render_html, render_pdf
from posture.report._view import build_view

ROOT = Path(__file__).parents[2]
LEY = ROOT / "docs" / "guides" / "examples" / "ley1581-2012.yaml"
MINI = ROOT / "tests" / "data" / "content" / "valid" / "ley1581-mini.yaml"
TITLE = {"es": "Ley 1581 de 2012 (Colombia): obligaciones", "en": "Ley 1581 of 2012 (Colombia): obligations"}
NEXT = {"es": "Anexo: sondeos de red", "en": "Appendix: network probes"}
LFPDPPP = {"es": "LFPDPPP 2025: obligaciones", "en": "LFPDPPP 2025: obligations"}


def _four_framework_checklist(folder: Path, catalog: Path) -> Path:
    """The bundled quick screening, plus the guide's three Ley 1581 questions and the fourth catalog."""
    catalog_id = yaml.safe_load(catalog.read_text(encoding="utf-8"))["id"]
    data = yaml.safe_load((bundled_root() / "checklists" / "quick-screening.yaml").read_text(encoding="utf-8"))
    guide = yaml.safe_load((LEY.parent / "ley1581-checklist.yaml").read_text(encoding="utf-8"))
    data["id"], data["coverage"] = "four-frameworks", "partial"
    data["catalogs"] = [*data["catalogs"], catalog_id]
    section = guide["sections"][0]
    for q in section["questions"]:
        controls = q["maps_to"].pop("ley1581-2012")
        q["maps_to"][catalog_id] = controls if catalog_id == "ley1581-2012" else ["ART-18-A"]
    data["sections"].append(section)
    path = folder / "four-frameworks.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _assessment(tmp_path: Path, catalog: Path):
    library = Library.load([*bundled_files(), catalog, _four_framework_checklist(tmp_path, catalog)])
    assert not library.problems, [p.format("en") for p in library.problems]
    checklist = library.checklists["four-frameworks"]
    answers = {q.id: Answer("yes" if q.scale == "yes-no" else "4") for q in checklist.questions}
    assessment = Assessment(
        id="contacto-andino", vendor="Contacto Andino", site="Bogotá",
        checklist=ChecklistRef(checklist.id, checklist.version, checklist.content_hash, question_hashes(checklist)),
        frameworks=list(checklist.catalogs), assessed_on="2026-05-04", created_at="2026-05-04T09:00:00-05:00",
        answers=answers)
    (tmp_path / "contacto-andino").mkdir()
    path = save_assessment(assessment, tmp_path / "contacto-andino" / "assessment.yaml")
    return load(path, library)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    return _assessment(tmp_path_factory.mktemp("ley1581"), LEY)


def test_the_view_has_a_section_of_its_own_after_the_bundled_three(loaded):
    assert loaded.assessment.frameworks[-1] == "ley1581-2012" and len(loaded.assessment.frameworks) == 4
    for lang in ("es", "en"):
        view = build_view(loaded, lang, today=dt.date(2026, 5, 4))
        order = [d["framework"] for d in view.details]
        assert order == ["iso27001-2022", "pci-dss-4.0.1", "lfpdppp-2025", "ley1581-2012"]  # report.order
        detail = view.detail("ley1581-2012")
        assert detail["title"] == TITLE[lang] and detail["name"] == "Ley 1581"
        assert detail["columns"] == ["applicable", "status", "score"]
        rows = {r["id"]: r for r in detail["rows"]}
        assert list(rows) == ["ART-4-G", "ART-4-H", "ART-9", "ART-18"]
        assert all(r["applicable"] == ("Sí" if lang == "es" else "Yes") for r in rows.values())
        assert rows["ART-9"]["questions"] == "COL-01" and rows["ART-18"]["questions"] == "COL-02, COL-03"
        assert rows["ART-4-G"]["legal"][0]["text"] == "Ley 1581 art. 4, fr. g"  # the catalog's instrument name
        assert rows["ART-9"]["css"] == "ok" and rows["ART-9"]["claimed"].startswith("100")
        assert "Ley 1581" in view.meta["frameworks"]  # the short name, from the catalog
        assert view.meta["subtitle"] == {  # the cover names the four, as their catalogs' report.label
            "es": "Informe de evaluación: ISO/IEC 27001:2022, PCI DSS v4.0.1, LFPDPPP y Ley 1581 de 2012",
            "en": "Assessment report: ISO/IEC 27001:2022, PCI DSS v4.0.1, LFPDPPP and Ley 1581 de 2012"}[lang]
        html = render_html(loaded, lang, today=dt.date(2026, 5, 4))
        assert f'<section class="chapter" data-framework="ley1581-2012">\n  <h2>{TITLE[lang]}</h2>' in html


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_pdf_prints_its_section_and_table(loaded, lang):
    pdf = render_pdf(loaded, lang, today=dt.date(2026, 5, 4))
    text = flat(" ".join(pages(pdf)))
    assert text.index(LFPDPPP[lang]) < text.index(TITLE[lang]) < text.index(NEXT[lang])
    laid = pdf_text(pdf, layout=True)  # the table as it is laid out: one line per row, columns in order
    chapter = laid[laid.index(TITLE[lang]):laid.index(NEXT[lang])]
    yes, in_place, partial = {"es": ("Sí", "Implementado", "Parcial"), "en": ("Yes", "In place", "Partial")}[lang]
    assert re.search(r"^Control\s+" + {"es": r"Aplicable\s+Estado\s+Verificado",
                                       "en": r"Applicable\s+Status\s+Verified"}[lang] + "$", chapter, re.M), chapter
    title = {"es": "Autorización del titular", "en": "Data subject's authorization"}[lang]
    assert re.search(rf"^ART-9\s+{title}\s+{yes}\s+{in_place}\s+100\s?%$", chapter, re.M), chapter
    assert re.search(rf"^ART-4-G\s+\S.*\s{yes}\s+{partial}\s+80\s?%$", chapter, re.M), chapter  # maturity 4 of 5
    assert re.search(r"^\s+Artículos: Ley 1581 art. 18", chapter, re.M) if lang == "es" else \
        re.search(r"^\s+Articles: Ley 1581 art. 18", chapter, re.M), chapter
    assert [cid for cid in ("ART-4-G", "ART-4-H", "ART-9", "ART-18") if re.search(rf"^{cid}\s", chapter, re.M)] \
        == ["ART-4-G", "ART-4-H", "ART-9", "ART-18"]


def test_a_catalog_without_a_report_block_gets_the_default_table(tmp_path):
    loaded = _assessment(tmp_path, MINI)
    view = build_view(loaded, "en", today=dt.date(2026, 5, 4))
    detail = view.detail("ley1581-2012-mini")
    assert detail["title"] == "Law 1581 of 2012 (Colombia), test excerpt: Statement of Applicability"
    assert [d["framework"] for d in view.details][-1] == "ley1581-2012-mini"  # no report.order: last
    assert detail["columns"] == ["applicable", "status", "score"] and detail["rows"]
    assert {r["id"] for r in detail["rows"]} == {c.id for c in loaded.catalogs["ley1581-2012-mini"].coverage_targets()}


def test_declared_columns_and_details_drive_the_table(demo_loaded):
    """What a section declares is what it shows: PCI DSS with every control, only a status column and the
    dates requirements became mandatory; LFPDPPP with who each obligation applies to."""
    import dataclasses

    from posture.content import ReportSection

    cats = dict(demo_loaded.catalogs)
    title = {"es": "PCI DSS: fechas", "en": "PCI DSS: dates"}
    cats["pci-dss-4.0.1"] = dataclasses.replace(cats["pci-dss-4.0.1"], report_sections=[ReportSection(
        title, controls="all", group_by="top", columns=("status",), details=("mandatory_from",))])
    cats["lfpdppp-2025"] = dataclasses.replace(cats["lfpdppp-2025"], report_sections=[ReportSection(
        {"es": "LFPDPPP", "en": "LFPDPPP"}, details=("applies_to",))])
    loaded = dataclasses.replace(demo_loaded, catalogs=cats)
    for lang, mandatory, processor in (("es", "Obligatorio desde el 31 de marzo de 2025", "Aplica a: encargado"),
                                       ("en", "Mandatory from March 31, 2025", "Applies to: processor")):
        view = build_view(loaded, lang, today=dt.date(2026, 3, 10))
        pci = view.detail("pci-dss-4.0.1")
        assert pci["title"] == title[lang] and pci["columns"] == ["status"]
        rows = {r["id"]: r for g in pci["groups"] for r in g["rows"]}
        assert "3.2.1" in rows and "3.2" in rows  # every control, not only the x.y headings
        assert {g["head"]["id"] for g in pci["groups"]} == {c.id for c in cats["pci-dss-4.0.1"].controls
                                                            if c.parent is None}
        assert rows["3.2.1"]["extra"] == [mandatory] and rows["3.2"]["extra"] == []
        assert all(r["questions"] == "" and r["why"] == "" for r in rows.values())  # not declared: not shown
        law = view.detail("lfpdppp-2025")
        by_who = {r["extra"][0] for r in law["rows"] if r["extra"]}
        assert processor in by_who and len(law["rows"]) == len(cats["lfpdppp-2025"].coverage_targets())
        html = render_html(loaded, lang, today=dt.date(2026, 3, 10))
        chapter = html[html.index('data-framework="pci-dss-4.0.1"'):html.index('data-framework="lfpdppp-2025"')]
        assert "<th>" + {"es": "Aplicable", "en": "Applicable"}[lang] + "</th>" not in chapter
        assert mandatory in chapter
