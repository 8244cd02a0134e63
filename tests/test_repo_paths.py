"""No file of the project names a path outside the repository.

A clone, an sdist or an installed wheel has only the repository: a path into the machine it was written
on (the reference folder beside the checkout, a build tree) is a dead link for everyone else, and a
catalog comment that cites one hides where its facts really come from. What the project needs from
outside is copied in (tests/data/reference/, laws/) and cited by its public source.

Checked in every text file of the repository (git's list: tracked, or new and not ignored): no absolute
path into the development layout (/work/, the shared reference or field-case folders), and no relative
path that climbs out of the repository from the file that names it. System paths a program legitimately
names (/usr/bin/nmap, /tmp in a test, ../../etc/passwd as a hostile input), a user's paths in examples
(/home/ana/evidencia.pdf pasted into a dialog) and sample output in the guides (a report written to the
reader's home) are not references to project material and are allowed.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKIP_DIRS = {".git", ".venv", "venv", "__pycache__", ".ruff_cache", ".pytest_cache", ".hypothesis", "build",
             "dist", "out", "node_modules"}
TEXT_SUFFIXES = {".py", ".md", ".yaml", ".yml", ".json", ".toml", ".txt", ".j2", ".html", ".css", ".tcss", ".sh",
                 ".cfg", ".ini", ".xml", ".csv", ""}

OUTSIDE = re.compile(r"(?<![\w.~-])(/work/[\w./-]*|(?:\.\./)*shared/(?:reference|field-cases)\b[\w./-]*)")
SYSTEM = ("etc/", "usr/", "dev/", "proc/", "tmp/", "bin/")  # path-traversal payloads in hostile-input tests
CLIMB = re.compile(r"(?<![\w.])((?:\.\./)+)([\w.-]+(?:/[\w.-]+)*)")


def project_files() -> list[Path]:
    """The repository's files: git's list where there is a checkout (so ignored output such as a snapshot
    report is left out), else every file under the root but build and cache folders (an sdist)."""
    try:
        listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=ROOT,
                                capture_output=True, check=True, timeout=60).stdout.decode("utf-8").split("\0")
        candidates = [ROOT / name for name in listed if name]
    except (OSError, subprocess.SubprocessError):
        candidates = list(ROOT.rglob("*"))
    files = []
    for path in candidates:
        rel = path.relative_to(ROOT)
        if any(part in SKIP_DIRS or part.endswith(".egg-info") for part in rel.parts):
            continue
        if path.is_file() and path.suffix in TEXT_SUFFIXES and path.stat().st_size < 2_000_000:
            files.append(path)
    return files


def outside_paths(path: Path, text: str) -> list[str]:
    found = [f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, m.start()) + 1}: {m.group(0)}"
             for m in OUTSIDE.finditer(text)]
    for m in CLIMB.finditer(text):
        target = (path.parent / m.group(1) / m.group(2)).resolve()
        if not target.is_relative_to(ROOT) and not m.group(2).startswith(SYSTEM):
            found.append(f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, m.start()) + 1}: {m.group(0)}")
    return found


def test_no_file_names_a_path_outside_the_repository():
    files = project_files()
    assert len(files) > 100 and any(f.name == "lfpdppp-2025.yaml" for f in files)
    bad = []
    for path in files:
        if path == Path(__file__).resolve():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        bad += outside_paths(path, text)
    assert not bad, "paths outside the repository:\n" + "\n".join(bad)


def test_the_check_finds_what_it_looks_for():
    here = ROOT / "controls" / "x.yaml"
    assert outside_paths(here, "# from /work/shared/reference/catalogs.md §3") == [
        "controls/x.yaml:1: /work/shared/reference/catalogs.md"]
    assert outside_paths(here, "see ../../shared/reference/tooling-notes.md")
    assert outside_paths(here, "see ../../elsewhere/notes.md")  # climbs out of the repository
    assert not outside_paths(here, "see ../docs/scoring.md and /usr/bin/nmap and tests/data/reference/catalogs.md")
    assert not outside_paths(here, "a hostile name: ../../../etc/passwd")
