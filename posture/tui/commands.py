"""The command palette: "go to question" by id or words of its text (in the app's language), and the
app's own commands in that language.

Textual's fuzzy matcher takes seconds over 197 long question texts, so questions are found by plain
accent- and case-insensitive word search, which is instant and what an assessor expects.
"""

from __future__ import annotations

import unicodedata
from functools import partial

from rich.text import Text
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider

from posture.tui.strings import t

_MAX_TEXT = 72


def fold(text: str) -> str:
    """Lower case without accents, one character for one, so positions match the original."""
    return "".join((unicodedata.normalize("NFKD", c)[:1].lower()[:1] or c) for c in text)


def find(entries: list[tuple[str, str]], query: str) -> list[tuple[float, str, str, list[tuple[int, int]]]]:
    """(score, id, text, spans) for entries whose id starts with the query or whose text has every word."""
    words = fold(query).split()
    if not words:
        return []
    wanted = query.strip().upper()
    out = []
    for qid, text in entries:
        if qid == wanted:
            out.append((1.0, qid, text, [(0, len(qid))]))
            continue
        if qid.startswith(wanted):
            out.append((0.9, qid, text, [(0, len(wanted))]))
            continue
        folded = fold(text)
        spans = []
        for w in words:
            at = folded.find(w)
            if at < 0:
                break
            spans.append((at, at + len(w)))
        else:
            out.append((0.5 + 0.3 / (1 + spans[0][0] / 50), qid, text, spans))
    out.sort(key=lambda hit: (-hit[0], hit[1]))
    return out


def _shown(text: str, spans: list[tuple[int, int]]) -> Text:
    """The entry cut to fit, starting near the first match so it is visible."""
    start = max(0, min(s for s, _ in spans) - 20) if spans and spans[0][0] > _MAX_TEXT - 10 else 0
    window = text[start:start + _MAX_TEXT]
    shown = Text(("…" if start else "") + window + ("…" if start + _MAX_TEXT < len(text) else ""))
    offset = 1 if start else 0
    for s, e in spans:
        if s >= start and e <= start + _MAX_TEXT:
            shown.stylize("bold reverse", s - start + offset, e - start + offset)
    return shown


class QuestionJump(Provider):
    def _walk(self):
        from posture.tui.screens.walk import WalkScreen

        return self.screen if isinstance(self.screen, WalkScreen) else None

    def _entries(self, walk) -> list[tuple[str, str]]:
        lang = self.app.lang
        return [(q.id, f"{q.id}  {q.text[lang]}") for q in walk.session.questions]

    async def search(self, query: str) -> Hits:
        walk = self._walk()
        if walk is None:
            return
        for score, qid, text, spans in find(self._entries(walk), query)[:40]:
            yield Hit(score, _shown(text, spans), partial(walk.go_to, qid), text=text,
                      help=t("jump", self.app.lang, qid=qid))

    async def discover(self) -> Hits:
        walk = self._walk()
        if walk is None:
            return
        for qid, text in self._entries(walk)[:20]:
            yield DiscoveryHit(text[:_MAX_TEXT], partial(walk.go_to, qid), help=t("jump", self.app.lang, qid=qid))


class Palette(CommandPalette):
    """Textual's command palette with its one word of its own in the app's language: Textual writes "No
    matches found" in English when a search finds nothing (the newcomer's «zzz» in the Spanish app)."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own countdown (textual.command.CommandPalette), its text from posture's catalog
        from rich.align import Align
        from rich.text import Text
        from textual.widgets.option_list import Option

        self._stop_no_matches_countdown()

        def _show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(Option(
                    Align.center(Text(t("no_matches", self.app.lang), style="not bold")), disabled=True,
                    id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, _show_no_matches)
