"""``posture portfolio``: every assessment in a folder, worst first, 40 a landscape page, with the trend per vendor."""

from __future__ import annotations

import argparse
from pathlib import Path

from posture.cli._context import Context
from posture.errors import PostureError
from posture.i18n import LANGS, _, _n, fmt

HELP = _("sums up every assessment in a folder, worst first (40 a page)")

_MSG = {
    "dir": _("folder of assessments (assessment.yaml is searched in subfolders)"),
    "out": _("output PDF file"),
    "lang": _("language"),
    "not_dir": _("{path}: not a folder"),
    "empty": _("{path}: holds no assessment (assessment.yaml)"),
    "done": _n("portfolio written: {path} ({n} assessment)", "portfolio written: {path} ({n} assessments)"),
}


def register(sub: argparse._SubParsersAction, ctx: Context) -> None:
    p = sub.add_parser("portfolio", help=ctx.t(HELP), description=ctx.t(HELP))
    p.add_argument("folder", type=Path, metavar="DIR", help=ctx.t(_MSG["dir"]))
    p.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.pdf", help=ctx.t(_MSG["out"]))
    p.add_argument("--lang", dest="report_lang", choices=LANGS, help=ctx.t(_MSG["lang"]))
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from posture.outputs import check_output

    check_output(args.output)  # before rendering, not after
    from posture.report import find_assessments, render_portfolio, write_report

    if not args.folder.is_dir():
        raise PostureError(fmt(_MSG["not_dir"], path=str(args.folder)))
    if not find_assessments(args.folder):
        raise PostureError(fmt(_MSG["empty"], path=str(args.folder)))
    pdf, n = render_portfolio(args.folder, args.report_lang or ctx.lang)
    ctx.err(fmt(_MSG["done"], path=str(write_report(args.output, pdf)), n=n))
    return 0
