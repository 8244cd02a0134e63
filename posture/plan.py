"""The remediation plan: every gap becomes an item with a risk, a priority, a due date and a gain.

Formulas in docs/scoring.md ("Remediation plan"). Questions sharing an ``action`` id merge into
one item; actionable probe findings join the item of a question their check verifies, or become
items of their own (one per check) when no answered question covers them.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field, replace

from posture.assessment import Assessment
from posture.content import Catalog, Checklist, bundled_library
from posture.findings import CLAIMED_THRESHOLD, Finding
from posture.i18n import both
from posture.scoring import FAIL_BELOW, Scorecard, score

DUE_DAYS = (30, 60, 90)
PRIORITIES = ("P1", "P2", "P3")
P1_RISK = 15  # risk at or above: P1
P2_RISK = 8  # risk at or above: P2; below: P3

CRITICALITY_IMPACT = {"critical": 4, "high": 3, "medium": 2, "low": 1}
SEVERITY_IMPACT = {"critical": 5, "high": 4, "medium": 3, "low": 2}
EFFORT_ORDER = {"S": 0, "M": 1, "L": 2}
FINDING_EFFORT = "M"
FINDING_OWNER = "network"

OWNER_ROLES = {
    "management": both("Dirección", "Management"),
    "security": both("Seguridad de la información", "Information security"),
    "it": both("Tecnologías de la información", "IT"),
    "network": both("Redes", "Network"),
    "telephony": both("Telefonía", "Telephony"),
    "hr": both("Recursos humanos", "Human resources"),
    "facilities": both("Instalaciones", "Facilities"),
    "legal": both("Jurídico / privacidad", "Legal / privacy"),
    "operations": both("Operaciones", "Operations"),
    "procurement": both("Compras", "Procurement"),
}
EFFORTS = {"S": both("Bajo", "Low"), "M": both("Medio", "Medium"), "L": both("Alto", "High")}


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
    gain: dict[str, float]  # framework → claimed-score points gained if fixed
    verified_gain: dict[str, float] = field(default_factory=dict)

    @property
    def owner_name(self) -> dict[str, str]:
        return OWNER_ROLES.get(self.owner, both(self.owner, self.owner))

    @property
    def total_gain(self) -> float:
        return sum(self.gain.values()) + sum(self.verified_gain.values())

    def to_dict(self) -> dict:
        return {
            "id": self.id, "priority": self.priority, "risk": self.risk, "impact": self.impact,
            "likelihood": self.likelihood, "action": self.action, "questions": self.question_ids,
            "findings": self.finding_ids, "references": self.references, "owner": self.owner,
            "owner_name": self.owner_name, "due": self.due, "effort": self.effort, "gain": self.gain,
            "verified_gain": self.verified_gain,
        }


@dataclass
class Plan:
    items: list[PlanItem]
    assessed_on: str
    due_days: tuple[int, int, int]

    def by_priority(self) -> dict[str, list[PlanItem]]:
        return {p: [i for i in self.items if i.priority == p] for p in PRIORITIES}


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
               scorecard: Scorecard | None = None, *, due_days: tuple[int, int, int] = DUE_DAYS,
               findings: list[Finding] | None = None) -> Plan:
    catalogs = catalogs if catalogs is not None else bundled_library().catalogs
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
    items = []
    for draft in drafts.values():
        risk = draft.impact * draft.likelihood
        prio = priority_of(risk)
        gain, vgain = _gain(assessment, checklist, catalogs, scorecard, draft, findings)
        items.append(PlanItem(
            id=draft.key, priority=prio, risk=risk, impact=draft.impact, likelihood=draft.likelihood,
            action={lang: " ".join(a[lang] for a in draft.actions) for lang in ("es", "en")},
            question_ids=draft.questions, finding_ids=[f.id for f in draft.findings],
            references=_references(checklist, assessment.frameworks, draft),
            owner=draft.owner, due=(start + _dt.timedelta(days=due_days[PRIORITIES.index(prio)])).isoformat(),
            effort=draft.effort, gain=gain, verified_gain=vgain,
        ))
    items.sort(key=lambda i: (-i.risk, -i.total_gain, i.id))
    return Plan(items=items, assessed_on=assessment.assessed_on, due_days=tuple(due_days))


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


def _gain(assessment: Assessment, checklist: Checklist, catalogs: dict[str, Catalog], before: Scorecard,
          draft: _Draft, findings: list[Finding]) -> tuple[dict[str, float], dict[str, float]]:
    """Score points per framework if every question of the item got its best answer and its findings went away."""
    answers = dict(assessment.answers)
    for qid in draft.questions:
        q = checklist.question(qid)
        best = max(checklist.scale_of(q).options, key=lambda o: o.score)
        answers[qid] = replace(answers[qid], value=best.value)
    gone = {f.id for f in draft.findings}
    fixed = replace(assessment, answers=answers)
    after = score(fixed, checklist, catalogs, [f for f in findings if f.id not in gone])
    gain, vgain = {}, {}
    for fw, old in before.frameworks.items():
        new = after.frameworks[fw]
        gain[fw] = round((new.claimed or 0.0) - (old.claimed or 0.0), 1)
        vgain[fw] = round((new.verified or 0.0) - (old.verified or 0.0), 1)
    return gain, vgain


__all__ = ["DUE_DAYS", "EFFORTS", "OWNER_ROLES", "PRIORITIES", "Plan", "PlanItem", "build_plan"]
