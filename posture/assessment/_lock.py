"""One writer per assessment: an exclusive, non-blocking ``flock`` on a ``.lock`` file beside it."""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from posture.errors import PostureError
from posture.i18n import both, fmt
from posture.safe_yaml import display_name

_MSG = {
    "busy": both("{file}: otro proceso está guardando esta evaluación{pid}; espere a que termine o ciérrelo",
                 "{file}: another process is writing this assessment{pid}; wait for it or close it"),
    "pid": both(" (pid {pid})", " (pid {pid})"),
}


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


@contextlib.contextmanager
def write_lock(path: Path) -> Iterator[None]:
    """Held while an assessment is written; a second writer gets a PostureError at once."""
    lock = lock_path(path)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            pid = {"es": "", "en": ""}
            if holder.isdigit():
                pid = fmt(_MSG["pid"], pid=holder)
            raise PostureError({lang: _MSG["busy"][lang].format(file=display_name(path), pid=pid[lang])
                                for lang in ("es", "en")}) from None
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
