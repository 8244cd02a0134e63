"""posture's own report assets (stylesheet, images), read from the package once per process.

Kept apart from ``_fetcher`` so that building HTML, JSON, CSV or OSCAL never imports WeasyPrint
(about 0.3 s and a native library stack); only writing a PDF does.
"""

from __future__ import annotations

from importlib import resources

# Templates refer to assets as ``posture-asset:NAME``; nothing else resolves (see _fetcher).
SCHEME = "posture-asset:"

_TYPES = {".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png"}
_ASSETS: dict[str, tuple[bytes, str]] | None = None


def _load_assets() -> dict[str, tuple[bytes, str]]:
    folder = resources.files("posture.report").joinpath("assets")
    found = {}
    for entry in folder.iterdir():
        suffix = entry.name[entry.name.rfind("."):]
        if entry.is_file() and suffix in _TYPES:
            found[entry.name] = (entry.read_bytes(), _TYPES[suffix])
    return found


def assets() -> dict[str, tuple[bytes, str]]:
    """Asset name → (bytes, content type)."""
    global _ASSETS
    if _ASSETS is None:
        _ASSETS = _load_assets()
    return _ASSETS


def asset_text(name: str) -> str:
    return assets()[name][0].decode("utf-8")
