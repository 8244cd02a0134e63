import multiprocessing
import os
import stat

import pytest
from engine_support import library_with, load_fixture, make_assessment

from posture.assessment import (
    Answer,
    Workspace,
    add_evidence,
    drift,
    evidence_path,
    load_assessment,
    save_assessment,
    verify_evidence,
    write_lock,
)
from posture.content import Library
from posture.errors import ContentError, PostureError
from posture.listing import summaries


@pytest.fixture()
def checklist():
    return load_fixture()


@pytest.fixture()
def ws(tmp_path):
    return Workspace(tmp_path / "ws")


def _mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def test_create_open_round_trip(ws, checklist):
    a = ws.create(vendor="Centro Ñandú", site="Guadalajara", checklist=checklist, assessed_on="2026-02-01",
                  assessors=["Ana"], scope="Campaña de cobranza")
    assert a.id == "centro-nandu-guadalajara"
    a.answers["GOV-01"] = Answer("yes", method="document", note="Política firmada en 2025", qid="GOV-01")
    a.answers["ACC-03"] = Answer("na", na_justification="No se atiende a titulares", qid="ACC-03")
    save_assessment(a)
    again = ws.open("centro-nandu-guadalajara", checklist)
    assert again.answers == a.answers
    assert again.vendor == "Centro Ñandú" and again.scope == "Campaña de cobranza"
    assert again.checklist.questions == a.checklist.questions
    [summary] = summaries(ws)  # the fixture checklist is not installed: it travels in the folder, so it scores
    assert (summary.vendor, summary.site, summary.score, summary.error) == ("Centro Ñandú", "Guadalajara", 100.0, "")
    (a.path.parent / "checklist.yaml").unlink()
    [summary] = summaries(ws)  # without it, listed with the reason and no score
    assert (summary.vendor, summary.score) == ("Centro Ñandú", None) and "checklist.yaml" in summary.error
    [summary] = summaries(Workspace(ws.root, library_with(checklist)))
    assert summary.score == 100.0 and summary.progress == pytest.approx(25.0)


def test_files_are_owner_only_and_backup_kept(ws, checklist):
    a = ws.create(vendor="V", site="S", checklist=checklist)
    path = a.path
    assert _mode(path) == 0o600
    first = path.read_bytes()
    a.answers["GOV-01"] = Answer("no", qid="GOV-01")
    save_assessment(a)
    backup = path.with_name("assessment.yaml.bak")
    assert backup.read_bytes() == first
    assert _mode(backup) == 0o600 and _mode(path) == 0o600


def test_create_never_overwrites(ws, checklist):
    ws.create(vendor="V", site="S", checklist=checklist)
    with pytest.raises(PostureError, match="already exists"):
        ws.create(vendor="V", site="S", checklist=checklist)


def _hold_lock(path, ready, release):
    with write_lock(path):
        ready.set()
        release.wait(10)


def test_second_writer_gets_clear_error(ws, checklist):
    a = ws.create(vendor="V", site="S", checklist=checklist)
    ctx = multiprocessing.get_context("fork")
    ready, release = ctx.Event(), ctx.Event()
    holder = ctx.Process(target=_hold_lock, args=(a.path, ready, release))
    holder.start()
    try:
        assert ready.wait(10)
        with pytest.raises(PostureError) as err:
            save_assessment(a)
        assert "another process" in err.value.message["en"]
        assert f"pid {holder.pid}" in err.value.message["en"]
    finally:
        release.set()
        holder.join(10)
    save_assessment(a)  # free again


@pytest.mark.parametrize("damage", [lambda b: b[: len(b) // 2], lambda b: b"\x00\xff garbage", lambda b: b""])
def test_damaged_file_reported_with_backup_and_untouched(ws, checklist, damage):
    a = ws.create(vendor="V", site="S", checklist=checklist)
    save_assessment(a)  # now a backup exists
    broken = damage(a.path.read_bytes())
    a.path.write_bytes(broken)
    with pytest.raises(ContentError) as err:
        load_assessment(a.path)
    line = err.value.lines("en")[0]
    assert "damaged" in line and "assessment.yaml.bak" in line and "cp " in line
    assert a.path.read_bytes() == broken
    assert load_assessment(a.path.with_name("assessment.yaml.bak")).id == a.id


def test_saving_over_damaged_file_keeps_good_backup(ws, checklist):
    a = ws.create(vendor="V", site="S", checklist=checklist)
    save_assessment(a)
    backup = a.path.with_name("assessment.yaml.bak")
    good = backup.read_bytes()
    a.path.write_bytes(b"kind: [")
    save_assessment(a)
    assert backup.read_bytes() == good


def test_newer_format_refused(ws, checklist):
    a = ws.create(vendor="V", site="S", checklist=checklist)
    text = a.path.read_text().replace("format_version: 1", "format_version: 7")
    a.path.write_text(text)
    with pytest.raises(ContentError) as err:
        load_assessment(a.path)
    assert "newer posture" in err.value.lines("en")[0]
    assert ":2:" in err.value.lines("en")[0] or "format_version" in err.value.lines("en")[0]


def test_na_without_justification_rejected(ws, checklist):
    with pytest.raises(PostureError, match="justification"):
        Answer("na", qid="GOV-01")
    a = ws.create(vendor="V", site="S", checklist=checklist)
    a.path.write_text(a.path.read_text().replace("answers: {}", "answers:\n  GOV-01: {value: na, method: interview}"))
    with pytest.raises(ContentError) as err:
        load_assessment(a.path)
    line = err.value.lines("en")[0]
    assert "na_justification" in line and "answers.GOV-01" in line


def test_value_outside_scale_rejected_with_position(ws, checklist):
    a = ws.create(vendor="V", site="S", checklist=checklist)
    a.path.write_text(a.path.read_text().replace("answers: {}", "answers:\n  GOV-02: {value: maybe, method: "
                                                                 "interview}"))
    with pytest.raises(ContentError) as err:
        load_assessment(a.path, checklist)
    assert "'maybe' is not a valid answer to GOV-02" in err.value.lines("en")[0]


def test_drift_reports_new_changed_removed(checklist, tmp_path):
    a = make_assessment(checklist, {"GOV-01": "yes", "ACC-03": "no"})
    text = (load_fixture.__globals__["FIXTURE"]).read_text()
    text = text.replace("version: \"1.0\"", "version: \"1.1\"")
    text = text.replace("Is there an approved security policy?", "Is there a security policy approved by the board?")
    start = text.index("      - id: ACC-03")
    text = text[:start] + text[start:].replace("id: ACC-03", "id: ACC-04", 1)
    changed = tmp_path / "v11.yaml"
    changed.write_text(text)
    d = drift(a, load_fixture(changed))
    assert d.changed == ["GOV-01"] and d.answered_changed == ["GOV-01"]
    assert d.new == ["ACC-04"]
    assert d.removed == ["ACC-03"] and d.answered_removed == ["ACC-03"]
    assert not drift(a, checklist)


def test_evidence_copied_hashed_and_kept_inside(ws, checklist, tmp_path):
    a = ws.create(vendor="V", site="S", checklist=checklist)
    source = tmp_path / "politica.md"
    source.write_text("# Política de seguridad\n")
    ev = add_evidence(a.folder, source)
    assert ev.path == "evidence/politica.md"
    import hashlib
    assert ev.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
    assert verify_evidence(a.folder, ev)
    assert _mode(a.folder / ev.path) == 0o600


@pytest.mark.parametrize("bad", ["../outside.txt", "/etc/passwd", "evidence/../../x", "C:/x"])
def test_evidence_traversal_rejected(tmp_path, bad):
    with pytest.raises(PostureError, match="outside the assessment folder"):
        evidence_path(tmp_path, bad)


def test_evidence_symlink_escape_rejected(tmp_path):
    folder = tmp_path / "a"
    (folder / "evidence").mkdir(parents=True)
    (tmp_path / "secret.txt").write_text("x")
    (folder / "evidence" / "link.txt").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(PostureError):
        evidence_path(folder, "evidence/link.txt")


def test_evidence_traversal_in_file_rejected_by_schema(ws, checklist):
    a = ws.create(vendor="V", site="S", checklist=checklist)
    a.path.write_text(a.path.read_text().replace("answers: {}", (
        "answers:\n  GOV-01:\n    value: 'yes'\n    method: document\n    evidence:\n"
        "    - {path: ../../etc/passwd, sha256: " + "a" * 64 + ", added_at: '2026-01-01'}")))
    with pytest.raises(ContentError) as err:
        load_assessment(a.path)
    assert "evidence[0].path" in err.value.lines("en")[0]


def test_load_with_checklist_reads_once_and_checks_answers(ws, checklist, monkeypatch):
    from posture.assessment import _file, load_with_checklist

    a = ws.create(vendor="V", site="S", checklist=checklist)
    a.answers["GOV-01"] = Answer("yes", qid="GOV-01")
    save_assessment(a)
    reads = []
    real = _file._read_doc
    monkeypatch.setattr(_file, "_read_doc", lambda *args: reads.append(args) or real(*args))
    loaded, found = load_with_checklist(a.path, library_with(checklist))
    assert found is checklist and loaded.answers == a.answers
    assert len(reads) == 1
    # an answer outside its question's scale is still reported, with the file and the field
    a.path.write_text(a.path.read_text("utf-8").replace("value: 'yes'", "value: maybe")
                      .replace("value: yes", "value: maybe"), "utf-8")
    with pytest.raises(ContentError) as info:
        load_with_checklist(a.path, library_with(checklist))
    assert "maybe" in info.value.lines("en")[0]
    # a checklist that is not installed travels in the folder; without it, its own error, not a damaged file
    (a.path.parent / "checklist.yaml").unlink()
    with pytest.raises(PostureError) as info:
        load_with_checklist(a.path, Library())
    assert "neither installed nor carried" in info.value.lines("en")[0]


def test_a_malformed_finding_is_a_located_error_not_a_crash(tmp_path):
    import yaml

    from posture.assessment import load_assessment
    from posture.content import demo_dir

    data = yaml.safe_load((demo_dir() / "centro-de-contacto-demo" / "assessment.yaml").read_text("utf-8"))
    data["probe_runs"][0]["findings"][0]["questions"] = None
    path = tmp_path / "assessment.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    with pytest.raises(ContentError) as info:
        load_assessment(path)
    assert "probe_runs[0].findings[0].questions" in info.value.lines("en")[0]
