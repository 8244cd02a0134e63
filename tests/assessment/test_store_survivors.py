"""Store rules that the mutation run (``bench/mutation.py store``) found unstated after the first pass:
the partial file of an evidence copy, a failed copy, how many near matches a failed lookup offers, and the
checklist that travels in an assessment's folder, what ``Workspace.open`` passes on."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest
import yaml
from engine_support import DATA, library_with, load_fixture, make_assessment

from posture.assessment import (
    Workspace,
    _atomic,
    _crypto,
    _file,
    dump_assessment,
    load_assessment,
    load_with_checklist,
    question_hashes,
    save_assessment,
)
from posture.assessment._atomic import (
    atomic_write,
    copy_owner_only,
    partial_copies,
    remove_stale_temps,
    stale_temps,
)
from posture.assessment._checklists import TRAVELLING_NAME
from posture.assessment._file import ENCRYPTED_NAME, FILE_NAME
from posture.errors import ContentError, PostureError
from posture.listing import summaries
from posture.safe_yaml import MAX_BYTES
from posture.scoring import score

NO_NA = DATA / "checklist-no-na.yaml"
PASS = "frase de paso larga"


def test_a_copy_in_progress_is_a_partial_file_in_the_target_folder(tmp_path, monkeypatch):
    """While an evidence copy runs, its bytes go to one ``.posture-partial-<name>.….tmp`` file beside the
    target (what ``partial_copies`` finds, and the next open removes after a kill), never elsewhere; the
    target appears only whole, owner-only."""
    source, folder = tmp_path / "acta.pdf", tmp_path / "evidence"
    source.write_bytes(b"%PDF-1.4 acta")
    folder.mkdir()
    seen = []
    real = shutil.copyfileobj

    def watching(src, out, *args):
        seen.append([p.name for p in partial_copies(folder)])
        assert not (folder / "acta.pdf").exists()
        return real(src, out, *args)

    monkeypatch.setattr(shutil, "copyfileobj", watching)
    copy_owner_only(source, folder / "acta.pdf")
    (names,) = seen
    assert len(names) == 1 and names[0].startswith(".posture-partial-acta.pdf.") and names[0].endswith(".tmp")
    assert [p.name for p in folder.iterdir()] == ["acta.pdf"]
    assert (folder / "acta.pdf").read_bytes() == b"%PDF-1.4 acta"
    assert (folder / "acta.pdf").stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("gone_already", [False, True])
def test_a_failed_copy_leaves_nothing_and_raises_its_own_error(tmp_path, monkeypatch, gone_already):
    """A copy that fails (disk full) removes its partial file and raises the OSError that stopped it — also
    when the partial file is already gone (a concurrent clean-up): the user sees the real cause."""
    source, folder = tmp_path / "acta.pdf", tmp_path / "evidence"
    source.write_bytes(b"%PDF-1.4 acta")
    folder.mkdir()

    def full(src, out, *args):
        if gone_already:
            for p in partial_copies(folder):
                p.unlink()
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shutil, "copyfileobj", full)
    with pytest.raises(OSError) as info:
        copy_owner_only(source, folder / "acta.pdf")
    assert info.value.errno == errno.ENOSPC
    assert list(folder.iterdir()) == []


def _ws_with(tmp_path, *ids):
    ws = Workspace(tmp_path / "ws")
    for i in ids:
        (ws.root / i).mkdir(parents=True)
        (ws.root / i / FILE_NAME).write_text("kind: assessment\n", encoding="utf-8")
    return ws


def test_near_matches_are_three_by_default_and_as_many_as_asked(tmp_path):
    """A failed lookup offers at most 3 near ids unless asked for more, and asked for more it gets every
    id within the similarity cut-off, not only difflib's default three."""
    ws = _ws_with(tmp_path, "acme-cdm1", "acme-cdm2", "acme-cdm3", "acme-cdm4", "banco-norte")
    assert len(ws.close_matches("acme-cdm0")) == 3
    assert sorted(ws.close_matches("acme-cdm0", n=5)) == ["acme-cdm1", "acme-cdm2", "acme-cdm3", "acme-cdm4"]


def test_a_near_match_is_half_similar_or_more(tmp_path):
    """The cut-off is a difflib ratio of 0.5: ``abxy`` shares half of ``abcd`` (ratio 0.5) and is offered;
    ``axyz`` (ratio 0.25) is not."""
    ws = _ws_with(tmp_path, "abxy", "axyz")
    assert ws.close_matches("abcd") == ["abxy"]


def test_an_assessment_of_a_checklist_not_installed_is_read_with_the_copy_in_its_folder(tmp_path):
    """A checklist that is not installed travels in the assessment's folder, and reading the assessment finds
    it there (``load_with_checklist``): another machine without that checklist can still open it."""
    checklist = load_fixture()
    a = Workspace(tmp_path / "ws").create(vendor="V", site="S", checklist=checklist, assessed_on="2026-02-01")
    assert (a.folder / TRAVELLING_NAME).is_file()
    assessment, chosen = load_with_checklist(a.path)
    assert chosen.id == checklist.id and Path(chosen.path) == a.folder / TRAVELLING_NAME
    assert assessment.checklist.id == checklist.id


def test_open_checks_the_answers_against_the_checklist_it_is_given(tmp_path):
    """``Workspace.open(slug, checklist)`` refuses an answer that checklist forbids (N/A on a scale with
    ``allow_na: false``); without a checklist the same file opens (nothing to check it against)."""
    no_na = load_fixture(NO_NA)
    ws = Workspace(tmp_path / "ws")
    (ws.root / "acme").mkdir(parents=True)
    (ws.root / "acme" / FILE_NAME).write_bytes(dump_assessment(make_assessment(no_na, {"PAY-01": "na"})))
    with pytest.raises(ContentError) as info:
        ws.open("acme", no_na)
    assert [p.code for p in info.value.problems] == ["na_not_allowed"]
    assert ws.open("acme").answers["PAY-01"].na


def test_an_encrypted_assessment_opens_with_the_passphrase_given(tmp_path, monkeypatch):
    """``Workspace.open`` and ``load_with_checklist`` use the passphrase they are given (no
    ``$POSTURE_PASSPHRASE`` here), and the opened assessment keeps it for the next save."""
    monkeypatch.setattr(_crypto, "LOG2_N", 10)  # the lowest cost decrypt accepts: the file handling is at stake
    monkeypatch.setattr(_crypto, "R", 1)
    monkeypatch.delenv(_crypto.ENV_PASSPHRASE, raising=False)
    checklist = load_fixture()
    ws = Workspace(tmp_path / "ws", library_with(checklist))
    a = ws.create(vendor="V", site="S", checklist=checklist, assessed_on="2026-02-01", slug="s",
                  passphrase=PASS)
    assert a.path.name == ENCRYPTED_NAME
    assert a.passphrase == PASS  # kept after the save: the next save needs no $POSTURE_PASSPHRASE
    save_assessment(a)
    assert ws.open("s", passphrase=PASS).passphrase == PASS
    assessment, chosen = load_with_checklist(a.path, ws.library, passphrase=PASS)
    assert assessment.vendor == "V" and chosen.id == checklist.id
    with pytest.raises(ContentError):
        ws.open("s")


def test_a_value_off_the_scale_lists_the_allowed_values_and_na_only_where_allowed(tmp_path):
    """An answer value the question's scale does not have is refused naming the values it allows: N/A among
    them only when the scale allows N/A."""
    no_na = load_fixture(NO_NA)
    folder = tmp_path / "acme"
    folder.mkdir()
    path = folder / FILE_NAME
    path.write_bytes(dump_assessment(make_assessment(no_na, {"PAY-01": "maybe", "PAY-02": "maybe"})))
    with pytest.raises(ContentError) as info:
        load_assessment(path, no_na)
    assert [(p.path, p.code, p.message["en"]) for p in info.value.problems] == [
        ("answers.PAY-01.value", "bad_value", "'maybe' is not a valid answer to PAY-01 (options: yes, no)"),
        ("answers.PAY-02.value", "bad_value",
         "'maybe' is not a valid answer to PAY-02 (options: yes, partial, no, na)"),
    ]


def test_a_folder_given_by_a_relative_path_opens_the_plain_assessment_in_it(tmp_path, monkeypatch):
    """``locate`` takes a folder (here relative to the working directory, outside the workspace) and opens the
    plain ``assessment.yaml`` in it when it holds no encrypted one."""
    ws = _ws_with(tmp_path, "elsewhere")
    monkeypatch.chdir(ws.root)
    assert Workspace(tmp_path / "other-root").locate("elsewhere") == Path("elsewhere") / FILE_NAME


def test_the_listed_score_is_the_headline_s_the_lower_verified_one_when_it_carries_the_letter(tmp_path):
    """The listing's score (``posture.listing.summaries``) is the score the letter grades (docs/scoring.md
    §7): when the verified overall is the lower one it carries the headline, and the listing shows it, not the
    claimed overall."""
    checklist = load_fixture()
    ws = Workspace(tmp_path / "ws", library_with(checklist))
    a = ws.create(vendor="V", site="S", checklist=checklist, assessed_on="2026-02-01", slug="s")
    best = {q.id: max(checklist.scale_of(q).options, key=lambda o: o.score).value for q in checklist.questions}
    worst = {q.id: min(checklist.scale_of(q).options, key=lambda o: o.score).value for q in checklist.questions}
    spec = {q.id: (best[q.id], "interview") for q in checklist.questions}
    first, *others = [q.id for q in checklist.questions]
    spec[first] = (worst[first], "document", "evidence")
    for qid in others[:2]:
        spec[qid] = (best[qid], "document", "evidence")
    a.answers = make_assessment(checklist, spec).answers
    save_assessment(a)
    card = score(a, checklist)
    assert card.headline.basis == "verified" and card.headline.value < card.overall.claimed  # the case at stake
    (s,) = summaries(ws)
    assert (s.score, s.letter, s.basis) == (card.headline.value, card.headline.letter, "verified")


def test_a_missing_assessment_offers_every_near_id_in_one_list(tmp_path):
    """Several near ids are offered as one comma-separated list, the closest first, in both languages."""
    ws = _ws_with(tmp_path, "acme-cd22", "acme-cdm1")
    with pytest.raises(PostureError) as info:
        ws.locate("acme-cdm0")
    assert info.value.lines("en") == [f"no assessment 'acme-cdm0' in {ws.root}; did you mean acme-cdm1, acme-cd22? "
                                      "(posture list shows them all)"]
    assert info.value.lines("es")[0].endswith("; ¿quiso decir acme-cdm1, acme-cd22? (posture list las muestra todas)")


def test_a_save_in_progress_is_a_temp_file_beside_the_target_that_a_crash_clean_up_finds(tmp_path, monkeypatch):
    """``atomic_write`` writes to ``.<name>.….tmp`` in the target's own folder (what ``stale_temps`` finds and
    the next locked open removes after a crash), then renames it over the target, owner-only."""
    target = tmp_path / FILE_NAME
    seen = []
    real = os.fsync

    def watching(fd):
        seen.append([p.name for p in stale_temps(target)])
        return real(fd)

    monkeypatch.setattr(os, "fsync", watching)
    atomic_write(target, b"kind: assessment\n")
    assert len(seen[0]) == 1 and seen[0][0].startswith(f".{FILE_NAME}.") and seen[0][0].endswith(".tmp")
    assert [p.name for p in tmp_path.iterdir()] == [FILE_NAME]
    assert target.read_bytes() == b"kind: assessment\n" and target.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("gone_already", [False, True])
def test_a_failed_save_leaves_the_old_file_and_no_temp_and_raises_its_own_error(tmp_path, monkeypatch, gone_already):
    """A write that fails (disk full) removes its temp file, even if it is already gone, and raises the error
    that stopped it; the previous version stays."""
    target = tmp_path / FILE_NAME
    target.write_bytes(b"old")

    def full(fd):
        if gone_already:
            for p in stale_temps(target):
                p.unlink()
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError) as info:
        atomic_write(target, b"new")
    assert info.value.errno == errno.ENOSPC
    assert [p.name for p in tmp_path.iterdir()] == [FILE_NAME] and target.read_bytes() == b"old"


def test_removing_stale_temps_counts_what_it_removed_and_tolerates_one_already_gone(tmp_path, monkeypatch):
    """``remove_stale_temps`` deletes the temp files a killed save left and returns how many it deleted; one
    that vanished meanwhile (another process cleaned it) is neither counted nor an error."""
    target = tmp_path / FILE_NAME
    assert remove_stale_temps(target) == 0
    for i in range(3):
        (tmp_path / f".{FILE_NAME}.{i}.tmp").write_bytes(b"half")
    assert remove_stale_temps(target) == 3 and stale_temps(target) == []
    real = _atomic.stale_temps
    (tmp_path / f".{FILE_NAME}.a.tmp").write_bytes(b"half")
    monkeypatch.setattr(_atomic, "stale_temps", lambda path: [tmp_path / f".{FILE_NAME}.gone.tmp", *real(path)])
    assert remove_stale_temps(target) == 1


def test_saving_an_assessment_never_saved_needs_a_path(tmp_path):
    """An assessment built in memory has no file yet: saving it without a target is a programming error
    that says what is missing, and writes nothing."""
    with pytest.raises(ValueError, match=r"^save_assessment needs a path for an assessment that was never saved$"):
        save_assessment(make_assessment(load_fixture()))
    assert list(tmp_path.iterdir()) == []


def test_saving_to_an_encrypted_file_without_a_passphrase_names_the_file(tmp_path, monkeypatch):
    """A target ending in ``.enc`` with no passphrase (none on the assessment, no ``$POSTURE_PASSPHRASE``) is
    refused before anything is written, the problem naming that file."""
    monkeypatch.delenv(_crypto.ENV_PASSPHRASE, raising=False)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ContentError) as info:
        save_assessment(make_assessment(load_fixture()), tmp_path / ENCRYPTED_NAME)
    assert [(p.file, p.code) for p in info.value.problems] == [(ENCRYPTED_NAME, "passphrase_needed")]
    assert not (tmp_path / ENCRYPTED_NAME).exists()  # (only the write lock's own file is there)


def test_an_assessment_created_without_a_scope_has_an_empty_one(tmp_path):
    """``create`` without ``scope`` records none (the empty text), not a placeholder."""
    checklist = load_fixture()
    a = Workspace(tmp_path / "ws", library_with(checklist)).create(vendor="V", site="S", checklist=checklist)
    assert a.scope == "" and load_assessment(a.path).scope == ""


def test_create_names_the_checklist_and_its_frameworks_when_refusing_one(tmp_path):
    """A framework the checklist does not cover is refused naming it, the checklist and the frameworks the
    checklist offers, comma-separated, in both languages."""
    checklist = load_fixture()
    ws = Workspace(tmp_path / "ws", library_with(checklist))
    with pytest.raises(PostureError) as info:
        ws.create(vendor="V", site="S", checklist=checklist, frameworks=["nist-csf"])
    offered = ", ".join(checklist.catalogs)
    assert "," in offered  # the fixture offers several
    assert info.value.lines("en") == [f"framework 'nist-csf' is not in checklist '{checklist.id}' "
                                      f"(available: {offered})"]
    assert info.value.lines("es") == [f"el marco 'nist-csf' no está en la lista de verificación '{checklist.id}' "
                                      f"(disponibles: {offered})"]


def test_create_makes_a_missing_workspace_root_with_its_parents_and_never_replaces_one(tmp_path):
    """The workspace root is created with any missing parent folders; a second assessment with the same slug
    is refused naming the folder that already holds one."""
    checklist = load_fixture()
    ws = Workspace(tmp_path / "not" / "yet" / "ws", library_with(checklist))
    a = ws.create(vendor="V", site="S", checklist=checklist, slug="same")
    assert a.path == tmp_path / "not" / "yet" / "ws" / "same" / FILE_NAME and a.path.is_file()
    with pytest.raises(PostureError) as info:
        ws.create(vendor="V", site="S", checklist=checklist, slug="same")
    assert info.value.lines("en") == [f"an assessment already exists at {ws.root / 'same'}; choose another --slug"]


def test_the_assessment_file_keeps_spanish_text_readable_and_its_fields_in_order():
    """The YAML is written for people too: accents and ñ as themselves (UTF-8, never ``\\xF1`` escapes) and
    the fields in the model's order (``kind`` first), not sorted."""
    a = make_assessment(load_fixture())
    a.vendor, a.site = "Telefónica Ñandú", "Mérida"
    text = dump_assessment(a).decode("utf-8")
    assert "vendor: Telefónica Ñandú" in text and "site: Mérida" in text and "\\x" not in text
    keys = [line.split(":", 1)[0] for line in text.splitlines() if line and not line.startswith((" ", "-"))]
    assert keys == list(a.to_dict())


def test_a_new_assessment_records_the_hash_of_every_question(tmp_path):
    """``create`` records each question's hash with the checklist reference, so a later version of the
    checklist can tell which answered questions changed wording (drift)."""
    checklist = load_fixture()
    a = Workspace(tmp_path / "ws", library_with(checklist)).create(vendor="V", site="S", checklist=checklist)
    assert a.checklist.questions == question_hashes(checklist) and len(a.checklist.questions) == len(
        checklist.questions)


def test_the_assessment_file_is_safe_yaml_in_utf_8_folded_at_100_columns():
    """The file is exactly what ``yaml.safe_dump`` writes with Unicode kept, the model's field order and long
    text folded at 100 columns, so two saves of one assessment diff line by line. (The long note below folds
    differently at 100 than at 80 or 101 columns, so the width is really at stake.)"""
    a = make_assessment(load_fixture(), {"GOV-01": "yes"})
    a.answers["GOV-01"].note = " ".join(["ñu"] * 80)

    def safe(**options):
        return yaml.safe_dump(a.to_dict(), allow_unicode=True, sort_keys=False, **options)

    assert safe(width=100) != safe(width=101) and safe(width=100) != safe()
    assert dump_assessment(a) == safe(width=100).encode("utf-8")


def test_a_blank_justification_the_schema_lets_through_is_refused_by_the_model_with_the_file(tmp_path, monkeypatch):
    """A "not applicable" answer whose justification is only spaces passes the schema (a non-empty string)
    but not the model: one problem of code ``invalid`` naming the file, in both languages."""
    monkeypatch.chdir(tmp_path)
    text = dump_assessment(make_assessment(load_fixture(), {"GOV-01": "na"})).decode("utf-8")
    assert "na_justification: no aplica" in text
    (tmp_path / FILE_NAME).write_text(text.replace("na_justification: no aplica", 'na_justification: "   "'),
                                      encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_assessment(tmp_path / FILE_NAME)
    assert [(p.file, p.code, p.message) for p in info.value.problems] == [
        (FILE_NAME, "invalid", {"es": "la respuesta «No aplica» a GOV-01 necesita una justificación",
                                "en": "the 'not applicable' answer to GOV-01 needs a justification"})]


@pytest.mark.parametrize("left", ["save", "copy", "both", "none"])
def test_opening_removes_what_a_killed_save_or_evidence_copy_left(tmp_path, left):
    """Opening an assessment removes, under its write lock, the temporary file of a killed save
    (``.assessment.yaml.….tmp``) and the partial files of killed evidence copies
    (``evidence/.posture-partial-….tmp``), whichever of them is there; the assessment itself is untouched."""
    checklist = load_fixture()
    a = Workspace(tmp_path / "ws", library_with(checklist)).create(vendor="V", site="S", checklist=checklist)
    before = a.path.read_bytes()
    save_tmp = a.folder / f".{FILE_NAME}.killed.tmp"
    copy_tmp = a.folder / "evidence" / ".posture-partial-acta.pdf.killed.tmp"
    if left in ("save", "both"):
        save_tmp.write_bytes(b"half a save")
    if left in ("copy", "both"):
        copy_tmp.write_bytes(b"half a copy")
    load_assessment(a.path)
    assert not save_tmp.exists() and not copy_tmp.exists()
    assert a.path.read_bytes() == before and list((a.folder / "evidence").iterdir()) == []


def test_a_partial_copy_already_gone_does_not_stop_removing_the_others(tmp_path, monkeypatch):
    """If one leftover vanished meanwhile (another process cleaned it), the others are still removed."""
    checklist = load_fixture()
    a = Workspace(tmp_path / "ws", library_with(checklist)).create(vendor="V", site="S", checklist=checklist)
    real = a.folder / "evidence" / ".posture-partial-b.pdf.1.tmp"
    real.write_bytes(b"half")
    gone = a.folder / "evidence" / ".posture-partial-a.pdf.1.tmp"
    monkeypatch.setattr(_file, "partial_copies", lambda folder: [gone, real])
    load_assessment(a.path)
    assert not real.exists()


def test_every_refusal_of_an_encrypted_file_names_that_file(tmp_path, monkeypatch):
    """An encrypted assessment opened without a passphrase, with the wrong one, or holding something that is
    not an assessment: each refusal names the ``.enc`` file (never ``<string>`` or nothing)."""
    monkeypatch.setattr(_crypto, "LOG2_N", 10)  # the lowest cost decrypt accepts
    monkeypatch.setattr(_crypto, "R", 1)
    monkeypatch.delenv(_crypto.ENV_PASSPHRASE, raising=False)
    monkeypatch.chdir(tmp_path)
    path = tmp_path / ENCRYPTED_NAME
    path.write_bytes(_crypto.encrypt(b"kind: catalog\nid: x\n", PASS))
    seen = []
    for passphrase in (None, "wrong passphrase", PASS):
        with pytest.raises(ContentError) as info:
            load_assessment(path, passphrase=passphrase)
        seen += [(p.file, p.code) for p in info.value.problems]
    assert seen == [(ENCRYPTED_NAME, "passphrase_needed"), (ENCRYPTED_NAME, "passphrase"), (ENCRYPTED_NAME, "kind")]


def test_the_largest_assessment_the_reader_accepts_also_opens_encrypted(tmp_path, monkeypatch):
    """The YAML cap (MAX_BYTES, 8 MiB) applies to the plaintext: an encrypted file is read up to that cap plus
    its header and tag, so an assessment just under the cap opens encrypted as it does in plain."""
    monkeypatch.setattr(_crypto, "LOG2_N", 10)
    monkeypatch.setattr(_crypto, "R", 1)
    monkeypatch.delenv(_crypto.ENV_PASSPHRASE, raising=False)
    a = make_assessment(load_fixture(), {"GOV-01": "yes"})
    a.answers["GOV-01"].note = "x" * (MAX_BYTES - len(dump_assessment(a)) - 200)
    plain = dump_assessment(a)
    assert MAX_BYTES - 1024 < len(plain) <= MAX_BYTES
    path = tmp_path / ENCRYPTED_NAME
    path.write_bytes(_crypto.encrypt(plain, PASS))
    assert len(load_assessment(path, passphrase=PASS).answers["GOV-01"].note) == len(a.answers["GOV-01"].note)


def test_a_folder_where_the_file_should_be_is_unreadable_not_encrypted(tmp_path, monkeypatch):
    """``assessment.yaml`` that is a folder cannot be read: said as such, not taken for an encrypted file
    asking for a passphrase."""
    monkeypatch.delenv(_crypto.ENV_PASSPHRASE, raising=False)
    (tmp_path / FILE_NAME).mkdir()
    with pytest.raises(ContentError) as info:
        load_assessment(tmp_path / FILE_NAME)
    assert [p.code for p in info.value.problems] == ["unreadable"]


def test_an_encrypted_file_past_the_cap_is_refused_as_too_big_not_as_damaged(tmp_path, monkeypatch):
    """An encrypted file larger than the YAML cap plus its header and tag is refused as too big, with its size
    and the limit, before any decryption (decrypting only its first part used to call it damaged or the
    passphrase wrong, sending the user after the wrong cause)."""
    monkeypatch.chdir(tmp_path)
    limit = MAX_BYTES + 1024
    path = tmp_path / ENCRYPTED_NAME
    path.write_bytes(_crypto.MAGIC + b"\0" * (limit + 1 - len(_crypto.MAGIC)))
    with pytest.raises(ContentError) as info:
        load_assessment(path, passphrase=PASS)
    (problem,) = info.value.problems
    assert (problem.file, problem.code) == (ENCRYPTED_NAME, "too_big")
    assert problem.message["en"] == f"the file is {limit + 1:,} bytes; the maximum is {limit:,} bytes"
    path.write_bytes(_crypto.MAGIC + b"\0" * (limit - len(_crypto.MAGIC)))  # at the limit: decrypted (junk here)
    with pytest.raises(ContentError) as info:
        load_assessment(path, passphrase=PASS)
    assert [p.code for p in info.value.problems] == ["encrypted_damaged"]


def test_the_workspace_finds_assessments_in_its_folders_and_deeper_only_when_asked(tmp_path):
    """``Workspace.files()`` finds the assessments of the root's own folders; ``nested=True`` also those in
    folders of folders (a portfolio)."""
    ws = _ws_with(tmp_path, "acme")
    deep = ws.root / "region" / "norte"
    deep.mkdir(parents=True)
    (deep / FILE_NAME).write_text("kind: assessment\n", encoding="utf-8")
    assert ws.files() == [ws.root / "acme" / FILE_NAME]
    assert ws.files(nested=True) == [ws.root / "acme" / FILE_NAME, deep / FILE_NAME]


def test_the_listing_opens_encrypted_assessments_with_the_passphrase_given(tmp_path, monkeypatch):
    """``summaries(ws, passphrase=…)`` reads an encrypted assessment with that passphrase (no
    ``$POSTURE_PASSPHRASE``); without it the folder is listed with the reason instead."""
    monkeypatch.setattr(_crypto, "LOG2_N", 10)
    monkeypatch.setattr(_crypto, "R", 1)
    monkeypatch.delenv(_crypto.ENV_PASSPHRASE, raising=False)
    checklist = load_fixture()
    ws = Workspace(tmp_path / "ws", library_with(checklist))
    ws.create(vendor="Acme", site="S", checklist=checklist, slug="s", passphrase=PASS)
    assert [(s.vendor, s.error) for s in summaries(ws, passphrase=PASS)] == [("Acme", "")]
    ((vendor, error),) = [(s.vendor, s.error) for s in summaries(ws)]
    assert vendor == "" and error


@pytest.mark.parametrize(("field", "value", "es", "en"), [
    ("vendor", "  ", "el proveedor no puede estar vacío", "the vendor cannot be empty"),
    ("site", "\t", "el sitio no puede estar vacío", "the site cannot be empty"),
])
def test_a_new_assessment_needs_a_vendor_and_a_site(tmp_path, field, value, es, en):
    """Rule: vendor and site are required (blank is empty); scope and assessors may be empty."""
    fields = {"vendor": "Acme", "site": "Monterrey", field: value}
    with pytest.raises(PostureError) as err:
        Workspace(tmp_path).create(checklist=load_fixture(), **fields)
    assert err.value.message == {"es": es, "en": en}
    assert not any(tmp_path.iterdir())  # nothing was written
    made = Workspace(tmp_path).create(vendor="Acme", site="Monterrey", scope=" ", assessors=[],
                                      checklist=load_fixture())
    assert made.path.is_file()


@pytest.mark.parametrize(("field", "value", "char", "es_field"), [
    ("vendor", "Acme\u202eetnoc", "U+202E", "el proveedor"),
    ("site", "Torre\x1b[2J", "U+001B", "el sitio"),
    ("scope", "voz y chat\u2066", "U+2066", "el alcance"),
    ("assessors", ["Ana", "Luis\u202a Pérez"], "U+202A", "un evaluador"),
])
def test_every_name_of_a_new_assessment_is_refused_with_a_control_character(tmp_path, field, value, char,
                                                                               es_field):
    """Rule: vendor, site, scope and each assessor (a list: every name in it, whole names of several letters)
    are refused when they hold a character a terminal would obey, naming the field and the character."""
    fields = {"vendor": "Acme", "site": "Monterrey", field: value}
    with pytest.raises(PostureError) as err:
        Workspace(tmp_path).create(checklist=load_fixture(), **fields)
    en_field = {"vendor": "the vendor", "site": "the site", "scope": "the scope", "assessors": "an assessor"}[field]
    assert err.value.message["en"] == (f"{en_field} holds the control character {char}, which a terminal would "
                                       "obey: write it without it")
    assert err.value.message["es"].startswith(f"{es_field} ") and char in err.value.message["es"]
    assert not any(tmp_path.iterdir())


def test_an_output_path_that_cannot_be_resolved_is_judged_by_its_name(tmp_path, monkeypatch):
    """Rule (outputs.is_store_file): a path whose target cannot be found — a symbolic link loop, or a relative
    path after the current folder was deleted — is still judged by its own name, never an error."""
    from posture import outputs

    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    (tmp_path / FILE_NAME).symlink_to(tmp_path / FILE_NAME)  # a loop named like the assessment
    assert not outputs.is_store_file(tmp_path / "a")
    assert outputs.is_store_file(tmp_path / FILE_NAME)
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    assert outputs.is_store_file(FILE_NAME + ".bak")
    assert not outputs.is_store_file("report.pdf")


def test_an_assessment_file_that_is_a_folder_is_listed_and_named_not_skipped(tmp_path):
    """Rule: a workspace folder whose ``assessment.yaml`` is a folder is one of its assessments — listed with why
    it cannot be read, and opened by id, by folder or by path to that error — never skipped without a word
    (``posture list`` hid it and ``posture score <id>`` answered "no assessment <id>")."""
    ws = Workspace(tmp_path)
    ws.create(vendor="Acme", site="Monterrey", checklist=load_fixture(), slug="acme")
    (tmp_path / "broken" / FILE_NAME).mkdir(parents=True)
    (tmp_path / "empty").mkdir()
    assert ws.files() == [tmp_path / "acme" / FILE_NAME, tmp_path / "broken" / FILE_NAME]
    assert ws.ids() == ["acme", "broken"]
    for name in ("broken", tmp_path / "broken", tmp_path / "broken" / FILE_NAME):
        assert ws.locate(name) == tmp_path / "broken" / FILE_NAME
        with pytest.raises(ContentError) as err:
            ws.open(name)
        assert err.value.lines("en") == [f"{tmp_path / 'broken' / FILE_NAME}: cannot be read: is a folder, not a file"]
    good, broken = summaries(ws)
    assert (good.slug, good.error) == ("acme", "")
    assert broken.slug == "broken" and broken.reason["es"].endswith("no se puede leer: es una carpeta, no un archivo")
    with pytest.raises(PostureError) as err:
        ws.locate("empty")  # a folder with nothing in it is still no assessment
    assert err.value.lines("en") == [f"no assessment 'empty' in {tmp_path}"]
    with pytest.raises(PostureError) as err:
        ws.locate(tmp_path / "empty")
    assert err.value.lines("en") == [f"the folder {tmp_path / 'empty'} holds no assessment ({FILE_NAME})"]


def test_a_save_over_the_file_it_read_does_not_parse_it_again_but_over_another_does(tmp_path, monkeypatch):
    """Rule (_file._sound): the current file becomes the backup after a check that it is a whole assessment;
    the very file this assessment was read from or last wrote (same SHA-256) is known whole, so it is not parsed
    again (half of every save's time); a file changed on disk since is parsed, and a damaged one is not made the
    backup."""
    path = tmp_path / FILE_NAME
    save_assessment(make_assessment(load_fixture()), path)
    first = path.read_bytes()
    a = load_assessment(path)
    parsed = []
    real = _file._read_doc
    monkeypatch.setattr(_file, "_read_doc", lambda p, pw: parsed.append(p) or real(p, pw))
    a.notes["GOV-01"] = "uno"
    save_assessment(a, path)  # over the file it was read from
    middle = path.read_bytes()
    a.notes["GOV-01"] = "dos"
    save_assessment(a, path)  # over the file it wrote
    assert parsed == []
    assert (tmp_path / (FILE_NAME + ".bak")).read_bytes() == middle != first  # the version before the last
    before = path.read_bytes()
    path.write_bytes(before.replace(b"vendor:", b"vendor:  ", 1))  # changed by another program: parsed
    save_assessment(a, path)
    assert parsed == [path]
    assert (tmp_path / (FILE_NAME + ".bak")).read_bytes() == before.replace(b"vendor:", b"vendor:  ", 1)
    path.write_bytes(b"vendor: [damaged\n")  # damaged meanwhile: parsed, and not made the backup
    save_assessment(a, path)
    assert parsed == [path, path]
    assert (tmp_path / (FILE_NAME + ".bak")).read_bytes() == before.replace(b"vendor:", b"vendor:  ", 1)


def test_an_encrypted_file_changed_on_disk_is_checked_with_its_passphrase_before_it_becomes_the_backup(tmp_path,
                                                                                                      monkeypatch):
    """Rule: a file another writer saved since this assessment read it is parsed before it becomes the backup,
    an encrypted one with the assessment's passphrase (no ``$POSTURE_PASSPHRASE`` here)."""
    monkeypatch.setattr(_crypto, "LOG2_N", 10)  # the lowest cost decrypt accepts: the file handling is at stake
    monkeypatch.setattr(_crypto, "R", 1)
    monkeypatch.delenv(_crypto.ENV_PASSPHRASE, raising=False)
    checklist = load_fixture()
    ws = Workspace(tmp_path / "ws", library_with(checklist))
    mine = ws.create(vendor="V", site="S", checklist=checklist, assessed_on="2026-02-01", slug="s", passphrase=PASS)
    theirs = load_assessment(mine.path, passphrase=PASS)
    theirs.notes["GOV-01"] = "otra ventana"
    save_assessment(theirs)
    their_bytes = mine.path.read_bytes()
    mine.notes["GOV-01"] = "esta ventana"
    save_assessment(mine)
    backup = mine.path.with_name(ENCRYPTED_NAME + ".bak")
    assert backup.read_bytes() == their_bytes
    assert load_assessment(backup, passphrase=PASS).notes == {"GOV-01": "otra ventana"}
