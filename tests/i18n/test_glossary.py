"""The Spanish texts follow docs/glossary.md: no word of its «No usar» column appears where its «Alcance» holds.

The texts are every Spanish string posture shows (tests/i18n/corpus.py: the gettext catalog when it exists,
the ``both(es, en)`` / ``{"es", "en"}`` literals of the code, the content YAML)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import corpus
import pytest

GLOSSARY = corpus.ROOT / "docs" / "glossary.md"
HEADER = ["Español", "English", "Norma / fuente", "No usar", "Salvo en", "Alcance"]


@dataclass(frozen=True)
class Entry:
    term: str
    english: str
    forbidden: tuple[str, ...]
    allowed: tuple[str, ...]
    scope: str  # "todo" | "posture" | "" (nothing checked)


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def glossary() -> list[Entry]:
    lines = GLOSSARY.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if _cells(line) == HEADER)
    entries = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        cells = _cells(line)
        assert len(cells) == len(HEADER), f"docs/glossary.md: a row needs {len(HEADER)} cells: {line}"
        split = lambda cell: tuple(w.strip() for w in cell.split(",") if w.strip())  # noqa: E731
        entries.append(Entry(cells[0], cells[1], split(cells[3]), split(cells[4]), cells[5]))
    return entries


def _in_scope(where: str, scope: str) -> bool:
    if scope == "todo":
        return True
    if scope == "posture":  # posture's own words: catalog, code, probe checks
        return where.startswith(("posture/", "checks/"))
    raise AssertionError(f"docs/glossary.md: unknown Alcance {scope!r} (todo or posture)")


def _pattern(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.IGNORECASE)


_NOT_WORDS = re.compile(r"\{[^{}]*\}|--[\w-]+")


def violations(entry: Entry, texts: list[corpus.Text]) -> list[str]:
    if not entry.forbidden:
        return []
    bad, ok = _pattern(entry.forbidden), _pattern(entry.allowed) if entry.allowed else None
    out = []
    for t in texts:
        if not _in_scope(t.where, entry.scope):
            continue
        text = _NOT_WORDS.sub(" ", t.text)  # {placeholders} and --options are names, not Spanish words
        text = ok.sub(" ", text) if ok else text
        m = bad.search(text)
        if m:
            out.append(f"{t.where}: «{m.group(0)}» (use «{entry.term}»): {t.text[:100]!r}")
    return out


SPANISH = corpus.all_texts("es")
ENTRIES = glossary()


def test_the_glossary_is_read_and_the_texts_are_found():
    terms = {e.term for e in ENTRIES}
    assert {"sondeo", "evaluación", "hallazgo", "evidencia", "proveedor", "responsable", "encargado", "declarado",
            "verificado", "dictamen", "plan de remediación", "acción"} <= terms
    assert len(terms) == len(ENTRIES), "one row per concept"
    assert len(SPANISH) > 2000 and any(t.where.startswith("checklists/") for t in SPANISH)
    assert any(t.where.startswith("posture/cli/") for t in SPANISH)


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e.forbidden], ids=lambda e: e.term)
def test_spanish_texts_use_the_glossary_word(entry):
    found = violations(entry, SPANISH)
    assert not found, "\n".join(found)


def test_the_check_finds_a_forbidden_word_and_spares_the_allowed_phrases():
    probe = next(e for e in ENTRIES if e.term == "sondeo")
    texts = [corpus.Text("posture/cli/x.py:1", "La prueba no se perdió"),
             corpus.Text("posture/cli/x.py:2", "método: prueba técnica; Pruebas de penetración"),
             corpus.Text("checklists/x.yaml: q", "Registro de la última prueba de restauración"),  # content: its sense
             corpus.Text("checks/x.yaml: c", "Repita la PRUEBA"),
             corpus.Text("posture/cli/y.py:3", "{pruebas} y --prueba-rapida")]  # a placeholder, an option
    assert [v.split(":")[0] for v in violations(probe, texts)] == ["posture/cli/x.py", "checks/x.yaml"]


def test_severity_reads_the_same_in_the_app_and_the_pdf():
    """A severity standing alone (the app's findings table, the PDF's badge) is the vocabulary's label with
    its first letter upper, in every language; the CLI's tag is the same word in capitals (docs/glossary.md,
    severidad). The app once wrote «alta» where the PDF wrote «Alta»."""
    from posture.i18n import LANGS
    from posture.report._strings import STRINGS
    from posture.tui.strings import t
    from posture.vocabulary import Severity, first_upper

    for lang in LANGS:
        for sev in Severity:
            app, pdf = t(f"sev_{sev.value}", lang), STRINGS[f"sev_{sev.value}"][lang]
            assert app == pdf == first_upper(sev.label)[lang], (lang, sev, app, pdf)
            assert sev.upper_label[lang] == pdf.upper()


def test_not_applicable_is_one_word_in_the_app():
    """The walk's key hint and the N/A justification dialog say «No aplica» in Spanish, like the CLI, the
    workbook and the PDF (the app once said «a N/A» and «Justificación N/A»)."""
    from posture.tui.strings import t
    from posture.vocabulary import AnswerValue

    assert AnswerValue.NA.short["es"] == "No aplica" and AnswerValue.NA.short["en"] == "N/A"
    assert "N/A" not in t("na_just", "es") and "No aplica" in t("na_just", "es")
