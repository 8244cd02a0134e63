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

# The placeholders of posture's own arguments (argparse's metavars), as the help and the errors show them.
METAVARS = {
    "COMMAND": _("COMMAND"),
    "ACTION": _("ACTION"),
    "FILE": _("FILE"),
    "DIR": _("DIR"),
    "PATH": _("PATH"),
    "DATE": _("DATE"),
    "YYYY-MM-DD": _("YYYY-MM-DD"),
    "OLD": _("OLD"),
    "NEW": _("NEW"),
    "OUT": _("OUT"),
    "OUT.pdf": _("OUT.pdf"),
    "OUT.xlsx": _("OUT.xlsx"),
    "VENDOR.xlsx": _("VENDOR.xlsx"),
    "ASSESSMENT": _("ASSESSMENT"),
    "ID|FILE": _("ID|FILE"),
    "NAME": _("NAME"),
    "TEXT": _("TEXT"),
    "REF": _("REF"),
    "ID": _("ID"),
    "STATUS": _("STATUS"),
    "TARGET": _("TARGET"),
    "RUN": _("RUN"),
    "PORTS": _("PORTS"),
    "SECONDS": _("SECONDS"),
}

_original = argparse._, argparse.ngettext


def use_language(lang: str) -> None:
    if lang == SOURCE_LANG:
        argparse._, argparse.ngettext = _original
    else:
        argparse._ = lambda text: gettext(lang, text)
        argparse.ngettext = lambda singular, plural, n: ngettext(lang, singular, plural, n)


def translate_metavars(parser: argparse.ArgumentParser, lang: str) -> None:
    """Every placeholder of ``parser`` and its subcommands in ``lang`` (:data:`METAVARS`; others, such as
    ID, N, REF, XML or IP/CIDR, read the same in both languages). Called once the parser is built."""
    def one(name: str) -> str:
        return METAVARS[name][lang] if name in METAVARS and lang in METAVARS[name] else name

    seen: set[int] = set()
    todo = [parser]
    while todo:
        p = todo.pop()
        if id(p) in seen:
            continue
        seen.add(id(p))
        for action in p._actions:
            if isinstance(action.metavar, str):
                action.metavar = one(action.metavar)
            elif isinstance(action.metavar, tuple):
                action.metavar = tuple(one(m) for m in action.metavar)
            if isinstance(action, argparse._SubParsersAction):
                todo.extend(action.choices.values())
