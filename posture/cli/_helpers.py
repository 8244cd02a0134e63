"""What the CLI's subcommands share: the workspace and checklist flags, opening a file, showing drift.

("Engine" names only the scoring engine — scoring, plan, verdict — not this module.)"""

from __future__ import annotations

import argparse
from pathlib import Path

from posture.assessment import Assessment, Workspace, drift, load_with_checklist
from posture.cli._context import Context
from posture.cli._passphrase import passphrase_for
from posture.content import Checklist, bundled_library, load_checklist
from posture.evaluation import Evaluation
from posture.i18n import _, _n, _p, detect_lang, fmt, tr

MSG = {
    "workspace": _("assessments folder (default $POSTURE_WORKSPACE or the user's data folder)"),
    "checklist": _("checklist file to use instead of the installed one"),
    "file": _("assessment file, folder or identifier"),
    "json": _("JSON output for machines"),
    "rules": _("coverage, deadline and verdict rules (YAML; default: the bundled ones)"),
    "on": _("report date ({forms}) for overdue actions and the next review (default today)"),
    "bad_on": _("invalid date '{value}' in --on (use {forms})"),
    # the forms posture.l10n.typed_date takes in the reader's language (Spanish adds DD/MM/AAAA)
    "date_forms": _p("forms a date is typed in", "YYYY-MM-DD"),
    "drift": _("warning: the checklist changed since the answers were given: {new}, {changed} ({answered} already "
               "answered: ask them again), {removed} removed"),
    "new_questions": _n("{n} new question", "{n} new questions"),
    "changed_questions": _n("{n} changed", "{n} changed"),
}


def add_workspace_flags(p: argparse.ArgumentParser, ctx: Context, *, checklist: bool = True) -> None:
    p.add_argument("--workspace", type=Path, metavar="DIR", help=ctx.t(MSG["workspace"]))
    if checklist:
        p.add_argument("--checklist", type=Path, metavar="FILE", help=ctx.t(MSG["checklist"]))


def add_rules_flags(p: argparse.ArgumentParser, ctx: Context) -> None:
    p.add_argument("--rules", type=Path, metavar="FILE", help=ctx.t(MSG["rules"]))
    p.add_argument("--on", metavar="DATE", help=ctx.t(fmt(MSG["on"], forms=MSG["date_forms"])))


def rules_of(args: argparse.Namespace):
    """The rules file given with --rules (validated: errors name file, line and field), else the bundled one."""
    from posture.rules import default_rules, load_rules

    return load_rules(args.rules) if getattr(args, "rules", None) else default_rules()


def report_date(args: argparse.Namespace) -> str:
    import datetime as _dt

    value = getattr(args, "on", None)
    if not value:
        return _dt.date.today().isoformat()
    return typed_day(value, MSG["bad_on"], getattr(args, "lang", None) or detect_lang())


def output_path(text: str) -> Path:
    """argparse ``type`` of ``-o``: the path typed; an empty one is refused in posture's words (``-o ''`` became
    ``Path('.')``, the current folder, and was told "is a folder")."""
    from posture.errors import PostureError
    from posture.outputs import named

    try:
        return Path(named(text))
    except PostureError as exc:  # argparse's own line: "argument -o/--output: …", exit 2
        raise argparse.ArgumentTypeError(exc.lines(detect_lang())[0]) from None


def typed_day(value: str, refusal, lang: str) -> str:
    """``value`` as a person typing in ``lang`` means it (posture.l10n.typed_date: ISO, or DD/MM/AAAA in
    Spanish), in ISO; else a PostureError from ``refusal`` (a message with ``{value}`` and ``{forms}``, the
    forms of each language named in that language)."""
    from posture import l10n
    from posture.errors import PostureError
    from posture.i18n import LANGS

    day = l10n.typed_date(value, lang)
    if day is None:
        raise PostureError({x: fmt(refusal, value=value, forms=tr(MSG["date_forms"], x))[x] for x in LANGS})
    return day.isoformat()


def workspace(args: argparse.Namespace) -> Workspace:
    return Workspace(args.workspace) if getattr(args, "workspace", None) else Workspace()


def open_assessment(args: argparse.Namespace, ctx: Context, name) -> tuple[Assessment, Checklist]:
    """Open, pick its checklist, re-check the answers against it, and warn about drift on stderr."""
    ws = workspace(args)
    path = ws.locate(name)
    passphrase = passphrase_for(path, ctx)
    override = load_checklist(args.checklist) if getattr(args, "checklist", None) else None
    assessment, checklist = load_with_checklist(path, ws.library, checklist=override, passphrase=passphrase)
    _warn_drift(ctx, assessment, checklist)
    return assessment, checklist


def evaluate(args: argparse.Namespace, ctx: Context, name, *, today: str | None = None,
             due_days: tuple[int, int, int] | None = None) -> Evaluation:
    """Open once (``--workspace``, the passphrase asked for or from the environment, ``--checklist``,
    ``--rules``), warn about drift on stderr, and return the one ``Evaluation`` the command renders from."""
    ws = workspace(args)
    path = ws.locate(name)
    passphrase = passphrase_for(path, ctx)
    override = load_checklist(args.checklist) if getattr(args, "checklist", None) else None
    ev = Evaluation.open(path, ws.library, rules_of(args), passphrase=passphrase, workspace=ws, checklist=override,
                         today=today, due_days=due_days)
    _warn_drift(ctx, ev.assessment, ev.checklist)
    return ev


def _warn_drift(ctx: Context, assessment: Assessment, checklist: Checklist) -> None:
    d = drift(assessment, checklist)
    if d:
        ctx.err(fmt(MSG["drift"], new=fmt(MSG["new_questions"], n=len(d.new)),
                    changed=fmt(MSG["changed_questions"], n=len(d.changed)), answered=len(d.answered_changed),
                    removed=len(d.removed)))


def catalogs() -> dict:
    return bundled_library().catalogs


def num(value: float | None, lang: str = "en", digits: int = 1) -> str:
    """A score for people: ``digits`` decimals, the CLDR format of ``lang`` (posture.l10n); None → «—»."""
    from posture import l10n  # here: Babel is loaded by the commands that print numbers, not by every command

    return l10n.number(value, lang, digits)
