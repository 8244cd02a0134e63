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
    unanswered; only coverage (N/A counts as answered) and the lists differ."""
    answers, findings = case
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
