"""Numbers, percentages and dates as each language writes them, from the Unicode CLDR data through Babel.

Spanish follows Mexico's usage (CLDR locale ``es_MX``), English the United States' (``en_US``). What CLDR
says, and the tests in tests/test_l10n.py hold:

==========  =====================  =====================
            es (es_MX)             en (en_US)
==========  =====================  =====================
number      1,234.5                1,234.5
percent     87.5%                  87.5%
date        3 de marzo de 2025     March 3, 2025
short_date  3 mar 2025             Mar 3, 2025
==========  =====================  =====================

es_MX writes the decimal point and the comma for thousands, like English (Spain's ``es`` writes
``1.234,5`` and ``87 %``); the CSV export's ``;`` variant with a decimal comma is a separate, documented
choice for Excel in Spain (``posture export --delimiter``), not a locale. Machine exports (JSON, OSCAL,
CSV dates) keep ISO 8601 and plain decimals and do not use this module.

Why Babel rather than hand-written tables: month names, separators and the percent sign's place are locale
data that CLDR keeps; a third language is then a locale name in :data:`LOCALES`, not new code.
"""

from __future__ import annotations

import datetime as _dt
import decimal
from functools import cache

from babel import Locale
from babel.dates import format_date as _format_date
from babel.numbers import format_decimal as _format_decimal
from babel.numbers import format_percent as _format_percent

#: posture's language codes → CLDR locales.
LOCALES = {"es": "es_MX", "en": "en_US"}  # i18n: data
EMPTY = "—"


def locale(lang: str) -> str:
    """The CLDR locale of a posture language (``"es"`` → ``"es_MX"``); an unknown one falls back to en_US."""
    return LOCALES.get(lang, LOCALES["en"])


@cache
def _pattern(lang: str, kind: str, digits: int) -> str:
    """The locale's own decimal or percent pattern with exactly ``digits`` fraction digits."""
    loc = Locale.parse(locale(lang))
    base = (loc.percent_formats if kind == "percent" else loc.decimal_formats)[None].pattern
    head, _, _ = base.partition(";")  # the positive sub-pattern; Babel derives the negative one
    core = "#,##0" + ("." + "0" * digits if digits else "")
    # replace the number part of the pattern (e.g. "#,##0.###" or "#,##0") and keep the rest (%, spaces)
    start = min(i for i in (head.find("#"), head.find("0")) if i >= 0)
    end = start
    while end < len(head) and head[end] in "#,0.":
        end += 1
    return head[:start] + core + head[end:]


def number(value: float | int | None, lang: str, digits: int = 1) -> str:
    """``value`` with ``digits`` fraction digits and the locale's grouping: 1,234.5. ``None`` → «—».

    Halves round away from zero, as people do by hand (87.25 → 87.3; Python's own format would give 87.2):
    the figure is read from its shortest decimal text, not its binary value."""
    if value is None:
        return EMPTY
    with decimal.localcontext(rounding=decimal.ROUND_HALF_UP):
        return _format_decimal(value, format=_pattern(lang, "decimal", digits), locale=locale(lang))


def percent(value: float | None, lang: str, digits: int = 0) -> str:
    """A percentage given on posture's 0–100 scale (scores, coverage): 87.5 → «88%» (digits=0).

    ``None`` → «—». The sign's place and spacing are the locale's (es_MX and en_US: no space); halves
    round away from zero, as in :func:`number`."""
    if value is None:
        return EMPTY
    with decimal.localcontext(rounding=decimal.ROUND_HALF_UP):
        return _format_percent(decimal.Decimal(str(value)) / 100, format=_pattern(lang, "percent", digits),
                               locale=locale(lang))


def plural_form(n: int | float, lang: str) -> str:
    """The CLDR plural category of ``n`` in ``lang``: ``"one"`` or ``"other"`` for es and en (and whatever
    categories a third language's CLDR rules have)."""
    return Locale.parse(locale(lang)).plural_form(abs(n))


def parse_date(value: str | _dt.date | None) -> _dt.date | None:
    """A date from a ``date``/``datetime`` or ISO text (its first 10 characters); ``None`` if it is none."""
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
    """CLDR long form: «3 de marzo de 2025» / «March 3, 2025»; text that is not a date passes through."""
    d = parse_date(value)
    if d is None:
        return "" if value is None else str(value)
    return _format_date(d, "long", locale=locale(lang))


def short_date(value: str | _dt.date | None, lang: str) -> str:
    """CLDR medium form for tables: «3 mar 2025» / «Mar 3, 2025» (a four-digit year and no day/month
    order to guess, unlike the short form 03/03/25 vs 3/3/25); text that is not a date passes through."""
    d = parse_date(value)
    if d is None:
        return "" if value is None else str(value)
    return _format_date(d, "medium", locale=locale(lang))
