"""The remediation plan: every gap becomes an item with a risk, a priority, a due date and a gain.

Formulas in docs/scoring.md ("Remediation plan"). Questions sharing an ``action`` id merge into
one item; actionable probe findings join the item of a question their check verifies, or become
items of their own (one per check) when no answered question covers them.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field, replace

from posture.assessment import ActionStatus, Assessment
from posture.content import Catalog, Checklist, bundled_library
from posture.findings import CLAIMED_THRESHOLD, Finding
from posture.i18n import LANGS, both
from posture.rules import Rules, default_rules
from posture.scoring import FAIL_BELOW, Scorecard, WhatIf, score
from posture.vocabulary import Effort, OwnerRole, Priority

DUE_DAYS = (30, 60, 90)  # the bundled horizons (posture/rules/verdict-rules.yaml); rules files may change them
PRIORITIES = Priority.values()
P1_RISK = 15  # risk at or above: P1
P2_RISK = 8  # risk at or above: P2; below: P3

CRITICALITY_IMPACT = {"critical": 4, "high": 3, "medium": 2, "low": 1}
SEVERITY_IMPACT = {"critical": 5, "high": 4, "medium": 3, "low": 2}
EFFORT_ORDER = {"S": 0, "M": 1, "L": 2}
FINDING_EFFORT = "M"
FINDING_OWNER = "network"

# role → {"es": "Redes", ...} and effort → {"es": "Bajo", ...}: posture.vocabulary's labels, as a cell shows them
OWNER_ROLES = OwnerRole.labels(cap=True)
EFFORTS = Effort.labels(cap=True)


@dataclass
class PlanItem:
    id: str
    priority: str
    risk: int
    impact: int
    likelihood: int
    action: dict[str, str]
    question_ids: list[str]
    finding_ids: list[str]
    references: dict[str, list[str]]  # framework → control ids this item closes
    owner: str  # role key; OWNER_ROLES has its names
    due: str
    effort: str
    gain: dict[str, float]  # framework → claimed-score points gained if fixed (cap included)
    verified_gain: dict[str, float] = field(default_factory=dict)
    uncapped_gain: dict[str, float] = field(default_factory=dict)  # framework → points of the uncapped score
    lifts_cap: dict[str, tuple[int, int]] = field(default_factory=dict)  # framework → (k, n) capping questions closed
    status: ActionStatus = field(default_factory=ActionStatus)
    overdue: bool = False  # open or in progress, and its due date is before the report date
    critical_findings: list[str] = field(default_factory=list)  # ids of its critical-severity findings
    # What people read instead of the id ({lang: text}): the checklist's ``actions:`` title of an action id, a
    # probe check's title for ``check:<id>``, «section · question id» for a question with no action id, else
    # the id itself. The id stays for files, JSON, OSCAL and ``posture plan --set``.
    title: dict[str, str] = field(default_factory=dict)

    @property
    def owner_name(self) -> dict[str, str]:
        return OWNER_ROLES.get(self.owner, both(self.owner, self.owner))

    @property
    def total_gain(self) -> float:
        return sum(self.gain.values()) + sum(self.verified_gain.values())

    @property
    def sort_gain(self) -> float:
        """Uncapped points, so an action that removes one of several caps still ranks by what it fixes."""
        return sum(self.uncapped_gain.values())

    @property
    def is_open(self) -> bool:
        return self.status.status in ("open", "in-progress")

    def to_dict(self) -> dict:
        return {
            "id": self.id, "title": self.title, "priority": self.priority, "risk": self.risk, "impact": self.impact,
            "likelihood": self.likelihood, "action": self.action, "questions": self.question_ids,
            "findings": self.finding_ids, "references": self.references, "owner": self.owner,
            "owner_name": self.owner_name, "due": self.due, "effort": self.effort, "gain": self.gain,
            "verified_gain": self.verified_gain, "uncapped_gain": self.uncapped_gain,
            "lifts_cap": {fw: {"k": k, "n": n} for fw, (k, n) in self.lifts_cap.items()},
            "status": self.status.to_dict(), "overdue": self.overdue,
        }


@dataclass
class Plan:
    items: list[PlanItem]
    assessed_on: str
    due_days: tuple[int, int, int]
    # framework → claimed points gained by closing every cap-causing item together (0 if none caps it)
    cap_release: dict[str, float] = field(default_factory=dict)
    report_date: str = ""

    def by_priority(self) -> dict[str, list[PlanItem]]:
        return {p: [i for i in self.items if i.priority == p] for p in PRIORITIES}

    def as_of(self, day: str) -> Plan:
        """The same plan with overdue flags against report date ``day`` (ISO); items are copies."""
        items = [replace(i, overdue=i.is_open and i.due < day) for i in self.items]
        return replace(self, items=items, report_date=day)

    @property
    def open_items(self) -> list[PlanItem]:
        return [i for i in self.items if i.is_open]

    @property
    def overdue(self) -> list[PlanItem]:
        return [i for i in self.items if i.overdue]


def is_gap(option_score: float) -> bool:
    """Below the claim threshold: "no", "partial", maturity 0–2."""
    return option_score < CLAIMED_THRESHOLD


def priority_of(risk: int) -> str:
    return "P1" if risk >= P1_RISK else "P2" if risk >= P2_RISK else "P3"


def question_impact(criticality: str, weight: int) -> int:
    return min(5, CRITICALITY_IMPACT[criticality] + (1 if weight >= 4 else 0))


def question_likelihood(option_score: float, confirmed_by_probe: bool) -> int:
    return min(5, (4 if option_score < FAIL_BELOW else 3) + (1 if confirmed_by_probe else 0))


@dataclass
class _Draft:
    key: str
    questions: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    impact: int = 0
    likelihood: int = 0
    owner: str = ""
    effort: str = "S"
    actions: list[dict[str, str]] = field(default_factory=list)


def build_plan(assessment: Assessment, checklist: Checklist, catalogs: dict[str, Catalog] | None = None,
               scorecard: Scorecard | None = None, *, due_days: tuple[int, int, int] | None = None,
               findings: list[Finding] | None = None, rules: Rules | None = None,
               today: str | None = None, gains: bool = True) -> Plan:
    """The remediation plan (POA&M) of ``assessment``: the rules of docs/scoring.md §10.

    Every gap (a scored question with *s* < 0.6, one failed by probe, or one whose probe checks have an
    actionable finding) becomes an item; questions sharing an ``action`` id merge into one; a finding no
    question covers gets its own item (``check:<id>``). Per item: impact and likelihood (1–5 each), risk =
    impact × likelihood (1–25), priority P1 (risk ≥ 15) / P2 (≥ 8) / P3, owner role, effort (S/M/L, the
    largest of its questions), due date, status (from ``Assessment.actions``) and the gain.

    Args:
        scorecard: ``score(assessment, checklist, catalogs, findings)`` if already computed (else computed).
        due_days: days from the assessment date to the due date of P1, P2, P3 (default the rules file's
            ``due_days``: 30, 90, 180 in the bundled ``posture/rules/verdict-rules.yaml``).
        findings: probe findings (default the assessment's).
        rules: the rules file (default the bundled one).
        today: the report date (ISO, YYYY-MM-DD; default the assessment date): open or in-progress items
            due before it are ``overdue``.
        gains: False skips the gain figures (one re-score per item: most of the time here) for callers
            that need only items, statuses and dates.

    Returns:
        A ``Plan``: ``items`` sorted by risk, then caps lifted, then gain (points, 0–100 scale, per framework:
        claimed ``gain``, ``verified_gain``, ``uncapped_gain``, each rounded to 0.1), and ``cap_release``
        (framework → points gained if every cap-lifting item were done together).

    Raises:
        PostureError: as ``score`` (an answer that is not an option of its scale).
    """
    catalogs = catalogs if catalogs is not None else bundled_library().catalogs
    rules = rules or default_rules()
    due_days = tuple(due_days) if due_days is not None else rules.due_days
    findings = assessment.findings() if findings is None else findings
    scorecard = scorecard or score(assessment, checklist, catalogs, findings)
    actionable = [f for f in findings if f.actionable]
    drafts: dict[str, _Draft] = {}
    covered_findings: set[str] = set()
    for q in checklist.questions:
        qs = scorecard.questions.get(q.id)
        if qs is None:
            continue  # unanswered and N/A questions are coverage, not gaps
        hits = [f for f in actionable if f.check_id in q.probe_checks]
        if not (is_gap(qs.score) or hits):
            continue
        draft = drafts.setdefault(q.action or q.id, _Draft(q.action or q.id))
        impact = question_impact(q.criticality, q.weight)
        likelihood = question_likelihood(qs.score, bool(hits))
        if impact * likelihood > draft.impact * draft.likelihood or not draft.owner:
            draft.owner = q.owner
        draft.impact = max(draft.impact, impact)
        draft.likelihood = max(draft.likelihood, likelihood)
        draft.questions.append(q.id)
        draft.findings.extend(f for f in hits if f not in draft.findings)
        covered_findings.update(f.id for f in hits)
        if EFFORT_ORDER[q.effort] > EFFORT_ORDER[draft.effort]:
            draft.effort = q.effort
        if q.remediation not in draft.actions:
            draft.actions.append(q.remediation)
    for f in actionable:
        if f.id in covered_findings:
            continue
        draft = drafts.setdefault(f"check:{f.check_id}", _Draft(f"check:{f.check_id}", owner=FINDING_OWNER,
                                                                 effort=FINDING_EFFORT))
        draft.findings.append(f)
        draft.impact = max(draft.impact, SEVERITY_IMPACT[f.severity])
        draft.likelihood = 5  # seen on the network, not inferred
        if f.remediation not in draft.actions:
            draft.actions.append(f.remediation)
    start = _dt.date.fromisoformat(assessment.assessed_on)
    report_day = today or assessment.assessed_on
    # one what-if per item instead of a full re-score each (the same figures: posture.scoring.WhatIf)
    whatif = WhatIf(assessment, checklist, catalogs, findings) if gains and drafts else None
    items = []
    for draft in drafts.values():
        risk = draft.impact * draft.likelihood
        prio = priority_of(risk)
        gain, vgain, ugain = _gain(assessment, checklist, whatif, scorecard, draft.questions,
                                   {f.id for f in draft.findings}) if whatif else ({}, {}, {})
        lifts = {fw: (sum(1 for q in draft.questions if q in f.capped_by), len(f.capped_by))
                 for fw, f in scorecard.frameworks.items()
                 if f.capped_by and any(q in f.capped_by for q in draft.questions)}
        due = (start + _dt.timedelta(days=due_days[PRIORITIES.index(prio)])).isoformat()
        status = assessment.actions.get(draft.key, ActionStatus(aid=draft.key))
        items.append(PlanItem(
            id=draft.key, priority=prio, risk=risk, impact=draft.impact, likelihood=draft.likelihood,
            action={lang: " ".join(a[lang] for a in draft.actions) for lang in LANGS},
            question_ids=draft.questions, finding_ids=[f.id for f in draft.findings],
            references=_references(checklist, assessment.frameworks, draft),
            owner=draft.owner, due=due, effort=draft.effort, gain=gain, verified_gain=vgain, uncapped_gain=ugain,
            lifts_cap=lifts, status=status,
            critical_findings=[f.id for f in draft.findings if f.severity == "critical"],
            title=action_title(checklist, draft.key, draft.findings),
            overdue=status.status in ("open", "in-progress") and due < report_day,
        ))
    items.sort(key=lambda i: (-i.risk, -sum(k for k, _ in i.lifts_cap.values()), -i.sort_gain, -i.total_gain, i.id))
    cap_items = [i for i in items if i.lifts_cap]
    cap_release: dict[str, float] = {}
    if cap_items and gains:
        together, _, _ = _gain(assessment, checklist, whatif, scorecard,
                               [q for i in cap_items for q in i.question_ids],
                               {f for i in cap_items for f in i.finding_ids})
        cap_release = {fw: together[fw] for fw, f in scorecard.frameworks.items() if f.capped_by}
    return Plan(items=items, assessed_on=assessment.assessed_on, due_days=tuple(due_days),
                cap_release=cap_release, report_date=report_day)


def action_title(checklist: Checklist, key: str, findings: list[Finding] = ()) -> dict[str, str]:
    """The title people read for the plan item ``key`` ({lang: text}, every language of posture.i18n.LANGS).

    ``key`` is an ``action`` id (its title from the checklist's ``actions:``), ``check:<id>`` (the probe check's
    title, from its findings) or a question id with no action id («<section title> · <question id>»); anything
    else, or an action id the checklist gives no title (``posture validate`` warns), is shown as the id.
    """
    if key in checklist.actions:
        return {lang: checklist.actions[key].get(lang) or checklist.actions[key].get("en") or key for lang in LANGS}
    if key.startswith("check:") and findings:
        return {lang: findings[0].title.get(lang) or findings[0].title.get("en") or key for lang in LANGS}
    for section in checklist.sections:
        if any(q.id == key for q in section.questions):
            return {lang: f"{section.title.get(lang) or section.title.get('en')} · {key}" for lang in LANGS}
    return {lang: key for lang in LANGS}


def _references(checklist: Checklist, frameworks: list[str], draft: _Draft) -> dict[str, list[str]]:
    refs: dict[str, list[str]] = {}
    for qid in draft.questions:
        for fw, ids in checklist.question(qid).maps_to.items():
            if fw in frameworks:
                refs.setdefault(fw, []).extend(i for i in ids if i not in refs[fw])
    for f in draft.findings:
        for fw, ids in f.maps_to.items():
            if fw in frameworks:
                refs.setdefault(fw, []).extend(i for i in ids if i not in refs[fw])
    return refs


def _gain(assessment: Assessment, checklist: Checklist, whatif: WhatIf, before: Scorecard,
          question_ids: list[str], gone: set[str]) -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
    """Points per framework (claimed, verified, uncapped claimed) if every listed question got its best
    answer and the listed findings went away. A question failed by probe without an answer is fixed
    as if answered with its best option by interview (a claim). ``whatif`` re-evaluates only what changes
    (``posture.scoring.WhatIf``: the same figures as a full ``score`` of the changed assessment)."""
    from posture.assessment import Answer

    answers = {}
    for qid in question_ids:
        q = checklist.question(qid)
        best = max(checklist.scale_of(q).options, key=lambda o: o.score)
        old = assessment.answers.get(qid)
        answers[qid] = replace(old, value=best.value) if old is not None else Answer(best.value, qid=qid)
    after = whatif.frameworks(answers, gone)
    gain, vgain, ugain = {}, {}, {}
    for fw, old in before.frameworks.items():
        new = after[fw]
        gain[fw] = round((new.claimed or 0.0) - (old.claimed or 0.0), 1)
        vgain[fw] = round((new.verified or 0.0) - (old.verified or 0.0), 1)
        ugain[fw] = round((new.uncapped or 0.0) - (old.uncapped or 0.0), 1)
    return gain, vgain, ugain


__all__ = ["DUE_DAYS", "EFFORTS", "OWNER_ROLES", "PRIORITIES", "Plan", "PlanItem", "build_plan"]
