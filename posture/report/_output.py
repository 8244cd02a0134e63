"""Writing a report: owner-only (0o600) from the first byte, replaced atomically."""

from __future__ import annotations

import os
from pathlib import Path

from posture.assessment import atomic_write
from posture.errors import PostureError, os_reason
from posture.i18n import _, fmt
from posture.outputs import check_output

_MSG = {
    "write": _("could not write {path}: {error}"),
}


def write_private(path: str | os.PathLike, data: bytes) -> Path:
    """Reports hold findings about a vendor: nobody but the owner may read them. Checked first as every output is
    (``posture.outputs.check_output``: the folder exists and is writable, the file is not the assessment's own)."""
    target = check_output(path)
    try:
        atomic_write(target, data)  # the one atomic, owner-only write (posture.assessment)
    except OSError as exc:
        raise PostureError(fmt(_MSG["write"], path=str(target), error=os_reason(exc, writing=True))) from None
    return target
