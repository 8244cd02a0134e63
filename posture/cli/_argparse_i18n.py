"""Spanish for argparse's own words (usage, options, errors); argparse reads ``_`` at call time."""

from __future__ import annotations

import argparse

_ES = {
    "usage: ": "uso: ",
    "positional arguments": "argumentos",
    "options": "opciones",
    "show this help message and exit": "muestra esta ayuda y termina",
    "the following arguments are required: %s": "faltan los argumentos obligatorios: %s",
    "unrecognized arguments: %s": "argumentos no reconocidos: %s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: error: %(message)s\n",
    "invalid choice: %(value)r (choose from %(choices)s)": "opción inválida: %(value)r (elija entre %(choices)s)",
    "expected one argument": "se esperaba un argumento",
    "argument %(argument_name)s: %(message)s": "argumento %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "valor %(type)s inválido: %(value)r",
    "not allowed with argument %s": "no se permite junto con el argumento %s",
    "one of the arguments %s is required": "se requiere uno de los argumentos %s",
    "ambiguous option: %(option)s could match %(matches)s": "opción ambigua: %(option)s puede ser %(matches)s",
}

# The placeholders of posture's own arguments (argparse's metavars), as the help and the errors show them.
METAVARS = {
    "COMMAND": {"es": "COMANDO", "en": "COMMAND"},
    "ACTION": {"es": "ACCIÓN", "en": "ACTION"},
    "FILE": {"es": "ARCHIVO", "en": "FILE"},
    "DIR": {"es": "CARPETA", "en": "DIR"},
    "PATH": {"es": "RUTA", "en": "PATH"},
    "DATE": {"es": "FECHA", "en": "DATE"},
    "YYYY-MM-DD": {"es": "AAAA-MM-DD", "en": "YYYY-MM-DD"},
    "OLD": {"es": "ANTERIOR", "en": "OLD"},
    "NEW": {"es": "NUEVA", "en": "NEW"},
    "OUT": {"es": "SALIDA", "en": "OUT"},
    "OUT.pdf": {"es": "SALIDA.pdf", "en": "OUT.pdf"},
    "OUT.xlsx": {"es": "SALIDA.xlsx", "en": "OUT.xlsx"},
    "VENDOR.xlsx": {"es": "PROVEEDOR.xlsx", "en": "VENDOR.xlsx"},
    "ASSESSMENT": {"es": "EVALUACIÓN", "en": "ASSESSMENT"},
    "ID|FILE": {"es": "ID|ARCHIVO", "en": "ID|FILE"},
    "NAME": {"es": "NOMBRE", "en": "NAME"},
    "STATUS": {"es": "ESTADO", "en": "STATUS"},
    "TARGET": {"es": "OBJETIVO", "en": "TARGET"},
    "RUN": {"es": "CORRIDA", "en": "RUN"},
    "PORTS": {"es": "PUERTOS", "en": "PORTS"},
    "SECONDS": {"es": "SEGUNDOS", "en": "SECONDS"},
}

_original = argparse._


def use_language(lang: str) -> None:
    argparse._ = (lambda text: _ES.get(text, text)) if lang == "es" else _original


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
