"""Store rules that mutation testing (bench/mutation.py store) found unstated: the file format's round trip,
field by field, its defaults, and the plan-action status rules (posture/assessment/_model.py).
"""

from __future__ import annotations

import pytest

from posture.assessment import ActionStatus, Answer, Assessment
from posture.assessment._drift import Drift
from posture.assessment._model import FORMAT_VERSION, Evidence, Signoff
from posture.errors import PostureError

EV = {"path": "evidence/PAY-01.pdf", "sha256": "ab" * 32, "added_at": "2026-01-15T10:00:00+00:00"}
FULL_ANSWER = {"value": "yes", "method": "document", "note": "visto en sitio", "evidence": [EV],
               "answered_by": "Auditora", "answered_at": "2026-01-15T10:00:00+00:00", "carried_over": True,
               "question_hash": "cd" * 32}
FULL = {
    "kind": "assessment", "format_version": FORMAT_VERSION, "id": "acme-cdmx", "vendor": "Acme", "site": "CDMX",
    "scope": "Piso 3", "assessors": ["Ana", "Luis"],
    "dates": {"assessed_on": "2026-01-15", "created_at": "2026-01-14T09:00:00+00:00",
              "updated_at": "2026-01-16T09:00:00+00:00"},
    "checklist": {"id": "bpo", "version": "2", "content_hash": "ef" * 32, "questions": {"PAY-01": "cd" * 32}},
    "frameworks": ["pci-dss-4.0.1", "iso27001-2022"],
    "answers": {"PAY-01": FULL_ANSWER,
                "ACC-02": {"value": "na", "method": "interview", "na_justification": "sin tarjetas"}},
    "probe_runs": [],
    "signoff": {"name": "Ana", "role": "Auditora líder", "date": "2026-01-16", "statement": "Conforme"},
    "actions": {"PAY-01": {"status": "risk-accepted", "justification": "tercero", "owner": "CISO",
                           "expires": "2026-06-30", "updated_at": "2026-01-16T09:00:00+00:00", "note": "revisar"},
                "GOV-01": {"status": "in-progress"}},
    "notes": {"GOV-02": "pendiente de documento"},
}


def test_every_field_of_an_assessment_survives_a_round_trip_exactly():
    a = Assessment.from_dict(FULL)
    assert a.to_dict() == FULL
    assert (a.id, a.vendor, a.site, a.scope, a.assessors) == ("acme-cdmx", "Acme", "CDMX", "Piso 3", ["Ana", "Luis"])
    assert (a.assessed_on, a.created_at, a.updated_at) == ("2026-01-15", "2026-01-14T09:00:00+00:00",
                                                           "2026-01-16T09:00:00+00:00")
    ans = a.answers["PAY-01"]
    assert (ans.value, ans.method, ans.note, ans.answered_by, ans.carried_over, ans.question_hash) == (
        "yes", "document", "visto en sitio", "Auditora", True, "cd" * 32)
    assert ans.evidence == [Evidence(EV["path"], EV["sha256"], EV["added_at"])] and ans.qid == "PAY-01"
    assert a.answers["ACC-02"].na and a.answers["ACC-02"].na_justification == "sin tarjetas"
    assert a.signoff == Signoff("Ana", "Auditora líder", "2026-01-16", "Conforme")
    assert a.actions["PAY-01"] == ActionStatus("risk-accepted", "tercero", "CISO", "2026-06-30",
                                               "2026-01-16T09:00:00+00:00", "revisar")
    assert a.actions["PAY-01"].aid == "PAY-01" and a.actions["GOV-01"].status == "in-progress"
    assert a.notes == {"GOV-02": "pendiente de documento"}
    assert a.checklist.questions == {"PAY-01": "cd" * 32} and a.checklist.version == "2"


def test_a_minimal_assessment_takes_the_documented_defaults():
    d = {"id": "x", "vendor": "V", "site": "S",
         "dates": {"assessed_on": "2026-01-15", "created_at": "2026-01-15T00:00"},
         "checklist": {"id": "bpo", "version": 1, "content_hash": "0" * 64}, "frameworks": ["pci-dss-4.0.1"],
         "answers": {"Q": {"value": 1}}}
    a = Assessment.from_dict(d)
    assert (a.scope, a.assessors, a.updated_at, a.notes, a.probe_runs, a.signoff, a.actions) == (
        "", [], "", {}, [], None, {})
    assert a.checklist.version == "1" and a.checklist.questions == {}
    q = a.answers["Q"]
    assert (q.value, q.method, q.note, q.na_justification, q.evidence, q.answered_by, q.answered_at,
            q.carried_over, q.question_hash) == ("1", "interview", "", "", [], "", "", False, "")
    out = a.to_dict()
    assert out["dates"]["updated_at"] == "2026-01-15T00:00"  # never updated: the creation time
    assert out["answers"] == {"Q": {"value": "1", "method": "interview"}}  # empty fields are not written
    assert "actions" not in out and "notes" not in out and out["signoff"] is None


def test_notes_are_written_only_for_unanswered_questions_with_text():
    a = Assessment.from_dict({**FULL, "notes": {"GOV-02": "x", "PAY-01": "answered", "ACC-03": ""}})
    assert a.to_dict()["notes"] == {"GOV-02": "x"}


def test_an_action_status_default_is_open_and_written_alone():
    st = ActionStatus.from_dict({}, "A-1")
    assert st == ActionStatus() and st.status == "open" and st.aid == "A-1"
    assert st.to_dict() == {"status": "open"}
    assert ActionStatus.from_dict({"status": "risk-accepted", "justification": "j", "owner": "o",
                                   "expires": "2026-06-30"}).expires == "2026-06-30"


@pytest.mark.parametrize("fields", [
    {"status": "closed"},
    {"status": "risk-accepted", "owner": "o", "expires": "2026-06-30"},
    {"status": "risk-accepted", "justification": "j", "expires": "2026-06-30"},
    {"status": "risk-accepted", "justification": "j", "owner": "o"},
    {"status": "risk-accepted", "justification": " ", "owner": "o", "expires": "2026-06-30"},
    {"status": "compensating-control"},
    {"status": "compensating-control", "justification": "  "},
    {"status": "done", "expires": "30/06/2026"},
])
def test_an_action_status_is_refused_naming_the_action(fields):
    with pytest.raises(PostureError) as err:
        ActionStatus.from_dict(fields, "PAY-01")
    assert "PAY-01" in str(err.value)


@pytest.mark.parametrize(("fields", "ok"), [
    ({"status": "risk-accepted", "justification": "j", "owner": "o", "expires": "2026-06-30"}, True),
    ({"status": "compensating-control", "justification": "firewall"}, True),
    ({"status": "in-progress"}, True), ({"status": "done"}, True)])
def test_complete_action_statuses_are_accepted(fields, ok):
    assert ActionStatus.from_dict(fields).status == fields["status"]


@pytest.mark.parametrize(("status", "expires", "day", "closed"), [
    ("done", "", "2026-01-01", True), ("compensating-control", "", "2026-01-01", True),
    ("open", "", "2026-01-01", False), ("in-progress", "", "2026-01-01", False),
    ("risk-accepted", "2026-06-30", "2026-06-30", True), ("risk-accepted", "2026-06-30", "2026-07-01", False)])
def test_closed_on(status, expires, day, closed):
    st = ActionStatus(status, justification="j", owner="o", expires=expires)
    assert st.closed_on(day) is closed


def test_a_signoff_without_statement_omits_it():
    s = Signoff.from_dict({"name": "Ana", "role": "R", "date": "2026-01-16"})
    assert s.statement == "" and s.to_dict() == {"name": "Ana", "role": "R", "date": "2026-01-16"}


@pytest.mark.parametrize("field", ["new", "changed", "removed"])
def test_drift_is_true_when_any_question_is_new_changed_or_removed(field):
    assert not Drift()
    assert Drift(**{field: ["Q"]})
    assert not Drift(answered_changed=["Q"], answered_removed=["Q"])  # subsets of changed/removed, never alone


def test_an_answer_to_dict_writes_only_what_it_has():
    a = Answer("na", method="observation", na_justification="no aplica")
    assert a.to_dict() == {"value": "na", "method": "observation", "na_justification": "no aplica"}


def test_an_na_answer_without_justification_is_refused_naming_the_question():
    with pytest.raises(PostureError) as err:
        Answer("na", na_justification="  ", qid="ACC-03")
    assert err.value.lines("en")[0] == "the 'not applicable' answer to ACC-03 needs a justification"
    with pytest.raises(PostureError) as err:
        Answer("na")
    assert err.value.lines("en")[0] == "the 'not applicable' answer to ? needs a justification"
    assert Answer("no").na is False and Answer("na", na_justification="x").na is True


def test_an_unknown_method_is_refused_listing_the_known_ones():
    from posture.assessment._model import METHODS

    with pytest.raises(PostureError) as err:
        Answer("yes", method="rumour", qid="GOV-01")
    assert err.value.lines("en")[0] == (f"unknown verification method 'rumour' in GOV-01; use one of: "
                                        f"{', '.join(METHODS)}")
    with pytest.raises(PostureError) as err:
        Answer("yes", method="rumour")
    assert "in ?;" in err.value.lines("en")[0]
    for method in METHODS:
        assert Answer("yes", method=method).method == method


@pytest.mark.parametrize(("text", "slug"), [
    ("Centro Ñandú — Guadalajara", "centro-nandu-guadalajara"), ("¡Hola!", "hola"), ("¡¡??", "assessment"),
    ("", "assessment"), ("a" * 63 + " b", "a" * 63), ("x" * 70, "x" * 64)])
def test_slugify(text, slug):
    from posture.assessment._workspace import slugify

    assert slugify(text) == slug


def _drift_case():
    from engine_support import load_fixture, make_assessment

    checklist = load_fixture()
    a = make_assessment(checklist, {"GOV-01": "yes"})
    a.checklist.content_hash = "0" * 64  # another version of the checklist: compare question by question
    return checklist, a


def test_drift_lists_every_new_question():
    from posture.assessment._drift import drift

    checklist, a = _drift_case()
    del a.checklist.questions["GOV-02"], a.checklist.questions["ACC-03"]
    assert drift(a, checklist).new == ["GOV-02", "ACC-03"]


def test_the_answer_s_own_question_hash_decides_whether_it_changed():
    from posture.assessment._drift import drift

    checklist, a = _drift_case()
    a.answers["GOV-01"].question_hash = "f" * 64  # answered against another wording, though the ref is current
    d = drift(a, checklist)
    assert d.changed == ["GOV-01"] and d.answered_changed == ["GOV-01"]


def test_an_answer_to_a_question_gone_from_the_checklist_is_removed_even_if_never_recorded():
    from posture.assessment._drift import drift

    checklist, a = _drift_case()
    a.answers["OLD-9"] = Answer("yes", qid="OLD-9")
    d = drift(a, checklist)
    assert d.removed == ["OLD-9"] and d.answered_removed == ["OLD-9"]


def test_slugify_cuts_at_64_after_dropping_leading_dashes():
    """A leading separator does not count toward the 64 characters ("!" survives the ASCII step and becomes a
    dash; "¡" would not, and would test nothing)."""
    from posture.assessment._workspace import slugify

    assert slugify("!" + "a" * 64) == "a" * 64


def test_an_assessment_without_answers_has_none():
    d = {"id": "x", "vendor": "V", "site": "S", "dates": {"assessed_on": "2026-01-15", "created_at": "t"},
         "checklist": {"id": "bpo", "version": "1", "content_hash": "0" * 64}, "frameworks": []}
    assert Assessment.from_dict(d).answers == {}


def test_messages_of_a_record_without_its_id_say_question_mark():
    with pytest.raises(PostureError) as err:
        Answer.from_dict({"value": "na"})
    assert err.value.lines("en")[0] == "the 'not applicable' answer to ? needs a justification"
    with pytest.raises(PostureError) as err:
        ActionStatus.from_dict({"status": "closed"})
    assert err.value.lines("en")[0] == ("unknown action status 'closed' for ?; use one of: open, in-progress, done, "
                                        "risk-accepted, compensating-control")
    with pytest.raises(PostureError) as err:
        ActionStatus("risk-accepted")
    assert err.value.lines("en")[0] == "accepting the risk of ? needs a justification, an owner and an expiry date"
    with pytest.raises(PostureError) as err:
        ActionStatus("compensating-control")
    assert err.value.lines("en")[0] == "the compensating control for ? needs a justification"
    with pytest.raises(PostureError) as err:
        ActionStatus("done", expires="30/06/2026")
    assert err.value.lines("en")[0] == "invalid expiry date '30/06/2026' for ? (use YYYY-MM-DD)"


def test_saving_stamps_updated_at_in_utc_to_the_second(tmp_path):
    import datetime as dt

    from engine_support import load_fixture

    from posture.assessment import Workspace, load_assessment, save_assessment

    a = Workspace(tmp_path / "ws").create(vendor="V", site="S", checklist=load_fixture())
    save_assessment(a)
    stamp = load_assessment(a.path).updated_at
    assert stamp == a.updated_at and stamp.endswith("+00:00") and "." not in stamp
    assert abs(dt.datetime.fromisoformat(stamp) - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)
