"""``posture demo``: put the bundled demo assessment in the workspace (never over an existing one) and show it."""

from __future__ import annotations

import argparse
import datetime as _dt
import shutil
import sys

from posture.assessment import FILE_NAME
from posture.cli._context import Context
from posture.cli._helpers import add_workspace_flags, catalogs, open_assessment, workspace
from posture.cli.plan import print_plan
from posture.cli.score import print_scorecard
from posture.content import demo_dir
from posture.errors import PostureError
from posture.i18n import _, fmt
from posture.plan import build_plan
from posture.scoring import score
from posture.verdict import decide

HELP = _("install and show the demo assessment")
DEMO_SLUG = "centro-de-contacto-demo"

_MSG = {
    "copied": _("demo installed in {path}"),
    "kept": _("the demo already exists in {path}; left as is (posture demo --reset puts this version's)"),
    "set_aside": _("the previous demo was set aside in {path}"),
    "reset": _("replace the workspace's demo with this version's (the previous one is set aside, never deleted)"),
    "missing": _("the demo is not included in this installation ({path})"),
    "top": _("Top of the plan:"),
    "no_app": _("print the score and the plan instead of opening the app (always, without a terminal)"),
}


def register(sub: argparse._SubParsersAction, ctx: Context) -> None:
    p = sub.add_parser("demo", help=ctx.t(HELP), description=ctx.t(HELP))
    add_workspace_flags(p, ctx)
    p.add_argument("--no-app", action="store_true", help=ctx.t(_MSG["no_app"]))
    p.add_argument("--reset", action="store_true", help=ctx.t(_MSG["reset"]))
    p.set_defaults(func=run)


def install(ws_root, ctx: Context, reset: bool = False):
    source = demo_dir() / DEMO_SLUG
    if not (source / FILE_NAME).is_file():
        raise PostureError(fmt(_MSG["missing"], path=str(source)))
    target = ws_root / DEMO_SLUG
    if target.exists() and reset:  # nothing a user did is lost: the old demo is moved aside, not deleted
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = ws_root / f"{DEMO_SLUG}.previous-{stamp}"
        target.rename(aside)
        ctx.err(fmt(_MSG["set_aside"], path=str(aside)))
    elif target.exists():
        ctx.err(fmt(_MSG["kept"], path=str(target)))
        return target
    ws_root.mkdir(parents=True, exist_ok=True, mode=0o700)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.lock", "*.bak", "make_demo.py"))
    for path in [target, *target.rglob("*")]:
        path.chmod(0o700 if path.is_dir() else 0o600)
    ctx.err(fmt(_MSG["copied"], path=str(target)))
    return target


def run(args: argparse.Namespace, ctx: Context) -> int:
    target = install(workspace(args).root, ctx, reset=args.reset)
    if not args.no_app and sys.stdin.isatty() and sys.stdout.isatty():
        from posture import tui  # the README's main command: the app on the demo

        open_assessment(args, ctx, target)  # a damaged or drifted demo is reported here, on the terminal
        return int(tui.launch(lang=ctx.lang, path=target) or 0)
    assessment, checklist = open_assessment(args, ctx, target)
    cats = catalogs()
    card = score(assessment, checklist, cats)
    today = _dt.date.today().isoformat()  # the report date, as `posture score` uses it
    plan = build_plan(assessment, checklist, cats, card, today=today)
    print_scorecard(ctx, assessment, checklist, card, decide(card, plan, checklist, today=today))
    ctx.out()
    ctx.out(_MSG["top"])
    print_plan(ctx, plan, top=5, card=card)
    return 0
