"""Evidence files: copied into the assessment's ``evidence/`` folder, hashed, and kept inside it."""

from __future__ import annotations

import datetime as _dt
import hashlib
from pathlib import Path, PurePosixPath

from posture.assessment._atomic import copy_owner_only
from posture.assessment._model import Evidence
from posture.errors import PostureError
from posture.i18n import _, fmt

EVIDENCE_DIR = "evidence"

_MSG = {
    "escapes": _("evidence '{path}' is outside the assessment folder"),
    "missing": _("evidence file '{path}' does not exist"),
    "not_file": _("'{path}' is not a file"),
}


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def evidence_path(assessment_dir: Path, relative: str) -> Path:
    """The file an evidence entry names, refusing absolute paths, '..' and symlinks that lead out."""
    pure = PurePosixPath(relative.replace("\\", "/"))
    if pure.is_absolute() or ".." in pure.parts or (pure.parts and ":" in pure.parts[0]):
        raise PostureError(fmt(_MSG["escapes"], path=relative))
    root = assessment_dir.resolve()
    full = (assessment_dir / pure).resolve()
    if not full.is_relative_to(root):
        raise PostureError(fmt(_MSG["escapes"], path=relative))
    return full


def add_evidence(assessment_dir: str | Path, source_path: str | Path) -> Evidence:
    """Copy ``source_path`` into ``evidence/`` (never over a different file) and record its hash and date."""
    assessment_dir = Path(assessment_dir)
    source = Path(source_path)
    if not source.exists():
        raise PostureError(fmt(_MSG["missing"], path=str(source)))
    if not source.is_file():
        raise PostureError(fmt(_MSG["not_file"], path=str(source)))
    folder = assessment_dir / EVIDENCE_DIR
    folder.mkdir(mode=0o700, exist_ok=True)
    evidence_path(assessment_dir, EVIDENCE_DIR)  # a symlinked evidence/ must not receive the copy at all
    digest = sha256_file(source)
    target = folder / source.name
    counter = 1
    while target.exists() and sha256_file(target) != digest:
        counter += 1
        target = folder / f"{source.stem}-{counter}{source.suffix}"
    if not target.exists():
        copy_owner_only(source, target)
    relative = target.relative_to(assessment_dir).as_posix()
    evidence_path(assessment_dir, relative)  # nor a symlink planted in its place since
    today = _dt.date.today().isoformat()
    return Evidence(path=relative, sha256=digest, added_at=today)


def verify_evidence(assessment_dir: Path, evidence: Evidence) -> bool:
    """The file is there, inside the folder, with the recorded hash."""
    try:
        full = evidence_path(assessment_dir, evidence.path)
    except PostureError:
        return False
    return full.is_file() and sha256_file(full) == evidence.sha256
