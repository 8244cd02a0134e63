"""Invariants of scoring, over random answers to the fixture checklist."""

import random

from engine_support import catalogs, load_fixture, make_assessment
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_scoring import tls_finding

from posture.assessment import METHODS, Answer
from posture.scoring import score

CHECKLIST = load_fixture()
CATALOGS = catalogs()
QIDS = [q.id for q in CHECKLIST.questions]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


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
def test_marking_na_leaves_the_other_contributions_unchanged(case, qid):
    answers, findings = case
    before = score(make_assessment(CHECKLIST, answers), CHECKLIST, CATALOGS, findings)
    changed = dict(answers)
    changed[qid] = Answer("na", na_justification="no aplica en este sitio", qid=qid)
    after = score(make_assessment(CHECKLIST, changed), CHECKLIST, CATALOGS, findings)
    assert qid in after.na and qid not in after.questions
    assert {k: v for k, v in before.questions.items() if k != qid} == after.questions


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


def test_the_generator_reaches_interesting_cases():
    """Guard against a strategy that only ever produces empty assessments."""
    rng = random.Random(1)
    answers = {qid: rng.choice(_values(qid)) for qid in QIDS}
    card = score(make_assessment(CHECKLIST, answers), CHECKLIST, CATALOGS)
    assert card.coverage.answered == len(QIDS)
