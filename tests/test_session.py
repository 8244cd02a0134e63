"""The core's open assessment (posture.session) alone, no app: answers by key, N/A, notes, method,
evidence, undo, lock and read-only; the re-assessment (posture.reassessment)."""

from __future__ import annotations

import pytest

from posture.assessment import Workspace, load_assessment
from posture.content import bundled_library
from posture.errors import PostureError
from posture.reassessment import duplicate_as_reassessment
from posture.session import AssessmentSession


@pytest.fixture
def workspace(tmp_path, monkeypatch) -> Workspace:
    monkeypatch.setenv("POSTURE_WORKSPACE", str(tmp_path / "workspace"))
    return Workspace()


@pytest.fixture
def assessment(workspace):
    return workspace.create(vendor="Acme Contacto", site="Monterrey", assessors=["Ana"],
                            checklist=bundled_library().checklists["bpo-contact-center"], assessed_on="2026-05-01")


def test_answer_saves_at_once_and_scores(assessment):
    s = AssessmentSession(assessment.path)
    try:
        assert s.card.overall.claimed is None
        s.answer_key("GOV-01", "y")
        on_disk = load_assessment(assessment.path)
        assert on_disk.answers["GOV-01"].value == "yes"
        assert on_disk.answers["GOV-01"].answered_by == "Ana"
        assert s.card.overall.claimed == 100.0
        assert s.saved_at is not None
        s.answer_key("GOV-04", "3")
        assert load_assessment(assessment.path).answers["GOV-04"].value == "3"
        assert s.section_progress("governance") == (2, 18)
    finally:
        s.close()


def test_wrong_key_and_na_without_reason_are_refused_and_change_nothing(assessment):
    s = AssessmentSession(assessment.path)
    try:
        with pytest.raises(PostureError):
            s.answer_key("GOV-01", "3")  # a maturity level on a yes/no question
        with pytest.raises(PostureError):
            s.answer_key("GOV-01", "a", "   ")
        assert load_assessment(assessment.path).answers == {}
        assert s.assessment.answers == {}
        assert s.undo_stack == []
    finally:
        s.close()


def test_undo_restores_previous_answer_then_nothing(assessment):
    s = AssessmentSession(assessment.path)
    try:
        s.answer_key("GOV-01", "y")
        s.answer_key("GOV-01", "a", "Only remote agents at this site")
        assert load_assessment(assessment.path).answers["GOV-01"].na_justification
        undone = s.undo()
        assert undone.qid == "GOV-01"
        assert undone.label == {"es": "respuesta «No aplica» en GOV-01", "en": "answer Not applicable on GOV-01"}
        assert load_assessment(assessment.path).answers["GOV-01"].value == "yes"
        assert s.undo().label["en"] == "answer Yes on GOV-01"
        assert "GOV-01" not in load_assessment(assessment.path).answers
        assert s.undo() is None
    finally:
        s.close()


def test_notes_before_answer_wait_for_it_and_method_cycles(assessment):
    s = AssessmentSession(assessment.path)
    try:
        assert s.set_note("GOV-01", "asked the CISO").label["en"] == "note on GOV-01"
        assert load_assessment(assessment.path).notes == {"GOV-01": "asked the CISO"}  # on disk at once
        s.answer_key("GOV-01", "n")
        on_disk = load_assessment(assessment.path)
        assert on_disk.answers["GOV-01"].note == "asked the CISO"
        assert on_disk.notes == {}  # moved into the answer, not kept twice
        s.cycle_method("GOV-01")
        assert load_assessment(assessment.path).answers["GOV-01"].method == "document"
        assert s.card.overall.verified is None  # a "document" label with no file is a claim
        s.cycle_method("GOV-01")  # observation: the assessor's name and time are the record
        assert s.card.overall.verified == 0.0
        s.answer_key("GOV-01", "y")  # a changed answer is a new claim: the method resets
        assert load_assessment(assessment.path).answers["GOV-01"].method == "interview"
        assert s.card.overall.verified is None
    finally:
        s.close()


def test_evidence_is_copied_and_hashed(assessment, tmp_path):
    source = tmp_path / "policy.pdf"
    source.write_bytes(b"%PDF-1.4 signed policy")
    s = AssessmentSession(assessment.path)
    try:
        with pytest.raises(PostureError):
            s.attach_evidence("GOV-01", source)  # answer first
        s.answer_key("GOV-01", "y")
        s.attach_evidence("GOV-01", source)
        ev = load_assessment(assessment.path).answers["GOV-01"].evidence
        assert [e.path for e in ev] == ["evidence/policy.pdf"]
        assert (assessment.folder / "evidence" / "policy.pdf").read_bytes() == source.read_bytes()
        with pytest.raises(PostureError):
            s.attach_evidence("GOV-01", tmp_path / "missing.pdf")
        assert len(load_assessment(assessment.path).answers["GOV-01"].evidence) == 1
    finally:
        s.close()


def test_second_session_is_read_only_and_cannot_write(assessment):
    first = AssessmentSession(assessment.path)
    try:
        second = AssessmentSession(assessment.path)
        try:
            assert second.read_only
            with pytest.raises(PostureError):
                second.answer_key("GOV-01", "y")
        finally:
            second.close()
        first.answer_key("GOV-01", "y")  # the owner still writes
    finally:
        first.close()
    third = AssessmentSession(assessment.path)  # the lock is released on close
    try:
        assert not third.read_only
    finally:
        third.close()


def test_reassessment_copies_answers_marked_carried_over(workspace, assessment, tmp_path):
    source = tmp_path / "log.txt"
    source.write_text("access log")
    s = AssessmentSession(assessment.path)
    s.answer_key("GOV-01", "y")
    s.attach_evidence("GOV-01", source)
    s.answer_key("GOV-02", "a", "No client data at this site")
    s.close()
    new = duplicate_as_reassessment(workspace, assessment.path, assessed_on="2027-05-01")
    again = load_assessment(new.path)
    assert again.id != assessment.id
    assert set(again.answers) == {"GOV-01", "GOV-02"}
    assert all(a.carried_over for a in again.answers.values())
    assert again.answers["GOV-01"].evidence[0].path == "evidence/log.txt"
    assert (new.folder / "evidence" / "log.txt").read_text() == "access log"


def test_an_encrypted_assessment_is_reassessed_encrypted_with_its_passphrase(workspace, monkeypatch):
    monkeypatch.delenv("POSTURE_PASSPHRASE", raising=False)
    secret = workspace.create(vendor="Acme", site="Mérida", assessors=["Ana"], assessed_on="2026-05-01",
                              checklist=bundled_library().checklists["bpo-contact-center"], passphrase="s3creto-largo")
    s = AssessmentSession(secret.path, passphrase="s3creto-largo")
    s.answer_key("GOV-01", "n")
    s.close()
    with pytest.raises(PostureError):  # without the passphrase nothing is read, nothing created
        duplicate_as_reassessment(workspace, secret.path, assessed_on="2027-05-01")
    assert sorted(p.name for p in workspace.root.iterdir()) == [secret.path.parent.name]
    new = duplicate_as_reassessment(workspace, secret.path, assessed_on="2027-05-01", passphrase="s3creto-largo")
    assert new.path.name == "assessment.yaml.enc"
    assert not (new.folder / "assessment.yaml").exists()
    assert b"GOV-01" not in new.path.read_bytes()
    again = load_assessment(new.path, passphrase="s3creto-largo")
    assert again.answers["GOV-01"].value == "no" and again.answers["GOV-01"].carried_over


def test_the_same_evidence_twice_changes_nothing_and_leaves_no_undo_step(assessment, tmp_path):
    source = tmp_path / "acta.pdf"
    source.write_bytes(b"%PDF-1.4 acta")
    session = AssessmentSession(assessment.path)
    session.answer_key("GOV-01", "y")
    session.attach_evidence("GOV-01", source)
    steps = len(session.undo_stack)
    with pytest.raises(PostureError) as info:
        session.attach_evidence("GOV-01", source)
    assert info.value.lines("es")[0] == "GOV-01 ya tiene esta evidencia (evidence/acta.pdf); no cambió nada"
    assert len(session.undo_stack) == steps
    change = session.undo()  # the one attachment is what is undone
    assert "acta.pdf" in change.label["en"]
    assert load_assessment(assessment.path).answers["GOV-01"].evidence == []
    assert not (assessment.path.parent / "evidence" / "acta.pdf").exists()
    session.close()


def test_a_read_only_session_follows_the_saves_of_the_writer(assessment):
    """Rule: a read-only session reads the file again when (and only when) another writer saved it; the
    writer itself never re-reads; a save it cannot read is reported once and the last good copy is kept."""
    writer = AssessmentSession(assessment.path)
    follower = AssessmentSession(assessment.path)
    viewer = AssessmentSession(assessment.path, read_only=True)
    try:
        assert follower.read_only and viewer.viewing
        assert not follower.reload_if_changed()  # nothing saved since it was read
        writer.answer_key("GOV-01", "y")
        for s in (follower, viewer):
            assert s.reload_if_changed()
            assert s.answer_of("GOV-01").value == "yes"
            assert s.card.overall.claimed == 100.0  # the scorecard follows the answers
            assert not s.reload_if_changed()  # read once per save
        writer.set_note("GOV-02", "pedir el DRP")  # a note on a question not answered yet
        assert follower.reload_if_changed() and follower.assessment.notes == {"GOV-02": "pedir el DRP"}
        assert not writer.reload_if_changed()  # the writer is the only one writing: nothing to read

        good = follower.assessment
        assessment.path.write_text("vendor: [unclosed\n")  # another program wrote something unreadable
        with pytest.raises(PostureError):
            follower.reload_if_changed()
        assert not follower.reload_if_changed()  # said once, not at every look
        assert follower.assessment is good
        assessment.path.unlink()
        assert not follower.reload_if_changed()  # gone: the caller says so; the last copy stays
        assert follower.assessment is good
    finally:
        for s in (viewer, follower, writer):
            s.close()


def test_a_read_only_session_says_read_only_before_anything_else(assessment):
    """Rule: every write of a read-only session is refused for being read-only, first: "answer GOV-17 before
    attaching evidence" sent the user after the wrong cause."""
    writer = AssessmentSession(assessment.path)
    reader = AssessmentSession(assessment.path)
    try:
        for write in (lambda: reader.cycle_method("GOV-17"), lambda: reader.attach_evidence("GOV-17", __file__),
                      lambda: reader.answer_key("GOV-17", "y"), lambda: reader.set_note("GOV-17", "x")):
            with pytest.raises(PostureError) as err:
                write()
            assert err.value.message["en"].startswith("read-only: open in another window or process")
    finally:
        reader.close()
        writer.close()
