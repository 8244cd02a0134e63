"""Writing a report: owner-only (0o600) from the first byte, replaced atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from posture.errors import PostureError, os_reason
from posture.i18n import both, fmt

_MSG = {
    "write": both("no se pudo escribir {path}: {error}", "could not write {path}: {error}"),
}


def write_private(path: str | os.PathLike, data: bytes) -> Path:
    """Reports hold findings about a vendor: nobody but the owner may read them."""
    target = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or Path("."))
        try:
            os.fchmod(fd, 0o600)
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        os.chmod(target, 0o600)
    except OSError as exc:
        raise PostureError(fmt(_MSG["write"], path=str(target), error=os_reason(exc))) from None
    return target
