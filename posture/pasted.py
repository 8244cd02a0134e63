"""Paths as people paste them: quoted, dragged from a file manager, escaped, with ``~``.

A terminal receives a dropped file as ``'/home/ana/Descargas/evidencia cliente/Política.pdf'``
(GNOME Terminal, Konsole quote it), ``/home/ana/evidencia\\ cliente/Pol\\ 1.pdf`` (xterm-style
escaping, macOS Terminal) or ``file:///home/ana/Pol%C3%ADtica.pdf`` (a URI from a browser or some
file managers); people also copy a path with its quotes from a shell command or from Windows
Explorer's "Copy as path" (double quotes).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlparse

_ESCAPED = re.compile(r"\\(.)")


def pasted_path(text: str) -> Path:
    """The path a person meant by ``text``.

    Strips surrounding whitespace and one pair of matching quotes ('…' or "…"), decodes a
    ``file://`` URI (percent-escapes included), undoes backslash escapes of an unquoted POSIX path
    (``evidencia\\ cliente``) and expands ``~``. Nothing is checked on disk.

    Returns:
        A ``Path`` (possibly relative, as typed). An empty or blank ``text`` gives ``Path("")``.
    """
    value = text.strip()
    quoted = len(value) >= 2 and value[0] == value[-1] and value[0] in "'\""
    if quoted:
        value = value[1:-1]
    if value.lower().startswith("file://"):
        value = unquote(urlparse(value).path)
    elif not quoted and "\\" in value and not re.match(r"^[A-Za-z]:\\", value):
        value = _ESCAPED.sub(r"\1", value)
    return Path(value).expanduser() if value else Path("")
