"""What a check saw, before it becomes a Finding with texts and mappings from the content."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Hit:
    check_id: str
    host: str
    port: int | None
    protocol: str
    evidence: str
