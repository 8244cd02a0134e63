"""Content files are built into the objects the rest of posture reads exactly as written (issue 23, third
mutation pass): every field of every bundled catalog control and checklist question, straight from
``build_catalog`` / ``build_checklist`` (not through the content cache, which would skip them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from posture.content import Library, bundled_library
from posture.content._build import _report_section, build_catalog, build_checklist
from posture.content._library import _ciso_assistant
from posture.content._models import ReportSection
from posture.errors import ContentError
from posture.safe_yaml import load_yaml

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("path", sorted((ROOT / "controls").glob("*.yaml")), ids=lambda p: p.stem)
def test_every_control_of_a_catalog_is_built_as_written(path):
    doc = load_yaml(path)
    catalog = build_catalog(doc)
    raw = doc.data
    assert catalog.types == raw.get("types", {})
    assert [(g.id, g.title, g.description) for g in catalog.groups] == [
        (g["id"], g["title"], g.get("description")) for g in raw.get("groups", ())]
    for control, c in zip(catalog.controls, raw["controls"], strict=True):
        assert (control.id, control.title, control.description) == (c["id"], c["title"], c["description"])
        assert (control.group, control.applies_to, control.parent) == (c.get("group"), c.get("applies_to"),
                                                                        c.get("parent"))
        assert [(r.instrument, r.article, r.confidence) for r in control.legal_refs] == [
            (r["instrument"], r["article"], r["confidence"]) for r in c.get("legal_refs", ())]
    if path.stem == "pci-dss-4.0.1":  # the bundled catalogs use these fields: the comparisons above bite
        assert any(c.get("applies_to") for c in raw["controls"])
    if path.stem == "lfpdppp-2025":
        assert any(c.get("group") for c in raw["controls"]) and any(c.get("legal_refs") for c in raw["controls"])


@pytest.mark.parametrize("path", sorted((ROOT / "checklists").glob("*.yaml")), ids=lambda p: p.stem)
def test_every_question_and_section_of_a_checklist_is_built_as_written(path):
    doc = load_yaml(path)
    checklist = build_checklist(doc)
    raw_questions = {q["id"]: q for s in doc.data["sections"] for q in s["questions"]}
    for section, s in zip(checklist.sections, doc.data["sections"], strict=True):
        assert (section.id, section.title, section.description) == (s["id"], s["title"], s.get("description"))
        for q in section.questions:
            written = raw_questions[q.id]
            assert q.owner == written["owner"]
            assert q.probe_checks == tuple(written.get("probe_checks", ()))
    assert any(q.get("probe_checks") for q in raw_questions.values())


def test_a_report_section_takes_the_default_columns_and_details_unless_written():
    default = ReportSection(title={"es": "t", "en": "t"})
    built = _report_section({"title": {"es": "t", "en": "t"}})
    assert (built.columns, built.details, built.controls, built.group_by) == (
        tuple(default.columns), tuple(default.details), default.controls, default.group_by)
    built = _report_section({"title": {"es": "t", "en": "t"}, "columns": ["id", "title"], "details": ["note"]})
    assert (built.columns, built.details) == (("id", "title"), ("note",))


def test_the_bundled_library_is_loaded_once_per_process():
    first = bundled_library()
    assert first is not None and first is bundled_library() and first.catalogs


# -- the library's checks (third pass survivors) --------------------------------------------------------------------

DATA = Path(__file__).parents[1] / "data" / "content"
MINI = DATA / "valid" / "mini-checklist.yaml"
LEY = DATA / "valid" / "ley1581-mini.yaml"


def test_a_mapping_to_a_control_the_checklist_excludes_is_a_warning_at_the_mapping(tmp_path):
    """A question mapping a control that ``not_applicable`` excludes (itself, or through an ancestor) is a
    warning placed at that ``maps_to`` entry, naming the control, the exclusion's index and the control it
    names; the checklist still loads. Without exclusions there is no warning."""
    text = MINI.read_text(encoding="utf-8")
    rationale = '    rationale: {es: "No aplica.", en: "Does not apply."}\n'
    excluded = text + ("not_applicable:\n  - catalog: iso27001-2022\n    controls: [\"8.1\"]\n" + rationale
                       + "  - catalog: iso27001-2022\n    controls: [\"5.1\"]\n" + rationale)
    (tmp_path / "mini.yaml").write_text(excluded, encoding="utf-8")
    lib = Library.load([tmp_path / "mini.yaml", LEY], fallback=bundled_library())
    assert lib.problems == [] and "mini" in lib.checklists
    line = next(i for i, t in enumerate(excluded.splitlines(), 1) if 'iso27001-2022: ["5.1"]' in t)
    assert [(w.code, w.line, w.col, w.path, w.message["en"]) for w in lib.warnings] == [
        ("excluded_but_mapped", line, excluded.splitlines()[line - 1].index('"5.1"') + 1,
         "sections[0].questions[0].maps_to.iso27001-2022[0]",
         "'5.1' is excluded in not_applicable[1] (5.1) and this question maps to it: the exclusion wins (the "
         "control is not applicable); remove the mapping or the exclusion")]
    assert Library.load([MINI, LEY], fallback=bundled_library()).warnings == []


def test_an_unknown_kind_is_placed_at_its_kind_key_and_files_after_an_unreadable_one_still_load(tmp_path):
    (tmp_path / "a.yaml").write_bytes(b"\xff\xfe not utf-8")
    (tmp_path / "b.yaml").write_text("# a note\nid: x\nkind: recipe\n", encoding="utf-8")
    lib = Library.load([tmp_path / "a.yaml", tmp_path / "b.yaml", LEY])
    assert "ley1581-2012-mini" in lib.catalogs
    kind = [p for p in lib.problems if p.code == "kind"]
    assert [(p.line, p.col, p.path) for p in kind] == [(3, 7, "kind")]


def test_a_ciso_assistant_library_needs_a_urn_and_is_named_by_its_main_object():
    """Only a text ``urn`` starting ``urn:`` marks a CISO Assistant library; the main object is the framework
    before any other kind listed, and an object of another kind is named by its key."""
    objects = {"threats": {"name": "T"}, "framework": {"name": "F"}}
    assert _ciso_assistant({"urn": "x:y", "objects": objects}) is None
    assert _ciso_assistant({"urn": 5, "objects": objects}) is None
    assert _ciso_assistant({"urn": "urn:a", "objects": objects})["what"] == "framework"
    assert _ciso_assistant({"urn": "urn:a", "objects": {"custom_things": {"name": "C"}}}) == {
        "what": "custom things", "name": "C", "urn": "urn:a"}


def test_a_question_naming_an_unknown_probe_check_is_told_which(tmp_path):
    text = MINI.read_text(encoding="utf-8").replace("        effort: S\n",
                                                     "        effort: S\n        probe_checks: [no-such-check]\n", 1)
    (tmp_path / "check.yaml").write_text(text, encoding="utf-8")
    lib = Library.load([tmp_path / "check.yaml", LEY], fallback=bundled_library())
    (problem,) = lib.problems
    assert "no-such-check" in problem.message["en"] and "no-such-check" in problem.message["es"]


def test_a_quote_the_article_does_not_contain_is_refused_with_its_own_code(tmp_path):
    """A legal reference's ``quote_from`` must be words of the article's text: otherwise a problem at that
    key, code ``quote_not_in_article``."""
    text = (ROOT / "controls" / "lfpdppp-2025.yaml").read_text(encoding="utf-8")
    quote = "deberá privilegiar la protección de los intereses de la persona titular"
    assert quote in text
    (tmp_path / "lfpdppp-2025.yaml").write_text(text.replace(quote, "palabras que la ley no dice", 1),
                                                encoding="utf-8")
    lib = Library.load([tmp_path / "lfpdppp-2025.yaml"])
    assert [(p.code, p.path.rsplit(".", 1)[-1]) for p in lib.problems] == [("quote_not_in_article", "quote_from")]


def test_an_article_excerpt_from_words_it_lacks_is_a_value_error_naming_them():
    from posture.content._law import law_text

    article = law_text().article("9")
    with pytest.raises(ValueError, match=rf"art\. {article.number} does not contain 'palabras ausentes'"):
        article.excerpt(start="palabras ausentes")


def test_law_paragraphs_end_at_a_line_ending_in_a_full_stop_colon_or_semicolon():
    from posture.content._law import _paragraphs

    assert _paragraphs("Primera frase.\nSegunda\nlínea:\nuna;\notra")[0] == (
        "Primera frase.", "Segunda línea:", "una;", "otra")


def test_frameworks_are_ordered_by_report_order_where_0_comes_before_1():
    """``report.order`` may be 0 (schema minimum): it sorts before 1 whatever the ids; undeclared ones last."""
    from types import SimpleNamespace

    from posture.content._models import by_report_order

    catalogs = {"b": SimpleNamespace(report_order=0), "a": SimpleNamespace(report_order=1),
                "c": SimpleNamespace(report_order=None)}
    assert by_report_order(["c", "a", "zz", "b"], catalogs) == ["b", "a", "c", "zz"]


def test_a_catalog_without_report_sections_gets_one_soa_table_titled_with_its_name_in_both_languages():
    catalog = Library.load([LEY]).catalogs["ley1581-2012-mini"]
    catalog.report_sections = []
    (section,) = catalog.detail()
    assert set(section.title) == {"es", "en"}
    assert section.title["en"].startswith(f"{catalog.name['en']}: ") and len(section.title["en"]) > len(
        catalog.name["en"]) + 2
    assert section.title["es"].startswith(f"{catalog.name['es']}: ")


def test_schema_problems_are_listed_in_file_order_line_first():
    """Problems come by line, then column: line 4 column 10 before line 15 column 9."""
    from posture.content._schema import validate_doc
    from posture.safe_yaml import loads_yaml

    text = MINI.read_text(encoding="utf-8").replace('version: "1.0"', "version: 1.0").replace(
        "  - id: security", "  - id: [security]")
    problems = validate_doc(loads_yaml(text, "m.yaml"), "checklist")
    assert [(p.line, p.col, p.path) for p in problems] == [(4, 10, "version"), (15, 9, "sections[0].id")]


def test_aliases_nesting_deeper_than_the_text_are_refused_where_the_cap_is_passed():
    """Each line nests 30 levels or fewer, but ``c`` holds ``b`` holds ``a``: past MAX_DEPTH (64) inside
    ``a``'s text, which is where the problem is placed (line 1, column 31)."""
    from posture.safe_yaml import MAX_DEPTH, loads_yaml

    text = ("a: &a " + "[" * 30 + "1" + "]" * 30 + "\n" + "b: &b " + "[" * 30 + "*a" + "]" * 30 + "\n"
            + "c: " + "[" * 10 + "*b" + "]" * 10 + "\n")
    with pytest.raises(ContentError) as info:
        loads_yaml(text, "x.yaml")
    assert MAX_DEPTH == 64
    assert [(p.code, p.line, p.col) for p in info.value.problems] == [("too_deep", 1, 31)]


def test_the_bundled_library_is_built_on_first_use(monkeypatch):
    """Loaded on the first call of the process (the module global reset here to stand for a fresh process)."""
    import posture.content as content

    monkeypatch.setattr(content, "_bundled", None)
    first = content.bundled_library()
    assert first is not None and first.catalogs and content.bundled_library() is first


def test_a_ciso_assistant_library_names_its_reference_controls_before_other_objects():
    assert _ciso_assistant({"urn": "urn:a", "objects": {"other": {}, "reference_controls": {"name": "R"}}})[
        "what"] == "reference controls"


def test_a_quote_where_posture_ships_no_law_text_is_refused_with_its_own_code(tmp_path):
    text = LEY.read_text(encoding="utf-8").replace(
        '{instrument: "ley_1581", article: "18", fraction: "a", confidence: medium}',
        '{instrument: "ley_1581", article: "18", fraction: "a", confidence: medium, quote_from: "el responsable"}')
    (tmp_path / "ley.yaml").write_text(text, encoding="utf-8")
    lib = Library.load([tmp_path / "ley.yaml"])
    assert [(p.code, p.path.rsplit(".", 1)[-1]) for p in lib.problems] == [("quote_without_text", "quote_from")]


def test_a_null_where_text_is_expected_is_named_null_in_both_languages():
    from posture.content._schema import validate_doc
    from posture.safe_yaml import loads_yaml

    text = MINI.read_text(encoding="utf-8").replace('title: {es: "Seguridad", en: "Security"}',
                                                    'title: {es: null, en: "Security"}')
    (problem,) = validate_doc(loads_yaml(text, "m.yaml"), "checklist")
    assert (problem.code, problem.message) == (
        "schema.type", {"es": "null es nulo; se esperaba texto", "en": "null is null; expected text"})


def test_a_catalog_without_types_or_groups_builds_with_none_and_legal_refs_keep_fraction_and_note(tmp_path):
    import dataclasses

    text = LEY.read_text(encoding="utf-8").replace('fraction: "a", confidence: medium}',
                                                   'fraction: "a", confidence: medium, note: "ver art. 17"}')
    (tmp_path / "ley.yaml").write_text(text, encoding="utf-8")
    doc = load_yaml(tmp_path / "ley.yaml")
    bare = {k: v for k, v in doc.data.items() if k not in ("types", "groups")}
    assert (build_catalog(dataclasses.replace(doc, data=bare)).types,
            build_catalog(dataclasses.replace(doc, data=bare)).groups) == ({}, [])
    refs = [(r.get("fraction"), r.get("note")) for c in doc.data["controls"] for r in c.get("legal_refs", ())]
    assert ("a", "ver art. 17") in refs and ("b", None) in refs
    assert [(r.fraction, r.note) for c in build_catalog(doc).controls for r in c.legal_refs] == refs


def test_probe_checks_are_built_as_written():
    from posture.content._build import build_probe_checks

    doc = load_yaml(ROOT / "checks" / "perimeter.yaml")
    for check, c in zip(build_probe_checks(doc), doc.data["checks"], strict=True):
        assert (check.id, check.title, check.description, check.remediation, check.severity) == (
            c["id"], c["title"], c["description"], c["remediation"], c["severity"])


# -- every field, written and left out (session 5: the whole-module run) ----------------------------------------------

def _t(word: str) -> dict[str, str]:
    return {"es": f"{word}-es", "en": f"{word}-en"}


_FULL_CHECKLIST = """\
kind: checklist
schema_version: 1
id: full
version: "2.1"
title: {es: title-es, en: title-en}
description: {es: description-es, en: description-en}
coverage: partial
languages: [es, en]
catalogs: [cat-a, cat-b]
actions:
  act-1: {es: act-es, en: act-en}
scales:
  three:
    label: {es: three-es, en: three-en}
    allow_na: false
    options:
      - {value: hi, key: h, score: 1, label: {es: hi-es, en: hi-en}}
      - {value: mid, key: m, score: 0.25, label: {es: mid-es, en: mid-en}}
  bare:
    options:
      - {value: "yes", key: y, score: 1, label: {es: y-es, en: y-en}}
      - {value: "no", key: n, score: 0, label: {es: n-es, en: n-en}}
sections:
  - id: sec-1
    title: {es: sec-es, en: sec-en}
    description: {es: secd-es, en: secd-en}
    questions:
      - id: Q-1
        text: {es: text-es, en: text-en}
        guidance: {es: guidance-es, en: guidance-en}
        evidence:
          - {es: ev1-es, en: ev1-en}
          - {es: ev2-es, en: ev2-en}
        remediation: {es: remediation-es, en: remediation-en}
        scale: three
        weight: 4
        criticality: critical
        maps_to:
          cat-a: ["1.1", "1.2"]
          cat-b: ["B"]
        effort: L
        owner: it
        action: act-1
        probe_checks: [tls-old, smb-open]
        tags: [people, remote]
  - id: sec-2
    title: {es: sec2-es, en: sec2-en}
    questions:
      - id: Q-2
        text: {es: text2-es, en: text2-en}
        guidance: {es: guidance2-es, en: guidance2-en}
        remediation: {es: remediation2-es, en: remediation2-en}
        scale: yes-no
        weight: 1
        criticality: low
        maps_to:
          cat-b: ["C"]
        effort: S
        owner: legal
not_applicable:
  - catalog: cat-a
    controls: ["9", "9.1"]
    rationale: {es: why-es, en: why-en}
"""


def test_a_checklist_is_built_with_every_field_as_written_and_the_defaults_where_left_out():
    """Every field a checklist author writes reaches the model as written (texts, numbers, lists as tuples, a
    scale's scores as floats); what is left out takes its documented default: no description, ``coverage``
    full, no actions, a question with no evidence, action, probe checks or tags, a scale labelled by its id that
    allows N/A, no exclusions. The built-in scales are always there."""
    from posture.content._models import Checklist, Exclusion, Question, Scale, ScaleOption, Section
    from posture.content._scales import BUILTIN_SCALES
    from posture.safe_yaml import loads_yaml

    doc = loads_yaml(_FULL_CHECKLIST, "full.yaml")
    q1 = Question(id="Q-1", section_id="sec-1", text=_t("text"), guidance=_t("guidance"),
                  remediation=_t("remediation"), scale="three", weight=4, criticality="critical",
                  maps_to={"cat-a": ("1.1", "1.2"), "cat-b": ("B",)}, effort="L", owner="it",
                  evidence=(_t("ev1"), _t("ev2")), action="act-1", probe_checks=("tls-old", "smb-open"),
                  tags=("people", "remote"))
    q2 = Question(id="Q-2", section_id="sec-2", text=_t("text2"), guidance=_t("guidance2"),
                  remediation=_t("remediation2"), scale="yes-no", weight=1, criticality="low",
                  maps_to={"cat-b": ("C",)}, effort="S", owner="legal")
    three = Scale(id="three", label=_t("three"), allow_na=False,
                  options=(ScaleOption("hi", "h", 1.0, _t("hi")), ScaleOption("mid", "m", 0.25, _t("mid"))))
    bare = Scale(id="bare", label={"es": "bare", "en": "bare"}, allow_na=True,
                 options=(ScaleOption("yes", "y", 1.0, _t("y")), ScaleOption("no", "n", 0.0, _t("n"))))
    expected = Checklist(
        id="full", version="2.1", title=_t("title"), description=_t("description"), coverage="partial",
        actions={"act-1": _t("act")}, languages=["es", "en"], catalogs=["cat-a", "cat-b"],
        sections=[Section("sec-1", _t("sec"), (q1,), _t("secd")), Section("sec-2", _t("sec2"), (q2,), None)],
        scales={**BUILTIN_SCALES, "three": three, "bare": bare},
        not_applicable=[Exclusion("cat-a", ("9", "9.1"), _t("why"))], path="full.yaml", content_hash=doc.sha256)
    built = build_checklist(doc)
    assert built == expected
    assert all(isinstance(o.score, float) for o in built.scales["bare"].options)
    assert list(built.scales) == ["yes-no", "maturity", "three", "bare"]

    bare_text = "\n".join(line for line in _FULL_CHECKLIST.splitlines()
                          if not line.startswith(("description:", "coverage:")))
    head, rest = bare_text.split("actions:")[0], bare_text.split("sections:")[1]
    bare_text = head + "sections:" + rest.split("not_applicable")[0]
    minimal = build_checklist(loads_yaml(bare_text, "min.yaml"))
    assert (minimal.description, minimal.coverage, minimal.actions, minimal.not_applicable) == (None, "full", {}, [])
    assert minimal.scales == BUILTIN_SCALES


_FULL_CATALOG = """\
kind: catalog
schema_version: 1
id: full
name: {es: name-es, en: name-en}
short_name: Full
version: "3"
publisher: Pub
published: "2024-01-02"
effective: "2025-03-04"
sources:
  - {url: "https://example.org/a", title: A}
license_note: {es: lic-es, en: lic-en}
description: {es: description-es, en: description-en}
languages: [es, en]
coverage_types: [req]
types:
  req: {es: req-es, en: req-en}
groups:
  - {id: g1, title: {es: g1-es, en: g1-en}, description: {es: g1d-es, en: g1d-en}}
  - {id: g2, title: {es: g2-es, en: g2-en}}
instruments:
  law_x: {es: law-es, en: law-en}
report:
  label: "Full:3"
  order: 7
  statement_of_applicability: true
  sections:
    - title: {es: s1-es, en: s1-en}
      intro: {es: intro-es, en: intro-en}
      controls: all
      group_by: top
      columns: [score, status]
      details: [quote, legal_refs]
    - title: {es: s2-es, en: s2-en}
extra: {anything: 1}
controls:
  - id: "1"
    title: {es: c1-es, en: c1-en}
    description: {es: c1d-es, en: c1d-en}
    type: req
    group: g1
    tags: [a, b]
    mandatory_from: "2025-03-31"
    applies_to: service providers
    legal_refs:
      - {instrument: law_x, article: "18", confidence: medium, fraction: "II", note: {es: n-es, en: n-en},
         quote_from: "las palabras"}
      - {instrument: law_x, article: "19", confidence: low}
    note: {es: note-es, en: note-en}
    extra: {k: v}
  - id: "1.1"
    parent: "1"
    title: {es: c2-es, en: c2-en}
    description: {es: c2d-es, en: c2d-en}
"""


_MINIMAL_CATALOG = """\
kind: catalog
schema_version: 1
id: min
name: {es: name-es, en: name-en}
short_name: Min
version: "1"
publisher: Pub
published: "2024-01-02"
sources:
  - {url: "https://example.org/a"}
license_note: {es: lic-es, en: lic-en}
languages: [es, en]
controls:
  - id: "1.1"
    title: {es: c2-es, en: c2-en}
    description: {es: c2d-es, en: c2d-en}
"""


def test_a_catalog_is_built_with_every_field_as_written_and_the_defaults_where_left_out():
    """Every field a catalog author writes reaches the model as written (controls with their legal references,
    groups, types, instruments, the report block and its sections); what is left out takes its documented
    default: no effective date or description, no coverage types, types, groups or instruments, the report by
    its defaults (no label or order, not in the SoA, one table per the catalog's name), a control with no type,
    group, parent, tags, dates, references, note or extra, a reference with no fraction, note or quote."""
    from posture.content._models import Catalog, Control, Group, LegalRef
    from posture.safe_yaml import loads_yaml

    doc = loads_yaml(_FULL_CATALOG, "full.yaml")
    c1 = Control(id="1", title=_t("c1"), description=_t("c1d"), type="req", group="g1", parent=None,
                 tags=("a", "b"), mandatory_from="2025-03-31", applies_to="service providers",
                 legal_refs=(LegalRef("law_x", "18", "medium", "II", _t("n"), "las palabras"),
                             LegalRef("law_x", "19", "low", None, None, None)),
                 note=_t("note"), extra={"k": "v"})
    c2 = Control(id="1.1", title=_t("c2"), description=_t("c2d"), parent="1")
    expected = Catalog(
        id="full", name=_t("name"), short_name="Full", version="3", publisher="Pub", published="2024-01-02",
        effective="2025-03-04", sources=[{"url": "https://example.org/a", "title": "A"}], license_note=_t("lic"),
        description=_t("description"), languages=["es", "en"], coverage_types=["req"], types={"req": _t("req")},
        groups=[Group("g1", _t("g1"), _t("g1d")), Group("g2", _t("g2"), None)], controls=[c1, c2],
        instruments={"law_x": _t("law")}, report_label="Full:3", report_order=7, statement_of_applicability=True,
        report_sections=[ReportSection(title=_t("s1"), intro=_t("intro"), controls="all", group_by="top",
                                       columns=("score", "status"), details=("quote", "legal_refs")),
                         ReportSection(title=_t("s2"))],
        path="full.yaml", content_hash=doc.sha256)
    assert build_catalog(doc) == expected
    minimal = build_catalog(loads_yaml(_MINIMAL_CATALOG, "min.yaml"))
    assert (minimal.effective, minimal.description, minimal.coverage_types, minimal.types, minimal.groups,
            minimal.instruments) == (None, None, [], {}, [], {})
    assert (minimal.report_label, minimal.report_order, minimal.statement_of_applicability,
            minimal.report_sections) == (None, None, False, [])
    (control,) = minimal.controls
    assert control == Control(id="1.1", title=_t("c2"), description=_t("c2d"))


def test_every_field_of_a_probe_check_is_built_as_written():
    """Every probe check of a ``probe-checks`` file becomes a ProbeCheck with its texts, severity and the
    controls it evidences per catalog (as tuples), in file order."""
    from posture.content._build import build_probe_checks
    from posture.content._models import ProbeCheck
    from posture.safe_yaml import loads_yaml

    doc = loads_yaml("kind: probe-checks\nschema_version: 1\nid: net\nchecks:\n"
                     "  - {id: tls-old, title: {es: t-es, en: t-en}, description: {es: d-es, en: d-en},\n"
                     "     remediation: {es: r-es, en: r-en}, severity: high,\n"
                     "     maps_to: {cat-a: [\"1\", \"2\"], cat-b: []}}\n"
                     "  - {id: smb-open, title: {es: t2-es, en: t2-en}, description: {es: d2-es, en: d2-en},\n"
                     "     remediation: {es: r2-es, en: r2-en}, severity: info, maps_to: {}}\n", "net.yaml")
    assert build_probe_checks(doc) == [
        ProbeCheck(id="tls-old", title=_t("t"), description=_t("d"), remediation=_t("r"), severity="high",
                   maps_to={"cat-a": ("1", "2"), "cat-b": ()}),
        ProbeCheck(id="smb-open", title=_t("t2"), description=_t("d2"), remediation=_t("r2"), severity="info",
                   maps_to={})]
