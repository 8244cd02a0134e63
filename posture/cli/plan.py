"""``posture plan FILE``: the remediation plan, by risk, as text, JSON or CSV (UTF-8 with BOM for Excel)."""

from __future__ import annotations

import argparse
import sys

from posture.cli._context import Context
from posture.cli._engine import MSG, add_workspace_flags, catalogs, open_assessment
from posture.i18n import both, fmt
from posture.plan import DUE_DAYS, EFFORTS, Plan, build_plan
from posture.scoring import score

HELP = both("plan de remediación de una evaluación", "remediation plan of an assessment")

_MSG = {
    "csv": both("salida CSV (UTF-8 con BOM), con las mismas columnas que 'posture export --format csv'",
                "CSV output (UTF-8 with BOM), the same columns as 'posture export --format csv'"),
    "delimiter": both("separador del CSV: ',' (por omisión; punto decimal) o ';' (Excel en España; coma decimal)",
                      "CSV separator: ',' (default; decimal point) or ';' (Excel in Spain and most of Europe; "
                      "decimal comma)"),
    "due": both("días de plazo para P1, P2 y P3 (por omisión 30 60 90)", "days to fix P1, P2 and P3 "
                "(default 30 60 90)"),
    "top": both("muestra solo las primeras N acciones", "show only the first N items"),
    "empty": both("Sin brechas: no hay acciones pendientes.", "No gaps: nothing to fix."),
    "item": both("{n:>3}. [{prio}] riesgo {risk} ({impact}×{likelihood})  {id}  vence {due}  esfuerzo {effort}  "
                 "responsable: {owner}",
                 "{n:>3}. [{prio}] risk {risk} ({impact}×{likelihood})  {id}  due {due}  effort {effort}  "
                 "owner: {owner}"),
    "gain": both("       ganancia: {gain}", "       gain: {gain}"),
    "refs": both("       cierra: {refs}", "       closes: {refs}"),
    "summary": both("{total} acciones: {p1} P1, {p2} P2, {p3} P3", "{total} items: {p1} P1, {p2} P2, {p3} P3"),
}

def register(sub: argparse._SubParsersAction, ctx: Context) -> None:
    p = sub.add_parser("plan", help=ctx.t(HELP), description=ctx.t(HELP))
    p.add_argument("file", metavar="FILE", help=ctx.t(MSG["file"]))
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help=ctx.t(MSG["json"]))
    out.add_argument("--csv", action="store_true", help=ctx.t(_MSG["csv"]))
    p.add_argument("--due-days", nargs=3, type=int, metavar=("P1", "P2", "P3"), default=list(DUE_DAYS),
                   help=ctx.t(_MSG["due"]))
    p.add_argument("--delimiter", choices=(",", ";"), default=",", help=ctx.t(_MSG["delimiter"]))
    p.add_argument("--top", type=int, metavar="N", help=ctx.t(_MSG["top"]))
    add_workspace_flags(p, ctx)
    p.set_defaults(func=run)


def print_plan(ctx: Context, plan: Plan, top: int | None = None) -> None:
    cats = catalogs()
    if not plan.items:
        ctx.out(_MSG["empty"])
        return
    groups = plan.by_priority()
    ctx.out(fmt(_MSG["summary"], total=len(plan.items), p1=len(groups["P1"]), p2=len(groups["P2"]),
                p3=len(groups["P3"])))
    for n, item in enumerate(plan.items[:top] if top else plan.items, 1):
        ctx.out(fmt(_MSG["item"], n=n, prio=item.priority, risk=item.risk, impact=item.impact,
                    likelihood=item.likelihood, id=item.id, due=item.due, effort=ctx.t(EFFORTS[item.effort]),
                    owner=ctx.t(item.owner_name)))
        ctx.out(f"       {ctx.t(item.action)}")
        refs = "; ".join(f"{cats[fw].short_name if fw in cats else fw} {', '.join(ids)}"
                         for fw, ids in item.references.items())
        ctx.out(fmt(_MSG["refs"], refs=refs))
        gain = ", ".join(f"{cats[fw].short_name if fw in cats else fw} +{g:.1f}" for fw, g in item.gain.items()
                         if g)
        if gain:
            ctx.out(fmt(_MSG["gain"], gain=gain))


def write_csv(ctx: Context, plan: Plan, frameworks: list[str], delimiter: str = ",") -> None:
    """The plan in the one spreadsheet layout shared with ``posture export --format csv`` (report._sheets)."""
    from posture.report._sheets import plan_table, to_csv

    head, rows = plan_table(plan, frameworks, ctx.lang)
    sys.stdout.flush()
    sys.stdout.buffer.write(to_csv(head, rows, delimiter))
    sys.stdout.buffer.flush()


def run(args: argparse.Namespace, ctx: Context) -> int:
    assessment, checklist = open_assessment(args, ctx, args.file)
    cats = catalogs()
    card = score(assessment, checklist, cats)
    plan = build_plan(assessment, checklist, cats, card, due_days=tuple(args.due_days))
    if args.json:
        ctx.json({"assessed_on": plan.assessed_on, "due_days": list(plan.due_days),
                  "items": [i.to_dict() for i in plan.items]})
    elif args.csv:
        write_csv(ctx, plan, assessment.frameworks, args.delimiter)
    else:
        print_plan(ctx, plan, args.top)
    return 0
