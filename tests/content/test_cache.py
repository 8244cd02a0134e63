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


def _install_copy(root, dest):
    """A second installation of posture: the package and its content at another path."""
    shutil.copytree(root / "posture", dest / "posture", ignore=shutil.ignore_patterns("__pycache__"))
    for folder in ("controls", "checklists", "checks", "laws"):
        shutil.copytree(root / folder, dest / folder)
    return dest


def test_two_installations_keep_one_entry_each(tmp_path):
    """Alternating commands from two installs never re-validate after each one's first run.

    A validation is what writes an entry (os.replace gives it a new inode), so an unchanged
    inode on every later run proves the run was served from the cache.
    """
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    installs = [_install_copy(root, tmp_path / name) for name in ("pipx", "dev")]
    cache = tmp_path / "cache"
    env = {**os.environ, "POSTURE_CACHE_DIR": str(cache)}

    def run(install):
        env["PYTHONPATH"] = str(install)
        out = subprocess.run([sys.executable, "-c", "import posture, posture.content as c; "
                              "c.Library.bundled(); print(posture.__file__)"],
                             env=env, cwd=install, capture_output=True, text=True, check=True).stdout
        assert out.strip().startswith(str(install))  # really the copy, not the checkout

    def entries():
        return {p.name: p.stat().st_ino for p in cache.glob("content-*.json")}

    run(installs[0])
    run(installs[1])
    first = entries()
    assert len(first) == 2
    for _ in range(2):
        run(installs[0])
        run(installs[1])
        assert entries() == first


def test_an_edit_evicts_only_its_own_installation(tmp_path, monkeypatch):
    monkeypatch.setenv("POSTURE_CACHE_DIR", str(tmp_path / "cache"))
    a, b = tmp_path / "a", tmp_path / "b"
    sets = []
    for folder in (a, b):
        folder.mkdir()
        copies = []
        for f in bundled_files(("controls",)):
            shutil.copy(f, folder / f.name)
            copies.append(folder / f.name)
        sets.append(copies)
        write_cache(copies, [{"kind": "catalog", "file": "x", "sha256": "0", "data": {}}])
    legacy = tmp_path / "cache" / ("content-" + "0" * 32 + ".json")
    legacy.write_text("[]", "utf-8")
    sets[0][0].write_text(sets[0][0].read_text("utf-8") + "\n# edited\n", "utf-8")
    write_cache(sets[0], [{"kind": "catalog", "file": "x", "sha256": "1", "data": {}}])
    assert read_cache(sets[0]) is not None and read_cache(sets[1]) is not None
    assert len(list((tmp_path / "cache").glob("content-*.json"))) == 2  # stale a-entry and legacy gone


def test_the_cache_is_read_as_utf8_where_the_locale_s_encoding_is_ascii(tmp_path, monkeypatch):
    """The entries hold Spanish text (``¿``, ``ñ``): the cache is read as UTF-8, as it is written, even in a
    process whose locale encoding is ASCII (``LC_ALL=C`` without Python's UTF-8 mode, as under some service
    managers); read with the locale's encoding it would never be found again and every start would re-validate.
    Run in a subprocess of the posture this test imported (the locale is fixed at interpreter start)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    import posture

    content = tmp_path / "c.yaml"
    content.write_text("a: 1\n", encoding="utf-8")
    # in this process too (mutmut picks the tests of a function from the calls it sees in the test's process)
    monkeypatch.setenv("POSTURE_CACHE_DIR", str(tmp_path / "cache"))
    assert read_cache([content]) is None  # nothing cached yet
    script = ("import locale, sys; from pathlib import Path\n"
              "from posture.content._cache import read_cache, write_cache\n"
              "files = [Path(sys.argv[1])]; entries = [{'title': '\\u00bfSe\\u00f1alizaci\\u00f3n?'}]\n"  # ASCII argv
              "write_cache(files, entries)\n"
              "print(locale.getpreferredencoding(False), read_cache(files) == entries)\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "PYTHONUTF8", "PYTHONIOENC"))}
    env.update(LC_ALL="C", PYTHONUTF8="0", PYTHONCOERCECLOCALE="0", POSTURE_CACHE_DIR=str(tmp_path / "cache"),
               PYTHONPATH=str(Path(posture.__file__).resolve().parents[1]))
    # the working folder is kept: mutmut's trampolines in the child read their configuration from it
    done = subprocess.run([sys.executable, "-c", script, str(content)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    encoding, found = done.stdout.split()
    assert encoding.lower() in ("ansi_x3.4-1968", "ascii", "us-ascii"), encoding  # the premise: not UTF-8
    assert found == "True"
    assert read_cache([content]) == [{"title": "¿Señalización?"}]  # and here, whatever this process's locale
