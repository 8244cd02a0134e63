"""The round trip: export, the vendor fills the workbook, import, score."""

from __future__ import annotations

import openpyxl
import yaml

from posture import l10n
from posture.assessment import Answer, load_assessment, save_assessment
from posture.scoring import score


def _answers(ws, slug="norte"):
    return load_assessment(ws.root / slug / "assessment.yaml").answers


def test_export_fill_import_and_score(tmp_path, ws, assessment, quick, fill, cli):
    out = tmp_path / "vendor.xlsx"
    code, _, err = cli("questionnaire", "export", "norte", "--workspace", ws.root, "-o", out)
    assert code == 0, err
    assert "25 preguntas en 5 hojas, español" in err
    fill(out, {
        "QS-01": {"D": "Sí", "F": "Certificado vigente hasta 2027", "G": "ISO-cert.pdf p. 1"},
        "QS-02": {"D": "  si "},  # accents, case and spaces do not matter
        "QS-03": {"D": "Parcial"},
        "QS-04": {"D": "No aplica", "E": "No recibimos pagos con tarjeta"},
        "QS-05": {"D": "No", "E": "texto que no es justificación"},
        "QS-22": {"D": 3},  # a maturity level typed as a number
        "QS-25": {"D": "5 · Optimizado"},
    })
    code, stdout, err = cli("questionnaire", "import", out, "--into", "norte", "--workspace", ws.root)
    assert code == 0, err
    assert "7 respuestas nuevas del proveedor, 0 en conflicto, 0 iguales" in stdout
    assert "hoja «Tarjetas y grabaciones», E" in err  # the stray justification is warned about, then kept
    answers = _answers(ws)
    assert {qid: a.value for qid, a in answers.items()} == {
        "QS-01": "yes", "QS-02": "yes", "QS-03": "partial", "QS-04": "na", "QS-05": "no", "QS-22": "3",
        "QS-25": "5"}
    assert {a.method for a in answers.values()} == {"vendor-declared"}
    assert answers["QS-04"].na_justification == "No recibimos pagos con tarjeta"
    day = l10n.short_date(answers["QS-01"].answered_at, "es")  # as Spanish writes it: «30 nov 2026»
    assert answers["QS-01"].note == (
        "Proveedor (Contacto Norte), cuestionario vendor.xlsx del " + day
        + ": Certificado vigente hasta 2027\nProveedor (Contacto Norte), cuestionario vendor.xlsx del "
        + day + ", evidencia indicada: ISO-cert.pdf p. 1")
    assert "justificación (la respuesta no es «No aplica»): texto que no es justificación" in answers["QS-05"].note
    assert answers["QS-01"].answered_by == "Contacto Norte"
    assert answers["QS-01"].question_hash == assessment.checklist.questions["QS-01"]
    raw = yaml.safe_load((ws.root / "norte" / "assessment.yaml").read_text("utf-8"))
    assert raw["answers"]["QS-22"]["method"] == "vendor-declared"

    card = score(load_assessment(ws.root / "norte" / "assessment.yaml"), quick)
    assert card.vendor_declared == ["QS-01", "QS-02", "QS-03", "QS-04", "QS-05", "QS-22", "QS-25"]
    assert card.overall.claimed is not None and card.overall.claimed > 0
    assert card.overall.verified is None and card.overall.verified_weight == 0  # a claim never verifies
    assert not any(q.verified for q in card.questions.values())

    code, stdout, _ = cli("score", "norte", "--workspace", ws.root)
    assert code == 0
    assert "Solo declaradas por el proveedor (no verificadas, confírmelas en la entrevista): 7" in stdout


def test_a_confirmed_answer_counts_as_verified(tmp_path, ws, assessment, quick, exported, fill, cli):
    fill(exported, {"QS-01": {"D": "Sí"}})
    assert cli("questionnaire", "import", exported, "--into", "norte", "--workspace", ws.root)[0] == 0
    a = load_assessment(ws.root / "norte" / "assessment.yaml")
    a.answers["QS-01"].method = "document"  # the assessor saw the certificate …
    from posture.assessment import Evidence  # … and keeps it on record: a label alone is a claim (docs/scoring.md §4)

    a.answers["QS-01"].evidence = [Evidence("evidence/certificado.pdf", "ab" * 32, "2026-06-01T10:00:00+00:00")]
    save_assessment(a)
    card = score(load_assessment(ws.root / "norte" / "assessment.yaml"), quick)
    assert card.vendor_declared == []
    assert card.questions["QS-01"].verified and card.overall.verified == 100.0


def test_conflicts_are_kept_unless_overwrite(tmp_path, ws, assessment, quick, exported, fill, cli):
    a = load_assessment(ws.root / "norte" / "assessment.yaml")
    a.answers["QS-01"] = Answer("no", "document", note="visto en sitio", qid="QS-01")
    a.answers["QS-02"] = Answer("yes", "interview", qid="QS-02")
    save_assessment(a)
    fill(exported, {"QS-01": {"D": "Sí", "F": "tenemos certificado"}, "QS-02": {"D": "Sí"}, "QS-03": {"D": "No"}})
    before = (ws.root / "norte" / "assessment.yaml").read_bytes()

    code, stdout, _ = cli("questionnaire", "import", exported, "--into", "norte", "--workspace", ws.root,
                          "--dry-run")
    assert code == 0
    assert "1 respuesta nueva del proveedor, 1 en conflicto, 1 igual a la ya dada" in stdout  # each count its form
    assert "conflicto QS-01: la evaluación dice «No» (documento); el proveedor, «Sí» (hoja" in stdout
    assert (ws.root / "norte" / "assessment.yaml").read_bytes() == before  # a dry run writes nothing

    code, stdout, _ = cli("questionnaire", "import", exported, "--into", "norte", "--workspace", ws.root)
    assert code == 0 and "los conflictos se conservan" in stdout
    answers = _answers(ws)
    assert (answers["QS-01"].value, answers["QS-01"].method) == ("no", "document")
    assert (answers["QS-02"].value, answers["QS-02"].method) == ("yes", "interview")
    assert (answers["QS-03"].value, answers["QS-03"].method) == ("no", "vendor-declared")

    code, stdout, _ = cli("questionnaire", "import", exported, "--into", "norte", "--workspace", ws.root,
                          "--overwrite", lang="en")
    assert code == 0 and "conflicts are replaced" in stdout
    answers = _answers(ws)
    assert (answers["QS-01"].value, answers["QS-01"].method) == ("yes", "vendor-declared")
    assert answers["QS-01"].note.startswith("visto en sitio\nProveedor (Contacto Norte)")  # earlier note kept


def test_renamed_reordered_inserted_and_extra_sheets_still_map_by_id(tmp_path, ws, assessment, exported, fill,
                                                                     cli):
    def vendor_edits(wb):
        cards = wb["Tarjetas y grabaciones"]
        cards.title = "Pagos"  # renamed
        wb.move_sheet(cards, offset=-2)  # reordered
        cards.insert_rows(3, amount=4)  # rows inserted above the questions
        cards["B4"] = "fila que agregó el proveedor"
        extra = wb.create_sheet("Notas del proveedor")  # an extra sheet with anything in it
        extra["A1"] = "Resumen"
        extra["D1"] = "Quizás"
        wb["Acceso y exposición a internet"].merge_cells("B3:C3")  # a merge outside the answer cells is harmless

    fill(exported, {"QS-04": {"D": "Sí"}, "QS-06": {"D": "No"}}, edit=vendor_edits)
    wb = openpyxl.load_workbook(exported)
    assert wb.sheetnames.index("Pagos") < wb.sheetnames.index("Certificaciones y pruebas…")
    code, _, err = cli("questionnaire", "import", exported, "--into", "norte", "--workspace", ws.root)
    assert code == 0, err
    assert "aviso: la hoja «Notas del proveedor» no tiene preguntas del cuestionario; se ignora" in err
    answers = _answers(ws)
    assert {q: a.value for q, a in answers.items()} == {"QS-04": "yes", "QS-06": "no"}


def test_only_unanswered_and_english(tmp_path, ws, assessment, quick, cli):
    a = load_assessment(ws.root / "norte" / "assessment.yaml")
    a.answers["QS-01"] = Answer("yes", "interview", qid="QS-01")
    save_assessment(a)
    out = tmp_path / "en.xlsx"
    code, _, err = cli("questionnaire", "export", "norte", "--workspace", ws.root, "-o", out, "--lang", "en",
                       "--only-unanswered")
    assert code == 0, err
    assert "24 preguntas en 5 hojas, inglés" in err  # messages in the session language, workbook in English
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "Instructions"
    ids = [r[0] for s in wb.worksheets[1:] if s.sheet_state == "visible"
           for r in s.iter_rows(min_row=3, max_col=1, values_only=True)]
    assert "QS-01" not in ids and "QS-02" in ids and len(ids) == 24
    code, _, err = cli("questionnaire", "export", "norte", "--workspace", ws.root, "-o", out)
    assert code == 1 and "ya existe; use --force" in err


def test_a_later_checklist_version_maps_with_a_warning(tmp_path, ws, assessment, quick, exported, fill):
    from dataclasses import replace

    from posture.questionnaire import read_filled
    from posture.workbook import read_workbook

    fill(exported, {"QS-01": {"D": "Sí"}})
    newer = replace(quick, version="1.1.0", content_hash="0" * 64, sections=list(quick.sections))
    from posture.assessment import drift
    from posture.questionnaire import apply_import, plan_import

    qs01 = newer.sections[0].questions[0]
    reworded = replace(qs01, text={"es": qs01.text["es"] + " (nuevo)", "en": qs01.text["en"] + " (new)"})
    newer.sections[0] = replace(newer.sections[0], questions=(reworded, *newer.sections[0].questions[1:]))
    newer.__dict__.pop("questions", None)
    newer.__dict__.pop("_by_id", None)
    result = read_filled(read_workbook(exported), assessment, newer, "en")
    assert list(result.answers) == ["QS-01"]
    assert {"es": "aviso: estas preguntas cambiaron desde que se exportó el cuestionario; el proveedor respondió la "
                  "redacción anterior: QS-01",
            "en": "warning: these questions changed since the questionnaire was exported; the vendor answered the "
                  "earlier wording: QS-01"} in result.warnings
    apply_import(assessment, newer, plan_import(assessment, result), result, "vendor.xlsx")
    assert drift(assessment, newer).answered_changed == ["QS-01"]  # the interview must ask it again
    assert any("made with checklist version 1.0.0 and the assessment uses 1.1.0" in w["en"] for w in result.warnings)
    assert any("the questionnaire is in Spanish" in w["en"] for w in result.warnings)


def test_the_report_and_its_export_count_vendor_declared_answers(ws, assessment, exported, fill, cli):
    import json

    from posture import report
    from posture.content import validate_doc
    from posture.safe_yaml import loads_yaml

    fill(exported, {"QS-01": {"D": "Sí"}, "QS-02": {"D": "No"}, "QS-03": {"D": "Parcial"}})
    assert cli("questionnaire", "import", exported, "--into", "norte", "--workspace", ws.root)[0] == 0
    loaded = report.load(ws.root / "norte" / "assessment.yaml")
    html = report.render_html(loaded, "es")
    assert ("3 respuestas solo declaradas por el proveedor en su cuestionario: cuentan en la puntuación declarada, "
            "no en la verificada.") in html
    assert "3 answers only declared by the vendor in its questionnaire" in report.render_html(loaded, "en")
    data = json.loads(report.export_json(loaded))
    assert data["scores"]["vendor_declared"] == ["QS-01", "QS-02", "QS-03"]
    assert validate_doc(loads_yaml(report.export_json(loaded), "export.json"), "report-export") == []


def test_command_line_errors_are_one_line(tmp_path, ws, assessment, exported, cli):
    import subprocess
    import sys

    code, _, err = cli("questionnaire", "export", "norte", "--workspace", ws.root, "-o", tmp_path / "x.xlsx",
                       "--checklist", "quick-screening")
    assert code == 0, err
    code, _, err = cli("questionnaire", "export", "norte", "--workspace", ws.root, "-o", tmp_path / "y.xlsx",
                       "--checklist", "no-such-list", lang="en")
    assert (code, err.strip()) == (1, "--checklist no-such-list: no checklist with that id is installed and no file "
                                      "has that name")
    code, _, err = cli("questionnaire", "export", "norte", "--workspace", ws.root, "-o", tmp_path / "y.xls",
                       lang="en")
    assert (code, err.strip()) == (1, "the output file must end in .xlsx")
    r = subprocess.run([sys.executable, "-m", "posture", "--lang", "es", "questionnaire", "import", str(exported),
                        "--into", "nadie", "--workspace", str(ws.root)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr.strip() == f"no hay ninguna evaluación 'nadie' en {ws.root}"


def test_an_encrypted_assessment_stays_encrypted(tmp_path, ws, quick, fill, cli, monkeypatch):
    from posture.assessment import is_encrypted_file

    monkeypatch.setenv("POSTURE_PASSPHRASE", "frase de prueba larga")
    ws.create(vendor="Cifrada", site="Puebla", checklist=quick, slug="cifrada", passphrase="frase de prueba larga")
    target = ws.root / "cifrada" / "assessment.yaml.enc"
    out = tmp_path / "cifrada.xlsx"
    assert cli("questionnaire", "export", "cifrada", "--workspace", ws.root, "-o", out)[0] == 0
    fill(out, {"QS-01": {"D": "Parcial", "F": "en proceso"}})
    code, _, err = cli("questionnaire", "import", out, "--into", "cifrada", "--workspace", ws.root)
    assert code == 0, err
    assert is_encrypted_file(target) and not (ws.root / "cifrada" / "assessment.yaml").exists()
    assert b"en proceso" not in target.read_bytes()
    saved = load_assessment(target, passphrase="frase de prueba larga")
    assert (saved.answers["QS-01"].value, saved.answers["QS-01"].method) == ("partial", "vendor-declared")


def test_the_command_runs_twice_in_one_process(ws, assessment, cli):
    """The tests here call ``main`` many times in one process: a subcommand module must not shadow a name
    ``main`` uses (``posture.cli.list`` once shadowed the builtin ``list``)."""
    assert cli("list", "--workspace", ws.root)[0] == 0
    assert cli("list", "--workspace", ws.root)[0] == 0


def test_a_deleted_sheet_is_said_not_passed_over(tmp_path, ws, assessment, quick, exported, fill, cli):
    """The vendor deleted a sheet: its questions are in no sheet. The import said nothing of them (and an invalid
    answer on that sheet went unseen); it now warns, naming the section and how many questions (newcomer)."""
    fill(exported, {"QS-01": {"D": "Sí"}, "QS-06": {"D": "Sí"}})
    book = openpyxl.load_workbook(exported)
    first = quick.sections[0]
    gone = next(s for s in book.worksheets if s.sheet_state == "visible" and s.cell(row=3, column=1).value == "QS-01")
    book.remove(gone)
    book.save(exported)
    code, _, err = cli("questionnaire", "import", exported, "--into", "norte", "--workspace", ws.root)
    assert code == 0, err
    n = sum(1 for q in first.questions)
    assert f"aviso: {n} preguntas de la sección «{first.title['es']}» no están en ninguna hoja (¿se borró su hoja?): " \
           "no se leyeron" in err
    assert "QS-01" not in _answers(ws) and _answers(ws)["QS-06"].value == "yes"
