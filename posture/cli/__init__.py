"""The ``posture`` command: one subcommand per module, each only calling the core API."""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import os
import sys

from posture import __version__
from posture.cli._argparse_i18n import translate_metavars, use_language
from posture.cli._context import Context
from posture.errors import PostureError, os_reason
from posture.i18n import LANGS, _, detect_lang, tr, unknown_lang_setting
from posture.shown import visible

# Module names under posture.cli; each defines HELP (es/en) and register(subparsers, ctx).
SUBCOMMANDS = ["validate", "new", "listing", "score", "plan", "compare", "soa", "demo", "probe", "report", "export",
               "portfolio", "encrypt", "open", "questionnaire"]
# command name -> the module that registers it (``list`` is in listing.py; encrypt.py registers both ways)
_MODULE_OF = {**{name: name for name in SUBCOMMANDS if name != "listing"}, "list": "listing", "decrypt": "encrypt"}

_MSG = {
    "description": _("posture: security posture assessment of contact centers and BPO vendors (ISO/IEC 27001:2022, "
                     "PCI DSS v4.0.1, LFPDPPP 2025). With no subcommand it opens the app."),
    "epilog": _("Language: --lang, then POSTURE_LANG, then the locale. Assessments: in $POSTURE_WORKSPACE or "
                "~/.local/share/posture/assessments. Guides for assessors, IT, managers and content authors, in "
                "Spanish and English: docs/guides/."),
    "version": _("show the version and exit"),
    "lang": _("output language (default from the environment)"),
    "internal": _("internal error: {error} (POSTURE_DEBUG=1 shows the details)"),
    "interrupted": _("interrupted"),
    "commands": _("subcommands"),
    "unknown_lang": _("POSTURE_LANG={value}: posture speaks {langs}; using {lang}"),
}


def _pre_lang(argv: list[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGS:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg.split("=", 1)[1] in LANGS:
            return arg.split("=", 1)[1]
    return detect_lang()


def _chosen(argv: list[str]) -> str | None:
    """The module of the subcommand ``argv`` names, when it names a known one before any ``-h``/``--help``;
    None otherwise (then every subcommand is registered, for the full help or argparse's own error)."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--lang":
            skip = True
        elif arg in ("-h", "--help"):
            return None
        elif not arg.startswith("-"):
            return _MODULE_OF.get(arg)
    return None


def build_parser(ctx: Context, argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser. Given ``argv`` that names a subcommand, only that subcommand's module is imported
    and registered (a command starts without importing the other fourteen and what they import); without,
    or for the help, all of them."""
    parser = argparse.ArgumentParser(prog="posture", description=ctx.t(_MSG["description"]),
                                     epilog=ctx.t(_MSG["epilog"]))
    parser.add_argument("--version", action="version", version=f"posture {__version__}", help=ctx.t(_MSG["version"]))
    parser.add_argument("--lang", choices=LANGS, help=ctx.t(_MSG["lang"]))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title=ctx.t(_MSG["commands"]))
    only = _chosen(argv) if argv is not None else None
    for name in [only] if only else SUBCOMMANDS:
        module = importlib.import_module(f"posture.cli.{name}")
        module.register(sub, ctx)
    for command in sub.choices.values():
        # `posture probe --lang es …` as well as `posture --lang es probe …` (report, export and portfolio have
        # a --lang of their own: the document's language)
        if "--lang" not in command._option_string_actions:
            command.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    translate_metavars(parser, ctx.lang)
    return parser


def _tolerant_streams() -> None:
    """A terminal that cannot encode a character (es_MX.ISO-8859-1 and "✓", say) gets a
    replacement character instead of a UnicodeEncodeError: the result is printed and the exit
    status stays the command's own."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="replace")


class _Visible:
    """A standard stream whose text goes out through :func:`posture.shown.visible`: a vendor name, note or
    banner holding an escape sequence is printed as ␛[31m, never obeyed by the terminal. posture prints no
    control sequence of its own; bytes written to ``.buffer`` (an export sent to standard output) pass as
    they are, like everything else the stream has (``__getattr__``)."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(visible(text))

    def writelines(self, lines) -> None:
        self._stream.writelines(visible(line) for line in lines)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


GC_THRESHOLD = 50_000  # the cyclic collector's first threshold in a posture process (Python's default: 700)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; exit status 0, 1 (error), 130 (interrupted), 70 (a bug)…

    Ctrl-C at any moment, even while the subcommands' modules are still being imported (the
    first second of a run), ends with the "interrupted" line and 130, never a traceback.
    """
    program = argv is None  # a process of its own (the `posture` script, python -m posture), not a caller's
    if program:
        # Collect cyclic garbage every 50,000 new objects instead of 700: a command builds its content and
        # scores in tens of thousands of objects that stay alive, and the default threshold ran ~80
        # collections (≈ 7 ms, 5 % of an export) over them. Objects are still freed by reference counting;
        # only garbage in cycles waits a little longer. (mypy does the same for the same reason.)
        gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Visible(streams[0]), _Visible(streams[1])
    try:
        return _main(argv)
    finally:
        sys.stdout, sys.stderr = streams
        if program:
            # The process ends next: the interpreter's shutdown collections need not walk every object the
            # command built (≈ 20 ms of an export). Nothing else is skipped: atexit handlers, finalizers,
            # flushing and module teardown run as always.
            gc.freeze()


def _main(argv: list[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _pre_lang(argv)
    try:
        _tolerant_streams()
        ctx = Context(lang=lang)
        unknown = unknown_lang_setting()
        if unknown is not None and lang == detect_lang():  # not overridden by --lang
            print(tr(_MSG["unknown_lang"], lang).format(value=unknown, langs=", ".join(LANGS), lang=lang),
                  file=sys.stderr)
        use_language(ctx.lang)
        parser = build_parser(ctx, argv)  # imports the named subcommand's module (all of them for the help)
        args = parser.parse_args(argv)
        if args.lang:
            ctx.lang = args.lang
        return _dispatch(parser, args, ctx)
    except KeyboardInterrupt:
        print(tr(_MSG["interrupted"], lang), file=sys.stderr)
        return 130


def _dispatch(parser: argparse.ArgumentParser, args: argparse.Namespace, ctx: Context) -> int:
    try:
        if args.command is None:
            return _no_command(parser, ctx)
        return int(args.func(args, ctx) or 0)
    except PostureError as exc:
        for line in exc.lines(ctx.lang):
            print(line, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(tr(_MSG["interrupted"], ctx.lang), file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (`posture plan | head`): stop quietly, like other tools
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except OSError as exc:  # a path the user gave that the system refused: their words, the file named
        reason = os_reason(exc)[ctx.lang]
        print(f"posture: {exc.filename}: {reason}" if exc.filename else f"posture: {reason}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: one line unless asked for the traceback
        if os.environ.get("POSTURE_DEBUG"):
            raise
        print(tr(_MSG["internal"], ctx.lang).format(error=f"{type(exc).__name__}: {exc}"), file=sys.stderr)
        return 70


def _no_command(parser: argparse.ArgumentParser, ctx: Context, path=None) -> int:
    """The app (on ``path`` if given); without a terminal there is nothing to draw on, so the help."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        parser.print_help()
        return 0
    app = importlib.import_module("posture.tui")
    return int(app.launch(lang=ctx.lang, path=path) or 0)
