"""The only way WeasyPrint may load anything: posture's own assets, from memory; every other URL is refused."""

from __future__ import annotations

from weasyprint.urls import URLFetcher, URLFetcherResponse

from posture.report._assets import SCHEME, asset_text, assets

# Only _pdf imports this module, and only when it writes a PDF: see _assets for why.
__all__ = ["SCHEME", "AssetFetcher", "asset_text", "assets"]


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
