"""Checking where a file will be written before doing the work that produces it.

A report takes seconds to render; finding out afterwards that its folder does not exist wastes them and
(in the app) reports the problem far from where it was typed. Every command and screen that writes a file
calls :func:`check_output` first. Light on purpose: no PDF or template library is imported here.

Writing is here too: :func:`atomic_write` is posture's one way to replace a file (assessments, backups,
pending runs, reports, exports, workbooks, the content cache), so a crash never leaves half of one.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from posture.errors import PostureError
from posture.i18n import _, fmt

OWNER_ONLY = 0o600  # every file posture writes: owner read/write only

_MSG = {
    "no_folder": _("cannot write {path}: folder {folder} does not exist"),
    "not_folder": _("cannot write {path}: {folder} is not a folder"),
    "read_only": _("cannot write {path}: no write permission in {folder}"),
    "is_dir": _("cannot write {path}: it is a folder; give a file name"),
    "not_dir": _("cannot write into {path}: it exists and is not a folder"),
    "empty": _("give an output file"),
    "store_file": _("cannot write {path}: it is an assessment's own file (the assessment, its backup, lock or a "
                    "pending run); give another name"),
}

# The files the assessment store keeps in an assessment's folder (posture.assessment: FILE_NAME, ENCRYPTED_NAME,
# their ".bak" backup and ".lock", and ".pending-<run>.json[.enc]" runs): named here, not imported, because the
# store imports this module (its atomic writer).
_STORE_NAMES = ("assessment.yaml", "assessment.yaml.enc")


def is_store_file(path: str | os.PathLike) -> bool:
    """Whether ``path`` (or the file a symbolic link there points to) is one of the files the assessment store owns:
    a report or export written there would replace an assessment, or its backup, with a PDF or a CSV."""
    target = Path(path)
    names = {target.name}
    with contextlib.suppress(OSError, RuntimeError):
        names.add(target.resolve().name)
    for name in names:
        for store in _STORE_NAMES:
            if name in (store, store + ".bak", store + ".lock") or name.startswith(store + ".pending-"):
                return True
    return False


def named(path: str | os.PathLike) -> str | os.PathLike:
    """``path`` itself, unless it is empty or blank: then a PostureError "give an output file" (an empty ``-o ''``
    is not the current folder, and an emptied output box is not a request to write nothing)."""
    if not str(path).strip():
        raise PostureError(dict(_MSG["empty"]))
    return path


def check_output(path: str | os.PathLike, *, folder: bool = False) -> Path:
    """Raise a PostureError (es/en, naming the path) unless ``path`` can be written: its folder exists, is a
    folder and is writable, and ``path`` itself is not a folder. With ``folder=True``, ``path`` is a folder
    to write into (created if missing): it must be a folder already, or its parent must be writable.
    A file the assessment store owns (:func:`is_store_file`) is refused: an export never replaces an assessment.
    Returns ``path`` as a Path."""
    target = Path(named(path))
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
    if is_store_file(target):
        raise PostureError(fmt(_MSG["store_file"], path=str(target)))
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


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_replace(path: Path, *, prefix: str | None = None) -> Iterator[BinaryIO]:
    """A binary file to write that replaces ``path`` only when the block ends without an exception: a
    temporary file in the same folder (``<prefix><name>.<random>.tmp``, ``prefix`` default ``.``), mode 0600,
    flushed and fsynced, renamed over ``path``, then the folder fsynced. On an exception (or a kill) ``path``
    keeps its old version; the temporary file is removed (a kill leaves it, found by its name).
    Raises ``OSError`` (the folder missing or not writable, a full disk)."""
    import tempfile  # here, not at the top: a command that writes nothing does not load it (or random)

    folder = path.parent
    fd, tmp = tempfile.mkstemp(prefix=f"{'.' if prefix is None else prefix}{path.name}.", suffix=".tmp", dir=folder)
    try:
        os.fchmod(fd, OWNER_ONLY)
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(folder)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash at any moment leaves the old or the new version, never
    half of one (``atomic_replace``: temporary file, fsync, rename, fsync the folder; mode 0600). Raises
    ``OSError`` (the folder missing or not writable, a full disk); the temporary file is removed then."""
    with atomic_replace(path) as fh:
        fh.write(data)
