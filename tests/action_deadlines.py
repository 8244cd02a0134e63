"""What counts as a deadline inside an action text (docs/scoring.md §10: deadlines are data).

A deadline is "within / in (the next) N days|weeks|months|years" or "en (un plazo de | los próximos) N
días|semanas|meses|años", with N in digits or words. Not deadlines, and so allowed: frequencies
("every 90 days", "cada 12 meses"), retention and look-back periods ("90 days of logs"), phase lengths
("durante 2 semanas") and service levels that belong to the control rather than to the action's due
date: business days ("within 2 business days", "en 2 días hábiles"), hours ("differences are fixed within
24 hours", "breach alert within 48 h") and time from an event ("within 30 days of release").
"""

from __future__ import annotations

import re

_NUM_EN = (r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|thirty|sixty|"
           r"ninety)")
_NUM_ES = (r"(?:\d+|un|una|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|doce|quince|treinta|sesenta|"
           r"noventa)")
PHRASE_EN = re.compile(
    rf"\b(?:within|in)\s+(?:the\s+)?(?:next\s+|following\s+|first\s+)?{_NUM_EN}(?:[\s-]+calendar)?[\s-]+"
    r"(?:day|week|month|year)s?\b(?!\s+of\b)", re.I)
PHRASE_ES = re.compile(
    rf"\b(?:en|dentro\s+de)\s+(?:un\s+plazo\s+(?:máximo\s+)?de\s+|(?:un\s+)?máximo\s+(?:de\s+)?|los\s+|las\s+)?"
    rf"(?:próximos\s+|próximas\s+|siguientes\s+|primeros\s+|primeras\s+)?{_NUM_ES}\s+"
    r"(?:días|día|semanas|semana|meses|mes|años|año)(?!\s+hábiles)(?:\s+naturales)?\b"
    r"(?!\s+(?:desde|tras|de)\b)", re.I)


_WEEK = {"en": re.compile(r"\b(?:this|next)\s+week\b", re.I),
         "es": re.compile(r"\b(?:esta|la\s+próxima)\s+semana\b", re.I)}


def deadline_phrases(text: str, lang: str) -> list[str]:
    """The deadline phrases in ``text`` (an action text in ``lang``, "es" or "en")."""
    rx = PHRASE_ES if lang == "es" else PHRASE_EN
    return [m.group(0) for m in rx.finditer(text)] + [m.group(0) for m in _WEEK[lang].finditer(text)]
