"""``posture plan FILE``: the remediation plan, by risk, as text, JSON or CSV (UTF-8 with BOM for Excel)."""

from __future__ import annotations

import argparse
import sys

from posture import l10n
from posture.cli._context import Context
from posture.cli._helpers import (
    MSG,
    add_rules_flags,
    add_workspace_flags,
    catalogs,
    evaluate,
    report_date,
    typed_day,
    workspace,
)
from posture.errors import PostureError
from posture.i18n import _, _n, fmt, tr
from posture.plan import EFFORTS, Plan
from posture.vocabulary import ActionStatus

HELP = _("remediation plan of an assessment")

_MSG = {
    "csv": _("CSV output (UTF-8 with BOM), the same columns as 'posture export --format csv'"),
    "delimiter": _("CSV separator: ',' (default; decimal point) or ';' (Excel in Spain and most of Europe; decimal "
                   "comma)"),
    "due": _("days to fix P1, P2 and P3 (default: the rules file's, 30 60 90)"),
    "set": _("set the status of action ID: {statuses}"),
    "bad_status": _("unknown action status '{status}'; use one of: {statuses}"),
    "justification": _("justification (risk accepted, compensating control)"),
    "owner": _("owner of the risk acceptance"),
    "expires": _("expiry of the risk acceptance ({forms})"),
    "bad_expires": _("invalid expiry date '{value}' (use {forms})"),
    "unknown_action": _("there is no action '{id}' in this assessment's plan"),
    "status_set": _("Action {title}: {status}."),
    "status": _("       status: {status}{overdue}"),
    "overdue": _(" — OVERDUE"),
    "lifts": _("lifts cap {k} of {n} on {fw}"),
    "uncapped": _("       uncapped: {gain}"),
    "release": _("Closing every cap-causing action together: {gains}"),
    "top": _("show only the first N items"),
    "empty": _("No gaps: nothing to fix."),
    "too_early": _("No plan yet: with {answered} of {total} questions answered nothing can be said about what is "
                   "missing (an empty plan does not mean a vendor without gaps)."),
    "item": _("{n:>3}. [{prio}] risk {risk} ({impact}×{likelihood})  {title}  due {due}  effort {effort}  owner: "
              "{owner}"),
    "id": _("       id (for --set): {id}"),
    "gain": _("       gain: {gain}"),
    "refs": _("       closes: {refs}"),
    "summary": _n("{total} item: {p1} P1, {p2} P2, {p3} P3",
                  "{total} items: {p1} P1, {p2} P2, {p3} P3",
                  count="total"),
}

STATUS_NAMES = ActionStatus.labels()  # status → {"es": "en curso", ...}

def register(sub: argparse._SubParsersAction, ctx: Context) -> None:
    p = sub.add_parser("plan", help=ctx.t(HELP), description=ctx.t(HELP))
    p.add_argument("file", metavar="FILE", help=ctx.t(MSG["file"]))
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help=ctx.t(MSG["json"]))
    out.add_argument("--csv", action="store_true", help=ctx.t(_MSG["csv"]))
    p.add_argument("--due-days", nargs=3, type=int, metavar=("P1", "P2", "P3"), default=None,
                   help=ctx.t(_MSG["due"]))
    p.add_argument("--delimiter", choices=(",", ";"), default=",", help=ctx.t(_MSG["delimiter"]))
    p.add_argument("--set", nargs=2, metavar=("ID", "STATUS"),
                   help=ctx.t(fmt(_MSG["set"], statuses=_statuses_said(ctx.lang))))
    p.add_argument("--justification", default="", metavar="TEXT", help=ctx.t(_MSG["justification"]))
    p.add_argument("--owner", default="", metavar="NAME", help=ctx.t(_MSG["owner"]))
    p.add_argument("--expires", default="", metavar="DATE",
                   help=ctx.t(fmt(_MSG["expires"], forms=MSG["date_forms"])))
    add_rules_flags(p, ctx)
    p.add_argument("--top", type=int, metavar="N", help=ctx.t(_MSG["top"]))
    add_workspace_flags(p, ctx)
    p.set_defaults(func=run)


def print_plan(ctx: Context, plan: Plan, top: int | None = None, card=None) -> None:
    cats = catalogs()
    if not plan.items:
        if card is not None and card.headline.letter is None:  # too few answers to know there is no gap
            ctx.out(fmt(_MSG["too_early"], answered=card.coverage.answered, total=card.coverage.total))
        else:
            ctx.out(_MSG["empty"])
        return
    groups = plan.by_priority()
    summary = _MSG["summary"]
    ctx.out(fmt(summary, total=len(plan.items), p1=len(groups["P1"]), p2=len(groups["P2"]),
                p3=len(groups["P3"])))
    for n, item in enumerate(plan.items[:top] if top else plan.items, 1):
        ctx.out(fmt(_MSG["item"], n=n, prio=item.priority, risk=item.risk, impact=item.impact,
                    likelihood=item.likelihood, title=ctx.t(item.title) if item.title else item.id,
                    due=l10n.short_date(item.due, ctx.lang), effort=ctx.t(EFFORTS[item.effort]),
                    owner=ctx.t(item.owner_name)))
        ctx.out(f"       {ctx.t(item.action)}")
        if item.status.status != "open" or item.overdue:
            ctx.out(fmt(_MSG["status"], status=ctx.t(STATUS_NAMES[item.status.status]),
                        overdue=ctx.t(_MSG["overdue"]) if item.overdue else ""))
        refs = "; ".join(f"{cats[fw].short_name if fw in cats else fw} {', '.join(ids)}"
                         for fw, ids in item.references.items())
        ctx.out(fmt(_MSG["refs"], refs=refs))
        ctx.out(fmt(_MSG["id"], id=item.id))
        def name(fw: str) -> str:
            return cats[fw].short_name if fw in cats else fw
        gain = ", ".join(f"{name(fw)} +{l10n.number(g, ctx.lang)}" for fw, g in item.gain.items() if g)
        lifts = "; ".join(fmt(_MSG["lifts"], k=k, n=n, fw=cats[fw].short_name if fw in cats else fw)[ctx.lang]
                          for fw, (k, n) in item.lifts_cap.items())
        if gain or lifts:
            ctx.out(fmt(_MSG["gain"], gain="; ".join(x for x in (gain, lifts) if x)))
        uncapped = ", ".join(f"{cats[fw].short_name if fw in cats else fw} +{l10n.number(g, ctx.lang)}"
                             for fw, g in item.uncapped_gain.items() if g and g != item.gain.get(fw))
        if uncapped:
            ctx.out(fmt(_MSG["uncapped"], gain=uncapped))
    if plan.cap_release:
        ctx.out(fmt(_MSG["release"], gains=", ".join(f"{cats[fw].short_name if fw in cats else fw} "
                                                     f"+{l10n.number(g, ctx.lang)}"
                                                     for fw, g in plan.cap_release.items())))


def write_csv(ctx: Context, plan: Plan, frameworks: list[str], delimiter: str = ",") -> None:
    """The plan in the one spreadsheet layout shared with ``posture export --format csv`` (report.plan_csv)."""
    from posture.report import plan_csv

    data = plan_csv(plan, frameworks, ctx.lang, delimiter)
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def run(args: argparse.Namespace, ctx: Context) -> int:
    ev = evaluate(args, ctx, args.file, today=report_date(args),
                  due_days=tuple(args.due_days) if args.due_days else None)
    assessment, plan, card = ev.assessment, ev.plan, ev.scorecard
    if args.set:
        return _set_status(args, ctx, plan)
    if args.json:
        ctx.json({"assessed_on": plan.assessed_on, "report_date": plan.report_date, "due_days": list(plan.due_days),
                  "cap_release": plan.cap_release, "overdue": [i.id for i in plan.overdue],
                  "items": [i.to_dict() for i in plan.items]})
    elif args.csv:
        write_csv(ctx, plan, assessment.frameworks, args.delimiter)
    else:
        print_plan(ctx, plan, args.top, card)
    return 0


def _set_status(args: argparse.Namespace, ctx: Context, plan: Plan) -> int:
    import datetime as _dt

    from posture.assessment import ActionStatus, set_action_status

    aid, status = args.set
    status = _status_id(status, ctx.lang)
    if aid not in {i.id for i in plan.items} and aid not in plan_status_ids(args):
        raise PostureError(fmt(_MSG["unknown_action"], id=aid))
    now = _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat()
    expires = typed_day(args.expires, _MSG["bad_expires"], ctx.lang) if args.expires else ""
    entry = ActionStatus(status=status, justification=args.justification, owner=args.owner, expires=expires,
                         updated_at=now, aid=aid)  # PostureError names the missing field
    set_action_status(workspace(args).locate(args.file), aid, entry)
    item = next((i for i in plan.items if i.id == aid), None)
    ctx.out(fmt(_MSG["status_set"], title=ctx.t(item.title) if item is not None and item.title else aid,
                status=ctx.t(STATUS_NAMES[status])))
    return 0


def _fold(text: str) -> str:
    import unicodedata

    plain = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return " ".join(plain.replace("-", " ").replace("_", " ").lower().split())


def _statuses_said(lang: str) -> str:
    """The statuses as ``--set`` takes them, in ``lang``: «hecha, en-curso…» (the English ids are taken too)."""
    return ", ".join(tr(label, lang).replace(" ", "-") for label in STATUS_NAMES.values())


def _status_id(given: str, lang: str) -> str:
    """The stored status for what was typed: its id (``done``) or its label in any language, case, accents,
    spaces and dashes aside (``hecha``, ``en-curso``, ``Riesgo aceptado``)."""
    wanted = _fold(given)
    for value, label in STATUS_NAMES.items():
        if wanted == _fold(value) or wanted in {_fold(text) for text in label.values()}:
            return value
    raise PostureError(fmt(_MSG["bad_status"], status=given, statuses=_statuses_said(lang)))


def plan_status_ids(args: argparse.Namespace) -> set[str]:
    """Ids that already have a status (an action closed since may no longer be in the plan)."""
    from posture.assessment import load_assessment

    return set(load_assessment(workspace(args).locate(args.file)).actions)
