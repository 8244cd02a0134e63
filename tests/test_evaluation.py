"""posture.evaluation: one assessment evaluated once — what each part equals, what is computed lazily, and
the file hash taken from the bytes the store read or wrote (no second read)."""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
from pathlib import Path

import pytest

import posture.assessment._file as store_file
from posture.assessment import save_assessment
from posture.content import bundled_library
from posture.evaluation import Evaluation
from posture.findings import contradictions
from posture.plan import build_plan
from posture.scoring import score
from posture.session import AssessmentSession
from posture.soa import soa_frameworks, statement_of_applicability
from posture.verdict import decide

DEMO = Path(__file__).parents[1] / "demo" / "centro-de-contacto-demo" / "assessment.yaml"
DAY = "2026-11-30"


@pytest.fixture
def demo(tmp_path) -> Path:
    folder = tmp_path / "demo"
    folder.mkdir()
    shutil.copy(DEMO, folder / "assessment.yaml")
    return folder / "assessment.yaml"


@pytest.fixture
def reads(monkeypatch) -> list[Path]:
    """Every assessment file the store reads (a spy on the real reader: it still reads)."""
    seen: list[Path] = []
    real = store_file._read_doc

    def spy(path, passphrase):
        seen.append(Path(path))
        return real(path, passphrase)

    monkeypatch.setattr(store_file, "_read_doc", spy)
    return seen


def test_each_part_equals_what_the_core_functions_give(demo):
    ev = Evaluation.open(demo, today=DAY)
    lib = bundled_library()
    a, cl = ev.assessment, ev.checklist
    card = score(a, cl, lib.catalogs)
    assert ev.scorecard == card
    assert ev.plan == build_plan(a, cl, lib.catalogs, card, today=DAY)
    assert ev.verdict == decide(card, build_plan(a, cl, lib.catalogs, card, today=DAY), cl, today=DAY)
    assert ev.findings == a.findings()
    assert ev.contradictions == contradictions(cl, a.values(), a.findings())
    assert ev.soa() == statement_of_applicability(a, cl, lib.catalogs, card)
    assert ev.soa_frameworks() == soa_frameworks(a.frameworks, lib.catalogs) and ev.soa()
    assert ev.file_name == "assessment.yaml"
    assert ev.file_sha256 == hashlib.sha256(demo.read_bytes()).hexdigest()


def test_the_file_is_read_once_and_the_costly_parts_on_first_use(demo, reads, monkeypatch):
    import posture.evaluation as evaluation

    plans = []
    real_plan = evaluation.build_plan

    def counting_plan(*args, **kwargs):
        plans.append(kwargs.get("gains", True))
        return real_plan(*args, **kwargs)

    monkeypatch.setattr(evaluation, "build_plan", counting_plan)
    ev = Evaluation.open(demo, today=DAY)
    assert reads == [demo] and plans == []  # nothing scored or planned yet
    verdict = ev.verdict
    assert plans == [False]  # the verdict needs no gains: no re-scoring per item
    first = ev.plan
    assert plans == [False, True] and ev.plan is first and ev.verdict is verdict  # built once, kept
    assert reads == [demo]


def test_a_given_part_is_used_as_given_and_replace_works(demo):
    ev = Evaluation.open(demo, today=DAY)
    empty = dataclasses.replace(ev.plan, items=[])
    other = dataclasses.replace(ev, plan=empty)
    assert other.plan is empty and other.scorecard is ev.scorecard and other.assessment is ev.assessment


def test_an_encrypted_file_hashes_its_encrypted_bytes(workspace_encrypted):
    path, passphrase = workspace_encrypted
    ev = Evaluation.open(path, passphrase=passphrase)
    assert ev.file_name == "assessment.yaml.enc"
    assert ev.file_sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def workspace_encrypted(tmp_path, monkeypatch):
    from posture.assessment import Workspace

    monkeypatch.delenv("POSTURE_PASSPHRASE", raising=False)
    ws = Workspace(tmp_path / "ws")
    made = ws.create(vendor="Cifrado SA", site="Puebla", checklist=bundled_library().checklists["quick-screening"],
                     assessed_on="2026-05-01", passphrase="una frase larga de prueba")
    return made.path, "una frase larga de prueba"


def test_the_session_evaluation_reads_no_file_and_hashes_what_it_last_wrote(demo, reads):
    session = AssessmentSession(demo)
    try:
        assert reads == [demo]
        session.answer_key("GOV-01", "n")
        written = demo.read_bytes()
        reads.clear()
        ev = session.evaluation(today=DAY)
        assert reads == []  # no second read
        assert ev.file_sha256 == hashlib.sha256(written).hexdigest()  # the bytes the session wrote last
        assert ev.scorecard is session.card
        assert ev.assessment.answers["GOV-01"].value == "no"
        session.answer_key("GOV-01", "y")  # a later edit does not change an evaluation already taken
        assert ev.assessment.answers["GOV-01"].value == "no"
        reads.clear()  # (saving read the old file: is it sound enough to keep as the backup?)
        assert session.evaluation(today=DAY).file_sha256 == hashlib.sha256(demo.read_bytes()).hexdigest()
        assert reads == []
    finally:
        session.close()


def test_the_store_records_the_hash_of_what_it_wrote(demo):
    ev = Evaluation.open(demo)
    a = ev.assessment
    a.scope = "otro alcance"
    save_assessment(a, demo)
    assert a.file_sha256 == hashlib.sha256(demo.read_bytes()).hexdigest() != ev.file_sha256


def test_compare_of_two_evaluations_equals_compare_of_the_files(demo, tmp_path):
    from posture.compare import compare, compare_evaluations

    before = Evaluation.open(demo)
    changed = dataclasses.replace(before.assessment, answers=dict(before.assessment.answers), assessed_on="2026-12-01")
    for qid in list(changed.answers)[:5]:
        changed.answers[qid] = dataclasses.replace(changed.answers[qid], value="no")
    later = tmp_path / "later" / "assessment.yaml"
    later.parent.mkdir()
    save_assessment(changed, later)
    after = Evaluation.open(later, today=DAY)
    lib = bundled_library()
    expected = compare(before.assessment, after.assessment, before.checklist, after.checklist, lib.catalogs, DAY)
    assert compare_evaluations(before, after) == expected
    assert expected.regressed  # the five answers changed show
