"""``posture encrypt FILE`` / ``posture decrypt FILE``: turn encryption at rest on or off for one assessment."""

from __future__ import annotations

import argparse

from posture.assessment import check_unlocked, decrypt_assessment, encrypt_assessment, is_encrypted_file
from posture.cli._context import Context
from posture.cli._helpers import MSG, add_workspace_flags, workspace
from posture.cli._passphrase import new_passphrase, passphrase_for
from posture.i18n import _, fmt

HELP = _("encrypt an assessment with a passphrase (scrypt + AES-256-GCM)")
HELP_DECRYPT = _("decrypt an encrypted assessment (back to assessment.yaml)")

_MSG = {
    "encrypted": _("encrypted: {path} (the plain file and its backup were deleted; on SSDs traces may remain: "
                   "encrypt from creation to never write plaintext)"),
    "already": _("already encrypted: {path}"),
    "decrypted": _("decrypted: {path}"),
}


def register(sub: argparse._SubParsersAction, ctx: Context) -> None:
    for name, help_text, func in (("encrypt", HELP, run_encrypt), ("decrypt", HELP_DECRYPT, run_decrypt)):
        p = sub.add_parser(name, help=ctx.t(help_text), description=ctx.t(help_text))
        p.add_argument("file", metavar="FILE", help=ctx.t(MSG["file"]))
        add_workspace_flags(p, ctx, checklist=False)
        p.set_defaults(func=func)


def run_encrypt(args: argparse.Namespace, ctx: Context) -> int:
    path = workspace(args).locate(args.file)
    if is_encrypted_file(path):
        ctx.out(fmt(_MSG["already"], path=str(path)))
        return 0
    check_unlocked(path)  # open in the app: refused before asking for a passphrase
    target = encrypt_assessment(path, new_passphrase(ctx))
    ctx.out(fmt(_MSG["encrypted"], path=str(target)))
    return 0


def run_decrypt(args: argparse.Namespace, ctx: Context) -> int:
    path = workspace(args).locate(args.file)
    check_unlocked(path)
    target = decrypt_assessment(path, passphrase_for(path, ctx))
    ctx.out(fmt(_MSG["decrypted"], path=str(target)))
    return 0
