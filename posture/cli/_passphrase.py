"""The one way every subcommand gets an assessment's passphrase: ``$POSTURE_PASSPHRASE``, else a prompt."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from posture.assessment import ENV_PASSPHRASE, is_encrypted_file, passphrase_from_env
from posture.cli._context import Context
from posture.errors import PostureError
from posture.i18n import _, _n, fmt

_MSG = {
    "ask": _("Passphrase for {file}: "),
    "ask_many": _("Passphrase for the {n} encrypted assessments in {folder}: "),
    "ask_one": _("Passphrase for the encrypted assessment in {folder}: "),
    "new": _("New passphrase: "),
    "again": _("Repeat it: "),
    "mismatch": _("the passphrases do not match"),
    "empty": _("the passphrase cannot be empty"),
    "short": _n("a passphrase of {n} character is too short to protect a vendor's security gaps: use at least "
                "{min} (several words are easy to remember)",
                "a passphrase of {n} characters is too short to protect a vendor's security gaps: use at least "
                "{min} (several words are easy to remember)"),
    "no_tty": _("{file}: it is encrypted and there is no terminal to ask for the passphrase; set {env}"),
    "no_tty_new": _("there is no terminal to ask for the passphrase; set {env}"),
}


# The shortest new passphrase posture encrypts with: NIST SP 800-63B §5.1.1.2's minimum for a memorized secret
# (8 characters). An encrypted assessment can be attacked offline, so longer is better; the guides advise words.
MIN_NEW_PASSPHRASE = 8


def _interactive() -> bool:
    return sys.stdin.isatty()


def passphrase_for(path: Path, ctx: Context) -> str | None:
    """None for a plain file; for an encrypted one the environment's passphrase, else asked at the terminal."""
    if not is_encrypted_file(path) and not path.name.endswith(".enc"):
        return None
    found = passphrase_from_env()
    if found:
        return found
    if not _interactive():
        raise PostureError(fmt(_MSG["no_tty"], file=str(path), env=ENV_PASSPHRASE))
    return getpass.getpass(ctx.t(fmt(_MSG["ask"], file=_named(path))))


def _named(path: Path) -> str:
    """How a prompt names an assessment: its folder (the id people know), not «assessment.yaml.enc»."""
    return path.parent.name if path.name.startswith("assessment.yaml") and path.parent.name else path.name


def passphrase_for_many(paths: list[Path], folder: Path, ctx: Context) -> str | None:
    """One passphrase for every encrypted file in ``paths`` (a portfolio): None when none is encrypted; else
    ``$POSTURE_PASSPHRASE``, else asked ONCE at the terminal; None without a terminal (the encrypted ones are
    then listed as unreadable, with the reason, instead of stopping the others)."""
    encrypted = [p for p in paths if p.name.endswith(".enc") or is_encrypted_file(p)]
    if not encrypted:
        return None
    found = passphrase_from_env()
    if found or not _interactive():
        return found
    ask = fmt(_MSG["ask_one"], folder=str(folder)) if len(encrypted) == 1 else \
        fmt(_MSG["ask_many"], n=len(encrypted), folder=str(folder))
    return getpass.getpass(ctx.t(ask)) or None


def new_passphrase(ctx: Context) -> str:
    """For encrypting: the environment's passphrase, else asked twice at the terminal.

    Raises:
        PostureError: no terminal and no ``$POSTURE_PASSPHRASE``; empty; shorter than
            :data:`MIN_NEW_PASSPHRASE` characters; the two typed differ.
    """
    first = passphrase_from_env()
    if not first:
        if not _interactive():
            raise PostureError(fmt(_MSG["no_tty_new"], env=ENV_PASSPHRASE))
        first = getpass.getpass(ctx.t(_MSG["new"]))
        if first and len(first) >= MIN_NEW_PASSPHRASE and getpass.getpass(ctx.t(_MSG["again"])) != first:
            raise PostureError(_MSG["mismatch"])
    if not first:
        raise PostureError(_MSG["empty"])
    if len(first) < MIN_NEW_PASSPHRASE:
        raise PostureError(fmt(_MSG["short"], n=len(first), min=MIN_NEW_PASSPHRASE))
    return first
