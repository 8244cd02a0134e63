"""Workspace rules that mutation testing (bench/mutation.py store) found unstated: how an assessment is found
(file, folder, slug; the encrypted file wins), what a failed lookup says, the ids and near matches it offers,
what ``create`` refuses and lays out, and what ``list`` summarises (posture/assessment/_workspace.py)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from engine_support import library_with, load_fixture

from posture.assessment import Workspace
from posture.assessment._file import ENCRYPTED_NAME, FILE_NAME
from posture.errors import PostureError
from posture.listing import summaries


@pytest.fixture()
def checklist():
    return load_fixture()


@pytest.fixture()
def ws(tmp_path, checklist):
    return Workspace(tmp_path / "ws", library_with(checklist))


def _make(ws, checklist, slug):
    return ws.create(vendor="V", site=slug, checklist=checklist, assessed_on="2026-02-01", slug=slug)


def test_locate_by_file_folder_and_slug(ws, checklist):
    a = _make(ws, checklist, "acme-cdmx")
    path = ws.root / "acme-cdmx" / FILE_NAME
    assert a.path == path
    assert ws.locate(path) == path and ws.locate(ws.root / "acme-cdmx") == path and ws.locate("acme-cdmx") == path
    assert ws.path_of("acme-cdmx") == path


def test_the_encrypted_file_wins_by_folder_and_by_slug(ws, checklist):
    _make(ws, checklist, "acme-cdmx")
    enc = ws.root / "acme-cdmx" / ENCRYPTED_NAME
    enc.write_bytes(b"x")
    assert ws.locate(ws.root / "acme-cdmx") == enc and ws.locate("acme-cdmx") == enc and ws.path_of("acme-cdmx") == enc


def test_an_empty_folder_is_named_as_such(ws, tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(PostureError) as err:
        ws.locate(tmp_path / "empty")
    assert str(tmp_path / "empty") in str(err.value) and FILE_NAME in str(err.value)
    assert "did you mean" not in str(err.value)


def test_a_missing_assessment_names_the_root_and_offers_close_ids(ws, checklist):
    for slug in ("acme-cdmx", "acme-gdl", "zeta-mty"):
        _make(ws, checklist, slug)
    with pytest.raises(PostureError) as err:
        ws.locate("acme-cdmy")
    en = err.value.lines("en")[0]
    assert en.startswith(f"no assessment 'acme-cdmy' in {ws.root}; did you mean acme-cdmx")
    assert "zeta-mty" not in en
    es = err.value.lines("es")[0]
    assert "¿quiso decir acme-cdmx" in es and "did you mean" not in es
    with pytest.raises(PostureError) as err:
        ws.locate("nothing-like-it")
    assert "did you mean" not in err.value.lines("en")[0]


def test_ids_are_the_folders_holding_an_assessment_sorted(ws, checklist, tmp_path):
    assert Workspace(tmp_path / "nowhere").ids() == []
    _make(ws, checklist, "b-site")
    _make(ws, checklist, "a-site")
    (ws.root / "stray").mkdir()
    (ws.root / "enc-only").mkdir()
    (ws.root / "enc-only" / ENCRYPTED_NAME).write_bytes(b"x")
    assert ws.ids() == ["a-site", "b-site", "enc-only"]


def test_close_matches_by_ratio_or_containment_at_most_n(ws, checklist):
    for slug in ("acme-cdmx", "acme-gdl", "acme-mty", "banco-norte"):
        _make(ws, checklist, slug)
    assert ws.close_matches("acme-cdmx")[0] == "acme-cdmx"
    assert len(ws.close_matches("acme")) == 3 and all(i.startswith("acme") for i in ws.close_matches("acme"))
    assert len(ws.close_matches("acme", n=1)) == 1
    assert ws.close_matches("norte") == ["banco-norte"]  # contained, though the ratio is low
    assert ws.close_matches("/some/where/BANCO-NORTE") == ["banco-norte"]  # by its last part, any case
    assert ws.close_matches("") == [] and ws.close_matches("zzzz") == []


def test_delete_removes_the_whole_folder(ws, checklist):
    _make(ws, checklist, "gone")
    assert ws.delete("gone") == ws.root / "gone"
    assert not (ws.root / "gone").exists() and ws.ids() == []


@pytest.mark.parametrize("slug", ["Upper", "-lead", "a b", "a" * 65, "ñ"])
def test_create_refuses_a_bad_slug(ws, checklist, slug):
    with pytest.raises(PostureError) as err:
        ws.create(vendor="V", site="S", checklist=checklist, slug=slug)
    assert slug in str(err.value) and not ws.root.exists()


def test_create_refuses_a_framework_outside_the_checklist_and_a_bad_date(ws, checklist):
    with pytest.raises(PostureError) as err:
        ws.create(vendor="V", site="S", checklist=checklist, frameworks=["nist-csf"])
    assert "nist-csf" in str(err.value) and "pci-dss-4.0.1" in str(err.value)
    with pytest.raises(PostureError) as err:
        ws.create(vendor="V", site="S", checklist=checklist, assessed_on="01/02/2026")
    assert "01/02/2026" in str(err.value)
    assert not ws.root.exists()


def test_create_lays_out_an_owner_only_folder_with_evidence_and_the_chosen_frameworks(ws, checklist):
    a = ws.create(vendor="Acme", site="CDMX", checklist=checklist, frameworks=["pci-dss-4.0.1"],
                  assessors=["Ana"], scope="Piso 3", assessed_on="2026-02-01")
    folder = ws.root / "acme-cdmx"
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700 and stat.S_IMODE(os.stat(ws.root).st_mode) == 0o700
    assert (folder / "evidence").is_dir() and stat.S_IMODE(os.stat(folder / "evidence").st_mode) == 0o700
    assert (a.frameworks, a.assessors, a.scope, a.assessed_on, a.vendor, a.site) == (
        ["pci-dss-4.0.1"], ["Ana"], "Piso 3", "2026-02-01", "Acme", "CDMX")
    assert a.created_at.endswith("+00:00") and "." not in a.created_at
    assert (a.checklist.id, a.checklist.version, a.checklist.content_hash) == (
        checklist.id, checklist.version, checklist.content_hash)
    again = ws.open("acme-cdmx")
    assert again.frameworks == ["pci-dss-4.0.1"] and again.created_at == a.created_at
    b = ws.create(vendor="Acme", site="GDL", checklist=checklist)
    assert b.frameworks == list(checklist.catalogs)


def test_list_summarises_each_assessment_and_reports_an_unreadable_one(ws, checklist, tmp_path):
    assert summaries(Workspace(tmp_path / "nowhere")) == []
    a = _make(ws, checklist, "b-site")
    _make(ws, checklist, "a-site")
    (ws.root / "c-bad").mkdir()
    (ws.root / "c-bad" / FILE_NAME).write_text("kind: [", encoding="utf-8")
    out = summaries(ws)
    assert [s.slug for s in out] == ["a-site", "b-site", "c-bad"]
    s = out[1]
    assert (s.path, s.vendor, s.site, s.assessed_on, s.error, s.reason) == (a.path, "V", "b-site", "2026-02-01", "", {})
    assert s.progress == 0.0 and s.score is None and s.letter is None and s.basis == "insufficient"
    bad = out[2]
    assert bad.error and bad.reason["en"] == bad.error and bad.reason["es"] and bad.reason["es"] != bad.reason["en"]
    assert (bad.vendor, bad.progress, bad.score) == ("", None, None)


def test_the_default_root_is_posture_workspace_else_the_user_data_folder(monkeypatch, tmp_path):
    import platformdirs

    from posture.assessment._workspace import default_root

    monkeypatch.setenv("POSTURE_WORKSPACE", str(tmp_path / "mine"))
    assert default_root() == tmp_path / "mine" and Workspace().root == tmp_path / "mine"
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("POSTURE_WORKSPACE", "  ~/ws  ")
    assert default_root() == tmp_path / "home" / "ws"
    monkeypatch.setenv("POSTURE_WORKSPACE", "   ")
    assert default_root() == Path(platformdirs.user_data_dir("posture")) / "assessments"
    monkeypatch.delenv("POSTURE_WORKSPACE")
    assert default_root().parts[-2:] == ("posture", "assessments")


def test_list_gives_every_field_of_each_summary(ws, checklist, tmp_path):
    from posture.assessment import Answer, save_assessment
    from posture.listing import Summary

    full = _make(ws, checklist, "a-full")
    for q in checklist.questions:
        full.answers[q.id] = Answer("na", na_justification="x", qid=q.id) if q.id == "GOV-02" else Answer(
            "yes", method="interview", qid=q.id)
    save_assessment(full)
    _make(ws, checklist, "b-empty")
    (ws.root / "c-bad").mkdir()
    (ws.root / "c-bad" / FILE_NAME).write_text("kind: [", encoding="utf-8")
    _make(ws, checklist, "d-after")
    out = {s.slug: s for s in summaries(ws)}
    assert list(out) == ["a-full", "b-empty", "c-bad", "d-after"]  # an unreadable one does not stop the listing
    assert out["a-full"] == Summary("a-full", full.path, "V", "a-full", "2026-02-01", 100.0, 100.0, letter="A",
                                    basis="claimed-only")
    bad = out["c-bad"]
    assert bad == Summary("c-bad", ws.root / "c-bad" / FILE_NAME, "", "", "", None, None, error=bad.error,
                          reason=bad.reason)
    assert bad.error == bad.reason["en"] and set(bad.reason) == {"es", "en"}
    # the same folders seen without the library that holds their checklist: listed, each with the reason
    bare = {s.slug: s for s in summaries(Workspace(ws.root))}
    assert list(bare) == ["a-full", "b-empty", "c-bad", "d-after"]
    s = bare["a-full"]
    assert (s.slug, s.path, s.vendor, s.site, s.assessed_on, s.progress, s.score, s.letter) == (
        "a-full", full.path, "V", "a-full", "2026-02-01", None, None, None)
    assert s.error and s.error == s.reason["en"] and s.reason["es"] != s.reason["en"]


def _refusal(path, checklist=None):
    from posture.assessment import load_assessment
    from posture.errors import ContentError

    with pytest.raises(ContentError) as err:
        load_assessment(path, checklist)
    return err.value.problems


def test_a_file_of_another_kind_is_refused_at_its_kind_line(ws, checklist):
    a = _make(ws, checklist, "k")
    text = a.path.read_text(encoding="utf-8")
    line = text.splitlines().index("kind: assessment") + 1
    a.path.write_text(text.replace("kind: assessment", "kind: checklist"), encoding="utf-8")
    [p] = _refusal(a.path)
    assert (p.code, p.line, p.path, p.file) == ("kind", line, "kind", str(a.path))
    assert p.col is not None
    assert p.message == {"es": "no es una evaluación ('kind' debe ser 'assessment')",
                         "en": "is not an assessment ('kind' must be 'assessment')"}


def test_a_newer_format_names_both_versions(ws, checklist):
    from posture.assessment._model import FORMAT_VERSION

    a = _make(ws, checklist, "n")
    a.path.write_text(a.path.read_text(encoding="utf-8").replace(
        f"format_version: {FORMAT_VERSION}", "format_version: 99"), encoding="utf-8")
    [p] = _refusal(a.path)
    assert p.code == "newer_format" and p.path == "format_version"
    assert f"(format 99; this one reads up to {FORMAT_VERSION})" in p.message["en"]


def test_every_bad_value_is_reported_with_the_scale_s_options(ws, checklist):
    a = _make(ws, checklist, "v")
    a.path.write_text(a.path.read_text(encoding="utf-8").replace(
        "answers: {}", "answers:\n  OLD-1: {value: whatever, method: interview}\n"
        "  GOV-01: {value: maybe, method: interview}\n  GOV-02: {value: '9', method: interview}"), encoding="utf-8")
    problems = _refusal(a.path, checklist)
    assert [(p.code, p.path) for p in problems] == [("bad_value", "answers.GOV-01.value"),
                                                    ("bad_value", "answers.GOV-02.value")]
    yes_no = checklist.scale_of(checklist.question("GOV-01"))
    allowed = ", ".join([o.value for o in yes_no.options] + (["na"] if yes_no.allow_na else []))
    assert problems[0].message["en"] == f"'maybe' is not a valid answer to GOV-01 (options: {allowed})"
    assert ("na" in allowed) == yes_no.allow_na


def test_a_damaged_file_with_a_backup_keeps_the_first_problem_s_place_and_says_how_to_restore(ws, checklist):
    from posture.assessment import save_assessment
    from posture.assessment._file import display_name

    a = _make(ws, checklist, "d")
    save_assessment(a)  # now assessment.yaml.bak exists
    text = a.path.read_text(encoding="utf-8")
    a.path.write_text(text.replace("answers: {}", "answers: {"), encoding="utf-8")  # no longer YAML
    bak = a.path.with_name("assessment.yaml.bak")
    bak.rename(a.path.with_name("keep"))
    [plain] = _refusal(a.path)  # without a backup: the problem as it is
    a.path.with_name("keep").rename(bak)
    [p] = _refusal(a.path)
    assert plain.code != "damaged" and plain.line is not None and plain.col is not None
    assert (p.file, p.line, p.col, p.path, p.code) == (plain.file, plain.line, plain.col, plain.path, "damaged")
    backup, name = display_name(a.path.with_name("assessment.yaml.bak")), display_name(a.path)
    assert p.message["en"] == (f"{plain.message['en']} — the file is damaged; a previous copy is in {backup} "
                               f"(to restore it: cp \"{backup}\" \"{name}\")")
    assert p.message["es"].startswith(plain.message["es"] + " — el archivo está dañado")


def test_a_file_of_another_kind_is_not_offered_the_backup(ws, checklist):
    from posture.assessment import save_assessment

    a = _make(ws, checklist, "kb")
    save_assessment(a)
    a.path.write_text(a.path.read_text(encoding="utf-8").replace("kind: assessment", "kind: checklist"),
                      encoding="utf-8")
    [p] = _refusal(a.path)
    assert p.code == "kind" and "damaged" not in p.message["en"]


def test_a_missing_path_is_named_as_a_missing_file_or_folder_and_a_bare_name_as_an_unknown_id(tmp_path):
    """``locate``: text with a slash or ending in .yaml/.yml/.enc is a path, never an id: ending in one of those
    suffixes it is a missing file, else a missing folder, named as given; a bare name is looked up as an id."""
    ws = Workspace(tmp_path / "ws")
    (tmp_path / "ws").mkdir()
    cases = {"gone/assessment.yaml": "the file gone/assessment.yaml does not exist",
             "x.yaml": "the file x.yaml does not exist", "x.yml": "the file x.yml does not exist",
             "x.yaml.enc": "the file x.yaml.enc does not exist",
             "x.YAML": None, "gone/acme": "the folder gone/acme does not exist",
             f"gone{os.sep}acme": f"the folder gone{os.sep}acme does not exist"}
    for text, expected in cases.items():
        with pytest.raises(PostureError) as err:
            ws.locate(text)
        message = err.value.message["en"]
        if expected is None:  # no known suffix, no slash: an id of the workspace
            assert "does not exist" not in message and "x.YAML" in message, message
        else:
            assert message == expected, (text, message)
            assert err.value.message["es"] != message
