"""The gettext catalogs (issue #18): complete, used, compiled, and a new language is only a catalog file.

The messages are extracted fresh with Babel from the code and the report templates (tools/i18n_catalog.py,
the same mapping and keywords as the pybabel commands in DEVELOPERS.md) and compared with the Spanish
catalog: an untranslated or fuzzy entry, an id no code uses, a code string missing from the catalog, a
placeholder that differs between the English and the Spanish, or a .mo that is not the compiled .po fails.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from posture.i18n import LANGS, _, _n, _p, fmt, tr
from posture.report._strings import STRINGS

ROOT = Path(__file__).resolve().parents[1]


def _tool(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


cat = _tool("i18n_catalog")


@pytest.fixture(scope="module")
def template():
    return cat.extract()


def test_every_catalog_is_complete_used_and_compiled(template):
    assert "es" in cat.languages()
    for lang in cat.languages():
        assert cat.problems(lang, template) == []


def test_extraction_reads_the_code_and_the_report_templates(template):
    where = {m.id: {loc for loc, _ in m.locations} for m in template if m.id}
    assert "posture/report/templates/report.html.j2" in where["Verdict"]  # jinja2.ext.i18n's _("...")
    run_noun = template.get("Run", "noun")  # pgettext("noun", "Run") in the template, _p("noun", "Run") in code
    assert run_noun is not None and "posture/report/templates/report.html.j2" in {loc for loc, _ in run_noun.locations}
    assert "posture/cli/_argparse_i18n.py" in where[("the following argument is required: %s",
                                                      "the following arguments are required: %s")]
    plural = template.get("{n} problem")
    assert plural is not None and plural.id == ("{n} problem", "{n} problems")


def test_no_bilingual_literal_is_left_for_the_converter():
    """A new both("es", "en") / {"es": ..., "en": ...} literal in posture/ means: run tools/i18n_convert.py."""
    conv = _tool("i18n_convert")
    run = conv.Run(conv.load_decisions())
    pending = [f"{p.relative_to(ROOT)}" for p in sorted(conv.PKG.rglob("*.py"))
               if p not in conv.SKIP and conv.GENERATED not in p.parents and conv.convert_module(p, run) is not None]
    assert pending == [], f"run python tools/i18n_convert.py: {pending}"
    assert run.sites == []


def _catalog_dir(tmp_path: Path, entries: dict[str, str], *, fuzzy: set[str] = frozenset()) -> Path:
    """A locale tree holding one catalog ``xx`` with ``entries`` (msgid → msgstr), compiled."""
    c = Catalog(locale=None, domain="posture", fuzzy=False)
    c._num_plurals, c._plural_expr = 2, "(n != 1)"
    for msgid, msgstr in entries.items():
        c.add(msgid, msgstr, flags={"fuzzy"} if msgid in fuzzy else ())
    po = cat.po_path("xx", tmp_path)
    po.parent.mkdir(parents=True)
    with po.open("wb") as fh:
        write_po(fh, c)
    po.with_suffix(".mo").write_bytes(cat.render_mo(cat.read(po)))
    return tmp_path


def test_the_checks_fail_on_each_kind_of_fault(tmp_path, template):
    root = _catalog_dir(tmp_path, {"Verdict": "", "Vendor": "Vvvendor", "Site": "Sss", "Coverage: {answered} of "
                                   "{total} questions answered ({pct})": "Ccc {answered} / {totl} ({pct})",
                                   "no code says this": "xxx"}, fuzzy={"Site"})
    found = "\n".join(cat.problems("xx", template, root))
    assert "'Verdict': untranslated" in found
    assert "'Site': fuzzy" in found
    assert "placeholders ['answered', 'pct', 'totl'] differ" in found
    assert "'no code says this': no code uses it" in found
    assert "'Security posture assessment': missing from the catalog" in found
    assert "stale" not in found
    po = cat.po_path("xx", root)
    po.write_text(po.read_text("utf-8").replace("Vvvendor", "Vendedor"), "utf-8")  # edited, not compiled
    assert any("stale, not the compiled posture.po" in p for p in cat.problems("xx", template, root))


def test_plurals_take_the_form_of_each_language():
    capped = STRINGS["capped"]
    assert fmt(capped, cap="C", n=1)["es"] == "limitado al C por 1 falla crítica"
    assert fmt(capped, cap="C", n=3)["es"] == "limitado al C por 3 fallas críticas"
    assert fmt(capped, cap="C", n=1)["en"] == "capped at C by 1 critical failure"
    assert fmt(capped, cap="C", n=0)["en"] == "capped at C by 0 critical failures"
    hosts = _n("{n} host", "{n} hosts")
    assert [fmt(hosts, n=k)["es"] for k in (0, 1, 2)] == ["0 equipos", "1 equipo", "2 equipos"]
    with pytest.raises(TypeError):
        tr(hosts, "es")


def test_context_separates_two_meanings_of_one_english_word():
    """Every English word the catalog keeps under two contexts reads differently in each (else: unify it)."""
    by_id: dict[str, dict[str | None, str]] = {}
    for m in cat.read(cat.po_path("es")):
        if m.id and not isinstance(m.id, tuple):
            by_id.setdefault(m.id, {})[m.context] = m.string
    twins = {mid: forms for mid, forms in by_id.items() if len(forms) > 1}
    assert twins, "no pgettext context in the catalog"
    for mid, forms in twins.items():
        assert len(set(forms.values())) == len(forms), (mid, forms)
        for context, spanish in forms.items():
            assert _p(context, mid)["es"] == spanish and _p(context, mid)["en"] == mid


def test_a_message_is_a_dict_of_every_language():
    msg = _("Vendor")
    assert msg == {"es": "Proveedor", "en": "Vendor"} and msg.msgid == "Vendor"
    assert tuple(msg) == LANGS == ("es", "en")
    assert fmt(_("Next review: {date}"), date="1/2")["es"] == "Próxima revisión: 1/2"
    # a parameter that is a function fills each language with what it gives for that language
    assert fmt(_("Next review: {date}"), date=lambda lang: f"<{lang}>") == {"es": "Próxima revisión: <es>",
                                                                           "en": "Next review: <en>"}
    # content text stays es/en: any other language reads its English
    assert tr({"es": "Proveedor", "en": "Vendor"}, "xx") == "Vendor"


def test_a_third_language_is_a_catalog_file_not_a_code_change(tmp_path):
    locale = tmp_path / "locale"
    shutil.copytree(ROOT / "posture" / "locale", locale)
    _catalog_dir(locale, {"usage: ": "ŭsage: ", "validate catalogs, checklists and probe checks": "vălidate ŭ"})
    env = {k: v for k, v in os.environ.items() if not k.startswith(("POSTURE_", "LC_", "LANG"))}
    env.update(POSTURE_LOCALE_DIR=str(locale), PYTHONIOENCODING="utf-8")
    posture = [sys.executable, "-m", "posture"]

    out = subprocess.run([*posture, "--lang", "xx", "validate", "--help"], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("ŭsage: posture validate") and "vălidate ŭ" in out.stdout
    assert "show this help message and exit" in out.stdout  # not in the xx catalog: English, never Spanish
    langs = subprocess.run([sys.executable, "-c", "from posture.i18n import LANGS, detect_lang; "
                            "print(LANGS, detect_lang())"], env={**env, "LANG": "xx_YY.UTF-8"},
                           capture_output=True, text=True, check=True).stdout
    assert langs.strip() == "('es', 'xx', 'en') xx"
    by_env = subprocess.run([*posture, "validate", "--help"], env={**env, "POSTURE_LANG": "xx"},
                            capture_output=True, text=True)
    assert by_env.stdout.startswith("ŭsage: ")
    # without the setting the installed catalogs are the only languages: xx is refused like any unknown one
    plain = {k: v for k, v in env.items() if k != "POSTURE_LOCALE_DIR"}
    refused = subprocess.run([*posture, "--lang", "xx", "validate", "--help"], env=plain, capture_output=True,
                             text=True)
    assert refused.returncode == 2 and "xx" in refused.stderr


def test_a_language_without_posture_words_is_named_by_cldr():
    from posture.i18n import language_name

    assert language_name("es", "es") == "Español" and language_name("en", "es") == "Inglés"
    assert language_name("pt", "es") == "portugués" and language_name("pt", "en") == "Portuguese"
    assert language_name("xx", "es") == "xx"  # no CLDR name: its code


def test_stored_messages_render_their_plural_from_the_count_parameter():
    from posture.findings import message

    one = {"id": "import.bad_bytes", "params": {"count": 1, "encoding": "latin-1", "line": 3}}
    many = {"id": "import.bad_bytes", "params": {"count": 4, "encoding": "latin-1", "line": 3}}
    assert message(one, "es") == "1 secuencia de bytes no válida en latin-1 se reemplazó (en la línea 3)"
    assert message(many, "en") == "4 byte sequences not valid latin-1 were replaced (the first at line 3)"
    assert message({"id": "import.bad_bytes", "params": {}}, "es").startswith("? secuencias de bytes")
