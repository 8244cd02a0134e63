"""One writer per assessment: an exclusive, non-blocking ``flock`` on a ``.lock`` file beside it.

The app holds it for as long as an assessment is open for writing; CLI writes (``--attach``, encrypt,
decrypt) and destructive actions (delete) hold it while they work. ``flock`` is released by the kernel
when its holder dies, so a killed app never leaves a stale lock.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from posture.errors import LockHeld
from posture.i18n import LANGS, _
from posture.safe_yaml import display_name

_MSG = {
    "busy": _("{file}: this assessment is open in another process{pid} (another posture window or a command still "
              "running); close it or wait for it to finish"),
    "pid": _(" (pid {pid})"),
}


def _held(path: Path, pid: int | None) -> LockHeld:
    suffix = {lang: _MSG["pid"][lang].format(pid=pid) if pid else "" for lang in LANGS}
    return LockHeld(path, pid, {lang: _MSG["busy"][lang].format(file=display_name(path), pid=suffix[lang])
                                for lang in LANGS})


LockBusy = LockHeld  # the former name, kept for callers not yet renamed


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def _holder(fd: int) -> int | None:
    text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    return int(text) if text.isdigit() else None


@contextlib.contextmanager
def write_lock(path: Path) -> Iterator[None]:
    """Held while an assessment is written; a second writer gets :class:`~posture.errors.LockHeld` at once."""
    lock = lock_path(path)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise _held(path, _holder(fd)) from None
        # The pid is a hint for the message above; the flock itself is the lock.
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def check_unlocked(path: Path) -> None:
    """Raise :class:`~posture.errors.LockHeld` if another process holds ``path``'s lock right now; nothing is taken or
    written (no lock file is created). For work that would be wasted if it could not be written at the end
    (a scan before ``--attach``, a passphrase prompt before ``encrypt``)."""
    try:
        fd = os.open(lock_path(path), os.O_RDONLY)
    except FileNotFoundError:
        return  # no lock file: nobody has ever held it
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)  # fails only against an exclusive holder
        except BlockingIOError:
            raise _held(path, _holder(fd)) from None
        fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
