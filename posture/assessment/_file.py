"""Reading and writing one assessment file: schema-checked on the way in, atomic on the way out."""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
from pathlib import Path

import yaml

from posture.assessment import _crypto
from posture.assessment._atomic import atomic_write, keep_backup, partial_copies, remove_stale_temps, stale_temps
from posture.assessment._checklists import checklist_in
from posture.assessment._lock import write_lock
from posture.assessment._model import FORMAT_VERSION, Assessment
from posture.content import NA_VALUE, Checklist, Library, validate_doc
from posture.errors import (
    ContentError,
    NewerFileFormat,
    PassphraseRequired,
    PostureError,
    Problem,
    WrongFileKind,
    WrongPassphrase,
)
from posture.i18n import LANGS, Msg, _, fmt
from posture.safe_yaml import MAX_BYTES, YamlDoc, display_name, format_path, load_yaml, loads_yaml, too_big

FILE_NAME = "assessment.yaml"
ENCRYPTED_NAME = FILE_NAME + _crypto.ENC_SUFFIX
# Problems the backup cannot help with: offering it would only send the user to the same refusal.
_NO_BACKUP_OFFER = (NewerFileFormat, WrongFileKind, WrongPassphrase, PassphraseRequired)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """The safe dumper, which also writes a catalog message (posture.i18n.Msg) as the plain mapping it is."""


_Dumper.add_representer(Msg, lambda dumper, data: dumper.represent_dict(dict(data)))

_MSG = {
    "kind": _("is not an assessment ('kind' must be 'assessment')"),
    "newer": _("written by a newer posture (format {found}; this one reads up to {known}); upgrade posture"),
    "backup": _("{message} — the file is damaged; a previous copy is in {backup} (to restore it: cp \"{backup}\" "
                "\"{file}\")"),
    "bad_value": _("'{value}' is not a valid answer to {qid} (options: {allowed})"),
    "na_not_allowed": _("{qid} does not allow 'not applicable'"),
    "exists": _("{path} already exists; it is not overwritten"),
    "not_encrypted": _("{path} is not encrypted"),
}


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat()


def _problem(doc: YamlDoc, path: tuple, message: dict, code: str) -> Problem:
    line, col = doc.where(path)
    return Problem(doc.file, message, line, col, format_path(path), code)


def _offer_backup(exc: ContentError, path: Path) -> ContentError:
    """The same problem, saying that the backup exists and how to put it back."""
    backup = path.with_name(path.name + ".bak")
    if not backup.exists():
        return exc
    first = exc.problems[0] if exc.problems else Problem(display_name(path), exc.message)
    message = {lang: _MSG["backup"][lang].format(message=first.message[lang], backup=display_name(backup),
                                                 file=display_name(path)) for lang in LANGS}
    problem = Problem(first.file, message, first.line, first.col, first.path, "damaged")
    return ContentError.single(problem)


def is_encrypted_file(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return _crypto.is_encrypted(fh.read(len(_crypto.MAGIC)))
    except OSError:
        return False


def _read_doc(path: Path, passphrase: str | None) -> tuple[YamlDoc, str | None, str]:
    """The parsed document, the passphrase that opened it (None for a plain file) and the SHA-256 of the
    bytes read (for an encrypted file, of the encrypted bytes)."""
    if not (is_encrypted_file(path) or _encrypted_target(path)):  # by name too: a damaged header is no YAML
        doc = load_yaml(path)
        return doc, None, doc.sha256
    name = display_name(path)
    passphrase = passphrase or _crypto.passphrase_from_env()
    if not passphrase:
        raise _crypto.need_passphrase(name)
    limit = MAX_BYTES + 1024  # the YAML cap plus the header and tag
    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        if size > limit:  # refused as too big, unread: decrypting only its first part would call it damaged
            raise too_big(name, size, limit)
        blob = fh.read(limit)
    return loads_yaml(_crypto.decrypt(blob, passphrase, name), name), passphrase, hashlib.sha256(blob).hexdigest()


def _clean_stale_temps(path: Path) -> None:
    """A killed save leaves ``.assessment.yaml.*.tmp``, a killed evidence copy leaves
    ``evidence/.posture-partial-*.tmp``; remove them when no writer can own them."""
    copies = partial_copies(path.parent / "evidence")
    if not stale_temps(path) and not copies:
        return
    try:
        with write_lock(path):
            remove_stale_temps(path)
            for tmp in copies:
                tmp.unlink(missing_ok=True)
    except (PostureError, OSError):  # someone is writing, or the folder is read-only: leave them
        pass


def load_assessment(path: str | Path, checklist: Checklist | None = None, *,
                    passphrase: str | None = None) -> Assessment:
    """Read and check an assessment; with ``checklist``, also check every answer against its scale.

    An encrypted file needs ``passphrase`` (else ``$POSTURE_PASSPHRASE``); the assessment keeps it in
    memory so its next save is encrypted again."""
    return _load(Path(path), passphrase, lambda _doc: checklist)[0]


def load_with_checklist(path: str | Path, library: Library | None = None, *, checklist: Checklist | None = None,
                        passphrase: str | None = None) -> tuple[Assessment, Checklist]:
    """Read once, find the checklist the file names (unless ``checklist`` is given), check every answer
    against it: what callers need before scoring, without reading or decrypting the file twice."""

    def choose(doc: YamlDoc) -> Checklist:
        ref = doc.data["checklist"]
        return checklist or checklist_in(Path(path).parent, ref["id"], library, ref.get("content_hash", ""))

    assessment, chosen = _load(Path(path), passphrase, choose)
    return assessment, chosen


def _load(path: Path, passphrase: str | None, choose) -> tuple[Assessment, Checklist | None]:
    _clean_stale_temps(path)
    try:
        doc, used, digest = _read_doc(path, passphrase)
        problems = _check(doc, None)
        if problems:
            raise ContentError(problems[0].message, problems=problems)
    except _NO_BACKUP_OFFER:
        raise
    except ContentError as exc:
        raise _offer_backup(exc, path) from None
    checklist = choose(doc)  # an unknown checklist is its own error: the file itself is fine
    if checklist is not None:
        problems = check_values(doc, checklist)
        if problems:
            raise _offer_backup(ContentError(problems[0].message, problems=problems), path)
    try:
        assessment = Assessment.from_dict(doc.data, path=path)
    except PostureError as exc:  # schema-valid but semantically wrong (the schema catches most)
        raise ContentError.single(Problem(doc.file, exc.message, code="invalid")) from None
    assessment.passphrase = used
    assessment.file_sha256 = digest
    return assessment, checklist


def _check(doc: YamlDoc, checklist: Checklist | None) -> list[Problem]:
    data = doc.data
    if data.get("kind") != "assessment":
        raise WrongFileKind.single(_problem(doc, ("kind",), _MSG["kind"], WrongFileKind.code))
    found = data.get("format_version")
    if isinstance(found, int) and not isinstance(found, bool) and found > FORMAT_VERSION:
        raise NewerFileFormat.single(_problem(doc, ("format_version",), fmt(_MSG["newer"], found=found,
                                                                            known=FORMAT_VERSION),
                                              NewerFileFormat.code))
    problems = validate_doc(doc, "assessment")
    if problems or checklist is None:
        return problems
    return check_values(doc, checklist)


def check_values(doc: YamlDoc, checklist: Checklist) -> list[Problem]:
    """Answers to questions the checklist has must use that question's scale (removed questions are drift)."""
    problems = []
    for qid, answer in doc.data.get("answers", {}).items():
        question = checklist.question(str(qid))
        if question is None:
            continue
        scale = checklist.scale_of(question)
        value = answer["value"]
        where = ("answers", qid, "value")
        if value == NA_VALUE:
            if not scale.allow_na:
                problems.append(_problem(doc, where, fmt(_MSG["na_not_allowed"], qid=qid), "na_not_allowed"))
        elif scale.option(value) is None:
            allowed = ", ".join([o.value for o in scale.options] + ([NA_VALUE] if scale.allow_na else []))
            problems.append(_problem(doc, where, fmt(_MSG["bad_value"], value=value, qid=qid, allowed=allowed),
                                     "bad_value"))
    return problems


def dump_assessment(assessment: Assessment) -> bytes:
    text = yaml.dump(assessment.to_dict(), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return text.encode("utf-8")


def _sound(path: Path, passphrase: str | None, known_sha256: str) -> bool:
    """Whether the current file at ``path`` is a whole assessment, fit to become the backup. The very file this
    assessment was read from or last wrote (SHA-256 ``known_sha256``; "" for none) is, without reading it as YAML
    again: that parse was half of every save (docs/benchmarks.md); any other file is parsed."""
    try:
        if known_sha256 and hashlib.sha256(path.read_bytes()).hexdigest() == known_sha256:
            return True
        return _read_doc(path, passphrase)[0].data.get("kind") == "assessment"
    except (ContentError, OSError):
        return False


def _encrypted_target(path: Path) -> bool:
    return path.name.endswith(_crypto.ENC_SUFFIX)


def save_assessment(assessment: Assessment, path: str | Path | None = None) -> Path:
    """Write under the lock: the current file is copied to ``.bak`` first, then replaced atomically.

    A target ending in ``.enc`` is written encrypted with the assessment's passphrase."""
    target = Path(path) if path is not None else assessment.path
    if target is None:
        raise ValueError("save_assessment needs a path for an assessment that was never saved")
    with write_lock(target):
        return write_locked(assessment, target)


def write_locked(assessment: Assessment, target: Path) -> Path:
    """The write itself, for callers already holding the lock (read-modify-write)."""
    remove_stale_temps(target)  # under the lock no live save owns one
    passphrase = None
    if _encrypted_target(target):
        passphrase = assessment.passphrase or _crypto.passphrase_from_env()
        if not passphrase:
            raise _crypto.need_passphrase(display_name(target))
    assessment.updated_at = _now()
    data = dump_assessment(assessment)
    if passphrase:
        data = _crypto.encrypt(data, passphrase)
    if _sound(target, passphrase, assessment.file_sha256):  # a damaged current file must not replace a good backup
        keep_backup(target)
    atomic_write(target, data)
    assessment.path = target
    assessment.passphrase = passphrase
    assessment.file_sha256 = hashlib.sha256(data).hexdigest()
    return target


def _unlink_with_backup(path: Path) -> None:
    for stale in (path, path.with_name(path.name + ".bak")):
        stale.unlink(missing_ok=True)


def encrypt_assessment(path: str | Path, passphrase: str) -> Path:
    """``assessment.yaml`` → ``assessment.yaml.enc``; the plain file and its plain backup are then removed.

    Removing is not shredding: on SSDs and copy-on-write file systems the old blocks may survive, so
    encrypting from creation (``Workspace.create(passphrase=...)``) is the only way to never write plaintext."""
    path = Path(path)
    if is_encrypted_file(path):
        return path
    target = path.with_name(path.name + _crypto.ENC_SUFFIX)
    if target.exists():
        raise PostureError(fmt(_MSG["exists"], path=display_name(target)))
    with write_lock(path):
        assessment = load_assessment(path)
        assessment.passphrase = passphrase
        save_assessment(assessment, target)
        load_assessment(target, passphrase=passphrase)  # proven readable before the plain copy goes
        _unlink_with_backup(path)
    return target


def decrypt_assessment(path: str | Path, passphrase: str | None = None) -> Path:
    """``assessment.yaml.enc`` → ``assessment.yaml``; the encrypted file and its backup are then removed."""
    path = Path(path)
    if not is_encrypted_file(path):
        raise PostureError(fmt(_MSG["not_encrypted"], path=display_name(path)))
    target = path.with_name(path.name.removesuffix(_crypto.ENC_SUFFIX)) if _encrypted_target(path) \
        else path.with_name(path.name + ".plain")
    if target.exists():
        raise PostureError(fmt(_MSG["exists"], path=display_name(target)))
    with write_lock(path):
        assessment = load_assessment(path, passphrase=passphrase)
        assessment.passphrase = None
        save_assessment(assessment, target)
        load_assessment(target)
        _unlink_with_backup(path)
    return target
