"""The new-assessment form: vendor, site, assessors, checklist, frameworks, language."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Select, SelectionList

from posture.content import bundled_library
from posture.errors import PostureError
from posture.i18n import LANGS
from posture.tui.screens._base import PostureModal
from posture.tui.widgets.literal import Label, Static

DEFAULT_CHECKLIST = "bpo-contact-center"


class NewAssessmentScreen(PostureModal[str | None]):
    """Dismisses with the new assessment's slug, or None when cancelled."""

    BINDINGS: ClassVar[list] = [Binding("escape", "cancel", "k_cancel"), Binding("ctrl+s", "create", "k_save")]

    def __init__(self):
        super().__init__()
        self.library = bundled_library()

    def compose(self) -> ComposeResult:
        checklists = self.library.checklists
        first = DEFAULT_CHECKLIST if DEFAULT_CHECKLIST in checklists else next(iter(checklists), None)
        with VerticalScroll(classes="dialog form"):
            yield Label(id="new-title", classes="dialog-title")
            yield Label(id="l-vendor")
            yield Input(id="vendor")
            yield Label(id="l-site")
            yield Input(id="site")
            yield Label(id="l-assessors")
            yield Input(id="assessors")
            yield Label(id="l-checklist")
            yield Select([(c.id, c.id) for c in checklists.values()], value=first, allow_blank=False, id="checklist")
            yield Label(id="l-frameworks")
            yield SelectionList(id="frameworks")
            yield Label(id="l-language")
            yield Select([(lang, lang) for lang in LANGS], value=self.app.lang, allow_blank=False, id="language")
            yield Static(id="new-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(id="create", variant="primary")
                yield Button(id="cancel")

    def on_mount(self) -> None:
        self._fill_frameworks()
        self.query_one("#vendor", Input).focus()

    def _fill_frameworks(self) -> None:
        checklist = self.library.checklists.get(self.query_one("#checklist", Select).value)
        frameworks = self.query_one("#frameworks", SelectionList)
        frameworks.clear_options()
        if checklist is None:
            return
        for fw in checklist.catalogs:
            catalog = self.library.catalogs.get(fw)
            frameworks.add_option((catalog.name[self.lang] if catalog else fw, fw, True))

    def refresh_language(self) -> None:
        for key, widget in (("new_title", "#new-title"), ("f_vendor", "#l-vendor"), ("f_site", "#l-site"),
                            ("f_assessors", "#l-assessors"), ("f_checklist", "#l-checklist"),
                            ("f_frameworks", "#l-frameworks"), ("f_language", "#l-language")):
            self.query_one(widget, Label).update(self.t(key))
        self.query_one("#create", Button).label = self.t("create")
        self.query_one("#cancel", Button).label = self.t("cancel")
        language = self.query_one("#language", Select)
        current = language.value
        language.set_options([(self.t(f"lang_{lang}"), lang) for lang in LANGS])
        language.value = current

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "checklist":
            self._fill_frameworks()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "create":
            self.action_create()
        else:
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def action_create(self) -> None:
        vendor = self.query_one("#vendor", Input).value.strip()
        site = self.query_one("#site", Input).value.strip()
        missing = [self.t(k) for k, v in (("f_vendor", vendor), ("f_site", site)) if not v]
        error = self.query_one("#new-error", Static)
        if missing:
            error.update(self.t("f_required", fields=", ".join(missing)))
            return
        frameworks = list(self.query_one("#frameworks", SelectionList).selected)
        if not frameworks:
            error.update(self.t("f_no_framework"))
            return
        assessors = [a.strip() for a in self.query_one("#assessors", Input).value.split(",") if a.strip()]
        checklist = self.library.checklists[self.query_one("#checklist", Select).value]
        from posture.tui.reassessment import free_slug

        try:
            assessment = self.app.workspace.create(
                vendor=vendor, site=site, checklist=checklist, frameworks=frameworks, assessors=assessors,
                slug=free_slug(self.app.workspace, f"{vendor}-{site}"))
        except (PostureError, OSError) as exc:
            error.update("\n".join(exc.lines(self.lang)) if isinstance(exc, PostureError) else str(exc))
            return
        # The assessment has no language of its own: the chosen one is the interview's, i.e. the app's.
        language = self.query_one("#language", Select).value
        if language != self.app.lang:
            self.app.action_switch_language()
        self.dismiss(assessment.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
