"""The command palette's "go to question": searches question ids and texts in the app's language."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from posture.tui.strings import t

_MAX_TEXT = 70


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
        matcher = self.matcher(query)
        wanted = query.strip().upper()
        for qid, text in self._entries(walk):
            shown = text if len(text) <= _MAX_TEXT else text[:_MAX_TEXT - 1] + "…"
            # An exact id wins over any fuzzy match of the text.
            score = 1.0 if qid == wanted else matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(shown), partial(walk.go_to, qid), text=text,
                          help=t("jump", self.app.lang, qid=qid))

    async def discover(self) -> Hits:
        walk = self._walk()
        if walk is None:
            return
        for qid, text in self._entries(walk)[:20]:
            yield DiscoveryHit(text[:_MAX_TEXT], partial(walk.go_to, qid), help=t("jump", self.app.lang, qid=qid))
