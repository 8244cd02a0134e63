"""The new-assessment form: vendor, site, assessors, date, scope, checklist, frameworks, language.

Compact rows (a label beside its field, borderless fields) so the whole form and its buttons fit an
80×24 terminal in both languages. Checklists are offered by title, with their question count and
coverage; the language by name. A vendor and site that already have an assessment are warned about
once: a second Ctrl+S creates another (with its own id) on purpose."""

from __future__ import annotations

import datetime as _dt
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Select

from posture import l10n
from posture.content import bundled_library
from posture.errors import PostureError
from posture.i18n import LANGS, language_name, tr
from posture.tui.screens._base import PostureModal
from posture.tui.widgets.literal import Label, SelectionList, Static

DEFAULT_CHECKLIST = "bpo-contact-center"


def today() -> _dt.date:
    """The form's default date (a function, so snapshot tests can fix it)."""
    return _dt.date.today()


class NewAssessmentScreen(PostureModal[str | None]):
    """Dismisses with the new assessment's slug, or None when cancelled."""

    BINDINGS: ClassVar[list] = [Binding("escape", "cancel", "k_cancel"), Binding("ctrl+s", "create", "create")]

    def __init__(self, known=None):
        """``known``: the workspace's summaries the caller already read (Home has them), so creating does
        not read and score every assessment again to look for a duplicate vendor and site."""
        super().__init__()
        self._known = known
        self.library = bundled_library()
        self._warned: tuple[str, str] | None = None  # the vendor and site already warned about

    def compose(self) -> ComposeResult:
        checklists = self.library.checklists
        first = DEFAULT_CHECKLIST if DEFAULT_CHECKLIST in checklists else next(iter(checklists), None)
        with VerticalScroll(classes="dialog form"):
            yield Label(id="new-title", classes="dialog-title")
            for label, field in (
                ("l-vendor", Input(id="vendor", compact=True)),
                ("l-site", Input(id="site", compact=True)),
                ("l-assessors", Input(id="assessors", compact=True)),
                ("l-date", Input(today().isoformat(), id="date", compact=True, max_length=10)),
                ("l-scope", Input(id="scope", compact=True)),
                ("l-checklist", Select(self._checklist_options(), value=first, allow_blank=False, id="checklist",
                                       compact=True)),
                ("l-frameworks", SelectionList(id="frameworks", compact=True)),
                ("l-language", Select([(language_name(lang, self.app.lang), lang) for lang in LANGS],
                                      value=self.app.lang, allow_blank=False, id="language", compact=True)),
            ):
                with Horizontal(classes="form-row"):
                    yield Label(id=label, classes="form-label")
                    yield field
            yield Static(id="new-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(id="create", variant="primary", compact=True)
                yield Button(id="cancel", compact=True)

    def _checklist_options(self) -> list[tuple[str, str]]:
        """Each installed checklist by title, with its question count and coverage, in the app's language."""
        options = []
        for c in self.library.checklists.values():
            coverage = self.t("f_cov_full" if c.coverage == "full" else "f_cov_partial")
            options.append((self.t("f_checklist_option", title=tr(c.title, self.lang), n=len(c.questions),
                                   coverage=coverage), c.id))
        return options

    def on_mount(self) -> None:
        self._fill_frameworks()
        self.query_one("#vendor", Input).focus()

    def _fill_frameworks(self) -> None:
        checklist = self.library.checklists.get(self.query_one("#checklist", Select).value)
        frameworks = self.query_one("#frameworks", SelectionList)
        chosen = set(frameworks.selected) if frameworks.option_count else None
        frameworks.clear_options()
        if checklist is None:
            return
        for fw in checklist.catalogs:
            catalog = self.library.catalogs.get(fw)
            name = catalog.short_name if catalog and getattr(catalog, "short_name", "") else fw
            frameworks.add_option((name, fw, chosen is None or fw in chosen))

    def refresh_language(self) -> None:
        for key, widget in (("new_title", "#new-title"), ("f_vendor", "#l-vendor"), ("f_site", "#l-site"),
                            ("f_assessors", "#l-assessors"), ("f_date", "#l-date"), ("f_scope", "#l-scope"),
                            ("f_checklist", "#l-checklist"), ("f_frameworks", "#l-frameworks"),
                            ("f_language", "#l-language")):
            self.query_one(widget, Label).update(self.hint(key))
        self.query_one("#assessors", Input).placeholder = self.t("f_assessors_hint")
        self.query_one("#scope", Input).placeholder = self.t("f_scope_hint")
        self.query_one("#create", Button).label = self.t("create")
        self.query_one("#cancel", Button).label = self.t("cancel")
        for select_id, options in (("#language", [(language_name(lang, self.app.lang), lang) for lang in LANGS]),
                                   ("#checklist", self._checklist_options())):
            select = self.query_one(select_id, Select)
            current = select.value
            select.set_options(options)
            select.value = current
            select.mutate_reactive(Select.value)  # the same value: the shown option is redrawn all the same

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
        missing = [k for k, v in (("f_vendor", vendor), ("f_site", site)) if not v]
        if missing:
            self.say("#new-error", lambda: self.t("f_required", fields=", ".join(self.t(k) for k in missing)))
            return
        frameworks = list(self.query_one("#frameworks", SelectionList).selected)
        if not frameworks:
            self.say("#new-error", lambda: self.t("f_no_framework"))
            return
        typed = self.query_one("#date", Input).value.strip()
        parsed = l10n.typed_date(typed, self.app.lang)  # 2026-11-30, or 30/11/2026 as a Mexican assessor types it
        if parsed is None:
            self.say("#new-error", lambda: self.t("f_bad_date", value=typed, forms=self.t("date_forms")))
            self.query_one("#date", Input).focus()
            return
        day = parsed.isoformat()
        if self._known is not None:
            known = self._known
        else:
            from posture.listing import summaries

            known = summaries(self.app.workspace)
        same = [s.slug for s in known
                if not s.error and s.vendor.casefold() == vendor.casefold() and s.site.casefold() == site.casefold()]
        if same and self._warned != (vendor.casefold(), site.casefold()):
            self._warned = (vendor.casefold(), site.casefold())
            self.say("#new-error", lambda: self.hint("f_duplicate", ids=", ".join(same)))
            return
        assessors = [a.strip() for a in self.query_one("#assessors", Input).value.split(",") if a.strip()]
        scope = self.query_one("#scope", Input).value.strip()
        checklist = self.library.checklists[self.query_one("#checklist", Select).value]
        from posture.reassessment import free_slug

        try:
            assessment = self.app.workspace.create(
                vendor=vendor, site=site, checklist=checklist, frameworks=frameworks, assessors=assessors,
                scope=scope, assessed_on=day, slug=free_slug(self.app.workspace, f"{vendor}-{site}"))
        except (PostureError, OSError) as exc:
            self.say("#new-error", lambda error=exc: "\n".join(error.lines(self.lang))
                     if isinstance(error, PostureError) else str(error))
            return
        # The assessment has no language of its own: the chosen one is the interview's, i.e. the app's.
        language = self.query_one("#language", Select).value
        if language != self.app.lang:
            self.app.action_switch_language()
        self.dismiss(assessment.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
