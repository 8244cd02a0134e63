"""User text never commands the terminal (newcomer, issue #18): a vendor named ``Esc \\x1b[31mROJO\\x1b[0m``,
which ``posture new`` took, turned ``posture list``/``score``/``compare`` red and put raw ESC bytes into the
HTML export. ``posture new`` now refuses control characters (and a blank vendor or site, which it took and
then could not open); a file that holds them anyway (written by hand or another tool) is shown with them
visible (␛), in every command's output and in the HTML and PDF, and kept as written in the file."""

from __future__ import annotations

import subprocess
import sys

import pytest

from posture.shown import has_controls, visible

ESC_NAME = "Esc \x1b[31mROJO\x1b[0m"


def posture(*args, lang="es", workspace=None):
    env = {"PATH": "/usr/bin:/bin", "POSTURE_LANG": lang}
    if workspace is not None:
        env["POSTURE_WORKSPACE"] = str(workspace)
    return subprocess.run([sys.executable, "-m", "posture", *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=120)


def test_visible_replaces_one_character_for_one():
    assert visible("a\x1b[31mb\x07c\rd\x7fe\x9bf\tg\nh") == "a␛[31mb␇c␍d␡e\ufffdf\tg\nh"
    assert visible("Cobranza [/] Norte 📞 مركز") == "Cobranza [/] Norte 📞 مركز"
    assert all(has_controls(chr(c)) for c in [*range(0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)])
    assert not any(has_controls(c) for c in "\t\n \xa0é␛")


def test_bidirectional_overrides_are_shown_not_obeyed():
    """Trojan Source (CVE-2021-42574): U+202E RIGHT-TO-LEFT OVERRIDE makes a terminal draw the rest of the line
    reversed, so a vendor «Acme\u202egnissecorp» reads «Acme processing»; every embedding, override and isolate
    control becomes U+FFFD, one for one. Arabic and Hebrew letters, and the marks LRM/RLM, stay as written."""
    bidi = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    assert visible(f"Acme{bidi}x") == "Acme" + "\ufffd" * 9 + "x"
    assert all(has_controls(c) for c in bidi)
    assert not any(has_controls(c) for c in "\u200e\u200f\u2029\u2070مركز שלום")


def test_new_refuses_a_bidirectional_override(tmp_path):
    r = posture("new", "--vendor", "Acme\u202egnissecorp", "--site", "Norte", lang="es", workspace=tmp_path)
    assert (r.returncode, r.stderr.strip()) == (1, "el proveedor contiene el carácter de control U+202E, que una "
                                                   "terminal obedecería: escríbalo sin él")
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize(("option", "lang", "line"), [
    ("--vendor", "es", "el proveedor contiene el carácter de control U+001B, que una terminal obedecería: "
                       "escríbalo sin él"),
    ("--site", "en", "the site holds the control character U+001B, which a terminal would obey: write it "
                     "without it"),
    ("--scope", "es", "el alcance contiene el carácter de control U+001B, que una terminal obedecería: "
                      "escríbalo sin él"),
    ("--assessor", "en", "an assessor holds the control character U+001B, which a terminal would obey: write it "
                         "without it"),
])
def test_new_refuses_a_control_character(tmp_path, option, lang, line):
    given = {"--vendor": "Proveedor", "--site": "Sitio", option: ESC_NAME}
    args = [x for pair in given.items() for x in pair]
    r = posture("new", *args, lang=lang, workspace=tmp_path)
    assert (r.returncode, r.stdout, r.stderr.strip()) == (1, "", line)
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize(("vendor", "site", "lang", "line"), [
    ("", "Dos", "es", "el proveedor no puede estar vacío"),
    ("Uno", "  ", "en", "the site cannot be empty"),
])
def test_new_refuses_a_blank_vendor_or_site(tmp_path, vendor, site, lang, line):
    r = posture("new", "--vendor", vendor, "--site", site, lang=lang, workspace=tmp_path)
    assert (r.returncode, r.stderr.strip()) == (1, line)
    assert not any(tmp_path.iterdir())


@pytest.fixture
def escaped(tmp_path):
    """Two assessments whose vendor holds an escape sequence, written into the file by hand."""
    for site in ("Norte", "Sur"):
        assert posture("new", "--vendor", "Esc", "--site", site, "--date", "2026-03-10",
                       workspace=tmp_path).returncode == 0
        path = tmp_path / f"esc-{site.lower()}" / "assessment.yaml"
        path.write_text(path.read_text("utf-8").replace("vendor: Esc", 'vendor: "Esc \\e[31mROJO\\e[0m"'), "utf-8")
    return tmp_path


@pytest.mark.parametrize("args", [("list",), ("score", "esc-norte"), ("plan", "esc-norte"),
                                  ("compare", "esc-norte", "esc-sur"), ("soa", "esc-norte")])
def test_a_name_holding_an_escape_sequence_is_printed_visible(escaped, args):
    r = posture(*args, workspace=escaped)
    assert r.returncode == 0, r.stderr
    if args[0] in ("list", "score", "compare"):
        assert "Esc ␛[31mROJO␛[0m" in r.stdout
    assert not has_controls(r.stdout.replace("\n", "")) and not has_controls(r.stderr.replace("\n", ""))
    assert "\x1b[31mROJO" in (escaped / "esc-norte" / "assessment.yaml").read_text("utf-8").replace(
        "\\e", "\x1b")  # the file keeps what was written


def test_the_html_export_draws_the_escape_visible(escaped, tmp_path):
    out = tmp_path / "r.html"
    r = posture("export", "esc-norte", "--format", "html", "-o", out, workspace=escaped)
    assert r.returncode == 0, r.stderr
    html = out.read_text("utf-8")
    assert "Esc ␛[31mROJO␛[0m" in html and "\x1b" not in html


@pytest.mark.parametrize(("env", "lang"), [
    ({"POSTURE_LANG": "es"}, "es"), ({"POSTURE_LANG": "es_MX"}, "es"), ({"POSTURE_LANG": "es-MX"}, "es"),
    ({"POSTURE_LANG": "es_MX.UTF-8"}, "es"), ({"POSTURE_LANG": " EN_us "}, "en"),
    ({"POSTURE_LANG": "fr", "LANG": "es_MX.UTF-8"}, "es"), ({"POSTURE_LANG": "fr"}, "en"),
    ({"LANG": "es_MX.ISO-8859-1"}, "es"), ({"LC_ALL": "C", "LANG": "es_MX.UTF-8"}, "en"), ({}, "en"),
])
def test_the_language_setting_is_read_like_a_locale(env, lang):
    """POSTURE_LANG=es_MX silently gave English (newcomer): read as a locale name; one posture does not speak
    falls back to the locale variables."""
    from posture.i18n import detect_lang, unknown_lang_setting

    assert detect_lang(env) == lang
    assert (unknown_lang_setting(env) is not None) == (env.get("POSTURE_LANG") == "fr")


def test_an_unknown_language_setting_is_said_once(tmp_path):
    r = subprocess.run([sys.executable, "-m", "posture", "list"], capture_output=True, text=True, timeout=60,
                       env={"PATH": "/usr/bin:/bin", "POSTURE_LANG": "fr", "LANG": "es_MX.UTF-8",
                            "POSTURE_WORKSPACE": str(tmp_path)})
    assert r.returncode == 0
    assert r.stderr.splitlines() == ["POSTURE_LANG=fr: posture habla es, en; se usa es"]
    assert r.stdout.startswith("No hay evaluaciones")
    quiet = posture("list", lang="es_MX", workspace=tmp_path)
    assert quiet.stderr == "" and quiet.stdout.startswith("No hay evaluaciones")
