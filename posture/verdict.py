"""The vendor verdict: approve / conditional / reject and a next-review date, from rules as data.

Rules: ``posture/rules/verdict-rules.yaml`` (or a consultant's file, same schema); semantics in
docs/scoring.md §11. The first rule whose conditions all hold decides.
"""

from __future__ import annotations

import calendar
import datetime as _dt
from dataclasses import dataclass

from posture.content import Checklist
from posture.plan import Plan
from posture.rules import GRADE_ORDER, Rules, VerdictRule, default_rules
from posture.scoring import Scorecard
from posture.vocabulary import Verdict as VerdictValue

LABELS = VerdictValue.labels(cap=True)  # value → {"es": "Aprobar", ...}: posture.vocabulary's, capitalised


@dataclass(frozen=True)
class Verdict:
    verdict: str  # "approve" | "conditional" | "reject"
    rule: str  # id of the rule that decided
    reason: dict[str, str]
    next_review: str  # ISO date: the report date + the rule's months
    open_critical: tuple[str, ...] = ()  # question ids / check ids of the open critical failures

    @property
    def label(self) -> dict[str, str]:
        return LABELS[self.verdict]

    def to_dict(self) -> dict:
        return {"verdict": self.verdict, "label": self.label, "rule": self.rule, "reason": self.reason,
                "next_review": self.next_review, "open_critical": list(self.open_critical)}


def add_months(day: _dt.date, months: int) -> _dt.date:
    """Same day ``months`` later (the month's last day when it is shorter)."""
    m = day.month - 1 + months
    year, month = day.year + m // 12, m % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def open_critical_failures(card: Scorecard, plan: Plan, checklist: Checklist) -> list[str]:
    """Failed critical questions (claimed, verified or by probe) and critical findings whose plan
    action is still open on the plan's report date (not done, compensated, or accepted and unexpired)."""
    day = plan.report_date or plan.assessed_on
    closed_q: set[str] = set()
    closed_f: set[str] = set()
    for item in plan.items:
        if item.status.closed_on(day):
            closed_q.update(item.question_ids)
            closed_f.update(item.finding_ids)
    out: list[str] = []
    capping = {q for f in card.frameworks.values() for q in (*f.capped_by, *f.verified_capped_by)}
    for qid in [q for q in card.questions if q in card.critical_ids and (card.questions[q].failed or q in capping)]:
        if qid not in closed_q:
            out.append(qid)
    for item in plan.items:
        out.extend(fid for fid in item.critical_findings if fid not in closed_f)
    return list(dict.fromkeys(out))


def critical_not_applicable(card: Scorecard) -> list[str]:
    """Critical questions answered N/A: a justification a reviewer must read before any approval
    (marking the card-security-code question N/A must never read as "no critical failure")."""
    return [q for q in card.na if q in card.critical_ids]


def _holds(rule: VerdictRule, card: Scorecard, plan: Plan, open_critical: list[str]) -> bool:
    w = rule.when
    h = card.headline
    if "insufficient_coverage" in w and w["insufficient_coverage"] != (h is None or h.letter is None):
        return False
    if "open_critical_failures" in w and w["open_critical_failures"] != bool(open_critical):
        return False
    if "critical_not_applicable" in w and w["critical_not_applicable"] != bool(critical_not_applicable(card)):
        return False
    if "grade_below" in w and (h is None or h.letter is None
                               or GRADE_ORDER.index(h.letter) <= GRADE_ORDER.index(w["grade_below"])):
        return False
    if "overdue_priority" in w and not any(i.priority == w["overdue_priority"] for i in plan.overdue):
        return False
    if "verified_share_below" in w:
        share = card.verified_share
        if share is not None and share >= w["verified_share_below"]:
            return False
    return True


def decide(card: Scorecard, plan: Plan, checklist: Checklist, rules: Rules | None = None,
           today: str | None = None) -> Verdict:
    """Approve, conditional or reject, and the next review: the first rule of ``rules`` (default the bundled
    ``posture/rules/verdict-rules.yaml``; docs/scoring.md §11) whose conditions all hold, checked top down.

    Args:
        card, plan, checklist: the scores, the plan and the checklist of one assessment (an open critical
            failure is a plan item, not done, on a failed critical question).
        today: the report date (ISO, YYYY-MM-DD) the next review counts from (default the plan's report date).

    Returns:
        A ``Verdict``: ``verdict`` ("approve", "conditional" or "reject"), the deciding ``rule`` id, its
        ``reason`` ({"es", "en"}), ``next_review`` (ISO date: ``today`` + the rule's months) and the open
        critical failures (question ids).

    Raises:
        ValueError: no rule holds (a rules file must end with a rule whose ``when`` is empty; the schema of
            the rules file and ``posture.rules`` refuse one that does not).
    """
    rules = rules or default_rules()
    open_critical = open_critical_failures(card, plan, checklist)
    start = _dt.date.fromisoformat(today or plan.report_date or plan.assessed_on)
    for rule in rules.verdicts:
        if _holds(rule, card, plan, open_critical):
            return Verdict(rule.verdict, rule.id, dict(rule.reason),
                           add_months(start, rule.next_review_months).isoformat(), tuple(open_critical))
    raise ValueError(f"no verdict rule holds in {rules.source}; end the list with a rule whose 'when' is empty")


__all__ = ["LABELS", "Verdict", "add_months", "critical_not_applicable", "decide", "open_critical_failures"]
