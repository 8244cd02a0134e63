"""``posture score FILE``: scores per framework and section, claimed and verified, with the figures behind them."""

from __future__ import annotations

import argparse

from posture.assessment import Assessment
from posture.cli._context import Context
from posture.cli._engine import MSG, add_workspace_flags, catalogs, num, open_assessment
from posture.content import Checklist
from posture.i18n import both, fmt, tr
from posture.scoring import CAP, Score, Scorecard, score

HELP = both("calcula la puntuación de una evaluación", "score an assessment")

_MSG = {
    "title": both("{vendor} — {site} ({date})", "{vendor} — {site} ({date})"),
    "coverage": both("Cobertura: {answered}/{total} preguntas respondidas ({pct:.1f} %), {na} «No aplica», "
                     "{unanswered} sin responder (no cuentan como cero)",
                     "Coverage: {answered}/{total} questions answered ({pct:.1f} %), {na} not applicable, "
                     "{unanswered} unanswered (not scored as zero)"),
    "head": both("{name:<34} {claimed:>9} {verified:>10}  {weights:>11}  calificación",
                 "{name:<34} {claimed:>9} {verified:>10}  {weights:>11}  grade"),
    "claimed": both("declarado", "claimed"),
    "verified": both("verificado", "verified"),
    "weights": both("Σw decl/ver", "Σw cl/ver"),
    "overall": both("General", "Overall"),
    "capped": both("    limitado a {cap:.0f} por preguntas críticas fallidas: {ids} (sin límite: {raw})",
                   "    capped at {cap:.0f} by failed critical questions: {ids} (uncapped: {raw})"),
    "vcapped": both("    verificado limitado a {cap:.0f} por: {ids} (sin límite: {raw})",
                    "    verified capped at {cap:.0f} by: {ids} (uncapped: {raw})"),
    "sections": both("Por sección", "By section"),
    "vendor_declared": both("Solo declaradas por el proveedor (no verificadas, confírmelas en la entrevista): {n}: "
                            "{ids}", "Only declared by the vendor (not verified, confirm them at the interview): "
                            "{n}: {ids}"),
    "na": both("No aplica: {ids}", "Not applicable: {ids}"),
    "contradicted": both("Contradichas por pruebas de red (0 en el verificado): {ids}",
                         "Contradicted by probe findings (0 in the verified score): {ids}"),
}


def register(sub: argparse._SubParsersAction, ctx: Context) -> None:
    p = sub.add_parser("score", help=ctx.t(HELP), description=ctx.t(HELP))
    p.add_argument("file", metavar="FILE", help=ctx.t(MSG["file"]))
    p.add_argument("--json", action="store_true", help=ctx.t(MSG["json"]))
    add_workspace_flags(p, ctx)
    p.set_defaults(func=run)


def scorecard_dict(card: Scorecard) -> dict:
    def s(x: Score) -> dict:
        return {"claimed": x.claimed, "verified": x.verified, "weight": x.weight,
                "verified_weight": x.verified_weight,
                "grade": x.claimed_grade.letter if x.claimed_grade else None,
                "grade_name": x.claimed_grade.name if x.claimed_grade else None,
                "verified_grade": x.verified_grade.letter if x.verified_grade else None}
    return {
        "overall": s(card.overall),
        "frameworks": {fw: {**s(f), "uncapped": f.uncapped, "verified_uncapped": f.verified_uncapped,
                            "capped_by": f.capped_by, "verified_capped_by": f.verified_capped_by}
                       for fw, f in card.frameworks.items()},
        "sections": {k: s(v) for k, v in card.sections.items()},
        "controls": {fw: {c: s(v) for c, v in cs.items()} for fw, cs in card.controls.items()},
        "coverage": {"answered": card.coverage.answered, "total": card.coverage.total,
                     "percent": card.coverage.percent},
        "na": card.na, "unanswered": card.unanswered, "contradicted": card.contradicted,
        "vendor_declared": card.vendor_declared,
    }


def _line(ctx: Context, name: str, x: Score) -> str:
    g = x.claimed_grade
    grade = f"{g.letter} {ctx.t(g.name)}" if g else "—"
    weights = f"{x.weight:g}/{x.verified_weight:g}"
    return f"{name:<34} {num(x.claimed):>9} {num(x.verified):>10}  {weights:>11}  {grade}"


def print_scorecard(ctx: Context, assessment: Assessment, checklist: Checklist, card: Scorecard) -> None:
    cats = catalogs()
    ctx.out(fmt(_MSG["title"], vendor=assessment.vendor, site=assessment.site, date=assessment.assessed_on))
    ctx.out(fmt(_MSG["coverage"], answered=card.coverage.answered, total=card.coverage.total,
                pct=card.coverage.percent, na=len(card.na), unanswered=len(card.unanswered)))
    if card.vendor_declared:
        ctx.out(fmt(_MSG["vendor_declared"], n=len(card.vendor_declared), ids=", ".join(card.vendor_declared)))
    ctx.out()
    ctx.out(fmt(_MSG["head"], name="", claimed=ctx.t(_MSG["claimed"]), verified=ctx.t(_MSG["verified"]),
                weights=ctx.t(_MSG["weights"])))
    for fw, f in card.frameworks.items():
        ctx.out(_line(ctx, cats[fw].short_name if fw in cats else fw, f))
        if f.capped_by:
            ctx.out(fmt(_MSG["capped"], cap=CAP, ids=", ".join(f.capped_by), raw=num(f.uncapped)))
        if f.verified_capped_by:
            ctx.out(fmt(_MSG["vcapped"], cap=CAP, ids=", ".join(f.verified_capped_by),
                        raw=num(f.verified_uncapped)))
    ctx.out(_line(ctx, ctx.t(_MSG["overall"]), card.overall))
    ctx.out()
    ctx.out(_MSG["sections"])
    for sid, s in card.sections.items():
        section = checklist.section(sid)
        title = tr(section.title, ctx.lang) if section else sid
        ctx.out(_line(ctx, title[:34], s))
    if card.na:
        ctx.out()
        ctx.out(fmt(_MSG["na"], ids=", ".join(card.na)))
    if card.contradicted:
        ctx.out(fmt(_MSG["contradicted"], ids=", ".join(card.contradicted)))


def run(args: argparse.Namespace, ctx: Context) -> int:
    assessment, checklist = open_assessment(args, ctx, args.file)
    card = score(assessment, checklist, catalogs())
    if args.json:
        ctx.json(scorecard_dict(card))
    else:
        print_scorecard(ctx, assessment, checklist, card)
    return 0
