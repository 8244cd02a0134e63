"""Text the app has to cut is cut with «…», and an encrypted row says so at 80 columns (issue #18).

Home: vendor, site and id cells longer than their column end with «…»; a row whose file is encrypted (no passphrase
yet) reads «cifrada» / "encrypted" whole, and the line under the table says Enter asks for the passphrase. Walk: a
section title longer than the tree column ends with «…» and its progress (12/18) stays in view.
"""

from __future__ import annotations

import pytest

from posture.assessment import Workspace
from posture.content import bundled_library
from posture.tui.app import PostureApp
from posture.tui.screens.home import HomeScreen
from posture.tui.widgets.literal import DataTable
from tests.tui.conftest import plain, screen_lines

LONG_VENDOR = "Servicios Integrales de Atención Telefónica del Bajío"


@pytest.mark.parametrize(("lang", "word", "line"), [
    ("es", "cifrada", "Cifrada: Enter pide su frase de contraseña."),
    ("en", "encrypted", "Encrypted: Enter asks for its passphrase."),
])
async def test_home_at_80_columns_says_encrypted_and_cuts_with_an_ellipsis(workspace, monkeypatch, lang, word, line):
    monkeypatch.delenv("POSTURE_PASSPHRASE", raising=False)
    checklist = bundled_library().checklists["remote-agents"]
    long = workspace.create(vendor=LONG_VENDOR, site="Guadalajara — Torre Norte", checklist=checklist)
    secret = workspace.create(vendor="Zeta", site="CDMX", checklist=checklist, passphrase="correct horse")
    app = PostureApp(lang=lang, workspace=Workspace())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one(DataTable)
        widths = [c.width for c in table.columns.values()]
        rows = {str(table.get_row_at(i)[-1]).rstrip("…"): [str(c) for c in table.get_row_at(i)]
                for i in range(table.row_count)}
        vendor = next(r for key, r in rows.items() if long.id.startswith(key))
        assert vendor[0].endswith("…") and LONG_VENDOR.startswith(vendor[0][:-1]) and len(vendor[0]) == widths[0]
        assert vendor[1].endswith("…") and len(vendor[1]) <= widths[1]
        encrypted = next(r for key, r in rows.items() if secret.id.startswith(key))
        assert encrypted[0] == word and len(word) <= widths[0]  # whole, not «no se puede» cut at the edge
        assert all(len(cell) <= w for r in rows.values() for cell, w in zip(r, widths, strict=True))
        reason = app.screen.query_one("#home-reason")
        for _ in range(table.row_count):
            if str(table.get_row_at(table.cursor_row)[0]) == word:
                break
            await pilot.press("down")
        await pilot.pause()
        assert reason.display and plain(reason).strip() == line
        await pilot.press("enter")
        await pilot.pause()
        from posture.tui.screens.passphrase import PassphraseScreen

        assert isinstance(app.screen, PassphraseScreen)  # what the row says is what Enter does


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_long_section_titles_end_with_an_ellipsis_and_keep_their_progress(workspace, assessment, lang):
    from posture.tui.screens.walk import WalkScreen
    from posture.tui.widgets.section_tree import SectionTree

    app = PostureApp(lang=lang, path=assessment.path, workspace=Workspace())  # opened at once, as `posture open`
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WalkScreen)
        tree = app.screen.query_one(SectionTree)
        room = tree.scrollable_content_region.width
        checklist = bundled_library().checklists["bpo-contact-center"]
        cut = 0
        for sid, node in tree.section_nodes.items():
            title = checklist.section(sid).title[lang]
            done, total = tree.session.section_progress(sid)
            label = tree.render_label(node, tree.rich_style, tree.rich_style).plain
            assert len(label) <= room, label
            assert label.endswith(f" {done}/{total}"), label  # the progress stays in view
            shown = label[2:-len(f" {done}/{total}")]  # after the ▶/▼ icon
            if shown != title:
                cut += 1
                assert shown.endswith("…") and title.startswith(shown[:-1]), (shown, title)
        assert cut >= 3  # at 80 columns most titles do not fit: the check saw cut ones
        # and on screen (the lines Textual draws, the scrollbar's column taken): every section line keeps its count
        import re

        drawn = [tree.render_line(y).text.rstrip() for y in range(tree.size.height)]
        sections = [line for line in drawn if line[:1] in ("▶", "▼")]
        assert sections and all(re.search(r"… \d+/\d+$|[^…] \d+/\d+$", line) for line in sections), sections
        totals = {f"/{len(s.questions)}" for s in checklist.sections}
        assert all(any(line.endswith(t) for t in totals) for line in sections), sections
        # what the terminal shows (the screenshot Textual composes): each visible section's whole count
        import html as _html

        svg = re.sub(r"\n\s*", "", re.sub(r"<[^>]+>", "", app.export_screenshot()))  # the text, span after span
        svg = _html.unescape(svg).replace("\xa0", " ")
        for sid, node in tree.section_nodes.items():
            if 0 <= node.line < tree.size.height:
                done, total = tree.session.section_progress(sid)
                tail = re.escape(checklist.section(sid).title[lang][-6:])
                assert re.search(rf"(…|{tail}) ?{done}/{total}(?!\d)", svg), (sid, f"{done}/{total}")


@pytest.mark.parametrize(("size", "shown"), [
    ((80, 24), "Compañía Óptima de Atención Telefónica y Cobranza… · 1 may 2026 …"),
    ((120, 30), "Compañía Óptima de Atención Telefónica y Cobranza… · 1 may 2026 · Monterrey Centro"),
])
async def test_the_interview_header_cuts_a_long_vendor_with_an_ellipsis(workspace, size, shown):
    """The status line is one line: a vendor of 90 characters was cut mid-word with no sign that more followed, and
    the site vanished silently (newcomer). The vendor is cut at a word with «…», and what still does not fit ends
    with «…»; the saved mark stays whole on the right."""
    from posture.tui.screens.walk import WalkScreen

    made = workspace.create(vendor="Compañía Óptima de Atención Telefónica y Cobranza Extrajudicial del Noreste "
                                   "S.A.P.I. de C.V.", site="Monterrey Centro",
                            checklist=bundled_library().checklists["quick-screening"], assessed_on="2026-05-01")
    app = PostureApp(lang="es", path=made.path, workspace=Workspace())
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WalkScreen)
        top = screen_lines(app)[0]
        assert top.strip().startswith(shown) and top.rstrip().endswith("sin cambios"), top
