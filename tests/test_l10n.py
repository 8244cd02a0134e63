"""Numbers, percentages and dates in es_MX and en_US as CLDR (through Babel) writes them: the exact strings."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest

from posture import l10n
from posture.report import _format


@pytest.mark.parametrize(("lang", "expected"), [
    # es_MX writes like English: comma for thousands, point for decimals (es_ES would write 1.234,5)
    ("es", ["1,234.5", "1,234.57", "1,235", "-3.3", "0.0", "—", "1,234,567.9"]),
    ("en", ["1,234.5", "1,234.57", "1,235", "-3.3", "0.0", "—", "1,234,567.9"]),
])
def test_numbers(lang, expected):
    got = [l10n.number(1234.5, lang), l10n.number(1234.567, lang, 2), l10n.number(1234.5, lang, 0),
           l10n.number(-3.25, lang), l10n.number(0, lang), l10n.number(None, lang), l10n.number(1234567.89, lang)]
    assert got == expected


@pytest.mark.parametrize(("lang", "expected"), [
    ("es", ["88%", "87.3%", "0%", "100%", "40.0%", "—"]),  # CLDR es_MX: no space before % (es_ES: 88 %)
    ("en", ["88%", "87.3%", "0%", "100%", "40.0%", "—"]),
])
def test_percentages_on_the_0_to_100_scale(lang, expected):
    got = [l10n.percent(87.5, lang), l10n.percent(87.25, lang, 1), l10n.percent(0, lang),
           l10n.percent(100, lang), l10n.percent(40, lang, 1), l10n.percent(None, lang)]
    assert got == expected


@pytest.mark.parametrize(("lang", "long", "medium"), [
    ("es", "3 de marzo de 2025", "3 mar 2025"),
    ("en", "March 3, 2025", "Mar 3, 2025"),
])
def test_dates(lang, long, medium):
    for value in ("2025-03-03", dt.date(2025, 3, 3), dt.datetime(2025, 3, 3, 23, 59), "2025-03-03T10:00:00Z"):
        assert l10n.date(value, lang) == long
        assert l10n.short_date(value, lang) == medium


def test_what_is_not_a_date_passes_through():
    assert l10n.date("next quarter", "es") == "next quarter"
    assert l10n.short_date(None, "en") == "" and l10n.date("", "es") == ""


def test_the_locales_are_cldr_ones_and_an_unknown_language_is_english():
    assert l10n.locale("es") == "es_MX" and l10n.locale("en") == "en_US" and l10n.locale("fr") == "en_US"
    # a locale that writes differently proves the data comes from CLDR, not from a fixed pattern
    from babel.numbers import format_decimal, format_percent
    assert format_decimal(1234.5, locale="es_ES") == "1.234,5"
    assert format_percent(0.88, locale="es_ES") == "88\u00a0%"


def test_the_report_uses_the_same_functions():
    assert _format.percent is l10n.percent and _format.date is l10n.date and _format.number is l10n.number


def test_plural_categories_from_cldr():
    assert [l10n.plural_form(n, "es") for n in (0, 1, 2, 1.5)] == ["other", "one", "other", "other"]
    assert [l10n.plural_form(n, "en") for n in (0, 1, 2)] == ["other", "one", "other"]


def test_the_report_and_the_cli_agree_with_their_counts(tmp_path, capsys):
    from posture.cli import main
    from posture.report._view import Strings

    t = Strings("es")
    assert t("capped", cap="40%", n=1) == "limitado al 40% por 1 falla crítica"
    assert t("capped", cap="40%", n=4) == "limitado al 40% por 4 fallas críticas"
    assert Strings("en")("more_findings", n=1) == "(and 1 more finding on the same question)"
    broken = tmp_path / "empty.yaml"
    broken.write_text("", encoding="utf-8")
    assert main(["--lang", "es", "validate", str(broken)]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == "1 problema"


def test_the_spanish_help_names_its_placeholders_in_spanish(capsys):
    from posture.cli import main

    for args in (["compare", "--help"], ["probe", "--help"], ["score", "--help"]):
        with contextlib.suppress(SystemExit):
            main(["--lang", "es", *args])
    out = capsys.readouterr().out
    assert "posture compare [-h]" in out and "ANTERIOR NUEVA" in out and "OLD" not in out and "NEW" not in out
    assert "[OBJETIVO ...]" in out and "--remove SONDEO" in out and "--timeout SEGUNDOS" in out
    assert "ARCHIVO" in out and " FILE" not in out and "TARGET" not in out
    with contextlib.suppress(SystemExit):
        main(["--lang", "en", "compare", "--help"])
    assert "OLD NEW" in capsys.readouterr().out


@pytest.mark.parametrize(("lang", "expected"), [
    ("es", ["10 mar 2026, 9:00:00\u00a0a.m. UTC-06:00", "30 nov 2026, 2:34:04\u00a0p.m. UTC+00:00",
            "30 nov 2026, 2:34:04\u00a0p.m. UTC+00:00", "30 nov 2026, 2:34:04\u00a0p.m.", "10 mar 2026", "—"]),
    ("en", ["Mar 10, 2026, 9:00:00\u00a0AM UTC-06:00", "Nov 30, 2026, 2:34:04\u00a0PM UTC+00:00",
            "Nov 30, 2026, 2:34:04\u00a0PM UTC+00:00", "Nov 30, 2026, 2:34:04\u00a0PM", "Mar 10, 2026", "—"]),
])
def test_moments_keep_their_offset_and_say_it(lang, expected):
    got = [l10n.moment(v, lang) for v in ("2026-03-10T09:00:00-06:00", "2026-11-30T14:34:04+00:00",
                                          dt.datetime(2026, 11, 30, 14, 34, 4, tzinfo=dt.UTC),
                                          "2026-11-30T14:34:04", "2026-03-10", "")]
    assert got == expected
    assert l10n.moment("not a time", lang) == "not a time"
    assert all("\u202f" not in g and "T" not in g.split(",")[0] for g in got)


def test_times_of_day():
    moment = dt.datetime(2026, 11, 30, 14, 34, 4)
    assert (l10n.time(moment, "es"), l10n.time(moment, "en")) == ("2:34:04\u00a0p.m.", "2:34:04\u00a0PM")


# posture.l10n writes the first screen's figures and medium dates from a small copy of CLDR's es_MX and en_US
# patterns (no Babel import before the app's first draw); each of those paths must give Babel's own text.
_FIGURES = [0, 1, 5, 9.95, 9.949, 12.5, 0.05, 0.25, 0.35, 2.675, 33.333333, 66.66666666666667, 87.25, 99.95,
            99.99, 100, 100.0, 999.5, 1000, 1234.5, 1234.567, 99999.95, 1234567.89, 12345678901234.5, 1e-7,
            1 / 3, 2 / 3, 50.0, 85, 49.99999]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_cldr_copy_of_figures_matches_babel(lang):
    import decimal

    from babel.numbers import format_decimal, format_percent

    loc = l10n.locale(lang)
    for value in _FIGURES:
        for digits in (0, 1, 2, 3):
            with decimal.localcontext(rounding=decimal.ROUND_HALF_UP):
                want_n = format_decimal(value, format=l10n._pattern(lang, "decimal", digits), locale=loc)
                want_p = format_percent(decimal.Decimal(str(value)) / 100,
                                        format=l10n._pattern(lang, "percent", digits), locale=loc)
            assert l10n._fast_figure(value, digits) is not None
            assert (l10n.number(value, lang, digits), l10n.percent(value, lang, digits)) == (want_n, want_p), \
                (value, digits)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_cldr_copy_of_medium_dates_matches_babel(lang):
    import datetime as dt

    from babel.dates import format_date

    for year in (1999, 2024, 2025, 2026, 2100):
        for month in range(1, 13):
            for day in (1, 9, 10, 28):
                d = dt.date(year, month, day)
                assert l10n.short_date(d, lang) == format_date(d, "medium", locale=l10n.locale(lang))


def test_outside_the_cldr_copy_babel_writes_it():
    assert l10n._fast_figure(-3.25, 1) is None and l10n._fast_figure(True, 1) is None
    assert l10n._fast_figure(float("nan"), 1) is None and l10n._fast_figure(1e16, 0) is None
    assert l10n.number(-3.25, "en") == "-3.3" and l10n.percent(-40, "es") == "-40%"


def test_a_typed_date_is_read_in_the_readers_order():
    from posture.l10n import typed_date

    day = dt.date(2026, 11, 30)
    assert [typed_date(t, "es") for t in ("2026-11-30", "30/11/2026", " 30-11-2026 ", "30.11.2026")] == [day] * 4
    assert typed_date("2026-11-30", "en") == day
    assert typed_date("1/3/2026", "es") == dt.date(2026, 3, 1)
    # English: ISO only (01/02/2026 is 2 January to some English readers, 1 February to others)
    assert [typed_date(t, "en") for t in ("11/30/2026", "30/11/2026", "1/3/2026")] == [None] * 3
    # impossible, two-digit years (a guess), the other language's order, other text: refused
    assert [typed_date(t, "es") for t in ("31/02/2026", "30/11/26", "2026-13-01", "hoy", "", "2026/11/30")] == \
        [None] * 6


@pytest.mark.parametrize(("n", "beside", "en", "es"), [
    (0, None, "0 bytes", "0 bytes"),
    (1, None, "1 byte", "1 byte"),
    (1023, None, "1,023 bytes", "1,023 bytes"),
    (1024, None, "1 kB", "1 kB"),
    (1536, None, "1.5 kB", "1.5 kB"),
    (8 << 20, None, "8 MB", "8 MB"),  # binary multiples: the 8 MB a person set is 8 MB, not "8.4"
    (11 << 20, None, "11 MB", "11 MB"),  # `truncate -s 11M`
    (9_000_000, None, "8.6 MB", "8.6 MB"),
    (5 << 29, None, "2.5 GB", "2.5 GB"),
    (12_000_000, 10 << 20, "11.4 MB", "11.4 MB"),  # they read differently: rounded
    (10_485_761, 10 << 20, "10,485,761 bytes", "10,485,761 bytes"),  # both "10 MB": exact bytes
    (10 << 20, 10_485_761, "10,485,760 bytes", "10,485,760 bytes"),
])
def test_a_size_reads_as_people_write_it_and_a_comparison_never_reads_equal(n, beside, en, es):
    """Rule (l10n.size): binary multiples as Windows and ls -h count them, one fraction digit, Babel's words; two
    sizes compared that would read the same once rounded are both given in bytes."""
    assert l10n.size(n, "en", beside=beside) == en
    assert l10n.size(n, "es", beside=beside) == es
