"""The validated-content cache: same library as a fresh load, and any edit invalidates it."""

from __future__ import annotations

import json
import shutil

from posture.content import Library
from posture.content._cache import read_cache, write_cache
from posture.content._paths import bundled_files


def test_cached_library_equals_fresh_load(tmp_path, monkeypatch):
    monkeypatch.setenv("POSTURE_CACHE_DIR", str(tmp_path))
    fresh = Library.bundled()  # validates, then writes the cache
    assert list(tmp_path.glob("content-*.json"))
    cached = Library.bundled()  # from the cache
    assert cached.files == fresh.files
    for cl_id, checklist in fresh.checklists.items():
        assert [q for q in cached.checklists[cl_id].questions] == [q for q in checklist.questions]
        assert cached.checklists[cl_id].content_hash == checklist.content_hash
    assert {c: len(cat.controls) for c, cat in cached.catalogs.items()} == \
        {c: len(cat.controls) for c, cat in fresh.catalogs.items()}
    assert cached.probe_checks == fresh.probe_checks


def test_an_edit_invalidates_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("POSTURE_CACHE_DIR", str(tmp_path / "cache"))
    copies = []
    for f in bundled_files(("controls",)):
        dest = tmp_path / f.name
        shutil.copy(f, dest)
        copies.append(dest)
    write_cache(copies, [{"kind": "catalog", "file": "x", "sha256": "0", "data": {}}])
    assert read_cache(copies) is not None
    copies[0].write_text(copies[0].read_text("utf-8") + "\n# edited\n", "utf-8")
    assert read_cache(copies) is None


def test_a_damaged_cache_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("POSTURE_CACHE_DIR", str(tmp_path))
    Library.bundled()
    (cache,) = tmp_path.glob("content-*.json")
    cache.write_text("{not json", "utf-8")
    lib = Library.bundled()
    assert lib.checklists
    json.loads(cache.read_text("utf-8"))  # rewritten whole
