"""``posture list`` (module named listing: a module called list would shadow the builtin in posture.cli)."""

from __future__ import annotations

import argparse

from rich.cells import cell_len

from posture import l10n
from posture.assessment import ENV_PASSPHRASE
from posture.cli._context import Context
from posture.cli._helpers import MSG, add_workspace_flags, num, workspace
from posture.i18n import _, _n, fmt
from posture.listing import summaries
from posture.vocabulary import Grade

HELP = _("list the assessments in the workspace, with their ids")

_MSG = {
    "id": _("id"),
    "vendor": _("vendor"),
    "site": _("site"),
    "date": _("date"),
    "answered": _("answered %"),
    "score": Grade.term(),
    "insufficient": _("insufficient coverage"),
    "unreadable": _("cannot be read: {reason}"),
    "encrypted": _("encrypted: {env} lists its grade; a command given its id asks for the passphrase"),
    "empty": _("No assessments in {root} (create one with posture new or in the app)."),
    "count": _n("{n} assessment in {root}", "{n} assessments in {root}"),
}


def register(sub: argparse._SubParsersAction, ctx: Context) -> None:
    p = sub.add_parser("list", help=ctx.t(HELP), description=ctx.t(HELP))
    p.add_argument("--json", action="store_true", help=ctx.t(MSG["json"]))
    add_workspace_flags(p, ctx, checklist=False)
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    ws = workspace(args)
    rows = summaries(ws)
    if args.json:
        ctx.json([{"id": s.slug, "path": str(s.path), "vendor": s.vendor, "site": s.site,
                   "assessed_on": s.assessed_on, "answered_percent": s.progress, "score": s.score,
                   "letter": s.letter, "basis": s.basis or None,
                   "error": s.reason or None} for s in rows])
        return 0
    if not rows:
        ctx.out(fmt(_MSG["empty"], root=str(ws.root)))
        return 0
    ctx.out(fmt(_MSG["count"], n=len(rows), root=str(ws.root)))
    head = [ctx.t(_MSG[k]) for k in ("id", "vendor", "site", "date", "answered", "score")]
    readable = [[s.slug, _cut(s.vendor), _cut(s.site), l10n.short_date(s.assessed_on, ctx.lang),
                 num(s.progress, ctx.lang), _grade(s, ctx)]
                for s in rows if not s.error]
    widths = [max(cell_len(r[i]) for r in [head, *readable]) for i in range(len(head))]
    widths[0] = max(widths[0], *(cell_len(s.slug) for s in rows))  # rows that cannot be read line up too
    for row in [head, *readable]:
        cells = [_pad(c, w, right=i >= 4) for i, (c, w) in enumerate(zip(row, widths, strict=True))]
        ctx.out("  ".join(cells).rstrip())
    for s in rows:
        if s.error and s.needs_passphrase:  # encrypted, no passphrase given: not damaged, not «asked at a terminal»
            ctx.out(f"{s.slug.ljust(widths[0])}  {ctx.t(fmt(_MSG['encrypted'], env=ENV_PASSPHRASE))}")
        elif s.error:  # why a row cannot be read, in the reader's language
            reason = ctx.t(s.reason) if s.reason else s.error
            ctx.out(f"{s.slug.ljust(widths[0])}  {ctx.t(fmt(_MSG['unreadable'], reason=reason))}")
    return 0


def _grade(s, ctx: Context) -> str:
    """The overall as every other view shows it (docs/scoring.md §7): "D · 40.0", or why there is none."""
    if s.letter:
        return f"{s.letter} · {num(s.score, ctx.lang)}"
    return ctx.t(_MSG["insufficient"]) if s.basis == "insufficient" else "—"


def _pad(text: str, width: int, right: bool = False) -> str:
    """Pad to ``width`` terminal cells (an emoji or a CJK character takes two)."""
    gap = " " * max(0, width - cell_len(text))
    return gap + text if right else text + gap


def _cut(text: str, width: int = 32) -> str:
    """A table cell: one line, at most ``width`` characters (``--json`` has the whole text)."""
    one_line = " ".join(text.split())
    if cell_len(one_line) <= width:
        return one_line
    while cell_len(one_line) > width - 1:
        one_line = one_line[:-1]
    return one_line + "…"
