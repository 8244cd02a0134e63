"""``posture questionnaire export|import``: the vendor answers first, in an Excel workbook, checked back in."""

from __future__ import annotations

import argparse
from pathlib import Path

from posture.cli._context import Context
from posture.cli._helpers import MSG, output_path, workspace
from posture.cli._passphrase import passphrase_for
from posture.errors import PostureError
from posture.i18n import LANGS, _, _n, _p, fmt, tr

HELP = _("vendor questionnaire in Excel: export it and import the vendor's answers back")

_MSG = {
    "export": _("write an assessment's questionnaire (.xlsx)"),
    "import": _("import a filled questionnaire into the assessment (all or nothing)"),
    "out": _(".xlsx file to write"),
    "lang": _("language of the questionnaire (default: the output language)"),
    "only_unanswered": _("only the questions the assessment has not answered yet"),
    "checklist": _("checklist: an installed id or a file (default: the assessment's own)"),
    "no_checklist": _("--checklist {id}: no checklist with that id is installed and no file has that name"),
    "workbook": _("the filled questionnaire (.xlsx)"),
    "into": _("target assessment: file, folder or identifier"),
    "overwrite": _("replace answers the assessment already has (by default they are kept)"),
    "dry_run": _("only show what would change; write nothing"),
    "exists": _("{path} already exists; use --force to replace it"),
    "force": _("replace the output file if it exists"),
    "not_xlsx": _("the output file must end in .xlsx"),
    "exported": _("questionnaire written: {path} ({questions} in {sheets}, {lang})"),
    "questions": _n("{n} question", "{n} questions"),
    "sheets": _n("{n} sheet", "{n} sheets"),
    "nothing": _("no questions to export (all answered or out of scope)"),
    "written": _n("imported {n} answer as 'declared by the vendor' into {path}",
                  "imported {n} answers as 'declared by the vendor' into {path}"),
    "dry": _("dry run (--dry-run): nothing was written"),
    "unchanged": _("nothing to import: the assessment is unchanged"),
}
_LANG_NAME = {"es": _p("in a sentence", "Spanish"), "en": _p("in a sentence", "English")}


def register(sub: argparse._SubParsersAction, ctx: Context) -> None:
    p = sub.add_parser("questionnaire", help=ctx.t(HELP), description=ctx.t(HELP))
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    e = actions.add_parser("export", help=ctx.t(_MSG["export"]), description=ctx.t(_MSG["export"]))
    e.add_argument("file", metavar="ASSESSMENT", help=ctx.t(MSG["file"]))
    e.add_argument("-o", "--output", type=output_path, required=True, metavar="OUT.xlsx", help=ctx.t(_MSG["out"]))
    e.add_argument("--lang", dest="workbook_lang", choices=LANGS, help=ctx.t(_MSG["lang"]))
    e.add_argument("--only-unanswered", action="store_true", help=ctx.t(_MSG["only_unanswered"]))
    e.add_argument("--checklist", metavar="ID|FILE", help=ctx.t(_MSG["checklist"]))
    e.add_argument("--force", action="store_true", help=ctx.t(_MSG["force"]))
    e.add_argument("--workspace", type=Path, metavar="DIR", help=ctx.t(MSG["workspace"]))
    e.set_defaults(func=run_export)
    i = actions.add_parser("import", help=ctx.t(_MSG["import"]), description=ctx.t(_MSG["import"]))
    i.add_argument("workbook", type=Path, metavar="VENDOR.xlsx", help=ctx.t(_MSG["workbook"]))
    i.add_argument("--into", required=True, metavar="ASSESSMENT", help=ctx.t(_MSG["into"]))
    i.add_argument("--overwrite", action="store_true", help=ctx.t(_MSG["overwrite"]))
    i.add_argument("--dry-run", action="store_true", help=ctx.t(_MSG["dry_run"]))
    i.add_argument("--checklist", metavar="ID|FILE", help=ctx.t(_MSG["checklist"]))
    i.add_argument("--workspace", type=Path, metavar="DIR", help=ctx.t(MSG["workspace"]))
    i.set_defaults(func=run_import)


def _checklist(args: argparse.Namespace, ws):
    """``--checklist`` as an installed id, else as a file; None without the flag."""
    if not args.checklist:
        return None
    from posture.assessment import checklist_by_id
    from posture.content import load_checklist

    if Path(args.checklist).is_file():
        return load_checklist(args.checklist)
    try:
        return checklist_by_id(args.checklist, ws.library)
    except PostureError:
        raise PostureError(fmt(_MSG["no_checklist"], id=args.checklist)) from None


def run_export(args: argparse.Namespace, ctx: Context) -> int:
    from posture.assessment import load_with_checklist
    from posture.questionnaire import build
    from posture.workbook import write_questionnaire

    if args.output.suffix.lower() != ".xlsx":
        raise PostureError(_MSG["not_xlsx"])
    if args.output.exists() and not args.force:
        raise PostureError(fmt(_MSG["exists"], path=str(args.output)))
    ws = workspace(args)
    path = ws.locate(args.file)
    assessment, checklist = load_with_checklist(path, ws.library, checklist=_checklist(args, ws),
                                                passphrase=passphrase_for(path, ctx))
    lang = args.workbook_lang or ctx.lang
    q = build(assessment, checklist, lang, only_unanswered=args.only_unanswered)
    if not q.sheets:
        raise PostureError(_MSG["nothing"])
    written = write_questionnaire(q, args.output)
    ctx.err(fmt(_MSG["exported"], path=str(written), questions=fmt(_MSG["questions"], n=len(q.binding.questions)),
                sheets=fmt(_MSG["sheets"], n=len(q.sheets)),
                lang=tr(_LANG_NAME.get(lang, lang), ctx.lang)))
    return 0


def run_import(args: argparse.Namespace, ctx: Context) -> int:
    from posture.questionnaire import import_into
    from posture.workbook import read_workbook

    ws = workspace(args)
    path = ws.locate(args.into)
    filled = read_workbook(args.workbook, args.workbook.name)
    result = import_into(path, filled, ctx.lang, overwrite=args.overwrite, dry_run=args.dry_run,
                         library=ws.library, checklist=_checklist(args, ws), passphrase=passphrase_for(path, ctx))
    for warning in result.declarations.warnings:
        ctx.err(warning)
    print_plan(ctx, result.plan, result.checklist)
    if args.dry_run:
        ctx.err(_MSG["dry"])
    elif result.written:
        ctx.out(fmt(_MSG["written"], n=len(result.changed), path=str(path)))
    else:
        ctx.out(_MSG["unchanged"])
    return 0


def print_plan(ctx: Context, plan, checklist) -> None:
    from posture.questionnaire import describe_plan

    for line in describe_plan(plan, checklist):
        ctx.out(line)
