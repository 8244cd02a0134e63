"""The walk's right column: the live score per framework, claimed and verified, and the progress; redrawn
on the app's ``assessment_changed`` signal (posture.tui.signals)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from posture import l10n
from posture.rules import GRADE_ORDER
from posture.scoring import Scorecard, grade
from posture.session import AssessmentSession
from posture.tui.strings import t
from posture.tui.widgets.line import Line


def _pct(value: float | None, lang: str) -> str:
    return l10n.number(value, lang, 0)


# The colour of a score is its grade's (thresholds: posture.scoring.GRADES, nowhere else): the best grade
# green, the worst red, the ones between yellow.
def _style(value: float | None) -> str:
    g = grade(value)
    if g is None:
        return "dim"
    letters = GRADE_ORDER
    return "green" if g.letter == letters[0] else "red" if g.letter == letters[-1] else "yellow"


_VERDICT_STYLE = {"approve": "green", "conditional": "yellow", "reject": "red"}


class ScoreSidebar(Line):
    """Fixed size (see the stylesheet), so a new score never needs a layout."""

    session: AssessmentSession | None = None  # the one shown (show_session)

    def on_mount(self) -> None:
        self.app.assessment_changed.subscribe(self, self._assessment_changed)

    def _assessment_changed(self, change) -> None:
        if change.session is self.session:
            self.show_session(change.session, self.app.lang)

    def show_session(self, session: AssessmentSession, lang: str) -> None:
        """The session's live scorecard, with the verdict, under each catalog's short name."""
        self.session = session
        names = {fw: c.short_name for fw, c in session.library.catalogs.items()}
        self.show_card(session.card, names, lang, session.verdict())

    def show_card(self, card: Scorecard, names: dict[str, str], lang: str, verdict=None) -> None:
        table = Table.grid(padding=(0, 1))
        table.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        table.add_column(justify="right", width=6)
        table.add_column(justify="right", width=6)
        table.add_row(Text(t("score", lang), "bold"), Text(t("claimed_short", lang), "dim"),
                      Text(t("verified_short", lang), "dim"))
        for fw, s in card.frameworks.items():
            claimed = Text(_pct(s.claimed, lang), _style(s.claimed))
            if s.capped_by:
                claimed.append("▼", "red")
            verified = Text(_pct(s.verified, lang), _style(s.verified))
            if s.verified_capped_by:
                verified.append("▼", "red")
            table.add_row(Text(names.get(fw, fw)), claimed, verified)
        o = card.overall
        table.add_row(Text(t("overall", lang), "bold"), Text(_pct(o.claimed, lang), _style(o.claimed)),
                      Text(_pct(o.verified, lang), _style(o.verified)))
        cov = card.coverage
        out = Table.grid()
        if verdict is not None:  # first, as on the report's first page
            out.add_row(Text(f"{t('verdict', lang)}: {t('verdict_' + verdict.verdict, lang)}",
                             "bold " + _VERDICT_STYLE[verdict.verdict]))
        out.add_row(table)
        out.add_row(Text(""))
        out.add_row(Text(f"{t('progress', lang)} {cov.answered}/{cov.total} ({l10n.percent(cov.percent, lang)})"))
        h = card.headline
        if h.letter is None:
            out.add_row(Text(t("grade_none", lang), "dim"))
        else:
            out.add_row(Text.assemble((f"{t('grade', lang)} {h.letter} ", "bold " + _style(h.value)),
                                      (t(f"basis_{h.basis}", lang), "dim")))
        if any(s.capped_by for s in card.frameworks.values()):
            out.add_row(Text(f"▼ {t('capped', lang)}", "red"))
        self.show(out)
