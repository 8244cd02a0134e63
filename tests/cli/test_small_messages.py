"""Small messages said right, in both languages (issue #18): argparse's counts, an empty nmap XML, --attach by
id, a broken YAML in posture's words, a missing file named as such, long section names cut with «…»."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from engine_support import DEMO

from posture.shown import clip


def posture(*args, lang, workspace=None, cwd=None):
    env = {"PATH": "/usr/bin:/bin", "POSTURE_LANG": lang}
    if workspace is not None:
        env["POSTURE_WORKSPACE"] = str(workspace)
    return subprocess.run([sys.executable, "-m", "posture", *map(str, args)], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=120)


ARGPARSE = [
    (("score",), "es", "posture score: error: falta el argumento obligatorio: ARCHIVO"),
    (("score",), "en", "posture score: error: the following argument is required: FILE"),
    (("compare",), "es", "posture compare: error: faltan los argumentos obligatorios: ANTERIOR, NUEVA"),
    (("compare",), "en", "posture compare: error: the following arguments are required: OLD, NEW"),
    (("score", "x", "--foo"), "es", "posture: error: argumento no reconocido: --foo"),
    (("score", "x", "--foo", "--bar"), "es", "posture: error: argumentos no reconocidos: --foo --bar"),
    (("score", "x", "--foo"), "en", "posture: error: unrecognized argument: --foo"),
    (("score", "x", "--foo", "--bar"), "en", "posture: error: unrecognized arguments: --foo --bar"),
    (("plan", "x", "--due-days", "1"), "es", "posture plan: error: argumento --due-days: se esperaban 3 argumentos"),
    (("plan", "x", "--due-days", "1"), "en", "posture plan: error: argument --due-days: expected 3 arguments"),
]


@pytest.mark.parametrize(("args", "lang", "line"), ARGPARSE)
def test_argparse_counts_what_it_names(args, lang, line):
    r = posture(*args, lang=lang)
    assert r.returncode == 2 and r.stderr.splitlines()[-1] == line


EMPTY_RUNS = ["<nmaprun></nmaprun>", '<?xml version="1.0"?>\n<nmaprun scanner="nmap" args="nmap -p 22 192.0.2.1" '
              'start="1700000000" version="7.94">\n</nmaprun>\n']


@pytest.mark.parametrize("xml", EMPTY_RUNS)
@pytest.mark.parametrize(("lang", "said"), [
    ("es", "no contiene ningún escaneo: <nmaprun> se cierra sin equipos y sin estadísticas finales (<runstats>)"),
    ("en", "holds no scan: <nmaprun> closes with no host and no run statistics (<runstats>)")])
def test_an_empty_nmaprun_is_bad_input_not_a_cut_scan(tmp_path, xml, lang, said):
    (tmp_path / "empty.xml").write_text(xml, "utf-8")
    (tmp_path / "zero.xml").write_text("", "utf-8")
    r = posture("probe", "--import-nmap", "empty.xml", lang=lang, cwd=tmp_path, workspace=tmp_path)
    zero = posture("probe", "--import-nmap", "zero.xml", lang=lang, cwd=tmp_path, workspace=tmp_path)
    assert r.stdout == "" and r.stderr.strip() == f"empty.xml: {said}"
    assert r.returncode == zero.returncode == 1  # as the other files that hold nothing to import


def test_a_closed_run_without_runstats_is_incomplete_for_that_reason(tmp_path):
    (tmp_path / "scan.xml").write_text(
        '<?xml version="1.0"?>\n<nmaprun scanner="nmap" args="nmap -p 22 192.0.2.1" start="1700000000" '
        'version="7.94">\n<host><status state="up"/><address addr="192.0.2.1" addrtype="ipv4"/><ports>'
        '<port protocol="tcp" portid="22"><state state="open"/><service name="ssh"/></port></ports></host>\n'
        '</nmaprun>\n', "utf-8")
    r = posture("probe", "--import-nmap", "scan.xml", lang="es", cwd=tmp_path, workspace=tmp_path)
    assert r.returncode == 3  # incomplete, findings kept
    assert "el escaneo se cierra sin sus estadísticas finales (<runstats>)" in r.stdout
    assert "sin cerrar" not in r.stdout  # it did close


@pytest.mark.parametrize("lang", ["es", "en"])
def test_attach_takes_an_id_as_the_help_says(tmp_path, lang):
    shutil.copytree(DEMO, tmp_path / "demo")
    r = posture("probe", "--import-nmap", DEMO / "perimeter-nmap.xml", "--attach", "demo", lang=lang,
                workspace=tmp_path)
    assert r.returncode == 3, r.stderr  # attached; the demo's scan is incomplete (docs/guides/it-probes)
    said = {"es": "Agregado a ", "en": "Attached to "}[lang]
    assert f"{said}{tmp_path / 'demo' / 'assessment.yaml'}: 22 " in r.stdout
    usage = posture("probe", "--help", lang=lang).stdout
    assert {"es": "--attach ID|ARCHIVO", "en": "--attach ID|FILE"}[lang] in usage
    wrong = posture("probe", "--import-nmap", DEMO / "perimeter-nmap.xml", "--attach", "dmeo", lang=lang,
                    workspace=tmp_path)
    assert wrong.returncode == 1 and "demo" in wrong.stderr and "Traceback" not in wrong.stderr


BROKEN = [  # (text, line, field, posture's words in es, in en, PyYAML's own)
    ('kind: assessment\nvendor: "unclosed\n', 3, "vendor", "el archivo termina a mitad de un valor",
     "the file ends in the middle of a value", "found unexpected end of stream"),
    ("kind: assessment\nanswers:\n  GOV-01:\n    value: [yes, no\n", 5, "answers.GOV-01.value",
     "falta «,» o «]» en una lista entre corchetes", "a ',' or ']' is missing in a bracketed list",
     "did not find expected ',' or ']'"),
]


@pytest.mark.parametrize(("text", "line", "field", "es", "en", "original"), BROKEN)
def test_a_broken_yaml_is_said_in_posture_words_with_file_line_and_field(tmp_path, text, line, field, es, en,
                                                                         original):
    (tmp_path / "assessment.yaml").write_text(text, "utf-8")
    said = {}
    for lang, words in (("es", es), ("en", en)):
        r = posture("score", "assessment.yaml", lang=lang, cwd=tmp_path, workspace=tmp_path)
        assert r.returncode == 1 and "Traceback" not in r.stderr
        [said[lang]] = r.stderr.splitlines()
        assert said[lang].startswith(f"assessment.yaml:{line}:1: {field}: "), said[lang]
        assert words in said[lang]
    assert said["es"].endswith(f"(mensaje de PyYAML: «{original}»)")
    assert said["en"].endswith(f"(PyYAML's message: “{original}”)")
    assert original not in said["en"].split("(PyYAML's message")[0]  # posture's words first, not PyYAML's


@pytest.mark.parametrize(("lang", "file", "folder"), [
    ("es", "el archivo /nonexistent/x.yaml no existe", "la carpeta /nonexistent/ no existe"),
    ("en", "the file /nonexistent/x.yaml does not exist", "the folder /nonexistent/ does not exist")])
def test_a_missing_file_is_named_as_a_missing_file(tmp_path, lang, file, folder):
    r = posture("score", "/nonexistent/x.yaml", lang=lang, workspace=tmp_path)
    assert r.returncode == 1 and r.stderr.strip() == file
    r = posture("score", "/nonexistent/", lang=lang, workspace=tmp_path)
    assert r.returncode == 1 and r.stderr.strip() == folder
    r = posture("score", "no-such-id", lang=lang, workspace=tmp_path)  # an id is still looked up in the workspace
    assert r.returncode == 1 and str(tmp_path) in r.stderr


def test_clip_cuts_at_a_word_with_an_ellipsis():
    assert clip("Pagos con tarjeta", 34) == "Pagos con tarjeta"
    assert clip("Gobierno y sistema de gestión de seguridad de la información (SGSI)", 34) == \
        "Gobierno y sistema de gestión de…"
    assert clip("Personas: selección, contratación, capacitación y salida", 34) == \
        "Personas: selección, contratación…"
    assert clip("A" * 50, 10) == "A" * 9 + "…"
    assert all(len(clip("palabra " * n, 20)) <= 20 for n in range(1, 8))


@pytest.mark.parametrize("lang", ["es", "en"])
def test_score_cuts_long_section_names_with_an_ellipsis(lang):
    from posture.content import bundled_library

    titles = [s.title[lang] for s in bundled_library().checklists["bpo-contact-center"].sections]
    r = posture("score", DEMO / "assessment.yaml", lang=lang)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith(titles[0][:20]))
    shown = [line[:34].rstrip() for line in lines[first:first + len(titles)]]
    cut = [(s, t) for s, t in zip(shown, titles, strict=True) if s != t]
    assert cut and all(s.endswith("…") and t.startswith(s[:-1]) for s, t in cut), cut


def test_messages_with_several_counts_give_each_its_own_form():
    """One count of 1 among others: «1 cubierto, 7 excluidos», not «1 cubiertos» (the plural picked once)."""
    from posture.cli._helpers import MSG
    from posture.cli.validate import _MSG as VALIDATE
    from posture.findings import message
    from posture.i18n import fmt
    from posture.report._view import Strings

    line = fmt(VALIDATE["cov_line"], name="PCI DSS", pct="90%", covered=fmt(VALIDATE["covered"], n=1),
               excluded=fmt(VALIDATE["excluded"], n=7), missing=0, total=8)
    assert line["es"].endswith("1 cubierto, 7 excluidos, 0 sin cubrir (de 8)")
    assert line["en"].endswith("1 covered, 7 excluded, 0 missing (of 8)")
    drift = fmt(MSG["drift"], new=fmt(MSG["new_questions"], n=1), changed=fmt(MSG["changed_questions"], n=2),
                answered=1, removed=0)
    assert "1 pregunta nueva, 2 cambiadas" in drift["es"] and "1 new question, 2 changed" in drift["en"]
    es, en = Strings("es"), Strings("en")
    assert es("plan_more", n=1, p1=1, p2=0, p3=0, handled=0).startswith("La otra acción está en el informe completo")
    assert en("plan_more", n=2, p1=1, p2=1, p3=0, handled=0).startswith("The other 2 actions are")
    assert (es("days", n=1), es("days", n=30), en("days", n=1)) == ("1 día", "30 días", "1 day")
    expired = {"id": "evidence.cert_expired", "params": {"stamp": "2026-01-01", "days": 1, "cn": "pbx"}}
    assert message(expired, "es") == "válido hasta 1 ene 2026 (venció hace 1 día), CN=pbx"  # dates: CLDR
    assert message({**expired, "params": {**expired["params"], "days": 9}}, "en") == \
        "valid until Jan 1, 2026 (9 days ago), CN=pbx"


@pytest.mark.parametrize(("typed", "lang"), [("ejecutivo", "es"), ("executive", "es"), ("Ejecutivo", "en")])
def test_report_audience_is_typed_in_the_readers_words(tmp_path, typed, lang):
    """`--audience {executive,full}` in the Spanish help (newcomer): the choices are the words of the file
    name in the reader's language (ejecutivo, completo); the ids are taken too."""
    out = tmp_path / "x.pdf"
    r = posture("report", DEMO / "assessment.yaml", "-o", out, "--audience", typed, lang=lang)
    assert r.returncode == 0, r.stderr
    assert r.stderr.startswith({"es": "informe escrito: ", "en": "report written: "}[lang])
    assert 20_000 < out.stat().st_size < 150_000  # the executive version: three pages, not the full report
    help_es = posture("report", "--help", lang="es").stdout
    assert "--audience {ejecutivo,completo}" in help_es and "executive" not in help_es
    bad = posture("report", DEMO / "assessment.yaml", "-o", out, "--audience", "corto", lang="es")
    assert bad.returncode == 2
    assert bad.stderr.splitlines()[-1] == ("posture report: error: argumento --audience: opción inválida: 'corto' "
                                           "(elija entre ejecutivo, completo)")


def test_lang_after_the_subcommand_is_taken_by_every_command(tmp_path):
    """`posture probe --lang es --import-nmap x.xml` said «argumento no reconocido: --lang» while report, export
    and portfolio took it there (newcomer): every subcommand takes --lang after its name too."""
    scan = Path(__file__).resolve().parents[1] / "data" / "nmap" / "field" / "down-hosts-counted.xml"
    r = posture("probe", "--lang", "es", "--import-nmap", scan, lang="en")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("Sondeo importado ")
    r = posture("score", DEMO / "assessment.yaml", "--lang", "en", lang="es")
    assert r.returncode == 0 and "Overall" in r.stdout and "General" not in r.stdout


@pytest.mark.parametrize(("args", "lang", "line"), [
    (("score", "DEMO", "--on", "31/11/2026"), "es",
     "fecha inválida '31/11/2026' en --on (use AAAA-MM-DD o DD/MM/AAAA)"),
    (("score", "DEMO", "--on", "30/11/2026"), "en", "invalid date '30/11/2026' in --on (use YYYY-MM-DD)"),
    (("plan", "DEMO", "--set", "phone-free-floor", "risk-accepted", "--justification", "j", "--owner", "o",
      "--expires", "30/02/2027"), "es", "fecha de vencimiento inválida '30/02/2027' (use AAAA-MM-DD o DD/MM/AAAA)"),
])
def test_every_date_option_takes_the_same_forms(tmp_path, args, lang, line):
    """`new --date 30/11/2026` was taken in Spanish while `--on` and `--expires` refused it (newcomer): every
    date a person types takes ISO, and DD/MM/AAAA in Spanish; English takes ISO only (no silent US order)."""
    shutil.copytree(DEMO, tmp_path / "demo")
    r = posture(*[str(tmp_path / "demo") if a == "DEMO" else a for a in args], lang=lang)
    assert (r.returncode, r.stderr.strip()) == (1, line)


def test_a_spanish_date_is_taken_by_on_and_expires(tmp_path):
    shutil.copytree(DEMO, tmp_path / "demo")
    iso = posture("score", tmp_path / "demo", "--on", "2026-11-30", "--json", lang="es")
    typed = posture("score", tmp_path / "demo", "--on", "30/11/2026", "--json", lang="es")
    assert iso.returncode == typed.returncode == 0 and iso.stdout == typed.stdout
    r = posture("plan", tmp_path / "demo", "--set", "phone-free-floor", "riesgo aceptado", "--justification", "j",
                "--owner", "o", "--expires", "30/11/2027", lang="es")
    assert r.returncode == 0, r.stderr
    assert "expires: '2027-11-30'" in (tmp_path / "demo" / "assessment.yaml").read_text("utf-8")
