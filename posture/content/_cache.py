"""A cache of the validated bundled content, so the app starts fast.

Keyed by a hash of posture's version, the schemas and every content file's bytes: any edit
invalidates it. Stored as JSON (never pickle) in the user's cache folder, written atomically
(``posture.outputs.atomic_write``), owner-only; any problem reading or writing it just means loading the slow way.

One entry per installation: the file is named ``content-<installation>-<key>.json``, where
the installation is a hash of the folder the content was read from. A user with two installs
(pipx and a development venv, say) keeps one entry for each, and a new entry evicts only the
stale entries of its own installation, so alternating between them never re-validates.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import platformdirs

from posture import __version__
from posture.outputs import atomic_write

_ENV = "POSTURE_CACHE_DIR"


def _cache_dir() -> Path:
    return Path(os.environ.get(_ENV) or platformdirs.user_cache_dir("posture"))


def _installation(files: list[Path]) -> str:
    """A short, stable id of the installation: the folders the content files live in."""
    h = hashlib.sha256()
    for folder in sorted({str(f.resolve().parent) for f in files}):
        h.update(folder.encode())
        h.update(b"\0")
    return h.hexdigest()[:12]


def _key(files: list[Path]) -> str:
    h = hashlib.sha256(__version__.encode())
    for schema in sorted((Path(__file__).resolve().parents[1] / "schemas").iterdir(), key=lambda p: p.name):
        h.update(schema.name.encode())
        h.update(schema.read_bytes())
    for f in files:
        h.update(str(f).encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:32]


def read_cache(files: list[Path]) -> list[dict] | None:
    try:
        path = _cache_dir() / _name(files)
        with open(path, encoding="utf-8") as fh:
            entries = json.load(fh)
    except (OSError, ValueError):
        return None
    return entries if isinstance(entries, list) else None


def write_cache(files: list[Path], entries: list[dict]) -> None:
    try:
        folder = _cache_dir()
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        name = _name(files)
        for old in folder.glob("content-*.json"):
            # this installation's stale entries, and entries of the old one-for-all format
            stale = old.name.startswith(f"content-{_installation(files)}-") or "-" not in old.name[8:]
            if stale and old.name != name:
                old.unlink(missing_ok=True)
        atomic_write(folder / name, json.dumps(entries, ensure_ascii=False).encode("utf-8"))
    except OSError:
        return


def _name(files: list[Path]) -> str:
    return f"content-{_installation(files)}-{_key(files)}.json"
