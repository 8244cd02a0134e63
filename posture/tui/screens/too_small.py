"""Shown while the terminal is smaller than the app's minimum (80×24): a clear notice, never a layout
that breaks words mid-way. It goes away by itself when the terminal is enlarged."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle

from posture.tui.screens._base import PostureModal
from posture.tui.widgets.literal import Static

MIN_WIDTH, MIN_HEIGHT = 80, 24


def too_small(width: int, height: int) -> bool:
    return width < MIN_WIDTH or height < MIN_HEIGHT


class TooSmallScreen(PostureModal[None]):
    BINDINGS: ClassVar[list] = [Binding("ctrl+q", "app.quit", "k_quit", show=False)]
    KEY_FOOTER = False  # its text names Ctrl+Q, the one key it takes

    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Static(id="too-small")

    def refresh_language(self) -> None:
        size = self.app.size
        self.query_one("#too-small", Static).update(Text(self.hint(
            "too_small", w=MIN_WIDTH, h=MIN_HEIGHT, now_w=size.width, now_h=size.height), "bold"))

    def on_resize(self) -> None:
        self.refresh_language()
