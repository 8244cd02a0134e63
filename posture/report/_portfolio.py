"""Many assessments on one page, worst first: grade letter and colour, capped scores marked, verified score,
coverage, P1 and overdue actions, and the trend against the same vendor's previous assessment.

Up to 40 assessments fit one A4 landscape page (one line each; long names end in an ellipsis); more continue
on further pages under a repeated header. The assessments are found as the workspace finds them
(``Workspace.files(nested=True)``); encrypted ones (``assessment.yaml.enc``) are read with the one passphrase
given (else ``$POSTURE_PASSPHRASE``); one that cannot be read gets a line saying why instead of stopping the
portfolio.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path

from posture.assessment import Workspace
from posture.content import Library, by_report_order
from posture.errors import PassphraseRequired, PostureError
from posture.evaluation import Evaluation
from posture.i18n import LANGS, _, _p, fmt, tr
from posture.report import _format as F
from posture.report._strings import STRINGS
from posture.report._view import Strings, framework_names, load
from posture.verdict import decide
from posture.vocabulary import Grade, first_upper


def headline_cell(card, lang: str, t: Strings) -> str:
    """The overall as the report's first page shows it: "D · 40 %", or "Insufficient coverage"."""
    h = card.headline
    if h.letter is None:
        return t("insufficient")
    suffix = f" ({t('basis_claimed-only')})" if h.basis == "claimed-only" else ""
    return f"{h.letter} · {F.percent(h.value, lang)}{suffix}"

CAP_MARK = "†"

_S = {
    "intro": _("One line per assessment, worst grade first (the rule of docs/scoring.md: never better than its "
               "worst framework). Per framework: claimed / verified; {mark} = capped by a critical failure. "
               "Overdue: open or in-progress actions past their due date."),
    "grade": first_upper(Grade.term()),
    "overall": _("Overall"),
    "verified": _("Verif."),
    "coverage": _("Coverage"),
    "overdue": _p("number of actions", "Overdue"),
    "unreadable": _("could not be read"),
}


@dataclass
class Unreadable:
    """An assessment the portfolio could not read, and why (one line, in the portfolio's language).

    ``where``: the line and column of the problem in ``path`` (``":3:1"``, or ``""``); ``reason`` does not
    repeat the file when the problem is in ``path`` itself, but names the other file when it is elsewhere
    (the checklist that travels beside it, say): ``located`` + ``reason`` names each file once."""

    path: Path
    reason: str  # in the portfolio's language
    reasons: dict = field(default_factory=dict)  # the same, {"es": ..., "en": ...}
    where: str = ""
    needs_passphrase: bool = False  # encrypted and opened without a passphrase (PassphraseRequired)

    @property
    def located(self) -> str:
        """The file and, when known, the line and column: ``folder/assessment.yaml:3:1``."""
        return f"{self.path}{self.where}"


def _same_file(name: str, path: Path) -> bool:
    try:
        return Path(name).resolve() == path.resolve()
    except OSError:
        return False


def why_unreadable(path: Path, exc: PostureError, lang: str) -> Unreadable:
    """Why ``path`` could not be read (``reason`` in ``lang``): its first problem, located, without naming
    ``path`` twice."""
    problem = exc.problems[0] if exc.problems else None
    if problem is None or not _same_file(problem.file, path):
        reasons = {lg: exc.lines(lg)[0] for lg in LANGS}  # a message alone, or a problem in another file
        where = ""
    else:
        prefix = f"{problem.path}: " if problem.path else ""
        reasons = {lg: prefix + tr(problem.message, lg) for lg in LANGS}
        where = "" if problem.line is None else f":{problem.line}" + (
            f":{problem.col}" if problem.col is not None else "")
    return Unreadable(path, reasons[lang], reasons, where, needs_passphrase=isinstance(exc, PassphraseRequired))


def find_assessments(folder: Path) -> list[Path]:
    """Every assessment under ``folder``, at any depth: ``Workspace(folder).files(nested=True)``."""
    return Workspace(folder).files(nested=True)


def load_all(folder: Path, library: Library | None = None, lang: str = "es", *,
             passphrase: str | None = None) -> tuple[list[Evaluation], list[Unreadable]]:
    """Every assessment under ``folder`` read and scored; ``passphrase`` opens the encrypted ones (else
    ``$POSTURE_PASSPHRASE``). Those that cannot be read (damaged, no or a wrong passphrase) come back as
    ``Unreadable`` with the reason in ``lang``, never as an exception."""
    loaded, failed = [], []
    for path in find_assessments(folder):
        try:
            loaded.append(load(path, library, passphrase=passphrase))
        except PostureError as exc:
            failed.append(why_unreadable(path, exc, lang))
    return loaded, failed


def _delta(now: float | None, before: float | None) -> float | None:
    return None if now is None or before is None else now - before


def _arrow(delta: float, lang: str) -> tuple[str, str, str]:
    arrow = "▲" if delta > 0.05 else "▼" if delta < -0.05 else "="
    css = "up" if delta > 0.05 else "down" if delta < -0.05 else ""
    sign = "+" if delta >= 0 else "−"
    return arrow, css, f"{sign}{F.number(abs(delta), lang)}"


def _capped(card) -> bool:
    return any(s.capped_by for s in card.frameworks.values())


def portfolio_view(items: list[Evaluation], lang: str, today: _dt.date | None = None,
                   unreadable: list[Unreadable] | None = None, root: Path | None = None) -> dict:
    t = Strings(lang)
    today = today or _dt.date.today()
    chronological = sorted(items, key=lambda x: (x.assessment.vendor.casefold(), x.assessment.assessed_on))
    previous: dict[str, Evaluation] = {}
    rows = []
    # one column per framework any of them assesses, in the catalogs' report.order, named by their short_name
    catalogs = {fw: cat for it in items for fw, cat in it.catalogs.items()}
    frameworks = by_report_order({fw for it in items for fw in it.assessment.frameworks}, catalogs)
    for it in chronological:
        a, card = it.assessment, it.scorecard
        before = previous.get(a.vendor.casefold())
        cells = []
        for fw in frameworks:
            s = card.frameworks.get(fw)
            if s is None:
                cells.append({"text": "—", "capped": False})
                continue
            mark = f" {CAP_MARK}" if s.capped_by else ""
            cells.append({"text": f"{F.percent(s.claimed, lang)}{mark} / {F.percent(s.verified, lang)}",
                          "capped": bool(s.capped_by)})
        trend, css = t("first"), ""
        if before is not None:
            # The trend follows the graded overall; when a cap hides a change, the uncapped one is added.
            moved = _delta(card.headline.value, before.scorecard.headline.value)
            raw = _delta(card.overall.uncapped, before.scorecard.overall.uncapped)
            since = F.short_date(before.assessment.assessed_on, lang)
            if moved is not None:
                arrow, css, text = _arrow(moved, lang)
                trend = f"{arrow} {text} ({since})"
                if abs(moved) <= 0.05 and raw is not None and abs(raw) > 0.05:
                    rarrow, css, rtext = _arrow(raw, lang)
                    trend += f" · {rarrow} {rtext} {t('uncapped_short')}"
        day = today.isoformat()
        plan = it.plan.as_of(day)
        verdict = decide(card, plan, it.checklist, today=day)
        h = card.headline
        rows.append({"vendor": a.vendor, "site": a.site, "date": F.short_date(a.assessed_on, lang), "cells": cells,
                     "letter": h.letter or "—", "grade_css": f"g-{h.letter.lower()}" if h.letter else "g-none",
                     "graded": bool(h.letter),
                     "overall": (F.percent(h.value, lang) if h.letter else t("insufficient"))
                     + (f" {CAP_MARK}" if _capped(card) else ""),
                     "verified": F.percent(card.overall.verified, lang),
                     "coverage": F.percent(card.coverage.percent, lang), "p1": len(plan.by_priority()["P1"]),
                     "overdue": len(plan.overdue), "verdict": t(f"verdict_{verdict.verdict}"),
                     "verdict_css": verdict.verdict, "next_review": F.short_date(verdict.next_review, lang),
                     "trend": trend, "css": css,
                     "_key": (h.value is None, h.value or 0.0, a.vendor.casefold(), a.assessed_on)})
        previous[a.vendor.casefold()] = it
    rows.sort(key=lambda r: r.pop("_key"))  # worst first; no score at all goes last
    vendors = {it.assessment.vendor.casefold() for it in items}
    failed = [{"path": (str(u.path.relative_to(root)) if root and u.path.is_relative_to(root) else str(u.path))
               + u.where, "reason": u.reason} for u in unreadable or []]
    return {"lang": lang, "rows": rows, "frameworks": list(framework_names(frameworks, catalogs).values()),
            "summary": tr(fmt(STRINGS["assessments_n"], assessments=fmt(STRINGS["n_assessments"], n=len(items)),
                              vendors=fmt(STRINGS["n_vendors"], n=len(vendors))), lang), "unreadable": failed,
            "generated_on": F.date(today, lang), "title": tr(STRINGS["portfolio"], lang),
            "labels": {k: tr(v, lang).format(mark=CAP_MARK) for k, v in _S.items()}}
