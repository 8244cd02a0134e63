"""The shipped law text and its lookup API (posture.content: law_text, cited_articles, excerpts)."""

from __future__ import annotations

import json
import re

import pytest

from posture.content import ContentError, LegalRef, _law, article_numbers, cited_articles, has_text, law_text, laws_dir

FURNITURE = re.compile(r"^(\d+ de 24|LEY FEDERAL DE PROTECCIÓN DE DATOS PERSONALES EN POSESIÓN DE LOS PARTICULARES|"
                       r"CÁMARA DE DIPUTADOS DEL H\. CONGRESO DE LA UNIÓN Última Reforma DOF 14-11-2025|"
                       r"Secretaría General|Secretaría de Servicios Parlamentarios)$", re.M)


def raw_articles() -> dict[str, str]:
    data = json.loads((laws_dir() / "lfpdppp-2025.json").read_text(encoding="utf-8"))
    return {a["article"]: a["text"] for a in data["articles"]}


def test_the_text_ships_with_the_package_content():
    assert (laws_dir() / "lfpdppp-2025.json").is_file()
    assert (laws_dir() / "README.md").is_file()


def test_cleaning_keeps_every_word_and_drops_only_page_furniture():
    law = law_text()
    raw = raw_articles()
    assert set(raw) == set(law.articles)
    for number, text in raw.items():
        expected = FURNITURE.sub("", text).split()
        assert law.article(number).text.split() == expected, number
        assert "Secretaría de Servicios Parlamentarios" not in law.article(number).text


def test_lines_are_rejoined_into_paragraphs_and_fractions():
    art16 = law_text().article("16")
    assert art16.paragraphs[0].startswith("Artículo 16. El responsable debe poner a disposición")
    assert [p.split(".")[0] for p in art16.paragraphs[1:]] == ["I", "II"]
    assert art16.fraction("II").startswith("Cuando los datos personales sean obtenidos por cualquier medio")
    assert art16.fraction("IX") is None
    art4 = law_text().article("4")
    assert art4.paragraphs[-1] == "Párrafo reformado DOF 14-11-2025" and art4.dof == "2025-11-14"


def test_excerpt_is_short_and_cut_at_a_word():
    law = law_text()
    assert law.article("34").excerpt(words=21) == (
        "El ejercicio de los derechos ARCO es gratuito, solo podrán realizarse cobros para recuperar los costos "
        "de reproducción, copias o envío.")
    assert law.article("15").excerpt(words=16) == ("El aviso de privacidad deberá contener, al menos, la siguiente "
                                                   "información: I. La identidad y domicilio…")  # runs on
    assert law.article("6").excerpt(words=6, start="deberá privilegiar  la protección") == (
        "…deberá privilegiar la protección de los…")
    with pytest.raises(ValueError):
        law.article("6").excerpt(start="primer contacto")
    cut = law.article("18").excerpt()
    assert cut.endswith("…") and len(cut.split()) == 25 and not cut.startswith("Artículo")
    assert law.article("2").excerpt("XII").startswith("Persona encargada: Persona física o jurídica")
    assert law.article("2").excerpt("V-VII").startswith("Datos personales: Cualquier información")
    assert law.article("19").excerpt(words=5) == "Las vulneraciones de seguridad ocurridas…"


def test_article_numbers():
    assert article_numbers("18") == ["18"]
    assert article_numbers("21-23") == ["21", "22", "23"]
    assert article_numbers("7, 9") == ["7", "9"]
    with pytest.raises(ValueError):
        article_numbers("art. 7")


def test_cited_articles_skips_instruments_without_text_and_repeats():
    refs = [LegalRef("law_2010", "19", "high"), LegalRef("law_2025", "21-22", "high"),
            LegalRef("law_2025", "22", "high"), LegalRef("reglamento_2011", "61", "high", "I"),
            LegalRef("law_2025", "99", "high")]
    assert [(r.article, a.number) for r, a in cited_articles("lfpdppp-2025", refs)] == [("21-22", "21"),
                                                                                          ("21-22", "22")]
    assert has_text("lfpdppp-2025", "law_2025")
    assert not has_text("lfpdppp-2025", "law_2010") and not has_text("lfpdppp-2025", "reglamento_2011")
    # Another catalog's instrument names are its own: a "law_2025" elsewhere is not the LFPDPPP.
    assert not has_text("ley-1581-2012", "law_2025") and cited_articles("ley-1581-2012", refs) == []
    assert law_text().article("99") is None


def test_a_broken_install_is_one_clear_error(tmp_path, monkeypatch):
    (tmp_path / "lfpdppp-2025.json").write_text('{"articles": [{"article": "1"}]}', encoding="utf-8")
    monkeypatch.setattr(_law, "laws_dir", lambda: tmp_path)
    _law.law_text.cache_clear()
    try:
        with pytest.raises(ContentError) as err:
            law_text()
        line = err.value.lines("en")[0]
        assert "lfpdppp-2025.json" in line and "cannot read the law's text" in line
    finally:
        _law.law_text.cache_clear()
