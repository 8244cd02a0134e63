"""A hostile encrypted header cannot make scrypt burn memory or time (docs/security.md).

scrypt needs 128·r·n bytes; a header asking for more than 128 MiB, for p > 2, r < 1 or n outside
2^10…2^30 is refused as a damaged file, *before* any key is derived. Random bytes behind the magic
(the fuzz test) almost never hit these values, so each is crafted here.
"""

from __future__ import annotations

import os

import pytest

from posture.assessment import _crypto, load_assessment
from posture.errors import ContentError, PostureError

PASS = "correct horse battery staple"


def _header(log2_n: int, r: int, p: int, version: int = _crypto.VERSION) -> bytes:
    return (_crypto.MAGIC + bytes([version, log2_n, r, p]) + os.urandom(_crypto._SALT) + os.urandom(_crypto._NONCE)
            + os.urandom(64))


def _misses() -> int:
    return _crypto._derive.cache_info().misses


@pytest.mark.parametrize(("log2_n", "r", "p"), [
    (30, 8, 1),     # 1 TiB: without the cap, scrypt raises MemoryError
    (20, 255, 1),   # 32 GiB through r
    (18, 8, 1),     # 256 MiB: the smallest power of two over the cap
    (15, 8, 3),     # p above 2: minutes of CPU
    (15, 0, 1),     # r = 0
    (9, 8, 1),      # n below 2^10
    (31, 1, 1),     # n above 2^30
])
def test_a_crafted_header_is_refused_before_deriving(log2_n, r, p):
    before = _misses()
    with pytest.raises(ContentError) as err:
        _crypto.decrypt(_header(log2_n, r, p), PASS, "x.yaml.enc")
    assert err.value.problems[0].code == "encrypted_damaged"
    assert isinstance(err.value, PostureError) and err.value.problems[0].message["es"]
    assert _misses() == before, "a key was derived for a header that should have been refused"


def test_the_cap_itself_is_allowed():
    """128 MiB exactly (n = 2^17, r = 8) is within the cap: the key is derived, then the tag fails."""
    before = _misses()
    with pytest.raises(ContentError) as err:
        _crypto.decrypt(_header(17, 8, 1), PASS, "x.yaml.enc")
    assert err.value.problems[0].code == "passphrase"
    assert _misses() == before + 1


def test_a_memory_error_from_scrypt_is_a_clear_refusal(monkeypatch):
    """Defence in depth: should the cap ever let through more than the machine has, still one clear error."""
    def no_memory(*_args):
        raise MemoryError
    monkeypatch.setattr(_crypto, "_derive", no_memory)
    with pytest.raises(ContentError) as err:
        _crypto.decrypt(_header(15, 8, 1), PASS, "x.yaml.enc")
    (problem,) = err.value.problems
    assert (problem.code, problem.file) == ("encrypted_damaged", "x.yaml.enc")


def test_a_crafted_file_through_the_store_is_one_error(tmp_path):
    path = tmp_path / "assessment.yaml.enc"
    path.write_bytes(_header(30, 8, 1))
    with pytest.raises(ContentError) as err:
        load_assessment(path, passphrase=PASS)
    assert err.value.problems[0].code == "encrypted_damaged"
    assert err.value.problems[0].file.endswith("assessment.yaml.enc")


def test_length_boundary_header_plus_tag():
    """The shortest sealed file is the header and a 16-byte tag (empty plaintext): shorter is damage."""
    sealed = _crypto.encrypt(b"", PASS)
    assert len(sealed) == _crypto._HEADER + 16
    assert _crypto.decrypt(sealed, PASS, "x.enc") == b""
    with pytest.raises(ContentError) as err:
        _crypto.decrypt(sealed[:-1], PASS, "x.enc")
    (problem,) = err.value.problems
    assert (problem.code, problem.file) == ("encrypted_damaged", "x.enc")
    assert "damaged" in problem.message["en"] and "dañado" in problem.message["es"]


def test_a_newer_version_names_it():
    blob = bytearray(_crypto.encrypt(b"hola", PASS))
    blob[len(_crypto.MAGIC)] = 7
    with pytest.raises(ContentError) as err:
        _crypto.decrypt(bytes(blob), PASS, "x.enc")
    (problem,) = err.value.problems
    assert (problem.code, problem.file) == ("newer_format", "x.enc")
    assert "version 7" in problem.message["en"] and "versión 7" in problem.message["es"]


def test_an_empty_passphrase_cannot_encrypt():
    with pytest.raises(PostureError) as err:
        _crypto.encrypt(b"x", "")
    assert err.value.message == {"es": "la frase de contraseña no puede estar vacía",
                                 "en": "the passphrase cannot be empty"}


@pytest.mark.parametrize(("value", "expected"), [("", None), ("   ", None), ("s3cret", "s3cret"), (" a ", " a ")])
def test_the_passphrase_from_the_environment(monkeypatch, value, expected):
    monkeypatch.setenv(_crypto.ENV_PASSPHRASE, value)
    assert _crypto.passphrase_from_env() == expected


def test_asking_for_a_passphrase_is_its_own_error():
    (problem,) = _crypto.need_passphrase("a.yaml.enc").problems
    assert (problem.code, problem.file) == ("passphrase_needed", "a.yaml.enc")
    assert "POSTURE_PASSPHRASE" in problem.message["en"] and "POSTURE_PASSPHRASE" in problem.message["es"]


@pytest.mark.parametrize(("log2_n", "r", "p"), [(10, 8, 1), (10, 1, 1), (10, 8, 2), (11, 1, 2)])
def test_the_smallest_allowed_parameters_reach_the_tag_check(log2_n, r, p):
    """The lower edges are allowed (n = 2^10, r = 1, p up to 2): the key is derived and the tag decides."""
    before = _misses()
    with pytest.raises(ContentError) as err:
        _crypto.decrypt(_header(log2_n, r, p), PASS, "x.yaml.enc")
    (problem,) = err.value.problems
    assert (problem.code, problem.file) == ("passphrase", "x.yaml.enc")
    assert _misses() == before + 1
