"""Replacing a file so that a crash at any moment leaves the old or the new version, never half of one."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

from posture.outputs import atomic_replace, atomic_write


def keep_backup(path: Path) -> Path | None:
    """Copy the current version to ``<name>.bak`` (itself written atomically) before it is replaced."""
    if not path.exists():
        return None
    backup = path.with_name(path.name + ".bak")
    atomic_write(backup, path.read_bytes())
    return backup


def stale_temps(path: Path) -> list[Path]:
    """Temporary files a killed save of ``path`` (or of its backup) left behind in its folder."""
    return sorted(path.parent.glob(f".{path.name}.*.tmp"))


def remove_stale_temps(path: Path) -> int:
    """Delete them; only safe while holding ``path``'s write lock (no live writer can own one)."""
    removed = 0
    for tmp in stale_temps(path):
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
            removed += 1
    return removed


COPY_PREFIX = ".posture-partial-"  # a copy in progress; a killed copy leaves one (removed on the next open)


def partial_copies(folder: Path) -> list[Path]:
    """Temporary files an interrupted :func:`copy_owner_only` left in ``folder``."""
    return sorted(folder.glob(f"{COPY_PREFIX}*.tmp")) if folder.is_dir() else []


def copy_owner_only(source: Path, target: Path) -> None:
    """Copy a file (evidence) into place atomically with owner-only permissions, streamed (no size limit
    in memory): ``posture.outputs.atomic_replace`` with the partial-copy prefix."""
    with atomic_replace(target, prefix=COPY_PREFIX) as out, open(source, "rb") as src:
        shutil.copyfileobj(src, out)
