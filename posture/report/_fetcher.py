"""The only way WeasyPrint may load anything: posture's own assets, from memory; every other URL is refused."""

from __future__ import annotations

from importlib import resources

from weasyprint.urls import URLFetcher, URLFetcherResponse

# Templates refer to assets as ``posture-asset:NAME``; nothing else resolves, so a note that
# smuggles in file://, http:// or data: URLs loads nothing and makes no request.
SCHEME = "posture-asset:"

_TYPES = {".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png"}


def _load_assets() -> dict[str, tuple[bytes, str]]:
    folder = resources.files("posture.report").joinpath("assets")
    assets = {}
    for entry in folder.iterdir():
        suffix = entry.name[entry.name.rfind("."):]
        if entry.is_file() and suffix in _TYPES:
            assets[entry.name] = (entry.read_bytes(), _TYPES[suffix])
    return assets


_ASSETS: dict[str, tuple[bytes, str]] | None = None


def assets() -> dict[str, tuple[bytes, str]]:
    """Asset name → (bytes, content type), read from the package once per process."""
    global _ASSETS
    if _ASSETS is None:
        _ASSETS = _load_assets()
    return _ASSETS


def asset_text(name: str) -> str:
    return assets()[name][0].decode("utf-8")


class AssetFetcher(URLFetcher):
    """Deny by default: serves ``posture-asset:`` names from the in-memory map, refuses the rest.

    No protocol is allowed to the parent class and redirects are off, so even a call that reached
    ``URLFetcher.fetch`` could not open a file or a socket. Refused URLs are kept for diagnostics.
    """

    def __init__(self) -> None:
        super().__init__(allowed_protocols=frozenset(), allow_redirects=False, timeout=1)
        self.refused: list[str] = []
        self.served: list[str] = []

    def fetch(self, url, headers=None):
        if url.startswith(SCHEME):
            found = assets().get(url[len(SCHEME):])
            if found is not None:
                self.served.append(url)
                body, content_type = found
                return URLFetcherResponse(url, body, {"Content-Type": content_type})
        self.refused.append(url)
        raise ValueError(f"posture refuses to load {url[:200]!r}: only its own assets are allowed")
