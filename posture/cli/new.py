"""``posture new``: create an empty assessment in the workspace (flags only, no prompts)."""

from __future__ import annotations

import argparse

from posture.cli._context import Context
from posture.cli._helpers import MSG as SHARED_MSG
from posture.cli._helpers import add_workspace_flags, typed_day, workspace
from posture.cli._passphrase import new_passphrase
from posture.content import bundled_library, load_checklist
from posture.errors import PostureError
from posture.i18n import _, fmt

HELP = _("create a new assessment")

_MSG = {
    "vendor": _("vendor name"),
    "site": _("site assessed"),
    "checklist_id": _("id of the installed checklist (default: the only one, or bpo-contact-center)"),
    "framework": _("framework in scope (repeatable; default: all of the checklist's)"),
    "scope": _("scope, free text"),
    "assessor": _("assessor (repeatable)"),
    "date": _("assessment date, {forms} (default: today)"),
    "bad_date": _("invalid date '{value}'; use {forms}"),
    "slug": _("folder identifier (default: from vendor and site)"),
    "encrypt": _("encrypt the assessment from the first byte (passphrase from POSTURE_PASSPHRASE or asked at the "
                 "terminal)"),
    "created": _("assessment created: {path}"),
    "no_checklist": _("no installed checklist '{id}' (available: {allowed})"),
}

DEFAULT_CHECKLIST = "bpo-contact-center"


def register(sub: argparse._SubParsersAction, ctx: Context) -> None:
    p = sub.add_parser("new", help=ctx.t(HELP), description=ctx.t(HELP))
    p.add_argument("--vendor", required=True, metavar="NAME", help=ctx.t(_MSG["vendor"]))
    p.add_argument("--site", required=True, metavar="NAME", help=ctx.t(_MSG["site"]))
    p.add_argument("--checklist-id", metavar="ID", help=ctx.t(_MSG["checklist_id"]))
    p.add_argument("--framework", action="append", metavar="ID", help=ctx.t(_MSG["framework"]))
    p.add_argument("--scope", default="", metavar="TEXT", help=ctx.t(_MSG["scope"]))
    p.add_argument("--assessor", action="append", metavar="NAME", help=ctx.t(_MSG["assessor"]))
    p.add_argument("--date", metavar="DATE", help=ctx.t(fmt(_MSG["date"], forms=SHARED_MSG["date_forms"])))
    p.add_argument("--slug", metavar="ID", help=ctx.t(_MSG["slug"]))
    p.add_argument("--encrypt", action="store_true", help=ctx.t(_MSG["encrypt"]))
    add_workspace_flags(p, ctx)
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    if args.checklist:
        checklist = load_checklist(args.checklist)
    else:
        available = bundled_library().checklists
        wanted = args.checklist_id or (DEFAULT_CHECKLIST if DEFAULT_CHECKLIST in available or len(available) != 1
                                       else next(iter(available)))
        if wanted not in available:
            raise PostureError(fmt(_MSG["no_checklist"], id=wanted, allowed=", ".join(available) or "—"))
        checklist = available[wanted]
    day = typed_day(args.date, _MSG["bad_date"], ctx.lang) if args.date is not None else None
    passphrase = new_passphrase(ctx) if args.encrypt else None
    assessment = workspace(args).create(
        vendor=args.vendor, site=args.site, checklist=checklist, frameworks=args.framework, scope=args.scope,
        assessors=args.assessor, assessed_on=day, slug=args.slug, passphrase=passphrase)
    ctx.out(fmt(_MSG["created"], path=str(assessment.path)))
    return 0
