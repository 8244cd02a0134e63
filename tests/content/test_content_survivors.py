"""Content rules the fourth mutation pass (bench/mutation.py content, on the code with the one applicability rule,
report sections and the cache rebuilt from data) found unstated: each test names its rule.

The checklist is built here on the bundled PCI DSS catalog, as in tests/test_applicability.py (which checks the
same rule through the CLI, the report and OSCAL): requirement 9 is excluded as a whole, heading 3.3 by name;
questions map to 9.4.1 (under heading 9.4, under 9), 3.3.1 (under 3.3) and 1.2.1 (under 1.2, not excluded).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from posture.content import Library, bundled_library
from posture.content._coverage import applicability, coverage
from posture.content._law import _paragraphs, articles_for
from posture.content._library import _ciso_assistant
from posture.content._models import ReportSection
from tests.test_applicability import CHECKLIST, PCI, WHY_9, _question

ISO, LFP = "iso27001-2022", "lfpdppp-2025"
# the checklist where a control is both covered and excluded and a parent is excluded (tests/test_applicability.py)


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
    checklist = lib.checklists["applicability-case"]
    assert (checklist.path, checklist.content_hash, lib.files) == (str(path), "ab" * 32, [str(path)])


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


# -- fifth pass (issue 23): the survivors the fourth pass left without a test ------------------------------------

def _article(*paragraphs: str):
    from posture.content._law import Article

    return Article(law="lfpdppp-2025", number="1", paragraphs=paragraphs, dof="2025-03-20")


def test_a_quotation_starts_at_the_first_place_the_words_appear_with_an_ellipsis_only_when_it_is_not_the_start():
    article = _article("Artículo 1.- El responsable deberá informar.", "El responsable deberá guardar.")
    assert article.excerpt(words=4, start="El  responsable deberá") == "…El responsable deberá informar."
    assert article.excerpt(words=3, start="Artículo 1.- El") == "Artículo 1.- El…"  # the article's start: no "…" before


def test_an_excerpt_of_exactly_the_words_asked_is_whole_without_an_ellipsis():
    article = _article("Artículo 2.- uno dos tres")
    assert (article.excerpt(words=3), article.excerpt(words=2)) == ("uno dos tres", "uno dos…")


def test_a_mapping_under_an_excluded_ancestor_is_a_warning_naming_the_ancestor(tmp_path):
    """``not_applicable`` excludes a clause (ISO 27001 C4): a question mapping one of its controls (C4.1) is
    warned about, naming the excluded ancestor."""
    from pathlib import Path

    data = Path(__file__).parents[1] / "data" / "content" / "valid"
    text = (data / "mini-checklist.yaml").read_text(encoding="utf-8").replace(
        'iso27001-2022: ["5.1"]', 'iso27001-2022: ["C4.1"]')
    text += ('not_applicable:\n  - catalog: iso27001-2022\n    controls: ["C4"]\n'
             '    rationale: {es: "No aplica.", en: "Does not apply."}\n')
    (tmp_path / "mini.yaml").write_text(text, encoding="utf-8")
    lib = Library.load([tmp_path / "mini.yaml", data / "ley1581-mini.yaml"], fallback=bundled_library())
    assert [(w.code, w.path, w.message["en"]) for w in lib.warnings] == [
        ("excluded_but_mapped", "sections[0].questions[0].maps_to.iso27001-2022[0]",
         "'C4.1' is excluded in not_applicable[0] (C4) and this question maps to it: the exclusion wins (the "
         "control is not applicable); remove the mapping or the exclusion")]


def test_a_reference_to_an_article_the_law_does_not_have_is_coded_no_article(tmp_path):
    from pathlib import Path

    raw = (Path(__file__).parents[2] / "controls" / "lfpdppp-2025.yaml").read_text(encoding="utf-8")
    old = '{instrument: "law_2025", article: "34", confidence: high}'
    assert raw.count(old) == 1
    (tmp_path / "lfpdppp-2025.yaml").write_text(raw.replace(old, old.replace('"34"', '"99"')), encoding="utf-8")
    lib = Library.load([tmp_path / "lfpdppp-2025.yaml"])
    assert [(p.code, p.message["en"]) for p in lib.problems] == [
        ("no_article", "the law (LFPDPPP 2025) has no article 99 in its text in force in laws/")]


def test_a_schema_keyword_without_its_own_message_says_jsonschema_s_reason_at_its_place():
    """``oneOf`` (the sign-off: null or a record) has no message of posture's: jsonschema's reason is given,
    after posture's words, at the value's line and column."""
    from posture.content._schema import validate_doc
    from posture.safe_yaml import loads_yaml

    (problem,) = [p for p in validate_doc(loads_yaml("signoff: 5\n", "a.yaml"), "assessment") if p.path == "signoff"]
    assert (problem.code, problem.line, problem.col, problem.message) == (
        "schema.oneOf", 1, 10, {"en": "is not valid: 5 is not valid under any of the given schemas",
                                "es": "no es válido: 5 is not valid under any of the given schemas"})


def test_an_object_whose_schema_lists_no_properties_names_its_first_extra_key():
    """A schema forbidding extra keys with only ``patternProperties`` (no ``properties``): the extra key is
    named and placed, not a crash (posture's own schemas all list properties today)."""
    import jsonschema

    from posture.content._schema import _to_problem
    from posture.safe_yaml import loads_yaml

    doc = loads_yaml("x-a: 1\nb: 2\n", "p.yaml")
    schema = {"type": "object", "patternProperties": {"^x-": {}}, "additionalProperties": False}
    (err,) = jsonschema.Draft202012Validator(schema).iter_errors(doc.data)
    problem = _to_problem(doc, err)
    assert (problem.code, problem.path, problem.line, problem.message["en"]) == (
        "schema.additionalProperties", "b", 2, "unknown field 'b'")


def test_a_catalog_s_top_is_the_last_ancestor_or_the_control_itself():
    iso = bundled_library().catalogs["iso27001-2022"]
    assert (iso.top("C4.1"), iso.top("C4"), iso.top("5.1"), iso.top("no-such")) == ("C4", "C4", "5.1", "no-such")


def test_a_duplicate_id_in_a_catalog_or_the_probe_checks_is_placed_at_the_second_one(tmp_path):
    """The same control id twice in a catalog, or the same check id twice in the probe checks: one problem at
    the second entry's ``id``, naming where the first one is."""
    from pathlib import Path

    data = Path(__file__).parents[1] / "data" / "content" / "valid"
    catalog = (data / "ley1581-mini.yaml").read_text(encoding="utf-8").replace('id: "ART-18-B"', 'id: "ART-18-A"')
    (tmp_path / "ley.yaml").write_text(catalog, encoding="utf-8")
    problems = Library.load([tmp_path / "ley.yaml"]).problems
    assert [(p.code, p.path, p.message["en"]) for p in problems if p.code == "duplicate_id"] == [
        ("duplicate_id", "controls[1].id", "duplicate id 'ART-18-A' (already at controls[0])")]
    checks = (Path(__file__).parents[2] / "checks" / "perimeter.yaml").read_text(encoding="utf-8")
    assert checks.count("  - id: telnet-exposed\n") == 1
    (tmp_path / "perimeter.yaml").write_text(checks.replace("  - id: telnet-exposed\n", "  - id: ssh-exposed\n"),
                                             encoding="utf-8")
    problems = Library.load([tmp_path / "perimeter.yaml"], fallback=bundled_library()).problems
    assert [(p.path, p.message["en"]) for p in problems if p.code == "duplicate_id"] == [
        ("checks[2].id", "duplicate id 'ssh-exposed' (already at checks[1])")]


def test_a_catalog_s_content_hash_is_the_sha256_of_its_file(tmp_path):
    import hashlib
    from pathlib import Path

    path = Path(__file__).parents[1] / "data" / "content" / "valid" / "ley1581-mini.yaml"
    catalog = Library.load([path]).catalogs["ley1581-2012-mini"]
    assert catalog.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("text,schema,expected", [
    ("a: [1]\n", {"minItems": 2}, ("schema.minItems", "a", "at least 2 items are required")),
    ("a: abcdef\n", {"maxLength": 3}, ("schema.maxLength", "a", "is longer than 3 characters")),
    ("a: [1, 1]\n", {"uniqueItems": True}, ("schema.uniqueItems", "a", "has repeated items")),
    # a type given as a list (a port: an integer or null) is named by its first type
    ("a: x\n", {"type": ["integer", "null"]}, ("schema.type", "a", "'x' is text; expected an integer")),
    ("a: {}\n", {"required": ["b"]}, ("schema.required", "a", "missing required field 'b'")),
    # a mapping with an `en` but no `es` field is not a translated text: an extra key is not an unknown language
    ("a: {en: x, fr: y}\n", {"properties": {"en": {}}, "additionalProperties": False},
     ("schema.additionalProperties", "a.fr", "unknown field 'fr'")),
])
def test_each_schema_keyword_has_posture_s_own_message_and_code(text, schema, expected):
    """Each keyword posture's schemas use is said in posture's words (not jsonschema's "is not valid: …"), with
    the keyword as the code; only a required translation (``es``/``en`` of a text) has its own code."""
    import jsonschema

    from posture.content._schema import _to_problem
    from posture.safe_yaml import loads_yaml

    doc = loads_yaml(text, "p.yaml")
    (err,) = jsonschema.Draft202012Validator({"properties": {"a": schema}}).iter_errors(doc.data)
    problem = _to_problem(doc, err)
    assert (problem.code, problem.path, problem.message["en"]) == expected


@pytest.mark.parametrize("text,line,field", [
    ("a:\n  b: 1\n", 2, "a.b"),
    ("a: 1\nb: 2\n", 2, "b"),  # a sibling at the same indentation replaces the key before it
    ("a:\n  # a note\n  - x\n  b: 1\n", 4, "a.b"),  # lines that hold no key are passed over
    ("a:\n  b:\n    c: [1,\n", 3, "a.b.c"),
    ("# only a comment\n", 1, ""),
])
def test_field_at_gives_the_dotted_path_of_the_key_holding_a_line(text, line, field):
    from posture.safe_yaml import field_at

    assert field_at(text, line) == field


@pytest.mark.parametrize("second,titled,warned", [
    ("policy", "", [("policy", 0)]),  # one warning per id, at the first question naming it
    ("requests", "actions:\n  policy: {es: \"Política\", en: \"Policy\"}\n", [("requests", 1)]),
    ("requests", "actions:\n  policy: {es: \"P\", en: \"P\"}\n  requests: {es: \"S\", en: \"R\"}\n", []),
])
def test_an_action_without_a_title_is_a_warning_at_the_first_question_naming_it(tmp_path, second, titled, warned):
    """A question's ``action`` id with no title under ``actions:``: the plan would show the bare id, so the
    checklist loads with one warning per such id, placed at the first question that names it."""
    from pathlib import Path

    data = Path(__file__).parents[1] / "data" / "content" / "valid"
    text = (data / "mini-checklist.yaml").read_text(encoding="utf-8")
    assert text.count("        effort: S\n") == 1 and text.count("        effort: M\n") == 1
    text = text.replace("        effort: S\n", "        effort: S\n        action: policy\n").replace(
        "        effort: M\n", f"        effort: M\n        action: {second}\n") + titled
    (tmp_path / "mini.yaml").write_text(text, encoding="utf-8")
    lib = Library.load([tmp_path / "mini.yaml", data / "ley1581-mini.yaml"], fallback=bundled_library())
    assert lib.problems == [] and "mini" in lib.checklists
    lines = text.splitlines()
    expected = [(str(tmp_path / "mini.yaml"), "untitled_action", f"sections[0].questions[{q}].action",
                 lines.index(f"        action: {action}", lines.index(f'      - id: "SEC-0{q + 1}"')) + 1, 17,
                 f"action '{action}' has no title under 'actions:' (es and en): the plan will show the bare id")
                for action, q in warned]
    assert [(w.file, w.code, w.path, w.line, w.col, w.message["en"]) for w in lib.warnings] == expected


# -- session 5: the whole-module run (bench/mutation.py content on main 8136742) --------------------------------------

_VALID = Path(__file__).parents[1] / "data" / "content" / "valid"


def test_a_checklist_s_own_scale_keeps_its_key_as_id_and_its_label_or_else_the_id(tmp_path):
    """A scale under ``scales:`` is known by its key (the questionnaire's scale column) and shows its ``label``
    (the questionnaire's legend); a scale written without a label is shown by its id in both languages."""
    text = (_VALID / "mini-checklist.yaml").read_text(encoding="utf-8")
    bare = "  bare:\n    options:\n      - {value: si, key: s, score: 1, label: {es: \"Sí\", en: \"Yes\"}}\n" \
           "      - {value: \"no\", key: n, score: 0, label: {es: \"No\", en: \"No\"}}\n"
    assert text.count("scales:\n") == 1
    (tmp_path / "mini.yaml").write_text(text.replace("scales:\n", "scales:\n" + bare), encoding="utf-8")
    lib = Library.load([tmp_path / "mini.yaml", _VALID / "ley1581-mini.yaml"], fallback=bundled_library())
    assert lib.problems == []
    scales = lib.checklists["mini"].scales
    assert (scales["traffic-light"].id, scales["traffic-light"].label) == (
        "traffic-light", {"es": "Semáforo", "en": "Traffic light"})
    assert (scales["bare"].id, scales["bare"].label) == ("bare", {"es": "bare", "en": "bare"})


def test_an_unknown_catalog_in_maps_to_does_not_hide_the_excluded_mapping_after_it(tmp_path):
    """Each catalog a question maps to is checked against ``not_applicable`` on its own: a catalog that is not
    loaded (refused as unknown) written first does not hide the warning for the excluded control mapped after
    it, and the warning names the checklist's file."""
    text = (_VALID / "mini-checklist.yaml").read_text(encoding="utf-8")
    both = '          iso27001-2022: ["5.1"]\n          ley1581-2012-mini: ["ART-18-B"]\n'
    assert text.count(both) == 1
    text = text.replace(both, '          ley1581-2012-mini: ["ART-18-B"]\n          iso27001-2022: ["5.1"]\n')
    text += ('not_applicable:\n  - catalog: iso27001-2022\n    controls: ["5.1"]\n'
             '    rationale: {es: "No aplica.", en: "Does not apply."}\n')
    path = tmp_path / "mini.yaml"
    path.write_text(text, encoding="utf-8")
    lib = Library.load([path], fallback=bundled_library())  # ley1581-2012-mini is not loaded
    assert [(p.code, p.path) for p in lib.problems] == [("unknown_catalog", "catalogs[1]")]
    assert [(w.file, w.code, w.path) for w in lib.warnings] == [
        (str(path), "excluded_but_mapped", "sections[0].questions[0].maps_to.iso27001-2022[0]")]


_LFPDPPP = Path(__file__).parents[2] / "controls" / "lfpdppp-2025.yaml"
_REF_16_II = '{instrument: "law_2025", article: "16", fraction: "II", confidence: high}'


def _lfpdppp_with(tmp_path, old: str, new: str) -> Library:
    text = _LFPDPPP.read_text(encoding="utf-8")
    assert text.count(old) == 1
    (tmp_path / "lfpdppp-2025.yaml").write_text(text.replace(old, new), encoding="utf-8")
    return Library.load([tmp_path / "lfpdppp-2025.yaml"])


def test_a_fraction_range_is_checked_at_both_ends(tmp_path):
    """A legal reference's ``fraction: "I-II"`` names fractions I to II of the article: it loads when the article
    has both ends; an end the article lacks (16 has fractions I and II only, not IX) is a ``no_fraction`` problem at
    the reference's fraction, naming that end, in both languages."""
    assert _lfpdppp_with(tmp_path, _REF_16_II, _REF_16_II.replace('"II"', '"I-II"')).problems == []
    (problem,) = _lfpdppp_with(tmp_path, _REF_16_II, _REF_16_II.replace('"II"', '"II-IX"')).problems
    assert (problem.code, problem.path.rsplit(".", 1)[-1]) == ("no_fraction", "fraction")
    assert problem.message == {"en": "article 16 of the law (LFPDPPP 2025) has no fraction IX",
                               "es": "el artículo 16 de la ley (LFPDPPP 2025) no tiene fracción IX"}


def test_a_quote_the_article_does_not_contain_is_told_with_the_words_and_the_article(tmp_path):
    """The ``quote_not_in_article`` problem repeats the words the author wrote and names the article, so the
    author can compare them with the law's text."""
    quote = "deberá privilegiar la protección de los intereses de la persona titular"
    (problem,) = _lfpdppp_with(tmp_path, quote, "palabras que la ley no dice").problems
    assert problem.message["en"] == ("'quote_from' is not in article 6 of the law (LFPDPPP 2025): "
                                     "'palabras que la ley no dice'")


@pytest.mark.timeout(60)
def test_a_control_whose_parents_lead_into_a_cycle_is_not_itself_in_the_cycle(tmp_path):
    """Only the controls of a parent cycle are their own ancestors: a control whose parent chain runs into a
    cycle (1 → 2 → 3 → 2) is not told so, and the check ends (it remembers every control it has passed)."""
    from tests.content.test_content_built_as_written import _MINIMAL_CATALOG

    control = '  - id: "{id}"\n    parent: "{parent}"\n    title: {{es: t, en: t}}\n    description: {{es: d, en: d}}\n'
    text = _MINIMAL_CATALOG.split("controls:\n")[0] + "controls:\n" + "".join(
        control.format(id=i, parent=p) for i, p in (("1", "2"), ("2", "3"), ("3", "2")))
    (tmp_path / "cat.yaml").write_text(text, encoding="utf-8")
    lib = Library.load([tmp_path / "cat.yaml"])
    assert [(p.code, p.path, p.message["en"]) for p in lib.problems] == [
        ("parent_cycle", "controls[1].parent", "control '2' is its own ancestor"),
        ("parent_cycle", "controls[2].parent", "control '3' is its own ancestor")]


def test_a_catalog_without_groups_loads(tmp_path):
    """``groups`` is optional: a catalog that declares none loads without a problem."""
    from tests.content.test_content_built_as_written import _MINIMAL_CATALOG

    assert "groups" not in _MINIMAL_CATALOG
    (tmp_path / "min.yaml").write_text(_MINIMAL_CATALOG, encoding="utf-8")
    lib = Library.load([tmp_path / "min.yaml"])
    assert lib.problems == [] and list(lib.catalogs) == ["min"]


def test_a_cut_excerpt_keeps_its_last_word_whole():
    """An excerpt cut mid-sentence drops only a trailing comma, semicolon or colon before its "…": a last word
    such as the numeral of «fracción X» stays whole."""
    article = _article("Artículo 2.- Lo dispuesto en la fracción X del artículo anterior.")
    assert article.excerpt(words=5) == "Lo dispuesto en la fracción…"
    assert article.excerpt(words=6) == "Lo dispuesto en la fracción X…"


def test_an_installed_package_reads_its_content_from_posture_bundled(tmp_path, monkeypatch):
    """A wheel carries the content inside the package (``posture/_bundled/controls``, … : pyproject.toml's
    force-include); a checkout has it beside the package. The folder inside wins when it exists."""
    from posture.content import _paths

    package = tmp_path / "site" / "posture"
    (package / "_bundled" / "controls").mkdir(parents=True)
    (package / "_bundled" / "controls" / "a.yaml").write_text("kind: catalog\n", encoding="utf-8")
    monkeypatch.setattr(_paths, "_PACKAGE", package)
    assert _paths.bundled_root() == package / "_bundled"
    assert _paths.bundled_files() == [package / "_bundled" / "controls" / "a.yaml"]
    assert _paths.laws_dir() == package / "_bundled" / "laws"
    (package / "_bundled" / "controls" / "a.yaml").unlink()
    for folder in ("controls", ""):
        (package / "_bundled" / folder).rmdir()
    assert _paths.bundled_root() == tmp_path / "site"


def test_a_second_file_with_an_id_already_loaded_is_refused_and_the_files_after_it_still_load(tmp_path):
    """Two files defining the same catalog id: the first one loaded wins, the second is one problem at its
    ``id`` naming the id and the first file (both languages), and every file after it is still built (its
    catalog, its probe checks)."""
    from tests.content.test_content_built_as_written import _MINIMAL_CATALOG

    first, second, other, checks = (tmp_path / n for n in ("a.yaml", "b.yaml", "c.yaml", "d.yaml"))
    first.write_text(_MINIMAL_CATALOG, encoding="utf-8")
    second.write_text(_MINIMAL_CATALOG.replace("short_name: Min", "short_name: Second"), encoding="utf-8")
    other.write_text(_MINIMAL_CATALOG.replace("id: min", "id: other"), encoding="utf-8")
    checks.write_text("kind: probe-checks\nschema_version: 1\nid: net\nchecks:\n  - id: tls-old\n"
                      "    title: {es: t, en: t}\n    description: {es: d, en: d}\n    remediation: {es: r, en: r}\n"
                      "    severity: high\n    maps_to: {other: [\"1.1\"]}\n", encoding="utf-8")
    lib = Library.load([first, second, other, checks])
    (problem,) = lib.problems
    assert (problem.file, problem.code, problem.path, problem.line, problem.col) == (
        str(second), "duplicate_id", "id", 3, 5)
    assert problem.message == {"en": f"'min' is already defined in {first}",
                               "es": f"'min' ya está definido en {first}"}
    assert (lib.catalogs["min"].short_name, lib.catalogs["min"].path) == ("Min", str(first))
    assert list(lib.catalogs) == ["min", "other"]
    assert (lib.probe_checks["tls-old"].id, lib.probe_checks["tls-old"].maps_to) == ("tls-old", {"other": ("1.1",)})


def test_schema_problems_on_one_line_are_listed_by_column(tmp_path):
    """A document's schema problems come in reading order: by line, then by column (not by field name:
    ``title`` is written before ``description`` on the line, so it comes first)."""
    from posture.content._schema import validate_doc
    from posture.safe_yaml import loads_yaml

    doc = loads_yaml("kind: probe-checks\nschema_version: 1\nid: net\nchecks:\n"
                     "  - {id: tls, title: 5, description: 6, remediation: {es: r, en: r}, severity: high, "
                     "maps_to: {}}\n", "net.yaml")
    assert [(p.path, p.line, p.col) for p in validate_doc(doc, "probe-checks")] == [
        ("checks[0].title", 5, 22), ("checks[0].description", 5, 38)]


def test_a_valid_document_is_never_handed_to_jsonschema(monkeypatch):
    """A kind with a generated validator (posture/content/_fast: the assessment, …) has a valid document accepted
    by it alone: jsonschema, which would cost most of an assessment's opening time, is not even imported
    (posture.content._schema.validate_doc)."""
    import sys

    from posture.content import _schema
    from posture.safe_yaml import load_yaml

    for name in [m for m in sys.modules if m == "jsonschema" or m.startswith("jsonschema.")]:
        monkeypatch.delitem(sys.modules, name)
    _schema.validator.cache_clear()
    doc = load_yaml(Path(__file__).parents[2] / "demo" / "centro-de-contacto-demo" / "assessment.yaml")
    assert _schema.fast_validator("assessment") is not None
    try:
        assert _schema.validate_doc(doc, "assessment") == []
        assert "jsonschema" not in sys.modules
    finally:
        _schema.validator.cache_clear()  # nothing built from a copy of jsonschema outlives the test
