"""Machine exports: JSON (scores, plan, findings; schema in posture/schemas) and the plan as CSV for Excel."""

from __future__ import annotations

import csv
import io
import json

from posture import __version__
from posture.i18n import tr
from posture.plan import EFFORTS
from posture.report._strings import STRINGS
from posture.report._view import Loaded

JSON_FORMAT = "posture-report-export/1"


def _score(s) -> dict:
    return {"claimed": None if s.claimed is None else round(s.claimed, 2),
            "verified": None if s.verified is None else round(s.verified, 2)}


def export_data(loaded: Loaded) -> dict:
    a, card, plan = loaded.assessment, loaded.scorecard, loaded.plan
    return {
        "format": JSON_FORMAT,
        "generator": f"posture {__version__}",
        "assessment": {"id": a.id, "vendor": a.vendor, "site": a.site, "assessed_on": a.assessed_on,
                       "assessors": list(a.assessors), "frameworks": list(a.frameworks),
                       "file_sha256": loaded.file_sha256,
                       "checklist": {"id": loaded.checklist.id, "version": loaded.checklist.version,
                                     "content_hash": loaded.checklist.content_hash}},
        "scores": {
            "overall": _score(card.overall),
            "frameworks": {fw: {**_score(s), "capped_by": list(s.capped_by)} for fw, s in card.frameworks.items()},
            "sections": {sid: _score(s) for sid, s in card.sections.items()},
            "coverage": {"answered": card.coverage.answered, "total": card.coverage.total},
            "not_applicable": list(card.na), "unanswered": list(card.unanswered),
            "contradicted": list(card.contradicted), "vendor_declared": list(card.vendor_declared),
        },
        "plan": [item.to_dict() for item in plan.items],
        "findings": [{**f.to_dict(), "id": f.id} for f in a.findings()],
    }


def export_json(loaded: Loaded) -> str:
    return json.dumps(export_data(loaded), ensure_ascii=False, indent=2) + "\n"


def export_csv(loaded: Loaded, lang: str) -> bytes:
    """The remediation plan; UTF-8 with a BOM so Excel keeps the accents."""
    frameworks = list(loaded.scorecard.frameworks)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    head = [tr(STRINGS[k], lang) for k in ("priority", "risk", "action", "references", "owner", "due", "effort")]
    writer.writerow([*head, *(f"{tr(STRINGS['gain'], lang)} {fw}" for fw in frameworks),
                     tr(STRINGS["questions"], lang), tr(STRINGS["findings_short"], lang)])
    for item in loaded.plan.items:
        refs = "; ".join(f"{fw}: {', '.join(ids)}" for fw, ids in item.references.items() if ids)
        writer.writerow([item.priority, item.risk, tr(item.action, lang), refs, tr(item.owner_name, lang), item.due,
                         tr(EFFORTS.get(item.effort, {lang: item.effort}), lang),
                         *(item.gain.get(fw, 0.0) for fw in frameworks),
                         " ".join(item.question_ids), " ".join(item.finding_ids)])
    return out.getvalue().encode("utf-8-sig")
