"""Every option that takes a value names its placeholder from the translated list (METAVARS).

argparse's default placeholder is the option's English name in capitals (`--owner OWNER`): it reached the
Spanish help until each option was given a placeholder of its own (session 3 newcomer)."""

from __future__ import annotations

import argparse
import subprocess
import sys

from posture.cli import SUBCOMMANDS, build_parser
from posture.cli._argparse_i18n import METAVARS
from posture.cli._context import Context

_NOT_WORDS = {"N", "P1", "P2", "P3", "IP/CIDR", "XML"}  # the same in every language


def _options():
    parser = build_parser(Context(lang="en"))
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, command in sub.choices.items():
        for action in command._actions:
            if action.option_strings and action.nargs != 0 and not isinstance(action, argparse._HelpAction):
                yield name, action


def test_every_option_with_a_value_has_a_placeholder_from_the_translated_list():
    missing = []
    for name, action in _options():
        shown = action.metavar if isinstance(action.metavar, tuple) else (action.metavar,)
        if action.choices is not None and action.metavar is None:
            continue  # argparse shows the choices themselves ({es,en})
        if isinstance(action.metavar, str) and action.metavar.startswith("{"):
            continue  # choices written in the reader's words ({ejecutivo,completo}: report --audience)
        if any(m is None or (m not in METAVARS and m not in _NOT_WORDS) for m in shown):
            missing.append(f"{name} {action.option_strings[-1]} {action.metavar}")
    assert missing == []


def test_the_spanish_help_of_plan_and_new_shows_spanish_placeholders():
    for command, words in (("plan", ("TEXTO", "NOMBRE")), ("new", ("NOMBRE", "TEXTO"))):
        out = subprocess.run([sys.executable, "-m", "posture", "--lang", "es", command, "--help"],
                             capture_output=True, text=True, check=True).stdout
        assert all(w in out for w in words), out
        assert not any(w in out for w in ("JUSTIFICATION", "OWNER", "VENDOR", "SITE", "SCOPE", "SLUG")), out
    assert len(SUBCOMMANDS) > 10
