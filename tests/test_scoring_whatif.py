"""posture.scoring.WhatIf — the plan's gains without a full re-score per item — gives exactly what a full
``score`` of the changed assessment gives (frameworks' claimed, verified, uncapped, weights and caps, to the
last bit), on random assessments of the full checklist: random answers, methods and evidence, frameworks in
scope, probe findings (several on one check, severe and not), answers changed and findings removed."""

from __future__ import annotations

import dataclasses

from engine_support import REAL_CHECKLIST, catalogs, load_fixture, make_assessment
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from posture.assessment import METHODS, Answer
from posture.findings import Finding
from posture.plan import build_plan
from posture.scoring import WhatIf, score

CHECKLIST = load_fixture(REAL_CHECKLIST)
CATALOGS = catalogs()
QIDS = [q.id for q in CHECKLIST.questions]
CHECKS = sorted({c for q in CHECKLIST.questions for c in q.probe_checks})
SETTINGS = settings(max_examples=min(60, settings.default.max_examples), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _options(qid: str) -> list[str]:
    q = CHECKLIST.question(qid)
    scale = CHECKLIST.scale_of(q)
    return [o.value for o in scale.options] + (["na"] if scale.allow_na else [])


@st.composite
def answers(draw, qids):
    out = {}
    for qid in qids:
        value = draw(st.sampled_from(_options(qid)))
        method = draw(st.sampled_from(METHODS))
        out[qid] = (value, method, "evidence") if draw(st.booleans()) else (value, method)
    return out


@st.composite
def cases(draw):
    answered = draw(st.lists(st.sampled_from(QIDS), unique=True, max_size=len(QIDS)))
    base = make_assessment(CHECKLIST, draw(answers(answered)))
    frameworks = draw(st.lists(st.sampled_from(list(CHECKLIST.catalogs)), unique=True, min_size=1))
    findings = [Finding(draw(st.sampled_from(CHECKS)), draw(st.sampled_from(["critical", "high", "medium", "info"])),
                        f"10.0.0.{n}", 443, "tcp", {"es": "t", "en": "t"}, {"es": "d", "en": "d"},
                        {"es": "r", "en": "r"}, "e")
                for n in range(draw(st.integers(0, 6)))]
    assessment = dataclasses.replace(base, frameworks=frameworks)
    changed_ids = draw(st.lists(st.sampled_from(QIDS), unique=True, max_size=8))
    changed = make_assessment(CHECKLIST, draw(answers(changed_ids))).answers
    gone = {f.id for f in findings if draw(st.booleans())}
    return assessment, findings, changed, gone


@SETTINGS
@given(cases())
def test_what_if_equals_a_full_score_of_the_changed_assessment(case):
    assessment, findings, changed, gone = case
    full = score(dataclasses.replace(assessment, answers={**assessment.answers, **changed}), CHECKLIST, CATALOGS,
                 [f for f in findings if f.id not in gone])
    assert WhatIf(assessment, CHECKLIST, CATALOGS, findings).frameworks(changed, gone) == full.frameworks


@SETTINGS
@given(cases())
def test_no_change_is_the_scorecard_itself(case):
    assessment, findings, _, _ = case
    assert WhatIf(assessment, CHECKLIST, CATALOGS, findings).frameworks() == \
        score(assessment, CHECKLIST, CATALOGS, findings).frameworks


def _gains_by_full_rescoring(assessment, findings, card, question_ids, gone):
    """The plan's gains as computed before WhatIf: one full score per item (docs/scoring.md §10)."""
    answers = dict(assessment.answers)
    for qid in question_ids:
        q = CHECKLIST.question(qid)
        best = max(CHECKLIST.scale_of(q).options, key=lambda o: o.score)
        old = answers.get(qid)
        answers[qid] = dataclasses.replace(old, value=best.value) if old is not None else Answer(best.value, qid=qid)
    after = score(dataclasses.replace(assessment, answers=answers), CHECKLIST, CATALOGS,
                  [f for f in findings if f.id not in gone])
    return ({fw: round((after.frameworks[fw].claimed or 0.0) - (o.claimed or 0.0), 1)
             for fw, o in card.frameworks.items()},
            {fw: round((after.frameworks[fw].verified or 0.0) - (o.verified or 0.0), 1)
             for fw, o in card.frameworks.items()},
            {fw: round((after.frameworks[fw].uncapped or 0.0) - (o.uncapped or 0.0), 1)
             for fw, o in card.frameworks.items()})


@settings(max_examples=min(15, settings.default.max_examples), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(cases())
def test_every_plan_gain_equals_the_full_rescoring(case):
    assessment, findings, _, _ = case
    card = score(assessment, CHECKLIST, CATALOGS, findings)
    plan = build_plan(assessment, CHECKLIST, CATALOGS, card, findings=findings)
    for item in plan.items:
        assert (item.gain, item.verified_gain, item.uncapped_gain) == _gains_by_full_rescoring(
            assessment, findings, card, item.question_ids, set(item.finding_ids)), item.id
    cap_items = [i for i in plan.items if i.lifts_cap]
    if cap_items:
        together = _gains_by_full_rescoring(assessment, findings, card, [q for i in cap_items for q in i.question_ids],
                                            {f for i in cap_items for f in i.finding_ids})[0]
        assert plan.cap_release == {fw: together[fw] for fw, f in card.frameworks.items() if f.capped_by}


# -- rules stated one by one (mutation run of 2026-11-30 after the `_answered` refactor) -------------------

def _finding(check: str, severity: str, host: str = "10.0.0.1") -> Finding:
    return Finding(check, severity, host, 443, "tcp", {"es": "t", "en": "t"}, {"es": "d", "en": "d"},
                   {"es": "r", "en": "r"}, "e")


def _same(whatif: dict, full: dict) -> None:
    assert list(whatif) == list(full)  # the frameworks in scope, in score's order
    assert whatif == full


def test_an_actionable_finding_verifies_an_answered_question_at_zero_in_the_what_if_too():
    """A non-severe but actionable finding (medium) on an answered question's check verifies it at 0: the
    what-if's base, a changed answer and a removed finding all apply that rule as ``score`` does."""
    a = make_assessment(CHECKLIST, {"TEL-01": ("yes", "interview", "evidence"), "PEO-11": ("yes", "interview")})
    med = _finding("sip-exposed", "medium")
    w = WhatIf(a, CHECKLIST, CATALOGS, [med])
    _same(w.frameworks(), score(a, CHECKLIST, CATALOGS, [med]).frameworks)
    changed = make_assessment(CHECKLIST, {"TEL-01": ("partial", "interview", "evidence")}).answers
    _same(w.frameworks(changed),
          score(dataclasses.replace(a, answers={**a.answers, **changed}), CHECKLIST, CATALOGS, [med]).frameworks)
    # removing the medium finding (failing, not severe) re-scores TEL-01 from the assessment's own answer
    _same(w.frameworks(gone={med.id}), score(a, CHECKLIST, CATALOGS, []).frameworks)
    assert w.frameworks(gone={med.id}) != w.frameworks()


def test_a_removed_finding_on_a_check_no_question_has_changes_nothing():
    """A finding whose check no question lists can be removed: the scores stay the scorecard's."""
    a = make_assessment(CHECKLIST, {"TEL-01": ("yes", "interview")})
    odd = _finding("no-question-has-this-check", "high")
    w = WhatIf(a, CHECKLIST, CATALOGS, [odd])
    _same(w.frameworks(gone={odd.id}), score(a, CHECKLIST, CATALOGS, []).frameworks)


def test_a_critical_no_without_evidence_caps_the_claimed_score_only():
    """A failed critical question answered without evidence caps the claimed score (capped_by), not the
    verified one: the what-if keeps the two caps apart, with and without changes."""
    a = make_assessment(CHECKLIST, {"PEO-11": ("no", "interview"), "FLR-05": ("yes", "interview", "evidence")})
    w = WhatIf(a, CHECKLIST, CATALOGS, [])
    base = w.frameworks()
    _same(base, score(a, CHECKLIST, CATALOGS, []).frameworks)
    assert all(f.capped_by == ["PEO-11"] and f.verified_capped_by == [] for f in base.values())
    changed = make_assessment(CHECKLIST, {"FLR-05": ("partial", "interview", "evidence")}).answers
    _same(w.frameworks(changed),
          score(dataclasses.replace(a, answers={**a.answers, **changed}), CHECKLIST, CATALOGS, []).frameworks)


def test_the_catalogs_and_findings_default_as_in_score():
    """Without catalogs the bundled ones are used, without findings the assessment's own: as ``score``."""
    a = make_assessment(CHECKLIST, {"TEL-01": ("yes", "interview"), "PEO-11": ("no", "interview")})
    _same(WhatIf(a, CHECKLIST).frameworks(), score(a, CHECKLIST).frameworks)


def test_changes_to_questions_outside_the_scope_do_not_stop_the_others():
    """Changed answers of questions mapped to no framework in scope are skipped, one by one: the changed
    questions in scope still count, whatever order the changes come in."""
    fw = list(CHECKLIST.catalogs)[-1]
    a = dataclasses.replace(make_assessment(CHECKLIST, {}), frameworks=[fw])
    outside = [q.id for q in CHECKLIST.questions if fw not in q.maps_to]
    assert outside, "the checklist has questions outside one framework"
    changed = make_assessment(CHECKLIST, {qid: (_options(qid)[0], "interview") for qid in QIDS}).answers
    _same(WhatIf(a, CHECKLIST, CATALOGS, []).frameworks(changed),
          score(dataclasses.replace(a, answers=changed), CHECKLIST, CATALOGS, []).frameworks)


def test_a_question_outside_the_scope_is_not_read_even_with_a_value_off_its_scale():
    """A question mapped to no framework in scope is not scored, so its value is never checked: ``score`` and
    the what-if both accept an assessment built in code with a value off that question's scale there."""
    fw = list(CHECKLIST.catalogs)[-1]
    outside = next(q.id for q in CHECKLIST.questions if fw not in q.maps_to)
    a = dataclasses.replace(make_assessment(CHECKLIST, {"TEL-01": ("yes", "interview")}), frameworks=[fw])
    a = dataclasses.replace(a, answers={**a.answers, outside: Answer("not-on-any-scale", qid=outside)})
    _same(WhatIf(a, CHECKLIST, CATALOGS, []).frameworks(), score(a, CHECKLIST, CATALOGS, []).frameworks)


def _two_question_checklist(tmp_path):
    """Catalogs ISO, PCI, LFPDPPP in that order; the first question maps to PCI only, the second to ISO only,
    none to the LFPDPPP (a checklist may leave a framework of its list without questions)."""
    from posture.content import Library, bundled_library

    def question(qid: str, fw: str, control: str) -> str:
        return (f'\n      - {{id: "{qid}", text: {{es: "¿{qid}?", en: "{qid}?"}}, guidance: {{es: "g", en: "g"}},'
                f' remediation: {{es: "Seguridad corrige.", en: "Security fixes."}}, scale: yes-no, weight: 3,'
                f' criticality: medium, maps_to: {{{fw}: ["{control}"]}}, effort: S, owner: security}}')
    text = ("kind: checklist\nschema_version: 1\nid: order-case\nversion: \"1.0.0\"\n"
            "title: {es: \"Orden\", en: \"Order\"}\nlanguages: [es, en]\n"
            "catalogs: [iso27001-2022, pci-dss-4.0.1, lfpdppp-2025]\ncoverage: partial\nsections:\n"
            "  - id: s\n    title: {es: \"Sección\", en: \"Section\"}\n    questions:"
            + question("OR-01", "pci-dss-4.0.1", "1.2.1") + question("OR-02", "iso27001-2022", "5.1") + "\n")
    path = tmp_path / "checklist.yaml"
    path.write_text(text, encoding="utf-8")
    library = Library.load([path], fallback=Library(catalogs=dict(bundled_library().catalogs)))
    assert not library.problems, [p.format("en") for p in library.problems]
    return library.checklists["order-case"]


def test_the_what_if_lists_the_frameworks_as_the_scorecard_even_one_without_questions(tmp_path):
    """The what-if's frameworks are the scorecard's, in its order (the checklist's catalogs), whatever framework
    the first question maps to, and a framework in scope with no question is scored (no score) rather than
    breaking the plan's gains (scoring mutants WhatIf.__init__ 23 and _columns_of 2)."""
    checklist = _two_question_checklist(tmp_path)
    assessment = make_assessment(checklist, {"OR-01": "yes", "OR-02": "no"})
    card = score(assessment, checklist)
    whatif = WhatIf(assessment, checklist)
    assert list(whatif.frameworks()) == list(card.frameworks) == ["iso27001-2022", "pci-dss-4.0.1", "lfpdppp-2025"]
    assert whatif.frameworks() == card.frameworks and card.frameworks["lfpdppp-2025"].claimed is None
    changed = whatif.frameworks(make_assessment(checklist, {"OR-02": "yes"}).answers)
    assert changed["iso27001-2022"].claimed == 100.0 and changed["lfpdppp-2025"].claimed is None
