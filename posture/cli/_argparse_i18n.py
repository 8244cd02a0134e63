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

_original = argparse._


def use_language(lang: str) -> None:
    argparse._ = (lambda text: _ES.get(text, text)) if lang == "es" else _original
