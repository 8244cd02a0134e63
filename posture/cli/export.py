"""``posture export``: the assessment as HTML, JSON, CSV (the plan) or OSCAL."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from posture.cli._context import Context
from posture.errors import PostureError
from posture.i18n import LANGS, both, fmt

HELP = both("exporta la evaluación: html, json, csv (plan de remediación) u oscal",
            "export the assessment: html, json, csv (remediation plan) or oscal")

_MSG = {
    "file": both("archivo de evaluación (assessment.yaml) o su carpeta; si está cifrada, assessment.yaml.enc "
                 "(frase en POSTURE_PASSPHRASE)",
                 "assessment file (assessment.yaml) or its folder; if encrypted, assessment.yaml.enc "
                 "(passphrase in POSTURE_PASSPHRASE)"),
    "format": both("formato de salida", "output format"),
    "out": both("archivo de salida (oscal: una carpeta; sin -o, json y csv van a la salida estándar)",
                "output file (oscal: a folder; without -o, json and csv go to standard output)"),
    "needs_out": both("--format {format} necesita -o", "--format {format} needs -o"),
    "lang": both("idioma de los textos", "language of the texts"),
    "done": both("exportado: {paths}", "exported: {paths}"),
}


def register(sub: argparse._SubParsersAction, ctx: Context) -> None:
    p = sub.add_parser("export", help=ctx.t(HELP), description=ctx.t(HELP))
    p.add_argument("file", type=Path, metavar="FILE", help=ctx.t(_MSG["file"]))
    p.add_argument("--format", required=True, choices=("html", "json", "csv", "oscal"), help=ctx.t(_MSG["format"]))
    p.add_argument("-o", "--output", type=Path, metavar="OUT", help=ctx.t(_MSG["out"]))
    p.add_argument("--lang", dest="report_lang", choices=LANGS, help=ctx.t(_MSG["lang"]))
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from posture.outputs import check_output

    lang = args.report_lang or ctx.lang
    if args.format in ("html", "oscal") and args.output is None:
        raise PostureError(fmt(_MSG["needs_out"], format=args.format))
    if args.output is not None:
        check_output(args.output, folder=args.format == "oscal")  # before the work, not after
    from posture import report

    loaded = report.load(args.file)
    if args.format == "oscal":
        args.output.mkdir(mode=0o700, parents=True, exist_ok=True)
        written = []
        for name, doc in (("assessment-results.json", report.assessment_results(loaded, lang)),
                          ("poam.json", report.poam(loaded, lang))):
            text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
            written.append(str(report.write_report(os.path.join(args.output, name), text)))
        ctx.err(fmt(_MSG["done"], paths=", ".join(written)))
        return 0
    data = {"html": lambda: report.render_html(loaded, lang).encode("utf-8"),
            "json": lambda: report.export_json(loaded).encode("utf-8"),
            "csv": lambda: report.export_csv(loaded, lang)}[args.format]()
    if args.output is None:
        import sys
        sys.stdout.buffer.write(data)
        return 0
    ctx.err(fmt(_MSG["done"], paths=str(report.write_report(args.output, data))))
    return 0
