"""The Jinja2 environment: package templates only, autoescape always on, undefined names are errors.

Templates mark their words with ``jinja2.ext.i18n``'s ``_("English")`` / ``ngettext(...)`` (extracted by
Babel into posture's catalog); the language is the ``lang`` the template is rendered with, and
``{placeholders}`` are filled the way the code's messages are (``str.format``)."""

from __future__ import annotations

import re

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from markupsafe import Markup

from posture.i18n import gettext, ngettext, tr
from posture.report._assets import asset_text
from posture.report._strings import STRINGS
from posture.shown import has_controls, visible

_env: Environment | None = None
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


def environment() -> Environment:
    global _env
    if _env is None:
        _env = Environment(loader=PackageLoader("posture.report", "templates"), autoescape=True,
                           undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                           extensions=["jinja2.ext.i18n"], finalize=_visible)
        _env.install_gettext_callables(_gettext, _ngettext, newstyle=False, pgettext=_pgettext,  # type: ignore[attr-defined]
                                       npgettext=_npgettext)
    return _env


def _visible(value):
    """Every ``{{ value }}`` of a template with its control characters visible (posture.shown: ESC → ␛): a
    vendor or note holding an escape sequence put raw ESC bytes into the HTML export (not allowed in HTML)
    and boxes into the PDF. Safe markup stays markup."""
    if isinstance(value, Markup):
        # already markup; visible() only swaps control characters for control pictures: no markup made
        return Markup(visible(str(value))) if has_controls(value) else value  # noqa: S704
    if isinstance(value, str):
        return visible(value)
    return value


@pass_context
def _gettext(context, msgid: str, /, **params) -> str:
    text = gettext(context["lang"], msgid)
    return text.format(**params) if params else text


@pass_context
def _pgettext(context, msgctxt: str, msgid: str, /, **params) -> str:
    text = gettext(context["lang"], msgid, msgctxt)
    return text.format(**params) if params else text


@pass_context
def _ngettext(context, singular: str, plural: str, n: int, /, **params) -> str:
    return ngettext(context["lang"], singular, plural, n).format(n=n, **params)


@pass_context
def _npgettext(context, msgctxt: str, singular: str, plural: str, n: int, /, **params) -> str:
    return ngettext(context["lang"], singular, plural, n, msgctxt).format(n=n, **params)


def render(template: str, lang: str, **context) -> str:
    """``template`` rendered in ``lang`` (its ``_()`` words from the catalog of ``lang``)."""
    return environment().get_template(template).render(lang=lang, **context)


def stylesheet(lang: str, sha256: str | None) -> str:
    """The package CSS plus the page margin texts for one language and one file hash.

    Only posture's own strings and a checked hex digest go into CSS; user text reaches the margins
    through ``string-set`` from escaped HTML, never by being written into a stylesheet.
    """
    if sha256 is not None and not _HEX64.match(sha256):
        raise ValueError("sha256 must be 64 lowercase hex digits")
    footer = f"@bottom-left {{ content: \"SHA-256 {sha256}\" }}" if sha256 else ""
    page, of = tr(STRINGS["page"], lang), tr(STRINGS["of"], lang)
    label = tr(STRINGS["confidential"], lang)
    margins = (
        f"@page {{ {footer}"
        f" @bottom-right {{ content: \"{page} \" counter(page) \" {of} \" counter(pages) }}"
        f" @top-right {{ content: \"{label}\" }} }}"
    )
    return asset_text("report.css") + "\n" + margins + "\n"
