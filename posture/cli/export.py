"""``posture export``: the assessment as HTML, JSON, CSV (the plan) or OSCAL."""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
from pathlib import Path

from posture.cli._context import Context
from posture.cli._helpers import add_rules_flags, add_workspace_flags, evaluate, output_path, report_date
from posture.errors import PostureError, os_reason
from posture.i18n import LANGS, _, fmt

HELP = _("export the assessment: html, json, csv (remediation plan), xlsx (plan and scores) or oscal")

_MSG = {
    "file": _("assessment file (assessment.yaml) or its folder; if encrypted, assessment.yaml.enc (passphrase in "
              "POSTURE_PASSPHRASE)"),
    "format": _("output format"),
    "no_folder": _("cannot create the folder {path}: {error}"),
    "out": _("output file (oscal: a folder; without -o, json and csv go to standard output)"),
    "delimiter": _("CSV separator: ',' (default; decimal point) or ';' (Excel in Spain and most of Europe; decimal "
                   "comma)"),
    "needs_out": _("--format {format} needs -o"),
    "lang": _("language of the texts"),
    "no_poam": _("no pending actions: poam.json not written (OSCAL requires at least one item)"),
    "done": _("exported: {paths}"),
}


def register(sub: argparse._SubParsersAction, ctx: Context) -> None:
    p = sub.add_parser("export", help=ctx.t(HELP), description=ctx.t(HELP))
    p.add_argument("file", type=Path, metavar="FILE", help=ctx.t(_MSG["file"]))
    p.add_argument("--format", required=True, choices=("html", "json", "csv", "xlsx", "oscal"),
                   help=ctx.t(_MSG["format"]))
    p.add_argument("-o", "--output", type=output_path, metavar="OUT", help=ctx.t(_MSG["out"]))
    p.add_argument("--delimiter", choices=(",", ";"), default=",", help=ctx.t(_MSG["delimiter"]))
    p.add_argument("--lang", dest="report_lang", choices=LANGS, help=ctx.t(_MSG["lang"]))
    add_rules_flags(p, ctx)  # --rules and --on (the report date: overdue actions, verdict, next review)
    add_workspace_flags(p, ctx, checklist=False)
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from posture.outputs import check_output

    lang = args.report_lang or ctx.lang
    if args.format in ("html", "xlsx", "oscal") and args.output is None:
        raise PostureError(fmt(_MSG["needs_out"], format=args.format))
    if args.output is not None:
        check_output(args.output, folder=args.format == "oscal")  # before the work, not after
    day = report_date(args)  # one report date for every format (today unless --on), as `posture report`
    from posture import report

    loaded = evaluate(args, ctx, args.file, today=day)  # read once; every format renders from it
    if args.format == "oscal":
        try:
            args.output.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:  # /proc/x: "does not exist" would mislead; the folder that refused is named
            raise PostureError(fmt(_MSG["no_folder"], path=str(args.output),
                                   error=os_reason(exc, writing=True))) from None
        written = []
        for name, doc in (("assessment-results.json", report.assessment_results(loaded, lang)),
                          ("poam.json", report.poam(loaded, lang, day))):
            if doc is None:  # no actions: OSCAL has no empty POA&M
                ctx.err(ctx.t(_MSG["no_poam"]))
                continue
            text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
            written.append(str(report.write_report(os.path.join(args.output, name), text)))
        ctx.err(fmt(_MSG["done"], paths=", ".join(written)))
        return 0
    today = _dt.date.fromisoformat(day)
    data = {"html": lambda: report.render_html(loaded, lang, today=today).encode("utf-8"),
            "json": lambda: report.export_json(loaded, day).encode("utf-8"),
            "csv": lambda: report.export_csv(loaded, lang, args.delimiter, day),
            "xlsx": lambda: report.export_xlsx(loaded, lang, day)}[args.format]()
    if args.output is None:
        import sys
        sys.stdout.buffer.write(data)
        return 0
    ctx.err(fmt(_MSG["done"], paths=str(report.write_report(args.output, data))))
    return 0
