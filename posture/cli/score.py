"""``posture score FILE``: scores per framework and section, claimed and verified, with the figures behind them."""

from __future__ import annotations

import argparse

from posture import l10n
from posture.assessment import Assessment
from posture.cli._context import Context
from posture.cli._helpers import (
    MSG,
    add_rules_flags,
    add_workspace_flags,
    catalogs,
    evaluate,
    num,
    report_date,
)
from posture.content import Checklist
from posture.i18n import _, _p, fmt, tr
from posture.scoring import CAP, Score, Scorecard
from posture.shown import clip
from posture.verdict import Verdict
from posture.vocabulary import Verdict as VerdictValue

HELP = _("score an assessment")

_MSG = {
    "title": _("{vendor} — {site} ({date})"),
    "coverage": _("Coverage: {answered}/{total} questions answered ({pct}), {na} not applicable, {unanswered} "
                  "unanswered (not scored as zero)"),
    "head": _("{name:<34} {claimed:>9} {verified:>10}  {weights:>11}  grade"),
    "claimed": _p("basis", "claimed"),
    "verified": _("verified"),
    "weights": _("Σw cl/ver"),
    "overall": _("Overall"),
    "capped": _("    capped at {cap} by failed critical questions: {ids} (uncapped: {raw})"),
    "vcapped": _("    verified capped at {cap} by: {ids} (uncapped: {raw})"),
    "sections": _("By section"),
    "vendor_declared": _("Only declared by the vendor (not verified, confirm them at the interview): {n}: {ids}"),
    "na": _("Not applicable: {ids}"),
    "contradicted": _("Contradicted by probe findings (0 in the verified score): {ids}"),
    "by_probe": _("Unanswered and failed by probe findings (0, verified): {ids}"),
    "verdict": _("Verdict: {verdict} — {reason} Next review: {date}."),
    "letter": _("Grade: {letter} {name} ({basis}; {value}); claimed {claimed}, verified {verified}"),
    "no_letter": _("Grade: no letter — insufficient coverage ({pct} answered, {scored} scored; minimums {min_a} and "
                   "{min_s})"),
    "basis_verified": _("verified, the lower"),
    "basis_claimed": _("claimed, the lower"),
    "basis_claimed-only": _("claimed only, nothing verified"),
    "overall_limited": _("    overall limited to the worst framework (average: {raw})"),
    "na_flag": _("Note: {share} of the answers are not applicable (over {limit}): check the justifications."),
    "critical_unanswered": _("Critical questions unanswered: {n} of {total}"),
    "carried": _("Answers carried over from the previous assessment (not verified until re-confirmed): {n}"),
    "share": _("Verified: {share} of the scored weight is backed by evidence"),
}
VERDICT_WORDS = {v.value: v.upper_label for v in VerdictValue}  # "APROBAR", as the report's cover shouts it


def register(sub: argparse._SubParsersAction, ctx: Context) -> None:
    p = sub.add_parser("score", help=ctx.t(HELP), description=ctx.t(HELP))
    p.add_argument("file", metavar="FILE", help=ctx.t(MSG["file"]))
    p.add_argument("--json", action="store_true", help=ctx.t(MSG["json"]))
    add_rules_flags(p, ctx)
    add_workspace_flags(p, ctx)
    p.set_defaults(func=run)


def scorecard_dict(card: Scorecard, verdict: Verdict | None = None) -> dict:
    lettered = card.headline.letter is not None  # below the coverage thresholds: no letter anywhere

    def s(x: Score) -> dict:
        g, vg = (x.claimed_grade, x.verified_grade) if lettered else (None, None)
        return {"claimed": x.claimed, "verified": x.verified, "weight": x.weight,
                "verified_weight": x.verified_weight,
                "grade": g.letter if g else None, "grade_name": g.name if g else None,
                "verified_grade": vg.letter if vg else None}
    h = card.headline
    cov = card.coverage
    o = card.overall
    out = {
        "headline": {"letter": h.letter, "name": h.name or None, "basis": h.basis, "value": h.value,
                     "claimed": h.claimed, "verified": h.verified,
                     "verified_above_claimed": h.verified_above_claimed},
        "overall": {**s(o), "uncapped": o.uncapped, "verified_uncapped": o.verified_uncapped,
                    "limited_by": o.limited_by, "verified_limited_by": o.verified_limited_by},
        "frameworks": {fw: {**s(f), "uncapped": f.uncapped, "verified_uncapped": f.verified_uncapped,
                            "capped_by": f.capped_by, "verified_capped_by": f.verified_capped_by}
                       for fw, f in card.frameworks.items()},
        "sections": {k: s(v) for k, v in card.sections.items()},
        "controls": {fw: {c: s(v) for c, v in cs.items()} for fw, cs in card.controls.items()},
        "coverage": {"answered": cov.answered, "total": cov.total, "percent": cov.percent,
                     "na": cov.na, "scored": cov.scored, "scored_percent": cov.scored_percent,
                     "na_share": cov.na_share, "na_flagged": cov.na_flagged, "sufficient": cov.sufficient,
                     "min_answered": cov.min_answered, "min_scored": cov.min_scored,
                     "flag_na_share": cov.flag_na_share},
        "verified_share": card.verified_share,
        "na": card.na, "unanswered": card.unanswered, "contradicted": card.contradicted,
        "failed_by_probe": card.failed_by_probe, "critical_unanswered": card.critical_unanswered,
        "critical_total": card.critical_total, "carried": card.carried,
        "not_verified": {qid: q.claim_reason for qid, q in card.questions.items() if not q.verified},
        "vendor_declared": card.vendor_declared,
    }
    if verdict is not None:
        out["verdict"] = verdict.to_dict()
    return out


def _line(ctx: Context, name: str, x: Score, lettered: bool = True, headline=None) -> str:
    """One row; the overall row carries the headline letter (docs/scoring.md §7), the others their claimed one."""
    g = (headline if headline is not None and headline.letter else x.claimed_grade) if lettered else None
    grade = f"{g.letter} {ctx.t(g.name)}" if g else "—"
    weights = f"{x.weight:g}/{x.verified_weight:g}"
    return f"{name:<34} {num(x.claimed, ctx.lang):>9} {num(x.verified, ctx.lang):>10}  {weights:>11}  {grade}"


def print_headline(ctx: Context, card: Scorecard, verdict: Verdict | None) -> None:
    """The first lines: the verdict, then the one letter and what it rests on (docs/scoring.md §7, §11)."""
    if verdict is not None:
        ctx.out(fmt(_MSG["verdict"], verdict=ctx.t(VERDICT_WORDS[verdict.verdict]), reason=ctx.t(verdict.reason),
                    date=l10n.short_date(verdict.next_review, ctx.lang)))
    h, cov = card.headline, card.coverage
    if h.letter is None:
        pc = lambda x, digits=1: l10n.percent(x, ctx.lang, digits)  # noqa: E731
        ctx.out(fmt(_MSG["no_letter"], pct=pc(cov.percent), scored=pc(cov.scored_percent),
                    min_a=pc(100 * cov.min_answered, 0), min_s=pc(100 * cov.min_scored, 0)))
    else:
        ctx.out(fmt(_MSG["letter"], letter=h.letter, name=ctx.t(h.name), basis=ctx.t(_MSG[f"basis_{h.basis}"]),
                    value=num(h.value, ctx.lang), claimed=num(h.claimed, ctx.lang), verified=num(h.verified, ctx.lang)))
    if card.verified_share is not None:
        ctx.out(fmt(_MSG["share"], share=l10n.percent(100 * card.verified_share, ctx.lang, 1)))


def print_scorecard(ctx: Context, assessment: Assessment, checklist: Checklist, card: Scorecard,
                    verdict: Verdict | None = None) -> None:
    cats = catalogs()
    lettered = card.headline.letter is not None  # below the coverage thresholds no line gets a letter
    ctx.out(fmt(_MSG["title"], vendor=assessment.vendor, site=assessment.site,
                date=l10n.short_date(assessment.assessed_on, ctx.lang)))
    print_headline(ctx, card, verdict)
    ctx.out(fmt(_MSG["coverage"], answered=card.coverage.answered, total=card.coverage.total,
                pct=l10n.percent(card.coverage.percent, ctx.lang, 1), na=len(card.na), unanswered=len(card.unanswered)))
    if card.coverage.na_flagged:
        ctx.out(fmt(_MSG["na_flag"], share=l10n.percent(card.coverage.na_share, ctx.lang),
                    limit=l10n.percent(100 * card.coverage.flag_na_share, ctx.lang)))
    if card.critical_unanswered:
        ctx.out(fmt(_MSG["critical_unanswered"], n=len(card.critical_unanswered), total=card.critical_total))
    if card.carried:
        ctx.out(fmt(_MSG["carried"], n=len(card.carried)))
    if card.vendor_declared:
        ctx.out(fmt(_MSG["vendor_declared"], n=len(card.vendor_declared), ids=", ".join(card.vendor_declared)))
    ctx.out()
    ctx.out(fmt(_MSG["head"], name="", claimed=ctx.t(_MSG["claimed"]), verified=ctx.t(_MSG["verified"]),
                weights=ctx.t(_MSG["weights"])))
    for fw, f in card.frameworks.items():
        ctx.out(_line(ctx, cats[fw].short_name if fw in cats else fw, f, lettered))
        if f.capped_by:
            ctx.out(fmt(_MSG["capped"], cap=num(CAP, ctx.lang, 0), ids=", ".join(f.capped_by),
                        raw=num(f.uncapped, ctx.lang)))
        if f.verified_capped_by:
            ctx.out(fmt(_MSG["vcapped"], cap=num(CAP, ctx.lang, 0), ids=", ".join(f.verified_capped_by),
                        raw=num(f.verified_uncapped, ctx.lang)))
    ctx.out(_line(ctx, ctx.t(_MSG["overall"]), card.overall, lettered, card.headline))
    if card.overall.limited_by or card.overall.verified_limited_by:
        ctx.out(fmt(_MSG["overall_limited"], raw=num(card.overall.uncapped, ctx.lang)))
    ctx.out()
    ctx.out(_MSG["sections"])
    for sid, s in card.sections.items():
        section = checklist.section(sid)
        title = tr(section.title, ctx.lang) if section else sid
        ctx.out(_line(ctx, clip(title, 34), s, lettered))
    if card.na:
        ctx.out()
        ctx.out(fmt(_MSG["na"], ids=", ".join(card.na)))
    if card.contradicted:
        ctx.out(fmt(_MSG["contradicted"], ids=", ".join(card.contradicted)))
    if card.failed_by_probe:
        ctx.out(fmt(_MSG["by_probe"], ids=", ".join(card.failed_by_probe)))


def run(args: argparse.Namespace, ctx: Context) -> int:
    ev = evaluate(args, ctx, args.file, today=report_date(args))
    if args.json:
        ctx.json(scorecard_dict(ev.scorecard, ev.verdict))
    else:
        print_scorecard(ctx, ev.assessment, ev.checklist, ev.scorecard, ev.verdict)
    return 0
