"""The remediation plan and the scores as spreadsheets: CSV (safe for Excel and LibreOffice) and XLSX.

One plan layout serves ``posture export --format csv|xlsx`` and ``posture plan --csv``: a stable action id,
priority, risk, action, owner, due date, effort, the status stored in the assessment (``posture plan
--set``), whether it is overdue on the report date, comments (a risk acceptance's justification, owner
and expiry), the gain per framework (after the 40 % cap and without it), which critical-failure caps
the action lifts, and the questions and findings behind each action. Headers and values are in the
report's language.

Spreadsheet safety follows OWASP's CSV-injection guidance
(https://owasp.org/www-community/attacks/CSV_Injection): a text cell that begins with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return gets a leading apostrophe, so no formula can run; in XLSX every text
cell is stored as a string, never as a formula. Numbers posture computes are written as numbers.

``;`` as the CSV delimiter (Excel in Spain and most of Europe) comes with decimal commas, as those
locales read them; ``,`` (Mexico, the US) keeps decimal points. Dates are ISO 8601 (YYYY-MM-DD),
which every spreadsheet reads as a date.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
from collections.abc import Iterable

from posture.i18n import _, _p, both, tr
from posture.plan import EFFORTS, Plan
from posture.report._strings import STRINGS
from posture.scoring import Scorecard, grade
from posture.vocabulary import ActionStatus, AnswerValue

DELIMITERS = (",", ";", "\t")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # OWASP CSV injection: characters that start a formula
XLSX_CELL_MAX = 32_767  # Excel's limit on the characters of one cell

# Remediation status: what a manager tracks in the sheet, the action statuses stored in the assessment
# (posture plan --set; docs/scoring.md); the XLSX offers them in a drop-down.
STATUSES = ActionStatus.labels(cap=True)  # status → {"es": "En curso", ...}

_S = {
    "action_id": _("Action id"),
    "title": _("Title"),  # the action's title (PlanItem.title); the id column stays for joins
    "risk": _("Risk (1–25)"),
    "impact": _("Impact (1–5)"),
    "likelihood": _("Likelihood (1–5)"),
    "status": _("Status"),
    "comments": _("Comments"),
    "overdue": _p("one action", "Overdue"),
    "gain": _("Gain {fw} (pts)"),
    "uncapped_gain": _("Uncapped gain {fw} (pts)"),
    "lifts_cap": _("Lifts cap"),
    "lifts_one": _("{fw}: {k} of {n}"),
    "accepted_by": _("{justification} ({owner}, until {expires})"),
    "coverage": _("Coverage (%)"),
    "verified_uncapped": _("Verified uncapped"),
    "verdict": _("Verdict"),
    "next_review": _("Next review"),
    "insufficient": _("Insufficient coverage"),
    "scores": _("Scores"),
    "level": _p("score row", "Level"),  # the row's scope (framework, section), not its grade
    "name": _("Name"),
    "claimed_uncapped": _("Claimed uncapped"),
    "capped_by": _("Capped by"),
    "framework": _("Framework"),
    "section": _("Section"),
    "overall": _("Overall"),
    "status_help": _("Pick a status from the list."),
}


def neutralise(value):
    """A text cell a spreadsheet cannot run: OWASP's leading apostrophe before a formula start; others unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _names(frameworks, catalogs) -> dict[str, str]:
    """Framework id → its catalog's ``short_name`` (``catalogs`` default: the bundled ones); the id if unknown."""
    if catalogs is None:
        from posture.content import bundled_library

        catalogs = bundled_library().catalogs
    return {fw: catalogs[fw].short_name if fw in catalogs else fw for fw in frameworks}


def plan_table(plan: Plan, frameworks: Iterable[str], lang: str, catalogs=None) -> tuple[list[str], list[list]]:
    """Header and rows of the plan; values are typed (str, int, float, date), in ``lang``; frameworks are
    named by their catalog's ``short_name`` (``catalogs``: id → Catalog, default the bundled ones).

    ``overdue`` is the plan's own flag: call with ``plan.as_of(report_date)`` (as the exports do)."""
    frameworks = list(frameworks)
    names = _names(frameworks, catalogs)
    head = [tr(_S["action_id"], lang), tr(_S["title"], lang), tr(STRINGS["priority"], lang), tr(_S["risk"], lang),
            tr(_S["impact"], lang), tr(_S["likelihood"], lang), tr(STRINGS["action"], lang),
            tr(STRINGS["references"], lang), tr(STRINGS["owner"], lang), tr(STRINGS["due"], lang),
            tr(STRINGS["effort"], lang), tr(_S["status"], lang), tr(_S["overdue"], lang), tr(_S["comments"], lang),
            *(tr(_S["gain"], lang).format(fw=names[fw]) for fw in frameworks),
            *(tr(_S["uncapped_gain"], lang).format(fw=names[fw]) for fw in frameworks),
            tr(_S["lifts_cap"], lang), tr(STRINGS["questions"], lang), tr(STRINGS["findings_short"], lang)]
    rows = []
    for item in plan.items:
        refs = "; ".join(f"{names.get(fw, fw)}: {', '.join(ids)}" for fw, ids in item.references.items() if ids)
        st = item.status
        comment = st.justification
        if st.status == "risk-accepted":
            comment = tr(_S["accepted_by"], lang).format(justification=st.justification, owner=st.owner,
                                                         expires=st.expires)
        comment = " — ".join(x for x in (comment, st.note) if x)
        lifts = "; ".join(tr(_S["lifts_one"], lang).format(fw=names.get(fw, fw), k=k, n=n)
                          for fw, (k, n) in item.lifts_cap.items())
        rows.append([item.id, tr(item.title, lang) if item.title else item.id, item.priority, item.risk,
                     item.impact, item.likelihood, tr(item.action, lang), refs,
                     tr(item.owner_name, lang), _dt.date.fromisoformat(item.due),
                     tr(EFFORTS.get(item.effort, both(item.effort, item.effort)), lang),
                     tr(STATUSES.get(st.status, STATUSES["open"]), lang),
                     (AnswerValue.YES if item.overdue else AnswerValue.NO).text(lang, cap=True), comment,
                     *(item.gain.get(fw, 0.0) for fw in frameworks),
                     *(item.uncapped_gain.get(fw, 0.0) for fw in frameworks),
                     lifts, " ".join(item.question_ids), " ".join(item.finding_ids)])
    return head, rows


def scores_table(card: Scorecard, section_titles: dict[str, str], lang: str,
                 verdict=None, catalogs=None) -> tuple[list[str], list[list]]:
    """One row for the overall score, one per framework and per section: claimed, verified, grade
    letter and name, uncapped scores and the questions that cap them; the overall row also carries the
    coverage (answered of all questions, %) and, when given, the verdict and its next review.

    Grades follow the report: the overall letter is the headline's (docs/scoring.md §7), and no
    letter is given anywhere below the coverage thresholds."""
    head = [tr(_S["level"], lang), tr(_S["name"], lang), tr(STRINGS["claimed"], lang),
            tr(STRINGS["verified"], lang), tr(STRINGS["grade"], lang), tr(_S["claimed_uncapped"], lang),
            tr(_S["verified_uncapped"], lang), tr(_S["capped_by"], lang), tr(_S["coverage"], lang),
            tr(_S["verdict"], lang), tr(_S["next_review"], lang)]
    insufficient = card.headline.letter is None

    def letter(value) -> str:
        g = grade(value)
        return "" if g is None or insufficient else f"{g.letter} · {tr(g.name, lang)}"

    def row(level: str, name: str, s, uncapped=None, vuncapped=None, capped=()) -> list:
        return [tr(_S[level], lang), name, _round(s.claimed), _round(s.verified), letter(s.claimed),
                _round(uncapped), _round(vuncapped), " ".join(capped), None, "", None]

    h, o = card.headline, card.overall
    overall = row("overall", tr(_S["overall"], lang), o, o.uncapped, o.verified_uncapped)
    overall[4] = tr(_S["insufficient"], lang) if insufficient else f"{h.letter} · {tr(h.name, lang)}"
    overall[7] = " ".join(o.limited_by)
    overall[8] = _round(card.coverage.percent)
    if verdict is not None:
        overall[9] = tr(verdict.label, lang)
        overall[10] = _dt.date.fromisoformat(verdict.next_review)
    rows = [overall]
    names = _names(card.frameworks, catalogs)
    rows += [row("framework", names[fw], s, s.uncapped, s.verified_uncapped, s.capped_by)
             for fw, s in card.frameworks.items()]
    rows += [row("section", section_titles.get(sid, sid), s) for sid, s in card.sections.items()]
    return head, rows


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _csv_text(value, decimal: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        text = f"{value:.1f}"
        return text.replace(".", decimal)
    if isinstance(value, int | _dt.date):
        return str(value) if not isinstance(value, _dt.date) else value.isoformat()
    return neutralise(str(value))


def to_csv(head: list[str], rows: list[list], delimiter: str = ",") -> bytes:
    """UTF-8 with a BOM (Excel then keeps the accents), CRLF line ends, every text cell neutralised."""
    if delimiter not in DELIMITERS:
        raise ValueError(f"delimiter must be one of {DELIMITERS!r}")
    decimal = "," if delimiter == ";" else "."
    out = io.StringIO()
    import csv  # here: a JSON export imports this module without writing a CSV

    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in head])
    for r in rows:
        writer.writerow([_csv_text(v, decimal) for v in r])
    return out.getvalue().encode("utf-8-sig")


_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # not allowed in XLSX's XML


def plan_csv(plan: Plan, frameworks: Iterable[str], lang: str, delimiter: str = ",") -> bytes:
    """The remediation plan as CSV bytes (UTF-8 with BOM; one row per action, the columns of ``plan_table``):
    the one spreadsheet layout shared by ``posture plan --csv`` and ``posture export --format csv``."""
    head, rows = plan_table(plan, frameworks, lang)
    return to_csv(head, rows, delimiter)


def _xlsx_value(value):
    if isinstance(value, str):
        text = _ILLEGAL_XML.sub("\ufffd", value)
        return text if len(text) <= XLSX_CELL_MAX else text[: XLSX_CELL_MAX - 1] + "…"
    return value


def to_xlsx(sheets: list[tuple[str, list[str], list[list]]], lang: str, status_column: str | None = None) -> bytes:
    """A workbook with one sheet per (title, head, rows): frozen bold header row, filters, sized columns.

    The column whose header is ``status_column`` gets a drop-down of :data:`STATUSES` in ``lang``. Text
    is stored as strings (never formulas); dates as dates, numbers as numbers.
    """
    from openpyxl import Workbook  # imported here: only this export needs it
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    book.remove(book.active)
    for title, head, rows in sheets:
        ws = book.create_sheet(title=title[:31])
        ws.append(head)
        for r in rows:
            ws.append([None] * len(r))
            for col, value in enumerate(r, 1):
                cell = ws.cell(row=ws.max_row, column=col)
                cell.value = _xlsx_value(value)
                if isinstance(value, str):
                    cell.data_type = "s"  # a string that starts with "=" stays a string
                elif isinstance(value, _dt.date):
                    cell.number_format = "yyyy-mm-dd"
        for cell in ws[1]:
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = PatternFill("solid", fgColor="1F4E79")
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.freeze_panes = "A2"
        last = get_column_letter(len(head))
        ws.auto_filter.ref = f"A1:{last}{max(ws.max_row, 2)}"
        for col, name in enumerate(head, 1):
            values = [name] + [str(r[col - 1] or "") for r in rows[:200]]
            ws.column_dimensions[get_column_letter(col)].width = min(60, max(8, *(len(v) for v in values)) + 2)
        if status_column in head and rows:
            letter = get_column_letter(head.index(status_column) + 1)
            choices = ",".join(tr(s, lang) for s in STATUSES.values())
            dv = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True, showDropDown=False,
                                promptTitle=status_column, prompt=tr(_S["status_help"], lang))
            dv.add(f"{letter}2:{letter}{len(rows) + 1}")
            ws.add_data_validation(dv)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def status_header(lang: str) -> str:
    return tr(_S["status"], lang)


def scores_title(lang: str) -> str:
    return tr(_S["scores"], lang)
