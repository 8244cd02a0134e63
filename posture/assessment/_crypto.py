"""Encryption at rest: a passphrase, stretched with scrypt, seals the assessment with AES-256-GCM.

Layout of an encrypted file (``assessment.yaml.enc``)::

    b"POSTURE-ENC" | version (1 byte) | log2(n), r, p (1 byte each) | salt (16) | nonce (12) | ciphertext+tag

The whole header is the GCM associated data, so changing any byte of it (say, weaker scrypt
parameters) fails authentication just as a changed ciphertext does. Salt and nonce are fresh on every
save. The plaintext only ever exists in memory.
"""

from __future__ import annotations

import functools
import os

from posture.errors import (
    EncryptedFileDamaged,
    NewerFileFormat,
    PassphraseRequired,
    PostureError,
    WrongPassphrase,
)
from posture.i18n import _, fmt

MAGIC = b"POSTURE-ENC"
VERSION = 1
ENC_SUFFIX = ".enc"
ENV_PASSPHRASE = "POSTURE_PASSPHRASE"  # noqa: S105 - the variable's name, not a secret
# scrypt n=2^15, r=8, p=1: 32 MiB and ~0.1 s per derivation on a 2-core laptop; stored per file so it can grow.
LOG2_N, R, P = 15, 8, 1
_SALT, _NONCE = 16, 12
_HEADER = len(MAGIC) + 4 + _SALT + _NONCE
# A hostile header must not make us burn memory or minutes: scrypt needs 128·r·n bytes.
_MAX_MEMORY, _MAX_P = 128 * 1024 * 1024, 2

_MSG = {
    "wrong": _("cannot decrypt: wrong passphrase, or the file was altered"),
    "damaged": _("encrypted file is damaged or truncated (invalid header)"),
    "newer": _("encrypted with a newer format (version {found}); upgrade posture"),
    "needed": _("the assessment is encrypted: give its passphrase (POSTURE_PASSPHRASE, or you are asked for it at a "
                "terminal)"),
    "empty": _("the passphrase cannot be empty"),
}


def is_encrypted(raw: bytes) -> bool:
    return raw.startswith(MAGIC)


def passphrase_from_env() -> str | None:
    """``$POSTURE_PASSPHRASE`` when set and not blank (like ``$POSTURE_WORKSPACE``, read where it is needed)."""
    value = os.environ.get(ENV_PASSPHRASE, "")
    return value if value.strip() else None


def need_passphrase(name: str) -> PassphraseRequired:
    return PassphraseRequired.at(name, _MSG["needed"])


@functools.lru_cache(maxsize=8)  # a session re-reads the file it just wrote: derive its key once
def _derive(passphrase: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt  # only for an encrypted file: not at start

    kdf = Scrypt(salt=salt, length=32, n=2**log2_n, r=r, p=p)
    return kdf.derive(passphrase.encode("utf-8"))


def encrypt(plaintext: bytes, passphrase: str) -> bytes:
    if not passphrase:
        raise PostureError(_MSG["empty"])
    salt, nonce = os.urandom(_SALT), os.urandom(_NONCE)
    header = MAGIC + bytes([VERSION, LOG2_N, R, P]) + salt + nonce
    key = _derive(passphrase, salt, LOG2_N, R, P)
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return header + AESGCM(key).encrypt(nonce, plaintext, header)


def decrypt(blob: bytes, passphrase: str, name: str) -> bytes:
    """The plaintext of an encrypted file's bytes ``blob``.

    Raises (each naming ``name``): ``WrongPassphrase`` (wrong passphrase and tampering look the same),
    ``EncryptedFileDamaged`` (truncated, bad header, scrypt parameters beyond the caps), ``NewerFileFormat``."""
    if len(blob) < _HEADER + 16 or not is_encrypted(blob):
        raise EncryptedFileDamaged.at(name, _MSG["damaged"])
    version, log2_n, r, p = blob[len(MAGIC):len(MAGIC) + 4]
    if version > VERSION:
        raise NewerFileFormat.at(name, fmt(_MSG["newer"], found=version))
    sane = 10 <= log2_n <= 30 and r >= 1 and 128 * r * 2**log2_n <= _MAX_MEMORY and 1 <= p <= _MAX_P
    if version != VERSION or not sane:
        raise EncryptedFileDamaged.at(name, _MSG["damaged"])
    start = len(MAGIC) + 4
    salt, nonce = blob[start:start + _SALT], blob[start + _SALT:_HEADER]
    try:
        key = _derive(passphrase, salt, log2_n, r, p)
    except MemoryError:  # the cap above should make this unreachable; a clear refusal, never a crash
        raise EncryptedFileDamaged.at(name, _MSG["damaged"]) from None
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(key).decrypt(nonce, blob[_HEADER:], blob[:_HEADER])
    except InvalidTag:
        raise WrongPassphrase.at(name, _MSG["wrong"]) from None
