"""The vendor questionnaire from the home screen: a path to write or read, then a preview before importing."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input

from posture.tui.screens._base import PostureModal
from posture.tui.widgets.literal import Label, Static
from posture.tui.widgets.phrases import Phrases


class QuestionnairePathScreen(PostureModal[str | None]):
    """One path, prefilled: the workbook to write (export) or to read (import)."""

    BINDINGS: ClassVar[list] = [Binding("escape", "cancel", "k_cancel")]

    def __init__(self, title_key: str, prompt_key: str, default: str = "",
                 error: Callable[[str], str] | None = None, **params: object):
        """``error(lang)``: why the path given last time could not be used, shown under it (the dialog opens again
        with that path, so a mistake is corrected, not typed again)."""
        super().__init__()
        self.title_key, self.prompt_key, self.default, self.params = title_key, prompt_key, default, params
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(id="qn-title", classes="dialog-title")
            yield Label(id="qn-prompt")
            yield Input(value=self.default, id="qn-path")
            yield Static(id="qn-error", classes="error")
            yield Static(id="qn-keys", classes="dim")

    def refresh_language(self) -> None:
        self.query_one("#qn-title", Label).update(self.t(self.title_key, **self.params))
        self.query_one("#qn-prompt", Label).update(self.hint(self.prompt_key))
        error = self.query_one("#qn-error", Static)
        error.update(Text(self.error(self.lang), "bold red") if self.error else "")
        error.display = self.error is not None
        self.query_one("#qn-keys", Static).update(Phrases.of(self.hint("qn_keys")))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


class QuestionnairePreviewScreen(PostureModal[str | None]):
    """What the import would change (or every bad cell, when it cannot import); returns "import",
    "overwrite" or None."""

    BINDINGS: ClassVar[list] = [Binding("escape", "cancel", "k_cancel")]

    def __init__(self, lines: Callable[[str], list[str]], *, can_import: bool, has_conflicts: bool, failed: bool):
        """``lines(lang)``: what the import would do (or why it cannot), in ``lang``, drawn again after F2."""
        super().__init__()
        self.lines = lines
        self.can_import = can_import
        self.has_conflicts = has_conflicts
        self.failed = failed

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(id="qp-title", classes="dialog-title")
            with VerticalScroll(id="qp-scroll"):
                yield Static(id="qp-lines")
            with Horizontal(classes="buttons"):
                if self.can_import:
                    yield Button(id="qp-import", variant="primary")
                    if self.has_conflicts:
                        yield Button(id="qp-overwrite", variant="warning")
                yield Button(id="qp-cancel")

    def on_mount(self) -> None:
        self.query_one("#qp-import" if self.can_import else "#qp-cancel", Button).focus()

    def refresh_language(self) -> None:
        self.query_one("#qp-title", Label).update(self.t("qi_failed" if self.failed else "qi_preview"))
        if self.can_import:
            self.query_one("#qp-import", Button).label = self.t("qi_import")
            if self.has_conflicts:
                self.query_one("#qp-overwrite", Button).label = self.t("qi_overwrite")
        self.query_one("#qp-cancel", Button).label = self.t("qi_close" if not self.can_import else "k_cancel")
        self.query_one("#qp-lines", Static).update(Text("\n".join(self.lines(self.lang))))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss({"qp-import": "import", "qp-overwrite": "overwrite"}.get(event.button.id or ""))

    def action_cancel(self) -> None:
        self.dismiss(None)
