"""``posture soa FILE``: the ISO/IEC 27001 Statement of Applicability of an assessment."""

from __future__ import annotations

import argparse

from posture.cli._context import Context
from posture.cli._engine import MSG, add_workspace_flags, catalogs, num, open_assessment
from posture.i18n import both, fmt
from posture.soa import statement_of_applicability

HELP = both("declaración de aplicabilidad ISO/IEC 27001 (Anexo A)",
            "ISO/IEC 27001 Statement of Applicability (Annex A)")

_MSG = {
    "applies": both("aplica", "applicable"),  # the SoA's own words, not answer values
    "excluded": both("excluido", "excluded"),
    "summary": both("{applicable} controles aplicables, {excluded} excluidos (de {total})",
                    "{applicable} controls applicable, {excluded} excluded (of {total})"),
    "why": both("       justificación: {text}", "       justification: {text}"),
    "questions": both("       preguntas: {ids}", "       questions: {ids}"),
}


def register(sub: argparse._SubParsersAction, ctx: Context) -> None:
    p = sub.add_parser("soa", help=ctx.t(HELP), description=ctx.t(HELP))
    p.add_argument("file", metavar="FILE", help=ctx.t(MSG["file"]))
    p.add_argument("--json", action="store_true", help=ctx.t(MSG["json"]))
    add_workspace_flags(p, ctx)
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    assessment, checklist = open_assessment(args, ctx, args.file)
    entries = statement_of_applicability(assessment, checklist, catalogs())
    if args.json:
        ctx.json([e.to_dict() for e in entries])
        return 0
    applicable = sum(1 for e in entries if e.applicable)
    ctx.out(fmt(_MSG["summary"], applicable=applicable, excluded=len(entries) - applicable, total=len(entries)))
    for e in entries:
        state = ctx.t(_MSG["applies"] if e.applicable else _MSG["excluded"])
        score = f"{num(e.claimed):>5} / {num(e.verified):>5}" if e.applicable else ""
        ctx.out(f"{e.control_id:<6} {state:<10} {score:<13} {ctx.t(e.title)}")
        if e.justification:
            ctx.out(fmt(_MSG["why"], text=ctx.t(e.justification)))
        if e.questions:
            ctx.out(fmt(_MSG["questions"], ids=", ".join(e.questions)))
    return 0
