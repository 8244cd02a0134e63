"""No English in Spanish output, and no Spanish in English output.

What is read, in both languages, on a copy of the demo: the CLI's score, plan, soa and compare, validate on
every broken content file (tests/data/content/broken), probe --import-nmap of every field case
(tests/data/nmap/field); the PDF report's text (real WeasyPrint, read with pdftotext); the app's home,
walk, probes, report and help screens (App.run_test, the screen's text from its SVG export).

The words are in english_words.txt / spanish_words.txt beside this file (whole words, any case). Before
the check, what is not posture's own wording is taken out: the demo's user text (vendor, site, notes…),
identifiers of the content (check, action and question ids), file paths, options, XML tags, the proper
names of proper_names.txt; in Spanish, a third-party message quoted as «mensaje de X: «…»», which posture
keeps as written after its own words; in English, the law's own words quoted «…» (the LFPDPPP's articles are
quoted verbatim in the report: the law exists only in Spanish; English texts quote with “…”).
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import corpus
import pytest
import yaml

from posture.cli import main

ROOT = corpus.ROOT
HERE = Path(__file__).resolve().parent
DEMO = ROOT / "demo" / "centro-de-contacto-demo"
BROKEN = sorted((ROOT / "tests" / "data" / "content" / "broken").glob("*.yaml"))
FIELD = sorted((ROOT / "tests" / "data" / "nmap" / "field").glob("*.xml"))
USER_KEYS = {"vendor", "site", "scope", "assessors", "note", "na_justification", "answered_by", "name", "role",
             "file", "path", "hostname", "authorization", "authorized_by", "contact", "justification", "owner",
             "window", "targets", "signed_by", "comment", "filename"}


def _list(name: str) -> list[str]:
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


FORBIDDEN = {"es": _list("english_words.txt"), "en": _list("spanish_words.txt")}
PROPER = _list("proper_names.txt")


def _strings(node, key: str = ""):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _strings(v, str(k))
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v, key)
    elif isinstance(node, str):
        yield key, node


def identifiers() -> set[str]:
    """Ids the content defines (checks, actions, questions, catalogs, checklists): names, not words."""
    ids = set()
    for d in corpus.CONTENT_DIRS:
        for path in (ROOT / d).rglob("*.yaml"):
            for key, value in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
                if key in ("id", "action", "check", "checks", "catalog", "questions") and " " not in value:
                    ids.add(value)
    return ids


def user_texts(folder: Path) -> list[str]:
    data = yaml.safe_load((folder / "assessment.yaml").read_text(encoding="utf-8"))
    found = {v for k, v in _strings(data) if k in USER_KEYS and len(v) >= 3}
    found |= {p.name for p in (folder / "evidence").rglob("*")} if (folder / "evidence").exists() else set()
    return sorted(found, key=len, reverse=True)


IDS = identifiers()
_ID_TOKEN = re.compile(r"[\w.:-]+")
_CLEAN = [
    re.compile(r"mensaje de [^:«]{1,40}: «[^»]*»"),  # a third-party message, quoted as written (Spanish only)
    re.compile(r"<[^>\n]{1,80}>"),  # XML tags of nmap's output
    re.compile(r"\b\w+://\S+"),  # URLs
    re.compile(r"(?:~|\.{1,2})?/?[\w.@+-]+(?:/[\w.@+-]+)+/?"),  # file paths (and port/protocol pairs)
    re.compile(r"--[\w-]+"),  # command-line options
    re.compile(r"\b[\w-]+\[\d+\](?:\.[\w-]+(?:\[\d+\])?)*"),  # a field's place in a file: sections[0].id
    # a date CLDR wrote (posture.l10n): es «13 ago 2019», en «Aug 13, 2019» (Spanish «ago» is August, not "ago")
    re.compile(r"\b\d{1,2} [a-z]{3,4}\.? \d{4}\b|\b[A-Z][a-z]{2,3}\.? \d{1,2}, \d{4}\b"),
]


_LAW_QUOTE = re.compile(r"«[^»]*»")


def _flat(text: str) -> str:
    return " ".join(text.split())


def cleaned(text: str, lang: str, user: list[str]) -> str:
    # one line per output line, each with its runs of spaces made one (a PDF wraps user text anywhere)
    text = "\n".join(_flat(line) for line in text.splitlines())
    for u in map(_flat, user):
        if u in text:
            text = text.replace(u, " ")
        elif u in _flat(text):  # user text the PDF wrapped over lines: removed from the text made one line
            text = _flat(text).replace(u, " ")
    if lang == "en":
        text = _LAW_QUOTE.sub(" ", text if "«" not in text else _flat(text))
    for name in PROPER:
        text = text.replace(name, " ")
    for i, pattern in enumerate(_CLEAN):
        if i == 0 and lang != "es":
            continue
        text = pattern.sub(" ", text)
    return _ID_TOKEN.sub(lambda m: " " if m.group(0).strip(".:") in IDS else m.group(0), text)


def leaks(text: str, lang: str, user: list[str]) -> list[str]:
    """Each forbidden word found in ``text`` (output in ``lang``), with its line."""
    text = cleaned(text, lang, user)
    out = []
    for phrase in FORBIDDEN[lang]:
        pattern = re.compile(r"(?<![\w-])" + re.escape(phrase) + r"(?![\w-])", re.IGNORECASE)
        for m in pattern.finditer(text):
            start = max(text.rfind("\n", 0, m.start()) + 1, m.start() - 70)
            end = min(e if (e := text.find("\n", m.end())) >= 0 else len(text), m.end() + 70)
            out.append(f"«{m.group(0)}» in: {text[start:end].strip()}")
    return out


@pytest.fixture(scope="module")
def demo_copy(tmp_path_factory):
    root = tmp_path_factory.mktemp("ws")
    shutil.copytree(DEMO, root / "centro-de-contacto-demo")
    later = root / "segunda-visita"
    shutil.copytree(DEMO, later)
    text = (later / "assessment.yaml").read_text(encoding="utf-8")
    (later / "assessment.yaml").write_text(text.replace("assessed_on: '2026-03-10'", "assessed_on: '2026-09-10'")
                                           .replace("id: centro-de-contacto-demo", "id: segunda-visita", 1),
                                           encoding="utf-8")
    return root


def _run(capsys, monkeypatch, root: Path, lang: str, *args: str) -> str:
    monkeypatch.setenv("POSTURE_WORKSPACE", str(root))
    monkeypatch.chdir(root)
    main(["--lang", lang, *args])
    done = capsys.readouterr()
    return done.out + done.err


def _cli_outputs(capsys, monkeypatch, root: Path, lang: str) -> dict[str, str]:
    demo, later = str(root / "centro-de-contacto-demo"), str(root / "segunda-visita")
    outputs = {cmd: _run(capsys, monkeypatch, root, lang, cmd, demo) for cmd in ("score", "plan", "soa")}
    outputs["compare"] = _run(capsys, monkeypatch, root, lang, "compare", demo, later)
    for f in BROKEN:
        outputs[f"validate {f.name}"] = _run(capsys, monkeypatch, root, lang, "validate", str(f))
    for f in FIELD:
        outputs[f"probe --import-nmap {f.name}"] = _run(capsys, monkeypatch, root, lang, "probe", "--import-nmap",
                                                        str(f))
    return outputs


@pytest.mark.parametrize("lang", ["es", "en"])
def test_cli_outputs_speak_one_language(lang, demo_copy, capsys, monkeypatch):
    user = user_texts(demo_copy / "centro-de-contacto-demo")
    outputs = _cli_outputs(capsys, monkeypatch, demo_copy, lang)
    assert all(outputs.values()) and "D" in outputs["score"]  # every command printed something
    found = [f"{name}: {leak}" for name, text in outputs.items() for leak in leaks(text, lang, user)]
    assert not found, "\n".join(found)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_pdf_report_speaks_one_language(lang, demo_copy):
    from posture.report import load, render_pdf

    pdf = render_pdf(load(demo_copy / "centro-de-contacto-demo"), lang)
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    text = text.decode("utf-8")
    assert text.count("\f") > 5
    found = leaks(text, lang, user_texts(demo_copy / "centro-de-contacto-demo"))
    assert not found, "\n".join(found)


def _screen_text(app) -> str:
    svg = app.export_screenshot()
    return "\n".join(html.unescape(t).replace("\u00a0", " ") for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg))


@pytest.mark.parametrize("lang", ["es", "en"])
async def test_the_app_screens_speak_one_language(lang, demo_copy, monkeypatch):
    from posture.assessment import Workspace
    from posture.tui.app import PostureApp
    from posture.tui.screens.help import HelpScreen
    from posture.tui.screens.probes import ProbesScreen
    from posture.tui.screens.report import ReportScreen
    from posture.tui.screens.walk import WalkScreen

    monkeypatch.setenv("POSTURE_WORKSPACE", str(demo_copy))
    monkeypatch.setenv("POSTURE_LANG", lang)
    screens = {}
    app = PostureApp(lang=lang, workspace=Workspace())
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        screens["home"] = _screen_text(app)
    app = PostureApp(lang=lang, path=demo_copy / "centro-de-contacto-demo" / "assessment.yaml", workspace=Workspace())
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WalkScreen)
        screens["walk"] = _screen_text(app)
        for key, kind, name in (("s", ProbesScreen, "probes"), ("r", ReportScreen, "report"),
                                ("question_mark", HelpScreen, "help")):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, kind)
            screens[name] = _screen_text(app)
            await pilot.press("escape")
            await pilot.pause()
    user = user_texts(demo_copy / "centro-de-contacto-demo")
    assert all(len(t) > 200 for t in screens.values())
    found = [f"{name}: {leak}" for name, text in screens.items() for leak in leaks(text, lang, user)]
    assert not found, "\n".join(found)


def test_the_check_sees_a_leak_and_spares_user_text_ids_and_quoted_messages():
    user = ["Cobranza and Partners"]
    es = ("Respuesta: yes\nCobranza and Partners\nacción phone-free-floor\n"
          "nmap terminó con error (mensaje de nmap: «failed to determine route»)\narchivo tests/data/the-file.xml")
    assert [leak.split(" in:")[0] for leak in leaks(es, "es", user)] == ["«yes»"]
    assert {leak.split(" in:")[0] for leak in leaks("Answer: sí, see the informe", "en", [])} == {"«sí»", "«informe»"}
