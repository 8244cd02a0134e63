"""argparse's own words (usage, options, errors) through posture's catalog; argparse reads ``_`` at call time.

The English below is argparse's (CPython's Lib/argparse.py); marking it here puts it in the catalog,
so a language's catalog translates argparse too."""

from __future__ import annotations

import argparse

from posture.i18n import SOURCE_LANG, _, _n, gettext, ngettext

ARGPARSE_MESSAGES = (
    _("usage: "),
    _("positional arguments"),
    _("options"),
    _("show this help message and exit"),
    _("the following arguments are required: %s"),
    _("unrecognized arguments: %s"),
    _("%(prog)s: error: %(message)s\n"),
    _("invalid choice: %(value)r (choose from %(choices)s)"),
    _("expected one argument"),
    _("expected at most one argument"),
    _("expected at least one argument"),
    _n("expected %s argument", "expected %s arguments"),
    _("ignored explicit argument %r"),
    _("unexpected option string: %s"),
    _("argument %(argument_name)s: %(message)s"),
    _("invalid %(type)s value: %(value)r"),
    _("not allowed with argument %s"),
    _("one of the arguments %s is required"),
    _("ambiguous option: %(option)s could match %(matches)s"),
)

_original = argparse._, argparse.ngettext


def use_language(lang: str) -> None:
    if lang == SOURCE_LANG:
        argparse._, argparse.ngettext = _original
    else:
        argparse._ = lambda text: gettext(lang, text)
        argparse.ngettext = lambda singular, plural, n: ngettext(lang, singular, plural, n)
