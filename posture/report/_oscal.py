"""OSCAL 1.0.4 JSON: assessment results (one finding per assessed control) and a POA&M (one item per action).

UUIDs are derived from the assessment and item ids (uuid5), so exporting twice gives the same document.
"""

from __future__ import annotations

import uuid

from posture import __version__
from posture.i18n import tr
from posture.report._strings import FRAMEWORK_NAMES, STRINGS
from posture.report._view import Loaded

OSCAL_VERSION = "1.0.4"
_NS = uuid.UUID("5f0c6a3e-2b7e-4c1d-9a57-0d1c8e3b6f21")
_METHODS = {"interview": "INTERVIEW", "document": "EXAMINE", "observation": "EXAMINE", "technical-test": "TEST"}
SATISFIED_FROM = 85.0  # a control scoring at least this is "satisfied" (grade A)


def _uuid(*parts: str) -> str:
    return str(uuid.uuid5(_NS, "/".join(parts)))


def _stamp(value: str) -> str:
    """OSCAL wants a date-time with a zone; a bare date becomes midnight UTC."""
    text = str(value)
    if len(text) == 10:
        return f"{text}T00:00:00+00:00"
    return text if ("+" in text[10:] or text.endswith("Z")) else text + "+00:00"


def target_id(framework: str, control_id: str) -> str:
    """OSCAL tokens must start with a letter; catalog ids like "5.1" do not."""
    return f"{framework}_{control_id}"


def _metadata(loaded: Loaded, title_key: str, lang: str) -> dict:
    a = loaded.assessment
    return {"title": f"{tr(STRINGS[title_key], lang)}: {a.vendor} ({a.site})",
            "last-modified": _stamp(a.updated_at or a.created_at), "version": a.id,
            "oscal-version": OSCAL_VERSION,
            "props": [{"name": "marking", "value": tr(STRINGS["confidential"], lang).lower()}],
            "remarks": f"posture {__version__}; SHA-256 {loaded.file_sha256}"}


def assessment_results(loaded: Loaded, lang: str) -> dict:
    a, card, cl = loaded.assessment, loaded.scorecard, loaded.checklist
    observations, findings = [], []
    for qid, qs in card.questions.items():
        answer = a.answers[qid]
        q = cl.question(qid)
        observations.append({
            "uuid": _uuid(a.id, "obs", qid), "title": qid, "description": tr(q.text, lang),
            "methods": [_METHODS.get(answer.method, "UNKNOWN")],
            "collected": _stamp(answer.answered_at or a.assessed_on),
            "props": [{"name": "answer", "value": qs.value}] + ([{"name": "contradicted", "value": "true"}]
                                                                if qs.contradicted else []),
            **({"relevant-evidence": [{"href": e.path, "description": f"SHA-256 {e.sha256}"}
                                      for e in answer.evidence]} if answer.evidence else {}),
        })
    for f in a.findings():
        observations.append({
            "uuid": _uuid(a.id, "obs", f.id), "title": f.id, "description": tr(f.description, lang),
            "methods": ["TEST"], "collected": _stamp(f.observed_at or a.assessed_on),
            "props": [{"name": "severity", "value": f.severity}],
            "remarks": f.evidence_text(lang) or tr(f.title, lang)})
    for fw, controls in card.controls.items():
        for cid, s in controls.items():
            if s.claimed is None:
                continue
            related = [_uuid(a.id, "obs", q.id) for q in cl.questions
                       if cid in q.maps_to.get(fw, ()) and q.id in card.questions]
            satisfied = s.claimed >= SATISFIED_FROM
            finding = {
                "uuid": _uuid(a.id, "finding", fw, cid),
                "title": f"{FRAMEWORK_NAMES.get(fw, fw)} {cid}",
                "description": f"{tr(STRINGS['claimed'], lang)} {s.claimed:.1f}; {tr(STRINGS['verified'], lang)} "
                               + ("—" if s.verified is None else f"{s.verified:.1f}"),
                "target": {"type": "objective-id", "target-id": target_id(fw, cid),
                           "status": {"state": "satisfied" if satisfied else "not-satisfied"}},
            }
            if related:
                finding["related-observations"] = [{"observation-uuid": u} for u in related]
            findings.append(finding)
    result = {
        "uuid": _uuid(a.id, "result"), "title": tr(STRINGS["title"], lang),
        "description": tr(STRINGS["subtitle"], lang), "start": _stamp(a.assessed_on),
        "reviewed-controls": {"control-selections": [{"include-all": {}}]},
        "props": [{"name": "overall-claimed", "value": f"{card.overall.claimed or 0:.1f}"},
                  {"name": "overall-verified", "value": f"{card.overall.verified or 0:.1f}"}],
    }
    if observations:
        result["observations"] = observations
    if findings:
        result["findings"] = findings
    return {"assessment-results": {
        "uuid": _uuid(a.id, "assessment-results"), "metadata": _metadata(loaded, "title", lang),
        "import-ap": {"href": f"#{a.id}", "remarks": "posture: the assessment plan is the checklist "
                      f"{loaded.checklist.id} {loaded.checklist.version}"},
        "results": [result]}}


def poam(loaded: Loaded, lang: str) -> dict:
    a = loaded.assessment
    items = []
    for item in loaded.plan.items:
        refs = "; ".join(f"{FRAMEWORK_NAMES.get(fw, fw)} {', '.join(ids)}" for fw, ids in item.references.items())
        items.append({
            "uuid": _uuid(a.id, "poam", item.id), "title": f"{item.priority} {item.id}",
            "description": tr(item.action, lang),
            "props": [{"name": "priority", "value": item.priority}, {"name": "risk", "value": str(item.risk)},
                      {"name": "due", "value": item.due}, {"name": "effort", "value": item.effort},
                      {"name": "owner", "value": item.owner}],
            "remarks": refs or "—",
        })
    return {"plan-of-action-and-milestones": {
        "uuid": _uuid(a.id, "poam"), "metadata": _metadata(loaded, "plan", lang),
        "system-id": {"identifier-type": "https://ietf.org/rfc/rfc4122", "id": _uuid(a.id, "system")},
        "poam-items": items}}

