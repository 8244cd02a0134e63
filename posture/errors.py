"""Errors a user can act on: each prints as one line naming file, line, column and field."""

from __future__ import annotations

from dataclasses import dataclass, field

from posture.i18n import Text, tr


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input, located as precisely as we can."""

    file: str
    message: Text
    line: int | None = None
    col: int | None = None
    path: str = ""
    code: str = "invalid"

    def format(self, lang: str) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        parts = [where]
        if self.path:
            parts.append(self.path)
        parts.append(tr(self.message, lang))
        return ": ".join(parts)

    def to_dict(self, lang: str) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "path": self.path,
            "code": self.code,
            "message": tr(self.message, lang),
        }


class PostureError(Exception):
    """Base of every error posture reports to a person (never shown as a traceback)."""

    def __init__(self, message: Text, *, problems: list[Problem] | None = None):
        self.message = dict(message)
        self.problems = list(problems or [])
        super().__init__(self.message.get("en", ""))

    def lines(self, lang: str) -> list[str]:
        if self.problems:
            return [p.format(lang) for p in self.problems]
        return [tr(self.message, lang)]


class ContentError(PostureError):
    """A content or data file is unreadable or invalid."""

    @classmethod
    def single(cls, problem: Problem) -> ContentError:
        return cls(problem.message, problems=[problem])


@dataclass
class ProblemList:
    """Collects problems while checking several files."""

    items: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.items.append(problem)

    def __bool__(self) -> bool:
        return bool(self.items)
