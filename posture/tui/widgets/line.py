"""Text that changes often (the answer line, the saved mark, the score): redrawn without a new layout
when its size stays the same. ``Static.update`` always asks for a layout of the whole screen, which
re-wraps the long guidance text and costs more than everything else an answer redraws."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.widget import Widget

from posture.tui.widgets.literal import shown


class Line(Widget):
    DEFAULT_CSS = "Line { height: auto; }"

    def __init__(self, *, id: str | None = None, classes: str | None = None):
        super().__init__(id=id, classes=classes)
        self._content: RenderableType = Text()
        self._shape: tuple | None = None
        self._width: int | None = None  # the width of the last layout (None: not laid out yet)

    def render(self) -> RenderableType:
        return self._content

    def _measure(self, content: RenderableType) -> tuple | None:
        if not self.size.width:
            return None  # the first draw: measured by the layout
        if not isinstance(content, Text):
            # tables: only where the stylesheet fixes the size (the score column)
            fixed = self.styles.height is not None and not self.styles.height.is_auto
            return ("fixed",) if fixed else None
        width_auto = self.styles.width is not None and self.styles.width.is_auto
        lines = content.wrap(self.app.console, 10**4 if width_auto else self.size.width)
        return (len(lines), max((line.cell_len for line in lines), default=0) if width_auto else 0)

    def show(self, content: RenderableType) -> None:
        """Draw ``content``: a ``str`` or ``Text`` with its control characters made visible (literal.shown)."""
        content = shown(content)
        shape = self._measure(content)
        same = shape is not None and shape == self._shape
        self._content = content
        self._shape = shape
        self.refresh(layout=not same)

    def on_resize(self) -> None:
        """A new width wraps the text anew: forget the measured shape and lay out again. The first size
        needs no second layout: the layout that gave it measured this content at this width (on the
        walk screen, four Lines asked for one more layout and draw of the whole screen at start)."""
        self._shape = None
        width, self._width = self._width, self.size.width
        if width is not None and width != self.size.width:
            self.refresh(layout=True)

    @property
    def content(self) -> RenderableType:
        return self._content
