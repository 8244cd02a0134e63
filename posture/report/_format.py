"""Numbers and dates as each language writes them (Spanish follows Mexico's usage, es-MX)."""

from __future__ import annotations

import datetime as _dt

# es-MX, like en, writes 1,234.5 (CLDR); it differs in the space before % and in dates.
_MONTHS = {
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}
NBSP = "\u00a0"


def number(value: float | int | None, lang: str, digits: int = 1) -> str:
    if value is None:
        return "—"
    return f"{value:,.{digits}f}" if digits else f"{round(value):,d}"


def percent(value: float | None, lang: str, digits: int = 0) -> str:
    if value is None:
        return "—"
    text = number(value, lang, digits)
    return f"{text}{NBSP}%" if lang == "es" else f"{text}%"


def parse_date(value: str | _dt.date | None) -> _dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def date(value: str | _dt.date | None, lang: str) -> str:
    """Long form: «3 de marzo de 2025» / «March 3, 2025»; text that is not a date passes through."""
    d = parse_date(value)
    if d is None:
        return "" if value is None else str(value)
    month = _MONTHS[lang][d.month - 1]
    return f"{d.day} de {month} de {d.year}" if lang == "es" else f"{month} {d.day}, {d.year}"


def short_date(value: str | _dt.date | None, lang: str) -> str:
    """Table form: «03/03/2025» (day first) / «2025-03-03»."""
    d = parse_date(value)
    if d is None:
        return "" if value is None else str(value)
    return f"{d.day:02d}/{d.month:02d}/{d.year}" if lang == "es" else d.isoformat()
