"""The walk, driven by keys through the real app: a section answered, N/A, notes, undo, reopen, palette."""

from __future__ import annotations

from posture.assessment import Workspace, load_assessment
from posture.tui.app import PostureApp
from posture.tui.screens.na_justification import NaJustificationScreen
from posture.tui.screens.walk import WalkScreen
from posture.tui.widgets.question_pane import NotesArea
from tests.tui.conftest import plain


def _walk(app) -> WalkScreen:
    assert isinstance(app.screen, WalkScreen), app.screen
    return app.screen


async def test_answer_a_section_by_keys_then_quit_and_reopen(assessment):
    app = PostureApp(lang="en", path=assessment.path, workspace=Workspace())
    async with app.run_test(size=(80, 24)) as pilot:
        walk = _walk(app)
        questions = [q for q in walk.session.checklist.section("governance").questions]
        for q in questions:
            assert walk.qid == q.id
            scale = walk.session.checklist.scale_of(q)
            await pilot.press("y" if scale.id == "yes-no" else "4", "j")
        assert walk.session.section_progress("governance") == (18, 18)
        label = walk.tree.section_nodes["governance"].label.plain
        assert "18/18" in label
        assert "saved ✓" in str(walk.query_one("#status-saved").render())
        await pilot.press("q")
    saved = load_assessment(assessment.path)
    assert {qid: a.value for qid, a in saved.answers.items()} == {
        q.id: ("yes" if q.scale == "yes-no" else "4") for q in questions}
    # reopened: the answers are there and the walk starts at the first unanswered question
    app = PostureApp(lang="en", path=assessment.path, workspace=Workspace())
    async with app.run_test(size=(80, 24)) as pilot:
        walk = _walk(app)
        assert len(walk.session.assessment.answers) == 18
        assert walk.qid == walk.session.next_unanswered()
        assert walk.qid not in saved.answers


async def test_na_needs_a_justification_and_escape_changes_nothing(assessment):
    app = PostureApp(lang="en", path=assessment.path, workspace=Workspace())
    async with app.run_test(size=(80, 24)) as pilot:
        walk = _walk(app)
        await pilot.press("y")
        await pilot.press("a")
        assert isinstance(app.screen, NaJustificationScreen)
        await pilot.press("enter")  # empty: refused, the dialog stays
        assert isinstance(app.screen, NaJustificationScreen)
        assert "required" in str(app.screen.query_one("#na-error").render())
        await pilot.press("escape")
        assert app.screen is walk
        assert load_assessment(assessment.path).answers["GOV-01"].value == "yes"
        await pilot.press("a")
        await pilot.press(*"Outsourced", "space", *"to", "space", *"the", "space", *"client", "enter")
        assert app.screen is walk
        saved = load_assessment(assessment.path).answers["GOV-01"]
        assert saved.value == "na"
        assert saved.na_justification == "Outsourced to the client"
        assert "Not applicable" in str(walk.query_one("#q-answer").render())


async def test_notes_are_saved_on_leaving_and_undo_reverts_the_last_change(assessment):
    app = PostureApp(lang="en", path=assessment.path, workspace=Workspace())
    async with app.run_test(size=(100, 30)) as pilot:
        walk = _walk(app)
        await pilot.press("n")
        await pilot.press("enter")  # into the notes
        assert isinstance(app.focused, NotesArea)
        await pilot.press(*"no", "space", *"policy")
        await pilot.press("escape")  # leaves the notes: saved at once
        assert load_assessment(assessment.path).answers["GOV-01"].note == "no policy"
        await pilot.press("m")
        assert load_assessment(assessment.path).answers["GOV-01"].method == "document"
        await pilot.press("ctrl+z")
        assert load_assessment(assessment.path).answers["GOV-01"].method == "interview"
        await pilot.press("ctrl+z", "ctrl+z")
        assert "GOV-01" not in load_assessment(assessment.path).answers
        assert walk.tree.question_nodes["GOV-01"].label.plain.startswith("·")


async def test_next_unanswered_previous_and_palette_jump(assessment):
    app = PostureApp(lang="en", path=assessment.path, workspace=Workspace())
    async with app.run_test(size=(100, 30)) as pilot:
        walk = _walk(app)
        await pilot.press("y", "j", "y", "k")
        assert walk.qid == "GOV-01"
        await pilot.press("u")
        assert walk.qid == "GOV-03"
        await pilot.press("ctrl+p")
        await pilot.press(*"NET-05")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert walk.qid == "NET-05"
        assert walk.tree.cursor_node.data == ("question", "NET-05")


async def test_language_switch_redraws_the_walk(assessment):
    app = PostureApp(lang="en", path=assessment.path, workspace=Workspace())
    async with app.run_test(size=(80, 24)) as pilot:
        walk = _walk(app)
        assert "Question 1 of" in str(walk.query_one("#q-head").render())
        await pilot.press("f2")
        assert app.lang == "es"
        assert "Pregunta 1 de" in str(walk.query_one("#q-head").render())
        assert "Gobierno" in walk.tree.section_nodes["governance"].label.plain
        descriptions = {b.description for _, b in walk._bindings}
        assert "Siguiente" in descriptions and "Next" not in descriptions


async def test_read_only_when_another_session_holds_the_file(assessment):
    from posture.session import AssessmentSession

    holder = AssessmentSession(assessment.path)
    try:
        app = PostureApp(lang="en", path=assessment.path, workspace=Workspace())
        async with app.run_test(size=(80, 24)) as pilot:
            walk = _walk(app)
            assert "READ-ONLY" in str(walk.query_one("#status-saved").render())
            await pilot.press("y")
            assert load_assessment(assessment.path).answers == {}
    finally:
        holder.close()


async def test_resizing_never_crashes(assessment):
    app = PostureApp(lang="en", path=assessment.path, workspace=Workspace())
    async with app.run_test(size=(80, 24)) as pilot:
        for size in ((40, 10), (200, 60), (80, 24), (20, 5)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
        from posture.tui.screens.too_small import TooSmallScreen

        assert isinstance(app.screen, TooSmallScreen)  # 20×5: the notice, and no key reaches the walk
        await pilot.press("y")
        assert "GOV-01" not in load_assessment(assessment.path).answers
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.press("y")
        assert load_assessment(assessment.path).answers["GOV-01"].value == "yes"


async def test_quitting_mid_note_keeps_the_note(assessment):
    app = PostureApp(lang="en", path=assessment.path, workspace=Workspace())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("y", "enter", *"typed", "space", *"just", "space", *"now")
        await pilot.press("ctrl+q")  # before the debounce fires
    assert load_assessment(assessment.path).answers["GOV-01"].note == "typed just now"


async def test_the_mouse_picks_questions_and_the_palette_finds_text(assessment):
    app = PostureApp(lang="en", path=assessment.path, workspace=Workspace())
    async with app.run_test(size=(100, 30)) as pilot:
        walk = _walk(app)
        await pilot.pause()
        line = walk.tree.question_nodes["GOV-03"].line
        await pilot.click("#tree", offset=(6, line - walk.tree.scroll_offset.y))
        await pilot.pause()
        assert walk.qid == "GOV-03"
        texts = {q.id: q.text["en"].lower() for q in walk.session.questions}
        # a word that appears in exactly one question's text: the search must land there
        target, word = next((qid, w) for qid, text in texts.items() if qid > "GOV-99"
                            for w in (x.strip("?,.()'") for x in text.split()) if len(w) > 7
                            and sum(w in other for other in texts.values()) == 1)
        await pilot.press("ctrl+p", *word)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert walk.qid == target, (word, walk.qid)


async def test_evidence_through_the_dialog(assessment, tmp_path):
    from posture.tui.screens.evidence import EvidenceScreen

    source = tmp_path / "acta.pdf"
    source.write_bytes(b"%PDF-1.4 minutes")
    app = PostureApp(lang="en", path=assessment.path, workspace=Workspace())
    async with app.run_test(size=(80, 24)) as pilot:
        walk = _walk(app)
        await pilot.press("e")  # unanswered: refused with a message, no dialog
        assert app.screen is walk
        await pilot.press("y", "e")
        assert isinstance(app.screen, EvidenceScreen)
        dialog = app.screen
        dialog.query_one("#ev-input").value = str(tmp_path / "missing.pdf")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog  # stays open, says why, keeps what was typed
        assert "There is no file" in plain(dialog.query_one("#ev-error"))
        assert dialog.query_one("#ev-input").value == str(tmp_path / "missing.pdf")
        assert load_assessment(assessment.path).answers["GOV-01"].evidence == []
        dialog.query_one("#ev-input").value = str(tmp_path)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog and "is a folder" in plain(dialog.query_one("#ev-error"))
        dialog.query_one("#ev-input").value = str(source)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is walk
        saved = load_assessment(assessment.path).answers["GOV-01"].evidence
        assert [e.path for e in saved] == ["evidence/acta.pdf"]
        assert "evidence/acta.pdf" in str(walk.query_one("#q-details").render())


async def test_every_answer_state_has_its_own_mark(assessment):
    """yes, partial, no, N/A, unanswered, contradicted, carried over and failed by probe: eight marks."""
    from dataclasses import replace

    from posture.assessment import Answer, attach_probe_run, save_assessment
    from posture.findings import Finding, ProbeRun
    from posture.tui.widgets.section_tree import MARKS

    a = load_assessment(assessment.path)
    a.answers["GOV-01"] = Answer("yes", qid="GOV-01")
    a.answers["GOV-03"] = Answer("partial", qid="GOV-03")
    a.answers["GOV-05"] = Answer("no", qid="GOV-05")
    a.answers["GOV-08"] = Answer("na", na_justification="sin clientes en el extranjero", qid="GOV-08")
    a.answers["GOV-07"] = replace(Answer("yes", qid="GOV-07"), carried_over=True)
    a.answers["NET-05"] = Answer("yes", qid="NET-05")
    save_assessment(a)
    telnet = Finding("telnet-exposed", "critical", "10.0.0.9", 23, "tcp", {"es": "Telnet", "en": "Telnet"},
                     {"es": "d", "en": "d"}, {"es": "r", "en": "r"}, "banner")
    attach_probe_run(assessment.path, ProbeRun(id="run-1", authorized_by="Ana", started_at="2026-05-01T10:00:00Z",
                                               finished_at="2026-05-01T10:05:00Z", targets=["10.0.0.9"],
                                               findings=[telnet]))
    app = PostureApp(lang="en", path=assessment.path, workspace=Workspace())
    async with app.run_test(size=(80, 24)):
        walk = _walk(app)
        checklist = walk.session.checklist
        probe_only = next(q.id for q in checklist.questions
                          if "telnet-exposed" in q.probe_checks and q.id not in walk.session.assessment.answers)
        states = {"GOV-01": "yes", "GOV-03": "partial", "GOV-05": "no", "GOV-08": "na", "GOV-02": None,
                  "NET-05": "contradicted", "GOV-07": "carried", probe_only: "by_probe"}
        for qid, state in states.items():
            assert walk.tree.mark_of(qid) == state, qid
            assert walk.tree.question_nodes[qid].label.plain.startswith(MARKS[state][0])
        assert len({MARKS[s] for s in states.values()}) == len(states)


async def test_evidence_path_as_dropped_or_pasted(assessment, tmp_path):
    """A file dropped on the terminal arrives quoted; one copied from a file manager as a file:// URI."""
    folder = tmp_path / "evidencia cliente"
    folder.mkdir()
    source = folder / "Política.pdf"
    source.write_bytes(b"%PDF-1.4 policy")
    app = PostureApp(lang="es", path=assessment.path, workspace=Workspace())
    async with app.run_test(size=(80, 24)) as pilot:
        walk = _walk(app)
        await pilot.press("y", "e")
        app.screen.query_one("#ev-input").value = f"'{source}'"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is walk
        await pilot.press("j", "y", "e")
        app.screen.query_one("#ev-input").value = "file://" + str(source).replace(" ", "%20").replace(
            "í", "%C3%AD")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is walk
        answers = load_assessment(assessment.path).answers
        first, second = walk.session.checklist.questions[:2]
        assert [e.path for e in answers[first.id].evidence] == ["evidence/Política.pdf"]
        assert len(answers[second.id].evidence) == 1
