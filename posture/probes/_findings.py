"""Hits become Findings: texts, severity and control mappings come from checks/perimeter.yaml,
the questions each finding verifies from the bundled checklists."""

from __future__ import annotations

from datetime import UTC, datetime

from posture.content import Library, bundled_library
from posture.findings import SEVERITY_RANK, Finding, questions_for_check
from posture.probes._hits import Hit


def to_findings(hits: list[Hit], library: Library | None = None, observed_at: str = "") -> list[Finding]:
    lib = library or bundled_library()
    observed_at = observed_at or datetime.now(UTC).isoformat(timespec="seconds")
    findings: dict[tuple, Finding] = {}
    for hit in hits:
        key = (hit.check_id, hit.host, hit.port, hit.protocol)
        if key in findings:
            continue
        check = lib.probe_checks[hit.check_id]  # a KeyError here is a bug: every emitted id is in the YAML
        questions = sorted({q for cl in lib.checklists.values() for q in questions_for_check(cl, check.id)})
        findings[key] = Finding(
            check_id=check.id, severity=check.severity, host=hit.host, port=hit.port, protocol=hit.protocol,
            title=dict(check.title), description=dict(check.description), remediation=dict(check.remediation),
            evidence=hit.evidence, maps_to={k: list(v) for k, v in check.maps_to.items()}, questions=questions,
            observed_at=observed_at,
        )
    return sorted(findings.values(), key=lambda f: (SEVERITY_RANK[f.severity], f.host, f.port or 0, f.check_id))
