"""Scoring and verdict rules as data: coverage thresholds, due-date horizons and verdict rules.

The bundled rules are ``posture/rules/verdict-rules.yaml``; a consultant passes their own file with
``--rules``. Every file is validated against ``posture/schemas/verdict-rules.schema.json``; a mistake
raises :class:`~posture.errors.ContentError` naming file, line and field. Semantics: docs/scoring.md
sections 8 (coverage), 10 (horizons) and 11 (verdict).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from posture.content import validate_doc
from posture.errors import ContentError, Problem
from posture.i18n import _
from posture.safe_yaml import format_path, load_yaml
from posture.vocabulary import Grade, Verdict

VERDICTS = Verdict.values()
GRADE_ORDER = Grade.values()  # best first


@dataclass(frozen=True)
class CoverageRules:
    min_answered: float  # fraction 0..1 of questions in scope answered (N/A included)
    min_scored: float  # fraction 0..1 of questions in scope answered and not N/A
    flag_na_share: float  # fraction 0..1 of answers that are N/A above which the share is flagged


@dataclass(frozen=True)
class VerdictRule:
    id: str
    when: dict  # condition → value; every condition must hold (an empty dict always holds)
    verdict: str  # one of VERDICTS
    next_review_months: int
    reason: dict[str, str]


@dataclass(frozen=True)
class Rules:
    id: str
    version: str
    coverage: CoverageRules
    horizons: dict[str, int]  # priority → days from the assessment date to the due date
    verdicts: tuple[VerdictRule, ...]
    source: str = ""

    @property
    def due_days(self) -> tuple[int, int, int]:
        return (self.horizons["P1"], self.horizons["P2"], self.horizons["P3"])


def bundled_rules_path() -> Path:
    return Path(__file__).resolve().parent / "verdict-rules.yaml"  # the package's own file, beside this module


def load_rules(path: str | os.PathLike) -> Rules:
    """Read and validate one rules file; ContentError (file:line:col: field: message) if invalid."""
    doc = load_yaml(path)
    problems = validate_doc(doc, "verdict-rules")
    if problems:
        raise ContentError(problems[0].message, problems=problems)
    d = doc.data
    if d["verdicts"][-1]["when"]:
        last = ("verdicts", len(d["verdicts"]) - 1, "when")
        line, col = doc.where(last)
        raise ContentError.single(Problem(
            file=doc.file, line=line, col=col, path=format_path(last),
            message=_("the last rule must always hold (when: {}) so that every assessment gets a verdict"),
            code="no_default_verdict"))
    cov = d["coverage"]
    return Rules(
        id=d["id"], version=d["version"],
        coverage=CoverageRules(float(cov["min_answered"]), float(cov["min_scored"]), float(cov["flag_na_share"])),
        horizons={k: int(v) for k, v in d["horizons"].items()},
        verdicts=tuple(VerdictRule(r["id"], dict(r["when"]), r["verdict"], int(r["next_review_months"]),
                                   dict(r["reason"])) for r in d["verdicts"]),
        source=str(path),
    )


@cache
def default_rules() -> Rules:
    return load_rules(bundled_rules_path())


__all__ = ["GRADE_ORDER", "VERDICTS", "CoverageRules", "Rules", "VerdictRule", "bundled_rules_path",
           "default_rules", "load_rules"]
