"""``posture portfolio``: every assessment in a folder, worst first, 40 a landscape page, with the trend per vendor."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from posture.assessment import ENV_PASSPHRASE
from posture.cli._context import Context
from posture.cli._helpers import add_workspace_flags, output_path
from posture.cli._passphrase import passphrase_for_many
from posture.errors import PostureError
from posture.i18n import LANGS, _, _n, fmt

HELP = _("sums up every assessment in a folder, worst first (40 a page)")

_MSG = {
    "dir": _("folder of assessments (assessment.yaml is searched in subfolders; default: the workspace)"),
    "out": _("output PDF file"),
    "lang": _("language"),
    "not_dir": _("{path}: not a folder"),
    "empty": _("{path}: holds no assessment (assessment.yaml)"),
    "done": _n("portfolio written: {path} ({n} assessment)", "portfolio written: {path} ({n} assessments)"),
    "unreadable": _("{path}: could not be opened, left out of the portfolio: {reason}"),
    "both": _("give the folder or --workspace, not both"),
    "none_read": _n("{path}: its {n} assessment could not be opened (above): no portfolio written",
                    "{path}: none of its {n} assessments could be opened (above): no portfolio written"),
    "no_tty": _("encrypted, and there is no terminal to ask for the passphrase: set {env}"),
}


def register(sub: argparse._SubParsersAction, ctx: Context) -> None:
    p = sub.add_parser("portfolio", help=ctx.t(HELP), description=ctx.t(HELP))
    p.add_argument("folder", type=Path, nargs="?", metavar="DIR", help=ctx.t(_MSG["dir"]))
    add_workspace_flags(p, ctx, checklist=False)
    p.add_argument("-o", "--output", type=output_path, required=True, metavar="OUT.pdf", help=ctx.t(_MSG["out"]))
    p.add_argument("--lang", dest="report_lang", choices=LANGS, help=ctx.t(_MSG["lang"]))
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from posture.assessment import Workspace
    from posture.outputs import check_output

    if args.folder is not None and args.workspace is not None:  # two folders: neither silently wins
        raise PostureError(_MSG["both"])
    check_output(args.output)  # before rendering, not after
    folder = args.folder if args.folder is not None else Workspace(args.workspace).root  # None: the default one
    if not folder.is_dir():
        raise PostureError(fmt(_MSG["not_dir"], path=str(folder)))
    found = Workspace(folder).files(nested=True)  # the one finder (posture list uses it too)
    if not found:
        raise PostureError(fmt(_MSG["empty"], path=str(folder)))
    passphrase = passphrase_for_many(found, folder, ctx)  # asked once for all the encrypted ones
    from posture.report import render_portfolio, write_report

    lang = args.report_lang or ctx.lang
    done = render_portfolio(folder, lang, passphrase=passphrase)
    asked = passphrase is not None or sys.stdin.isatty()
    for item in done.unreadable:  # also in the PDF; said here so it is not missed
        reason = item.reasons[ctx.lang]
        if not asked and item.needs_passphrase:  # not «you are asked at a terminal»: there is none
            reason = ctx.t(fmt(_MSG["no_tty"], env=ENV_PASSPHRASE))
        ctx.err(fmt(_MSG["unreadable"], path=item.located, reason=reason))
    if done.count == 0:  # every file failed: a script must not take an empty PDF for a portfolio
        raise PostureError(fmt(_MSG["none_read"], path=str(folder), n=len(done.unreadable)))
    ctx.err(fmt(_MSG["done"], path=str(write_report(args.output, done.pdf)), n=done.count))
    return 0
