"""Key hints break between phrases, never inside one: at 80 columns the walk showed «a No» at the end of a line
and «aplica» at the start of the next (and «esc» apart from «vuelve»). posture.tui.widgets.phrases.Phrases packs
whole phrases; these tests check the packing and, on the real screens in both languages at several sizes, that
every phrase of every hint is drawn on one line."""

from __future__ import annotations

import pytest
from rich.console import Console
from rich.text import Text

from posture.assessment import Workspace
from posture.content import bundled_library
from posture.tui.widgets.phrases import Phrases
from tests.tui.conftest import screen_lines


def _lines(renderable, width: int) -> list[str]:
    console = Console(width=width, color_system=None, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(renderable)
    return [line.rstrip() for line in console.export_text().splitlines()]


def test_phrases_fill_each_line_and_break_only_between_them():
    hint = Phrases.of("y Sí · p Parcial · n No · a No aplica · m método")
    assert hint.lines(23) == ["y Sí · p Parcial · n No", "a No aplica · m método"]
    assert hint.lines(22) == ["y Sí · p Parcial", "n No · a No aplica", "m método"]
    assert hint.lines(200) == ["y Sí · p Parcial · n No · a No aplica · m método"]
    assert _lines(hint, 22) == hint.lines(22)  # what is drawn is that packing
    # a phrase wider than the line is alone on its line, and only then wrapped by words
    assert Phrases.of("a · bb cc dd · e").lines(4) == ["a", "bb cc dd", "e"]
    assert _lines(Phrases.of("a · bb cc dd · e"), 4) == ["a", "bb", "cc", "dd", "e"]
    assert str(hint) == hint.plain == "y Sí · p Parcial · n No · a No aplica · m método"


def test_the_hint_follows_its_title_when_it_fits_else_starts_a_line():
    lead = Text("Informe PDF — Servicios Integrales · Corporativo León")  # 53 cells
    hint = Phrases.of("Ctrl+G genera · q vuelve", lead=lead)  # 3 + 24 after the title: 80
    assert _lines(hint, 80) == ["Informe PDF — Servicios Integrales · Corporativo León   Ctrl+G genera · q vuelve"]
    assert _lines(hint, 79) == ["Informe PDF — Servicios Integrales · Corporativo León", "Ctrl+G genera · q vuelve"]
    # the title wraps by words; the hint goes after its LAST line when it fits there
    assert _lines(hint, 40) == ["Informe PDF — Servicios Integrales ·", "Corporativo León", "Ctrl+G genera · q vuelve"]
    assert _lines(hint, 44) == ["Informe PDF — Servicios Integrales ·", "Corporativo León   Ctrl+G genera · q vuelve"]
    assert hint.plain == lead.plain + "   Ctrl+G genera · q vuelve"


def test_phrases_measure_as_their_widest_phrase_and_their_whole_line():
    from rich.measure import Measurement

    console = Console(width=100)
    assert Measurement.get(console, console.options, Phrases.of("ab · cdef · g")) == Measurement(4, 13)


def test_control_characters_in_a_phrase_are_shown_not_sent():
    """A scale label comes from a checklist a consultant wrote: an escape in it is drawn as ␛, never obeyed (a
    title's BEL too: shown as ␇, or dropped by Rich's Text)."""
    hint = Phrases.of("y Sí\x1b[2J · n No", lead=Text("Título\x07"))
    assert hint.phrases == ["y Sí␛[2J", "n No"]
    assert "\x1b" not in hint.plain and "\x07" not in hint.plain and hint.plain.startswith("Título")


def _region_lines(app, widget) -> list[str]:
    """The screen's drawn lines inside ``widget``'s region (what the terminal shows there)."""
    lines = screen_lines(app)
    r = widget.region
    return [line[r.x:r.right].rstrip() for line in lines[r.y:r.bottom]]


def _whole(phrases: Phrases, drawn: list[str]) -> list[str]:
    """The phrases of ``phrases`` not found whole on one drawn line."""
    return [p for p in phrases.phrases if not any(p in line for line in drawn)]


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("size", [(80, 24), (92, 30), (120, 40)])
async def test_every_hint_is_drawn_with_whole_phrases(tmp_path, monkeypatch, lang, size):
    from posture.tui.app import PostureApp
    from posture.tui.screens.law import LawScreen
    from posture.tui.screens.probes import ProbesScreen
    from posture.tui.screens.report import ReportScreen
    from posture.tui.screens.walk import WalkScreen

    monkeypatch.setenv("POSTURE_WORKSPACE", str(tmp_path / "ws"))
    a = Workspace().create(vendor="Servicios Integrales de Atención Telefónica del Bajío",
                           site="Corporativo León — Blvd. Adolfo López Mateos 2400, piso 7",
                           checklist=bundled_library().checklists["bpo-contact-center"], assessed_on="2026-05-01")
    app = PostureApp(lang=lang, path=a.path, workspace=Workspace())
    broken: dict[str, list[str]] = {}
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WalkScreen)
        keys = app.screen.query_one("#q-keys")
        assert isinstance(keys.content, Phrases) and len(keys.content.phrases) >= 8
        broken["walk"] = _whole(keys.content, _region_lines(app, keys))
        for key, screen, widget in (("r", ReportScreen, "#report-title"), ("s", ProbesScreen, "#probe-title"),
                                    ("l", LawScreen, "#law-status")):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, screen)
            shown = app.screen.query_one(widget)
            assert isinstance(shown.content, Phrases), widget
            broken[widget] = _whole(shown.content, _region_lines(app, shown))
            await pilot.press("escape")
            await pilot.pause()
    assert not any(broken.values()), broken
