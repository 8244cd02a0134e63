"""OSCAL 1.0.4 JSON: assessment results (one finding per assessed control) and a POA&M (one item per action).

Both documents load and validate in compliance-trestle (NIST OSCAL's reference Python library) as well as
against NIST's 1.0.4 JSON schemas (tests/report/test_report_oscal.py). Choices, documented in
docs/exports.md:

* Every time stamp is an RFC 3339 date-time with its own UTC offset (``-06:00`` stays ``-06:00``); a bare
  date is midnight UTC, a naive time is taken as UTC.
* posture has no OSCAL assessment plan: the checklist plays that part. ``import-ap`` points at a
  back-matter resource (``#uuid``) that names the checklist, its version and content hash, so the
  reference resolves inside the document.
* posture's own properties carry the namespace :data:`NS`; only OSCAL's core name ``marking`` does not.
* The assessor's notes are the observations' ``remarks``.
* A control the checklist excludes (``not_applicable`` names it or an ancestor; the exclusion wins over
  questions mapped to it, :func:`posture.content.applicability`) has no finding and is listed in
  ``reviewed-controls`` ``exclude-controls``, as in ``posture soa`` and the report.
* Each POA&M item has a risk (``deadline`` = the plan's due date, end of day) and is linked to the
  observations (answers and probe findings) it comes from; those observations are copied into the POA&M
  so the links resolve there too.
* The risk's status follows the action's status (``posture plan --set``), in OSCAL 1.0.4's risk-status
  values (:data:`RISK_STATUS`): open → ``open``, in progress → ``remediating``, done → ``closed``, risk
  accepted and compensating control → ``deviation-approved`` (a risk acceptance past its expiry on the
  report date is ``open`` again). A status other than open also gets a risk-log entry (``status-change``,
  the justification, owner and expiry as its description) and namespaced props; the POA&M item's
  remarks repeat them.
* OSCAL requires at least one ``poam-items`` entry: an assessment with no actions has no POA&M
  (:func:`poam` returns ``None`` and ``posture export --format oscal`` says so).

UUIDs are derived from the assessment and item ids (uuid5), so exporting twice gives the same document.
"""

from __future__ import annotations

import datetime as _dt
import uuid
from urllib.parse import quote

from posture import __version__
from posture.content import applicability
from posture.evaluation import Evaluation
from posture.i18n import tr
from posture.report._sheets import STATUSES as STATUS_NAMES
from posture.report._strings import STRINGS
from posture.report._view import framework_names, subtitle
from posture.scoring import best_grade_floor

OSCAL_VERSION = "1.0.4"
NS = "urn:posture:oscal"  # namespace of posture's own props (OSCAL: a URI naming who defines the names)
_NS = uuid.UUID("5f0c6a3e-2b7e-4c1d-9a57-0d1c8e3b6f21")
_METHODS = {"interview": "INTERVIEW", "document": "EXAMINE", "observation": "EXAMINE", "technical-test": "TEST"}
# posture action status → OSCAL 1.0.4 risk status (assessment-common risk-status allowed values: open,
# investigating, remediating, deviation-requested, deviation-approved, closed)
RISK_STATUS = {"open": "open", "in-progress": "remediating", "done": "closed",
               "risk-accepted": "deviation-approved", "compensating-control": "deviation-approved"}


def _uuid(*parts: str) -> str:
    return str(uuid.uuid5(_NS, "/".join(parts)))


def _parse(value: str | None) -> _dt.datetime | None:
    text = str(value or "").strip()
    if not text:
        return None
    try:
        moment = _dt.datetime.fromisoformat(text)
    except ValueError:
        try:
            moment = _dt.datetime.combine(_dt.date.fromisoformat(text[:10]), _dt.time())
        except ValueError:
            return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=_dt.UTC)


def stamp(value: str | None, fallback: str | None = None) -> str:
    """An OSCAL ``dateTime-with-timezone`` (RFC 3339) from a date or ISO date-time, keeping its UTC offset.

    ``2026-03-10`` → ``2026-03-10T00:00:00+00:00``; ``2026-03-10T16:00:00-06:00`` unchanged;
    ``...Z`` → ``+00:00``; naive → UTC. Text that is not a date falls back to ``fallback`` (then the epoch).
    """
    moment = _parse(value) or _parse(fallback) or _dt.datetime(1970, 1, 1, tzinfo=_dt.UTC)
    return moment.isoformat()


def _deadline(due: str, zone_from: str | None) -> str:
    """End of the due day, in the zone of the assessment's own time stamps (UTC if it has none)."""
    zone = (_parse(zone_from) or _dt.datetime(1970, 1, 1, tzinfo=_dt.UTC)).tzinfo
    day = _dt.date.fromisoformat(due)
    return _dt.datetime.combine(day, _dt.time(23, 59, 59), tzinfo=zone).isoformat()


def _prop(name: str, value) -> dict:
    return {"name": name, "ns": NS, "value": str(value)}


def target_id(framework: str, control_id: str) -> str:
    """OSCAL tokens must start with a letter; catalog ids like "5.1" do not."""
    return f"{framework}_{control_id}"


def _metadata(loaded: Evaluation, title_key: str, lang: str) -> dict:
    a = loaded.assessment
    return {"title": f"{tr(STRINGS[title_key], lang)}: {a.vendor} ({a.site})",
            "last-modified": stamp(a.updated_at or a.created_at, a.assessed_on), "version": a.id,
            "oscal-version": OSCAL_VERSION,
            "props": [{"name": "marking", "value": tr(STRINGS["confidential"], lang).lower()},
                      _prop("language", lang), _prop("file-sha256", loaded.file_sha256)],
            "remarks": f"posture {__version__}; SHA-256 {loaded.file_sha256}"}


def _plan_resource(loaded: Evaluation) -> dict:
    """The back-matter resource standing for the assessment plan: the checklist the interview followed."""
    cl = loaded.checklist
    return {"uuid": _uuid(loaded.assessment.id, "plan", cl.id, cl.version),
            "title": f"{tr(cl.title, 'en')} ({cl.id} {cl.version})",
            "description": "posture checklist used as the assessment plan",
            "props": [_prop("checklist-id", cl.id), _prop("checklist-version", cl.version),
                      _prop("checklist-sha256", cl.content_hash)]}


def _observations(loaded: Evaluation, lang: str) -> dict[str, dict]:
    """Observation id (question or finding id) → OSCAL observation."""
    a, card, cl = loaded.assessment, loaded.scorecard, loaded.checklist
    out: dict[str, dict] = {}
    for qid, qs in card.questions.items():
        answer = a.answers.get(qid)
        if answer is None:  # unanswered, failed by a probe finding (docs/scoring.md §5)
            out[qid] = {"uuid": _uuid(a.id, "obs", qid), "title": qid, "description": tr(cl.question(qid).text, lang),
                        "props": [_prop("answer", "failed-by-probe")], "methods": ["TEST"],
                        "collected": stamp(None, a.assessed_on)}
            continue
        obs = {
            "uuid": _uuid(a.id, "obs", qid), "title": qid, "description": tr(cl.question(qid).text, lang),
            "props": [_prop("answer", qs.value), _prop("method", answer.method)]
            + ([_prop("contradicted", "true")] if qs.contradicted else []),
            "methods": [_METHODS.get(answer.method, "UNKNOWN")],
            "collected": stamp(answer.answered_at, a.assessed_on),
        }
        if answer.evidence:
            obs["relevant-evidence"] = [{"href": quote(e.path, safe="/:._-~"), "description": f"SHA-256 {e.sha256}"}
                                        for e in answer.evidence]
        if answer.note:
            obs["remarks"] = answer.note
        out[qid] = obs
    for f in a.findings():
        out[f.id] = {
            "uuid": _uuid(a.id, "obs", f.id), "title": f.id, "description": tr(f.description, lang),
            "props": [_prop("severity", f.severity), _prop("check", f.check_id)],
            "methods": ["TEST"], "collected": stamp(f.observed_at, a.assessed_on),
            "remarks": f.evidence_text(lang) or tr(f.title, lang)}
    return out


def assessment_results(loaded: Evaluation, lang: str) -> dict:
    a, card, cl = loaded.assessment, loaded.scorecard, loaded.checklist
    observations = _observations(loaded, lang)
    names = framework_names(list(loaded.catalogs), loaded.catalogs)
    findings = []
    excluded: list[str] = []  # target ids of the controls the checklist excludes (the one rule: posture.content)
    for fw, controls in card.controls.items():
        catalog = loaded.catalogs.get(fw)
        rule = applicability(cl, catalog) if catalog is not None else {}
        excluded += [target_id(fw, cid) for cid, app in rule.items() if not app.applicable]
        for cid, s in controls.items():
            if s.claimed is None or (cid in rule and not rule[cid].applicable):
                continue
            related = [observations[q.id]["uuid"] for q in cl.questions
                       if cid in q.maps_to.get(fw, ()) and q.id in observations]
            satisfied = s.claimed >= best_grade_floor()  # grade A (scoring.GRADES)
            finding = {
                "uuid": _uuid(a.id, "finding", fw, cid),
                "title": f"{names.get(fw, fw)} {cid}",
                "description": f"{tr(STRINGS['claimed'], lang)} {s.claimed:.1f}; {tr(STRINGS['verified'], lang)} "
                               + ("—" if s.verified is None else f"{s.verified:.1f}"),
                "props": [_prop("claimed", f"{s.claimed:.1f}")]
                + ([] if s.verified is None else [_prop("verified", f"{s.verified:.1f}")]),
                "target": {"type": "objective-id", "target-id": target_id(fw, cid),
                           "status": {"state": "satisfied" if satisfied else "not-satisfied"}},
            }
            if related:
                finding["related-observations"] = [{"observation-uuid": u} for u in related]
            findings.append(finding)
    result = {
        "uuid": _uuid(a.id, "result"), "title": tr(STRINGS["title"], lang),
        "description": subtitle(a.frameworks, loaded.catalogs, lang), "start": stamp(a.assessed_on),
        "props": [_prop("overall-claimed", f"{card.overall.claimed or 0:.1f}"),
                  _prop("overall-verified", f"{card.overall.verified or 0:.1f}")],
        "reviewed-controls": {"control-selections": [
            {"include-all": {}, **({"exclude-controls": [{"control-id": x} for x in excluded],
                                    "remarks": "posture: controls the checklist excludes (not_applicable, or an "
                                               "excluded parent); their rationale is in the Statement of "
                                               "Applicability"} if excluded else {})}]},
    }
    if observations:
        result["observations"] = list(observations.values())
    if findings:
        result["findings"] = findings
    plan = _plan_resource(loaded)
    return {"assessment-results": {
        "uuid": _uuid(a.id, "assessment-results"), "metadata": _metadata(loaded, "title", lang),
        "import-ap": {"href": f"#{plan['uuid']}", "remarks": "posture: the assessment plan is the checklist "
                      f"{cl.id} {cl.version}"},
        "results": [result],
        "back-matter": {"resources": [plan]}}}


def risk_status(status, day: str) -> str:
    """The OSCAL risk status of an action's :class:`ActionStatus` on report date ``day`` (ISO)."""
    if status.status == "risk-accepted" and not status.closed_on(day):
        return "open"  # the acceptance expired
    return RISK_STATUS.get(status.status, "open")


def _status_remarks(status, lang: str) -> str:
    parts = [status.justification]
    if status.owner:
        parts.append(f"{tr(STRINGS['owner'], lang)}: {status.owner}")
    if status.expires:
        parts.append(("hasta" if lang == "es" else "until") + f" {status.expires}")
    if status.note:
        parts.append(status.note)
    return "; ".join(p for p in parts if p)


def poam(loaded: Evaluation, lang: str, today: _dt.date | str | None = None) -> dict | None:
    """The plan as an OSCAL POA&M, or ``None`` when it has no items (OSCAL requires at least one).

    ``today``: the report date (a date or ISO text; default the machine's date) an expired risk
    acceptance is judged against."""
    a = loaded.assessment
    if not loaded.plan.items:
        return None
    day = (today or _dt.date.today())
    day = day.isoformat() if isinstance(day, _dt.date) else _dt.date.fromisoformat(day).isoformat()
    observations = _observations(loaded, lang)
    names = framework_names(list(loaded.catalogs), loaded.catalogs)
    zone_from = a.created_at or a.updated_at  # where the assessment began: its local zone
    items, risks, used = [], [], {}
    for item in loaded.plan.items:
        refs = "; ".join(f"{names.get(fw, fw)} {', '.join(ids)}" for fw, ids in item.references.items())
        linked = [observations[i] for i in (*item.question_ids, *item.finding_ids) if i in observations]
        for obs in linked:
            used[obs["uuid"]] = obs
        related = [{"observation-uuid": obs["uuid"]} for obs in linked]
        st = item.status
        status = risk_status(st, day)
        status_props = [_prop("action-status", st.status)]
        status_props += [_prop(k, v) for k, v in (("accepted-by", st.owner), ("acceptance-expires", st.expires))
                         if v and st.status == "risk-accepted"]
        risk = {
            "uuid": _uuid(a.id, "risk", item.id), "title": f"{item.priority} {tr(item.title, lang) or item.id}",
            "description": tr(item.action, lang),
            "statement": f"{tr(STRINGS['risk'], lang)} {item.risk}/25 ({item.impact}×{item.likelihood}); {refs or '—'}",
            "props": [_prop("action-id", item.id), _prop("priority", item.priority), _prop("risk", item.risk),
                      _prop("impact", item.impact),
                      _prop("likelihood", item.likelihood), *status_props],
            "status": status, "deadline": _deadline(item.due, zone_from),
        }
        if st.status != "open":
            remarks = _status_remarks(st, lang)
            entry = {"uuid": _uuid(a.id, "risk-log", item.id, st.status),
                     "title": tr(STATUS_NAMES[st.status], lang), "start": stamp(st.updated_at, day),
                     "status-change": status}
            if remarks:  # an OSCAL 1.0.4 risk has no remarks: the log entry and the POA&M item carry them
                entry["description"] = remarks
            risk["risk-log"] = {"entries": [entry]}
        if related:
            risk["related-observations"] = related
        risks.append(risk)
        poam_item = {
            "uuid": _uuid(a.id, "poam", item.id), "title": f"{item.priority} {tr(item.title, lang) or item.id}",
            "description": tr(item.action, lang),
            "props": [_prop("action-id", item.id), _prop("priority", item.priority), _prop("risk", item.risk),
                      _prop("due", item.due), _prop("effort", item.effort), _prop("owner", item.owner),
                      _prop("status", st.status)],
            "related-risks": [{"risk-uuid": risk["uuid"]}],
            "remarks": "; ".join(x for x in (refs, _status_remarks(st, lang)) if x) or "—",
        }
        if related:
            poam_item["related-observations"] = related
        items.append(poam_item)
    doc = {"uuid": _uuid(a.id, "poam"), "metadata": _metadata(loaded, "plan", lang),
           "system-id": {"identifier-type": "https://ietf.org/rfc/rfc4122", "id": _uuid(a.id, "system")}}
    if used:
        doc["observations"] = list(used.values())
    doc["risks"] = risks
    doc["poam-items"] = items
    return {"plan-of-action-and-milestones": doc}
