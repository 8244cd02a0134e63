"""``posture soa FILE [--framework ID]``: the Statement of Applicability of an assessment (by default of the
frameworks whose catalog declares ``report.statement_of_applicability``: ISO/IEC 27001 in the bundled content)."""

from __future__ import annotations

import argparse

from posture.cli._context import Context
from posture.cli._helpers import MSG, add_workspace_flags, evaluate, num
from posture.errors import PostureError
from posture.i18n import _, _n, fmt
from posture.soa import soa_frameworks

HELP = _("Statement of Applicability (default ISO/IEC 27001, Annex A)")

_MSG = {
    "applies": _("applicable"),  # the SoA's own words, not answer values
    "excluded": _("excluded"),
    "summary": _("{applicable}, {excluded} (of {total})"),  # each count in its own plural entry
    "n_applicable": _n("{n} control applicable", "{n} controls applicable"),
    "n_excluded": _n("{n} excluded", "{n} excluded"),
    "why": _("       justification: {text}"),
    "questions": _("       questions: {ids}"),
    "framework": _("the framework whose statement to show (default: the one its catalog declares with "
                   "statement_of_applicability)"),
    "not_assessed": _("the assessment does not include framework '{fw}' (it includes: {frameworks})"),
    "none": _("no framework of the assessment declares a Statement of Applicability; choose one with --framework "
              "({frameworks})"),
}


def register(sub: argparse._SubParsersAction, ctx: Context) -> None:
    p = sub.add_parser("soa", help=ctx.t(HELP), description=ctx.t(HELP))
    p.add_argument("file", metavar="FILE", help=ctx.t(MSG["file"]))
    p.add_argument("--framework", metavar="ID", help=ctx.t(_MSG["framework"]))
    p.add_argument("--json", action="store_true", help=ctx.t(MSG["json"]))
    add_workspace_flags(p, ctx)
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    ev = evaluate(args, ctx, args.file)
    assessment, known = ev.assessment, ev.catalogs
    assessed = [fw for fw in assessment.frameworks if fw in known]
    framework = args.framework
    if framework is not None and framework not in assessed:
        raise PostureError(fmt(_MSG["not_assessed"], fw=framework, frameworks=", ".join(assessed) or "—"))
    if framework is None:
        declared = soa_frameworks(assessed, known)
        if not declared:
            raise PostureError(fmt(_MSG["none"], frameworks=", ".join(assessed) or "—"))
        framework = declared[0]
    entries = ev.soa(framework)
    if args.json:
        ctx.json([e.to_dict() for e in entries])
        return 0
    applicable = sum(1 for e in entries if e.applicable)
    ctx.out(fmt(_MSG["summary"], applicable=fmt(_MSG["n_applicable"], n=applicable),
                excluded=fmt(_MSG["n_excluded"], n=len(entries) - applicable), total=len(entries)))
    for e in entries:
        state = ctx.t(_MSG["applies"] if e.applicable else _MSG["excluded"])
        score = f"{num(e.claimed, ctx.lang):>5} / {num(e.verified, ctx.lang):>5}" if e.applicable else ""
        ctx.out(f"{e.control_id:<6} {state:<10} {score:<13} {ctx.t(e.title)}")
        if e.justification:
            ctx.out(fmt(_MSG["why"], text=ctx.t(e.justification)))
        if e.questions:
            ctx.out(fmt(_MSG["questions"], ids=", ".join(e.questions)))
    return 0
