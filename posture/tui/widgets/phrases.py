"""Key hints that wrap between phrases, never inside one.

A hint such as «y Sí · p Parcial · n No · a No aplica · m método» is a list of phrases, each a key and what
it does. Wrapped word by word (Rich's way), a narrow terminal split «a No» from «aplica» and «esc» from
«vuelve»: the key landed on one line and its meaning on the next. :class:`Phrases` is a Rich renderable that
fills each line with whole phrases, so a line break only ever falls at a « · ». A phrase wider than the
line (never at 80 columns) is the one thing still wrapped by words.

``lead`` (a title, a vendor and site) goes first and wraps as ordinary text; the phrases follow on the same
line when the whole hint fits after it, else they start on a line of their own.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

from posture.tui.widgets.literal import shown

SEP = " · "


class Phrases:
    """``phrases`` joined by `` · `` in ``style``, line breaks only between phrases (see the module).

    ``Phrases.of(text)`` splits a translated hint at its `` · ``. Every part is shown literally, control
    characters made visible (``literal.shown``)."""

    def __init__(self, phrases: list[str], style: str = "dim", *, lead: Text | None = None, gap: str = "   "):
        self.phrases = [p for p in (visible_text(x) for x in phrases) if p]
        self.style = style
        self.lead = shown(lead) if lead is not None else None
        self.gap = gap

    @classmethod
    def of(cls, text: str, style: str = "dim", **kw) -> Phrases:
        return cls(text.split(SEP), style, **kw)

    def lines(self, width: int) -> list[str]:
        """The phrases packed greedily into lines of at most ``width`` cells (a phrase wider than that alone)."""
        out: list[str] = []
        for phrase in self.phrases:
            if out and cell_len(out[-1]) + cell_len(SEP) + cell_len(phrase) <= width:
                out[-1] += SEP + phrase
            else:
                out.append(phrase)
        return out

    def to_text(self, width: int, console: Console | None = None) -> Text:
        """The whole renderable as one ``Text`` for ``width`` cells (what is drawn): the lead wrapped by words,
        the phrases after its last line when they all fit there, else packed on lines of their own."""
        hint = SEP.join(self.phrases)
        width = max(1, width)
        if self.lead is None or not self.lead.plain:
            return Text("\n".join(self.lines(width)), self.style)
        wrapped = self.lead.wrap(console or Console(width=width), width)
        text = Text("\n").join(wrapped)
        last = wrapped[-1].cell_len if len(wrapped) else 0
        if not hint:
            return text
        if last + cell_len(self.gap) + cell_len(hint) <= width:
            return text.append(self.gap).append(hint, self.style)
        return text.append("\n" + "\n".join(self.lines(width)), self.style)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.to_text(options.max_width, console)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((cell_len(p) for p in self.phrases), default=0)
        whole = cell_len(SEP.join(self.phrases))
        if self.lead is not None:
            lead = Measurement.get(console, options, self.lead)
            return Measurement(max(widest, lead.minimum), lead.maximum + cell_len(self.gap) + whole)
        return Measurement(widest, whole)

    def __str__(self) -> str:
        return self.plain

    @property
    def plain(self) -> str:
        """The text on one line (for tests and logs)."""
        hint = SEP.join(self.phrases)
        if self.lead is None:
            return hint
        return self.lead.plain + self.gap + hint


def visible_text(part: str) -> str:
    return shown(part.strip())
