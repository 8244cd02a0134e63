"""An assessment as the core holds it: who, where, which checklist, and the answers."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path

from posture.content import NA_VALUE
from posture.errors import PostureError
from posture.findings import ProbeRun
from posture.i18n import _, fmt
from posture.vocabulary import ActionStatus, Method

FORMAT_VERSION = 1
VENDOR_DECLARED = Method.VENDOR_DECLARED.value
# Lowest first (posture.vocabulary.Method). "vendor-declared" is what a vendor wrote in the questionnaire
# (posture questionnaire import): a claim below the interview, never verified; the assessor confirms it by
# changing the method.
METHODS = Method.values()
# What an assessor sets by hand (the app's method cycle); vendor-declared only comes from an import.
ASSESSOR_METHODS = tuple(m for m in METHODS if m != VENDOR_DECLARED)
# Methods that CAN verify an answer: something was seen, not only said. The label alone never
# does (docs/scoring.md §4): the answer must also carry its evidence on record, see Answer.verified.
# Any other method (interview, vendor-declared, and any level added later) is a claim.
VERIFYING_METHODS = frozenset({Method.DOCUMENT.value, Method.OBSERVATION.value, Method.TECHNICAL_TEST.value})
# Methods whose record of who observed or tested, and when, is itself the evidence.
RECORD_METHODS = frozenset({Method.OBSERVATION.value, Method.TECHNICAL_TEST.value})
ACTION_STATUSES = ActionStatus.values()

_MSG = {
    "na": _("the 'not applicable' answer to {qid} needs a justification"),
    "status": _("unknown action status '{status}' for {aid}; use one of: {allowed}"),
    "accepted": _("accepting the risk of {aid} needs a justification, an owner and an expiry date"),
    "compensating": _("the compensating control for {aid} needs a justification"),
    "expires": _("invalid expiry date '{value}' for {aid} (use YYYY-MM-DD)"),
    "method": _("unknown verification method '{method}' in {qid}; use one of: {allowed}"),
}


@dataclass
class Evidence:
    path: str  # relative to the assessment folder, always inside it
    sha256: str
    added_at: str

    def to_dict(self) -> dict:
        return {"path": self.path, "sha256": self.sha256, "added_at": self.added_at}

    @classmethod
    def from_dict(cls, d: dict) -> Evidence:
        return cls(path=d["path"], sha256=d["sha256"], added_at=d["added_at"])


@dataclass
class Answer:
    value: str  # a scale option value, or "na"
    method: str = "interview"
    note: str = ""
    na_justification: str = ""
    evidence: list[Evidence] = field(default_factory=list)
    answered_by: str = ""
    answered_at: str = ""
    carried_over: bool = False  # copied from a previous assessment: re-verify
    question_hash: str = ""  # the question's content hash when it was answered

    qid: str = field(default="", repr=False, compare=False)  # only for error messages

    def __post_init__(self) -> None:
        if self.value == NA_VALUE and not self.na_justification.strip():
            raise PostureError(fmt(_MSG["na"], qid=self.qid or "?"))
        if self.method not in METHODS:
            raise PostureError(fmt(_MSG["method"], method=self.method, qid=self.qid or "?",
                                   allowed=", ".join(METHODS)))

    @property
    def na(self) -> bool:
        return self.value == NA_VALUE

    @property
    def evidenced(self) -> bool:
        """Evidence on record: a file with its SHA-256, or (observation / technical test) who and when."""
        if self.method not in VERIFYING_METHODS:
            return False
        if any(e.sha256 for e in self.evidence):
            return True
        return self.method in RECORD_METHODS and bool(self.answered_by.strip() and self.answered_at.strip())

    @property
    def verified(self) -> bool:
        """Counts in the verified score: evidenced and not carried over from a previous assessment."""
        return self.evidenced and not self.carried_over

    @property
    def claim_reason(self) -> str:
        """Why an answer is only a claim: "" (verified), "carried", "method" or "no-evidence"."""
        if self.verified:
            return ""
        if self.carried_over:
            return "carried"
        return "method" if self.method not in VERIFYING_METHODS else "no-evidence"

    @property
    def vendor_declared(self) -> bool:
        """Only the vendor's word (questionnaire): not yet confirmed by the assessor."""
        return self.method == VENDOR_DECLARED

    def to_dict(self) -> dict:
        d: dict = {"value": self.value, "method": self.method}
        if self.note:
            d["note"] = self.note
        if self.na_justification:
            d["na_justification"] = self.na_justification
        if self.evidence:
            d["evidence"] = [e.to_dict() for e in self.evidence]
        if self.answered_by:
            d["answered_by"] = self.answered_by
        if self.answered_at:
            d["answered_at"] = self.answered_at
        if self.carried_over:
            d["carried_over"] = True
        if self.question_hash:
            d["question_hash"] = self.question_hash
        return d

    @classmethod
    def from_dict(cls, d: dict, qid: str = "") -> Answer:
        return cls(
            value=str(d["value"]), method=d.get("method", "interview"), note=d.get("note", ""),
            na_justification=d.get("na_justification", ""),
            evidence=[Evidence.from_dict(e) for e in d.get("evidence", [])],
            answered_by=d.get("answered_by", ""), answered_at=d.get("answered_at", ""),
            carried_over=bool(d.get("carried_over", False)), question_hash=d.get("question_hash", ""), qid=qid,
        )


@dataclass
class ActionStatus:
    """The state of one plan action (by its stable id), kept in the assessment and carried into the next.

    ``status`` is one of ACTION_STATUSES. ``risk-accepted`` needs a justification, an owner and an
    expiry date (ISO); ``compensating-control`` needs a justification (the control)."""

    status: str = "open"
    justification: str = ""
    owner: str = ""
    expires: str = ""  # ISO date, risk acceptance only
    updated_at: str = ""
    note: str = ""

    aid: str = field(default="", repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.status not in ACTION_STATUSES:
            raise PostureError(fmt(_MSG["status"], status=self.status, aid=self.aid or "?",
                                   allowed=", ".join(ACTION_STATUSES)))
        if self.status == "risk-accepted" and not (self.justification.strip() and self.owner.strip()
                                                   and self.expires.strip()):
            raise PostureError(fmt(_MSG["accepted"], aid=self.aid or "?"))
        if self.status == "compensating-control" and not self.justification.strip():
            raise PostureError(fmt(_MSG["compensating"], aid=self.aid or "?"))
        if self.expires:
            try:
                _dt.date.fromisoformat(self.expires)
            except ValueError:
                raise PostureError(fmt(_MSG["expires"], value=self.expires, aid=self.aid or "?")) from None

    def closed_on(self, day: str) -> bool:
        """No longer an open risk on ``day`` (ISO): done, compensated, or accepted and not expired."""
        if self.status in ("done", "compensating-control"):
            return True
        return self.status == "risk-accepted" and self.expires >= day

    def to_dict(self) -> dict:
        d: dict = {"status": self.status}
        for key in ("justification", "owner", "expires", "updated_at", "note"):
            if getattr(self, key):
                d[key] = getattr(self, key)
        return d

    @classmethod
    def from_dict(cls, d: dict, aid: str = "") -> ActionStatus:
        return cls(status=d.get("status", "open"), justification=d.get("justification", ""),
                   owner=d.get("owner", ""), expires=str(d.get("expires", "")), updated_at=d.get("updated_at", ""),
                   note=d.get("note", ""), aid=aid)


@dataclass
class Signoff:
    name: str
    role: str
    date: str
    statement: str = ""

    def to_dict(self) -> dict:
        d = {"name": self.name, "role": self.role, "date": self.date}
        if self.statement:
            d["statement"] = self.statement
        return d

    @classmethod
    def from_dict(cls, d: dict) -> Signoff:
        return cls(name=d["name"], role=d["role"], date=d["date"], statement=d.get("statement", ""))


@dataclass
class ChecklistRef:
    """Which checklist the answers were given against, down to each question's content."""

    id: str
    version: str
    content_hash: str
    questions: dict[str, str] = field(default_factory=dict)  # question id → question hash

    def to_dict(self) -> dict:
        return {"id": self.id, "version": self.version, "content_hash": self.content_hash,
                "questions": dict(self.questions)}

    @classmethod
    def from_dict(cls, d: dict) -> ChecklistRef:
        return cls(id=d["id"], version=str(d["version"]), content_hash=d["content_hash"],
                   questions=dict(d.get("questions", {})))


@dataclass
class Assessment:
    id: str
    vendor: str
    site: str
    checklist: ChecklistRef
    frameworks: list[str]
    assessed_on: str  # ISO date the assessment refers to (due dates count from it)
    created_at: str
    updated_at: str = ""
    scope: str = ""
    assessors: list[str] = field(default_factory=list)
    answers: dict[str, Answer] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)  # on questions not answered yet (qid → text)
    probe_runs: list[ProbeRun] = field(default_factory=list)
    signoff: Signoff | None = None
    actions: dict[str, ActionStatus] = field(default_factory=dict)  # plan action id → its status
    path: Path | None = field(default=None, compare=False)  # where it was loaded from, if anywhere
    # Set when the file is encrypted at rest; never written, never shown.
    passphrase: str | None = field(default=None, compare=False, repr=False)
    # SHA-256 (hex) of the file's bytes as last read or written by the store (the encrypted bytes for an
    # encrypted file): what a report prints, without reading the file again. Never written into the file.
    file_sha256: str = field(default="", compare=False, repr=False)

    @property
    def folder(self) -> Path | None:
        return self.path.parent if self.path is not None else None

    def findings(self) -> list:
        """Every finding once: the same check, host, port and protocol seen by several runs is one
        finding (its latest observation) listing the runs that saw it (posture.findings.dedupe)."""
        from posture.findings import dedupe

        return dedupe(self.probe_runs)

    def values(self) -> dict[str, str]:
        return {qid: a.value for qid, a in self.answers.items()}

    def to_dict(self) -> dict:
        d: dict = {
            "kind": "assessment",
            "format_version": FORMAT_VERSION,
            "id": self.id,
            "vendor": self.vendor,
            "site": self.site,
            "scope": self.scope,
            "assessors": list(self.assessors),
            "dates": {"assessed_on": self.assessed_on, "created_at": self.created_at,
                      "updated_at": self.updated_at or self.created_at},
            "checklist": self.checklist.to_dict(),
            "frameworks": list(self.frameworks),
            "answers": {qid: a.to_dict() for qid, a in self.answers.items()},
            "probe_runs": [r.to_dict() for r in self.probe_runs],
            "signoff": self.signoff.to_dict() if self.signoff else None,
        }
        if self.actions:
            d["actions"] = {aid: st.to_dict() for aid, st in self.actions.items()}
        notes = {qid: text for qid, text in self.notes.items() if text and qid not in self.answers}
        if notes:  # only when there are some, so files without any stay as they were
            d["notes"] = notes
        return d

    @classmethod
    def from_dict(cls, d: dict, path: Path | None = None) -> Assessment:
        dates = d["dates"]
        return cls(
            id=d["id"], vendor=d["vendor"], site=d["site"], scope=d.get("scope", ""),
            assessors=list(d.get("assessors", [])), assessed_on=str(dates["assessed_on"]),
            created_at=str(dates["created_at"]), updated_at=str(dates.get("updated_at", "")),
            checklist=ChecklistRef.from_dict(d["checklist"]), frameworks=list(d["frameworks"]),
            answers={str(qid): Answer.from_dict(a, str(qid)) for qid, a in d.get("answers", {}).items()},
            notes={str(qid): str(text) for qid, text in (d.get("notes") or {}).items()},
            probe_runs=[ProbeRun.from_dict(r) for r in d.get("probe_runs", [])],
            signoff=Signoff.from_dict(d["signoff"]) if d.get("signoff") else None, path=path,
            actions={str(k): ActionStatus.from_dict(v, str(k)) for k, v in (d.get("actions") or {}).items()},
        )
