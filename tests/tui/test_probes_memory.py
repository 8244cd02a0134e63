"""The probe screen remembers: reopened, it shows the last run and every contradiction; critical first."""

from __future__ import annotations

import shutil
from pathlib import Path

from posture.assessment import Workspace, load_assessment
from posture.tui.app import PostureApp
from posture.tui.screens.probes import ProbesScreen
from posture.tui.widgets.literal import DataTable
from posture.vocabulary import Severity
from tests.tui.conftest import plain

DEMO = Path(__file__).resolve().parents[2] / "demo" / "centro-de-contacto-demo"


async def test_reopening_shows_the_last_run_and_its_contradictions(tmp_path, monkeypatch):
    monkeypatch.setenv("POSTURE_WORKSPACE", str(tmp_path / "ws"))
    folder = tmp_path / "ws" / "demo"
    shutil.copytree(DEMO, folder)
    saved = load_assessment(folder / "assessment.yaml")
    last = saved.probe_runs[-1]
    app = PostureApp(lang="es", path=folder / "assessment.yaml", workspace=Workspace())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProbesScreen)
        assert screen.query_one("#targets").value == " ".join(last.targets)
        assert screen.query_one("#authorized").value == last.authorized_by
        assert plain(screen.query_one("#probe-status")).startswith("Último sondeo: ")
        findings = screen.query_one("#findings", DataTable)
        assert findings.row_count == len(last.findings) > 0
        severities = [str(findings.get_row_at(i)[0]) for i in range(findings.row_count)]
        order = [sev.cap_label["es"] for sev in Severity]  # Crítica … Informativa (standing alone)
        assert severities == sorted(severities, key=order.index)  # critical first, from the start
        contradictions = screen.query_one("#contradictions", DataTable)
        assert contradictions.row_count > 0 and contradictions.border_title != "Sin contradicciones"
        questions = {str(contradictions.get_row_at(i)[0]) for i in range(contradictions.row_count)}
        assert {"TEL-01", "NET-06"} <= questions
        await pilot.press("o")  # by address and port
        await pilot.pause()
        hosts = [str(findings.get_row_at(i)[1]) for i in range(findings.row_count)]
        assert hosts == sorted(hosts, key=lambda h: tuple(int(x) for x in h.split("."))), hosts
        await pilot.press("o")  # and back to most severe first, never least severe first
        await pilot.pause()
        assert [str(findings.get_row_at(i)[0]) for i in range(findings.row_count)] == severities


async def test_the_confirmation_tick_shows_its_state_without_colour(assessment):
    from posture.tui.widgets.literal import Checkbox

    app = PostureApp(lang="en", path=assessment.path, workspace=Workspace())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        box = app.screen.query_one("#confirm", Checkbox)
        assert "✓" not in box.render_line(0).text
        box.value = True
        await pilot.pause()
        assert "✓" in box.render_line(0).text
        box.value = False
        await pilot.pause()
        assert "✓" not in box.render_line(0).text


async def test_a_contradicted_question_names_the_finding_and_what_it_saw(tmp_path, monkeypatch):
    monkeypatch.setenv("POSTURE_WORKSPACE", str(tmp_path / "ws"))
    folder = tmp_path / "ws" / "demo"
    shutil.copytree(DEMO, folder)
    app = PostureApp(lang="es", path=folder / "assessment.yaml", workspace=Workspace())
    async with app.run_test(size=(120, 40)) as pilot:
        walk = app.screen
        walk.go_to("TEL-01")
        await pilot.pause()
        line = walk.query_one("#q-answer")
        shown = " ".join(line.render_line(y).text.strip() for y in range(line.size.height))
        assert "contradicha por el sondeo" in shown
        assert "⚠" in shown and "203.0.113." in shown  # the finding, and where it was seen
