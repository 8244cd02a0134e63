"""Scores of one assessment: per question, control, section, framework and overall, claimed and verified.

The formulas are in docs/scoring.md; this module is their only implementation. Sums run in the
checklist's question order, never in answer order, so the same answers always give the same floats.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import reduce
from itertools import accumulate
from operator import add

from posture.assessment import Assessment
from posture.content import Catalog, Checklist, bundled_library, questions_by_control
from posture.errors import PostureError
from posture.findings import CLAIMED_THRESHOLD, Finding
from posture.i18n import _, fmt
from posture.rules import GRADE_ORDER, Rules, default_rules
from posture.vocabulary import Grade as GradeLetter
from posture.vocabulary import Severity

CAP = 40.0  # a framework with a failed critical question scores at most this
FAIL_BELOW = 0.5  # an answer scoring less than this fails its question ("no", maturity 0–2)
# Findings of these severities fail a question nobody answered (docs/scoring.md §5).
FAILING_SEVERITIES = frozenset({Severity.CRITICAL, Severity.HIGH})

# (lowest score, letter, name); checked top down. The only place the grade thresholds live: the app's
# colours, the report's control states and OSCAL's "satisfied" all ask grade() (docs/scoring.md §7).
GRADES = tuple((low, letter.value, letter.cap_label) for low, letter in (
    (85.0, GradeLetter.A),
    (70.0, GradeLetter.B),
    (50.0, GradeLetter.C),
    (0.0, GradeLetter.D),
))

_MSG = {
    "bad_value": _("'{value}' is not a valid answer to {qid}"),
}


@dataclass(frozen=True)
class Grade:
    letter: str
    name: dict[str, str]


def grade(value: float | None) -> Grade | None:
    """The grade of a score in percent (0..100) by :data:`GRADES`, top down; None for None."""
    if value is None:
        return None
    return next(Grade(letter, dict(name)) for low, letter, name in GRADES if value >= low)


def best_grade_floor() -> float:
    """The lowest score of the best grade (A): the line a control must reach to count as in place."""
    return GRADES[0][0]


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


@dataclass
class OverallScore(Score):
    """The overall: the plain average over every question, then never above its worst framework."""

    uncapped: float | None = None
    verified_uncapped: float | None = None
    limited_by: list[str] = field(default_factory=list)  # frameworks whose (capped) score set the claimed overall
    verified_limited_by: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class QuestionScore:
    id: str
    value: str  # the answer value; "" when the question failed by probe without an answer
    score: float  # 0..1 from the answer scale
    weight: int
    verified: bool  # counts in the verified score
    contradicted: bool  # an actionable probe finding against an answer that claims the control
    failed: bool
    by_probe: bool = False  # unanswered, failed by a high or critical finding on one of its checks
    carried: bool = False  # carried over from a previous assessment and not re-confirmed
    claim_reason: str = ""  # why it is not verified: "carried", "method", "no-evidence" ("" if verified)
    probe_evidence: bool = False  # an actionable finding on its checks: verified, 0 in the verified score


@dataclass(frozen=True)
class Coverage:
    """How much of the checklist the scores rest on; ``sufficient`` decides whether there is a letter."""

    answered: int  # N/A included
    total: int  # questions in scope
    na: int = 0
    min_answered: float = 0.0  # the thresholds in force (rules file), fractions 0..1
    min_scored: float = 0.0
    flag_na_share: float = 1.0

    @property
    def percent(self) -> float:
        """Answered (N/A included) / in scope, in percent; 0 when nothing is in scope."""
        return 0.0 if self.total == 0 else 100.0 * self.answered / self.total

    @property
    def scored(self) -> int:
        return self.answered - self.na

    @property
    def scored_percent(self) -> float:
        return 0.0 if self.total == 0 else 100.0 * self.scored / self.total

    @property
    def na_share(self) -> float:
        """N/A / answered, in percent (0 when nothing is answered)."""
        return 0.0 if self.answered == 0 else 100.0 * self.na / self.answered

    @property
    def na_flagged(self) -> bool:
        return self.answered > 0 and self.na / self.answered > self.flag_na_share

    @property
    def sufficient(self) -> bool:
        return (self.total > 0 and self.answered / self.total >= self.min_answered
                and self.scored / self.total >= self.min_scored)


@dataclass(frozen=True)
class Headline:
    """The one letter a manager reads first, and what it rests on (docs/scoring.md §7).

    ``letter`` is None when coverage is insufficient. ``basis`` says which score carries it:
    "verified" (the verified overall is the lower), "claimed" (the claimed overall is the lower or
    equal), "claimed-only" (nothing is verified) or "insufficient"."""

    letter: str | None
    name: dict[str, str]
    value: float | None  # the score graded
    basis: str
    claimed: float | None
    verified: float | None
    verified_above_claimed: bool = False  # verified rests on fewer answers and came out higher


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
    failed_by_probe: list[str] = field(default_factory=list)  # unanswered, failed by a high/critical finding
    critical_unanswered: list[str] = field(default_factory=list)  # critical questions in scope nobody answered
    critical_total: int = 0  # critical questions in scope
    carried: list[str] = field(default_factory=list)  # carried over, not re-confirmed (never verified)
    headline: Headline | None = None

    @property
    def verified_share(self) -> float | None:
        """Verified weight / claimed weight of the overall, 0..1 (None when nothing is scored)."""
        o = self.overall
        return None if not o.weight else o.verified_weight / o.weight

    @property
    def critical_failed(self) -> list[str]:
        return [qid for qid, q in self.questions.items() if q.failed and qid in self.critical_ids]

    critical_ids: frozenset = frozenset()  # critical questions in scope
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
          findings: list[Finding] | None = None, rules: Rules | None = None) -> Scorecard:
    """Score ``assessment`` against ``checklist`` (the rules of docs/scoring.md v2, §1–§8).

    Args:
        assessment: the answers (``Assessment.answers``: question id → ``Answer``) and the frameworks in
            scope (``Assessment.frameworks``); only questions mapped to a framework in scope count.
        checklist: the questions, their scales (option → *s* in 0–1), weights *w* (1–5), criticality and
            mappings to controls.
        catalogs: framework id → ``Catalog`` (controls and their ``parent`` chain); default the bundled ones.
        findings: probe findings (default the assessment's, de-duplicated); an actionable finding on a
            question's probe check verifies it at 0 (§5), a severe one fails an unanswered question.
        rules: the coverage thresholds (default ``posture/rules/verdict-rules.yaml``).

    Returns:
        A ``Scorecard``. Every score is a percentage, 0–100 (``None`` when nothing is scored, shown "—"),
        claimed (every answer) and verified (evidence or probe only, §4): ``frameworks`` (id →
        ``FrameworkScore``, at most ``CAP`` = 40 when a critical question failed, §3), ``sections`` (id →
        ``Score``), ``controls`` (framework → control id → ``Score``), ``overall`` (limited by the lowest
        framework, §7), ``headline`` (the letter from ``GRADES`` on the lower of claimed and verified, or
        none below the coverage thresholds, §6–§8), ``coverage`` (answered / total, N/A share), per-question
        ``questions`` and the lists ``unanswered``, ``na``, ``contradicted``, ``failed_by_probe``.

    Raises:
        PostureError: an answer is not an option of its question's scale (the file was edited by hand).
    """
    catalogs = catalogs if catalogs is not None else bundled_library().catalogs
    rules = rules or default_rules()
    index = _index(checklist, catalogs)
    in_scope = set(assessment.frameworks)
    findings = assessment.findings() if findings is None else findings
    failing_checks = {f.check_id for f in findings if f.actionable}
    severe_checks = {f.check_id for f in findings if f.severity in FAILING_SEVERITIES}
    failed_by_probe: list[str] = []
    critical_unanswered: list[str] = []
    carried: list[str] = []
    critical: set[str] = set()
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
        if q.critical:
            critical.add(q.id)
        answer = answers.get(q.id)
        w = q.weight
        if answer is None:
            if severe_checks and q.probe_checks & severe_checks:
                # Nobody answered, but the network says it fails: verified evidence, scored 0 in both.
                failed_by_probe.append(q.id)
                s = vs = 0.0
                verified = failed = True
                questions[q.id] = QuestionScore(q.id, "", 0.0, w, True, False, True, by_probe=True)
            else:
                unanswered.append(q.id)
                if q.critical:
                    critical_unanswered.append(q.id)
                continue
        elif answer.na:
            if answer.vendor_declared:
                vendor_declared.append(q.id)
            na.append(q.id)
            continue
        else:
            if answer.vendor_declared:
                vendor_declared.append(q.id)
            s = q.options.get(answer.value)
            if s is None:
                raise PostureError(fmt(_MSG["bad_value"], value=answer.value, qid=q.id))
            hit = bool(failing_checks and q.probe_checks & failing_checks)
            verified = hit or answer.verified
            vs = 0.0 if hit else s
            failed = s < FAIL_BELOW
            if answer.carried_over:
                carried.append(q.id)
            # a contradiction is a finding against an answer that claims the control (docs/scoring.md §5);
            # a finding on a "no" or "partial" confirms the gap: verified, but not contradicted
            contradicts = hit and s >= CLAIMED_THRESHOLD
            questions[q.id] = QuestionScore(q.id, answer.value, s, w, verified, contradicts, failed,
                                            carried=answer.carried_over,
                                            claim_reason="" if verified else answer.claim_reason,
                                            probe_evidence=hit)
            if contradicts:
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
    overall = _overall(_pct(cn[0], cd[0]), _pct(vn[0], vd[0]), cd[0], vd[0], frameworks_out)
    cov = rules.coverage
    coverage = Coverage(total - len(unanswered) - len(failed_by_probe), total, len(na),
                        cov.min_answered, cov.min_scored, cov.flag_na_share)
    card = Scorecard(frameworks=frameworks_out, sections=sections, controls=controls, overall=overall,
                     questions=questions, na=na, unanswered=unanswered, contradicted=contradicted,
                     coverage=coverage, failed_by_probe=failed_by_probe, critical_unanswered=critical_unanswered,
                     critical_total=len(critical), carried=carried,
                     critical_ids=frozenset(critical), vendor_declared=vendor_declared)
    card.headline = headline(overall, coverage)
    return card


def _overall(raw: float | None, vraw: float | None, weight: float, vweight: float,
             frameworks: dict[str, FrameworkScore]) -> OverallScore:
    """The plain average, then at most the lowest framework score (claimed and verified separately)."""
    def limit(value, per_fw):
        if value is None:
            return None, []
        scored = {fw: v for fw, v in per_fw.items() if v is not None}
        if not scored:
            return value, []
        low = min(scored.values())
        if low >= value:
            return value, []
        return low, [fw for fw, v in scored.items() if v == low]
    claimed, by = limit(raw, {fw: f.claimed for fw, f in frameworks.items()})
    verified, vby = limit(vraw, {fw: f.verified for fw, f in frameworks.items()})
    return OverallScore(claimed, verified, weight, vweight, uncapped=raw, verified_uncapped=vraw,
                        limited_by=by, verified_limited_by=vby)


def headline(overall: Score, coverage: Coverage) -> Headline:
    """The letter: graded on the lower of the claimed and verified overall; on the claimed one,
    labelled "claimed-only", when nothing is verified; none below the coverage thresholds."""
    c, v = overall.claimed, overall.verified
    above = c is not None and v is not None and v > c
    if not coverage.sufficient or c is None:
        return Headline(None, {}, None, "insufficient", c, v, above)
    if v is None:
        value, basis = c, "claimed-only"
    elif v < c:
        value, basis = v, "verified"
    else:
        value, basis = c, "claimed"
    g = grade(value)
    return Headline(g.letter, g.name, value, basis, c, v, above)


def letter_rank(letter: str | None) -> int:
    """0 for A … 3 for D; 4 for no letter."""
    return GRADE_ORDER.index(letter) if letter in GRADE_ORDER else len(GRADE_ORDER)


# -- what-if: the framework scores after a few answers change ------------------------------------------

def _state(q: _IndexedQuestion, answer, failing: set[str], severe: set[str]) -> tuple | None:
    """One question's part in its frameworks' sums, exactly as ``score`` adds it: (w·s, w, w·vs if verified
    else 0, w if verified else 0, caps claimed, caps verified); None when it is not scored (unanswered and
    not failed by probe, or N/A)."""
    w = q.weight
    if answer is None:
        if not (severe and q.probe_checks & severe):
            return None
        s = vs = 0.0
        verified = failed = True
    elif answer.na:
        return None
    else:
        s = q.options.get(answer.value)
        if s is None:
            raise PostureError(fmt(_MSG["bad_value"], value=answer.value, qid=q.id))
        hit = bool(failing and q.probe_checks & failing)
        verified = hit or answer.verified
        vs = 0.0 if hit else s
        failed = s < FAIL_BELOW
    return (w * s, w, w * vs if verified else 0.0, w if verified else 0,
            q.critical and failed, q.critical and verified and vs < FAIL_BELOW)


# Sums are folded left to right from 0.0 (functools.reduce, itertools.accumulate), as ``score`` adds them:
# ``sum`` of floats is compensated on Python >= 3.12 and could differ in the last bit.
_ZERO = (0.0, 0, 0.0, 0, False, False)


class WhatIf:
    """The framework scores of one assessment if some answers were different and some findings gone,
    without scoring it again: the plan's gains (one what-if per plan item, docs/scoring.md §10).

    Built once from the same inputs as ``score``; :meth:`frameworks` re-evaluates only the questions that
    change (those answered differently, and those whose probe checks a removed finding stops failing) and
    adds each framework's parts in the order ``score`` does, so the result equals
    ``score(changed assessment, …).frameworks`` exactly (tests/test_scoring_whatif.py checks it on random
    assessments). Raises ``PostureError`` as ``score`` does (an answer not on its scale)."""

    def __init__(self, assessment: Assessment, checklist: Checklist, catalogs: dict[str, Catalog] | None = None,
                 findings: list[Finding] | None = None):
        catalogs = catalogs if catalogs is not None else bundled_library().catalogs
        index = _index(checklist, catalogs)
        in_scope = set(assessment.frameworks)
        self._questions = index.questions
        self._answers = assessment.answers
        self._findings = assessment.findings() if findings is None else list(findings)
        self._failing, self._severe = _probe_checks(self._findings)
        self._frameworks = [fw for kind, fw, _ in index.slots if kind == "framework" and fw in in_scope]
        self._qi: dict[str, int] = {}
        self._by_check: dict[str, list[int]] = {}
        positions: dict[str, list[int]] = {fw: [] for fw in self._frameworks}
        for i, q in enumerate(index.questions):
            self._qi[q.id] = i
            for check in q.probe_checks:
                self._by_check.setdefault(check, []).append(i)
            if not any(fw in in_scope for fw in q.frameworks):
                continue
            for fw, _slots in q.per_framework:
                if fw in in_scope:
                    positions[fw].append(i)
        self._positions = positions
        self._where = {fw: {i: j for j, i in enumerate(pos)} for fw, pos in positions.items()}
        self._base = [_state(q, self._answers.get(q.id), self._failing, self._severe) if any(
            fw in in_scope for fw in q.frameworks) else None for q in index.questions]
        self._columns = {fw: self._columns_of([self._base[i] or _ZERO for i in pos])
                         for fw, pos in positions.items()}
        # prefix[fw][k][j]: column k's parts before position j added left to right (a change at j re-adds
        # only from j on, starting from the same partial sum: the same additions in the same order)
        self._prefix = {fw: tuple(list(accumulate(column, add, initial=0.0)) for column in cols[:4])
                        for fw, cols in self._columns.items()}
        self._caps = {fw: tuple([j for j, flag in enumerate(cols[k]) if flag] for k in (4, 5))
                      for fw, cols in self._columns.items()}
        self._results = {fw: self._score(fw, {}) for fw in self._frameworks}

    @staticmethod
    def _columns_of(states: list[tuple]) -> tuple[list, ...]:
        return tuple(list(column) for column in zip(*states, strict=True)) if states else ([], [], [], [], [], [])

    def _score(self, fw: str, changes: dict[int, tuple]) -> FrameworkScore:
        """``fw``'s score with the parts at positions ``changes`` (position in the framework → state)."""
        columns, prefix = self._columns[fw], self._prefix[fw]
        start = min(changes) if changes else len(columns[0])
        sums = []
        for k in range(4):
            tail = columns[k][start:]
            for j, state in changes.items():
                tail[j - start] = state[k]
            sums.append(reduce(add, tail, prefix[k][start]))
        cn, cd, vn, vd = sums
        pos = self._positions[fw]
        capped_at = []
        for k in (4, 5):
            at = set(self._caps[fw][k - 4]).difference(changes)
            at.update(j for j, state in changes.items() if state[k])
            capped_at.append([self._questions[pos[j]].id for j in sorted(at)])
        capped, vcapped = capped_at
        raw, vraw = _pct(cn, cd), _pct(vn, vd)
        return FrameworkScore(
            claimed=None if raw is None else (min(raw, CAP) if capped else raw),
            verified=None if vraw is None else (min(vraw, CAP) if vcapped else vraw),
            weight=cd, verified_weight=vd, uncapped=raw, verified_uncapped=vraw,
            capped_by=capped, verified_capped_by=vcapped)

    def frameworks(self, answers: dict | None = None, gone: set[str] | frozenset = frozenset(),
                   ) -> dict[str, FrameworkScore]:
        """Framework id → ``FrameworkScore`` with ``answers`` (question id → ``Answer``) in place of the
        assessment's and the findings whose ids are in ``gone`` removed; the frameworks in scope, in the
        order ``score`` gives them."""
        answers = answers or {}
        failing, severe = self._failing, self._severe
        touched = {self._qi[qid] for qid in answers if qid in self._qi}
        if gone:
            failing, severe = _probe_checks([f for f in self._findings if f.id not in gone])
            for check in (self._failing ^ failing) | (self._severe ^ severe):
                touched.update(self._by_check.get(check, ()))
        changed: dict[int, tuple] = {}
        for i in touched:
            if not any(i in self._where[fw] for fw in self._frameworks):
                continue  # in no framework in scope: score skips it
            q = self._questions[i]
            state = _state(q, answers[q.id] if q.id in answers else self._answers.get(q.id), failing, severe)
            changed[i] = state or _ZERO
        out = {}
        for fw in self._frameworks:
            where = self._where[fw]
            mine = {where[i]: state for i, state in changed.items() if i in where}
            out[fw] = self._score(fw, mine) if mine else self._results[fw]
        return out


def _probe_checks(findings: list[Finding]) -> tuple[set[str], set[str]]:
    """The checks with an actionable finding (they verify at 0) and those with a severe one (they fail an
    unanswered question), as ``score`` reads them."""
    return ({f.check_id for f in findings if f.actionable},
            {f.check_id for f in findings if f.severity in FAILING_SEVERITIES})
