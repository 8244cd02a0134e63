"""The LFPDPPP (2025) obligation catalog, checked against the law's text and the project reference.

Every ``law_2025`` reference is checked against the shipped text of the law in force (laws/lfpdppp-2025.json,
DOF 20-03-2025, last reform DOF 14-11-2025): the article (and fraction) exists and contains the words of
its obligation, listed in lfpdppp_keywords.yaml beside this file. The 2010 law and the 2011 Reglamento
are not shipped; for them the reference (tests/data/reference/catalogs.md) is parsed so the confidences
cannot drift from it: §3.4 gives each Reglamento security article's confidence, §3.3 arts. 51-55'.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from posture.content import article_numbers, law_text, load_catalog

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "controls" / "lfpdppp-2025.yaml"
REFERENCE = ROOT / "tests" / "data" / "reference" / "catalogs.md"
KEYWORDS = yaml.safe_load((Path(__file__).with_name("lfpdppp_keywords.yaml")).read_text(encoding="utf-8"))

CONFIDENCES = {"high", "medium-high", "medium", "low-medium", "low", "inferred", "unknown"}
INSTRUMENTS = {"law_2025", "law_2010", "reglamento_2011"}
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]

EXPECTED = {
    "principios": ["PRIN-LICITUD", "PRIN-CONSENTIMIENTO", "PRIN-DATOS-SENSIBLES", "PRIN-INFORMACION",
                   "PRIN-CALIDAD", "PRIN-FINALIDAD", "PRIN-LEALTAD", "PRIN-PROPORCIONALIDAD",
                   "PRIN-RESPONSABILIDAD"],
    "aviso": ["AVISO-INTEGRAL", "AVISO-SIMPLIFICADO", "AVISO-INDIRECTO"],
    "seguridad": ["SEG-MEDIDAS", "SEG-FACTORES-RIESGO", *[f"SEG-61-{r}" for r in ROMAN], "SEG-ACTUALIZACION"],
    "brechas": ["BRECHA-NOTIFICACION", "BRECHA-CONTENIDO", "BRECHA-CORRECTIVAS", "BRECHA-AVISO-RESPONSABLE"],
    "confidencialidad": ["CONFIDENCIALIDAD"],
    "arco": ["ARCO-DERECHOS", "ARCO-DEPARTAMENTO", "ARCO-PLAZOS", "ARCO-GRATUIDAD",
             "ARCO-DECISIONES-AUTOMATIZADAS"],
    "encargado": [*[f"ENC-50-{r}" for r in ROMAN[:6]], "ENC-CONTRATO", "ENC-NUBE", "ENC-SUBCONTRATACION",
                  "ENC-RESPONSABLE-PROPIO"],
    "transferencias": ["REMISION", "TRANSFERENCIA", "TRANSFERENCIA-EXCEPCIONES",
                       "TRANSFERENCIA-INTERNACIONAL"],
}

# The citations the brief asks for, as (instrument, article, fraction-or-None). Extra refs are allowed.
REQUIRED_REFS = {
    "AVISO-INTEGRAL": [("law_2025", "15", None), ("law_2010", "16", None)],
    "AVISO-SIMPLIFICADO": [("law_2025", "16", "II"), ("law_2010", "17", "II")],
    "AVISO-INDIRECTO": [("law_2025", "17", None), ("law_2010", "18", None), ("reglamento_2011", "29", None)],
    "SEG-MEDIDAS": [("law_2025", "18", None), ("law_2010", "19", None), ("reglamento_2011", "57", None),
                    ("reglamento_2011", "2", "V-VII")],
    "SEG-FACTORES-RIESGO": [("reglamento_2011", "60", None)],
    "SEG-ACTUALIZACION": [("reglamento_2011", "62", None)],
    "BRECHA-NOTIFICACION": [("law_2025", "19", None), ("law_2010", "20", None),
                            ("reglamento_2011", "64", None), ("reglamento_2011", "63", None)],
    "BRECHA-CONTENIDO": [("reglamento_2011", "65", None)],
    "BRECHA-CORRECTIVAS": [("reglamento_2011", "66", None)],
    "BRECHA-AVISO-RESPONSABLE": [("reglamento_2011", "50", "III-IV")],
    "CONFIDENCIALIDAD": [("law_2025", "20", None), ("law_2010", "21", None)],
    "ARCO-DERECHOS": [("law_2025", "21-22", None), ("law_2025", "23-26", None), ("law_2010", "22-27", None),
                      ("reglamento_2011", "87-112", None)],
    "ARCO-DEPARTAMENTO": [("law_2025", "29", None), ("law_2010", "30", None)],
    "ARCO-PLAZOS": [("law_2025", "31", None), ("law_2010", "32", None), ("reglamento_2011", "96-97", None)],
    "ARCO-GRATUIDAD": [("law_2025", "34", None), ("law_2010", "35", None)],
    "ARCO-DECISIONES-AUTOMATIZADAS": [("law_2025", "26", "II"), ("reglamento_2011", "112", None)],
    "ENC-CONTRATO": [("reglamento_2011", "51", None)],
    "ENC-NUBE": [("reglamento_2011", "52", None)],
    "ENC-SUBCONTRATACION": [("reglamento_2011", "54-55", None)],
    "ENC-RESPONSABLE-PROPIO": [("law_2025", "29", None)],
    "REMISION": [("reglamento_2011", "2", "IX"), ("reglamento_2011", "53", None), ("law_2025", "35", None)],
    "TRANSFERENCIA": [("law_2025", "35", None), ("law_2010", "36", None), ("reglamento_2011", "67-73", None)],
    "TRANSFERENCIA-EXCEPCIONES": [("law_2025", "36", None), ("law_2010", "37", None)],
    "TRANSFERENCIA-INTERNACIONAL": [("reglamento_2011", "74-76", None), ("law_2025", "35", None)],
}


@pytest.fixture(scope="module")
def cat():
    return load_catalog(CATALOG)


@pytest.fixture(scope="module")
def reference() -> str:
    return REFERENCE.read_text(encoding="utf-8")


def articles(article: str) -> set[int]:
    """'18' -> {18}; '21-26' -> {21..26}; '7, 9' -> {7, 9}."""
    out: set[int] = set()
    for part in article.split(","):
        lo, _, hi = part.strip().partition("-")
        out.update(range(int(lo), int(hi or lo) + 1))
    return out


def all_refs(cat):
    return [(c, r) for c in cat.controls for r in c.legal_refs]


def is_text(value) -> bool:
    return (isinstance(value, dict) and set(value) == {"es", "en"}
            and all(isinstance(value[k], str) and value[k].strip() for k in ("es", "en")))


# -- header ---------------------------------------------------------------------------------------

def test_header(cat):
    assert cat.id == "lfpdppp-2025"
    assert cat.short_name == "LFPDPPP"
    assert cat.version == "2025"
    assert cat.published == "2025-03-20"
    assert cat.effective == "2025-03-21"
    assert cat.name["es"] == ("Ley Federal de Protección de Datos Personales en Posesión de los "
                              "Particulares (2025)")
    assert cat.name["en"] == "Federal Law on the Protection of Personal Data Held by Private Parties (2025)"
    assert cat.coverage_types == ["obligation"]
    assert set(cat.languages) == {"es", "en"}
    assert set(cat.types) == {"obligation"}
    urls = [s["url"] for s in cat.sources]
    assert any("dof.gob.mx" in u and "5752569" in u for u in urls)
    assert any(u.endswith("/LeyesBiblio/pdf/LFPDPPP.pdf") for u in urls)
    assert any(u.endswith("/regley/Reg_LFPDPPP.pdf") for u in urls)
    # The description carries the key facts: new authority, Reglamento status, the Nov-2025 reform.
    for lang in ("es", "en"):
        text = cat.description[lang]
        assert "Secretaría Anticorrupción y Buen Gobierno" in text
        assert "INAI" in text and "2010" in text and "14-11-2025" in text


def test_groups(cat):
    assert [g.id for g in cat.groups] == list(EXPECTED)


# -- ids and structure ----------------------------------------------------------------------------

def test_exact_control_ids_in_order(cat):
    expected = [cid for ids in EXPECTED.values() for cid in ids]
    assert [c.id for c in cat.controls] == expected
    assert len(expected) == len(set(expected)) == 48


@pytest.mark.parametrize("group,ids", EXPECTED.items())
def test_each_control_in_its_group(cat, group, ids):
    for cid in ids:
        control = cat.control(cid)
        assert control is not None, cid
        assert control.group == group, cid
        assert control.type == "obligation", cid


def test_every_control_has_legal_refs_with_allowed_values(cat):
    for c in cat.controls:
        assert c.legal_refs, f"{c.id} has no legal_refs"
        for r in c.legal_refs:
            assert r.instrument in INSTRUMENTS, (c.id, r)
            assert r.confidence in CONFIDENCES, (c.id, r)
            assert re.fullmatch(r"\d+(-\d+)?", r.article), (c.id, r.article)
            if r.fraction is not None:
                assert re.fullmatch(r"[IVXL]+(-[IVXL]+)?", r.fraction), (c.id, r.fraction)


@pytest.mark.parametrize("cid,refs", REQUIRED_REFS.items())
def test_required_citations_present(cat, cid, refs):
    cited = {(r.instrument, r.article, r.fraction) for r in cat.control(cid).legal_refs}
    for ref in refs:
        assert ref in cited, f"{cid} should cite {ref}; has {sorted(cited, key=str)}"


def test_ids_and_article_numbers_are_quoted_in_yaml():
    pattern = re.compile(r"\b(id|group|parent|article|fraction|instrument): (?![\"{\[])")
    bad = [(n, line) for n, line in enumerate(CATALOG.read_text(encoding="utf-8").splitlines(), 1)
           if not line.lstrip().startswith("#") and pattern.search(line)]
    assert not bad, bad


# -- the 2025 references against the law's text -----------------------------------------------------

def test_law_text_is_the_text_in_force():
    law = law_text("lfpdppp-2025")
    assert list(law.articles) == [str(n) for n in range(1, 65)]
    assert "LFPDPPP.pdf" in law.source["text"] and "14-11-2025" in law.source["text"]
    assert law.info.published == "2025-03-20" and law.info.last_reform == "2025-11-14"
    # The 14-11-2025 reform touched only article 4; every other article keeps the 20-03-2025 wording.
    assert {n for n, a in law.articles.items() if a.dof != "2025-03-20"} == {"4"}
    assert law.article("4").dof == "2025-11-14"


def law_2025_keys(cat) -> dict[str, set[str]]:
    """Per control, what its law_2025 references cite: '18', '16 II', and each number of a range."""
    out: dict[str, set[str]] = {}
    for c, r in all_refs(cat):
        if r.instrument == "law_2025":
            for n in article_numbers(r.article):
                out.setdefault(c.id, set()).add(f"{n} {r.fraction}" if r.fraction else n)
    return out


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).lower()


def cited_text(key: str) -> str | None:
    number, _, fraction = key.partition(" ")
    article = law_text().article(number)
    if article is None:
        return None
    return norm(article.fraction(fraction) or "") if fraction else norm(article.text)


def test_every_2025_reference_names_an_article_that_exists(cat):
    law = law_text()
    checked = 0
    for c, r in all_refs(cat):
        if r.instrument != "law_2025":
            continue
        for n in article_numbers(r.article):
            article = law.article(n)
            assert article is not None, f"{c.id}: the 2025 law has no article {n}"
            if r.fraction:
                for roman in r.fraction.split("-"):
                    assert article.fraction(roman) is not None, f"{c.id}: art. {n} has no fraction {roman}"
            checked += 1
    assert checked >= 35


def test_keyword_list_covers_exactly_the_2025_references(cat):
    expected = law_2025_keys(cat)
    listed = {cid: set(entries) for cid, entries in KEYWORDS.items()}
    assert listed == expected, "update tests/content/lfpdppp_keywords.yaml with the catalog's law_2025 references"


@pytest.mark.parametrize("cid,key", [(cid, key) for cid, entries in KEYWORDS.items() for key in entries])
def test_cited_article_contains_the_words_of_its_obligation(cid, key):
    words = [w.lower() for w in KEYWORDS[cid][key]]
    text = cited_text(key)
    assert text is not None, f"{cid}: art. {key} is not in the 2025 law"
    missing = [w for w in words if w not in text]
    assert not missing, f"{cid}: art. {key} of the 2025 law does not say {missing}"
    # The words are the article's own: a number one off would not match them.
    number = int(key.split()[0])
    for other in (number - 1, number + 1):
        neighbour = cited_text(str(other))
        assert neighbour is None or not all(w in neighbour for w in words), \
            f"{cid}: the words for art. {key} also fit art. {other}; choose words only art. {key} says"


def test_confirmed_2025_references_carry_no_doubt(cat):
    for c, r in all_refs(cat):
        if r.instrument == "law_2025":
            assert r.confidence == "high", (c.id, r)
            assert not r.uncertain
            if r.note is not None:
                assert "DOF" not in r.note["es"] + r.note["en"], (c.id, r.note)  # no "verify in the DOF"
    raw = CATALOG.read_text(encoding="utf-8")
    for doubt in ("inferido", "Inferred", "patrón −1", "confianza media)", "medium confidence)",
                  "Según una fuente", "According to one source"):
        assert doubt not in raw, doubt


def inferred_2025_articles(reference: str) -> set[int]:
    section = reference.split("### 5.3", 1)[1]
    match = re.search(r"marked `inferred` \(([\d, ]+)\)", section)
    assert match, "reference §5.3 no longer lists the inferred 2025 articles"
    return {int(n) for n in match.group(1).split(",")}


def test_numbers_the_old_reference_inferred_are_confirmed_by_the_text(cat, reference):
    inferred = inferred_2025_articles(reference)
    assert inferred == {5, 6, 13, 21, 22, 27}
    cited = {int(k.split()[0]) for keys in law_2025_keys(cat).values() for k in keys} & inferred
    assert cited == {6, 13, 21, 22}  # each is checked by its keywords above


def test_only_unverified_instruments_keep_uncertainty_marks(cat):
    uncertain = [(c.id, r) for c, r in all_refs(cat) if r.uncertain]
    assert uncertain, "the Reglamento ranges that no primary text confirms are still marked"
    for cid, r in uncertain:
        assert r.instrument in {"law_2010", "reglamento_2011"}, (cid, r)


def test_uncertain_refs_carry_a_bilingual_note(cat):
    for c, r in all_refs(cat):
        if r.confidence in {"inferred", "low", "unknown"}:
            assert is_text(r.note), (c.id, r)


# -- corrections found against the text ---------------------------------------------------------------

def test_arco_fee_is_a_cap_for_repeat_requests_not_the_only_charge(cat):
    d = cat.control("ARCO-GRATUIDAD").description
    assert all(w in d["es"] for w in ["gratuito", "reproducción", "copias", "envío", "3 UMA", "12 meses", "tope",
                                      "sustancial"]), d["es"]
    assert all(w in d["en"].lower() for w in ["free of charge", "reproduction", "copy", "shipping", "3 uma",
                                      "12 months", "cap", "substantially"]), d["en"]
    assert "solo puede cobrarse" not in d["es"] and "may be charged only" not in d["en"]
    assert "gratuito" in cited_text("34") and "reproducción, copias o envío" in cited_text("34")


def test_indirect_notice_has_no_first_contact_rule_in_2025(cat):
    c = cat.control("AVISO-INDIRECTO")
    es, en = c.description["es"], c.description["en"]
    assert "primer contacto" not in cited_text("17")
    # The old rule is named only as the 2010 law's, next to the 2025 exceptions and compensatory measures.
    assert "ley de 2010" in es and "medidas compensatorias" in es and "históricos, estadísticos o científicos" in es
    assert "2010 law" in en and "compensatory measures" in en and "historical, statistical or scientific" in en
    assert "debe darse en el primer contacto" not in es and "must be given at the first contact" not in en


def test_reglamento_status_is_labelled_an_interpretation(cat):
    assert "Interpretación de este catálogo" in cat.description["es"]
    assert "interpretation, not the law's words" in cat.description["en"]
    # No transitorio of the 2025 decree says the Reglamento applies where it does not contradict the law.
    transitorios = law_text().transitional
    assert len(transitorios) >= 20
    for provision in transitorios:
        assert "contradiga" not in norm(provision) and "se oponga" not in norm(provision), provision


def test_claims_about_what_the_2025_law_omits_hold(cat):
    law = law_text()
    everything = norm(" ".join(a.text for a in law.articles.values()))
    assert "remisi" not in everything  # REMISION: the 2025 law does not use the word
    assert "sindical" not in norm(law.article("2").fraction("VI"))  # union membership no longer sensitive
    assert "análog" not in norm(law.article("11").text)  # no "analogous or compatible" purposes


def reglamento_security_confidence(reference: str) -> dict[int, str]:
    block = re.search(r"```yaml\n(reglamento_2011_security_articles:.*?)```", reference, re.S)
    assert block, "reference §3.4 YAML block not found"
    rows = yaml.safe_load(block.group(1))["reglamento_2011_security_articles"]
    return {int(row["art"]): row["confidence"] for row in rows}


def test_reglamento_security_chapter_confidences_match_reference(cat, reference):
    expected = reglamento_security_confidence(reference)
    assert set(expected) == set(range(57, 67))
    checked = set()
    for c, r in all_refs(cat):
        if r.instrument == "reglamento_2011" and r.article.isdigit() and int(r.article) in expected:
            assert r.confidence == expected[int(r.article)], (c.id, r)
            checked.add(int(r.article))
    # Every article of the chapter except 58-59 (sanction attenuation, outsourcing) is cited somewhere.
    assert checked == set(range(57, 67)) - {58, 59}


def test_reglamento_encargado_confidences_match_reference(cat, reference):
    section = reference.split("### 3.3", 1)[1].split("### 3.4", 1)[0]
    table = {m.group(1).replace("–", "-"): m.group(2)
             for m in re.finditer(r"^\| (\d+(?:–\d+)?) \| .*\| `([a-z-]+)` \|$", section, re.M)}
    assert {"51", "52", "53", "54-55"} <= set(table)
    checked = set()
    for c, r in all_refs(cat):
        if r.instrument == "reglamento_2011" and r.article in table:
            assert r.confidence == table[r.article], (c.id, r)
            checked.add(r.article)
    assert checked == {"51", "52", "53", "54-55"}
    assert "(verbatim-verified)" in section  # art. 50 → high


# -- encargado and security fractions -------------------------------------------------------------

@pytest.mark.parametrize("fraction", ROMAN[:6])
def test_encargado_duties_cite_reglamento_50(cat, fraction):
    control = cat.control(f"ENC-50-{fraction}")
    refs = [r for r in control.legal_refs if r.instrument == "reglamento_2011" and r.article == "50"]
    assert [r.fraction for r in refs] == [fraction]
    assert refs[0].confidence == "high"


@pytest.mark.parametrize("fraction", ROMAN)
def test_security_actions_cite_reglamento_61(cat, fraction):
    control = cat.control(f"SEG-61-{fraction}")
    refs = [r for r in control.legal_refs if r.instrument == "reglamento_2011" and r.article == "61"]
    assert [r.fraction for r in refs] == [fraction]
    assert control.parent == "SEG-MEDIDAS"


# -- specific content points ----------------------------------------------------------------------

def test_simplified_notice_covers_phone_calls(cat):
    d = cat.control("AVISO-SIMPLIFICADO").description
    assert "sonoro" in d["es"] and "llamada" in d["es"]
    assert "sound" in d["en"] and "call" in d["en"]


def test_breach_alert_deadline_is_contractual_not_statutory(cat):
    c = cat.control("BRECHA-AVISO-RESPONSABLE")
    assert c.applies_to == "encargado"
    assert "contractual" in c.tags
    assert is_text(c.note)
    assert "contractual" in c.note["es"] and "contractual" in c.note["en"]
    assert "statutory" in c.note["en"]
    r50 = [r for r in c.legal_refs if r.instrument == "reglamento_2011" and r.article == "50"]
    assert r50 and r50[0].confidence == "high"


def test_remission_explains_absence_from_2025_law(cat):
    c = cat.control("REMISION")
    r35 = [r for r in c.legal_refs if r.instrument == "law_2025" and r.article == "35"]
    assert r35 and is_text(r35[0].note) and "remisión" in r35[0].note["en"]
    assert "2025" in c.description["es"] and "2025" in c.description["en"]


def test_automated_decisions_is_new_in_2025(cat):
    assert cat.control("ARCO-DECISIONES-AUTOMATIZADAS").mandatory_from == "2025-03-21"


# -- bilingual text everywhere --------------------------------------------------------------------

def test_es_and_en_everywhere(cat):
    texts = [cat.name, cat.license_note, cat.description, *cat.types.values()]
    for g in cat.groups:
        texts.append(g.title)
        if g.description is not None:
            texts.append(g.description)
    for c in cat.controls:
        texts += [c.title, c.description]
        if c.note is not None:
            texts.append(c.note)
        texts += [r.note for r in c.legal_refs if r.note is not None]
    bad = [t for t in texts if not is_text(t)]
    assert not bad, bad
    for c in cat.controls:
        assert c.title["es"] != c.title["en"], c.id
        assert c.description["es"] != c.description["en"], c.id


def test_no_half_translated_mapping_in_raw_yaml():
    def walk(node, path=()):
        if isinstance(node, dict):
            if "es" in node or "en" in node:
                assert is_text(node), path
            for k, v in node.items():
                walk(v, (*path, k))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, (*path, i))

    walk(yaml.safe_load(CATALOG.read_text(encoding="utf-8")))


def test_every_quote_anchor_is_in_the_article_it_quotes(cat):
    anchors = 0
    for c, r in all_refs(cat):
        if r.quote_from is not None:
            assert r.instrument == "law_2025", (c.id, r)
            first = law_text().article(article_numbers(r.article)[0])
            excerpt = first.excerpt(r.fraction, start=r.quote_from)  # ValueError if the words are not there
            assert len(excerpt.strip("…").split()) <= 25
            anchors += 1
    assert anchors >= 3


# -- `posture validate` checks references against the shipped text -----------------------------------

@pytest.mark.parametrize("old,new,path,fragment", [
    ('{instrument: "law_2025", article: "34", confidence: high}',
     '{instrument: "law_2025", article: "99", confidence: high}',
     "legal_refs[0].article", "the law (LFPDPPP 2025) has no article 99"),
    ('{instrument: "law_2025", article: "16", fraction: "II", confidence: high}',
     '{instrument: "law_2025", article: "16", fraction: "IV", confidence: high}',
     "legal_refs[0].fraction", "article 16 of the law (LFPDPPP 2025) has no fraction IV"),
    ('quote_from: "se tomará en cuenta el riesgo existente"', 'quote_from: "en el primer contacto"',
     "legal_refs[1].quote_from", "'quote_from' is not in article 18 of the law (LFPDPPP 2025)"),
    ('{instrument: "law_2010", article: "18", confidence: high}',
     '{instrument: "law_2010", article: "18", confidence: high, quote_from: "primer contacto"}',
     "legal_refs[1].quote_from", "only works where posture ships the law's text"),
])
def test_validate_locates_a_reference_the_text_does_not_have(tmp_path, capsys, old, new, path, fragment):
    from posture.cli import main

    raw = CATALOG.read_text(encoding="utf-8")
    assert raw.count(old) == 1, old
    broken = tmp_path / "lfpdppp-2025.yaml"
    broken.write_text(raw.replace(old, new), encoding="utf-8")
    line = next(n for n, text in enumerate(broken.read_text("utf-8").splitlines(), 1) if new in text)
    code = main(["--lang", "en", "validate", str(broken)])
    out = [x for x in capsys.readouterr().out.splitlines() if x]
    assert code == 1 and len(out) == 1, out
    assert out[0].startswith(f"{broken}:{line}:") and ": controls[" in out[0] and path in out[0], out[0]
    assert fragment in out[0], out[0]
