"""A catalog's report structure is data (catalog.schema.json ``report``): checked like every field, built into
Catalog, and the only place the report learns a framework's order, name and sections."""

from __future__ import annotations

from pathlib import Path

from posture.content import Library, ReportSection, bundled_library, by_report_order

MINI = Path(__file__).parent.parent / "data" / "content" / "valid" / "ley1581-mini.yaml"


def _with_report(tmp_path: Path, block: str) -> Path:
    text = MINI.read_text(encoding="utf-8").replace("\ncontrols:\n", "\n" + block + "controls:\n", 1)
    path = tmp_path / "catalog.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_declared_report_block_is_built(tmp_path):
    path = _with_report(tmp_path, """report:
  label: "Ley 1581 de 2012"
  order: 7
  statement_of_applicability: true
  sections:
    - title: {es: "Deberes", en: "Duties"}
      controls: all
      group_by: top
      columns: [status]
      details: [legal_refs, mandatory_from]
""")
    lib = Library.load([path])
    assert lib.problems == []
    cat = lib.catalogs["ley1581-2012-mini"]
    assert (cat.report_label, cat.report_order, cat.statement_of_applicability) == ("Ley 1581 de 2012", 7, True)
    assert cat.detail() == [ReportSection({"es": "Deberes", "en": "Duties"}, None, "all", "top", ("status",),
                                          ("legal_refs", "mandatory_from"))]
    assert cat.controls_in(cat.detail()[0]) == cat.controls


def test_an_unknown_column_is_one_located_problem(tmp_path):
    path = _with_report(tmp_path, """report:
  sections:
    - title: {es: "Deberes", en: "Duties"}
      columns: [status, owner]
""")
    lib = Library.load([path])
    assert len(lib.problems) == 1
    line = next(i for i, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "columns:" in t)
    p = lib.problems[0]
    assert (p.line, p.path) == (line, "report.sections[0].columns[1]"), p.format("en")


def test_a_section_title_needs_both_languages(tmp_path):
    path = _with_report(tmp_path, """report:
  sections:
    - title: {es: "Deberes"}
""")
    [problem] = Library.load([path]).problems
    assert problem.path == "report.sections[0].title" and "'en'" in problem.format("en")


def test_frameworks_follow_the_declared_order_then_the_undeclared_by_id():
    cats = bundled_library().catalogs
    assert by_report_order(["lfpdppp-2025", "zz-unknown", "pci-dss-4.0.1", "iso27001-2022", "aa-unknown"],
                           cats) == ["iso27001-2022", "pci-dss-4.0.1", "lfpdppp-2025", "aa-unknown", "zz-unknown"]
    # the bundled three each declare what the report shows; only ISO/IEC 27001 is the default SoA
    assert [c for c in cats if cats[c].statement_of_applicability] == ["iso27001-2022"]
    assert all(cats[c].report_sections for c in cats)
