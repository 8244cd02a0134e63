"""The palette's question search: ids first, then every word of the text, accents and case ignored."""

from __future__ import annotations

from posture.tui.commands import find, fold

ENTRIES = [("GOV-01", "GOV-01  ¿Cuenta con una política de seguridad?"),
           ("NET-05", "NET-05  ¿Está cerrado el acceso remoto (RDP, SSH) desde Internet?"),
           ("NET-50", "NET-50  ¿Se cifra el tráfico de administración?")]


def test_fold_keeps_positions():
    text = "Política de Información ÁÉÍÓÚ ñ"
    assert fold(text) == "politica de informacion aeiou n"
    assert len(fold(text)) == len(text)


def test_exact_id_first_then_prefix():
    hits = find(ENTRIES, "net-05")
    assert [h[1] for h in hits][:1] == ["NET-05"] and hits[0][0] == 1.0
    assert [h[1] for h in find(ENTRIES, "NET-")] == ["NET-05", "NET-50"]


def test_every_word_must_appear_accents_ignored():
    assert [h[1] for h in find(ENTRIES, "politica SEGURIDAD")] == ["GOV-01"]
    assert [h[1] for h in find(ENTRIES, "trafico cifra")] == ["NET-50"]
    assert find(ENTRIES, "política inexistente") == []
    assert find(ENTRIES, "   ") == []


async def test_the_palette_speaks_the_app_language(workspace, assessment):
    """Textual's own "No matches found" came out in English in the Spanish app (newcomer); on Home the
    placeholder offered questions to search where there are none."""
    import asyncio

    from textual.command import CommandList
    from textual.widgets import Input

    from posture.assessment import Workspace
    from posture.tui.app import PostureApp
    from posture.tui.commands import Palette

    for lang, nothing, on_home, on_walk in (("es", "Sin resultados", "Buscar una orden…",
                                             "Buscar pregunta por id o texto…"),
                                            ("en", "Nothing found", "Search a command…",
                                             "Search a question by id or text…")):
        app = PostureApp(lang=lang, workspace=Workspace())
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            placeholders = []
            for _ in range(2):  # home, then the walk of the assessment
                await pilot.press("ctrl+p")
                await pilot.pause()
                assert isinstance(app.screen, Palette)
                placeholders.append(app.screen.query_one(Input).placeholder)
                await pilot.press(*"zzzq")
                await asyncio.sleep(Palette._NO_MATCHES_COUNTDOWN + 0.3)
                await pilot.pause()
                options = app.screen.query_one(CommandList)
                shown = [str(options.get_option_at_index(i).prompt.renderable)
                         for i in range(options.option_count)]
                assert shown == [nothing], shown
                await pilot.press("escape")
                await pilot.pause()
                if len(placeholders) == 1:
                    await pilot.press("enter")  # open the assessment
                    await pilot.pause()
            assert placeholders == [on_home, on_walk]
