"""Content rules the fourth mutation pass (bench/mutation.py content, on the code with the one applicability rule,
report sections and the cache rebuilt from data) found unstated: each test names its rule.

The checklist is built here on the bundled PCI DSS catalog, as in tests/test_applicability.py (which checks the
same rule through the CLI, the report and OSCAL): requirement 9 is excluded as a whole, heading 3.3 by name;
questions map to 9.4.1 (under heading 9.4, under 9), 3.3.1 (under 3.3) and 1.2.1 (under 1.2, not excluded).
"""

from __future__ import annotations

import yaml

from posture.content import Library, bundled_library
from posture.content._coverage import applicability, coverage
from posture.content._law import _paragraphs, articles_for
from posture.content._library import _ciso_assistant
from posture.content._models import ReportSection
from posture.safe_yaml import _yaml_error

PCI, ISO, LFP = "pci-dss-4.0.1", "iso27001-2022", "lfpdppp-2025"
WHY_9 = {"es": "Sin terminales de tarjeta presente", "en": "No card-present terminals"}


def _question(qid: str, control: str) -> str:
    return f"""
      - id: "{qid}"
        text: {{es: "¿Pregunta {qid}?", en: "Question {qid}?"}}
        guidance: {{es: "Pida evidencia.", en: "Ask for evidence."}}
        remediation: {{es: "Seguridad corrige {qid}.", en: "Security fixes {qid}."}}
        scale: yes-no
        weight: 3
        criticality: medium
        maps_to: {{{PCI}: ["{control}"]}}
        effort: S
        owner: security"""


CHECKLIST = f"""kind: checklist
schema_version: 1
id: applicability-rules
version: "1.0.0"
title: {{es: "Reglas de aplicabilidad", en: "Applicability rules"}}
languages: [es, en]
catalogs: [{PCI}]
coverage: partial
sections:
  - id: s
    title: {{es: "Sección", en: "Section"}}
    questions:{_question("AP-01", "1.2.1")}{_question("AP-02", "9.4.1")}{_question("AP-03", "3.3.1")}
not_applicable:
  - catalog: {PCI}
    controls: ["9"]
    rationale: {{es: "{WHY_9['es']}", en: "{WHY_9['en']}"}}
  - catalog: {PCI}
    controls: ["3.3"]
    rationale: {{es: "Sin datos de autenticación", en: "No authentication data"}}
"""


def _checklist(tmp_path, text: str = CHECKLIST):
    path = tmp_path / "checklist.yaml"
    path.write_text(text, encoding="utf-8")
    lib = Library.load([path], fallback=Library(catalogs=dict(bundled_library().catalogs)))
    assert not lib.problems, [p.format("en") for p in lib.problems]
    return next(iter(lib.checklists.values()))


def test_a_control_under_an_excluded_ancestor_is_excluded_by_that_ancestor_and_still_lists_its_questions(tmp_path):
    checklist, pci = _checklist(tmp_path), bundled_library().catalogs[PCI]
    apps = applicability(checklist, pci)
    leaf = apps["9.4.1"]  # excluded through 9.4's parent 9, the nearest excluded ancestor
    assert (leaf.excluded_by, leaf.exclusion.rationale["en"], leaf.questions) == ("9", WHY_9["en"], ("AP-02",))
    assert leaf.conflict and not leaf.applicable and leaf.state == "excluded"
    assert (apps["9.4"].excluded_by, apps["9"].excluded_by) == ("9", "9")
    assert (apps["3.3"].excluded_by, apps["3.3.1"].excluded_by) == ("3.3", "3.3")
    assert (apps["1.2"].excluded_by, apps["1.2"].exclusion, apps["1.2"].state) == (None, None, "covered")


def test_applicability_answers_for_the_controls_given_in_their_order(tmp_path):
    checklist, pci = _checklist(tmp_path), bundled_library().catalogs[PCI]
    some = [pci.control("9.4"), pci.control("1.2")]
    apps = applicability(checklist, pci, some)
    assert list(apps) == ["9.4", "1.2"]
    assert len(applicability(checklist, pci)) == len(pci.controls)


def test_coverage_lists_the_excluded_targets_questions_map_to_as_conflicts(tmp_path):
    (cov,) = coverage(_checklist(tmp_path), bundled_library().catalogs)
    # coverage targets are PCI's headings: 9.4 and 3.3 are excluded and mapped; 9.1 excluded, nothing mapped
    assert cov.conflicts == {"3.3": ["AP-03"], "9.4": ["AP-02"]}
    assert "9.1" in cov.excluded and "9.1" not in cov.conflicts
    assert cov.covered["1.2"] == ["AP-01"]


def test_coverage_skips_a_catalog_it_is_not_given_and_goes_on_with_the_next():
    bpo = bundled_library().checklists["bpo-contact-center"]
    catalogs = bundled_library().catalogs
    assert bpo.catalogs[0] != LFP
    only_last = {bpo.catalogs[-1]: catalogs[bpo.catalogs[-1]]}
    assert [c.catalog.id for c in coverage(bpo, only_last)] == [bpo.catalogs[-1]]


def test_a_report_section_lists_the_coverage_targets_or_every_control():
    pci = bundled_library().catalogs[PCI]
    title = {"es": "t", "en": "t"}
    targets = pci.controls_in(ReportSection(title=title, controls="coverage"))
    assert targets == [c for c in pci.controls if c.type == "heading"] and len(targets) < len(pci.controls)
    assert pci.controls_in(ReportSection(title=title, controls="all")) == list(pci.controls)


def test_a_catalog_without_coverage_types_must_cover_every_control():
    from dataclasses import replace

    pci = bundled_library().catalogs[PCI]
    assert replace(pci, coverage_types=[]).coverage_targets() == list(pci.controls)


def test_law_paragraphs_give_no_reform_date_without_a_reform_note_and_read_on_after_one():
    assert _paragraphs("Artículo 1.- Uno.\n\nArtículo 2.- Dos.") == (("Artículo 1.- Uno.", "Artículo 2.- Dos."), None)
    text = "Artículo 1.- Uno.\nPárrafo reformado DOF 20-03-2025\nArtículo 2.- Dos."
    paragraphs, reform = _paragraphs(text)
    assert reform == "2025-03-20" and paragraphs[-1] == "Artículo 2.- Dos."


def test_articles_for_skips_a_framework_it_has_no_catalog_of_and_reads_the_next():
    catalogs = bundled_library().catalogs
    lfp = catalogs[LFP]
    cid = next(c.id for c in lfp.controls if articles_for({LFP: [c.id]}, catalogs))
    found = articles_for({"no-such-framework": ["X"], LFP: [cid]}, catalogs)
    assert found and found == articles_for({LFP: [cid]}, catalogs)


def test_a_ciso_assistant_library_is_named_by_its_first_known_object_else_its_first_object():
    base = {"urn": "urn:intuitem:risk:library:x", "ref_id": "R"}
    for key in ("requirement_mapping_set", "requirement_mapping_sets", "risk_matrix"):
        found = _ciso_assistant({**base, "objects": {"threats": [], key: {"name": "N"}}})
        assert found == {"what": key.replace("_", " "), "name": "N", "urn": base["urn"]}
    assert _ciso_assistant({**base, "objects": {"odd_thing": {}}})["what"] == "odd thing"
    assert _ciso_assistant({**base, "objects": {}})["what"] == "library"
    assert _ciso_assistant({"urn": base["urn"], "objects": {}})["name"] == "?"


def test_a_library_rebuilt_from_cache_data_keeps_each_file_s_path_and_hash(tmp_path):
    path = tmp_path / "checklist.yaml"
    path.write_text(CHECKLIST, encoding="utf-8")
    data = yaml.safe_load(CHECKLIST)
    lib = Library.from_data([{"kind": "checklist", "data": data, "file": str(path), "sha256": "ab" * 32}])
    checklist = lib.checklists["applicability-rules"]
    assert (checklist.path, checklist.content_hash, lib.files) == (str(path), "ab" * 32, [str(path)])


def test_a_yaml_error_without_a_position_is_reported_without_line_or_column():
    plain = _yaml_error("f.yaml", yaml.MarkedYAMLError(problem="found something odd"))
    multi = _yaml_error("f.yaml", yaml.MarkedYAMLError(context="expected a single document in the stream"))
    for err in (plain, multi):
        (problem,) = err.problems
        assert (problem.file, problem.line, problem.col, problem.code) == ("f.yaml", None, None, "syntax")
    assert plain.problems[0].message != multi.problems[0].message


def test_the_bundled_library_is_served_from_the_cache_until_a_law_text_changes(tmp_path, monkeypatch):
    """``Library.bundled()`` validates once and writes the cache; the next start reads the cache and validates
    nothing. The law texts are part of the cache's key (references are checked against them): editing one makes
    the next start validate again."""
    import shutil

    from posture.content import _library
    from posture.content._paths import laws_dir

    monkeypatch.setenv("POSTURE_CACHE_DIR", str(tmp_path / "cache"))
    laws = tmp_path / "laws"
    shutil.copytree(laws_dir(), laws)
    monkeypatch.setattr(_library, "laws_dir", lambda: laws)
    loads = []
    real_load = Library.load.__func__

    def counted(cls, *args, **kwargs):
        loads.append(args)
        return real_load(cls, *args, **kwargs)

    monkeypatch.setattr(Library, "load", classmethod(counted))
    fresh = Library.bundled()
    cached = Library.bundled()
    assert len(loads) == 1 and cached.files == fresh.files and set(cached.catalogs) == set(fresh.catalogs)
    law = sorted(laws.glob("*.json"))[0]
    law.write_bytes(law.read_bytes() + b"\n")
    Library.bundled()
    assert len(loads) == 2


def test_invalid_bundled_content_is_refused_with_its_first_problem_and_all_of_them(tmp_path, monkeypatch):
    """The shipped content must be valid: if it is not (a broken installation), ``Library.bundled()`` raises a
    ContentError whose message is the first problem's and which carries every problem."""
    import pytest

    from posture.content import _library
    from posture.errors import ContentError

    monkeypatch.setenv("POSTURE_CACHE_DIR", str(tmp_path / "cache"))
    bad = []
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text("kind: catalog\nschema_version: 1\n", encoding="utf-8")
        bad.append(tmp_path / name)
    monkeypatch.setattr(_library, "bundled_files", lambda: bad)
    with pytest.raises(ContentError) as err:
        Library.bundled()
    problems = err.value.problems
    # each file lacks every required field of a catalog: the first problem is a.yaml's missing id
    assert [(p.file, p.message["en"]) for p in problems[:2]] == [
        (str(bad[0]), "missing required field 'id'"), (str(bad[0]), "missing required field 'name'")]
    assert {p.file for p in problems} == {str(f) for f in bad}
    assert err.value.message == problems[0].message
    assert not list((tmp_path / "cache").glob("content-*.json"))  # nothing cached


def test_a_duplicate_section_id_is_refused_at_the_second_naming_the_first(tmp_path):
    """Ids are unique within their list: the second of two sections with one id is refused with code
    ``duplicate_id``, at its own ``id`` (path, line) and naming where the first is."""
    second = '\n  - id: s\n    title: {es: "Otra", en: "Other"}\n    questions:' + _question("AP-09", "1.2.1")
    text = CHECKLIST.replace("\nnot_applicable:", second + "\nnot_applicable:")
    path = tmp_path / "dup.yaml"
    path.write_text(text, encoding="utf-8")
    lib = Library.load([path], fallback=Library(catalogs=dict(bundled_library().catalogs)))
    (problem,) = [p for p in lib.problems if p.code == "duplicate_id"]
    assert (problem.path, problem.message["en"]) == ("sections[1].id", "duplicate id 's' (already at sections[0])")
    assert problem.line == text.splitlines().index("  - id: s", text.splitlines().index("  - id: s") + 1) + 1


def test_a_cache_file_that_holds_no_list_is_no_cache(tmp_path, monkeypatch):
    """A cache file of valid JSON that is not a list of entries (damaged or another version's) is ignored: the
    bundled content is loaded and validated again and the cache rewritten."""
    import json

    monkeypatch.setenv("POSTURE_CACHE_DIR", str(tmp_path))
    Library.bundled()
    (cache,) = tmp_path.glob("content-*.json")
    cache.write_text("{}", "utf-8")
    assert Library.bundled().checklists
    assert isinstance(json.loads(cache.read_text("utf-8")), list)


def test_each_bundled_catalog_is_built_with_its_tags_extras_instruments_quotes_and_section_intros():
    """``build_catalog`` carries what the file says: every control's ``tags`` and ``extra``, every legal
    reference's ``quote_from``, the catalog's ``instruments`` and each report section's ``intro`` (read straight
    from the YAML, not through the cache)."""
    from pathlib import Path

    from posture.content._build import build_catalog
    from posture.safe_yaml import load_yaml

    quotes = tags = 0
    for path in sorted((Path(__file__).parents[2] / "controls").glob("*.yaml")):
        doc = load_yaml(path)
        catalog = build_catalog(doc)
        assert catalog.instruments == doc.data.get("instruments", {})
        for control, raw in zip(catalog.controls, doc.data["controls"], strict=True):
            assert control.tags == tuple(raw.get("tags", ())) and control.extra == raw.get("extra", {})
            tags += bool(control.tags)
            for ref, raw_ref in zip(control.legal_refs, raw.get("legal_refs", ()), strict=True):
                assert ref.quote_from == raw_ref.get("quote_from")
                quotes += ref.quote_from is not None
        for section, raw in zip(catalog.report_sections, doc.data.get("report", {}).get("sections", ()), strict=True):
            assert section.intro == raw.get("intro")
    assert quotes and tags  # the bundled content has both, so the rule is exercised


def test_a_value_s_type_and_its_short_form_in_a_schema_message():
    """Schema messages name a value's type in the reader's words (integer, number, …; any other type by its
    Python name, e.g. a YAML date) and show the value in JSON, non-ASCII kept, a date as its text, cut at 60."""
    import datetime

    from posture.content._schema import _short, _type_of

    assert (_type_of(3)["en"], _type_of(2.5)["en"], _type_of(True)["en"]) == ("an integer", "a number", "a boolean")
    assert _type_of(datetime.date(2026, 1, 2)) == "date"
    assert _short({"año": 1}) == '{"año": 1}' and _short(datetime.date(2026, 1, 2)) == '"2026-01-02"'
    assert len(_short(list(range(40)))) == 60 and _short(list(range(40))).endswith("...")
