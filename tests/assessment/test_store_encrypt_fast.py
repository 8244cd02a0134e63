"""Encrypting and decrypting a saved assessment (posture/assessment/_file.py), with a cheap scrypt cost so
mutation testing (bench/mutation.py store) can run them per mutant. The real cost (n = 2^15, r = 8) and the
crypto itself are tested in test_crypto.py and test_crypto_header.py; here only the file handling is at stake:
which file is written, which are removed, what is refused and named."""

from __future__ import annotations

import pytest
from engine_support import load_fixture

from posture.assessment import (
    Answer,
    Workspace,
    _crypto,
    decrypt_assessment,
    encrypt_assessment,
    load_assessment,
    save_assessment,
)
from posture.assessment._file import ENCRYPTED_NAME, FILE_NAME, display_name
from posture.errors import ContentError, PostureError

PASS = "frase de paso larga"


@pytest.fixture(autouse=True)
def _cheap_kdf(monkeypatch):
    monkeypatch.setattr(_crypto, "LOG2_N", 10)  # the lowest cost decrypt accepts
    monkeypatch.setattr(_crypto, "R", 1)
    monkeypatch.delenv(_crypto.ENV_PASSPHRASE, raising=False)


@pytest.fixture()
def saved(tmp_path):
    ws = Workspace(tmp_path / "ws")
    a = ws.create(vendor="Acme", site="León", checklist=load_fixture(), assessed_on="2026-02-01")
    a.answers["GOV-01"] = Answer("no", note="secreto", qid="GOV-01")
    save_assessment(a)  # a plain backup now exists too
    return a.path


def test_encrypt_writes_the_enc_file_and_removes_the_plain_file_and_its_backup(saved):
    enc = encrypt_assessment(saved, PASS)
    assert enc == saved.with_name(ENCRYPTED_NAME) and enc.is_file()
    assert not saved.exists() and not saved.with_name(FILE_NAME + ".bak").exists()
    assert enc.read_bytes().startswith(_crypto.MAGIC)
    assert load_assessment(enc, passphrase=PASS).answers["GOV-01"].note == "secreto"
    assert encrypt_assessment(enc, PASS) == enc  # already encrypted: nothing to do


def test_encrypt_refuses_to_replace_an_existing_enc_file(saved):
    target = saved.with_name(ENCRYPTED_NAME)
    target.write_bytes(b"keep")
    with pytest.raises(PostureError) as err:
        encrypt_assessment(saved, PASS)
    assert display_name(target) in str(err.value)
    assert target.read_bytes() == b"keep" and saved.is_file()


def test_decrypt_writes_the_plain_file_and_removes_the_enc_file_and_its_backup(saved):
    enc = encrypt_assessment(saved, PASS)
    a = load_assessment(enc, passphrase=PASS)
    save_assessment(a)  # an encrypted backup now exists
    assert enc.with_name(ENCRYPTED_NAME + ".bak").exists()
    with pytest.raises(ContentError):
        decrypt_assessment(enc, "otra frase")
    assert enc.is_file()
    back = decrypt_assessment(enc, PASS)
    assert back == saved and not enc.exists() and not enc.with_name(ENCRYPTED_NAME + ".bak").exists()
    again = load_assessment(back)
    assert again.answers["GOV-01"].note == "secreto" and again.passphrase is None
    assert not back.read_bytes().startswith(_crypto.MAGIC)


def test_decrypt_refuses_a_plain_file_naming_it(saved):
    with pytest.raises(PostureError) as err:
        decrypt_assessment(saved, PASS)
    assert display_name(saved) in str(err.value) and "not encrypted" in err.value.lines("en")[0]


def test_decrypt_of_a_file_not_named_enc_writes_beside_it_as_plain(saved, tmp_path):
    enc = encrypt_assessment(saved, PASS)
    other = tmp_path / "copia.bin"
    other.write_bytes(enc.read_bytes())
    back = decrypt_assessment(other, PASS)
    assert back == tmp_path / "copia.bin.plain" and not other.exists()
    assert load_assessment(back).vendor == "Acme"


def test_decrypt_refuses_to_replace_an_existing_plain_file(saved):
    enc = encrypt_assessment(saved, PASS)
    saved.write_text("keep", encoding="utf-8")
    with pytest.raises(PostureError) as err:
        decrypt_assessment(enc, PASS)
    assert display_name(saved) in str(err.value) and saved.read_text(encoding="utf-8") == "keep" and enc.is_file()


def test_decrypt_takes_the_passphrase_from_the_environment(saved, monkeypatch):
    enc = encrypt_assessment(saved, PASS)
    monkeypatch.setenv(_crypto.ENV_PASSPHRASE, PASS)
    assert decrypt_assessment(enc) == saved


def test_the_file_s_sha256_is_of_the_bytes_last_read_or_written_the_encrypted_ones_when_encrypted(saved):
    """``Assessment.file_sha256``: the SHA-256 (hex) of the file's bytes as the store last read or wrote them —
    of the encrypted bytes for an encrypted file — so a report can print it without reading the file again."""
    import hashlib

    def sha(path):
        return hashlib.sha256(path.read_bytes()).hexdigest()

    plain = load_assessment(saved)
    read = plain.file_sha256
    assert read == sha(saved)
    plain.answers["GOV-02"] = Answer("4", qid="GOV-02")
    save_assessment(plain)
    assert plain.file_sha256 == sha(saved) != read
    enc = encrypt_assessment(saved, PASS)
    opened = load_assessment(enc, passphrase=PASS)
    read = opened.file_sha256
    assert read == sha(enc)
    opened.answers["GOV-02"] = Answer("1", qid="GOV-02")
    save_assessment(opened)
    assert opened.file_sha256 == sha(enc) != read


def test_the_list_marks_an_encrypted_assessment_it_could_not_open_as_needing_the_passphrase(saved):
    """``summaries`` without the passphrase: an encrypted assessment is listed as needing it (home shows it as
    encrypted, not damaged); with the right one it opens and is not marked."""
    from posture.listing import summaries

    enc = encrypt_assessment(saved, PASS)
    ws = Workspace(enc.parent.parent)
    (locked,) = summaries(ws)
    assert locked.needs_passphrase and locked.error
    (opened,) = summaries(ws, passphrase=PASS)
    assert not opened.needs_passphrase and not opened.error
