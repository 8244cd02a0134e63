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

# argparse writes these two in the plural whatever the count ("the following arguments are required: FILE"); posture
# says them with the count of names argparse joins (", " for required ones, " " for unrecognized ones):
# argparse's msgid → posture's singular/plural pair.
SEPARATORS = {"the following arguments are required: %s": ", ", "unrecognized arguments: %s": " "}
COUNTED = {
    "the following arguments are required: %s": _n("the following argument is required: %s",
                                                   "the following arguments are required: %s"),
    "unrecognized arguments: %s": _n("unrecognized argument: %s", "unrecognized arguments: %s"),
}


class _Counted(str):
    """argparse's template of a list of names; ``%`` picks the form for how many names it gets."""

    lang: str
    msgid: str

    def __mod__(self, names: object) -> str:  # argparse: _('...: %s') % ', '.join(names)  (or ' '.join)
        n = len(str(names).split(SEPARATORS[self.msgid])) if str(names).strip() else 1
        return COUNTED[self.msgid].form(self.lang, n) % names


def _counted(lang: str, msgid: str) -> _Counted:
    text = _Counted(gettext(lang, msgid))
    text.lang, text.msgid = lang, msgid
    return text


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
    original_gettext = _original[0]
    if lang == SOURCE_LANG:
        argparse._ = lambda text: _counted(lang, text) if text in COUNTED else original_gettext(text)
        argparse.ngettext = _original[1]
    else:
        argparse._ = lambda text: _counted(lang, text) if text in COUNTED else gettext(lang, text)
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
