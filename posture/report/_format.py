"""Numbers and dates in the report: the CLDR formats of :mod:`posture.l10n` (es_MX and en_US, via Babel)."""

from __future__ import annotations

from posture.l10n import EMPTY, date, moment, number, parse_date, percent, short_date

__all__ = ["EMPTY", "date", "moment", "number", "parse_date", "percent", "short_date"]
