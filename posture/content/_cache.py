"""A cache of the validated bundled content, so the app starts fast.

Keyed by a hash of posture's version, the schemas and every content file's bytes: any edit
invalidates it. Stored as JSON (never pickle) in the user's cache folder, written atomically,
owner-only; any problem reading or writing it just means loading the slow way.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from importlib import resources
from pathlib import Path

import platformdirs

from posture import __version__

_ENV = "POSTURE_CACHE_DIR"


def _cache_dir() -> Path:
    return Path(os.environ.get(_ENV) or platformdirs.user_cache_dir("posture"))


def _key(files: list[Path]) -> str:
    h = hashlib.sha256(__version__.encode())
    for schema in sorted(resources.files("posture").joinpath("schemas").iterdir(), key=lambda p: p.name):
        h.update(schema.name.encode())
        h.update(schema.read_bytes())
    for f in files:
        h.update(str(f).encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:32]


def read_cache(files: list[Path]) -> list[dict] | None:
    try:
        path = _cache_dir() / f"content-{_key(files)}.json"
        with open(path, encoding="utf-8") as fh:
            entries = json.load(fh)
    except (OSError, ValueError):
        return None
    return entries if isinstance(entries, list) else None


def write_cache(files: list[Path], entries: list[dict]) -> None:
    try:
        folder = _cache_dir()
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        for old in folder.glob("content-*.json"):
            old.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".content-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(entries, fh, ensure_ascii=False)
        os.replace(tmp, folder / f"content-{_key(files)}.json")
    except OSError:
        return
