"""The exported workbook, inspected cell by cell, then opened by LibreOffice and read back from its PDF."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from dataclasses import replace

import openpyxl
import pytest

from posture.content import ScaleOption, bundled_library
from posture.questionnaire import Binding, build
from posture.workbook import METADATA_SHEET, read_workbook, sheet_name, workbook_bytes, write_questionnaire

YES_NO_ES = '"Sí,Parcial,No,No aplica"'
MATURITY_ES = '"0 · Inexistente,1 · Inicial,2 · Repetible,3 · Definido,4 · Gestionado,5 · Optimizado,No aplica"'


def _validation_of(ws, ref: str):
    found = [dv for dv in ws.data_validations.dataValidation if ref in dv.sqref]
    assert len(found) == 1, ref
    return found[0]


def test_layout_cell_by_cell(exported, quick):
    assert oct(exported.stat().st_mode & 0o777) == "0o600"
    wb = openpyxl.load_workbook(exported)
    assert wb.sheetnames == ["Instrucciones", "Certificaciones y pruebas…", "Tarjetas y grabaciones",
                             "Acceso y exposición a internet", "Contrato, privacidad y terceros",
                             "Personal, piso de operación y…", METADATA_SHEET]
    assert wb.security.lockStructure  # sheets cannot be added, renamed or moved without unprotecting
    assert wb[METADATA_SHEET].sheet_state == "veryHidden"
    intro = wb["Instrucciones"]
    assert intro["A1"].value == "Cuestionario de seguridad para Contacto Norte — Monterrey"
    assert intro["B3"].value.startswith("Responda una hoja por sección")
    cards = wb["Tarjetas y grabaciones"]
    assert cards["A1"].value == "Tarjetas y grabaciones"
    assert [cards[f"{c}2"].value for c in "ABCDEFGH"] == [
        "ID", "Pregunta", "Qué se espera", "Respuesta", "Justificación si «No aplica»", "Comentario",
        "Referencia de la evidencia (documento, página)", "Evidencia que se pedirá"]
    q = quick.question("QS-04")
    assert cards["A3"].value == "QS-04"
    assert cards["B3"].value == q.text["es"]
    assert cards["C3"].value == q.guidance["es"]
    assert cards["H3"].value == "\n".join(f"• {e['es']}" for e in q.evidence)
    assert [cards[f"A{r}"].value for r in range(3, 8)] == ["QS-04", "QS-05", "QS-06", "QS-07", None]
    assert all(cards[f"{c}3"].value is None for c in "DEFG")  # nothing prefilled: the vendor answers
    # protection: the sheet is protected, only D–G of question rows are unlocked
    assert cards.protection.sheet
    assert [cards[f"{c}3"].protection.locked for c in "ABCDEFGH"] == [True, True, True, False, False, False, False,
                                                                         True]
    assert cards["D2"].protection.locked and cards["D8"].protection.locked
    # drop-downs from each question's scale
    dv = _validation_of(cards, "D3")
    assert (dv.type, dv.formula1, dv.allow_blank, dv.showErrorMessage) == ("list", YES_NO_ES, True, True)
    people = wb["Personal, piso de operación y…"]
    assert people["A5"].value == "QS-22"
    assert _validation_of(people, "D5").formula1 == MATURITY_ES
    assert _validation_of(people, "D3").formula1 == YES_NO_ES


def test_english_and_the_binding(tmp_path, assessment, quick):
    q = build(assessment, quick, "en", now="2026-11-02T10:00:00+00:00")
    path = write_questionnaire(q, tmp_path / "en.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[:3] == ["Instructions", "Certifications and independent…", "Cards and recordings"]
    cards = wb["Cards and recordings"]
    assert cards["B2"].value == "Question" and cards["B3"].value == quick.question("QS-04").text["en"]
    assert _validation_of(cards, "D3").formula1 == '"Yes,Partial,No,Not applicable"'
    meta = read_workbook(path).metadata
    binding = Binding(assessment_id="norte", vendor="Contacto Norte", checklist_id="quick-screening",
                      checklist_version="1.0.0", checklist_hash=quick.content_hash, lang="en",
                      created_at="2026-11-02T10:00:00+00:00", questions=dict(assessment.checklist.questions))
    assert meta["digest"] == binding.digest() == q.binding.digest()
    assert meta["assessment_id"] == "norte" and meta["lang"] == "en"


def test_user_text_is_never_written_as_a_formula(tmp_path, ws, quick):
    hostile = ws.create(vendor='=HYPERLINK("http://evil.invalid","clic")', site="+cmd|' /C calc'!A0",
                        checklist=quick, slug="hostil")
    data = workbook_bytes(build(hostile, quick, "es"))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = b"".join(z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))
    assert b"<f>" not in xml and b"<f " not in xml
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb["Instrucciones"]["A1"].data_type == "s"
    assert wb["Instrucciones"]["A1"].value == ("Cuestionario de seguridad para =HYPERLINK(\"http://evil.invalid\","
                                               "\"clic\") — +cmd|' /C calc'!A0")


def test_long_or_comma_choices_go_to_a_hidden_list(tmp_path, assessment, quick):
    yes_no = quick.scales["yes-no"]
    odd = replace(yes_no, options=(*yes_no.options, ScaleOption("later", "l", 0.0,
                                                                {"es": "Sí, pero después", "en": "Yes, later"})))
    custom = replace(quick, scales={**quick.scales, "yes-no": odd})
    custom.__dict__.pop("questions", None)
    wb = openpyxl.load_workbook(io.BytesIO(workbook_bytes(build(assessment, custom, "es"))))
    dv = _validation_of(wb["Tarjetas y grabaciones"], "D3")
    assert dv.formula1 == f"'{METADATA_SHEET}'!$D$1:$D$5"
    assert [wb[METADATA_SHEET][f"D{r}"].value for r in range(1, 6)] == ["Sí", "Parcial", "No", "Sí, pero después",
                                                                        "No aplica"]


def test_the_full_checklist_exports_every_question(tmp_path, ws):
    full = bundled_library().checklists["bpo-contact-center"]
    a = ws.create(vendor="BPO", site="CDMX", checklist=full, slug="bpo")
    q = build(a, full, "es")
    wb = openpyxl.load_workbook(io.BytesIO(workbook_bytes(q)))
    names = wb.sheetnames
    assert len(names) == len(full.sections) + 2 and len({n.casefold() for n in names}) == len(names)
    assert all(len(n) <= 31 for n in names)
    ids = [ws_["A"][r].value for ws_ in wb.worksheets[1:-1] for r in range(2, ws_.max_row)]
    assert ids == [qq.id for qq in full.questions]


def test_sheet_names_are_valid_and_unique():
    taken: set[str] = set()
    assert sheet_name("Red: VPN / acceso [remoto]?", taken) == "Red VPN acceso remoto"
    taken = set()
    first = sheet_name("x" * 40, taken)
    second = sheet_name("x" * 40, taken)
    assert (first, second) == ("x" * 30 + "…", "x" * 27 + " (2)")  # cut with «…»; unique with a number
    assert sheet_name("'Quoted'", set()) == "Quoted"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("libreoffice") is None, reason="libreoffice is not installed "
                    "(apt-get install libreoffice-calc-nogui)")
def test_libreoffice_opens_it_and_prints_every_question(tmp_path, exported, quick):
    """A real office suite reads the workbook: the PDF it prints holds the headers, ids, questions and
    guidance, in full (rows are tall enough not to cut the text off)."""
    profile = tmp_path / "lo-profile"
    r = subprocess.run(["libreoffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(tmp_path), str(exported)], capture_output=True, text=True, timeout=240)
    pdf = tmp_path / "vendor.pdf"
    assert r.returncode == 0 and pdf.is_file(), r.stderr
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(text.split())
    assert "Cuestionario de seguridad para Contacto Norte — Monterrey" in flat
    assert "Qué se espera" in flat and "Evidencia que se pedirá" in flat
    for q in quick.questions:
        assert q.id in flat
    # the last words of a long guidance text are printed: the row was not cut short
    last_words = " ".join(quick.question("QS-01").guidance["es"].split()[-3:])
    assert last_words in flat


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("libreoffice") is None, reason="libreoffice is not installed "
                    "(apt-get install libreoffice-calc-nogui)")
def test_a_workbook_saved_again_by_libreoffice_imports(tmp_path, assessment, quick, exported, fill):
    """A vendor without Excel fills it in LibreOffice Calc and saves it: the binding and the answers survive."""
    from posture.questionnaire import read_filled

    fill(exported, {"QS-01": {"D": "Sí", "F": "comentario"}, "QS-04": {"D": "No aplica", "E": "sin tarjetas"}})
    out = tmp_path / "resaved"
    profile = tmp_path / "lo-profile"
    r = subprocess.run(["libreoffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                        "xlsx", "--outdir", str(out), str(exported)], capture_output=True, text=True, timeout=240)
    assert r.returncode == 0 and (out / "vendor.xlsx").is_file(), r.stderr
    result = read_filled(read_workbook(out / "vendor.xlsx"), assessment, quick, "es")
    assert {q: (d.value, d.comment, d.na_justification) for q, d in result.answers.items()} == {
        "QS-01": ("yes", "comentario", ""), "QS-04": ("na", "", "sin tarjetas")}
    assert result.warnings == []
