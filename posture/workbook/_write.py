"""Writing the questionnaire as an .xlsx workbook (openpyxl: it reads and writes, so one library does the round trip).

Layout: an instructions sheet, one sheet per section (title in row 1, headers in row 2, one question per row
from row 3), and a very hidden metadata sheet with the binding and its digest. Every sheet is protected with
only the answer cells (D–G) unlocked, and the workbook structure is locked; there is no password, since the
protection guards against slips, not against the vendor (the import checks every cell anyway).
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation

from posture.assessment import atomic_write
from posture.errors import PostureError, os_reason
from posture.i18n import _, fmt, tr
from posture.questionnaire import COLUMNS, EDITABLE, FIRST_ROW, HEADER_ROW, HEADERS, INSTRUCTIONS, Questionnaire
from posture.shown import clip

METADATA_SHEET = "_posture"
_WIDTHS = {"id": 9, "question": 45, "guidance": 55, "answer": 16, "na_justification": 24, "comment": 30,
           "evidence_ref": 24, "evidence_asked": 36}
_LINE_POINTS = 13.5  # one wrapped line at the default 11 pt font
_MAX_ROW_POINTS = 409  # Excel's largest row height
_HEAD_FILL = PatternFill("solid", fgColor="1F3A5F")
_EDIT_FILL = PatternFill("solid", fgColor="FFF4CC")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
# openpyxl refuses these in cell text (XML 1.0 does not allow them)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

_MSG = {
    "vendor": _("Vendor"),
    "checklist": _("Checklist"),
    "exported": _("Exported"),
    "scales": _("Possible answers"),
    "prompt_title": _("Answer"),
    "prompt": _("Pick from the list"),
    "error_title": _("Invalid answer"),
    "error": _("Pick one of: {choices}"),
    "write": _("could not write {path}: {error}"),
}


def _text(cell, value: str) -> None:
    """Write user text literally: never a formula, whatever it starts with."""
    cell.value = _CONTROL.sub("", value)
    cell.data_type = "s"


def sheet_name(title: str, taken: set[str]) -> str:
    """A valid, unique sheet name (≤ 31 characters, none of []:*?/\\) from a section title."""
    base = _BAD_SHEET_CHARS.sub(" ", _CONTROL.sub("", title)).strip().strip("'") or "?"
    base = clip(" ".join(base.split()), 31).strip() or "?"  # at a word, with «…» («…operación y r» read as a typo)
    name, n = base, 2
    while name.casefold() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.casefold())
    return name


def _height(texts: dict[str, str]) -> float:
    """Row height for wrapped text: neither Excel nor LibreOffice grows a row written by a library, so the
    height is estimated from the text (≈1.15 characters per unit of column width)."""
    lines = 1
    for key, text in texts.items():
        per_line = max(int(_WIDTHS[key] * 1.15), 1)
        lines = max(lines, sum(-(-max(len(part), 1) // per_line) for part in text.split("\n")))
    return min(_MAX_ROW_POINTS, lines * _LINE_POINTS + 4)


def _list_formula(choices: tuple[str, ...], lists, ranges: dict[tuple[str, ...], str]) -> str:
    """The drop-down's source: inline when Excel allows it (≤ 255 characters, no commas or quotes), else a
    range on the hidden metadata sheet (columns D onwards), one range per distinct list in the workbook."""
    joined = ",".join(choices)
    if len(joined) <= 250 and not any("," in c or '"' in c for c in choices):
        return f'"{joined}"'
    if choices not in ranges:
        col = get_column_letter(4 + len(ranges))
        for i, choice in enumerate(choices, 1):
            _text(lists.cell(row=i, column=column_index_from_string(col)), choice)
        ranges[choices] = f"'{METADATA_SHEET}'!${col}$1:${col}${len(choices)}"
    return ranges[choices]


def _validation(choices: tuple[str, ...], lang: str, formula: str) -> DataValidation:
    dv = DataValidation(type="list", formula1=formula, allow_blank=True, showDropDown=False,
                        showErrorMessage=True, showInputMessage=True)
    dv.promptTitle = tr(_MSG["prompt_title"], lang)[:32]
    dv.prompt = tr(_MSG["prompt"], lang)
    dv.errorTitle = tr(_MSG["error_title"], lang)[:32]
    dv.error = tr(_MSG["error"], lang).format(choices=", ".join(choices))[:255]
    return dv


def _protect(ws) -> None:
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # widening a column or a row to read stays allowed
    ws.protection.formatRows = False


def _instructions(wb: Workbook, q: Questionnaire, taken: set[str]) -> None:
    lang = q.binding.lang
    ws = wb.active
    ws.title = sheet_name(tr(INSTRUCTIONS, lang), taken)
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 100
    _text(ws["A1"], q.title)
    ws["A1"].font = Font(bold=True, size=14)
    row = 3
    for line in q.instructions:
        _text(ws.cell(row=row, column=1), f"{row - 2}.")
        _text(ws.cell(row=row, column=2), line)
        ws.cell(row=row, column=2).alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[row].height = -(-len(line) // 110) * _LINE_POINTS + 4
        row += 1
    row += 1
    b = q.binding
    for label, value in ((_MSG["vendor"], b.vendor), (_MSG["checklist"], f"{b.checklist_id} {b.checklist_version}"),
                         (_MSG["exported"], b.created_at)):
        _text(ws.cell(row=row, column=1), tr(label, lang))
        ws.cell(row=row, column=1).font = Font(bold=True)
        _text(ws.cell(row=row, column=2), value)
        row += 1
    row += 1
    _text(ws.cell(row=row, column=1), tr(_MSG["scales"], lang))
    ws.cell(row=row, column=1).font = Font(bold=True)
    row += 1
    for name, choices in q.legend:
        _text(ws.cell(row=row, column=1), name)
        _text(ws.cell(row=row, column=2), choices)
        row += 1
    row += 1
    for key in COLUMNS:
        _text(ws.cell(row=row, column=1), f"{COLUMNS[key]} — {tr(HEADERS[key], lang)}")
        row += 1
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    _protect(ws)


def _metadata(wb: Workbook, q: Questionnaire, names: dict[str, str]):
    ws = wb.create_sheet(METADATA_SHEET)
    ws.sheet_state = "veryHidden"
    fields = q.binding.fields()
    rows = [(k, json.dumps(v, ensure_ascii=False, sort_keys=True) if isinstance(v, dict) else v)
            for k, v in fields.items() if k != "questions"]
    rows.append(("digest", q.binding.digest()))
    rows.append(("sheets", json.dumps(names, ensure_ascii=False, sort_keys=True)))  # informative only
    for i, (k, v) in enumerate(rows, 1):
        _text(ws.cell(row=i, column=1), k)
        _text(ws.cell(row=i, column=2), str(v))
    start = len(rows) + 2
    _text(ws.cell(row=start - 1, column=1), "questions")
    for i, (qid, h) in enumerate(q.binding.questions.items()):
        _text(ws.cell(row=start + i, column=1), qid)
        _text(ws.cell(row=start + i, column=2), h)
    _protect(ws)
    return ws


def workbook_bytes(q: Questionnaire) -> bytes:
    """The .xlsx file for ``q``, in memory."""
    lang = q.binding.lang
    wb = Workbook()
    wb.properties.creator = "posture"
    wb.properties.title = q.title[:255]
    taken: set[str] = {METADATA_SHEET.casefold()}
    _instructions(wb, q, taken)
    names: dict[str, str] = {}
    sheets = []
    for section in q.sheets:
        ws = wb.create_sheet(sheet_name(section.title, taken))
        names[section.section_id] = ws.title
        sheets.append((ws, section))
    lists = _metadata(wb, q, names)
    ranges: dict[tuple[str, ...], str] = {}
    for ws, section in sheets:
        _text(ws["A1"], section.title)
        ws["A1"].font = Font(bold=True, size=13)
        for key, letter in COLUMNS.items():
            cell = ws[f"{letter}{HEADER_ROW}"]
            _text(cell, tr(HEADERS[key], lang))
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = _HEAD_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            ws.column_dimensions[letter].width = _WIDTHS[key]
        ws.row_dimensions[HEADER_ROW].height = 3 * _LINE_POINTS
        validations: dict[tuple[str, ...], DataValidation] = {}
        for i, row in enumerate(section.rows):
            r = FIRST_ROW + i
            values = {"id": row.qid, "question": row.question, "guidance": row.guidance,
                      "evidence_asked": row.evidence_asked}
            for key, letter in COLUMNS.items():
                cell = ws[f"{letter}{r}"]
                if key in values:
                    _text(cell, values[key])
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                if key in EDITABLE:
                    cell.protection = Protection(locked=False)
                    cell.fill = _EDIT_FILL
            ws.row_dimensions[r].height = _height(values)
            dv = validations.get(row.choices)
            if dv is None:
                dv = validations[row.choices] = _validation(row.choices, lang,
                                                            _list_formula(row.choices, lists, ranges))
                ws.add_data_validation(dv)
            dv.add(f"{COLUMNS['answer']}{r}")
        ws.freeze_panes = f"B{FIRST_ROW}"
        ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        _protect(ws)
    wb.security = WorkbookProtection(lockStructure=True)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def write_questionnaire(q: Questionnaire, path: str | Path) -> Path:
    """Write the workbook owner-only (0600) from the first byte, replaced atomically. Raises ``PostureError`` when
    it cannot be written (``posture.outputs.check_output`` first: a missing folder is named, an assessment's own
    file refused)."""
    from posture.outputs import check_output

    target = check_output(path)
    data = workbook_bytes(q)
    try:
        atomic_write(target, data)  # the one atomic, owner-only write (posture.assessment)
    except OSError as exc:
        raise PostureError(fmt(_MSG["write"], path=str(target), error=os_reason(exc, writing=True))) from None
    return target
