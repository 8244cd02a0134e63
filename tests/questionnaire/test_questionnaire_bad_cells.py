"""Every bad cell gives one located line (file, sheet, cell), exit 1, and the assessment is left untouched."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from posture.assessment import Workspace
from posture.errors import ContentError
from posture.questionnaire import build, read_filled
from posture.workbook import read_workbook, write_questionnaire

CARDS = "Tarjetas y grabaciones"  # QS-04 is its first question: row 3
ACCESS = "Acceso y exposición a internet"  # QS-08 on row 3 to QS-13 on row 8


def _refused(ws, exported, cli, lang="es"):
    path = ws.root / "norte" / "assessment.yaml"
    before = path.read_bytes(), path.stat().st_mtime_ns
    code, stdout, err = cli("questionnaire", "import", exported, "--into", "norte", "--workspace", ws.root,
                            lang=lang)
    assert code == 1
    assert "Traceback" not in err and stdout == ""
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before  # nothing written
    assert not path.with_name("assessment.yaml.bak").exists()
    return err.splitlines()


def test_the_issue_example_line(ws, assessment, exported, fill, cli):
    fill(exported, {"QS-04": {"D": "Quizás"}, "QS-06": {"D": "Sí"}})
    assert _refused(ws, exported, cli) == [
        f"vendor.xlsx: hoja «{CARDS}», D3: «Quizás» no es una respuesta (Sí, Parcial, No, No aplica)"]
    assert _refused(ws, exported, cli, lang="en") == [
        f"vendor.xlsx: sheet '{CARDS}', D3: 'Quizás' is not an answer (Sí, Parcial, No, No aplica)"]


def test_one_line_per_bad_cell(ws, assessment, exported, fill, cli):
    def vendor_edits(wb):
        access = wb[ACCESS]
        access.merge_cells("D7:D8")  # one answer for two questions
        access["F6"] = "=HYPERLINK(\"http://evil.invalid\",\"ver\")"  # a formula in a comment cell
        cards = wb[CARDS]
        cards.insert_rows(3)  # the questions move down one row: QS-04 is now on row 4
        cards["A3"] = None
        cards["D3"] = "Sí"  # an answer in a row without a question id
        cards["A20"] = "QS-04"  # the same question twice
        cards["D20"] = "No"
        cards["A21"] = "ZZ-99"  # an id that is not in the questionnaire
        cards["D21"] = "Sí"

    fill(exported, {
        "QS-04": {"D": "Sí"},
        "QS-05": {"D": "No aplica"},  # no justification
        "QS-08": {"D": True},  # a boolean, not text
        "QS-09": {"D": dt.datetime(2026, 1, 5)},
        "QS-01": {"D": "=IF(1,\"Sí\",\"No\")"},  # a formula in the answer: never evaluated
        "QS-02": {"D": "Sí", "F": "x" * 4001},
        "QS-22": {"D": "7"},  # maturity has 0–5
    }, edit=vendor_edits)
    lines = _refused(ws, exported, cli)
    assert lines == [
        "vendor.xlsx: hoja «Certificaciones y pruebas…», D3: contiene una fórmula (=IF(1,\"Sí\",\"No\")); "
        "las fórmulas no se evalúan: escriba el valor",
        "vendor.xlsx: hoja «Certificaciones y pruebas…», F4: texto de 4001 caracteres; el máximo es 4000",
        f"vendor.xlsx: hoja «{CARDS}», D3: hay respuesta pero A3 no tiene el ID de la pregunta",
        f"vendor.xlsx: hoja «{CARDS}», D5: «No aplica» necesita una justificación en E5",
        f"vendor.xlsx: hoja «{CARDS}», A20: la pregunta QS-04 ya aparece en la hoja «{CARDS}», A4",
        f"vendor.xlsx: hoja «{CARDS}», A21: «ZZ-99» no es una pregunta de este cuestionario",
        f"vendor.xlsx: hoja «{ACCESS}», D3: «VERDADERO» no es texto",
        f"vendor.xlsx: hoja «{ACCESS}», D4: «2026-01-05 00:00:00» no es texto",
        f"vendor.xlsx: hoja «{ACCESS}», F6: contiene una fórmula (=HYPERLINK(\"http://evil.invalid\",\"ver\")); "
        "las fórmulas no se evalúan: escriba el valor",
        f"vendor.xlsx: hoja «{ACCESS}», D7: celda combinada (D7:D8): cada pregunta necesita sus propias celdas; "
        "separe la combinación",
        f"vendor.xlsx: hoja «{ACCESS}», D8: celda combinada (D7:D8): cada pregunta necesita sus propias celdas; "
        "separe la combinación",
        "vendor.xlsx: hoja «Personal, piso de operación y…», D5: «7» no es una respuesta (0 · Inexistente, "
        "1 · Inicial, 2 · Repetible, 3 · Definido, 4 · Gestionado, 5 · Optimizado, No aplica)",
    ]


def test_not_applicable_where_the_scale_refuses_it(ws, assessment, quick, exported, fill):
    fill(exported, {"QS-01": {"D": "No aplica", "E": "no tenemos certificado"}})
    strict = replace(quick, scales={k: replace(s, allow_na=False) for k, s in quick.scales.items()})
    with pytest.raises(ContentError) as caught:
        read_filled(read_workbook(exported), assessment, strict, "es")
    assert caught.value.lines("es") == [
        "vendor.xlsx: hoja «Certificaciones y pruebas…», D3: la pregunta QS-01 no admite «No aplica» "
        "(Sí, Parcial, No)"]


def test_missing_metadata_sheet(ws, assessment, exported, fill, cli):
    fill(exported, {"QS-01": {"D": "Sí"}}, edit=lambda wb: wb.remove(wb["_posture"]))
    assert _refused(ws, exported, cli, lang="en") == [
        "vendor.xlsx: is not a posture questionnaire (its hidden metadata sheet is missing); export one with "
        "'posture questionnaire export'"]


@pytest.mark.parametrize("edit", [
    lambda wb: wb["_posture"].cell(row=7, column=2, value="en"),  # the language, changed by hand
    lambda wb: wb["_posture"].cell(row=2, column=2, value="otra"),  # the assessment id
    lambda wb: wb["_posture"].cell(row=10, column=2, value="0" * 64),  # the digest itself
    lambda wb: wb["_posture"].cell(row=13, column=2, value="ffff"),  # one question's hash
])
def test_altered_metadata_is_refused(ws, assessment, exported, fill, cli, edit):
    fill(exported, {"QS-01": {"D": "Sí"}}, edit=edit)
    assert _refused(ws, exported, cli) == [
        "vendor.xlsx: la hoja de metadatos fue modificada (su huella no coincide): no se puede saber para qué "
        "evaluación se hizo; exporte el cuestionario de nuevo"]


def test_metadata_rows_are_where_the_alteration_tests_expect(exported):
    import openpyxl

    meta = openpyxl.load_workbook(exported)["_posture"]
    assert meta.sheet_state == "veryHidden"
    assert [meta.cell(row=r, column=1).value for r in (2, 7, 10, 13)] == ["assessment_id", "lang", "digest", "QS-01"]


def test_a_workbook_for_another_assessment_or_checklist(tmp_path, ws, assessment, quick, fill, cli):
    other = ws.create(vendor="Otro", site="Otro", checklist=quick, slug="otro")
    wrong = write_questionnaire(build(other, quick, "es"), tmp_path / "otro.xlsx")
    fill(wrong, {"QS-01": {"D": "Sí"}})
    assert _refused(ws, wrong, cli) == [
        "otro.xlsx: este cuestionario se hizo para la evaluación «otro», no para «norte»"]

    from posture.content import bundled_library

    remote = bundled_library().checklists["remote-agents"]
    twin = Workspace(tmp_path / "ws2").create(vendor="X", site="Y", checklist=remote, slug="norte")
    wrong = write_questionnaire(build(twin, remote, "en"), tmp_path / "remote.xlsx")
    assert _refused(ws, wrong, cli, lang="en") == [
        "remote.xlsx: this questionnaire uses checklist 'remote-agents'; the assessment uses 'quick-screening'"]
