"""Many assessments on one page: per vendor and date, framework scores, P1 count and the trend."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from posture.content import Library
from posture.i18n import tr
from posture.report import _format as F
from posture.report._strings import FRAMEWORK_NAMES, STRINGS
from posture.report._view import Loaded, Strings, load
from posture.verdict import decide


def headline_cell(card, lang: str, t: Strings) -> str:
    """The overall as the report's first page shows it: "D · 40 %", or "Insufficient coverage"."""
    h = card.headline
    if h.letter is None:
        return t("insufficient")
    suffix = f" ({t('basis_claimed-only')})" if h.basis == "claimed-only" else ""
    return f"{h.letter} · {F.percent(h.value, lang)}{suffix}"

FRAMEWORK_ORDER = ("iso27001-2022", "pci-dss-4.0.1", "lfpdppp-2025")


def find_assessments(folder: Path) -> list[Path]:
    """Every assessment.yaml under ``folder`` (one level of vendor folders, or deeper)."""
    return sorted(p for p in folder.rglob("assessment.yaml") if p.is_file())


def load_all(folder: Path, library: Library | None = None) -> list[Loaded]:
    return [load(p, library) for p in find_assessments(folder)]


def _delta(now: float | None, before: float | None) -> float | None:
    return None if now is None or before is None else now - before


def _arrow(delta: float, lang: str) -> tuple[str, str, str]:
    arrow = "▲" if delta > 0.05 else "▼" if delta < -0.05 else "="
    css = "up" if delta > 0.05 else "down" if delta < -0.05 else ""
    sign = "+" if delta >= 0 else "−"
    return arrow, css, f"{sign}{F.number(abs(delta), lang)}"


def portfolio_view(items: list[Loaded], lang: str, today: _dt.date | None = None) -> dict:
    t = Strings(lang)
    items = sorted(items, key=lambda x: (x.assessment.vendor.casefold(), x.assessment.assessed_on))
    previous: dict[str, Loaded] = {}
    rows = []
    for it in items:
        a, card = it.assessment, it.scorecard
        before = previous.get(a.vendor.casefold())
        cells = []
        for fw in FRAMEWORK_ORDER:
            s = card.frameworks.get(fw)
            cells.append("—" if s is None else f"{F.percent(s.claimed, lang)} / {F.percent(s.verified, lang)}")
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
        day = (today or _dt.date.today()).isoformat()
        verdict = decide(card, it.plan.as_of(day), it.checklist, today=day)
        rows.append({"vendor": a.vendor, "site": a.site, "date": F.short_date(a.assessed_on, lang), "cells": cells,
                     "overall": headline_cell(card, lang, t), "p1": len(it.plan.by_priority()["P1"]),
                     "verdict": t(f"verdict_{verdict.verdict}"), "verdict_css": verdict.verdict,
                     "next_review": F.short_date(verdict.next_review, lang), "trend": trend, "css": css})
        previous[a.vendor.casefold()] = it
    vendors = {it.assessment.vendor.casefold() for it in items}
    return {"lang": lang, "rows": rows, "frameworks": [FRAMEWORK_NAMES[fw] for fw in FRAMEWORK_ORDER],
            "summary": t("assessments_n", n=len(items), v=len(vendors)),
            "generated_on": F.date(today or _dt.date.today(), lang), "title": tr(STRINGS["portfolio"], lang)}
