"""Rules of content loading (posture/content) that its mutation run (``bench/mutation.py content``) found
unstated. Each test builds its inputs itself (no module-level library), so mutmut credits it."""

from __future__ import annotations

from pathlib import Path

import pytest

from posture.content import (
    Article,
    ContentError,
    Library,
    _law,
    articles_for,
    bundled_library,
    bundled_root,
    coverage,
    demo_dir,
    load_checklist,
    questions_by_control,
    validate_doc,
)
from posture.content._library import _ciso_assistant
from posture.safe_yaml import loads_yaml

DATA = Path(__file__).parents[1] / "data" / "content"
MINI = DATA / "valid" / "mini-checklist.yaml"  # maps to the bundled ISO catalog and to ley1581-2012-mini


def _with_ley1581() -> Library:
    extra = Library.load([DATA / "valid" / "ley1581-mini.yaml"])
    return Library(catalogs={**bundled_library().catalogs, **extra.catalogs})


def test_a_checklist_is_checked_against_the_library_given_not_the_bundled_one():
    """``load_checklist(path, library)`` resolves the checklist's catalogs in ``library``; without one, in
    the bundled catalogs, where a catalog of the user's own is unknown."""
    assert load_checklist(MINI, _with_ley1581()).id == "mini"
    with pytest.raises(ContentError) as info:
        load_checklist(MINI)
    assert [(p.code, p.line, p.message["en"]) for p in info.value.problems] == [
        ("unknown_catalog", 7, "catalog 'ley1581-2012-mini' does not exist")]


def test_a_refused_checklist_carries_every_problem_with_its_place(tmp_path):
    """A checklist with several faults raises one ContentError listing all of them, each with file and
    line, so `posture validate` and the app can show every one (not only the first)."""
    bad = tmp_path / "two-faults.yaml"
    bad.write_text(MINI.read_text(encoding="utf-8").replace('["5.1"]', '["5.98"]').replace(
        '["ART-18-A"]', '["ART-99"]'), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_checklist(bad, _with_ley1581())
    problems = [(Path(p.file).name, p.code, p.line) for p in info.value.problems]
    assert problems == [("two-faults.yaml", "unknown_control", 28), ("two-faults.yaml", "unknown_control", 40)]


def test_a_file_of_the_other_kind_is_refused_by_name_in_both_languages():
    """``load_checklist`` on a valid catalog is one problem of code ``kind`` naming the file and what it is
    not."""
    catalog = DATA / "valid" / "ley1581-mini.yaml"
    with pytest.raises(ContentError) as info:
        load_checklist(catalog)
    ((file, message, code),) = [(p.file, p.message, p.code) for p in info.value.problems]
    assert Path(file).name == "ley1581-mini.yaml" and code == "kind"
    assert message == {"es": "no es una lista de verificación", "en": "is not a checklist"}


def test_articles_behind_a_question_are_its_controls_and_their_ancestors_first_cited_first():
    """``articles_for``: each mapped control's shipped articles, then its ancestors' (SEG-61-I, a Reglamento
    fraction, shows art. 18 of the 2025 law through SEG-MEDIDAS); in first-citation order (29, 15, 31 as
    ENC-RESPONSABLE-PROPIO cites them), each article once with every control citing it; frameworks without
    shipped law text (ISO) and unknown frameworks or controls give nothing."""
    maps_to = {"lfpdppp-2025": ["SEG-61-I", "ENC-RESPONSABLE-PROPIO", "SEG-MEDIDAS", "NOPE"],
               "iso27001-2022": ["5.1"], "unknown-fw": ["X-1"]}
    cited = articles_for(maps_to, bundled_library().catalogs)
    assert [(c.article.law, c.article.number, c.instrument, c.controls) for c in cited] == [
        ("lfpdppp-2025", "18", "law_2025", ("SEG-61-I", "SEG-MEDIDAS")),
        ("lfpdppp-2025", "29", "law_2025", ("ENC-RESPONSABLE-PROPIO",)),
        ("lfpdppp-2025", "15", "law_2025", ("ENC-RESPONSABLE-PROPIO",)),
        ("lfpdppp-2025", "31", "law_2025", ("ENC-RESPONSABLE-PROPIO",)),
    ]
    assert articles_for({"iso27001-2022": ["5.1"]}, bundled_library().catalogs) == []


def test_lookups_by_id_find_the_item_or_none():
    """A checklist's section and question, a scale's option by value and by key, a catalog's group: found by
    their own id (a value is not a key), ``None`` when absent."""
    lib = _with_ley1581()
    checklist = load_checklist(MINI, lib)
    assert checklist.section("security").id == "security" and checklist.section("nope") is None
    assert checklist.question("SEC-02").section_id == "security" and checklist.question("SEC-99") is None
    scale = checklist.scales["traffic-light"]
    assert scale.option("green").key == "g" and scale.option("g") is None
    assert scale.by_key("r").value == "red" and scale.by_key("red") is None
    catalog = lib.catalogs["ley1581-2012-mini"]
    assert catalog.group("deberes").title["en"] == "Processor duties" and catalog.group("nope") is None


def test_the_demo_ships_beside_the_content():
    """``demo_dir()`` is the bundled demo folder: the demo assessment and its perimeter scan."""
    folder = demo_dir()
    assert folder == bundled_root() / "demo"
    assert (folder / "centro-de-contacto-demo" / "assessment.yaml").is_file()
    assert (folder / "centro-de-contacto-demo" / "perimeter-nmap.xml").is_file()


def test_a_question_counts_once_for_a_control_even_through_several_descendants():
    """``questions_by_control``: a question mapped to two fractions of one obligation (two children of the
    same control) is listed once under that control, not once per child."""
    lib = bundled_library()
    catalog = lib.catalogs["lfpdppp-2025"]
    checklist = lib.checklists["bpo-contact-center"]
    twice = [(q.id, a) for q in checklist.questions
             for a in {a for c in q.maps_to.get(catalog.id, ()) for a in catalog.ancestors(c)}
             if sum(a in catalog.ancestors(c) for c in q.maps_to.get(catalog.id, ())) > 1]
    assert twice, "the bundled checklist no longer maps a question to two children of one control"
    by_control = questions_by_control(checklist, catalog)
    for qid, ancestor in twice:
        assert by_control[ancestor].count(qid) == 1
    assert all(len(ids) == len(set(ids)) for ids in by_control.values())


def test_an_excluded_control_keeps_the_exclusion_that_names_it():
    """Coverage lists an excluded control with the checklist's exclusion itself (catalog, controls and the
    rationale the SoA prints), also for every control one exclusion names."""
    lib = bundled_library()
    (pci,) = [c for c in coverage(lib.checklists["bpo-contact-center"], lib.catalogs)
              if c.catalog.id == "pci-dss-4.0.1"]
    poi = pci.excluded["9.5"]
    assert (poi.catalog, poi.controls) == ("pci-dss-4.0.1", ("9.5",))
    assert poi.rationale["en"].startswith("The point-of-interaction (POI) requirements")
    assert pci.excluded["A3.2"] is pci.excluded["A3.1"] and "A3.2" in pci.excluded["A3.1"].controls


def _schema_messages(replacements: dict[str, str]) -> dict[str, str]:
    text = MINI.read_text(encoding="utf-8")
    for old, new in replacements.items():
        text = text.replace(old, new, 1)
    return {p.path: p.message["en"] for p in validate_doc(loads_yaml(text, "m.yaml"), "checklist")}


def test_a_wrong_value_is_quoted_as_written_text_or_as_json_and_cut_past_60_characters():
    """Schema messages show the offending value: text in quotes, anything else as JSON (``true``, ``null``,
    not Python's ``True``/``None``); whole up to 60 characters, else its first 57 and ``...``."""
    q = "sections[0].questions[0]"
    got = _schema_messages({"weight: 3": 'weight: [1, "a", true, null]', "effort: S": "effort: " + "E" * 58})
    assert got[f"{q}.weight"] == '[1, "a", true, null] is a list; expected an integer'
    assert got[f"{q}.effort"] == f"'{'E' * 58}' is not one of: 'S', 'M', 'L'"  # 60 characters: whole
    got = _schema_messages({"effort: S": "effort: " + "E" * 59})
    assert got[f"{q}.effort"] == f"'{'E' * 56}... is not one of: 'S', 'M', 'L'"


def test_law_paragraphs_rejoin_wrapped_lines_with_one_space_and_skip_page_furniture_anywhere():
    """The DOF text's hard-wrapped lines are rejoined with one space; a page header or footer between them
    (here mid-paragraph) is dropped and reading goes on. Called directly: ``law_text()`` is cached per process."""
    raw = ("Artículo 9. El responsable deberá\nobtener el consentimiento\n2 de 24\nexpreso del titular.\n\n"
           "I. La primera fracción;\nPárrafo reformado DOF 14-11-2025\n")
    paragraphs, reform = _law._paragraphs(raw)
    assert paragraphs == ("Artículo 9. El responsable deberá obtener el consentimiento expreso del titular.",
                          "I. La primera fracción;", "Párrafo reformado DOF 14-11-2025")
    assert reform == "2025-11-14"


def test_a_ciso_assistant_library_is_recognised_by_its_urn_and_objects_and_named():
    """A CISO Assistant library (top-level ``urn:`` and ``objects``) is named by its inner object's name, else
    its own ``name``, else its ``ref_id``; a posture file (it has ``kind``) never is one."""
    base = {"urn": "urn:intuitem:risk:library:x", "objects": {"framework": {"urn": "u"}}}
    assert _ciso_assistant({**base, "name": "Lib", "ref_id": "R"}) == {
        "what": "framework", "name": "Lib", "urn": "urn:intuitem:risk:library:x"}
    assert _ciso_assistant({**base, "ref_id": "R"})["name"] == "R"
    assert _ciso_assistant({**base, "objects": {"framework": {"name": "ISO"}}, "name": "Lib"})["name"] == "ISO"
    assert _ciso_assistant({**base, "kind": "catalog"}) is None


def test_the_content_cache_lives_in_the_user_cache_folder_unless_posture_cache_dir_says(monkeypatch, tmp_path):
    """The validated-content cache is under the platform's user cache folder for "posture"
    (``~/.cache/posture`` on Linux), or where ``$POSTURE_CACHE_DIR`` points."""
    import platformdirs

    from posture.content import _cache

    monkeypatch.delenv("POSTURE_CACHE_DIR", raising=False)
    assert _cache._cache_dir() == Path(platformdirs.user_cache_dir("posture"))
    monkeypatch.setenv("POSTURE_CACHE_DIR", str(tmp_path))
    assert _cache._cache_dir() == tmp_path


def test_the_cache_key_covers_each_file_s_path_as_well_as_its_bytes(tmp_path):
    """A content file renamed (same bytes) gets another cache key: cached problems and positions name the
    file, so a renamed one is validated again."""
    from posture.content import _cache

    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text("kind: checklist\n", encoding="utf-8")
    b.write_text("kind: checklist\n", encoding="utf-8")
    assert _cache._key([a]) != _cache._key([b])


def test_the_cache_folder_is_created_with_its_parents(monkeypatch, tmp_path):
    """A cache folder that does not exist yet, parents included, is created (owner-only) on the first write."""
    from posture.content import _cache

    folder = tmp_path / "x" / "y" / "cache"
    monkeypatch.setenv("POSTURE_CACHE_DIR", str(folder))
    files = [tmp_path / "a.yaml"]
    files[0].write_text("kind: checklist\n", encoding="utf-8")
    _cache.write_cache(files, [{"x": "ñ"}])
    assert _cache.read_cache(files) == [{"x": "ñ"}]
    assert folder.stat().st_mode & 0o777 == 0o700


def _schema_problems(replacements: dict[str, str]) -> list[tuple[str, str, str]]:
    text = MINI.read_text(encoding="utf-8")
    for old, new in replacements.items():
        text = text.replace(old, new, 1)
    return [(p.path, p.code, p.message["en"]) for p in validate_doc(loads_yaml(text, "m.yaml"), "checklist")]


def test_a_text_missing_a_language_and_a_text_with_another_language_have_their_own_codes():
    """A bilingual text without ``es`` is ``missing_translation``; one with a language posture does not
    speak (``fr``) is ``unknown_language``, naming it; an unknown field elsewhere is named as such."""
    title = 'title: {es: "Lista mínima", en: "Minimal checklist"}'
    assert _schema_problems({title: 'title: {en: "Minimal checklist"}'}) == [
        ("title", "missing_translation", "missing translation 'es'")]
    assert _schema_problems({title: 'title: {es: "a", en: "b", fr: "c"}'}) == [
        ("title.fr", "unknown_language", "unknown field 'fr'")]
    assert _schema_problems({"effort: S": "effort: S\n        colour: red"}) == [
        ("sections[0].questions[0].colour", "schema.additionalProperties", "unknown field 'colour'")]


def test_out_of_range_values_a_bad_format_and_a_fixed_value_are_said_with_the_value_and_the_rule():
    """Schema problems say the offending value and the rule it breaks: the limit of a minimum or maximum,
    the expected pattern, the one value a constant allows."""
    q = "sections[0].questions[0]"
    assert _schema_problems({"weight: 3": "weight: 99"}) == [
        (f"{q}.weight", "schema.maximum", "99 is greater than 5")]
    assert _schema_problems({"weight: 3": "weight: 0"}) == [(f"{q}.weight", "schema.minimum", "0 is less than 1")]
    assert _schema_problems({"schema_version: 1": "schema_version: 2"}) == [
        ("schema_version", "schema.const", "2 must be 1")]
    ((path, code, message),) = _schema_problems({'id: "SEC-01"': 'id: "sec 01"'})
    assert (path, code) == (f"{q}.id", "schema.pattern")
    assert message == "'sec 01' does not have the expected format (^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$)"


def test_an_empty_text_or_mapping_must_not_be_empty():
    """An empty bilingual text (``es: ""``) and an empty ``maps_to`` are one problem each: "must not be empty"."""
    title = 'title: {es: "Lista mínima", en: "Minimal checklist"}'
    assert _schema_problems({title: 'title: {es: "", en: "x"}'}) == [("title.es", "schema.minLength",
                                                                      "must not be empty")]
    assert _schema_problems({'maps_to:\n          ley1581-2012-mini: ["ART-18-A"]': "maps_to: {}"}) == [
        ("sections[0].questions[1].maps_to", "schema.minProperties", "must not be empty")]


def test_a_scale_option_on_the_not_applicable_key_is_refused(tmp_path):
    """Key ``a`` answers "not applicable" everywhere: a checklist scale that gives it to an option is refused
    at that option's key, in both languages."""
    bad = tmp_path / "reserved.yaml"
    bad.write_text(MINI.read_text(encoding="utf-8").replace("key: r,", "key: a,"), encoding="utf-8")
    lib = Library.load([bad], fallback=_with_ley1581())
    assert [(p.path, p.code, p.message) for p in lib.problems] == [
        ("scales.traffic-light.options[1].key", "reserved_key",
         {"es": "la tecla 'a' está reservada para «No aplica»", "en": "key 'a' is reserved for 'not applicable'"})]


def test_checklist_cross_checks_name_the_key_the_scale_and_the_catalog_at_fault(tmp_path):
    """Beyond the schema: a key used twice in a scale, a question on a scale that does not exist, and a
    mapping to a catalog the checklist does not list are each one located problem with its own code, and the
    question's other mappings are still checked after it."""
    text = MINI.read_text(encoding="utf-8")
    text = text.replace("key: r,", "key: g,").replace("scale: traffic-light", "scale: colours").replace(
        'iso27001-2022: ["5.1"]', 'pci-dss-4.0.1: ["1.1"]\n          iso27001-2022: ["5.99"]')
    bad = tmp_path / "cross.yaml"
    bad.write_text(text, encoding="utf-8")
    lib = Library.load([bad], fallback=_with_ley1581())
    got = {p.code: (Path(p.file).name, p.path, p.message["en"]) for p in lib.problems}
    assert got == {
        "duplicate_key": ("cross.yaml", "scales.traffic-light.options[1].key", "key 'g' is used twice in the scale"),
        "unlisted_catalog": ("cross.yaml", "sections[0].questions[0].maps_to.pci-dss-4.0.1",
                             "catalog 'pci-dss-4.0.1' is not listed in this checklist's 'catalogs'"),
        "unknown_scale": ("cross.yaml", "sections[0].questions[1].scale", "answer scale 'colours' does not exist"),
        "unknown_control": ("cross.yaml", "sections[0].questions[0].maps_to.iso27001-2022[0]",
                            "'5.99' is not a control of iso27001-2022"),
    }


def test_a_scale_without_a_label_is_labelled_by_its_id_in_both_languages(tmp_path):
    """A checklist scale may leave out ``label``: it is then shown by its id, in Spanish and English alike."""
    text = MINI.read_text(encoding="utf-8").replace('    label: {es: "Semáforo", en: "Traffic light"}\n', "")
    path = tmp_path / "unlabelled.yaml"
    path.write_text(text, encoding="utf-8")
    scale = load_checklist(path, _with_ley1581()).scales["traffic-light"]
    assert scale.label == {"es": "traffic-light", "en": "traffic-light"}


def test_a_question_naming_a_probe_check_that_does_not_exist_is_refused_there(tmp_path):
    """``probe_checks`` must name checks posture has: an unknown one is a problem at that entry."""
    text = MINI.read_text(encoding="utf-8").replace("        effort: S\n",
                                                     "        effort: S\n        probe_checks: [no-such-check]\n", 1)
    path = tmp_path / "check.yaml"
    path.write_text(text, encoding="utf-8")
    lib = Library.load([path], fallback=Library(catalogs=_with_ley1581().catalogs,
                                                probe_checks=bundled_library().probe_checks))
    assert [(p.path, p.code) for p in lib.problems] == [
        ("sections[0].questions[0].probe_checks[0]", "unknown_check")]


def test_a_checklist_s_own_scales_and_questions_are_built_as_written():
    """Built from the YAML as written (not from a cache): a scale's ``allow_na: false``, each option's label,
    a question's scale and effort; a scale that does not say allows N/A."""
    lib = Library.load([Path(__file__).parents[1] / "data" / "engine" / "checklist-no-na.yaml"],
                       fallback=Library(catalogs=bundled_library().catalogs))
    checklist = next(iter(lib.checklists.values()))
    strict = checklist.scales["strict-yes-no"]
    assert strict.allow_na is False
    assert load_checklist(MINI, _with_ley1581()).scales["traffic-light"].allow_na is True  # it does not say
    assert [o.label for o in strict.options] == [{"es": "Sí", "en": "Yes"}, {"es": "No", "en": "No"}]
    pay1, pay2 = checklist.question("PAY-01"), checklist.question("PAY-02")
    assert (pay1.scale, pay1.effort, pay2.scale, pay2.effort) == ("strict-yes-no", "M", "yes-no", "S")


def test_a_question_s_plan_action_and_tags_are_built_as_written(tmp_path):
    """``action`` (questions sharing it merge into one plan item) and ``tags`` are read onto the question;
    without them, no action and no tags."""
    text = MINI.read_text(encoding="utf-8").replace(
        "        effort: S\n", "        effort: S\n        action: ACT-POLICY\n        tags: [pci, voz]\n", 1)
    path = tmp_path / "tagged.yaml"
    path.write_text(text, encoding="utf-8")
    checklist = load_checklist(path, _with_ley1581())
    first, second = checklist.question("SEC-01"), checklist.question("SEC-02")
    assert (first.action, first.tags) == ("ACT-POLICY", ("pci", "voz"))
    assert (second.action, second.tags) == (None, ())


def test_a_probe_check_mapped_to_a_control_that_does_not_exist_is_refused_there(tmp_path):
    """Probe checks map to catalog controls like questions do: an unknown control is a problem at that
    mapping of that check, in the checks file."""
    shipped = Path(bundled_root()) / "checks" / "perimeter.yaml"
    text = shipped.read_text(encoding="utf-8").replace('pci-dss-4.0.1: ["1.3", "1.4", "8.4"]',
                                                       'pci-dss-4.0.1: ["1.3", "99.9", "8.4"]', 1)
    path = tmp_path / "perimeter.yaml"
    path.write_text(text, encoding="utf-8")
    lib = Library.load([path], fallback=Library(catalogs=bundled_library().catalogs))
    assert [(Path(p.file).name, p.path, p.code) for p in lib.problems] == [
        ("perimeter.yaml", "checks[0].maps_to.pci-dss-4.0.1[1]", "unknown_control")]


def test_a_legal_reference_with_an_article_number_that_is_no_number_is_refused_there(tmp_path):
    """Where posture ships the law's text, a reference's ``article`` must be a number, a range or a list
    (``18``, ``21-26``, ``7, 9``): anything else is a problem at that article, saying what is expected."""
    shipped = Path(bundled_root()) / "controls" / "lfpdppp-2025.yaml"
    old = '{instrument: "law_2025", article: "18", confidence: high}'
    text = shipped.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "lfpdppp-2025.yaml"
    path.write_text(text.replace(old, '{instrument: "law_2025", article: "x18", confidence: high}', 1),
                    encoding="utf-8")
    lib = Library.load([path])
    assert [(p.code, p.message["en"]) for p in lib.problems] == [
        ("bad_article", "invalid article number 'x18' (e.g. '18', '21-26' or '7, 9')")]
    assert lib.problems[0].path.endswith(".article")


def _ley1581(tmp_path, edit) -> Library:
    text = edit((DATA / "valid" / "ley1581-mini.yaml").read_text(encoding="utf-8"))
    path = tmp_path / "ley1581-mini.yaml"
    path.write_text(text, encoding="utf-8")
    return Library.load([path])


def test_a_catalog_without_control_types_loads_and_an_unknown_parent_is_refused(tmp_path):
    """``types`` is optional in a catalog (nothing to check a control's type against); a control whose
    ``parent`` is no control of the catalog is refused at that parent, naming it."""
    lib = _ley1581(tmp_path, lambda t: t.replace('types:\n  duty: {es: "Deber", en: "Duty"}\n', ""))
    assert lib.problems == [] and "ley1581-2012-mini" in lib.catalogs
    lib = _ley1581(tmp_path, lambda t: t.replace('  - id: "ART-18-A"\n', '  - id: "ART-18-A"\n    parent: "NOPE"\n', 1))
    assert [(p.path, p.code, p.message["en"]) for p in lib.problems] == [
        ("controls[0].parent", "unknown_parent", "parent control 'NOPE' does not exist")]


def test_a_parent_cycle_and_an_unknown_group_are_refused_where_they_are(tmp_path):
    """A control that is its own ancestor (through another control) is refused at its parent, naming it; a
    control in a group the catalog does not declare is refused at its group."""
    def cycle(text: str) -> str:
        text = text.replace('  - id: "ART-18-A"\n', '  - id: "ART-18-A"\n    parent: "ART-18-B"\n', 1)
        return text.replace('  - id: "ART-18-B"\n', '  - id: "ART-18-B"\n    parent: "ART-18-A"\n', 1)

    problems = [(p.path, p.code, p.message["en"]) for p in _ley1581(tmp_path, cycle).problems]
    assert problems == [("controls[0].parent", "parent_cycle", "control 'ART-18-A' is its own ancestor"),
                        ("controls[1].parent", "parent_cycle", "control 'ART-18-B' is its own ancestor")]
    lib = _ley1581(tmp_path, lambda t: t.replace("group: deberes", "group: derechos", 1))
    assert [(p.path, p.code, p.message["en"]) for p in lib.problems] == [
        ("controls[0].group", "unknown_group", "group 'derechos' does not exist")]


def test_an_undeclared_control_type_and_a_check_mapped_to_an_unknown_catalog_are_refused_there(tmp_path):
    """A control whose ``type`` the catalog's ``types`` do not declare is refused at that type; a probe check
    mapped to a catalog posture does not have is refused at that mapping, naming the catalog."""
    lib = _ley1581(tmp_path, lambda t: t.replace("type: duty", "type: right", 1))
    assert [(p.path, p.code, p.message["en"]) for p in lib.problems] == [
        ("controls[0].type", "unknown_type", "type 'right' is not declared in 'types'")]
    shipped = Path(bundled_root()) / "checks" / "perimeter.yaml"
    path = tmp_path / "perimeter.yaml"
    path.write_text(shipped.read_text(encoding="utf-8").replace("lfpdppp-2025:", "nist-csf-2:", 1), encoding="utf-8")
    lib = Library.load([path], fallback=Library(catalogs=bundled_library().catalogs))
    assert [(p.path, p.code, p.message["en"]) for p in lib.problems] == [
        ("checks[0].maps_to.nist-csf-2", "unknown_catalog", "catalog 'nist-csf-2' does not exist")]


def test_a_folder_loads_its_yaml_files_only_and_the_same_id_twice_is_placed_at_the_second_id(tmp_path):
    """Loading a folder reads the ``.yaml``/``.yml`` files in it (a README beside them is no content); a
    second file with an id already loaded is refused at its ``id``, line and column."""
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "README.md").write_text("# not content\n", encoding="utf-8")
    (folder / "a.yaml").write_text((DATA / "valid" / "ley1581-mini.yaml").read_text(encoding="utf-8"),
                                   encoding="utf-8")
    (folder / "b.yml").write_text((DATA / "valid" / "ley1581-mini.yaml").read_text(encoding="utf-8"),
                                  encoding="utf-8")
    lib = Library.load([folder])
    assert [(Path(p.file).name, p.code, p.line, p.col, p.path) for p in lib.problems] == [
        ("b.yml", "duplicate_id", 4, 5, "id")]


def test_a_section_s_description_an_exclusion_s_controls_and_a_threats_library_are_read(tmp_path):
    """A checklist section keeps its ``description``; an exclusion naming a control the catalog lacks is
    refused at that control; a CISO Assistant library of threats is named as one."""
    text = MINI.read_text(encoding="utf-8").replace(
        '    title: {es: "Seguridad", en: "Security"}\n',
        '    title: {es: "Seguridad", en: "Security"}\n    description: {es: "Política", en: "Policy"}\n', 1)
    path = tmp_path / "described.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_checklist(path, _with_ley1581()).section("security").description == {"es": "Política",
                                                                                      "en": "Policy"}
    excluded = text + ('not_applicable:\n  - catalog: iso27001-2022\n    controls: ["5.98"]\n'
                       '    rationale: {es: "No aplica aquí.", en: "Not applicable here."}\n')
    path.write_text(excluded, encoding="utf-8")
    lib = Library.load([path], fallback=_with_ley1581())
    assert [(p.path, p.code) for p in lib.problems] == [("not_applicable[0].controls[0]", "unknown_control")]
    threats = {"urn": "urn:intuitem:risk:library:t", "objects": {"extra": {}, "threats": [{"urn": "t"}]}}
    assert _ciso_assistant(threats)["what"] == "threats"


def test_ancestors_are_the_whole_parent_chain_nearest_first():
    """``Catalog.ancestors``: every control above, nearest first, up to the top (PCI 9.5.1.2.1 → 9.5.1.2,
    9.5.1, 9.5, 9); a top control has none."""
    pci = bundled_library().catalogs["pci-dss-4.0.1"]
    assert pci.ancestors("9.5.1.2.1") == ["9.5.1.2", "9.5.1", "9.5", "9"]
    assert pci.ancestors("9") == []


def test_a_version_written_as_a_number_is_said_to_need_quotes():
    """``version: 1.10`` is read by YAML as the number 1.1: refused as ``unquoted_number``, saying what was
    read and how to write it."""
    assert _schema_problems({'version: "1.0"': "version: 1.10"}) == [
        ("version", "unquoted_number", "unquoted '1.10' was read as the number 1.1; quote it: \"1.10\"")]


def test_an_excerpt_cut_after_a_comma_or_semicolon_drops_it_before_the_ellipsis():
    """An excerpt cut mid-sentence ends in "…" without the comma, semicolon or colon it was cut after; a
    whole sentence ends in its own period."""
    article = Article("lfpdppp-2025", "1", ("Artículo 1. Uno, dos, tres; cuatro: cinco seis.",), "2025-03-20")
    assert [article.excerpt(words=n) for n in (2, 4, 5, 6)] == [
        "Uno, dos…", "Uno, dos, tres; cuatro…", "Uno, dos, tres; cuatro: cinco…", "Uno, dos, tres; cuatro: cinco seis."]


def test_a_catalog_knows_its_file_and_when_a_future_dated_requirement_becomes_mandatory():
    """A loaded catalog keeps the file it came from; a PCI DSS requirement future-dated in 4.0.1 keeps the
    date it becomes mandatory (``mandatory_from``), one that is not has none."""
    shipped = Path(bundled_root()) / "controls" / "pci-dss-4.0.1.yaml"
    pci = Library.load([shipped]).catalogs["pci-dss-4.0.1"]  # built here, not the process's cached library
    assert Path(pci.path).resolve() == shipped.resolve()  # (shown relative to the working folder)
    assert pci.control("3.2.1").mandatory_from == "2025-03-31" and pci.control("3.2").mandatory_from in (None, "")


def test_a_group_s_description_is_read_and_a_file_of_an_unknown_kind_is_refused_at_its_kind(tmp_path):
    """A catalog group keeps its ``description``; a YAML file whose ``kind`` is none of posture's (catalog,
    checklist, probe-checks) is one problem of code ``kind`` at that field."""
    lib = _ley1581(tmp_path, lambda t: t.replace(
        '    title: {es: "Deberes del encargado", en: "Processor duties"}\n',
        '    title: {es: "Deberes del encargado", en: "Processor duties"}\n'
        '    description: {es: "Art. 18", en: "Art. 18"}\n', 1))
    assert lib.catalogs["ley1581-2012-mini"].group("deberes").description == {"es": "Art. 18", "en": "Art. 18"}
    other = tmp_path / "other.yaml"
    other.write_text("kind: playbook\nid: x\n", encoding="utf-8")
    lib = Library.load([other, DATA / "valid" / "ley1581-mini.yaml"])
    assert [(p.path, p.code) for p in lib.problems] == [("kind", "kind")]
    assert list(lib.catalogs) == ["ley1581-2012-mini"]  # the files after it are still read
    schema_bad = tmp_path / "bad.yaml"
    schema_bad.write_text("kind: catalog\nid: x\n", encoding="utf-8")  # fails the catalog schema
    lib = Library.load([schema_bad, DATA / "valid" / "ley1581-mini.yaml"])
    assert lib.problems and {Path(p.file).name for p in lib.problems} == {"bad.yaml"}
    assert list(lib.catalogs) == ["ley1581-2012-mini"]  # and after one the schema refuses
