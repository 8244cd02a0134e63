"""Hostile workbooks: macros, zip bombs (refused from the declared sizes), XML entities, caps, non-workbooks."""

from __future__ import annotations

import re
import shutil
import struct
import zipfile

import pytest

from posture import workbook
from posture.errors import ContentError
from posture.workbook import read_workbook


def _refused(ws, path, cli, lang="en") -> str:
    target = ws.root / "norte" / "assessment.yaml"
    before = target.read_bytes()
    code, stdout, err = cli("questionnaire", "import", path, "--into", "norte", "--workspace", ws.root, lang=lang)
    assert code == 1 and stdout == "" and "Traceback" not in err
    assert target.read_bytes() == before
    lines = err.splitlines()
    assert len(lines) == 1
    return lines[0]


def _with_extra_entries(src, dst, entries: dict[str, bytes], *, replace: dict[str, bytes] | None = None):
    """A copy of the workbook archive with parts added or replaced."""
    replace = replace or {}
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, replace.get(info.filename, zin.read(info)))
        for name, data in entries.items():
            zout.writestr(name, data)
    return dst


@pytest.mark.parametrize("suffix", [".xlsm", ".xltm", ".xlam"])
def test_macro_enabled_names_are_refused(tmp_path, ws, assessment, exported, cli, suffix):
    path = shutil.copy(exported, tmp_path / f"vendor{suffix}")
    assert _refused(ws, path, cli) == (f"vendor{suffix}: is a macro-enabled workbook ({suffix}); save it as .xlsx "
                                       "(Excel Workbook) and send it again")


def test_macro_content_under_an_xlsx_name_is_refused(tmp_path, ws, assessment, exported, cli):
    path = _with_extra_entries(exported, tmp_path / "sneaky.xlsx", {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"})
    assert _refused(ws, path, cli, lang="es") == ("sneaky.xlsx: contiene macros o controles (xl/vbaProject.bin); "
                                                  "guárdelo como .xlsx sin macros")
    with zipfile.ZipFile(exported) as z:
        types = z.read("[Content_Types].xml").replace(
            b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")
    path = _with_extra_entries(exported, tmp_path / "typed.xlsx", {}, replace={"[Content_Types].xml": types})
    assert _refused(ws, path, cli) == ("typed.xlsx: holds macros or controls ([Content_Types].xml); save it as an "
                                       ".xlsx without macros")


def _spy_opens(monkeypatch) -> list[str]:
    opened: list[str] = []
    real = zipfile.ZipFile.open

    def spy(self, name, *args, **kwargs):
        opened.append(getattr(name, "filename", name))
        return real(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    return opened


def test_a_zip_bomb_is_refused_from_its_declared_size_before_expanding(tmp_path, ws, assessment, exported, cli,
                                                                       monkeypatch):
    big = workbook.MAX_EXPANDED_BYTES + 1024 * 1024  # zeros: ~60 KB compressed
    path = _with_extra_entries(exported, tmp_path / "bomb.xlsx", {"xl/worksheets/sheet99.xml": bytes(big)})
    assert path.stat().st_size < 1024 * 1024
    opened = _spy_opens(monkeypatch)
    line = _refused(ws, path, cli)
    assert line.startswith("bomb.xlsx: the archive declares 21")  # 21 MB and a little: in MB, not a byte count
    assert " MB uncompressed; the limit is 20 MB " in line
    assert "(a possible zip bomb): it is not expanded" in line
    assert opened == []  # not one part was opened, let alone the bomb


def test_one_part_with_a_bomb_ratio_is_refused(tmp_path, ws, assessment, exported, cli, monkeypatch):
    path = _with_extra_entries(exported, tmp_path / "ratio.xlsx", {"xl/media/pad.xml": bytes(4 * 1024 * 1024)})
    opened = _spy_opens(monkeypatch)
    line = _refused(ws, path, cli)
    assert line.startswith("ratio.xlsx: part xl/media/pad.xml declares a ")
    assert line.endswith(f":1 compression; the limit is {workbook.MAX_RATIO}:1 (a possible zip bomb): it is not "
                         "expanded")
    assert "xl/media/pad.xml" not in opened


def _lie_about_size(path, name: bytes, declared: int) -> None:
    """Rewrite the uncompressed size of ``name`` in its local header and the central directory."""
    data = bytearray(path.read_bytes())
    local = data.find(b"PK\x03\x04")  # the first local header; walk to the one for ``name``
    while local != -1:
        n = struct.unpack_from("<H", data, local + 26)[0]
        if bytes(data[local + 30: local + 30 + n]) == name:
            struct.pack_into("<I", data, local + 22, declared)
            break
        local = data.find(b"PK\x03\x04", local + 4)
    central = data.find(b"PK\x01\x02")
    while central != -1:
        n = struct.unpack_from("<H", data, central + 28)[0]
        if bytes(data[central + 46: central + 46 + n]) == name:
            struct.pack_into("<I", data, central + 24, declared)
            break
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))


def test_a_part_that_lies_about_its_size_never_expands_past_it(tmp_path, ws, assessment, exported, cli):
    path = _with_extra_entries(exported, tmp_path / "liar.xlsx", {"xl/liar.xml": bytes(3 * 1024 * 1024)})
    _lie_about_size(path, b"xl/liar.xml", 1000)
    with zipfile.ZipFile(path) as z:
        assert z.getinfo("xl/liar.xml").file_size == 1000
    line = _refused(ws, path, cli)
    assert line.startswith("liar.xlsx: the workbook is damaged or not an .xlsx (Python's message: “Bad CRC-32")


def test_xml_entities_are_refused(tmp_path, ws, assessment, exported, cli):
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
              b"<sst>&lol2;</sst>")
    with zipfile.ZipFile(exported) as z:
        assert "xl/styles.xml" in z.namelist()
    path = _with_extra_entries(exported, tmp_path / "lol.xlsx", {}, replace={"xl/styles.xml": laughs})
    assert _refused(ws, path, cli) == ("lol.xlsx: part xl/styles.xml declares a DOCTYPE or XML entities, "
                                       "which an Excel workbook never uses: refused")


def test_not_a_workbook_and_too_big(tmp_path, ws, assessment, cli):
    text = tmp_path / "notes.xlsx"
    text.write_text("ID;Respuesta\nQS-01;Sí\n", encoding="utf-8")
    assert _refused(ws, text, cli, lang="es") == "notes.xlsx: no es un libro .xlsx (no es un archivo ZIP)"
    big = tmp_path / "big.xlsx"
    with open(big, "wb") as fh:
        fh.truncate(workbook.MAX_FILE_BYTES + 1)
    # 10,485,761 and 10,485,760 bytes both read "10 MB": said in bytes, so the two figures differ
    assert _refused(ws, big, cli) == "big.xlsx: is 10,485,761 bytes; the limit is 10,485,760 bytes"
    with open(big, "wb") as fh:
        fh.truncate(12_000_000)
    assert _refused(ws, big, cli, lang="es") == "big.xlsx: pesa 11.4 MB; el máximo es 10 MB"
    missing = tmp_path / "nowhere.xlsx"
    assert _refused(ws, missing, cli).startswith("nowhere.xlsx: does not exist or cannot be read")
    csv = tmp_path / "answers.csv"
    csv.write_text("x", encoding="utf-8")
    assert _refused(ws, csv, cli) == "answers.csv: format .csv is not supported; save it as .xlsx"


def test_row_and_sheet_caps(tmp_path, ws, assessment, exported, fill, cli):
    rows = fill(exported, {}, out=tmp_path / "rows.xlsx",
                edit=lambda wb: wb["Tarjetas y grabaciones"].cell(row=workbook.MAX_ROWS + 1, column=2, value="x"))
    assert _refused(ws, rows, cli) == (f"rows.xlsx: sheet 'Tarjetas y grabaciones' has {workbook.MAX_ROWS + 1} rows;"
                                       f" the limit is {workbook.MAX_ROWS}")

    def many(wb):
        for i in range(workbook.MAX_SHEETS):
            wb.create_sheet(f"extra {i}")

    sheets = fill(exported, {}, out=tmp_path / "sheets.xlsx", edit=many)
    assert _refused(ws, sheets, cli).startswith("sheets.xlsx: has 107 sheets; the limit is 100")


def test_formulas_are_never_evaluated(tmp_path, exported, fill):
    """The cell keeps its formula text; no cached or computed value is ever taken as the answer."""
    fill(exported, {"QS-01": {"D": '=IF(1=1,"Sí","No")'}})
    filled = read_workbook(exported)
    cell = next(r.cells["D"] for s in filled.sheets for r in s.rows
                if "A" in r.cells and r.cells["A"].value == "QS-01")
    assert (cell.formula, cell.value) == ('=IF(1=1,"Sí","No")', None)


def test_the_archive_check_alone(tmp_path, exported):
    workbook.check_archive(exported, "vendor.xlsx")  # an exported questionnaire passes
    with pytest.raises(ContentError):
        workbook.check_archive(tmp_path / "missing.xlsx", "missing.xlsx")


def test_too_many_cells_are_counted_in_the_xml_before_loading(tmp_path, ws, assessment, exported, cli,
                                                              monkeypatch):
    import openpyxl.reader.excel

    cells = b"".join(b'<c r="A%d"/>' % i for i in range(1, workbook.MAX_CELLS + 2))
    sheet = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
             b'spreadsheetml/2006/main"><sheetData><row r="1">' + cells + b"</row></sheetData></worksheet>")
    path = _with_extra_entries(exported, tmp_path / "cells.xlsx", {}, replace={"xl/worksheets/sheet3.xml": sheet})
    loads = []
    monkeypatch.setattr(openpyxl.reader.excel.ExcelReader, "read", lambda self: loads.append(1))
    assert _refused(ws, path, cli) == (f"cells.xlsx: has more than {workbook.MAX_CELLS} cells with content or "
                                       "formatting; a questionnaire has a few thousand")
    assert loads == []  # refused before openpyxl read anything


def test_openpyxl_warnings_never_reach_the_terminal(tmp_path, ws, assessment, exported):
    """A workbook openpyxl complains about (here a defined name for a sheet that does not exist, as other
    spreadsheet programs write them) still imports, and the output is only posture's own lines."""
    with zipfile.ZipFile(exported) as z:
        book = z.read("xl/workbook.xml").replace(
            b"</definedNames>", b'<definedName name="_xlnm.Print_Titles" localSheetId="77">X!$1:$1</definedName>'
                                b"</definedNames>")
    path = _with_extra_entries(exported, tmp_path / "odd.xlsx", {}, replace={"xl/workbook.xml": book})
    import subprocess
    import sys

    # a child process: pytest's own warning capture must not hide what a terminal would show
    r = subprocess.run([sys.executable, "-m", "posture", "--lang", "en", "questionnaire", "import", str(path),
                        "--into", "norte", "--workspace", str(ws.root), "--dry-run"], capture_output=True, text=True,
                       timeout=120)
    code, stdout, err = r.returncode, r.stdout, r.stderr
    assert code == 0
    assert err.splitlines() == ["warning: the questionnaire is in Spanish; answers are read in that language",
                                "dry run (--dry-run): nothing was written"]
    assert stdout.splitlines() == ["0 new vendor answers, 0 in conflict, 0 equal to those already given"]


def test_a_broken_workbook_is_said_in_posture_s_words_naming_the_sheet(tmp_path, ws, assessment, exported, cli):
    """A folder, a ZIP with no Excel parts, a sheet cut in half: said in the reader's language, the sheet by its
    tab's name (was Python's English: "[Errno 21] Is a directory", "KeyError: There is no item named
    '[Content_Types].xml'", "ParseError: no element found": newcomer)."""
    folder = tmp_path / "carpeta.xlsx"
    folder.mkdir()
    assert _refused(ws, folder, cli, lang="es") == "carpeta.xlsx: no se puede leer: es una carpeta, no un archivo"
    fake = tmp_path / "zipfalso.xlsx"
    with zipfile.ZipFile(fake, "w") as z:
        z.writestr("hola.txt", "no soy un libro")
    assert _refused(ws, fake, cli, lang="es") == ("zipfalso.xlsx: es un archivo ZIP pero no un libro de Excel (no "
                                                  "tiene [Content_Types].xml)")
    with zipfile.ZipFile(exported) as z:
        book = z.read("xl/workbook.xml").decode()
        sheet = z.read("xl/worksheets/sheet2.xml")
    tab = re.findall(r'<sheet [^>]*name="([^"]+)"', book)[1]
    cut = _with_extra_entries(exported, tmp_path / "cortado.xlsx", {},
                              replace={"xl/worksheets/sheet2.xml": sheet[: len(sheet) // 2]})
    said = _refused(ws, cut, cli, lang="es")
    assert said.startswith(f"cortado.xlsx: la hoja «{tab}» está dañada: XML mal formado en la línea ")
    assert said.endswith("; abra el libro en Excel y guárdelo de nuevo")
    assert _refused(ws, cut, cli).startswith(f"cortado.xlsx: the sheet «{tab}» is damaged: not well-formed XML at ")
