"""Checking where a file will be written before doing the work that produces it.

A report takes seconds to render; finding out afterwards that its folder does not exist wastes them and
(in the app) reports the problem far from where it was typed. Every command and screen that writes a file
calls :func:`check_output` first. Light on purpose: no PDF or template library is imported here.
"""

from __future__ import annotations

import os
from pathlib import Path

from posture.errors import PostureError
from posture.i18n import _, fmt

_MSG = {
    "no_folder": _("cannot write {path}: folder {folder} does not exist"),
    "not_folder": _("cannot write {path}: {folder} is not a folder"),
    "read_only": _("cannot write {path}: no write permission in {folder}"),
    "is_dir": _("cannot write {path}: it is a folder; give a file name"),
    "not_dir": _("cannot write into {path}: it exists and is not a folder"),
    "empty": _("give an output file"),
}


def check_output(path: str | os.PathLike, *, folder: bool = False) -> Path:
    """Raise a PostureError (es/en, naming the path) unless ``path`` can be written: its folder exists, is a
    folder and is writable, and ``path`` itself is not a folder. With ``folder=True``, ``path`` is a folder
    to write into (created if missing): it must be a folder already, or its parent must be writable.
    Returns ``path`` as a Path."""
    if not str(path).strip():
        raise PostureError(dict(_MSG["empty"]))
    target = Path(path)
    if folder:
        if target.exists():
            if not target.is_dir():
                raise PostureError(fmt(_MSG["not_dir"], path=str(target)))
            _writable(target, target)
            return target
        # created with its parents: the nearest existing ancestor must take it
        ancestor = target.parent
        while not ancestor.exists() and ancestor != ancestor.parent:
            ancestor = ancestor.parent
        _writable(target, ancestor)
        return target
    if target.is_dir():
        raise PostureError(fmt(_MSG["is_dir"], path=str(target)))
    _writable(target, target.parent)
    return target


def _writable(target: Path, folder: Path) -> None:
    shown = str(folder) if str(folder) else "."
    if not folder.exists():
        raise PostureError(fmt(_MSG["no_folder"], path=str(target), folder=shown))
    if not folder.is_dir():
        raise PostureError(fmt(_MSG["not_folder"], path=str(target), folder=shown))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise PostureError(fmt(_MSG["read_only"], path=str(target), folder=shown))
