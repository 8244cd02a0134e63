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
moment      10 mar 2026, 9:00:00   Mar 10, 2026, 9:00:00
            a.m. UTC-06:00         AM UTC-06:00
time        2:34:04 p.m.           2:34:04 PM
==========  =====================  =====================

Every date or moment a person reads goes through :func:`date`, :func:`short_date` or :func:`moment`
(never ISO 8601 text such as ``2026-11-18T10:02:00+00:00``). A moment is shown at the UTC offset it was
recorded with, and says that offset (CLDR's localized offset format, with «UTC»), so a scan run in Mexico City reads in
Mexico City's time without the reader guessing.

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
import math
import re
from functools import cache

#: posture's language codes → CLDR locales.
LOCALES = {"es": "es_MX", "en": "en_US"}  # i18n: data
EMPTY = "—"
NNBSP, NBSP = "\u202f", "\u00a0"

# The few CLDR patterns the app's first screen needs (the sidebar's figures, the header's date), copied from
# CLDR through Babel so that ``posture open`` draws its first screen without loading Babel and the locales'
# data (≈ 15 ms: the import and five pickles). es_MX and en_US: decimal pattern «#,##0.###», percent
# «#,##0%», «,» for thousands and «.» for the decimal point; medium date «MMM d, y» / «d MMM y» with the
# format-context abbreviated month names below. tests/test_l10n.py checks every one of these paths against
# Babel's own output for both languages (numbers, percentages and all months of several years); anything
# else — another language, a negative or huge figure, a long date, a moment, a time — goes through Babel.
_MONTHS_ABBR = {  # i18n: data
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "es": ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"),
}


def _fast_figure(value, digits: int) -> str | None:
    """``value`` written as es_MX and en_US write it with ``digits`` fraction digits (halves away from zero),
    or ``None`` when it is not a plain non-negative int or float below 10¹⁵ (then Babel writes it)."""
    if type(value) not in (int, float) or not math.isfinite(value) or not 0 <= value < 1e15 or digits < 0:
        return None
    exact = decimal.Decimal(str(value)).quantize(decimal.Decimal(1).scaleb(-digits), rounding=decimal.ROUND_HALF_UP)
    return f"{exact:,.{digits}f}"


def locale(lang: str) -> str:
    """The CLDR locale of a posture language (``"es"`` → ``"es_MX"``); an unknown one falls back to en_US."""
    return LOCALES.get(lang, LOCALES["en"])


@cache
def _pattern(lang: str, kind: str, digits: int) -> str:
    """The locale's own decimal or percent pattern with exactly ``digits`` fraction digits."""
    from babel import Locale

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
    if lang in _MONTHS_ABBR and (fast := _fast_figure(value, digits)) is not None:
        return fast
    from babel.numbers import format_decimal as _format_decimal

    with decimal.localcontext(rounding=decimal.ROUND_HALF_UP):
        return _format_decimal(value, format=_pattern(lang, "decimal", digits), locale=locale(lang))


def percent(value: float | None, lang: str, digits: int = 0) -> str:
    """A percentage given on posture's 0–100 scale (scores, coverage): 87.5 → «88%» (digits=0).

    ``None`` → «—». The sign's place and spacing are the locale's (es_MX and en_US: no space); halves
    round away from zero, as in :func:`number`."""
    if value is None:
        return EMPTY
    if lang in _MONTHS_ABBR and (fast := _fast_figure(value, digits)) is not None:
        return fast + "%"
    from babel.numbers import format_percent as _format_percent

    with decimal.localcontext(rounding=decimal.ROUND_HALF_UP):
        return _format_percent(decimal.Decimal(str(value)) / 100, format=_pattern(lang, "percent", digits),
                               locale=locale(lang))


def plural_form(n: int | float, lang: str) -> str:
    """The CLDR plural category of ``n`` in ``lang``: ``"one"`` or ``"other"`` for es and en (and whatever
    categories a third language's CLDR rules have)."""
    from babel import Locale

    return Locale.parse(locale(lang)).plural_form(abs(n))


# The day and month order a person types a date in (CLDR's short date: es_MX dd/MM/yy), with a four-digit year
# (two digits would be a guess), "/", "-" or "." between them. Not for English: 01/02/2026 is 2 January in
# Mexico and the UK and 1 February in the US; an English reader types ISO (a wrong date without a word is worse
# than a refusal naming the form).
_TYPED_ORDER = {"es": ("d", "m")}
_TYPED = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def typed_date(text: str, lang: str) -> _dt.date | None:
    """A date as a person types it in ``lang``: ISO ``2026-11-30`` always, or, in Spanish, day/month/year with a
    four-digit year (``30/11/2026``; ``/``, ``-`` or ``.``). ``None`` if it is not a real date in a form
    ``lang`` takes."""
    text = text.strip()
    try:
        if len(text) == 10 and text[4] == "-":
            return _dt.date.fromisoformat(text)
        return _numeric(text, lang)
    except ValueError:  # a day or month out of range (31/02/2026)
        return None


def _numeric(text: str, lang: str) -> _dt.date | None:
    m = _TYPED.match(text)
    if m is None:
        return None
    if lang not in _TYPED_ORDER:
        return None
    first, second = _TYPED_ORDER[lang]
    parts = {first: int(m.group(1)), second: int(m.group(2))}
    return _dt.date(int(m.group(3)), parts["m"], parts["d"])


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
    from babel.dates import format_date as _format_date

    return _format_date(d, "long", locale=locale(lang))


def short_date(value: str | _dt.date | None, lang: str) -> str:
    """CLDR medium form for tables: «3 mar 2025» / «Mar 3, 2025» (a four-digit year and no day/month
    order to guess, unlike the short form 03/03/25 vs 3/3/25); text that is not a date passes through."""
    d = parse_date(value)
    if d is None:
        return "" if value is None else str(value)
    months = _MONTHS_ABBR.get(lang)
    if months is not None and 1000 <= d.year <= 9999:
        month = months[d.month - 1]
        return f"{d.day} {month} {d.year}" if lang == "es" else f"{month} {d.day}, {d.year}"
    from babel.dates import format_date as _format_date

    return _format_date(d, "medium", locale=locale(lang))


def parse_moment(value: str | _dt.datetime | None) -> _dt.datetime | None:
    """A moment from a ``datetime`` or ISO 8601 text (``2026-11-18T10:02:00+00:00``, ``…Z``); ``None`` if it
    is none or not a moment (a bare date is not one: it has no time of day)."""
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value
    if isinstance(value, _dt.date):
        return None
    try:
        moment = _dt.datetime.fromisoformat(str(value).strip())
    except ValueError:
        return None
    return moment if "T" in str(value) or " " in str(value).strip() else None


def moment(value: str | _dt.datetime | None, lang: str) -> str:
    """A date and time as CLDR's medium forms write them, with the UTC offset it was recorded at:
    «10 mar 2026, 9:00:00 a.m. UTC-06:00» / «Mar 10, 2026, 9:00:00 AM UTC-06:00» (UTC: «… UTC+00:00»).

    A moment with no offset (naive) is shown without one. A bare date is shown as :func:`short_date`;
    text that is neither passes through; ``None`` or empty → «—». CLDR puts a narrow no-break space
    (U+202F) before «a.m.»/«PM»; it is written as a no-break space (U+00A0), which Latin-1 terminals and
    every PDF font have."""
    if value is None or value == "":
        return EMPTY
    when = parse_moment(value)
    if when is None:
        return short_date(value, lang) if parse_date(value) is not None and len(str(value)) <= 10 else str(value)
    from babel.dates import format_datetime as _format_datetime
    from babel.dates import get_timezone_gmt as _timezone_gmt

    loc = locale(lang)
    text = _format_datetime(when, "medium", tzinfo=when.tzinfo, locale=loc) if when.tzinfo else \
        _format_datetime(when, "medium", locale=loc)
    if when.tzinfo is not None:
        text = f"{text} {_timezone_gmt(when, 'long', locale=loc, utc=True)}"
    return text.replace(NNBSP, NBSP)


def time(value: _dt.datetime | _dt.time, lang: str) -> str:
    """A time of day as CLDR's medium form writes it: «2:34:04 p.m.» / «2:34:04 PM» (no-break space)."""
    from babel.dates import format_time as _format_time

    return _format_time(value, "medium", locale=locale(lang)).replace(NNBSP, NBSP)


# binary multiples, as Windows' Explorer and `ls -h` count them (`truncate -s 11M` makes "11 MB"), with CLDR's names
_SIZE_UNITS = (("digital-gigabyte", 1 << 30), ("digital-megabyte", 1 << 20), ("digital-kilobyte", 1 << 10))


def _rounded_size(n_bytes: int, lang: str) -> str | None:
    from babel.units import format_unit

    for unit, scale in _SIZE_UNITS:
        if n_bytes >= scale:
            return format_unit(n_bytes / scale, unit, length="short", format="#,##0.#", locale=locale(lang))
    return None


def size(n_bytes: int, lang: str, *, beside: int | None = None) -> str:
    """A size given in bytes as a person reads it, in ``lang``: «512 bytes», «1.5 kB», «8 MB», «2.5 GB».

    Binary multiples (1 kB = 1,024 bytes, 1 MB = 1,024 kB), as Windows and ``ls -h`` count sizes, so a file a
    person made of 11 MB reads 11 MB; one fraction digit, number and unit name written by Babel (CLDR).
    ``beside``: the other size of a comparison («the file is …; the maximum is …»): when both would read the
    same once rounded, both are given in exact bytes (pass each as the other's ``beside``), so «8 MB; the
    maximum is 8 MB» never tells a person nothing."""
    from babel.units import format_unit

    text = _rounded_size(n_bytes, lang)
    if text is None or (beside is not None and text == _rounded_size(beside, lang)):
        return format_unit(n_bytes, "digital-byte", length="long", format="#,##0", locale=locale(lang))
    return text

