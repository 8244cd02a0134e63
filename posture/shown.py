"""Text from users and files shown on a terminal: control characters made visible, never obeyed.

A vendor named ``Esc \\x1b[31mROJO\\x1b[0m`` (``posture new`` took it, a file can hold it) turned the
rest of a terminal red in ``posture list``, ``score`` and ``compare`` and broke the app's home rows: the
terminal obeyed the escape sequence. Whatever reaches a terminal — the CLI's standard streams
(``posture.cli``) and the app's literal widgets (``posture.tui.widgets.literal``) — goes through
:func:`visible`: each C0 control character but line feed and tab becomes its Unicode *control picture*
(U+2400 block: ESC → ␛, CR → ␍, BEL → ␇), DEL becomes ␡ and each C1 control (U+0080–U+009F, which some
terminals also obey: CSI U+009B) becomes U+FFFD. So do the Unicode bidirectional embedding, override and isolate
controls (U+202A–U+202E, U+2066–U+2069: the "Trojan Source" characters, CVE-2021-42574), which a terminal
obeys by drawing the rest of a line reversed: ``Acme\u202egnissecorp`` would read «Acme processing»
in a vendor list. One character for one, so offsets and styles of a text
stay where they were. The stored text is never changed: files keep what was written, exports for
machines (JSON escapes them, CSV and XLSX carry data) keep it too.
"""

from __future__ import annotations

_KEEP = {0x09, 0x0A}  # tab and line feed: layout, not commands
_TABLE = {c: 0x2400 + c for c in range(0x20) if c not in _KEEP}
_TABLE[0x7F] = 0x2421  # ␡
_TABLE.update({c: 0xFFFD for c in range(0x80, 0xA0)})
_BIDI = (*range(0x202A, 0x202F), *range(0x2066, 0x206A))  # LRE RLE PDF LRO RLO, LRI RLI FSI PDI
_TABLE.update({c: 0xFFFD for c in _BIDI})


def visible(text: str) -> str:
    """``text`` with every control character a terminal would act on replaced by a visible one.

    Same length as ``text`` (one character for one). Line feed and tab are kept.
    """
    return text.translate(_TABLE)


def has_controls(text: str) -> bool:
    """Whether ``text`` holds a character :func:`visible` would replace."""
    return text != visible(text)


def clip(text: str, width: int) -> str:
    """``text`` in at most ``width`` characters: whole, or cut at the last word that fits and ended with «…» (a
    word longer than the room is cut inside, still with «…»), so a reader sees that more follows."""
    if len(text) <= width:
        return text
    room = text[: width - 1]
    if text[width - 1] not in " ,;:." and " " in room:  # the last word does not end inside the room: drop it
        room = room.rsplit(" ", 1)[0]
    return (room.rstrip(" ,;:·—-") or text[: width - 1]) + "…"
