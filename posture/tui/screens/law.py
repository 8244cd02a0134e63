"""The law at hand: the articles the current question's obligations cite, scrollable and searchable.

The text is the shipped 2025 LFPDPPP (posture.content.law_text); search ignores case and accents, and
Enter moves to the next match. The law's words are shown literally (Rich ``Text``, never markup)."""

from __future__ import annotations

import unicodedata
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input

from posture.content import CitedArticle, law_text
from posture.i18n import _
from posture.tui.screens._base import PostureModal
from posture.tui.widgets.literal import Label, Static
from posture.tui.widgets.phrases import Phrases

INSTRUMENTS = {"law_2025": _("2025 Law")}


def fold(text: str) -> str:
    """Lower case without accents, one character for one (so positions in the folded text are the text's)."""
    return "".join(unicodedata.normalize("NFD", ch)[0].lower() if ch.strip() else ch for ch in text)


def find_all(text: str, query: str) -> list[int]:
    """Start offsets of every match of ``query`` in ``text``, ignoring case and accents."""
    needle = fold(" ".join(query.split()))
    if not needle:
        return []
    hay = fold(text)
    out, at = [], hay.find(needle)
    while at >= 0:
        out.append(at)
        at = hay.find(needle, at + len(needle))
    return out


class LawScreen(PostureModal[None]):
    BINDINGS: ClassVar[list] = [
        Binding("escape", "close", "k_back"),
        Binding("down", "scroll(1)", show=False),
        Binding("up", "scroll(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
    ]

    def __init__(self, qid: str, cited: list[CitedArticle]):
        super().__init__()
        self.qid = qid
        self.cited = cited
        self.matches: list[tuple[int, int]] = []  # (paragraph index, offset)
        self.current = -1
        self.query_text = ""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog law"):
            yield Static(id="law-title", classes="dialog-title")
            yield Input(id="law-search")
            yield Label(id="law-status", classes="law-status")
            with VerticalScroll(id="law-body"):
                for i, para in enumerate(self._paragraphs()):
                    yield Static(id=f"law-p{i}", classes="law-head" if para[0] == "head" else "law-para")

    def _paragraphs(self) -> list[tuple[str, int, str]]:
        """(kind, article index, text) for every block the body shows: a heading, then the paragraphs."""
        out: list[tuple[str, int, str]] = []
        for n, c in enumerate(self.cited):
            out.append(("head", n, ""))
            out.extend(("para", n, p) for p in c.article.paragraphs)
        return out

    def on_mount(self) -> None:
        self.query_one("#law-search", Input).focus()

    def refresh_language(self) -> None:
        law = law_text()
        self.query_one("#law-title", Static).update(Text(self.t(
            "law_title", qid=self.qid, published=_dof(law.info.published), reform=_dof(law.info.last_reform))))
        self.query_one("#law-search", Input).placeholder = self.t("law_search")
        self._draw()

    # -- drawing ---------------------------------------------------------------------------------

    def _head(self, c: CitedArticle) -> Text:
        name = INSTRUMENTS.get(c.instrument, {}).get(self.lang, c.instrument)
        head = Text(f"{name} · art. {c.article.number} · DOF {_dof(c.article.dof)}", "bold")
        head.append(f"  {self.t('law_cited_by')} {', '.join(c.controls)}", "dim")
        return head

    def _draw(self) -> None:
        current = self.matches[self.current] if 0 <= self.current < len(self.matches) else None
        for i, (kind, n, text) in enumerate(self._paragraphs()):
            if kind == "head":
                body = self._head(self.cited[n])
            else:
                body = Text(text)
                size = len(" ".join(self.query_text.split()))
                for at in find_all(text, self.query_text):
                    style = "black on yellow" if current == (i, at) else "reverse"
                    body.stylize(style, at, at + size)
            self.query_one(f"#law-p{i}", Static).update(body)
        self._draw_status()

    def _draw_status(self) -> None:
        status = self.query_one("#law-status", Label)
        if not self.query_text.strip():
            status.update(Phrases.of(self.hint("law_hint", n=len(self.cited))))
        elif not self.matches:
            status.update(Text(self.t("law_no_match"), "yellow"))
        else:
            status.update(Text(self.t("law_match", i=self.current + 1, n=len(self.matches)), "dim"))

    # -- search ----------------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.query_text = event.value
        self.matches = [(i, at) for i, (kind, _, text) in enumerate(self._paragraphs()) if kind == "para"
                        for at in find_all(text, event.value)]
        self.current = 0 if self.matches else -1
        self._draw()
        self._show_current()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.matches:
            self.current = (self.current + 1) % len(self.matches)
            self._draw()
            self._show_current()

    def _show_current(self) -> None:
        if 0 <= self.current < len(self.matches):
            widget = self.query_one(f"#law-p{self.matches[self.current][0]}", Static)
            self.query_one("#law-body", VerticalScroll).scroll_to_widget(widget, animate=False, top=True)

    # -- keys ------------------------------------------------------------------------------------

    def action_scroll(self, lines: int) -> None:
        body = self.query_one("#law-body", VerticalScroll)
        body.scroll_to(y=body.scroll_y + lines, animate=False)

    def action_page(self, direction: int) -> None:
        body = self.query_one("#law-body", VerticalScroll)
        body.scroll_to(y=body.scroll_y + direction * max(1, body.size.height - 1), animate=False)

    def action_close(self) -> None:
        self.dismiss(None)


def _dof(iso: str) -> str:
    """DOF dates are cited day-month-year: 2025-03-20 -> 20-03-2025."""
    return "-".join(reversed(iso.split("-")))
