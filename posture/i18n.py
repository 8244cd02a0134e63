"""Languages: every person-facing string of the code goes through a gettext catalog.

Code strings are English message ids marked where they are written; the translations live in
``posture/locale/<lang>/LC_MESSAGES/posture.po`` (compiled to ``posture.mo`` beside it), managed with
Babel (DEVELOPERS.md, "Languages"):

- ``_("Vendor")`` — a :class:`Msg`: a ``dict`` ``{lang: text}`` holding the message in every language
  that has a catalog (English, the message id itself, included). Code that stores, passes or
  formats bilingual text (``tr``, ``fmt``, ``text["es"]``) keeps working unchanged.
- ``_p("verb", "Open")`` — the same with a gettext context, for one English word with two meanings.
- ``_n("{n} action", "{n} actions")`` — a :class:`Plural` template; ``fmt(template, n=3)`` picks the
  plural form of each language from its catalog's ``Plural-Forms`` rule.

The languages are the catalogs found in the locale directory plus English: a third language is a new
catalog file, not a code change. ``POSTURE_LOCALE_DIR`` points at another locale directory (tests,
translators trying a catalog). Content YAML (controls, checklists, laws) stays bilingual
``{"es": ..., "en": ...}``; :func:`tr` falls back to English for a language the content lacks.

Each ``.mo`` file is read once, the first time a message is built (stdlib :mod:`gettext`).
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Mapping
from pathlib import Path

__all__ = ["CONTENT_LANGS", "DEFAULT_LANG", "LANGS", "SOURCE_LANG", "Localized", "Msg", "Plural", "_", "_n", "_np",
           "_p", "both", "catalog", "detect_lang", "fmt", "gettext", "language_name", "locale_dir", "ngettext", "tr"]

DOMAIN = "posture"
SOURCE_LANG = "en"  # the language of the message ids
DEFAULT_LANG = "en"
CONTENT_LANGS = ("es", "en")  # the languages content YAML is written in
FIRST_LANG = "es"  # posture's first language: listed first wherever languages are offered


def locale_dir() -> Path:
    """The directory holding ``<lang>/LC_MESSAGES/posture.mo``: ``$POSTURE_LOCALE_DIR`` or the package's."""
    env = os.environ.get("POSTURE_LOCALE_DIR", "").strip()
    return Path(env) if env else Path(__file__).with_name("locale")


def _available() -> tuple[str, ...]:
    """Spanish first, then any other catalog in name order, English (the message ids) last."""
    try:
        found = {p.name for p in locale_dir().iterdir() if (p / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()}
    except OSError:
        found = set()
    found.discard(SOURCE_LANG)
    first = [FIRST_LANG] if FIRST_LANG in found else []
    return (*first, *sorted(found - {FIRST_LANG}), SOURCE_LANG)


LANGS: tuple[str, ...] = _available()

_catalogs: dict[str, _gettext.NullTranslations] = {}


def catalog(lang: str) -> _gettext.NullTranslations:
    """The compiled catalog of ``lang``, read once; English and unknown languages get the message ids."""
    found = _catalogs.get(lang)
    if found is None:
        found = _gettext.NullTranslations()
        if lang != SOURCE_LANG:
            path = locale_dir() / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
            try:
                with path.open("rb") as fh:
                    found = _gettext.GNUTranslations(fh)
            except OSError:
                pass
        _catalogs[lang] = found
    return found


def gettext(lang: str, msgid: str, context: str | None = None) -> str:
    """``msgid`` in ``lang`` (the id itself when the catalog lacks it)."""
    cat = catalog(lang)
    return cat.pgettext(context, msgid) if context else cat.gettext(msgid)


def ngettext(lang: str, singular: str, plural: str, n: int, context: str | None = None) -> str:
    """The plural form for ``n`` in ``lang``, by the catalog's ``Plural-Forms`` rule."""
    cat = catalog(lang)
    return cat.npgettext(context, singular, plural, n) if context else cat.ngettext(singular, plural, n)


class Msg(dict):
    """A code string in every language: ``{lang: text}``, built by :func:`_` / :func:`_p`.

    It is a plain ``dict`` to everything that reads it (JSON, ``tr``, ``fmt``, equality); ``msgid``
    and ``context`` say which catalog entry it came from."""

    msgid: str | None = None
    context: str | None = None


def _(msgid: str) -> Msg:
    """Mark an English code string; returns it in every language (:class:`Msg`)."""
    return _p(None, msgid)


def _p(context: str | None, msgid: str) -> Msg:
    """Like :func:`_` with a gettext context: one English word with two meanings ("Open" the verb and the state)."""
    msg = Msg({lang: gettext(lang, msgid, context) for lang in LANGS})
    msg.msgid, msg.context = msgid, context
    return msg


class Plural:
    """A message with a singular and a plural form; :func:`fmt` picks the form for the count parameter."""

    __slots__ = ("context", "count", "plural", "singular")

    def __init__(self, singular: str, plural: str, *, count: str = "n", context: str | None = None):
        self.singular, self.plural, self.count, self.context = singular, plural, count, context

    def form(self, lang: str, n: int) -> str:
        return ngettext(lang, self.singular, self.plural, n, self.context)

    def __repr__(self) -> str:
        return f"Plural({self.singular!r}, {self.plural!r}, count={self.count!r})"


def _n(singular: str, plural: str, *, count: str = "n") -> Plural:
    """Mark an English message with plural forms; ``fmt(template, n=...)`` renders it (``count`` names the
    parameter holding the number)."""
    return Plural(singular, plural, count=count)


def _np(context: str, singular: str, plural: str, *, count: str = "n") -> Plural:
    """:func:`_n` with a gettext context."""
    return Plural(singular, plural, count=count, context=context)


Localized = Mapping[str, str]  # text in several languages: a Msg, a fmt() result or content YAML's {"es", "en"}


def detect_lang(environ: Mapping[str, str] | None = None) -> str:
    """POSTURE_LANG wins (``es``, ``es_MX``, ``es-MX``, ``es_MX.UTF-8`` → es); otherwise, or when it names a
    language posture does not speak (:func:`unknown_lang_setting`), the locale variables as the C library
    reads them (``es_MX.UTF-8`` → es); else English."""
    env = os.environ if environ is None else environ
    explicit = _lang_code(env.get("POSTURE_LANG", ""))
    if explicit in LANGS:
        return explicit
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            code = _lang_code(value)
            return code if code in LANGS else DEFAULT_LANG
    return DEFAULT_LANG


def unknown_lang_setting(environ: Mapping[str, str] | None = None) -> str | None:
    """The value of POSTURE_LANG when it is set to a language posture does not speak (``fr``), else None."""
    env = os.environ if environ is None else environ
    value = env.get("POSTURE_LANG", "").strip()
    return value if value and _lang_code(value) not in LANGS else None


def _lang_code(value: str) -> str:
    """``es_MX.UTF-8``, ``es-MX``, ``ES``, ``es_MX@euro`` → ``es``."""
    return value.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()


def tr(text: Localized | str | None, lang: str) -> str:
    """The ``lang`` variant of a multilingual string (plain strings pass through; English when ``lang`` lacks one)."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    if isinstance(text, Plural):
        raise TypeError("a Plural message needs its count: use fmt(template, n=...)")
    return text.get(lang) or text.get(DEFAULT_LANG) or next(iter(text.values()), "")


def both(es: str, en: str) -> dict[str, str]:
    """Text that genuinely exists in two languages at run time (built from content or data), not a code string:
    code strings are marked with :func:`_`."""
    return {"es": es, "en": en}


def fmt(template: Localized | Plural, /, **params: object) -> dict[str, str]:
    """Fill ``{placeholders}`` in every language (any placeholder name, ``text`` included).

    A parameter that is itself multilingual (a :class:`Msg` or ``{"es": ..., "en": ...}``) fills each
    language with its own variant, so a translated reason can travel inside a translated message. A
    parameter that is a function is called with each language code and fills it with what it returns: a figure
    written as that language writes it (``functools.partial(l10n.size, n, beside=limit)``).
    A :class:`Plural` template takes its form from the parameter named by its ``count`` (``n``)."""
    def value(v: object, lang: str) -> object:
        if isinstance(v, Mapping) and (lang in v or DEFAULT_LANG in v):
            return tr(v, lang)
        if callable(v):
            return v(lang)
        return v

    def text(lang: str) -> str:
        if isinstance(template, Plural):
            return template.form(lang, int(params[template.count]))  # type: ignore[call-overload]
        return tr(template, lang)
    return {lang: text(lang).format(**{k: value(v, lang) for k, v in params.items()}) for lang in LANGS}


def language_name(code: str, lang: str) -> str:
    """A language as the menus name it, in ``lang``: posture's own words for Spanish and English, CLDR's
    (Babel) for a language that came with a new catalog, else its code."""
    own = {"es": _p("language menu", "Spanish"), "en": _p("language menu", "English")}.get(code)
    if own is not None:
        return tr(own, lang)
    from babel import Locale, UnknownLocaleError

    try:
        here = Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return code
    try:
        return here.get_display_name(lang) or code
    except (UnknownLocaleError, ValueError):
        return here.get_display_name() or code
