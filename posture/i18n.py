"""Languages: every person-facing string exists in Spanish and English.

Strings live next to the code that shows them, as ``{"es": ..., "en": ...}``
mappings; this module only picks the language and the variant.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

LANGS = ("es", "en")
DEFAULT_LANG = "en"

Text = Mapping[str, str]


def detect_lang(environ: Mapping[str, str] | None = None) -> str:
    """POSTURE_LANG wins; otherwise the locale variables, as the C library reads them."""
    env = os.environ if environ is None else environ
    explicit = env.get("POSTURE_LANG", "").strip().lower()
    if explicit in LANGS:
        return explicit
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            return "es" if value.lower().startswith("es") else "en"
    return DEFAULT_LANG


def tr(text: Text | str | None, lang: str) -> str:
    """The ``lang`` variant of a bilingual string (plain strings pass through)."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    return text.get(lang) or text.get(DEFAULT_LANG) or next(iter(text.values()), "")


def both(es: str, en: str) -> dict[str, str]:
    return {"es": es, "en": en}


def fmt(template: Text, /, **params: object) -> dict[str, str]:
    """Fill ``{placeholders}`` in both variants (any placeholder name, ``text`` included).

    A parameter that is itself bilingual (``{"es": ..., "en": ...}``) fills each variant with its own
    language, so a translated reason can travel inside a translated message."""
    def value(v: object, lang: str) -> object:
        return v.get(lang, v.get(DEFAULT_LANG, "")) if isinstance(v, dict) and lang in v else v
    return {lang: template[lang].format(**{k: value(v, lang) for k, v in params.items()}) for lang in LANGS}
