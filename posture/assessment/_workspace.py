"""The workspace: a folder of assessments, one sub-folder each (``<slug>/assessment.yaml``)."""

from __future__ import annotations

import datetime as _dt
import os
import re
import shutil
import unicodedata
from pathlib import Path

import platformdirs

from posture.assessment._atomic import atomic_write
from posture.assessment._checklists import TRAVELLING_NAME, is_installed
from posture.assessment._evidence import EVIDENCE_DIR
from posture.assessment._file import ENCRYPTED_NAME, FILE_NAME, load_assessment, save_assessment
from posture.assessment._hashing import question_hashes
from posture.assessment._lock import write_lock
from posture.assessment._model import Assessment, ChecklistRef
from posture.content import Checklist, Library
from posture.errors import PostureError
from posture.i18n import _, fmt
from posture.shown import has_controls

ENV_VAR = "POSTURE_WORKSPACE"

_MSG = {
    "exists": _("an assessment already exists at {path}; choose another --slug"),
    "not_found": _("no assessment '{name}' in {root}"),
    "empty_folder": _("the folder {path} holds no assessment ({file})"),
    "no_file": _("the file {path} does not exist"),
    "no_folder": _("the folder {path} does not exist"),
    "did_you_mean": _("; did you mean {ids}? (posture list shows them all)"),
    "framework": _("framework '{id}' is not in checklist '{checklist}' (available: {allowed})"),
    "bad_date": _("invalid date '{value}'; use YYYY-MM-DD"),
    "bad_slug": _("invalid identifier '{value}': use lowercase letters, digits, '.' and '-'"),
    "blank": _("{field} cannot be empty"),
    "control": _("{field} holds the control character {char}, which a terminal would obey: write it without it"),
}
# The fields a new assessment is given, as a person names them (messages of create())
_FIELD = {"vendor": _("the vendor"), "site": _("the site"), "scope": _("the scope"), "assessors": _("an assessor")}

_SLUG = re.compile(r"^[a-z0-9][a-z0-9.-]{0,63}$")


def _check_names(**fields: str | list[str]) -> None:
    for name, value in fields.items():
        values = value if isinstance(value, list) else [value]
        if name in ("vendor", "site") and not str(value).strip():
            raise PostureError(fmt(_MSG["blank"], field=_FIELD[name]))
        for text in values:
            bad = next((c for c in text if has_controls(c)), None)
            if bad is not None:
                raise PostureError(fmt(_MSG["control"], field=_FIELD[name], char=f"U+{ord(bad):04X}"))


def default_root() -> Path:
    """``$POSTURE_WORKSPACE``, else the user's data directory."""
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("posture")) / "assessments"


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:64].strip("-") or "assessment"


class Workspace:
    """A folder of assessments, one sub-folder per assessment (its id, the "slug"): ``<root>/<id>/assessment.yaml``
    or ``assessment.yaml.enc`` (encrypted), with ``.bak``, ``evidence/`` and pending probe runs beside it.

    ``root`` defaults to ``$POSTURE_WORKSPACE``, else the user's data folder (``default_root``); ``library``
    is where checklists are looked up (default the bundled content). The store's API: ``create``, ``locate``,
    ``open``, ``files``, ``ids``, ``close_matches``, ``delete``; writes are atomic, owner-only (0600) and
    under the assessment's write lock (docs/security.md). The listing with scores is
    ``posture.listing.summaries`` (a layer above: the store never imports the scoring)."""

    def __init__(self, root: str | Path | None = None, library: Library | None = None):
        self.root = Path(root) if root is not None else default_root()
        self.library = library  # where checklists are looked up (default: the bundled content)

    def path_of(self, slug: str) -> Path:
        """The slug's file: the encrypted one if that is what the folder holds."""
        encrypted = self.root / slug / ENCRYPTED_NAME
        return encrypted if encrypted.is_file() else self.root / slug / FILE_NAME

    def create(self, *, vendor: str, site: str, checklist: Checklist, frameworks: list[str] | None = None,
               scope: str = "", assessors: list[str] | None = None, assessed_on: str | None = None,
               slug: str | None = None, passphrase: str | None = None) -> Assessment:
        """A new, empty assessment saved in its own folder (mode 0700, file 0600); an existing one is never
        replaced.

        ``slug`` defaults to ``slugify(vendor-site)``; ``frameworks`` to every catalog of the checklist;
        ``assessed_on`` (ISO date) to today. With ``passphrase`` it is encrypted from the first byte written
        (``assessment.yaml.enc``). A checklist that is not installed is copied beside a plain assessment
        (it travels with it).

        Raises:
            PostureError: a blank vendor or site; a control character (U+0000–U+001F but tab and line feed,
                U+007F–U+009F: what a terminal obeys, posture.shown) in the vendor, site, scope or an assessor;
                the slug is invalid or taken, a framework is not in the checklist, a bad date.
            OSError: the root cannot be created or written.
        """
        _check_names(vendor=vendor, site=site, scope=scope, assessors=list(assessors or []))
        slug = slug or slugify(f"{vendor}-{site}")
        if not _SLUG.match(slug):
            raise PostureError(fmt(_MSG["bad_slug"], value=slug))
        chosen = list(frameworks) if frameworks else list(checklist.catalogs)
        for fw in chosen:
            if fw not in checklist.catalogs:
                raise PostureError(fmt(_MSG["framework"], id=fw, checklist=checklist.id,
                                       allowed=", ".join(checklist.catalogs)))
        day = assessed_on or _dt.date.today().isoformat()
        try:
            _dt.date.fromisoformat(day)
        except ValueError:
            raise PostureError(fmt(_MSG["bad_date"], value=day)) from None
        folder = self.root / slug
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            raise PostureError(fmt(_MSG["exists"], path=str(folder))) from None
        (folder / EVIDENCE_DIR).mkdir(mode=0o700)
        now = _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat()
        assessment = Assessment(
            id=slug, vendor=vendor, site=site, scope=scope, assessors=list(assessors or []),
            checklist=ChecklistRef(checklist.id, checklist.version, checklist.content_hash,
                                   question_hashes(checklist)),
            frameworks=chosen, assessed_on=day, created_at=now, passphrase=passphrase or None,
        )
        if (not passphrase and not is_installed(checklist, self.library) and checklist.path
                and Path(checklist.path).is_file()):
            # a checklist that is not installed travels with the assessment (see _checklists.py); not
            # beside an encrypted one, whose folder holds no plaintext (it is given with --checklist)
            atomic_write(folder / TRAVELLING_NAME, Path(checklist.path).read_bytes())
        save_assessment(assessment, folder / (ENCRYPTED_NAME if passphrase else FILE_NAME))
        return assessment

    def locate(self, path_or_slug: str | Path) -> Path:
        """The assessment file a person means: a file, a folder (its encrypted file if it holds one) or an id
        of this workspace. No file is read: an ``assessment.yaml`` that is not a file (a folder, a dangling
        link) is returned all the same, for reading it to say what it is. Raises ``PostureError`` when there
        is none, naming up to three close ids ("did you mean …?")."""
        candidate = Path(path_or_slug)
        if candidate.is_dir() and candidate.name in (FILE_NAME, ENCRYPTED_NAME):  # the file's place, a folder
            return candidate
        if candidate.is_dir():
            candidate = candidate / (ENCRYPTED_NAME if (candidate / ENCRYPTED_NAME).is_file() else FILE_NAME)
            if os.path.lexists(candidate):  # even a folder there: reading it says what it is
                return candidate
        if candidate.is_file():
            return candidate
        by_slug = self.path_of(str(path_or_slug))
        if os.path.lexists(by_slug):
            return by_slug
        if Path(path_or_slug).is_dir():
            raise PostureError(fmt(_MSG["empty_folder"], path=str(path_or_slug), file=FILE_NAME))
        text = str(path_or_slug)
        if "/" in text or os.sep in text or text.endswith((".yaml", ".yml", ".enc")):  # a path, never an id
            kind = "no_file" if candidate.suffix in (".yaml", ".yml", ".enc") else "no_folder"
            raise PostureError(fmt(_MSG[kind], path=text))
        message = fmt(_MSG["not_found"], name=str(path_or_slug), root=str(self.root))
        close = self.close_matches(str(path_or_slug))
        if close:
            message = {lang: text + fmt(_MSG["did_you_mean"], ids=", ".join(close))[lang]
                       for lang, text in message.items()}
        raise PostureError(message)

    def files(self, *, nested: bool = False) -> list[Path]:
        """The assessment files in the workspace, sorted by path: in each folder ``assessment.yaml.enc`` when it
        holds one (what ``path_of`` and ``locate`` open), else ``assessment.yaml``. No file is read.

        ``nested``: search every depth under the root (a portfolio of folders of folders), not only its
        direct sub-folders (the workspace's ids). The one way posture finds assessments: the listing
        (``posture.listing``), ``posture list`` and the portfolio all use it."""
        if not self.root.is_dir():
            return []
        pattern = "**/{}" if nested else "*/{}"
        # an ``assessment.yaml`` that is a folder is listed too: reading it then says what it is, where skipping
        # it hid the assessment without a word
        found = {p.parent: p for p in self.root.glob(pattern.format(FILE_NAME))}
        found.update({p.parent: p for p in self.root.glob(pattern.format(ENCRYPTED_NAME)) if p.is_file()})
        return sorted(found.values())

    def ids(self) -> list[str]:
        """The folder ids of the assessments in the workspace, sorted (no file is read)."""
        return sorted(p.parent.name for p in self.files())

    def close_matches(self, name: str, n: int = 3) -> list[str]:
        """Up to ``n`` workspace ids close to ``name`` (difflib ratio ≥ 0.5, or containing it)."""
        import difflib

        ids = self.ids()
        key = Path(name).name.lower()
        found = difflib.get_close_matches(key, ids, n=n, cutoff=0.5)
        found += [i for i in ids if key and key in i and i not in found]
        return found[:n]

    def open(self, path_or_slug: str | Path, checklist: Checklist | None = None, *,
             passphrase: str | None = None) -> Assessment:
        """Load by file, folder or slug (``locate``); answers are checked against ``checklist`` when given.

        ``passphrase``: for an encrypted one (else ``$POSTURE_PASSPHRASE``). Raises ``PostureError`` (not
        found) or ``ContentError`` naming file, line and field: ``PassphraseRequired``, ``WrongPassphrase``,
        ``EncryptedFileDamaged``, ``NewerFileFormat``, ``WrongFileKind`` or a schema problem (then, if a
        backup exists, the message says how to restore it)."""
        return load_assessment(self.locate(path_or_slug), checklist, passphrase=passphrase)

    def delete(self, path_or_slug: str | Path) -> Path:
        """Remove an assessment's folder (file, backup, evidence, pending runs) under its write lock:
        refused with ``LockBusy`` (naming the process) while another window or command has it open.
        Returns the folder removed."""
        path = self.locate(path_or_slug)
        folder = path.parent
        with write_lock(path):
            shutil.rmtree(folder)
        return folder
