"""Hits become Findings: texts, severity and control mappings come from checks/perimeter.yaml,
the questions each finding verifies from the bundled checklists."""

from __future__ import annotations

from datetime import UTC, datetime

from posture.content import Library, bundled_library
from posture.findings import SEVERITY_RANK, Finding, address_key, questions_for_check
from posture.probes._hits import Hit


def to_findings(hits: list[Hit], library: Library | None = None, observed_at: str = "") -> list[Finding]:
    """One Finding per (check, host, port, protocol); texts and mappings are shared between findings of a check
    (read-only), so 40,000 findings from a large imported scan cost little more than their hits."""
    lib = library or bundled_library()
    observed_at = observed_at or datetime.now(UTC).isoformat(timespec="seconds")
    findings: dict[tuple, Finding] = {}
    shared: dict[str, tuple] = {}
    for hit in hits:
        key = (hit.check_id, hit.host, hit.port, hit.protocol)
        if key in findings:
            continue
        if hit.check_id not in shared:
            check = lib.probe_checks[hit.check_id]  # a KeyError here is a bug: every emitted id is in the YAML
            questions = sorted({q for cl in lib.checklists.values() for q in questions_for_check(cl, check.id)})
            shared[hit.check_id] = (check, dict(check.title), dict(check.description), dict(check.remediation),
                                    {k: list(v) for k, v in check.maps_to.items()}, questions)
        check, title, description, remediation, maps_to, questions = shared[hit.check_id]
        findings[key] = Finding(
            check_id=check.id, severity=check.severity, host=hit.host, port=hit.port, protocol=hit.protocol,
            title=title, description=description, remediation=remediation,
            evidence=hit.evidence, evidence_msg=hit.evidence_msg or {},  # the hit's own, never changed after
            maps_to=maps_to, questions=questions, observed_at=observed_at,
        )
    return sorted(findings.values(), key=lambda f: (SEVERITY_RANK[f.severity], address_key(f.host), f.port or 0,
                                                    f.check_id))
