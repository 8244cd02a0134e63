"""Invariants of scoring, over random answers to the fixture checklist."""

from engine_support import catalogs, load_fixture, make_assessment
from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st
from test_scoring import tls_finding

from posture.assessment import METHODS, Answer
from posture.scoring import score

CHECKLIST = load_fixture()
CATALOGS = catalogs()
QIDS = [q.id for q in CHECKLIST.questions]
# 60 examples, or fewer when the profile asks for fewer (the "mutation" profile: 15, run once per mutant)
SETTINGS = settings(max_examples=min(60, settings.default.max_examples), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def _values(qid):
    q = CHECKLIST.question(qid)
    return [o.value for o in CHECKLIST.scale_of(q).options]


@st.composite
def answer_sets(draw):
    answers = {}
    for qid in QIDS:
        choice = draw(st.sampled_from([*_values(qid), "na", None]))
        if choice is None:
            continue
        answers[qid] = Answer(choice, method=draw(st.sampled_from(METHODS)), qid=qid,
                              na_justification="justificación" if choice == "na" else "")
    findings = [tls_finding(draw(st.sampled_from(["high", "info"])))] if draw(st.booleans()) else []
    return answers, findings


def _all_scores(card):
    yield card.overall
    yield from card.frameworks.values()
    yield from card.sections.values()
    for controls in card.controls.values():
        yield from controls.values()


@SETTINGS
@given(answer_sets())
def test_every_score_is_within_0_and_100(case):
    answers, findings = case
    card = score(make_assessment(CHECKLIST, answers), CHECKLIST, CATALOGS, findings)
    for s in _all_scores(card):
        for value in (s.claimed, s.verified):
            assert value is None or 0.0 <= value <= 100.0


@SETTINGS
@given(answer_sets(), st.sampled_from(QIDS))
def test_na_weighs_exactly_like_an_unanswered_question(case, qid):
    """N/A leaves the question out of every denominator: each score equals the one with the question left
    unanswered; only coverage (N/A counts as answered) and the lists differ. (Without probe findings: a failing
    check scores an unanswered question it verifies, docs/scoring.md.)"""
    answers, findings = case[0], []
    na, unanswered = dict(answers), dict(answers)
    na[qid] = Answer("na", na_justification="no aplica en este sitio", qid=qid)
    unanswered.pop(qid, None)
    a = score(make_assessment(CHECKLIST, na), CHECKLIST, CATALOGS, findings)
    b = score(make_assessment(CHECKLIST, unanswered), CHECKLIST, CATALOGS, findings)
    assert qid in a.na and qid not in a.questions and qid in b.unanswered
    assert (a.overall, a.frameworks, a.sections, a.controls) == (b.overall, b.frameworks, b.sections, b.controls)
    assert a.coverage.answered == b.coverage.answered + 1 and a.coverage.total == b.coverage.total


@SETTINGS
@given(answer_sets(), st.sampled_from(QIDS), st.data())
def test_improving_one_answer_never_lowers_any_score(case, qid, data):
    answers, findings = case
    values = _values(qid)
    q = CHECKLIST.question(qid)
    by_score = sorted(CHECKLIST.scale_of(q).options, key=lambda o: o.score)
    low = data.draw(st.sampled_from(by_score[:-1]))
    high = data.draw(st.sampled_from([o for o in by_score if o.score > low.score]))
    method = data.draw(st.sampled_from(METHODS))
    assert low.value in values
    worse, better = dict(answers), dict(answers)
    worse[qid] = Answer(low.value, method=method, qid=qid)
    better[qid] = Answer(high.value, method=method, qid=qid)
    a = score(make_assessment(CHECKLIST, worse), CHECKLIST, CATALOGS, findings)
    b = score(make_assessment(CHECKLIST, better), CHECKLIST, CATALOGS, findings)
    pairs = list(zip(_all_scores(a), _all_scores(b), strict=True))
    for old, new in pairs:
        for x, y in ((old.claimed, new.claimed), (old.verified, new.verified)):
            assert (x is None) == (y is None)
            if x is not None:
                assert y >= x - 1e-9


@SETTINGS
@given(answer_sets(), st.randoms(use_true_random=False))
def test_answer_order_changes_nothing(case, rnd):
    answers, findings = case
    items = list(answers.items())
    rnd.shuffle(items)
    a = score(make_assessment(CHECKLIST, answers), CHECKLIST, CATALOGS, findings)
    b = score(make_assessment(CHECKLIST, dict(items)), CHECKLIST, CATALOGS, findings)
    assert a == b


FIND = settings(max_examples=2000, database=None, derandomize=True)


def test_the_generator_reaches_interesting_cases():
    """Guard against a strategy that only ever produces easy assessments: the properties above are only as
    good as the cases ``answer_sets`` draws, so each interesting kind must be reachable from it."""
    critical = {q.id for q in CHECKLIST.questions if q.critical}
    probed = {q.id for q in CHECKLIST.questions if q.probe_checks}

    def card(case):
        return score(make_assessment(CHECKLIST, case[0]), CHECKLIST, CATALOGS, case[1])

    full = find(answer_sets(), lambda c: len(c[0]) == len(QIDS) and not any(a.na for a in c[0].values()),
                settings=FIND)
    assert card(full).coverage.answered == len(QIDS) and not card(full).na
    capped = find(answer_sets(), lambda c: any(fw.capped_by for fw in card(c).frameworks.values()), settings=FIND)
    assert set().union(*(fw.capped_by for fw in card(capped).frameworks.values())) <= critical
    contradicted = find(answer_sets(), lambda c: bool(card(c).contradicted), settings=FIND)
    assert set(card(contradicted).contradicted) <= probed and contradicted[1]
    mixed = find(answer_sets(), lambda c: bool(card(c).na) and bool(card(c).unanswered), settings=FIND)
    assert card(mixed).coverage.answered < card(mixed).coverage.total


# -- v2 invariants (docs/scoring.md §4, §5, §7, §9) -----------------------------------------------

from dataclasses import replace  # noqa: E402

from posture.assessment import Evidence  # noqa: E402
from posture.findings import Finding, ProbeRun, dedupe  # noqa: E402
from posture.rules import GRADE_ORDER  # noqa: E402
from posture.scoring import grade  # noqa: E402

CHECKS = ["tls-legacy-protocol", "rdp-exposed", "smb-exposed"]
HOSTS = ["10.0.0.1", "10.0.0.2"]


def _finding(check, severity, host, port, observed_at="2026-01-15T10:00:00Z"):
    return Finding(check, severity, host, port, "tcp", {"es": check, "en": check}, {"es": "d", "en": "d"},
                   {"es": "r", "en": "r"}, "", observed_at=observed_at)


findings_st = st.builds(_finding, st.sampled_from(CHECKS), st.sampled_from(["critical", "high", "medium", "info"]),
                        st.sampled_from(HOSTS), st.sampled_from([443, 3389, 445]),
                        st.sampled_from(["2026-01-15T10:00:00Z", "2026-02-01T10:00:00Z"]))


@st.composite
def rich_answer_sets(draw):
    """Answers with every kind of backing: none, who/when only, an evidence file, carried over."""
    answers = {}
    for qid in QIDS:
        choice = draw(st.sampled_from([*_values(qid), "na", None]))
        if choice is None:
            continue
        evidence = [Evidence(f"evidence/{qid}.pdf", "cd" * 32, "2026-01-15")] if draw(st.booleans()) else []
        who = draw(st.booleans())
        answers[qid] = Answer(choice, method=draw(st.sampled_from(METHODS)), qid=qid, evidence=evidence,
                              answered_by="Auditora" if who else "", answered_at="2026-01-15T10:00:00Z" if who else "",
                              carried_over=draw(st.booleans()),
                              na_justification="justificación" if choice == "na" else "")
    return answers, draw(st.lists(findings_st, max_size=4))


def _rank(letter):
    return GRADE_ORDER.index(letter)


@SETTINGS
@given(rich_answer_sets())
def test_the_overall_grade_is_never_better_than_the_rule_allows(case):
    answers, findings = case
    card = score(make_assessment(CHECKLIST, answers), CHECKLIST, CATALOGS, findings)
    o, h = card.overall, card.headline
    for f in card.frameworks.values():
        if o.claimed is not None and f.claimed is not None:
            assert o.claimed <= f.claimed + 1e-9
        if o.verified is not None and f.verified is not None:
            assert o.verified <= f.verified + 1e-9
    if not card.coverage.sufficient:
        assert h.letter is None
        return
    graded = min(v for v in (o.claimed, o.verified) if v is not None)
    assert h.letter == grade(graded).letter
    for f in card.frameworks.values():
        for value in (f.claimed, f.verified):
            if value is not None:
                assert _rank(h.letter) >= _rank(grade(value).letter)  # never a better letter than a framework


@SETTINGS
@given(rich_answer_sets(), st.sampled_from(QIDS), st.sampled_from(METHODS))
def test_verified_never_rises_without_evidence(case, qid, method):
    """Relabelling an answer's method with no evidence on record never adds verified weight."""
    answers, findings = case
    if qid not in answers:
        return
    before = score(make_assessment(CHECKLIST, answers), CHECKLIST, CATALOGS, findings)
    relabelled = dict(answers)
    relabelled[qid] = replace(answers[qid], method=method, evidence=[], answered_by="", answered_at="")
    after = score(make_assessment(CHECKLIST, relabelled), CHECKLIST, CATALOGS, findings)
    assert after.overall.verified_weight <= before.overall.verified_weight
    q = after.questions.get(qid)
    assert q is None or not q.verified or q.probe_evidence  # a finding on its checks: evidence of failure


@SETTINGS
@given(rich_answer_sets())
def test_a_carried_answer_never_counts_as_verified(case):
    answers, findings = case
    card = score(make_assessment(CHECKLIST, answers), CHECKLIST, CATALOGS, findings)
    for qid, q in card.questions.items():
        if qid in answers and answers[qid].carried_over:
            assert q.carried and (not q.verified or q.probe_evidence)  # only a probe finding, scored 0, is evidence


@SETTINGS
@given(rich_answer_sets(), findings_st)
def test_adding_a_finding_never_raises_a_score(case, extra):
    answers, findings = case
    a = make_assessment(CHECKLIST, answers)
    before = score(a, CHECKLIST, CATALOGS, findings)
    after = score(a, CHECKLIST, CATALOGS, [*findings, extra])
    for old, new in zip(_all_scores(before), _all_scores(after), strict=True):
        for x, y in ((old.claimed, new.claimed), (old.verified, new.verified)):
            if x is not None and y is not None:
                assert y <= x + 1e-9
            elif x is None and y is not None:
                assert y == 0.0  # only a question failed by probe appeared
    if before.headline.letter and after.headline.letter:
        assert _rank(after.headline.letter) >= _rank(before.headline.letter)


runs_st = st.lists(st.builds(lambda i, fs: ProbeRun(id=f"run-{i}", authorized_by="Ana", started_at=f"2026-01-1{i}",
                                                     finished_at=f"2026-01-1{i}", targets=HOSTS, findings=fs),
                             st.integers(0, 9), st.lists(findings_st, max_size=4)),
                   max_size=4, unique_by=lambda r: r.id)


@SETTINGS
@given(runs_st)
def test_deduplication_is_idempotent_and_keeps_one_finding_per_key(runs):
    once = dedupe(runs)
    keys = [f.key for f in once]
    assert len(keys) == len(set(keys)) == len({f.key for r in runs for f in r.findings})
    again = dedupe([ProbeRun(id="merged", authorized_by="Ana", started_at="", finished_at="", targets=[],
                             findings=once)])
    assert [f.to_dict() for f in again] == [f.to_dict() for f in once]
    for f in once:
        assert f.runs == [r.id for r in runs if any(g.key == f.key for g in r.findings)]


@SETTINGS
@given(runs_st, st.data())
def test_removing_a_run_removes_exactly_its_findings(runs, data):
    if not runs:
        return
    gone = data.draw(st.sampled_from([r.id for r in runs]))
    kept = [r for r in runs if r.id != gone]
    after = {f.key: f.runs for f in dedupe(kept)}
    assert set(after) == {f.key for r in kept for f in r.findings}
    assert all(gone not in seen for seen in after.values())
    before = {f.key: f.runs for f in dedupe(runs)}
    for key, seen in before.items():
        if seen == [gone]:
            assert key not in after  # found only by the removed run: gone with it
        else:
            assert after[key] == [r for r in seen if r != gone]
