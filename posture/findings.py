"""Probe results as the core sees them: findings, runs, and contradictions with answers.

The probes adapter produces these; the assessment stores them; scoring, the plan and the
reports read them. Nothing here runs a network tool.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace

from posture.content import Checklist

SEVERITIES = ("critical", "high", "medium", "low", "info")
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}
# An answer scoring at least this much claims the control is in place; a finding on one of
# the question's probe checks then contradicts it ("yes", or maturity 3 and above).
CLAIMED_THRESHOLD = 0.6


@dataclass
class Finding:
    check_id: str
    severity: str
    host: str
    port: int | None
    protocol: str  # "tcp", "udp" or "" for host-level findings
    title: dict[str, str]
    description: dict[str, str]
    remediation: dict[str, str]
    evidence: str  # what was seen: a banner, a header, certificate dates
    maps_to: dict[str, list[str]] = field(default_factory=dict)
    questions: list[str] = field(default_factory=list)  # checklist questions this check verifies
    observed_at: str = ""
    # Set by dedupe(), never stored: ids of the runs that saw this finding, oldest first.
    runs: list[str] = field(default_factory=list, compare=False)

    @property
    def id(self) -> str:
        where = f"{self.host}:{self.port}/{self.protocol}" if self.port is not None else self.host
        return f"{self.check_id}@{where}"

    @property
    def actionable(self) -> bool:
        """Info findings describe; the others call for remediation."""
        return self.severity != "info"

    @property
    def key(self) -> tuple[str, str, int | None, str]:
        """What makes two observations the same finding: check, host, port, protocol."""
        return (self.check_id, self.host, self.port, self.protocol)

    def to_dict(self) -> dict:
        d = asdict(self)
        d.pop("runs")
        return d

    @classmethod
    def from_dict(cls, d: dict) -> Finding:
        return cls(
            check_id=d["check_id"], severity=d["severity"], host=d["host"], port=d.get("port"),
            protocol=d.get("protocol", ""), title=dict(d["title"]), description=dict(d["description"]),
            remediation=dict(d["remediation"]), evidence=d.get("evidence", ""),
            maps_to={k: list(v) for k, v in d.get("maps_to", {}).items()},
            questions=list(d.get("questions", [])), observed_at=d.get("observed_at", ""),
        )


@dataclass
class ProbeRun:
    """One probe run: what was authorized, what was scanned, what was found, whether it finished."""

    id: str
    authorized_by: str
    started_at: str
    finished_at: str
    targets: list[str]
    findings: list[Finding] = field(default_factory=list)
    exclusions: list[str] = field(default_factory=list)
    contact: str = ""
    window: str = ""
    privileged: bool = False
    complete: bool = True
    incomplete: list[str] = field(default_factory=list)  # hosts or steps that did not finish, and why
    hosts: list[dict] = field(default_factory=list)  # per host: address, state, open ports seen
    tools: dict[str, str] = field(default_factory=dict)  # tool → version

    def to_dict(self) -> dict:
        d = asdict(self)
        d["findings"] = [f.to_dict() for f in self.findings]
        return d

    @classmethod
    def from_dict(cls, d: dict) -> ProbeRun:
        return cls(
            id=d["id"], authorized_by=d["authorized_by"], started_at=d["started_at"],
            finished_at=d.get("finished_at", ""), targets=list(d.get("targets", [])),
            findings=[Finding.from_dict(f) for f in d.get("findings", [])],
            exclusions=list(d.get("exclusions", [])), contact=d.get("contact", ""), window=d.get("window", ""),
            privileged=bool(d.get("privileged", False)), complete=bool(d.get("complete", True)),
            incomplete=list(d.get("incomplete", [])), hosts=list(d.get("hosts", [])),
            tools=dict(d.get("tools", {})),
        )


def dedupe(runs: list[ProbeRun]) -> list[Finding]:
    """One finding per (check, host, port, protocol) across ``runs``: the latest observation
    (latest ``observed_at``, then the later run), with ``runs`` listing every run that saw it.

    Order: first seen first. Idempotent: deduplicating runs that hold the result changes nothing."""
    latest: dict[tuple, tuple[tuple[str, int], Finding]] = {}
    seen_in: dict[tuple, list[str]] = {}
    for order, run in enumerate(runs):
        for f in run.findings:
            rank = (f.observed_at or run.finished_at or run.started_at, order)
            if f.key not in latest or rank >= latest[f.key][0]:
                latest[f.key] = (rank, f)
            ids = seen_in.setdefault(f.key, [])
            if run.id not in ids:
                ids.append(run.id)
    return [replace(f, runs=list(seen_in[key])) for key, (_, f) in latest.items()]  # copies: runs stay untouched


@dataclass(frozen=True)
class Contradiction:
    question_id: str
    answer: str
    finding: Finding

    def message(self, checklist: Checklist, lang: str) -> str:
        q = checklist.question(self.question_id)
        text = q.text[lang] if q else self.question_id
        f = self.finding
        where = f"{f.port}/{f.protocol} " if f.port is not None else ""
        if lang == "es":
            return (f"Se respondió «{self.answer}» a «{text}»; la prueba encontró {f.title['es']} "
                    f"({where}en {f.host}).")
        return f"Answered '{self.answer}' to '{text}'; the probe found {f.title['en']} ({where}on {f.host})."


def questions_for_check(checklist: Checklist, check_id: str) -> list[str]:
    return [q.id for q in checklist.questions if check_id in q.probe_checks]


def contradictions(checklist: Checklist, answers: dict[str, str], findings: list[Finding]) -> list[Contradiction]:
    """Answers that claim a control is in place while a probe finding says otherwise.

    ``answers`` maps question id → answer value ("yes", "partial", "no", "na", "0".."5").
    Findings are de-duplicated by (check, host, port, protocol) first, so a probe run twice does not
    count twice; several findings on one question are several contradictions of that one question
    (count questions with ``len({c.question_id for c in ...})``).
    """
    out: list[Contradiction] = []
    unique: dict[tuple, Finding] = {}
    for f in findings:
        unique[f.key] = f
    for finding in unique.values():
        if not finding.actionable:
            continue
        for q in checklist.questions:
            if finding.check_id not in q.probe_checks or q.id not in answers:
                continue
            option = checklist.scale_of(q).option(answers[q.id])
            if option is not None and option.score >= CLAIMED_THRESHOLD:
                out.append(Contradiction(q.id, answers[q.id], finding))
    return out
