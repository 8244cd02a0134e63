"""Reading a filled questionnaire workbook that came from outside: the archive is checked before it is opened.

Order of the checks (each refusal is one line naming the file):
1. the name: ``.xlsm``, ``.xltm``, ``.xlam`` (macro-enabled) and ``.xls``/``.xlsb`` are refused;
2. the file size (:data:`MAX_FILE_BYTES`) and that it is a ZIP archive at all;
3. the archive's *declared* sizes, before anything is expanded: entry count, total uncompressed size and
   compression ratio (a zip bomb declares what it will expand to; Python's ``zipfile`` never returns
   more than the declared size of an entry, so a lying header ends in a CRC error, not in an expansion);
4. macro content by what it is, whatever the name: ``vbaProject.bin``, a macro-enabled content type,
   ActiveX or an embedded binary part;
5. every XML part: no ``<!DOCTYPE``/``<!ENTITY`` (entity expansion, external entities); the cells of all
   worksheets counted in their XML (:data:`MAX_CELLS`), since openpyxl holds each one in memory;
6. openpyxl opens it with formulas kept as text (``data_only=False``: never evaluated, the import refuses
   them), no VBA, no external links; then sheet count and row caps.
"""

from __future__ import annotations

import json
import re
import struct
import warnings
import xml.etree.ElementTree as ET
import zipfile
import zlib
from functools import partial
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from posture import l10n
from posture.errors import ContentError, Problem, os_reason
from posture.i18n import _, fmt
from posture.questionnaire import Cell, Filled, FilledRow, FilledSheet
from posture.workbook._write import METADATA_SHEET

MAX_FILE_BYTES = 10 * 1024 * 1024  # the file on disk; an exported questionnaire is ~100 KB
MAX_EXPANDED_BYTES = 20 * 1024 * 1024  # sum of the declared uncompressed sizes (the full checklist: ~0.3 MB)
MAX_RATIO = 200  # declared uncompressed / compressed size of one entry (XML compresses ~10–30×)
MAX_ENTRIES = 2000
MAX_SHEETS = 100
MAX_ROWS = 5000  # per sheet
MAX_CELLS = 200_000  # in all sheets, counted in the XML before openpyxl builds a Python object per cell
MACRO_SUFFIXES = (".xlsm", ".xltm", ".xlam")
OTHER_SUFFIXES = (".xls", ".xlsb", ".ods", ".csv")

_MSG = {
    "macro_name": _("is a macro-enabled workbook ({suffix}); save it as .xlsx (Excel Workbook) and send it again"),
    "other_format": _("format {suffix} is not supported; save it as .xlsx"),
    "missing": _("does not exist or cannot be read: {error}"),
    "too_big": _("is {size}; the limit is {max}"),
    "not_zip": _("is not an .xlsx workbook (not a ZIP archive)"),
    "entries": _("the archive has {n} parts; the limit is {max}"),
    "expanded": _("the archive declares {size} uncompressed; the limit is {max} (a possible zip bomb): it is "
                  "not expanded"),
    "ratio": _("part {name} declares a {ratio}:1 compression; the limit is {max}:1 (a possible zip bomb): it is not "
               "expanded"),
    "macro": _("holds macros or controls ({name}); save it as an .xlsx without macros"),
    "doctype": _("part {name} declares a DOCTYPE or XML entities, which an Excel workbook never uses: refused"),
    "damaged": _("the workbook is damaged or not an .xlsx (Python's message: “{error}”); open it in Excel and save it "
                 "again"),
    "unreadable": _("cannot be read: {error}"),
    "not_workbook": _("is a ZIP archive but not an Excel workbook (it has no {part})"),
    "part_damaged": _("{part} is damaged: not well-formed XML at line {line}; open the workbook in Excel and save it "
                      "again"),
    "sheet_part": _("the sheet «{sheet}»"),
    "other_part": _("the part {name}"),
    "cells": _("has more than {max} cells with content or formatting; a questionnaire has a few thousand"),
    "sheets": _("has {n} sheets; the limit is {max}"),
    "rows": _("sheet '{sheet}' has {n} rows; the limit is {max}"),
}

_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
_MACRO_PARTS = ("vbaproject.bin", "vbadata.xml", "/activex/", "/embeddings/", "attachedtoolbars.bin")


def _refuse(name: str, message: dict, code: str) -> ContentError:
    return ContentError.single(Problem(name, message, code=code))


def _part_name(zf: zipfile.ZipFile, part: str) -> dict[str, str]:
    """A part of the archive as the person who filled the workbook knows it: a sheet by its tab's name (from
    ``xl/workbook.xml`` and its relationships), any other part by its path."""
    try:
        rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))  # noqa: S314 (checked as above)
        book = ET.fromstring(zf.read("xl/workbook.xml"))  # noqa: S314
        target = {r.get("Id"): "xl/" + r.get("Target", "").lstrip("/").removeprefix("xl/") for r in rels}
        for sheet in book.iter("{http://schemas.openxmlformats.org/spreadsheetml/2006/main}sheet"):
            rid = sheet.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
            if target.get(rid) == part:
                return fmt(_MSG["sheet_part"], sheet=sheet.get("name", "?"))
    except (KeyError, ET.ParseError):
        pass
    return fmt(_MSG["other_part"], name=part)


def check_archive(path: Path, name: str) -> None:
    """Steps 1–5 above: raise a one-line ContentError, or return with the archive found safe to open."""
    suffix = path.suffix.lower()
    if suffix in MACRO_SUFFIXES:
        raise _refuse(name, fmt(_MSG["macro_name"], suffix=suffix), "macro")
    if suffix in OTHER_SUFFIXES:
        raise _refuse(name, fmt(_MSG["other_format"], suffix=suffix), "format")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _refuse(name, fmt(_MSG["missing"], error=os_reason(exc)), "missing") from None
    if size > MAX_FILE_BYTES:
        raise _refuse(name, fmt(_MSG["too_big"], size=partial(l10n.size, size, beside=MAX_FILE_BYTES),
                                           max=partial(l10n.size, MAX_FILE_BYTES, beside=size)), "too_big")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ENTRIES:
                raise _refuse(name, fmt(_MSG["entries"], n=len(infos), max=MAX_ENTRIES), "zip_bomb")
            total = sum(i.file_size for i in infos)
            if total > MAX_EXPANDED_BYTES:
                said = fmt(_MSG["expanded"], size=partial(l10n.size, total, beside=MAX_EXPANDED_BYTES),
                           max=partial(l10n.size, MAX_EXPANDED_BYTES, beside=total))
                raise _refuse(name, said, "zip_bomb")
            for info in infos:
                if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                    ratio = info.file_size // max(info.compress_size, 1)
                    raise _refuse(name, fmt(_MSG["ratio"], name=info.filename, ratio=ratio, max=MAX_RATIO),
                                  "zip_bomb")
            for info in infos:
                lowered = "/" + info.filename.lower()
                if any(part in lowered for part in _MACRO_PARTS):
                    raise _refuse(name, fmt(_MSG["macro"], name=info.filename), "macro")
            types = zf.read("[Content_Types].xml") if "[Content_Types].xml" in zf.namelist() else b""
            if b"macroenabled" in types.lower() or b"vnd.ms-office.vbaproject" in types.lower():
                raise _refuse(name, fmt(_MSG["macro"], name="[Content_Types].xml"), "macro")
            for part in ("[Content_Types].xml", "xl/workbook.xml"):
                if part not in zf.namelist():
                    raise _refuse(name, fmt(_MSG["not_workbook"], part=part), "not_xlsx")
            cells = 0
            for info in infos:
                if info.filename.lower().endswith((".xml", ".rels", ".vml")):
                    head = zf.read(info)  # bounded: the declared sizes were checked above
                    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                        raise _refuse(name, fmt(_MSG["doctype"], name=info.filename), "doctype")
                    try:  # no DTD, no entity (refused just above): nothing for the parser to fetch or expand
                        ET.fromstring(head)  # noqa: S314
                    except ET.ParseError as exc:
                        raise _refuse(name, fmt(_MSG["part_damaged"], part=_part_name(zf, info.filename),
                                                line=exc.position[0]), "damaged") from None
                    if info.filename.lower().startswith("xl/worksheets/"):
                        cells += len(_CELL_TAG.findall(head))
                        if cells > MAX_CELLS:
                            raise _refuse(name, fmt(_MSG["cells"], max=MAX_CELLS), "too_many_cells")
    except zipfile.BadZipFile as exc:
        raise _refuse(name, fmt(_MSG["not_zip"] if "not a zip" in str(exc).lower() else _MSG["damaged"],
                                error=str(exc)), "not_xlsx") from None
    except OSError as exc:  # a folder, no permission: in posture's words
        raise _refuse(name, fmt(_MSG["unreadable"], error=os_reason(exc)), "missing") from None
    except (EOFError, RuntimeError, NotImplementedError, ValueError, zlib.error, struct.error,
            LookupError, OverflowError) as exc:  # a damaged archive, in all its forms
        raise _refuse(name, fmt(_MSG["damaged"], error=str(exc) or type(exc).__name__), "damaged") from None


def _metadata(ws) -> dict:
    meta: dict = {}
    questions: dict[str, str] = {}
    in_questions = False
    for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, MAX_ROWS), max_col=2, values_only=True):
        key, value = row[0], row[1] if len(row) > 1 else None
        if key is None:
            continue
        key = str(key)
        if key == "questions" and value is None:
            in_questions = True
            continue
        if in_questions:
            questions[key] = "" if value is None else str(value)
        else:
            meta[key] = "" if value is None else str(value)
    for k in ("columns", "sheets"):
        if k in meta:
            try:
                meta[k] = json.loads(meta[k])
            except ValueError:
                meta[k] = None
    meta["questions"] = questions
    return meta


def _cell(cell, merged: dict[str, str]) -> Cell | None:
    value = cell.value
    ref = cell.coordinate
    formula = ""
    if isinstance(value, ArrayFormula):
        formula, value = value.text or "=", None
    elif isinstance(value, DataTableFormula):
        formula, value = "=TABLE()", None
    elif cell.data_type == "f":
        formula, value = str(value), None
    span = merged.get(ref, "")
    if value is None and not formula and not span:
        return None
    return Cell(ref, value, formula, span)


def read_workbook(path: str | Path, name: str | None = None) -> Filled:
    """The workbook's cells as stored (formulas as their text, never a computed value) and its metadata."""
    path = Path(path)
    name = name or path.name
    check_archive(path, name)
    try:
        # a file object: the content decides, not the name (checked above). openpyxl warns about parts it
        # drops (extensions Excel writes, defined names it cannot place): nothing the vendor must act on.
        with open(path, "rb") as fh, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = load_workbook(fh, read_only=False, data_only=False, keep_vba=False, keep_links=False,
                               rich_text=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file; all mean the same to the user
        raise _refuse(name, fmt(_MSG["damaged"], error=str(exc)[:200] or type(exc).__name__), "damaged") from None
    try:
        if len(wb.worksheets) > MAX_SHEETS:
            raise _refuse(name, fmt(_MSG["sheets"], n=len(wb.worksheets), max=MAX_SHEETS), "too_many_sheets")
        meta = None
        if METADATA_SHEET in wb.sheetnames:
            meta = _metadata(wb[METADATA_SHEET])
        letters = sorted({v for v in (meta or {}).get("columns", {}).values() if isinstance(v, str)
                          and v.isalpha() and v.isupper() and len(v) <= 2}) if meta and isinstance(
            meta.get("columns"), dict) else []
        max_col = max((column_index_from_string(v) for v in letters), default=1)
        sheets = []
        for ws in wb.worksheets:
            if ws.title == METADATA_SHEET:
                continue
            if ws.max_row > MAX_ROWS:
                raise _refuse(name, fmt(_MSG["rows"], sheet=ws.title, n=ws.max_row, max=MAX_ROWS), "too_many_rows")
            merged = {}
            for rng in ws.merged_cells.ranges:
                if rng.size["rows"] * rng.size["columns"] <= 1 or rng.min_col > max_col:
                    continue
                for r in range(rng.min_row, rng.max_row + 1):
                    for c in range(rng.min_col, min(rng.max_col, max_col) + 1):
                        merged[f"{get_column_letter(c)}{r}"] = rng.coord
            rows = []
            for number, row in enumerate(ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=max_col), 1):
                cells = {}
                for cell in row:
                    letter = get_column_letter(cell.column)
                    if letter not in letters:
                        continue
                    found = _cell(cell, merged)
                    if found is not None:
                        cells[letter] = found
                if cells:
                    rows.append(FilledRow(number, cells))
            sheets.append(FilledSheet(ws.title, tuple(rows)))
        return Filled(name, meta, tuple(sheets))
    finally:
        wb.close()
