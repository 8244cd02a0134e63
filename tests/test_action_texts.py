"""Deadlines are data (docs/scoring.md §10): no action text states a deadline of its own; the due date does.

Every remediation text of every bundled checklist and probe check is checked, in both languages, and
every action of the demo plan is checked against its due date (assessment date + its priority's horizon).
"""

import datetime as dt

import pytest
from action_deadlines import deadline_phrases
from engine_support import DEMO

from posture.assessment import load_with_checklist
from posture.content import bundled_library
from posture.plan import PRIORITIES, build_plan
from posture.rules import default_rules


def _remediations():
    lib = bundled_library()
    for cl in lib.checklists.values():
        for q in cl.questions:
            yield f"{cl.id}:{q.id}", q.remediation
    for check_id, check in lib.probe_checks.items():
        yield f"check:{check_id}", check.remediation


REMEDIATIONS = list(_remediations())


def test_the_bundled_content_has_remediation_texts_to_check():
    assert len(REMEDIATIONS) > 250


@pytest.mark.parametrize("lang", ["es", "en"])
def test_no_action_text_states_its_own_deadline(lang):
    offending = {where: deadline_phrases(text[lang], lang) for where, text in REMEDIATIONS
                 if deadline_phrases(text[lang], lang)}
    assert offending == {}


@pytest.mark.parametrize(("text", "lang", "found"), [
    ("Legal updates the agreement within 30 days with a clause.", "en", ["within 30 days"]),
    ("Within two weeks, IT closes the port.", "en", ["Within two weeks"]),
    ("IT closes the port this week.", "en", ["this week"]),
    ("Redes cierra esta semana el puerto.", "es", ["esta semana"]),
    ("IT patches it within the next six months.", "en", ["within the next six months"]),
    ("Seguridad publica en 45 días una política.", "es", ["en 45 días"]),
    ("Seguridad ejecuta en dos semanas una búsqueda.", "es", ["en dos semanas"]),
    ("Legal firma en un plazo de 60 días el anexo.", "es", ["en un plazo de 60 días"]),
    ("Migra las grabaciones en los próximos 90 días.", "es", ["en los próximos 90 días"]),
    # not deadlines: frequencies, look-back periods, service levels, phases
    ("Passwords are rotated every 90 days; keep 12 months of logs.", "en", []),
    ("Remove rules with no hits in 90 days of logs.", "en", []),
    ("Reply to the reporter within 2 business days.", "en", []),
    ("Apply critical patches within 30 days of release.", "en", []),
    ("Revisa la lista cada 90 días y responde en 2 días hábiles.", "es", []),
    ("Activa la lista en modo auditoría durante 2 semanas.", "es", []),
    ("Aplica los parches en máximo 30 días desde su publicación.", "es", []),
])
def test_the_deadline_detector(text, lang, found):
    assert deadline_phrases(text, lang) == found


def test_every_demo_action_matches_its_due_date_in_both_languages():
    assessment, checklist = load_with_checklist(DEMO / "assessment.yaml", bundled_library())
    plan = build_plan(assessment, checklist)
    horizons = default_rules().horizons
    start = dt.date.fromisoformat(assessment.assessed_on)
    assert plan.items
    for item in plan.items:
        assert item.priority in PRIORITIES
        assert item.due == (start + dt.timedelta(days=horizons[item.priority])).isoformat(), item.id
        for lang in ("es", "en"):
            assert deadline_phrases(item.action[lang], lang) == [], (item.id, lang)
