"""The key footer: Textual's ``Footer``, drawn once at start with the screen's keys in the app's language.

Textual's footer composes empty, waits for the screen's first "bindings updated" signal and then composes its
keys: a second compose, mount, layout and draw of the whole screen before the first screen is complete (≈ 20 ms
of the walk's ≈ 0.3 s start, docs/benchmarks.md). This one translates the screen's bindings itself
(``posture.tui.bindings.translate_bindings``, what the screen does again when it is shown: the same result)
and composes its keys at once; a later signal recomposes it only when the keys it shows change (another
language, a binding enabled or disabled).
"""

from __future__ import annotations

from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from posture.tui.bindings import translate_bindings


def _shown(screen) -> tuple:
    """The keys a footer on ``screen`` shows: key, description and whether enabled, in order."""
    return tuple((b.key, b.description, enabled) for (_, b, enabled, _) in screen.active_bindings.values()
                 if b.show)


class KeyFooter(Footer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._bindings_ready = True  # Textual's Footer composes nothing until this is set (textual 8)
        self._composed: tuple | None = None

    def compose(self):
        translate_bindings(self.screen, self.app.lang)
        self._composed = _shown(self.screen)
        for widget in super().compose():
            # Each key is bound to the footer's ``compact`` and, once mounted, sets its class "-compact" from
            # it: a style update of every key before the first draw. Made with the class, the key's first
            # style is the final one and that update changes nothing.
            if self.compact and isinstance(widget, FooterKey):
                widget.add_class("-compact", update=False)
            yield widget

    def bindings_changed(self, screen) -> None:
        if self.is_attached and screen is self.screen:
            shown = _shown(screen)
            if shown == self._composed:
                return  # the same keys as drawn, or as the compose already asked for: no other compose
            self._composed = shown
        super().bindings_changed(screen)
