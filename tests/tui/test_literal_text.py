"""User text is always literal: hostile vendor, site, note and path names on every screen.

Field case ``markup-vendor.assessment.yaml``: a vendor named
``Cobranza [/] Norte`` (which ``posture new`` accepts) killed the home screen with a MarkupError and
made every assessment in the workspace unreachable. Copied to tests/data/app/.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from posture.assessment import Workspace, save_assessment
from posture.content import bundled_library
from posture.session import AssessmentSession
from posture.shown import has_controls, visible
from posture.tui.app import PostureApp
from posture.tui.screens.help import HelpScreen
from posture.tui.screens.home import HomeScreen
from posture.tui.screens.probes import ProbesScreen
from posture.tui.screens.report import ReportScreen
from posture.tui.screens.walk import WalkScreen
from tests.tui.conftest import screen_lines

DATA = Path(__file__).resolve().parents[1] / "data" / "app"
HOSTILE = [
    "Cobranza [/] Norte",
    "Telemarketing [i]nbound",
    "[bold unclosed",
    "[link=http://x]clic[/link] \x1b[31mrojo\x1b[0m",
    "مركز الاتصال الشمالي",  # right-to-left
    "Centro 📞☎️ Llamadas",
    "N" * 500,
]


@pytest.fixture
def hostile_workspace(tmp_path, monkeypatch):
    root = tmp_path / "ws [/red] [b" / "assessments"  # a workspace path that is markup too
    monkeypatch.setenv("POSTURE_WORKSPACE", str(root))
    monkeypatch.setenv("POSTURE_LANG", "en")
    ws = Workspace()
    checklist = bundled_library().checklists["quick-screening"]
    made = []
    for i, name in enumerate(HOSTILE):
        # posture new refuses control characters; a file can still hold them (written by hand or another tool)
        made.append(a := ws.create(vendor=f"v{i}", site=f"s{i}", checklist=checklist, assessed_on="2026-05-01"))
        a.vendor, a.site, a.assessors = name, HOSTILE[(i + 1) % len(HOSTILE)], [HOSTILE[i]]
        save_assessment(a)
    field_case = root / "markup-field-case"
    field_case.mkdir(parents=True)
    shutil.copy(DATA / "markup-vendor.assessment.yaml", field_case / "assessment.yaml")
    return ws, made


async def test_home_lists_hostile_names_literally(hostile_workspace):
    ws, _made = hostile_workspace
    app = PostureApp(lang="en", workspace=ws)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        from textual.widgets import DataTable

        table = app.screen.query_one(DataTable)
        vendors = {str(table.get_row_at(i)[0]) for i in range(table.row_count)}
        # shown as written, brackets, escapes and all: whole, or (longer than the column) its start and «…»
        assert all(name in vendors or any(v.endswith("…") and name.startswith(v[:-1]) and len(v) > 1
                                          for v in vendors) for name in map(visible, HOSTILE)), vendors
        assert "Cobranza [/] Norte" in vendors  # the field case's vendor, reachable
        shown = "\n".join(table.render_line(y).text for y in range(table.size.height))
        assert "Cobranza [/] Norte" in shown and "Telemarketing [i]nbound" in shown
        assert _controls_drawn(app) == []  # the escape sequence drawn as ␛[31m, never obeyed


def _controls_drawn(app) -> list[str]:
    """Control characters in what the screen sends to the terminal (its composed strips): a name holding
    ``\x1b[31m`` sent raw turned the newcomer's terminal red and broke the home rows."""
    drawn = "".join(screen_lines(app))
    return sorted({f"U+{ord(c):04X}" for c in drawn if has_controls(c)})


@pytest.mark.parametrize("index", range(len(HOSTILE)))
async def test_every_screen_opens_with_a_hostile_name(hostile_workspace, index):
    ws, made = hostile_workspace
    assessment = made[index]
    session = AssessmentSession(assessment.path)
    first = session.checklist.questions[0].id
    session.answer_key(first, "n")
    session.set_note(first, HOSTILE[index] + " [/] nota")
    session.close()
    app = PostureApp(lang="es", path=assessment.path, workspace=ws)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WalkScreen)
        app.screen.notify(HOSTILE[index])  # a notification carrying user text, Textual's default markup=True
        await pilot.pause()
        (note,) = [n for n in app._notifications if n.message == visible(HOSTILE[index])]
        assert note.markup is False  # shown as written, never parsed
        assert _controls_drawn(app) == []
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ProbesScreen)
        assert _controls_drawn(app) == []
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        assert _controls_drawn(app) == []
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WalkScreen)


async def test_a_note_with_an_escape_sequence_is_drawn_visible_and_kept_as_written(hostile_workspace):
    ws, made = hostile_workspace
    note = "llamar a TI \x1b[2J\x1b[31mborrado\x1b[0m\x07 fin"  # clear screen, red, bell
    session = AssessmentSession(made[0].path)
    first = session.checklist.questions[0].id
    session.set_note(first, note)
    session.close()
    app = PostureApp(lang="es", path=made[0].path, workspace=ws)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WalkScreen) and app.screen.qid == first
        from textual.widgets import TextArea

        area = app.screen.query_one("#notes", TextArea)
        assert area.text == note  # the note itself is not changed
        assert _controls_drawn(app) == []
        drawn = "".join(seg.text for y in range(area.size.height) for seg in area.render_line(y))
        assert "␛[2J␛[31mborrado␛[0m" in drawn  # (the bell Textual drops itself)


def test_no_screen_imports_markup_parsing_widgets():
    """Static, Label, DataTable and Tree come from posture.tui.widgets.literal, never textual.widgets."""
    package = Path(__file__).resolve().parents[2] / "posture" / "tui"
    offenders = []
    for path in package.rglob("*.py"):
        if path.name == "literal.py":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module in ("textual.widgets", "textual.widgets._static"):
                bad = {a.name for a in node.names} & {"Static", "Label", "DataTable", "Tree"}
                if bad:
                    offenders.append(f"{path.name}: {sorted(bad)}")
    assert offenders == []
