"""What a check saw, before it becomes a Finding with texts and mappings from the content."""

from __future__ import annotations

from dataclasses import dataclass

from posture.findings import message, run_message


@dataclass(frozen=True, slots=True)
class Hit:
    check_id: str
    host: str
    port: int | None
    protocol: str
    evidence: str
    evidence_msg: dict | None = None  # {"id", "params"} (posture.findings.RUN_MESSAGES): evidence in any language


def said(check_id: str, host: str, port: int | None, protocol: str, msg_id: str, **params: object) -> Hit:
    """A hit whose evidence is posture's words: stored as a message id with parameters
    (posture.findings.RUN_MESSAGES), rendered in the reader's language; ``evidence`` keeps the English."""
    msg = run_message(msg_id, **params)
    return Hit(check_id, host, port, protocol, message(msg, "en", dates=False), msg)


def evidence_of(hit_evidence: str | dict) -> tuple[str, dict | None]:
    """(English text, message or None) of evidence given as plain text (a banner, seen as is) or a message."""
    if isinstance(hit_evidence, dict):
        return message(hit_evidence, "en", dates=False), hit_evidence
    return hit_evidence, None
