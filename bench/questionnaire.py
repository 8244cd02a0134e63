"""Questionnaire benchmark: export the full checklist's workbook, fill every answer, check and import it;
refuse a zip bomb. Prints times and peak memory.

    .venv/bin/python bench/questionnaire.py [--json]

Targets (2-core machine): export ≤ 2 s, read + check + import of 197 answers ≤ 3 s, a 21 MB zip bomb
refused in ≤ 0.5 s without its memory growing by more than its compressed size.
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import openpyxl

from posture.assessment import Workspace
from posture.content import bundled_library
from posture.errors import ContentError
from posture.questionnaire import build, import_into
from posture.workbook import MAX_EXPANDED_BYTES, read_workbook, write_questionnaire


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    as_json = "--json" in sys.argv[1:]
    checklist = bundled_library().checklists["bpo-contact-center"]
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        a = Workspace(root / "ws").create(vendor="Bench", site="Bench", checklist=checklist, slug="bench")
        t0 = time.perf_counter()
        path = write_questionnaire(build(a, checklist, "es"), root / "vendor.xlsx")
        figures["export_s"] = time.perf_counter() - t0
        wb = openpyxl.load_workbook(path)
        for ws in wb.worksheets[1:]:
            if ws.sheet_state != "visible":
                continue
            for row in range(3, ws.max_row + 1):
                qid = ws[f"A{row}"].value
                if qid:
                    q = checklist.question(qid)
                    ws[f"D{row}"] = checklist.scale_of(q).options[0].label["es"]
                    ws[f"F{row}"] = "comentario del proveedor " * 4
        wb.save(path)
        t0 = time.perf_counter()
        result = import_into(a.path, read_workbook(path), "es")
        figures["import_s"] = time.perf_counter() - t0
        figures["imported"] = len(result.changed)
        figures["rss_after_import_mib"] = _rss_mib()

        bomb = root / "bomb.xlsx"
        with zipfile.ZipFile(path) as zin, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                zout.writestr(info.filename, zin.read(info))
            zout.writestr("xl/worksheets/sheet99.xml", bytes(MAX_EXPANDED_BYTES + 1024 * 1024))
        figures["bomb_file_kib"] = bomb.stat().st_size / 1024
        before = _rss_mib()
        t0 = time.perf_counter()
        try:
            read_workbook(bomb)
        except ContentError:
            figures["bomb_refused_s"] = time.perf_counter() - t0
        figures["bomb_rss_growth_mib"] = _rss_mib() - before
    if as_json:
        print(json.dumps({k: round(v, 3) for k, v in figures.items()}))
        return 0
    print(f"export, 197 questions:                 {figures['export_s']:.2f} s")
    print(f"read + check + import {figures['imported']:.0f} answers:     {figures['import_s']:.2f} s")
    print(f"peak memory after the import:          {figures['rss_after_import_mib']:.0f} MiB")
    refused_ms = figures.get("bomb_refused_s", float("nan")) * 1000
    print(f"zip bomb ({figures['bomb_file_kib']:.0f} KiB declaring {MAX_EXPANDED_BYTES // 2**20 + 1} MiB) refused in "
          f"{refused_ms:.1f} ms, memory +{figures['bomb_rss_growth_mib']:.1f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
