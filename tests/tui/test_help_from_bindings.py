"""Keys are typed once, in the BINDINGS: the help screen and the key hints are built from them."""

from __future__ import annotations

import re
from pathlib import Path

from textual.binding import Binding

from posture.assessment import Workspace
from posture.i18n import LANGS, Plural
from posture.tui.app import PostureApp
from posture.tui.bindings import key_label
from posture.tui.screens.help import HelpScreen, sections
from posture.tui.screens.walk import WalkScreen
from posture.tui.strings import S, t
from tests.tui.conftest import plain

WIDE = (200, 60)  # no help line wraps
GUIDES = Path(__file__).resolve().parents[2] / "docs" / "guides"


async def _help_lines(app: PostureApp, pilot, lang: str) -> dict[str, list[str]]:
    """Help text → the keys on its row, as the help screen shows them."""
    await pilot.press("question_mark")
    await pilot.pause()
    assert isinstance(app.screen, HelpScreen)
    rows: dict[str, list[str]] = {}
    for line in plain(app.screen.query_one("#help-body")).splitlines():
        match = re.match(r"(\S.*?)\s{2,}(\S.*?)\s*$", line)
        if match:
            for key in match.group(1).split(" "):  # a range of digit keys, 0–5, stands for each of them
                first, _, last = key.partition("–")
                keys = [str(d) for d in range(int(first), int(last) + 1)] if last.isdigit() else [key]
                rows.setdefault(match.group(2), []).extend(keys)
    return rows


async def test_every_binding_with_a_description_is_in_the_help(workspace, assessment):
    for lang in ("en", "es"):
        app = PostureApp(lang=lang, workspace=Workspace())
        async with app.run_test(size=WIDE) as pilot:
            rows = await _help_lines(app, pilot, lang)
        checked = 0
        for _title, cls, _extra in sections(PostureApp):
            for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", [])):
                if not binding.description:
                    continue
                assert binding.description in S, f"{cls.__name__} {binding.key}: description not translated"
                text = t(binding.tooltip if binding.tooltip in S else binding.description, lang)
                assert text in rows, f"{cls.__name__} {binding.key}: {text!r} missing from the help"
                assert key_label(binding.key) in rows[text], f"{cls.__name__}: {binding.key} not on its row"
                checked += 1
        assert checked >= 35  # app, home, walk, probes and report: every one of them was looked at


async def test_changing_a_bindings_key_changes_the_help_and_the_hint(workspace, assessment, monkeypatch):
    rebound = [Binding("w", "method", "k_method", show=False, tooltip="h_method") if b.action == "method" else b
               for b in WalkScreen.BINDINGS]
    monkeypatch.setattr(WalkScreen, "BINDINGS", rebound)
    monkeypatch.setattr(WalkScreen, "_merged_bindings", WalkScreen._merge_bindings())
    app = PostureApp(lang="en", path=assessment.path, workspace=Workspace())
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        walk = app.screen
        assert plain(walk.query_one("#q-keys")).startswith("y Yes · p Partial · n No · a N/A · w method · e evidence")
        await pilot.press("y", "w")  # the new key does it …
        assert walk.session.answer_of(walk.qid).method == "document"
        rows = await _help_lines(app, pilot, "en")
    assert rows[t("h_method", "en")] == ["w"]  # … and the help says so; m is named nowhere
    assert "m" not in [key for keys in rows.values() for key in keys]


def test_hints_name_keys_only_through_the_bindings():
    """No string of the app types a modifier key or Esc itself: they come from the BINDINGS."""
    def texts(value):  # a message in every language, or a plural's forms in every language
        if isinstance(value, Plural):
            return [value.form(lang, n) for lang in LANGS for n in (1, 2)]
        return list(value.values())
    typed = {key: v for key, value in S.items() for v in texts(value)
             if re.search(r"\b(Ctrl\+\w|Esc\b|F2\b)", v)}
    assert typed == {}


def _printed_keys(lang: str) -> dict[str, set[str]]:
    """The printable key reference (docs/guides/keys.LANG.md): section → the keys its rows name in bold."""
    out: dict[str, set[str]] = {}
    section = ""
    for line in (GUIDES / f"keys.{lang}.md").read_text("utf-8").splitlines():
        if not line.startswith("| "):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        section = cells[0].strip("*") or section
        keys = set(re.findall(r"\*\*(.+?)\*\*", cells[1]))
        for first, last in re.findall(r"\*\*(\d)\*\*–\*\*(\d)\*\*", cells[1]):
            keys |= {str(d) for d in range(int(first), int(last) + 1)}
        out.setdefault(section, set()).update(keys)
    return out


def test_the_printable_key_reference_names_every_bound_key():
    """The one copy of the keys outside the code (a page to print) follows the bindings too."""
    for lang in ("en", "es"):
        printed = _printed_keys(lang)
        everywhere = printed[t("help_everywhere", lang)]
        for title, cls, _extra in sections(PostureApp):
            for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", [])):
                if binding.description:
                    assert key_label(binding.key) in printed[t(title, lang)] | everywhere, \
                        f"keys.{lang}.md: {cls.__name__} binds {binding.key}, not in its section"
