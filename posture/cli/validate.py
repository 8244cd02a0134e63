"""``posture validate``: check content files (the bundled ones by default)."""

from __future__ import annotations

import argparse
from pathlib import Path

from posture import l10n
from posture.cli._context import Context
from posture.content import Library, bundled_files, coverage
from posture.i18n import _, _n, fmt, tr

HELP = _("validate catalogs, checklists and probe checks")

_MSG = {
    "paths": _("files or folders (default: the bundled content)"),
    "json": _("JSON output for machines"),
    "coverage": _("show coverage per framework; fail unless complete"),
    "ok": _("valid: {catalogs}, {checklists}, {checks} ({files})"),  # each count in its own plural entry
    "n_catalogs": _n("{n} catalog", "{n} catalogs"),
    "n_checklists": _n("{n} checklist", "{n} checklists"),
    "n_checks": _n("{n} probe check", "{n} probe checks"),
    "n_files": _n("{n} file", "{n} files"),
    "problems": _n("{n} problem", "{n} problems"),
    # several counts in one line: each count picks its own form (a fixed plural said «1 cubiertos»)
    "cov_line": _("  {name:<12} {pct:>6}  {covered}, {excluded}, {missing} missing (of {total})"),
    "covered": _n("{n} covered", "{n} covered"),
    "excluded": _n("{n} excluded", "{n} excluded"),
    "missing": _("    missing: {id} {title}"),
    "warning": _("warning: {line}"),
    "conflict": _("    excluded, though mapped by {ids} (the exclusion wins): {id} {title}"),
    "partial": _(" — focused checklist: coverage is reported, not enforced"),
    "nothing": _("{paths}: no YAML file to validate (.yaml or .yml)"),
}


def register(sub: argparse._SubParsersAction, ctx: Context) -> None:
    p = sub.add_parser("validate", help=ctx.t(HELP), description=ctx.t(HELP))
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help=ctx.t(_MSG["paths"]))
    p.add_argument("--json", action="store_true", help=ctx.t(_MSG["json"]))
    p.add_argument("--coverage", action="store_true", help=ctx.t(_MSG["coverage"]))
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    if args.paths:
        fallback = Library.load(bundled_files(("controls", "checks")))
        lib = Library.load(args.paths, fallback=fallback)
        catalogs = {**fallback.catalogs, **lib.catalogs}
    else:
        lib = Library.load(bundled_files())
        catalogs = lib.catalogs
    if args.paths and not lib.files and not lib.problems:  # an empty folder, a typo: "valid: 0 files" said nothing
        ctx.err(fmt(_MSG["nothing"], paths=", ".join(str(p) for p in args.paths)))
        return 1
    cov = {cl.id: coverage(cl, catalogs) for cl in lib.checklists.values()} if args.coverage else {}
    incomplete = any(not c.complete for cl_id, items in cov.items() for c in items
                     if lib.checklists[cl_id].coverage == "full")
    if args.json:
        ctx.json({
            "valid": not lib.problems,
            "files": lib.files,
            "problems": [p.to_dict(ctx.lang) for p in lib.problems],
            "warnings": [p.to_dict(ctx.lang) for p in lib.warnings],
            "coverage": {
                cl_id: [{
                    "catalog": c.catalog.id, "enforced": lib.checklists[cl_id].coverage == "full",
                    "percent": round(c.percent, 2), "covered": len(c.covered),
                    "excluded": len(c.excluded), "missing": [m.id for m in c.missing], "total": c.total,
                    "excluded_but_mapped": {cid: qids for cid, qids in c.conflicts.items()},
                } for c in items]
                for cl_id, items in cov.items()
            },
        })
    else:
        for problem in lib.problems:
            print(problem.format(ctx.lang))
        for warning in lib.warnings:
            ctx.err(fmt(_MSG["warning"], line=warning.format(ctx.lang)))
        if lib.problems:
            n = len(lib.problems)
            ctx.err(fmt(_MSG["problems"], n=n))
        else:
            ctx.out(fmt(_MSG["ok"], catalogs=fmt(_MSG["n_catalogs"], n=len(lib.catalogs)),
                        checklists=fmt(_MSG["n_checklists"], n=len(lib.checklists)),
                        checks=fmt(_MSG["n_checks"], n=len(lib.probe_checks)),
                        files=fmt(_MSG["n_files"], n=len(lib.files))))
        for cl_id, items in cov.items():
            checklist = lib.checklists[cl_id]
            partial = checklist.coverage == "partial"
            ctx.out(f"{cl_id} ({checklist.version})" + (ctx.t(_MSG["partial"]) if partial else ""))
            for c in items:
                ctx.out(fmt(_MSG["cov_line"], name=c.catalog.short_name,
                            pct=l10n.percent(c.percent, ctx.lang, 1), covered=fmt(_MSG["covered"], n=len(c.covered)),
                            excluded=fmt(_MSG["excluded"], n=len(c.excluded)), missing=len(c.missing),
                            total=c.total))
                if not partial:
                    for m in c.missing:
                        ctx.out(fmt(_MSG["missing"], id=m.id, title=tr(m.title, ctx.lang)))
                for cid, qids in c.conflicts.items():
                    ctx.out(fmt(_MSG["conflict"], id=cid, ids=", ".join(qids),
                                title=tr(c.catalog.control(cid).title, ctx.lang)))
    return 1 if lib.problems or incomplete else 0
