"""One evaluated assessment: the assessment with everything derived from it, built once.

An :class:`Evaluation` is what every reader of a scored assessment renders from — the report (PDF, HTML),
every export (JSON, CSV, XLSX, OSCAL), the portfolio, the app's report screen and the command line's
``score``, ``plan``, ``soa``, ``report`` and ``export``: the assessment, its checklist, the library and
catalogs it is scored against, the rules in force, the scorecard, the plan, the probe findings and
contradictions, the verdict, the Statement of Applicability, the file's name and SHA-256.

It is made once per command (or per report in the app), from a file — :meth:`Evaluation.open` (path, folder
or workspace id, with its passphrase) — or from the app's open session — :meth:`Evaluation.of` (no file is
read again: the hash is that of the bytes the session last read or wrote). What costs is computed on first
use and kept: the scorecard (one ``score``), the plan (its gains re-score the assessment once per plan
item), the verdict (from a plan without gains when nothing asked for the gains). A field given to the
constructor (``scorecard=...``, ``plan=...``) is used as given; ``dataclasses.replace`` works as on any
dataclass (it reads, so computes, the fields it is not given).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from posture.assessment import Assessment, Workspace, load_with_checklist
from posture.content import Catalog, Checklist, Library, bundled_library
from posture.findings import Contradiction, Finding, contradictions
from posture.plan import Plan, build_plan
from posture.scoring import Scorecard, score
from posture.verdict import Verdict, decide

if TYPE_CHECKING:
    from posture.rules import Rules
    from posture.soa import SoaEntry


class _Derived:
    """A dataclass field computed on first read by ``compute(evaluation)`` and kept; one given to the
    constructor (not None) is kept as given. (A descriptor-typed dataclass field: the class attribute's
    ``__get__(None, cls)`` is the default, None, and ``__init__`` stores through ``__set__``.)"""

    def __init__(self, compute):
        self.compute = compute

    def __set_name__(self, owner, name: str) -> None:
        self.slot = "_" + name

    def __get__(self, obj, owner=None):
        if obj is None:
            return None  # the dataclass default: "not given, compute on first read"
        value = obj.__dict__.get(self.slot)
        if value is None:
            value = self.compute(obj)
            obj.__dict__[self.slot] = value
        return value

    def __set__(self, obj, value) -> None:
        obj.__dict__[self.slot] = value


def _scorecard(ev: Evaluation) -> Scorecard:
    return score(ev.assessment, ev.checklist, ev.catalogs, ev.findings, rules=ev.rules)


def _plan(ev: Evaluation) -> Plan:
    return build_plan(ev.assessment, ev.checklist, ev.catalogs, ev.scorecard, due_days=ev.due_days,
                      findings=ev.findings, rules=ev.rules, today=ev.today)


def _verdict(ev: Evaluation) -> Verdict:
    # The verdict reads items, priorities, statuses and dates, never the gains: when nothing asked for the
    # full plan yet, a plan without gains (no re-scoring) decides the same.
    plan = ev.__dict__.get("_plan") or build_plan(
        ev.assessment, ev.checklist, ev.catalogs, ev.scorecard, due_days=ev.due_days, findings=ev.findings,
        rules=ev.rules, today=ev.today, gains=False)
    return decide(ev.scorecard, plan, ev.checklist, ev.rules, today=ev.report_date)


@dataclass
class Evaluation:
    """One assessment and what is derived from it (see the module docstring).

    Fields: ``assessment``, ``checklist`` (the one it was answered on, or the one given), ``library`` (where
    the checklist and catalogs come from; None: the bundled content), ``rules`` (``posture.rules.Rules``;
    None: the bundled ``verdict-rules.yaml``), ``file_name`` (e.g. ``assessment.yaml.enc``), ``file_sha256``
    (hex SHA-256 of the file's bytes as read or last written: the encrypted bytes for an encrypted file),
    ``today`` (the report date, ISO YYYY-MM-DD: overdue actions, verdict, next review; None: the assessment
    date for the plan, the machine's date for the verdict), ``due_days`` (P1/P2/P3 days; None: the rules'),
    ``catalogs`` (framework id → Catalog; None: the library's). Computed on first read: ``scorecard``,
    ``plan`` (with its gains), ``verdict``; ``findings`` and ``contradictions`` are read from the assessment.
    """

    assessment: Assessment
    checklist: Checklist
    library: Library | None = None
    rules: Rules | None = None
    file_name: str = ""
    file_sha256: str = ""
    today: str | None = None
    due_days: tuple[int, int, int] | None = None
    catalogs: dict[str, Catalog] | None = None
    scorecard: Scorecard = _Derived(_scorecard)  # type: ignore[assignment]
    plan: Plan = _Derived(_plan)  # type: ignore[assignment]
    verdict: Verdict = _Derived(_verdict)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        # not given: what the store recorded when it read or wrote this assessment
        self.file_sha256 = self.file_sha256 or self.assessment.file_sha256
        if not self.file_name and self.assessment.path is not None:
            self.file_name = self.assessment.path.name
        if self.library is None:
            self.library = bundled_library()
        if self.catalogs is None:
            self.catalogs = self.library.catalogs
        if self.due_days is not None:
            self.due_days = tuple(self.due_days)

    # -- where one comes from --------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, library: Library | None = None, rules: Rules | None = None, *,
             passphrase: str | None = None, workspace: Workspace | None = None, checklist: Checklist | None = None,
             today: str | None = None, due_days: tuple[int, int, int] | None = None) -> Evaluation:
        """Read one assessment file once and evaluate it.

        ``path``: a file, a folder (plain or encrypted) or an id in ``workspace`` (default: the user's,
        ``Workspace()``); ``library``: default the workspace's (the bundled content); ``passphrase``: for
        an encrypted file (else ``$POSTURE_PASSPHRASE``); ``checklist``: use it instead of the one the file
        names (``--checklist``).

        Raises:
            PostureError: not found, wrong or missing passphrase, a damaged file (file, line and field
                named), an answer not on its question's scale.
        """
        ws = workspace or Workspace()
        found = ws.locate(path)
        lib = library or ws.library or bundled_library()
        assessment, chosen = load_with_checklist(found, lib, checklist=checklist, passphrase=passphrase)
        return cls(assessment, chosen, lib, rules, found.name, assessment.file_sha256, today=today,
                   due_days=due_days)

    @classmethod
    def of(cls, session, rules: Rules | None = None, *, today: str | None = None, snapshot: bool = True,
           ) -> Evaluation:
        """``session`` (a ``posture.session.AssessmentSession``, a layer above: not imported here): the app's
        open assessment as it stands, without reading the file again: a copy of the session's
        assessment (later edits do not change this evaluation), its checklist, library and scorecard, and
        the SHA-256 of the bytes the session last read or wrote. ``snapshot=False`` shares the session's
        assessment instead of copying it (for an answer needed now, e.g. the sidebar's verdict)."""
        import copy

        assessment = copy.deepcopy(session.assessment) if snapshot else session.assessment
        path = session.path
        return cls(assessment, session.checklist, session.library, rules, path.name, assessment.file_sha256,
                   today=today, scorecard=session.card if rules is None else None)

    # -- what is read from the assessment --------------------------------------------------------

    @property
    def findings(self) -> list[Finding]:
        """The assessment's probe findings, each once (``Assessment.findings``)."""
        found = self.__dict__.get("_findings")
        if found is None:
            found = self.__dict__["_findings"] = self.assessment.findings()
        return found

    @property
    def contradictions(self) -> list[Contradiction]:
        """Claims the probe findings contradict (``posture.findings.contradictions``), one per finding."""
        found = self.__dict__.get("_contradictions")
        if found is None:
            found = self.__dict__["_contradictions"] = contradictions(
                self.checklist, self.assessment.values(), self.findings)
        return found

    @property
    def report_date(self) -> str:
        """``today``, or the machine's date (ISO)."""
        return self.today or _dt.date.today().isoformat()

    def soa(self, framework: str | None = None) -> list[SoaEntry]:
        """The Statement of Applicability of ``framework`` (default: the first assessed framework whose
        catalog declares one; [] when none does). Raises KeyError for a framework not in ``catalogs``."""
        from posture.soa import statement_of_applicability  # here: the app's first screen needs no SoA

        return statement_of_applicability(self.assessment, self.checklist, self.catalogs, self.scorecard,
                                          framework=framework)

    def soa_frameworks(self) -> list[str]:
        """The assessed frameworks whose catalog declares a Statement of Applicability."""
        from posture.soa import soa_frameworks

        return soa_frameworks(self.assessment.frameworks, self.catalogs)


__all__ = ["Evaluation"]
