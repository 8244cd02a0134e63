"""Every command that writes a file checks where before doing the work (issue 14): a report, export or
portfolio to a folder that does not exist (or cannot be written) fails at once, in one line, exit 1,
without rendering — WeasyPrint is not even imported."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from posture.assessment import Workspace
from posture.content import bundled_library

_RUN = r"""
import sys
from posture import cli
code = cli.main(sys.argv[1:])
print("RENDERER-LOADED" if "weasyprint" in sys.modules else "RENDERER-NOT-LOADED")
sys.exit(code)
"""


@pytest.fixture
def assessment(tmp_path):
    return Workspace(tmp_path / "ws").create(vendor="Acme", site="Leon",
                                             checklist=bundled_library().checklists["quick-screening"])


def _posture(*args):
    return subprocess.run([sys.executable, "-c", _RUN, "--lang", "en", *map(str, args)], capture_output=True,
                          text=True, env={**os.environ, "POSTURE_LANG": "en"}, timeout=120)


@pytest.mark.parametrize("command", [
    ["report", "{file}", "-o", "{missing}/r.pdf"],
    ["export", "{file}", "--format", "html", "-o", "{missing}/r.html"],
    ["export", "{file}", "--format", "csv", "-o", "{missing}/plan.csv"],
    ["export", "{file}", "--format", "json", "-o", "{missing}/r.json"],
    ["portfolio", "{ws}", "-o", "{missing}/p.pdf"],
])
def test_an_output_in_a_missing_folder_fails_before_the_work(assessment, tmp_path, command):
    missing = tmp_path / "no-such-folder"
    args = [a.format(file=assessment.path, missing=missing, ws=assessment.path.parent.parent) for a in command]
    done = _posture(*args)
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "no-such-folder" in lines[0] and "does not exist" in lines[0], lines
    assert "RENDERER-NOT-LOADED" in done.stdout  # failed before loading the renderer, let alone rendering
    assert not missing.exists()


def test_oscal_into_a_file_that_is_not_a_folder_fails_at_once(assessment, tmp_path):
    blocker = tmp_path / "oscal"
    blocker.write_text("x")
    done = _posture("export", assessment.path, "--format", "oscal", "-o", blocker)
    assert done.returncode == 1 and "is not a folder" in done.stderr and "RENDERER-NOT-LOADED" in done.stdout


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_folder_fails_at_once(assessment, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    done = _posture("report", assessment.path, "-o", locked / "r.pdf")
    assert done.returncode == 1 and "no write permission" in done.stderr


def test_spanish_too(assessment, tmp_path):
    done = subprocess.run([sys.executable, "-m", "posture", "--lang", "es", "report", str(assessment.path), "-o",
                           str(tmp_path / "falta" / "r.pdf")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "no existe la carpeta" in done.stderr and "folder" not in done.stderr


@pytest.mark.parametrize("command", [
    ["report", "{file}", "-o", "{target}"],
    ["export", "{file}", "--format", "json", "-o", "{target}"],
    ["export", "{file}", "--format", "csv", "-o", "{target}"],
])  # (the questionnaire's workbook must end in .xlsx, which no assessment file does)
@pytest.mark.parametrize("name", ["assessment.yaml", "assessment.yaml.bak"])
def test_an_output_never_replaces_the_assessment(assessment, command, name):
    """A newcomer's `posture report X -o …/assessment.yaml` wrote a PDF over the assessment and said «informe
    escrito»: refused in one line, exit 1, before the work; the assessment (and its backup) byte for byte as before."""
    target = assessment.path.with_name(name)
    if name.endswith(".bak"):
        target.write_bytes(assessment.path.read_bytes())
    before = {p: p.read_bytes() for p in assessment.path.parent.iterdir() if p.is_file()}
    done = _posture(*[a.format(file=assessment.path, target=target) for a in command])
    assert done.returncode == 1, done.stderr
    assert done.stderr.strip().splitlines() == [f"cannot write {target}: it is an assessment's own file (the "
                                                "assessment, its backup, lock or a pending run); give another name"]
    assert "RENDERER-NOT-LOADED" in done.stdout
    assert {p: p.read_bytes() for p in assessment.path.parent.iterdir() if p.is_file()} == before


def test_an_empty_output_is_refused_not_taken_for_the_current_folder(assessment):
    done = _posture("report", assessment.path, "-o", "")
    assert done.returncode == 2 and done.stderr.strip().endswith("argument -o/--output: give an output file")


def test_oscal_into_a_folder_that_refuses_new_files_says_so(assessment):
    """`-o /proc/x.oscal` said «/proc/x.oscal: no existe» (the generic OSError line): the folder that refused is
    named, in posture's words."""
    if not os.path.isdir("/proc/self"):
        pytest.skip("needs Linux's /proc (a folder that takes no new file)")
    done = _posture("export", assessment.path, "--format", "oscal", "-o", "/proc/posture-test.oscal")
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == ["cannot create the folder /proc/posture-test.oscal: the folder /proc "
                                                "does not take new files (a system folder?)"]
