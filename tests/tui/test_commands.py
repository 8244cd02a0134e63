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
