"""The app: language, the command palette, and which screen comes first."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.signal import Signal

from posture.assessment import Workspace
from posture.errors import PassphraseRequired, PostureError, WrongPassphrase, os_reason
from posture.i18n import LANGS, detect_lang
from posture.session import AssessmentSession
from posture.shown import visible
from posture.tui.bindings import translate_bindings
from posture.tui.commands import Palette, QuestionJump
from posture.tui.signals import AssessmentChanged
from posture.tui.strings import t

COLLECTOR_RESUME = 0.5  # seconds after the first screen is drawn (posture.tui.launch paused the collector)


def _resume_collector() -> None:
    """Collect once what the start left (≈ 20,000 objects in cycles on the demo), freeze the survivors — the
    content, the assessment, Textual's widgets: they stay for the whole run — so no later collection walks
    them again, and turn the cyclic collector back on. Nothing is skipped: this is the start's own
    collection, made while the first screen is already on show."""
    gc.collect()
    gc.freeze()
    gc.enable()


class PostureApp(App):
    CSS_PATH = Path(__file__).with_name("posture.tcss")  # absolute: subclasses may live anywhere
    TITLE = "posture"
    COMMANDS = App.COMMANDS | {QuestionJump}
    collector_paused = False  # set by posture.tui.launch: the cyclic garbage collector is off for the start
    BINDINGS: ClassVar[list] = [
        Binding("f2", "switch_language", "k_lang", priority=True, tooltip="h_lang"),
        Binding("question_mark", "help", "k_help", tooltip="h_help"),
        Binding("ctrl+p", "command_palette", "k_palette", show=False, tooltip="h_palette"),
    ]

    def __init__(self, lang: str | None = None, path: str | Path | None = None,
                 workspace: Workspace | None = None, probe_options: dict | None = None,
                 passphrase: str | None = None, session: AssessmentSession | None = None):
        """``session``: an assessment already opened (``posture open`` opens it to report a bad file on the
        terminal), shown first without reading the file again; else ``path``, else Home."""
        super().__init__()
        self.lang = lang if lang in LANGS else detect_lang()
        self.start_path = path
        self.start_session = session
        self.workspace = workspace or Workspace()
        self.passphrase = passphrase  # for an encrypted file given on the command line
        self.probe_options = dict(probe_options or {})  # e.g. a port profile; tests point it at a local port
        # App-wide updates (posture.tui.signals): published by the screen that made the change.
        self.assessment_changed: Signal[AssessmentChanged] = Signal(self, "assessment-changed")
        self.language_changed: Signal[str] = Signal(self, "language-changed")
        self.leaving: Signal[None] = Signal(self, "leaving")

    def on_mount(self) -> None:
        translate_bindings(self, self.lang)
        self.title = t("title", self.lang)
        if self.start_session is not None:
            from posture.tui.screens.walk import WalkScreen

            self.push_screen(WalkScreen(self.start_session))
        elif self.start_path is not None:
            if not self.open_assessment(self.start_path) and len(self.screen_stack) <= 1:
                self.exit(return_code=1)
        else:
            from posture.tui.screens.home import HomeScreen

            self.push_screen(HomeScreen())
        self.call_after_refresh(self._first_screen_drawn)

    def _first_screen_drawn(self) -> None:
        self._fit(self.size.width, self.size.height)
        if self.collector_paused:  # by posture.tui.launch, for the start: resumed once the user can read
            self.collector_paused = False
            self.set_timer(COLLECTOR_RESUME, _resume_collector)

    def on_resize(self, event) -> None:
        """Below 80×24 a notice asks for a larger terminal; taller screens give notes and tables room."""
        self._fit(event.size.width, event.size.height)

    def _fit(self, width: int, height: int) -> None:
        from posture.tui.screens.too_small import TooSmallScreen, too_small

        self.set_class(height >= 36, "-tall")
        small = too_small(width, height)
        showing = isinstance(self.screen, TooSmallScreen)
        if small and not showing and len(self.screen_stack) > 1:  # over the first real screen, never under
            self.push_screen(TooSmallScreen())
        elif not small and showing:
            self.pop_screen()

    def open_assessment(self, path: str | Path, passphrase: str | None = None) -> bool:
        """Push the walk screen on ``path``; a file that cannot be opened is reported, never a traceback.
        An encrypted one asks for its passphrase (again, if the one given was wrong)."""
        from posture.tui.screens.walk import WalkScreen

        try:
            session = AssessmentSession(self.workspace.locate(path), library=self.workspace.library,
                                        passphrase=passphrase or self.passphrase)
        except PassphraseRequired:
            self._ask_passphrase(path, "")
            return False
        except WrongPassphrase as exc:
            self._ask_passphrase(path, lambda lang, error=exc: error.lines(lang)[0])  # redrawn after F2
            return False
        except PostureError as exc:
            self.notify("\n".join(exc.lines(self.lang)), severity="error", timeout=10)
            return False
        except OSError as exc:
            self.report_error(exc)
            return False
        self.push_screen(WalkScreen(session))
        return True

    def _ask_passphrase(self, path: str | Path, error) -> None:
        from posture.tui.screens.passphrase import PassphraseScreen

        def done(passphrase: str | None) -> None:
            opened = bool(passphrase) and self.open_assessment(path, passphrase)
            if not opened and len(self.screen_stack) <= 1:  # opened on this file alone: nothing else to show
                self.exit(return_code=1)
        self.push_screen(PassphraseScreen(Path(path).parent.name or str(path), error), done)

    def report_error(self, exc: Exception) -> None:
        """A user-caused problem as a notification in the current language."""
        if isinstance(exc, PostureError):
            message = "\n".join(exc.lines(self.lang))
        elif isinstance(exc, OSError):  # the system's words in the user's language, with the file named
            reason = os_reason(exc)[self.lang]
            message = t("error", self.lang, error=f"{exc.filename}: {reason}" if exc.filename else reason)
        else:
            message = t("error", self.lang, error=str(exc) or type(exc).__name__)
        self.notify(message, severity="error", timeout=8)

    def notify(self, message: str, *, title: str = "", severity="information", timeout: float | None = None,
               markup: bool = False) -> None:
        """Every notification is literal text: messages carry vendor names, paths and notes, and
        posture's own strings use no markup (see ``posture.tui.widgets.literal``). Screens'
        ``self.notify`` passes Textual's default ``markup=True`` through; it is ignored here."""
        super().notify(visible(message), title=visible(title), severity=severity, timeout=timeout, markup=False)

    # -- actions ---------------------------------------------------------------------------------

    def action_switch_language(self) -> None:
        self.lang = LANGS[(LANGS.index(self.lang) + 1) % len(LANGS)] if self.lang in LANGS else LANGS[0]
        translate_bindings(self, self.lang)
        self.title = t("title", self.lang)
        self.language_changed.publish(self.lang)  # every screen redraws its words (screens/_base.py)

    async def action_quit(self) -> None:
        """Notes typed a moment ago are still waiting for their debounce: ``leaving`` has them saved first."""
        self.leaving.publish(None)
        self.exit()

    def action_help(self) -> None:
        from posture.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen):
        """Textual's own entries are English only; these are the app's, in its language."""
        yield SystemCommand(t("k_lang", self.lang), t("h_lang", self.lang), self.action_switch_language)
        yield SystemCommand(t("k_help", self.lang), t("h_help", self.lang), self.action_help)
        yield SystemCommand(t("k_quit", self.lang), t("h_quit", self.lang), self.action_quit)

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            from posture.tui.screens.walk import WalkScreen

            # questions to search only on the walk; elsewhere the palette holds the app's commands
            hint = "palette_placeholder" if isinstance(self.screen, WalkScreen) else "palette_placeholder_commands"
            self.push_screen(Palette(id="--command-palette", placeholder=t(hint, self.lang)))
