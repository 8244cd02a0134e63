"""Encryption at rest: round trip, wrong passphrase, tampering, no plaintext on disk, owner-only modes."""

import os
import stat

import pytest
from engine_support import load_fixture

from posture.assessment import (
    ENCRYPTED_NAME,
    Answer,
    Workspace,
    _crypto,
    decrypt_assessment,
    encrypt_assessment,
    load_assessment,
    save_assessment,
)
from posture.errors import ContentError, PostureError

VENDOR = "Cobranzas Zafiro del Bajío"
SECRET_NOTE = "firewall sin reglas de salida en VLAN-77"
PASS = "correct horse battery staple"


@pytest.fixture()
def checklist():
    return load_fixture()


@pytest.fixture(autouse=True)
def _no_env_passphrase(monkeypatch):
    monkeypatch.delenv(_crypto.ENV_PASSPHRASE, raising=False)


def _encrypted(tmp_path, checklist):
    ws = Workspace(tmp_path / "ws")
    a = ws.create(vendor=VENDOR, site="León", checklist=checklist, passphrase=PASS)
    a.answers["GOV-01"] = Answer("no", note=SECRET_NOTE, qid="GOV-01")
    save_assessment(a)
    a.answers["GOV-01"] = Answer("partial", note=SECRET_NOTE, qid="GOV-01")
    save_assessment(a)  # a second save, so a backup exists
    return ws, a


def _all_bytes(folder):
    return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())


def test_round_trip_through_the_workspace(tmp_path, checklist):
    ws, a = _encrypted(tmp_path, checklist)
    assert a.path.name == ENCRYPTED_NAME
    again = ws.open(a.id, checklist, passphrase=PASS)
    assert again.vendor == VENDOR and again.answers == a.answers
    assert ws.locate(a.path.parent) == a.path
    again.answers["GOV-02"] = Answer("yes", qid="GOV-02")
    save_assessment(again)  # the assessment remembers its passphrase: still encrypted
    assert load_assessment(a.path, passphrase=PASS).answers["GOV-02"].value == "yes"


def test_no_plaintext_anywhere_in_the_folder(tmp_path, checklist):
    _, a = _encrypted(tmp_path, checklist)
    blob = _all_bytes(a.path.parent)
    assert a.path.with_name(ENCRYPTED_NAME + ".bak").is_file()
    for secret in (VENDOR, SECRET_NOTE, "GOV-01", "kind: assessment"):
        assert secret.encode() not in blob
    assert not (a.path.parent / "assessment.yaml").exists()


def test_modes_are_owner_only(tmp_path, checklist):
    _, a = _encrypted(tmp_path, checklist)
    for path in (a.path, a.path.with_name(ENCRYPTED_NAME + ".bak"), a.path.with_name(ENCRYPTED_NAME + ".lock")):
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600, path


def test_wrong_passphrase_is_one_bilingual_line(tmp_path, checklist):
    _, a = _encrypted(tmp_path, checklist)
    before = a.path.read_bytes()
    with pytest.raises(ContentError) as err:
        load_assessment(a.path, passphrase="wrong")
    [problem] = err.value.problems
    assert problem.code == "passphrase"
    assert "frase de contraseña incorrecta" in problem.message["es"] and "wrong passphrase" in problem.message["en"]
    assert len(err.value.lines("es")) == 1 and "\n" not in err.value.lines("en")[0]
    assert a.path.read_bytes() == before


def test_missing_passphrase_says_how_to_give_it(tmp_path, checklist, monkeypatch):
    _, a = _encrypted(tmp_path, checklist)
    with pytest.raises(ContentError) as err:
        load_assessment(a.path)
    assert "POSTURE_PASSPHRASE" in err.value.lines("en")[0]
    monkeypatch.setenv(_crypto.ENV_PASSPHRASE, PASS)
    assert load_assessment(a.path).vendor == VENDOR


# What each flipped bit must give, exactly: a header that is no longer ours (magic) or asks for out-of-range
# scrypt parameters (p = 0) is damage, with the backup offered; a header that is still sane but different
# (n = 2^14, salt, nonce) derives another key or fails the associated data, like the ciphertext and the tag:
# "wrong passphrase, or the file was altered" (GCM cannot tell the two apart).
TAMPER = {"header": "damaged", "scrypt-p": "damaged", "scrypt-n": "passphrase", "salt": "passphrase",
          "nonce": "passphrase", "ciphertext": "passphrase", "tag": "passphrase"}


@pytest.mark.parametrize("where", list(TAMPER))
def test_tampering_anywhere_is_detected(tmp_path, checklist, where):
    _, a = _encrypted(tmp_path, checklist)
    blob = bytearray(a.path.read_bytes())
    head = len(_crypto.MAGIC)
    offset = {"header": 2, "scrypt-p": head + 3, "scrypt-n": head + 1, "salt": head + 5,
              "nonce": head + 4 + 16 + 3, "ciphertext": len(blob) // 2, "tag": len(blob) - 1}[where]
    blob[offset] ^= 0x01
    a.path.write_bytes(bytes(blob))
    with pytest.raises(ContentError) as err:
        load_assessment(a.path, passphrase=PASS)
    (problem,) = err.value.problems
    assert problem.code == TAMPER[where]
    if TAMPER[where] == "damaged":
        assert ENCRYPTED_NAME + ".bak" in problem.message["en"]  # the backup is offered
    assert a.path.read_bytes() == bytes(blob)  # nothing rewritten


def test_truncated_and_newer_versions_are_refused(tmp_path, checklist):
    _, a = _encrypted(tmp_path, checklist)
    blob = a.path.read_bytes()
    a.path.write_bytes(blob[:20])
    with pytest.raises(ContentError, match="damaged"):
        load_assessment(a.path, passphrase=PASS)
    newer = bytearray(blob)
    newer[len(_crypto.MAGIC)] = _crypto.VERSION + 1
    a.path.write_bytes(bytes(newer))
    with pytest.raises(ContentError) as err:
        load_assessment(a.path, passphrase=PASS)
    assert err.value.problems[0].code == "newer_format"


def test_fresh_salt_and_nonce_on_every_save(tmp_path, checklist):
    _, a = _encrypted(tmp_path, checklist)
    first = a.path.read_bytes()[:len(_crypto.MAGIC) + 4 + 16 + 12]
    save_assessment(a)
    second = a.path.read_bytes()[:len(_crypto.MAGIC) + 4 + 16 + 12]
    assert first[:len(_crypto.MAGIC) + 4] == second[:len(_crypto.MAGIC) + 4]
    assert first[len(_crypto.MAGIC) + 4:] != second[len(_crypto.MAGIC) + 4:]


def test_encrypt_then_decrypt_an_existing_plain_assessment(tmp_path, checklist):
    ws = Workspace(tmp_path / "ws")
    a = ws.create(vendor=VENDOR, site="León", checklist=checklist)
    a.answers["GOV-01"] = Answer("no", note=SECRET_NOTE, qid="GOV-01")
    save_assessment(a)
    plain = a.path
    enc = encrypt_assessment(plain, PASS)
    assert enc.name == ENCRYPTED_NAME
    assert not plain.exists() and not plain.with_name("assessment.yaml.bak").exists()
    assert VENDOR.encode() not in _all_bytes(plain.parent)
    assert ws.open(a.id, passphrase=PASS).answers["GOV-01"].note == SECRET_NOTE
    with pytest.raises(ContentError):
        decrypt_assessment(enc, "wrong")
    assert enc.is_file()  # a failed decrypt keeps the encrypted file
    back = decrypt_assessment(enc, PASS)
    assert back == plain and not enc.exists()
    assert load_assessment(back).answers["GOV-01"].note == SECRET_NOTE
    with pytest.raises(PostureError, match="not encrypted"):
        decrypt_assessment(back, PASS)


def test_saving_encrypted_without_a_passphrase_is_refused(tmp_path, checklist):
    ws = Workspace(tmp_path / "ws")
    a = ws.create(vendor=VENDOR, site="León", checklist=checklist)
    with pytest.raises(ContentError, match="POSTURE_PASSPHRASE"):
        save_assessment(a, a.path.with_name(ENCRYPTED_NAME))
    assert not a.path.with_name(ENCRYPTED_NAME).exists()
