"""Key descriptions in the current language: BINDINGS hold string keys, translated on every switch."""

from __future__ import annotations

from dataclasses import replace

from textual.binding import BindingsMap
from textual.dom import DOMNode

from posture.tui.strings import S, t


def translate_bindings(node: DOMNode, lang: str) -> None:
    """Rebuild ``node``'s bindings from its class's, with each description key looked up in ``lang``."""
    merged = type(node)._merged_bindings
    if merged is None:
        return
    node._bindings = BindingsMap.from_keys({
        key: [replace(b, description=t(b.description, lang)) if b.description in S else b for b in bindings]
        for key, bindings in merged.key_to_bindings.items()
    })
    node.refresh_bindings()
