"""``posture report``: the PDF scorecard and remediation plan of one assessment."""

from __future__ import annotations

import argparse
from pathlib import Path

from posture import l10n
from posture.cli._context import Context
from posture.cli._helpers import MSG as SHARED_MSG
from posture.cli._helpers import add_workspace_flags, output_path
from posture.i18n import LANGS, _, fmt
from posture.vocabulary import Audience

HELP = _("write the PDF report (scorecard, remediation plan, detail per framework)")

_MSG = {
    "file": _("assessment file (assessment.yaml) or its folder; if encrypted, assessment.yaml.enc (passphrase in "
              "POSTURE_PASSPHRASE)"),
    "out": _("output PDF file"),
    "lang": _("report language"),
    "audience": _("{executive}: three pages (cover with the verdict, summary, first P1 actions, sign-off); {full}: "
                  "everything (default)"),
    "bad_audience": _("invalid choice: '{value}' (choose from {choices})"),
    "done": _("report written: {path} ({pages})"),
}


def register(sub: argparse._SubParsersAction, ctx: Context) -> None:
    p = sub.add_parser("report", help=ctx.t(HELP), description=ctx.t(HELP))
    p.add_argument("file", type=Path, metavar="FILE", help=ctx.t(_MSG["file"]))
    p.add_argument("-o", "--output", type=output_path, required=True, metavar="OUT.pdf", help=ctx.t(_MSG["out"]))
    p.add_argument("--lang", dest="report_lang", choices=LANGS, help=ctx.t(_MSG["lang"]))
    words = {a.value: ctx.t(a.file_word) for a in Audience}  # «ejecutivo», «completo»: the file name's words
    p.add_argument("--audience", type=_audience(ctx), default=Audience.FULL.value,
                   metavar="{" + ",".join(words.values()) + "}", help=ctx.t(fmt(_MSG["audience"], **words)))
    p.add_argument("--rules", type=Path, metavar="FILE", help=ctx.t(SHARED_MSG["rules"]))
    p.add_argument("--on", metavar="DATE", help=ctx.t(fmt(SHARED_MSG["on"], forms=SHARED_MSG["date_forms"])))
    add_workspace_flags(p, ctx, checklist=False)
    p.set_defaults(func=run)


def _audience(ctx: Context):
    """``--audience`` as typed: the version's id (``executive``) or its word in any language (``ejecutivo``,
    ``completo``), case aside."""
    def parse(text: str) -> str:
        wanted = text.strip().casefold()
        for a in Audience:
            if wanted == a.value or wanted in {w.casefold() for w in a.file_word.values()}:
                return a.value
        choices = ", ".join(ctx.t(a.file_word) for a in Audience)
        raise argparse.ArgumentTypeError(ctx.t(fmt(_MSG["bad_audience"], value=text, choices=choices)))
    return parse


def run(args: argparse.Namespace, ctx: Context) -> int:
    from posture.outputs import check_output

    check_output(args.output)  # before loading WeasyPrint and rendering, not after
    import datetime as _dt

    from posture.cli._helpers import evaluate, report_date
    from posture.report import render_pdf, write_report

    lang = args.report_lang or ctx.lang
    day = report_date(args)
    evaluation = evaluate(args, ctx, args.file, today=day)  # read once; the report renders from it
    pdf = render_pdf(evaluation, lang, args.audience, today=_dt.date.fromisoformat(day))
    path = write_report(args.output, pdf)
    ctx.err(fmt(_MSG["done"], path=str(path), pages=f"{l10n.number(len(pdf), ctx.lang, 0)} B"))
    return 0
