"""The app refuses N/A on a scale that forbids it (``allow_na: false``): it says why, asks for no
justification, and the file is not touched."""

from __future__ import annotations

from pathlib import Path

from posture.assessment import Workspace, load_assessment
from posture.content import Library, bundled_library, load_checklist
from posture.tui.app import PostureApp
from posture.tui.screens.walk import WalkScreen

NO_NA = Path(__file__).parents[1] / "data" / "engine" / "checklist-no-na.yaml"


async def test_na_is_refused_where_the_scale_forbids_it(tmp_path, monkeypatch):
    monkeypatch.setenv("POSTURE_LANG", "en")
    checklist = load_checklist(NO_NA)
    lib = Library(catalogs=dict(bundled_library().catalogs), checklists={checklist.id: checklist})
    ws = Workspace(tmp_path / "workspace", library=lib)
    a = ws.create(vendor="Acme Contacto", site="Monterrey", assessors=["Ana"], checklist=checklist,
                  assessed_on="2026-05-01")
    before = a.path.read_bytes()
    app = PostureApp(lang="en", path=a.path, workspace=ws)
    async with app.run_test(size=(100, 30)) as pilot:
        walk = app.screen
        assert isinstance(walk, WalkScreen) and walk.qid == "PAY-01"
        await pilot.press("a")
        await pilot.pause()
        assert app.screen is walk  # no justification dialog: the refusal comes first
        messages = [n.message for n in app._notifications]
        assert any("PAY-01 does not allow 'not applicable'" in m for m in messages), messages
        assert walk.session.answer_of("PAY-01") is None
        await pilot.press("y")  # the scale's own answers still work
        await pilot.pause()
    assert a.path.read_bytes() != before
    assert load_assessment(a.path, checklist).answers["PAY-01"].value == "yes"
