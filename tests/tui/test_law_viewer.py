"""The law at hand: key l on the walk opens the cited articles of the current question, to scroll and search."""

from __future__ import annotations

from posture.assessment import Workspace, load_assessment
from posture.content import articles_for, bundled_library
from posture.tui.app import PostureApp
from posture.tui.screens.law import LawScreen, find_all, fold
from posture.tui.screens.walk import WalkScreen
from tests.tui.conftest import plain


def body_text(screen: LawScreen) -> str:
    return "\n".join(plain(w) for w in screen.query(".law-head, .law-para"))


def test_search_ignores_case_and_accents_and_keeps_positions():
    text = "el desarrollo tecnológico. DESARROLLO Tecnologico"
    assert fold(text) == "el desarrollo tecnologico. desarrollo tecnologico" and len(fold(text)) == len(text)
    assert find_all(text, "Desarrollo  tecnológico") == [3, 27]
    assert find_all(text, "   ") == [] and find_all(text, "[bold]") == []


async def test_l_opens_the_cited_articles_searchable_and_escape_returns(assessment):
    before = load_assessment(assessment.path).answers
    app = PostureApp(lang="en", path=assessment.path, workspace=Workspace())
    async with app.run_test(size=(80, 24)) as pilot:
        walk = app.screen
        assert isinstance(walk, WalkScreen) and walk.qid == "GOV-01"
        assert "l: read art. 18, 13 of the 2025 Law" in plain(walk.query_one("#q-details"))
        await pilot.press("l")
        law = app.screen
        assert isinstance(law, LawScreen)
        title = " ".join(plain(law.query_one("#law-title")).split())
        assert ("GOV-01: cited articles of the LFPDPPP, text in force, in Spanish (DOF 20-03-2025; last reform "
                "DOF 14-11-2025)") in title
        text = body_text(law)
        assert "2025 Law · art. 18 · DOF 20-03-2025  cited by SEG-MEDIDAS" in text
        assert "2025 Law · art. 13 · DOF 20-03-2025  cited by PRIN-RESPONSABILIDAD" in text
        flat = " ".join(text.split())
        assert "Artículo 18. Todo responsable deberá establecer y mantener medidas de seguridad" in flat
        assert "Secretaría de Servicios Parlamentarios" not in text  # page furniture is not the law
        assert "2 articles" in plain(law.query_one("#law-status"))
        # Typing searches at once, without accents; Enter goes to the next match, then wraps.
        await pilot.press(*"tecnologico")
        assert law.matches and plain(law.query_one("#law-status")).startswith(f"Match 1 of {len(law.matches)}")
        await pilot.press("enter")
        assert law.current == (1 if len(law.matches) > 1 else 0)
        for _ in range(len(law.matches) - law.current):
            await pilot.press("enter")
        assert law.current == 0
        await pilot.press(*"zzz")
        assert law.matches == [] and "No matches" in plain(law.query_one("#law-status"))
        # Long articles scroll.
        body = law.query_one("#law-body")
        assert body.max_scroll_y > 0
        await pilot.press("pagedown")
        assert body.scroll_y > 0
        await pilot.press("escape")
        assert app.screen is walk
    assert load_assessment(assessment.path).answers == before  # reading the law changes nothing


async def test_search_scrolls_to_a_match_further_down(assessment):
    app = PostureApp(lang="en", path=assessment.path, workspace=Workspace())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        law = app.screen
        body = law.query_one("#law-body")
        assert body.scroll_y == 0
        await pilot.press(*"terceros con los que guarde")  # art. 13, the second article
        await pilot.pause()
        assert len(law.matches) == 1 and body.scroll_y > 0


async def test_viewer_follows_the_language_and_shows_the_text_literally(assessment):
    app = PostureApp(lang="es", path=assessment.path, workspace=Workspace())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        law = app.screen
        assert "GOV-01: artículos citados de la LFPDPPP" in plain(law.query_one("#law-title"))
        assert "Ley 2025 · art. 18" in body_text(law) and "citado por" in body_text(law)
        await pilot.press(*"[b]x[/b]")
        assert "Sin coincidencias" in plain(law.query_one("#law-status"))
        await pilot.press("f2")
        assert "cited articles" in plain(law.query_one("#law-title")) and "2025 Law · art. 18" in body_text(law)


async def test_a_question_citing_no_article_of_the_2025_law_says_so(assessment):
    lib = bundled_library()
    checklist = lib.checklists["bpo-contact-center"]
    bare = next(q.id for q in checklist.questions if not articles_for(q.maps_to, lib.catalogs))
    app = PostureApp(lang="en", path=assessment.path, workspace=Workspace())
    async with app.run_test(size=(80, 24)) as pilot:
        walk = app.screen
        await pilot.pause()  # the tree places its cursor on the first question after the first layout
        walk.go_to(bare)
        await pilot.pause()
        assert walk.qid == bare
        assert "l: read" not in plain(walk.query_one("#q-details"))
        await pilot.press("l")
        assert app.screen is walk
        messages = [n.message for n in app._notifications]
        assert any(f"The obligations of {bare} cite no article of the 2025 Law" in m for m in messages), messages
