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
    evidence_msg: dict | None = None  # {"id", "params"} (posture.findings.RUN_MESSAGES): evidence in any language
