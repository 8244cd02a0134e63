"""Rules of content loading (posture/content) that its mutation run (``bench/mutation.py content``) found
unstated. Each test builds its inputs itself (no module-level library), so mutmut credits it."""

from __future__ import annotations

from pathlib import Path

import pytest

from posture.content import ContentError, Library, bundled_library, load_checklist

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
    assert [(p.code, p.line) for p in info.value.problems] == [("unknown_catalog", 7)]


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
