"""Errors a user can act on: each prints as one line naming file, line, column and field."""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field

from posture.i18n import Localized, _, fmt, tr


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input, located as precisely as we can."""

    file: str
    message: Localized
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
    """Base of every error posture reports to a person (never shown as a traceback).

    ``message``: ``{"es": ..., "en": ...}``; ``problems``: the located ones (file, line, column, field), each
    printed on its own line by ``lines(lang)``. Callers tell kinds apart by class (the subclasses below), never
    by comparing ``code`` strings; ``code`` stays as the stable identifier written into JSON output."""

    code = "error"

    def __init__(self, message: Localized, *, problems: list[Problem] | None = None):
        self.message = dict(message)
        self.problems = list(problems or [])
        super().__init__(self.message.get("en", ""))

    def lines(self, lang: str) -> list[str]:
        if self.problems:
            return [p.format(lang) for p in self.problems]
        return [tr(self.message, lang)]


class ContentError(PostureError):
    """A content or data file is unreadable or invalid."""

    code = "invalid"

    @classmethod
    def single(cls, problem: Problem) -> ContentError:
        return cls(problem.message, problems=[problem])

    @classmethod
    def at(cls, file: str, message: Localized, *, line: int | None = None, col: int | None = None,
           path: str = "") -> ContentError:
        """One located problem whose ``code`` is the class's own."""
        return cls.single(Problem(file, message, line, col, path, cls.code))


class PassphraseRequired(ContentError):
    """An encrypted assessment (``assessment.yaml.enc``) was opened with no passphrase: none given and
    ``$POSTURE_PASSPHRASE`` unset. Ask for it and open again."""

    code = "passphrase_needed"


class WrongPassphrase(ContentError):
    """The passphrase does not open the encrypted file (AES-GCM authentication failed): a wrong passphrase
    and an altered file cannot be told apart (docs/security.md)."""

    code = "passphrase"


class EncryptedFileDamaged(ContentError):
    """An encrypted file's header is truncated or invalid (or asks for scrypt memory beyond the cap)."""

    code = "encrypted_damaged"


class NewerFileFormat(ContentError):
    """The file was written by a newer posture (its ``format_version``, or the encryption header's version, is
    above what this one reads): upgrade posture; the file is left as it is and no backup is offered."""

    code = "newer_format"


class WrongFileKind(ContentError):
    """The file is valid YAML but not the kind expected (its ``kind`` field): e.g. a checklist given where an
    assessment was asked for."""

    code = "kind"


class LockHeld(PostureError):
    """Another process holds the assessment's write lock (``<file>.lock``, an ``flock``): another posture
    window or a command still running. ``path``: the assessment; ``pid``: the holder's process id when it
    left one (a hint: the flock itself is the lock)."""

    code = "lock_held"

    def __init__(self, path, pid: int | None, message: Localized):
        self.path = path
        self.pid = pid
        super().__init__(message)


@dataclass
class ProblemList:
    """Collects problems while checking several files."""

    items: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.items.append(problem)

    def __bool__(self) -> bool:
        return bool(self.items)


_OS_REASONS = {
    errno.ENOENT: _("does not exist"),
    errno.EISDIR: _("is a folder, not a file"),
    errno.ENOTDIR: _("a part of the path is not a folder"),
    errno.EACCES: _("permission denied (the file's or the folder's permissions)"),
    errno.EPERM: _("operation not permitted"),
    errno.ENOSPC: _("no space left on the disk"),
    errno.EROFS: _("the file system is read-only"),
    errno.EEXIST: _("already exists"),
    errno.ENAMETOOLONG: _("the name is too long"),
    errno.ELOOP: _("too many symbolic links"),
    errno.EMFILE: _("too many open files"),
    errno.EBUSY: _("the file is busy"),
    errno.EXDEV: _("cannot move across disks"),
    errno.EIO: _("disk input/output error"),
}


_NO_NEW_FILES = _("the folder {folder} does not take new files (a system folder?)")


def os_reason(exc: OSError, *, writing: bool = False) -> dict[str, str]:
    """An operating-system error in posture's own words, ``{"es": ..., "en": ...}``.

    Known ``errno`` values get a translated phrase; others keep the system's text (with its errno
    name), which is then the same in both languages. Use it as a parameter of ``fmt``. ``writing``: the error
    came from creating ``exc.filename``; "does not exist" (ENOENT) in a folder that does exist then means the
    folder refuses new files (Linux's /proc, /sys), and is said so."""
    if writing and exc.errno == errno.ENOENT and exc.filename:
        folder = os.path.dirname(os.fspath(exc.filename)) or "."
        if os.path.isdir(folder):
            return fmt(_NO_NEW_FILES, folder=folder)
    known = _OS_REASONS.get(exc.errno)
    if known is not None:
        return dict(known)
    raw = exc.strerror or str(exc) or type(exc).__name__
    name = errno.errorcode.get(exc.errno, "") if exc.errno else ""
    text = f"{raw} ({name})" if name else raw
    return {"es": text, "en": text}
