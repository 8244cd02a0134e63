"""Keys, typed once: in each class's ``BINDINGS``. The footer, the help screen and every key hint are read
from them, so changing a binding's key changes everything that names it.

- a binding's ``description`` is a key of ``strings.S`` (the footer's short word), its ``tooltip`` an
  optional longer one for the help (``h_…``); both are translated on every language switch;
- :func:`key_label` writes a key as a person reads it (``ctrl+r`` → ``Ctrl+R``, ``escape`` → ``Esc``);
- :func:`keys_of` gives the first key of every action of a class, for hints such as
  ``"{start} runs · {cancel} cancels"`` (``strings.S``);
- :func:`help_rows` gives a class's rows of the help screen.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode

from posture.tui.strings import S, t

_NAMES = {"escape": "Esc", "enter": "Enter", "question_mark": "?", "tab": "Tab", "space": "Space", "up": "↑",
          "down": "↓", "left": "←", "right": "→", "pageup": "PgUp", "pagedown": "PgDn"}


def translate_bindings(node: DOMNode, lang: str) -> None:
    """Rebuild ``node``'s bindings from its class's, with each description (and tooltip) key looked up in
    ``lang``."""
    merged = type(node)._merged_bindings
    if merged is None:
        return
    node._bindings = BindingsMap.from_keys({
        key: [_translated(b, lang) for b in bindings] for key, bindings in merged.key_to_bindings.items()
    })
    node.refresh_bindings()


# Key descriptions Textual's own widgets bring, in English, → the key of posture's word (strings.S)
TEXTUAL_WORDS = {"Dismiss menu": "k_close_list"}


def translate_widget_bindings(widget: DOMNode, lang: str) -> None:
    """A Textual widget's own key descriptions in ``lang`` (the open list of a Select said «esc Dismiss menu»
    in the Spanish footer): those of :data:`TEXTUAL_WORDS`, rebuilt on the widget like a screen's."""
    merged = type(widget)._merged_bindings
    if merged is None or not any(b.description in TEXTUAL_WORDS for bs in merged.key_to_bindings.values()
                                 for b in bs):
        return
    widget._bindings = BindingsMap.from_keys({
        key: [replace(b, description=t(TEXTUAL_WORDS[b.description], lang)) if b.description in TEXTUAL_WORDS
              else b for b in bindings] for key, bindings in merged.key_to_bindings.items()})
    widget.refresh_bindings()


def _translated(b: Binding, lang: str) -> Binding:
    if b.description not in S:
        return b
    return replace(b, description=t(b.description, lang), tooltip=t(b.tooltip, lang) if b.tooltip in S else b.tooltip)


def key_label(key: str) -> str:
    """A Textual key name as a person reads it: ``ctrl+r`` → ``Ctrl+R``, ``escape`` → ``Esc``, ``f2`` → ``F2``,
    ``question_mark`` → ``?``; a letter stays as it is typed (``q``)."""
    *modifiers, name = key.split("+")
    if name in _NAMES:
        name = _NAMES[name]
    elif (name[:1] == "f" and name[1:].isdigit()) or (modifiers and len(name) == 1):
        name = name.upper()
    return "+".join([*(m.capitalize() for m in modifiers), name])


def bindings_of(cls: type[DOMNode]) -> list[Binding]:
    """The bindings ``cls`` ends up with (its own and its bases'), one per key, in the order they were
    declared."""
    merged = cls._merged_bindings if cls._merged_bindings is not None else cls._merge_bindings()
    return [b for bindings in merged.key_to_bindings.values() for b in bindings]


def _action_name(action: str) -> str:
    """``move(1)`` → ``move``, ``app.quit`` → ``quit``: the name a hint uses for the action."""
    return action.split("(", 1)[0].rsplit(".", 1)[-1]


def keys_of(*classes: type[DOMNode]) -> dict[str, str]:
    """Action name → the label of the first key bound to it, over ``classes`` (the first class that binds
    an action wins); for the placeholders of key hints."""
    out: dict[str, str] = {}
    for cls in classes:
        for b in bindings_of(cls):
            out.setdefault(_action_name(b.action), key_label(b.key))
    return out


def help_rows(cls: type[DOMNode], lang: str, skip: set[tuple[str, str]] = frozenset()) -> list[tuple[str, str]]:
    """The help screen's rows for ``cls``: (keys, what they do), one row per help text — the binding's
    ``tooltip`` if it has one, else its ``description`` — with every key that does it, in declared order
    (a run of digit keys as a range, ``0–5``).
    Only posture's own bindings (a description that is a key of ``strings.S``); a (key, text) pair in
    ``skip`` (already listed elsewhere) is left out."""
    rows: dict[str, list[str]] = {}
    for b in bindings_of(cls):
        if b.description not in S:
            continue
        text = b.tooltip if b.tooltip in S else b.description
        if (b.key, text) in skip:
            continue
        keys = rows.setdefault(text, [])
        if key_label(b.key) not in keys:
            keys.append(key_label(b.key))
    return [(" ".join(_runs(keys)), t(text, lang)) for text, keys in rows.items()]


def _runs(labels: list[str]) -> list[str]:
    """Three or more consecutive digit keys written as one range: ``0 1 2 3 4 5`` → ``0–5``."""
    out: list[str] = []
    run: list[int] = []
    for label in [*labels, ""]:
        if label.isdigit() and len(label) == 1 and (not run or int(label) == run[-1] + 1):
            run.append(int(label))
            continue
        out += [f"{run[0]}–{run[-1]}"] if len(run) >= 3 else [str(d) for d in run]
        run = [int(label)] if label.isdigit() and len(label) == 1 else []
        if label and not run:
            out.append(label)
    return out


def help_pairs(cls: type[DOMNode]) -> set[tuple[str, str]]:
    """The (key, help text key) pairs :func:`help_rows` lists for ``cls``."""
    return {(b.key, b.tooltip if b.tooltip in S else b.description) for b in bindings_of(cls) if b.description in S}
