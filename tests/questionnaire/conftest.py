"""A workspace with one assessment, its questionnaire exported, and a vendor who fills it in with openpyxl."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from posture.assessment import Workspace
from posture.cli import main
from posture.content import bundled_library
from posture.questionnaire import build
from posture.workbook import write_questionnaire


@pytest.fixture
def quick():
    return bundled_library().checklists["quick-screening"]


@pytest.fixture
def ws(tmp_path) -> Workspace:
    return Workspace(tmp_path / "ws")


@pytest.fixture
def assessment(ws, quick):
    return ws.create(vendor="Contacto Norte", site="Monterrey", checklist=quick, slug="norte",
                     assessed_on="2026-11-02")


@pytest.fixture
def exported(tmp_path, assessment, quick) -> Path:
    """The Spanish questionnaire of the quick-screening assessment."""
    return write_questionnaire(build(assessment, quick, "es", now="2026-11-02T10:00:00+00:00"),
                               tmp_path / "vendor.xlsx")


def rows_by_id(wb) -> dict[str, tuple]:
    """question id → (worksheet, row number), however the vendor moved things."""
    found = {}
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":  # the metadata sheet lists the ids too
            continue
        for row in ws.iter_rows(min_col=1, max_col=1):
            cell = row[0]
            if isinstance(cell.value, str) and cell.value.startswith(("QS-", "GOV-", "PPL-", "NET-")):
                found[cell.value] = (ws, cell.row)
    return found


def _fill(path: Path, answers: dict[str, dict], out: Path | None = None, edit=None) -> Path:
    """What a vendor does in Excel: ``answers`` maps question id → {"D": answer, "E": ..., "F": ..., "G": ...};
    ``edit(wb)`` runs before saving for anything else (renaming, merging, inserting)."""
    wb = openpyxl.load_workbook(path)
    where = rows_by_id(wb)
    for qid, cells in answers.items():
        ws, r = where[qid]
        for col, value in cells.items():
            ws[f"{col}{r}"] = value
    if edit is not None:
        edit(wb)
    target = out or path
    wb.save(target)
    return target


@pytest.fixture
def fill():
    return _fill


@pytest.fixture
def cli(capsys):
    """Run ``posture --lang LANG ARGS...`` in-process: (exit code, stdout, stderr)."""

    def run(*args: str, lang: str = "es") -> tuple[int, str, str]:
        code = main(["--lang", lang, *[str(a) for a in args]])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run
