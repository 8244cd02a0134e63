"""Machine exports: JSON (schema in posture/schemas/report-export.schema.json, documented in
docs/exports.md) and the plan and scores as spreadsheets (CSV and XLSX, see _sheets)."""

from __future__ import annotations

import datetime as _dt
import json

from posture import __version__
from posture.evaluation import Evaluation
from posture.i18n import tr
from posture.report._strings import STRINGS
from posture.scoring import grade
from posture.soa import statement_of_applicability

JSON_FORMAT = "posture-report-export/2"


def _pct(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _score(s) -> dict:
    return {"claimed": _pct(s.claimed), "verified": _pct(s.verified)}


def _grade(value: float | None) -> dict | None:
    g = grade(value)
    return None if g is None else {"letter": g.letter, "name": dict(g.name)}


def _graded(s) -> dict:
    return {**_score(s), "claimed_grade": _grade(s.claimed), "verified_grade": _grade(s.verified)}


def report_day(today: _dt.date | str | None = None) -> str:
    """The report date (ISO) every view counts overdue actions and the next review from: ``today`` if
    given (a date or ISO text), else the machine's date, as the PDF report does (_view.build_view)."""
    if today is None:
        return _dt.date.today().isoformat()
    return today.isoformat() if isinstance(today, _dt.date) else _dt.date.fromisoformat(today).isoformat()


def export_data(loaded: Evaluation, today: _dt.date | str | None = None) -> dict:
    """The whole assessment as data: scores with grades, uncapped scores, answers, notes, SoA, plan, findings.

    ``today``: the report date (default the machine's date); the plan's ``overdue`` flags and the
    verdict's ``next_review`` count from it, as in the PDF report and the portfolio, and it is recorded
    as ``report_date``."""
    from posture.verdict import decide

    day = report_day(today)
    a, card, plan = loaded.assessment, loaded.scorecard, loaded.plan.as_of(day)
    soa = [e.to_dict() for e in statement_of_applicability(a, loaded.checklist, loaded.catalogs, card)]
    return {
        "format": JSON_FORMAT,
        "generator": f"posture {__version__}",
        "report_date": day,
        "assessment": {"id": a.id, "vendor": a.vendor, "site": a.site, "scope": a.scope,
                       "assessed_on": a.assessed_on, "assessors": list(a.assessors),
                       "frameworks": list(a.frameworks), "file_sha256": loaded.file_sha256,
                       "checklist": {"id": loaded.checklist.id, "version": loaded.checklist.version,
                                     "content_hash": loaded.checklist.content_hash}},
        "scores": {
            "overall": _graded(card.overall),
            "frameworks": {fw: {**_graded(s), "claimed_uncapped": _pct(s.uncapped),
                                "verified_uncapped": _pct(s.verified_uncapped), "capped_by": list(s.capped_by),
                                "verified_capped_by": list(s.verified_capped_by)}
                           for fw, s in card.frameworks.items()},
            "sections": {sid: _score(s) for sid, s in card.sections.items()},
            "coverage": {"answered": card.coverage.answered, "total": card.coverage.total},
            "not_applicable": list(card.na), "unanswered": list(card.unanswered),
            "contradicted": list(card.contradicted), "vendor_declared": list(card.vendor_declared),
            "headline": {"letter": card.headline.letter, "basis": card.headline.basis,
                         "value": None if card.headline.value is None else round(card.headline.value, 2)},
            "failed_by_probe": list(card.failed_by_probe), "carried": list(card.carried),
            "critical_unanswered": list(card.critical_unanswered),
        },
        "answers": {qid: answer.to_dict() for qid, answer in a.answers.items()},
        "notes": [{"question": qid, "note": answer.note} for qid, answer in a.answers.items() if answer.note]
        + [{"question": qid, "note": note} for qid, note in a.notes.items() if note and qid not in a.answers],
        "soa": soa,
        "verdict": (loaded.verdict if loaded.today == day else
                    decide(card, plan, loaded.checklist, loaded.rules, today=day)).to_dict(),
        "plan": [item.to_dict() for item in plan.items],
        "findings": [{**f.to_dict(), "id": f.id} for f in a.findings()],
    }


def export_json(loaded: Evaluation, today: _dt.date | str | None = None) -> str:
    return json.dumps(export_data(loaded, today), ensure_ascii=False, indent=2) + "\n"


def export_csv(loaded: Evaluation, lang: str, delimiter: str = ",", today: _dt.date | str | None = None) -> bytes:
    """The remediation plan (layout in _sheets), overdue flags as of ``today`` (default the machine's
    date); UTF-8 with a BOM so Excel keeps the accents."""
    from posture.report._sheets import plan_table, to_csv  # a JSON export never loads the sheets (nor Babel)

    head, rows = plan_table(loaded.plan.as_of(report_day(today)), loaded.assessment.frameworks, lang,
                            loaded.catalogs)
    return to_csv(head, rows, delimiter)


def export_xlsx(loaded: Evaluation, lang: str, today: _dt.date | str | None = None) -> bytes:
    """Two sheets: the plan (status drop-down, comments) and the scores (overall with coverage and the
    verdict, frameworks, sections); overdue flags and the verdict as of ``today`` (default the machine's date)."""
    from posture.report._sheets import plan_table, scores_table, scores_title, status_header, to_xlsx
    from posture.verdict import decide

    day = report_day(today)
    plan = loaded.plan.as_of(day)
    verdict = decide(loaded.scorecard, plan, loaded.checklist, loaded.rules, today=day)
    titles = {s.id: tr(s.title, lang) for s in loaded.checklist.sections}
    plan_head, plan_rows = plan_table(plan, loaded.assessment.frameworks, lang, loaded.catalogs)
    score_head, score_rows = scores_table(loaded.scorecard, titles, lang, verdict, loaded.catalogs)
    return to_xlsx([(tr(STRINGS["plan"], lang), plan_head, plan_rows),
                    (scores_title(lang), score_head, score_rows)], lang, status_column=status_header(lang))
