"""Scores of one assessment: per question, control, section, framework and overall, claimed and verified.

The formulas are in docs/scoring.md; this module is their only implementation. Sums run in the
checklist's question order, never in answer order, so the same answers always give the same floats.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from posture.assessment import Assessment
from posture.content import Catalog, Checklist, bundled_library, questions_by_control
from posture.errors import PostureError
from posture.findings import Finding
from posture.i18n import both, fmt

CAP = 40.0  # a framework with a failed critical question scores at most this
FAIL_BELOW = 0.5  # an answer scoring less than this fails its question ("no", maturity 0–2)

# (lowest score, letter, name); checked top down.
GRADES = (
    (85.0, "A", both("Sólido", "Strong")),
    (70.0, "B", both("Aceptable", "Adequate")),
    (50.0, "C", both("Débil", "Weak")),
    (0.0, "D", both("Crítico", "Critical")),
)

_MSG = {
    "bad_value": both("'{value}' no es una respuesta válida para {qid}", "'{value}' is not a valid answer to {qid}"),
}


@dataclass(frozen=True)
class Grade:
    letter: str
    name: dict[str, str]


def grade(value: float | None) -> Grade | None:
    if value is None:
        return None
    return next(Grade(letter, dict(name)) for low, letter, name in GRADES if value >= low)


def _pct(num: float, den: float) -> float | None:
    return None if den == 0 else 100.0 * num / den


@dataclass
class Score:
    """One aggregate: ``claimed`` uses every answer, ``verified`` only answers backed by evidence."""

    claimed: float | None
    verified: float | None
    weight: float = 0.0  # Σ weights in the claimed denominator
    verified_weight: float = 0.0

    @property
    def claimed_grade(self) -> Grade | None:
        return grade(self.claimed)

    @property
    def verified_grade(self) -> Grade | None:
        return grade(self.verified)


@dataclass
class FrameworkScore(Score):
    uncapped: float | None = None
    verified_uncapped: float | None = None
    capped_by: list[str] = field(default_factory=list)  # failed critical questions (claimed)
    verified_capped_by: list[str] = field(default_factory=list)

    @property
    def grade(self) -> Grade | None:
        return self.claimed_grade


@dataclass(frozen=True)
class QuestionScore:
    id: str
    value: str
    score: float  # 0..1 from the answer scale
    weight: int
    verified: bool  # counts in the verified score
    contradicted: bool  # an actionable probe finding says otherwise: 0 in the verified score
    failed: bool


@dataclass(frozen=True)
class Coverage:
    answered: int  # N/A included
    total: int

    @property
    def percent(self) -> float:
        return 100.0 if self.total == 0 else 100.0 * self.answered / self.total


@dataclass
class Scorecard:
    frameworks: dict[str, FrameworkScore]
    sections: dict[str, Score]
    controls: dict[str, dict[str, Score]]  # framework → control id → score
    overall: Score
    questions: dict[str, QuestionScore]  # answered, not N/A
    na: list[str]
    unanswered: list[str]
    contradicted: list[str]
    coverage: Coverage
    # answered (N/A included) only on the vendor's word (questionnaire): claimed, never verified
    vendor_declared: list[str] = field(default_factory=list)


# -- the per-checklist index ---------------------------------------------------------------------

@dataclass(frozen=True)
class _IndexedQuestion:
    id: str
    weight: int
    critical: bool
    options: dict[str, float]
    frameworks: tuple[str, ...]
    common: tuple[int, ...]  # accumulator slots for the overall and the section scores
    per_framework: tuple[tuple[str, tuple[int, ...]], ...]  # framework → its slot and its controls' slots
    probe_checks: frozenset[str]


@dataclass
class _Index:
    checklist: Checklist  # held so the cache key (its id) cannot be reused while cached
    questions: list[_IndexedQuestion]
    slots: list[tuple[str, str, str]]  # ("overall"|"section"|"framework"|"control", framework, id)


_CACHE: dict[tuple, _Index] = {}


def _index(checklist: Checklist, catalogs: dict[str, Catalog]) -> _Index:
    key = (checklist.content_hash or f"object-{id(checklist)}", id(checklist),
           tuple(sorted((c, catalogs[c].content_hash) for c in checklist.catalogs if c in catalogs)))
    found = _CACHE.get(key)
    if found is not None:
        return found
    slots: list[tuple[str, str, str]] = [("overall", "", "")]
    slot_of: dict[tuple[str, str, str], int] = {("overall", "", ""): 0}

    def slot(kind: str, fw: str, ident: str) -> int:
        k = (kind, fw, ident)
        if k not in slot_of:
            slot_of[k] = len(slots)
            slots.append(k)
        return slot_of[k]

    for section in checklist.sections:
        slot("section", "", section.id)
    controls_of: dict[str, dict[str, list[str]]] = {}
    for fw in checklist.catalogs:
        slot("framework", fw, fw)
        if fw in catalogs:
            by_control = questions_by_control(checklist, catalogs[fw])
            controls_of[fw] = {}
            for cid, qids in by_control.items():
                for qid in qids:
                    controls_of[fw].setdefault(qid, []).append(cid)
    indexed = []
    for q in checklist.questions:
        scale = checklist.scale_of(q)
        frameworks = tuple(fw for fw in checklist.catalogs if fw in q.maps_to)
        per_framework = tuple(
            (fw, (slot("framework", fw, fw),
                  *(slot("control", fw, cid) for cid in controls_of.get(fw, {}).get(q.id, q.maps_to[fw]))))
            for fw in frameworks)
        indexed.append(_IndexedQuestion(q.id, q.weight, q.critical, {o.value: o.score for o in scale.options},
                                        frameworks, (0, slot("section", "", q.section_id)), per_framework,
                                        frozenset(q.probe_checks)))
    if len(_CACHE) > 64:
        _CACHE.clear()
    found = _CACHE[key] = _Index(checklist, indexed, slots)
    return found


# -- scoring ---------------------------------------------------------------------------------------

def score(assessment: Assessment, checklist: Checklist, catalogs: dict[str, Catalog] | None = None,
          findings: list[Finding] | None = None) -> Scorecard:
    catalogs = catalogs if catalogs is not None else bundled_library().catalogs
    index = _index(checklist, catalogs)
    in_scope = set(assessment.frameworks)
    findings = assessment.findings() if findings is None else findings
    failing_checks = {f.check_id for f in findings if f.actionable}
    n = len(index.slots)
    cn = [0.0] * n
    cd = [0.0] * n
    vn = [0.0] * n
    vd = [0.0] * n
    capped: dict[str, list[str]] = {}
    vcapped: dict[str, list[str]] = {}
    questions: dict[str, QuestionScore] = {}
    na: list[str] = []
    unanswered: list[str] = []
    contradicted: list[str] = []
    vendor_declared: list[str] = []
    total = 0
    answers = assessment.answers
    for q in index.questions:
        frameworks = [fw for fw in q.frameworks if fw in in_scope]
        if not frameworks:
            continue
        total += 1
        answer = answers.get(q.id)
        if answer is None:
            unanswered.append(q.id)
            continue
        if answer.vendor_declared:
            vendor_declared.append(q.id)
        if answer.na:
            na.append(q.id)
            continue
        s = q.options.get(answer.value)
        if s is None:
            raise PostureError(fmt(_MSG["bad_value"], value=answer.value, qid=q.id))
        w = q.weight
        hit = bool(failing_checks and q.probe_checks & failing_checks)
        verified = hit or (answer.verified and not answer.vendor_declared)  # the vendor's word never verifies
        vs = 0.0 if hit else s
        failed = s < FAIL_BELOW
        questions[q.id] = QuestionScore(q.id, answer.value, s, w, verified, hit, failed)
        if hit:
            contradicted.append(q.id)
        buckets = [*q.common]
        for fw, slots in q.per_framework:
            if fw in in_scope:
                buckets.extend(slots)
        ws = w * s
        wvs = w * vs
        for b in buckets:
            cn[b] += ws
            cd[b] += w
            if verified:
                vn[b] += wvs
                vd[b] += w
        if q.critical:
            for fw in frameworks:
                if failed:
                    capped.setdefault(fw, []).append(q.id)
                if verified and vs < FAIL_BELOW:
                    vcapped.setdefault(fw, []).append(q.id)
    sections: dict[str, Score] = {}
    controls: dict[str, dict[str, Score]] = {fw: {} for fw in assessment.frameworks}
    frameworks_out: dict[str, FrameworkScore] = {}
    for i, (kind, fw, ident) in enumerate(index.slots):
        if kind == "section":
            sections[ident] = Score(_pct(cn[i], cd[i]), _pct(vn[i], vd[i]), cd[i], vd[i])
        elif kind == "control" and fw in in_scope:
            controls[fw][ident] = Score(_pct(cn[i], cd[i]), _pct(vn[i], vd[i]), cd[i], vd[i])
        elif kind == "framework" and fw in in_scope:
            raw, vraw = _pct(cn[i], cd[i]), _pct(vn[i], vd[i])
            frameworks_out[fw] = FrameworkScore(
                claimed=None if raw is None else (min(raw, CAP) if fw in capped else raw),
                verified=None if vraw is None else (min(vraw, CAP) if fw in vcapped else vraw),
                weight=cd[i], verified_weight=vd[i], uncapped=raw, verified_uncapped=vraw,
                capped_by=capped.get(fw, []), verified_capped_by=vcapped.get(fw, []),
            )
    overall = Score(_pct(cn[0], cd[0]), _pct(vn[0], vd[0]), cd[0], vd[0])
    return Scorecard(frameworks=frameworks_out, sections=sections, controls=controls, overall=overall,
                     questions=questions, na=na, unanswered=unanswered, contradicted=contradicted,
                     coverage=Coverage(total - len(unanswered), total), vendor_declared=vendor_declared)
