"""``posture compare OLD NEW``: score changes per framework and section, and per question."""

from __future__ import annotations

import argparse

from posture import l10n
from posture.assessment import Assessment
from posture.cli._context import Context
from posture.cli._helpers import MSG, add_workspace_flags, catalogs, evaluate, num, report_date
from posture.compare import Delta, compare_evaluations
from posture.content import NA_LABEL, NA_VALUE, Checklist
from posture.i18n import LANGS, _, _p, fmt, tr
from posture.vocabulary import AnswerValue

HELP = _("compare two assessments (also across checklist versions)")

_MSG = {
    "old": _("older assessment"),
    "new": _("newer assessment"),
    "head": _("{name:<34} {c:>22} {v:>22}"),
    "side": _("{label}: {vendor} — {site} ({date}, {slug})"),
    "before": _("Before"),
    "after": _("After"),
    "unanswered": AnswerValue.unanswered(),
    "questions": _("By question"),
    "same_file": _("warning: an assessment is compared with itself"),
    "other_vendor": _("warning: the assessments are of different vendors or sites ({old} / {new})"),
    "older": _("warning: NEW ({new}) is older than OLD ({old}); are they swapped?"),
    "claimed": _p("basis", "claimed"),
    "verified": _("verified"),
    "overall": _("Overall"),
    "sections": _("By section"),
    "improved": _("Improved ({n})"),
    "regressed": _("Regressed ({n})"),
    "new_gaps": _("New gaps ({n})"),
    "closed_gaps": _("Closed gaps ({n})"),
    "none": _("  —"),
    "actions_closed": _("Actions closed ({n}):"),
    "actions_new": _("New actions ({n}):"),
    "actions_overdue": _("Overdue actions ({n}):"),
    "added": _("Questions new in the checklist ({n}): {ids}"),
    "removed": _("Questions removed from the checklist ({n}): {ids}"),
}


def register(sub: argparse._SubParsersAction, ctx: Context) -> None:
    p = sub.add_parser("compare", help=ctx.t(HELP), description=ctx.t(HELP))
    p.add_argument("old", metavar="OLD", help=ctx.t(_MSG["old"]))
    p.add_argument("new", metavar="NEW", help=ctx.t(_MSG["new"]))
    p.add_argument("--json", action="store_true", help=ctx.t(MSG["json"]))
    p.add_argument("--on", metavar="DATE", help=ctx.t(fmt(MSG["on"], forms=MSG["date_forms"])))
    add_workspace_flags(p, ctx, checklist=False)
    p.set_defaults(func=run)


def _delta(d: Delta, lang: str) -> str:
    change = "" if d.change is None else f" ({'+' if d.change >= 0 else ''}{num(d.change, lang)})"
    return f"{num(d.old, lang)} → {num(d.new, lang)}{change}"


def _answer_label(assessment: Assessment, checklist: Checklist, qid: str, ctx: Context) -> str:
    """The answer as the assessor saw it ("Sí", "No aplica", "3 — Definido"), never the raw value."""
    answer = assessment.answers.get(qid)
    if answer is None:
        return ctx.t(_MSG["unanswered"])
    if answer.value == NA_VALUE:
        return tr(NA_LABEL, ctx.lang)
    question = checklist.question(qid)
    option = checklist.scale_of(question).option(answer.value) if question else None
    return tr(option.label, ctx.lang) if option else answer.value


def _side(label: str, a: Assessment, ctx: Context) -> str:
    return fmt(_MSG["side"], label=ctx.t(_MSG[label]), vendor=a.vendor, site=a.site,
               date=l10n.short_date(a.assessed_on, ctx.lang),
               slug=a.path.parent.name if a.path is not None else a.id)[ctx.lang]  # the id commands take


def _warnings(old: Assessment, new: Assessment) -> list:
    """What makes a comparison suspect: one file twice, two vendors or sites, a NEW older than OLD."""
    out = []
    if old.path is not None and new.path is not None and old.path.resolve() == new.path.resolve():
        out.append(_MSG["same_file"])
    elif (old.vendor.casefold(), old.site.casefold()) != (new.vendor.casefold(), new.site.casefold()):
        out.append(fmt(_MSG["other_vendor"], old=f"{old.vendor} — {old.site}", new=f"{new.vendor} — {new.site}"))
    if new.assessed_on < old.assessed_on:
        def day(a: Assessment) -> dict[str, str]:  # each language's own form (fmt fills each with its own)
            return {lang: l10n.short_date(a.assessed_on, lang) for lang in LANGS}
        out.append(fmt(_MSG["older"], old=day(old), new=day(new)))
    return out


def run(args: argparse.Namespace, ctx: Context) -> int:
    args.checklist = None  # each side uses its own recorded checklist
    before = evaluate(args, ctx, args.old)  # one Evaluation per side; the plans' dates as compare dates them
    after = evaluate(args, ctx, args.new, today=report_date(args))
    old, checklist_old, new, checklist_new = before.assessment, before.checklist, after.assessment, after.checklist
    for warning in _warnings(old, new):
        ctx.err(warning)
    result = compare_evaluations(before, after)
    if args.json:
        ctx.json(result.to_dict())
        return 0
    cats = catalogs()
    ctx.out(_side("before", old, ctx))
    ctx.out(_side("after", new, ctx))
    ctx.out()
    ctx.out(fmt(_MSG["head"], name="", c=ctx.t(_MSG["claimed"]), v=ctx.t(_MSG["verified"])))
    for fw, (c, v) in result.frameworks.items():
        name = cats[fw].short_name if fw in cats else fw
        ctx.out(f"{name:<34} {_delta(c, ctx.lang):>22} {_delta(v, ctx.lang):>22}")
    claimed, verified = (_delta(d, ctx.lang) for d in result.overall)
    ctx.out(f"{ctx.t(_MSG['overall']):<34} {claimed:>22} {verified:>22}")
    ctx.out()
    ctx.out(_MSG["sections"])
    for sid, (c, v) in result.sections.items():
        section = checklist_new.section(sid) or checklist_old.section(sid)
        title = tr(section.title, ctx.lang) if section else sid
        # whole section names: a long one takes its own line, the figures go on the next
        if len(title) > 34:
            ctx.out(title)
            title = ""
        ctx.out(f"{title:<34} {_delta(c, ctx.lang):>22} {_delta(v, ctx.lang):>22}")
    ctx.out()
    ctx.out(_MSG["questions"])
    for key in ("improved", "regressed", "new_gaps", "closed_gaps"):
        ids = getattr(result, key)
        ctx.out(fmt(_MSG[key], n=len(ids)))
        if not ids:
            ctx.out(_MSG["none"])
        for qid in ids:
            before = _answer_label(old, checklist_old, qid, ctx)
            after = _answer_label(new, checklist_new, qid, ctx)
            ctx.out(f"  {qid}: {before} → {after}")
    for key, ids in (("added", result.added_questions), ("removed", result.removed_questions)):
        if ids:
            ctx.out(fmt(_MSG[key], n=len(ids), ids=", ".join(ids)))
    ctx.out()
    for key in ("actions_closed", "actions_new", "actions_overdue"):  # plan actions, by their title
        ids = getattr(result, key)
        head = ctx.t(fmt(_MSG[key], n=len(ids)))
        ctx.out(head if ids else f"{head} —")
        for aid in ids:
            title = result.action_titles.get(aid)
            ctx.out(f"  {ctx.t(title) if title else aid}")
    return 0
