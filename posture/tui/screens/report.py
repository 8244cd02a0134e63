"""The report screen: language, audience and output path; the PDF is made in a worker thread."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Button, Footer, Input, LoadingIndicator, Select

from posture.errors import PostureError
from posture.evaluation import Evaluation
from posture.i18n import LANGS, language_name
from posture.outputs import check_output, named
from posture.session import AssessmentSession
from posture.shown import clip
from posture.tui.screens._base import PostureScreen
from posture.tui.widgets.literal import Label, Static
from posture.tui.widgets.phrases import Phrases
from posture.vocabulary import Audience

AUDIENCES = Audience.values()


def default_output(session: AssessmentSession, lang: str, audience: str) -> Path:
    """``<id>-completo-es.pdf`` / ``<id>-full-en.pdf``: the file name in the report's own language."""
    word = Audience(audience).file_word.get(lang, audience) if audience in AUDIENCES else audience
    return session.path.parent / f"{session.assessment.id}-{word}-{lang}.pdf"


def make_report(evaluation: Evaluation, lang: str, audience: str, output: Path) -> Path:
    """Runs in a worker thread: WeasyPrint is imported here, never at launch. ``evaluation`` is the open
    session's (``AssessmentSession.evaluation``): the file is not read again, so an encrypted assessment
    needs no second passphrase."""
    from posture import report

    return report.write_report(output, report.render_pdf(evaluation, lang, audience))


class ReportScreen(PostureScreen):
    BINDINGS: ClassVar[list] = [Binding("ctrl+g", "generate", "k_generate", tooltip="h_generate"),
                                Binding("q,escape", "back", "k_back", tooltip="h_back")]

    def __init__(self, session: AssessmentSession):
        super().__init__()
        self.session = session
        self._default = str(default_output(session, "", "full"))  # set in compose, in the app's language
        self.result: Path | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="report-title", classes="screen-title")
        with VerticalScroll(id="report-form"):
            yield Label(id="l-rlang")
            yield Select([(language_name(x, self.app.lang), x) for x in LANGS], value=self.app.lang, allow_blank=False,
                         id="rlang")
            yield Label(id="l-audience")
            yield Select([(self.t(f"aud_{a}"), a) for a in AUDIENCES], value="full", allow_blank=False,
                         id="audience")
            yield Label(id="l-output")
            self._default = str(default_output(self.session, self.app.lang, "full"))
            yield Input(self._default, id="output")
            yield Button(id="generate", variant="primary")
            yield LoadingIndicator(id="report-busy")
            yield Static(id="report-status")
        yield Footer(compact=True, show_command_palette=False)  # Ctrl+P stays; help names it (80 columns)

    def on_mount(self) -> None:
        self.query_one("#report-busy").display = False
        self.query_one("#rlang", Select).focus()

    def refresh_language(self) -> None:
        a = self.session.assessment
        self.query_one("#report-title", Static).update(
            Phrases.of(self.hint("rp_hint"), lead=Text.assemble(
                (self.t("rp_title"), "bold"), f" — {clip(a.vendor, 60)} · {clip(a.site, 40)}")))
        self.query_one("#l-rlang", Label).update(self.t("rp_language"))
        self.query_one("#l-audience", Label).update(self.t("rp_audience"))
        self.query_one("#l-output", Label).update(self.t("rp_output"))
        self.query_one("#generate", Button).label = self.t("k_generate")
        for select_id, options in (("#rlang", [(language_name(x, self.app.lang), x) for x in LANGS]),
                                   ("#audience", [(self.t(f"aud_{x}"), x) for x in AUDIENCES])):
            select = self.query_one(select_id, Select)
            current = select.value
            with select.prevent(Select.Changed):
                select.set_options(options)
                select.value = current
                select.mutate_reactive(Select.value)  # the same value: the shown option is redrawn all the same

    def on_select_changed(self, event: Select.Changed) -> None:
        """The proposed file name follows language and audience, until the assessor types one."""
        output = self.query_one("#output", Input)
        if output.value != self._default:
            return
        self._default = str(default_output(self.session, self.query_one("#rlang", Select).value,
                                           self.query_one("#audience", Select).value))
        output.value = self._default

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_generate()

    def action_generate(self) -> None:
        if any(w.is_running for w in self.app.workers if w.group == "report"):
            self.notify(self.t("busy"), severity="warning")
            return
        raw = self.query_one("#output", Input).value.strip()
        try:
            output = Path(named(raw)).expanduser()  # an emptied box is said, not silently ignored
            if not output.is_absolute():
                output = self.session.path.parent / output
            check_output(output)  # a folder that does not exist is said now, not after the render
        except PostureError as exc:
            self.say("#report-status", lambda error=exc: Text(self.t("rp_failed", error=" ".join(error.lines(
                self.lang))), "bold red"))
            return
        self.query_one("#report-busy").display = True
        self.say("#report-status", lambda: Text(self.t("rp_running"), "italic"))
        lang, audience = self.query_one("#rlang", Select).value, self.query_one("#audience", Select).value
        app, evaluation = self.app, self.session.evaluation()  # a snapshot: later edits do not change it

        def job() -> None:  # on a thread of the app's own: leaving this screen does not stop the render
            try:
                path = make_report(evaluation, lang, audience, output)
            except Exception as exc:  # reported to the person below, wherever they are in the app
                app.call_from_thread(self.finished, None, exc)
            else:
                app.call_from_thread(self.finished, path, None)

        self.app.run_worker(job, thread=True, exclusive=True, exit_on_error=False, group="report", name="report")

    def finished(self, path: Path | None, error: Exception | None) -> None:
        """The render ended: a notification wherever the assessor is now, and this screen's status if it is
        still open."""
        def message() -> str:  # in the app's language at the time it is drawn
            if error is None:
                return self.t("rp_done", path=str(path))
            if isinstance(error, ModuleNotFoundError):
                return self.t("rp_unavailable")
            if isinstance(error, PostureError):
                return self.t("rp_failed", error=" ".join(error.lines(self.lang)))
            return self.t("rp_failed", error=f"{type(error).__name__}: {error}")

        if error is None:
            self.result = path
        style, severity = ("bold green", "information") if error is None else ("bold red", "error")
        self.app.notify(message(), severity=severity, timeout=10)
        if self.is_attached:
            self.query_one("#report-busy").display = False
            self.say("#report-status", lambda: Text(message(), style))

    def action_back(self) -> None:
        self.app.pop_screen()
