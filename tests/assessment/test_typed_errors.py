"""Each kind of refusal a caller acts on is its own PostureError subclass, raised by the real store on real
files: callers catch the class (the app asks for the passphrase again on WrongPassphrase, `posture probe`
keeps the run on LockHeld) instead of comparing ``code`` strings. The code stays on the problem, as written
into JSON output."""

from __future__ import annotations

import pytest
from engine_support import library_with, load_fixture

from posture.assessment import Workspace, load_assessment, save_assessment, write_lock
from posture.errors import (
    ContentError,
    EncryptedFileDamaged,
    LockHeld,
    NewerFileFormat,
    PassphraseRequired,
    PostureError,
    WrongFileKind,
    WrongPassphrase,
)

PASS = "una frase de prueba larga"


@pytest.fixture()
def encrypted(tmp_path, monkeypatch):
    monkeypatch.delenv("POSTURE_PASSPHRASE", raising=False)
    checklist = load_fixture()
    ws = Workspace(tmp_path / "ws", library_with(checklist))
    a = ws.create(vendor="V", site="S", checklist=checklist, slug="cifrada", passphrase=PASS)
    return a.path


def _raised(path, **kw) -> PostureError:
    with pytest.raises(PostureError) as err:
        load_assessment(path, **kw)
    return err.value


def test_no_passphrase_is_passphrase_required(encrypted):
    exc = _raised(encrypted)
    assert type(exc) is PassphraseRequired and isinstance(exc, ContentError)
    assert exc.problems[0].code == PassphraseRequired.code == "passphrase_needed"
    assert ".bak" not in exc.lines("en")[0]  # no backup offered: it would meet the same refusal


def test_a_wrong_passphrase_is_wrong_passphrase_even_with_a_backup_beside_it(encrypted):
    save_assessment(load_assessment(encrypted, passphrase=PASS))  # a second save leaves assessment.yaml.enc.bak
    assert encrypted.with_name(encrypted.name + ".bak").exists()
    exc = _raised(encrypted, passphrase="otra frase cualquiera")
    assert type(exc) is WrongPassphrase and exc.problems[0].code == "passphrase"
    assert "bak" not in exc.lines("es")[0]


def test_a_damaged_header_is_encrypted_file_damaged(encrypted):
    encrypted.write_bytes(encrypted.read_bytes()[:20])
    exc = _raised(encrypted, passphrase=PASS)
    assert type(exc) is EncryptedFileDamaged and exc.problems[0].code == "encrypted_damaged"


def test_a_newer_encryption_header_and_a_newer_format_version_are_newer_file_format(encrypted, tmp_path):
    raw = bytearray(encrypted.read_bytes())
    raw[len(b"POSTURE-ENC")] = 99  # the header's version byte
    encrypted.write_bytes(bytes(raw))
    assert type(_raised(encrypted, passphrase=PASS)) is NewerFileFormat
    plain = tmp_path / "plain" / "assessment.yaml"
    plain.parent.mkdir()
    plain.write_text("kind: assessment\nformat_version: 999\n", encoding="utf-8")
    exc = _raised(plain)
    assert type(exc) is NewerFileFormat and exc.problems[0].path == "format_version" and exc.problems[0].line == 2


def test_another_kind_of_file_is_wrong_file_kind(tmp_path):
    path = tmp_path / "assessment.yaml"
    path.write_text("kind: checklist\nid: x\n", encoding="utf-8")
    exc = _raised(path)
    assert type(exc) is WrongFileKind and (exc.problems[0].code, exc.problems[0].line) == ("kind", 1)


def test_a_held_lock_is_lock_held_naming_the_holder(encrypted):
    with write_lock(encrypted), pytest.raises(LockHeld) as err, write_lock(encrypted):
        pass
    assert err.value.path == encrypted and err.value.pid is not None
    assert str(err.value.pid) in err.value.lines("en")[0] and isinstance(err.value, PostureError)


def test_every_typed_error_keeps_a_distinct_code():
    kinds = [PassphraseRequired, WrongPassphrase, EncryptedFileDamaged, NewerFileFormat, WrongFileKind, LockHeld]
    assert len({k.code for k in kinds}) == len(kinds)
    assert all(issubclass(k, PostureError) for k in kinds)
