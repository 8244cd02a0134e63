"""Two assessments side by side: score deltas and what changed per question, across checklist versions too."""

from __future__ import annotations

from dataclasses import dataclass, field

from posture.assessment import Assessment
from posture.content import Catalog, Checklist, bundled_library
from posture.evaluation import Evaluation
from posture.plan import Plan, build_plan, is_gap
from posture.scoring import Scorecard, score


@dataclass(frozen=True)
class Delta:
    old: float | None
    new: float | None

    @property
    def change(self) -> float | None:
        if self.old is None or self.new is None:
            return None
        return self.new - self.old


@dataclass
class Comparison:
    frameworks: dict[str, tuple[Delta, Delta]]  # framework → (claimed, verified)
    sections: dict[str, tuple[Delta, Delta]]
    overall: tuple[Delta, Delta]
    improved: list[str] = field(default_factory=list)
    regressed: list[str] = field(default_factory=list)
    new_gaps: list[str] = field(default_factory=list)
    closed_gaps: list[str] = field(default_factory=list)
    added_questions: list[str] = field(default_factory=list)  # only in the new checklist
    removed_questions: list[str] = field(default_factory=list)  # only in the old checklist
    actions_closed: list[str] = field(default_factory=list)  # in the old plan; gone from the new one or closed in it
    actions_new: list[str] = field(default_factory=list)  # in the new plan only
    actions_overdue: list[str] = field(default_factory=list)  # open in the new plan, due before the report date
    action_titles: dict[str, dict[str, str]] = field(default_factory=dict)  # action id → its title (PlanItem.title)
    old_card: Scorecard | None = None
    new_card: Scorecard | None = None

    def to_dict(self) -> dict:
        def pair(p):
            return {"claimed": {"old": p[0].old, "new": p[0].new, "change": p[0].change},
                    "verified": {"old": p[1].old, "new": p[1].new, "change": p[1].change}}
        return {
            "overall": pair(self.overall),
            "frameworks": {k: pair(v) for k, v in self.frameworks.items()},
            "sections": {k: pair(v) for k, v in self.sections.items()},
            "questions": {"improved": self.improved, "regressed": self.regressed, "new_gaps": self.new_gaps,
                          "closed_gaps": self.closed_gaps, "added": self.added_questions,
                          "removed": self.removed_questions},
            "actions": {"closed": self.actions_closed, "new": self.actions_new, "overdue": self.actions_overdue},
        }


def _pairs(old: dict, new: dict) -> dict[str, tuple[Delta, Delta]]:
    out = {}
    for key in list(old) + [k for k in new if k not in old]:
        a, b = old.get(key), new.get(key)
        out[key] = (Delta(a.claimed if a else None, b.claimed if b else None),
                    Delta(a.verified if a else None, b.verified if b else None))
    return out


def compare_evaluations(old: Evaluation, new: Evaluation) -> Comparison:
    """``compare`` of two evaluated assessments (``posture.evaluation.Evaluation``), from their scorecards and
    plans as they are (nothing scored again); ``new.today`` is the date overdue actions are flagged against
    (None: the new assessment's date). The catalogs are the new one's."""
    return compare(old.assessment, new.assessment, old.checklist, new.checklist, new.catalogs, new.today,
                   scorecards=(old.scorecard, new.scorecard), plans=(old.plan, new.plan))


def compare(old: Assessment, new: Assessment, checklist_old: Checklist, checklist_new: Checklist,
            catalogs: dict[str, Catalog] | None = None, today: str | None = None, *,
            scorecards: tuple[Scorecard, Scorecard] | None = None, plans: tuple[Plan, Plan] | None = None,
            ) -> Comparison:
    """Two assessments side by side (a re-assessment against the previous one; docs/scoring.md §9).

    Each is scored with its own checklist. Returns a ``Comparison``: per framework and section and for the
    overall, a pair of ``Delta`` (claimed, verified), each old → new in points on the 0–100 scale
    (``change`` is None when either side has no score); the questions added and removed between the two
    checklists; answers that changed; plan actions matched by their stable id (``PlanItem.id``): closed,
    new, still open. ``today`` (ISO date, default the new assessment's date) is the date overdue actions are
    flagged against. ``scorecards`` and ``plans`` (old, new): already computed, as ``score`` and ``build_plan``
    would make them here (the new plan dated ``today``). Raises ``PostureError`` as ``score`` does (an answer
    not on its scale)."""
    catalogs = catalogs if catalogs is not None else bundled_library().catalogs
    a, b = scorecards or (score(old, checklist_old, catalogs), score(new, checklist_new, catalogs))
    result = Comparison(
        frameworks=_pairs(a.frameworks, b.frameworks), sections=_pairs(a.sections, b.sections),
        overall=(Delta(a.overall.claimed, b.overall.claimed), Delta(a.overall.verified, b.overall.verified)),
        old_card=a, new_card=b,
    )
    old_ids = {q.id for q in checklist_old.questions}
    new_ids = [q.id for q in checklist_new.questions]
    result.added_questions = [q for q in new_ids if q not in old_ids]
    result.removed_questions = [q.id for q in checklist_old.questions if q.id not in set(new_ids)]
    for qid in new_ids:
        before, after = a.questions.get(qid), b.questions.get(qid)
        if before is not None and after is not None:
            if after.score > before.score:
                result.improved.append(qid)
            elif after.score < before.score:
                result.regressed.append(qid)
        was_gap = before is not None and (is_gap(before.score) or before.contradicted)
        now_gap = after is not None and (is_gap(after.score) or after.contradicted)
        if now_gap and not was_gap:
            result.new_gaps.append(qid)
        elif was_gap and not now_gap and after is not None:
            result.closed_gaps.append(qid)
    plan_a, plan_b = plans or (build_plan(old, checklist_old, catalogs, a),
                               build_plan(new, checklist_new, catalogs, b, today=today or new.assessed_on))
    open_b = {i.id for i in plan_b.items if i.is_open}
    ids_a = {i.id for i in plan_a.items}
    result.actions_closed = [i.id for i in plan_a.items if i.is_open and i.id not in open_b]
    result.actions_new = [i.id for i in plan_b.items if i.id not in ids_a]
    result.actions_overdue = [i.id for i in plan_b.items if i.overdue]
    result.action_titles = {i.id: i.title for i in (*plan_a.items, *plan_b.items) if i.title}
    return result
