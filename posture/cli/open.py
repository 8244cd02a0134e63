"""``posture open FILE``: the assessor app on one assessment."""

from __future__ import annotations

import argparse

from posture.assessment import Workspace
from posture.cli._context import Context
from posture.cli._helpers import MSG as SHARED_MSG
from posture.cli._passphrase import passphrase_for
from posture.i18n import _

HELP = _("open the app on one assessment")


def register(sub: argparse._SubParsersAction, ctx: Context) -> None:
    p = sub.add_parser("open", help=ctx.t(HELP), description=ctx.t(HELP))
    p.add_argument("file", metavar="FILE", help=ctx.t(SHARED_MSG["file"]))
    p.add_argument("--workspace", metavar="DIR", help=ctx.t(SHARED_MSG["workspace"]))
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    # Opened here first, so a missing or damaged file is one line on the terminal, not a blank app; the app
    # shows this very session (the file is read once).
    workspace = Workspace(args.workspace) if args.workspace else Workspace()
    path = workspace.locate(args.file)
    passphrase = passphrase_for(path, ctx)
    from posture import tui
    from posture.session import AssessmentSession

    session = AssessmentSession(path, library=workspace.library, passphrase=passphrase)
    return int(tui.launch(lang=ctx.lang, path=path, passphrase=passphrase, session=session) or 0)
