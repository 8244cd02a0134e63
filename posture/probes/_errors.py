"""Errors of the probes adapter; each prints as one bilingual line."""

from __future__ import annotations

from posture.errors import PostureError


class ScopeError(PostureError):
    """A target, exclusion or scope file is not acceptable; nothing was scanned."""


class NmapNotFound(PostureError):
    """nmap is not installed; the rest of posture keeps working."""


class NmapFailed(PostureError):
    """nmap ran but refused the scan or produced no usable XML."""
