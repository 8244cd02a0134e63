"""Probe runs that could not be attached when they finished, kept beside the assessment until they can.

A scan (or an nmap import) whose assessment was locked by another process when the run ended is never
thrown away: it is written as ``<assessment file>.pending-<run id>.json`` (owner-only, atomically; encrypted
like the assessment when the assessment is encrypted) and attached the next time the assessment is opened
for writing — by the app, or by ``posture probe --attach-pending FILE``.

The file is the document ``posture probe --json`` prints (schema ``probe-run.schema.json``), so other tools
can read it too.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from posture.assessment import _crypto
from posture.assessment._atomic import atomic_write
from posture.content import Checklist, validate_doc
from posture.errors import ContentError, PostureError, os_reason
from posture.findings import ProbeRun
from posture.i18n import LANGS
from posture.safe_yaml import display_name, loads_yaml

_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def pending_prefix(path: Path) -> str:
    return f"{path.name}.pending-"


def pending_path(path: Path, run: ProbeRun) -> Path:
    """Where ``run`` waits for ``path``: beside it, named after the run (one file per run)."""
    name = f"{pending_prefix(path)}{_SAFE.sub('-', run.id) or 'run'}.json"
    if path.name.endswith(_crypto.ENC_SUFFIX):
        name += _crypto.ENC_SUFFIX
    return path.with_name(name)


def pending_files(path: Path) -> list[Path]:
    """The pending runs of the assessment at ``path``, oldest name first (run ids start with their time)."""
    prefix = pending_prefix(path)
    if not path.parent.is_dir():
        return []
    return sorted(p for p in path.parent.iterdir()
                  if p.name.startswith(prefix) and p.name.endswith((".json", ".json" + _crypto.ENC_SUFFIX)))


def run_document(run: ProbeRun, lang: str = "en", contradictions: list | None = None) -> dict:
    """``run`` as the ``probe-run`` document (finding ids included)."""
    run_dict = run.to_dict()
    for f, d in zip(run.findings, run_dict["findings"], strict=True):
        d["id"] = f.id
    return {"kind": "probe-run", "schema_version": 1, "lang": lang, "run": run_dict,
            "contradictions": list(contradictions or [])}


def save_pending_run(path: Path, run: ProbeRun, passphrase: str | None = None) -> Path:
    """Write ``run`` beside ``path`` (0600, atomic) and return the file. An encrypted assessment's pending
    run is encrypted with its passphrase (argument, else ``$POSTURE_PASSPHRASE``)."""
    target = pending_path(path, run)
    data = (json.dumps(run_document(run), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if target.name.endswith(_crypto.ENC_SUFFIX):
        passphrase = passphrase or _crypto.passphrase_from_env()
        if not passphrase:
            raise _crypto.need_passphrase(display_name(path))
        data = _crypto.encrypt(data, passphrase)
    atomic_write(target, data)
    return target


def read_pending_run(file: Path, passphrase: str | None = None) -> ProbeRun:
    """One pending run, schema-checked; a damaged file is a ContentError naming it (and is left in place)."""
    raw = file.read_bytes()
    name = display_name(file)
    if _crypto.is_encrypted(raw):
        passphrase = passphrase or _crypto.passphrase_from_env()
        if not passphrase:
            raise _crypto.need_passphrase(name)
        raw = _crypto.decrypt(raw, passphrase, name)
    doc = loads_yaml(raw, name)  # JSON is YAML; the safe reader gives line and column
    problems = validate_doc(doc, "probe-run")
    if problems:
        raise ContentError(problems[0].message, problems=problems)
    return ProbeRun.from_dict(doc.data["run"])


def attach_pending_locked(path: Path, checklist: Checklist | None = None, passphrase: str | None = None,
                          ) -> tuple[list[tuple[Path, ProbeRun]], list[PostureError]]:
    """Attach every readable pending run of ``path``; the caller holds its write lock. Each file is
    removed only once the assessment holding its run is on disk; an unreadable one is left in place.
    Returns what was attached ([(file, run)]) and the errors of the files that could not be read
    (each naming its file, line and field)."""
    from posture.assessment._probes import attach_locked

    runs, errors = [], []
    for file in pending_files(path):
        try:
            runs.append((file, read_pending_run(file, passphrase)))
        except PostureError as exc:
            errors.append(exc)
        except OSError as exc:
            reason = os_reason(exc)
            errors.append(PostureError({lang: f"{display_name(file)}: {reason[lang]}" for lang in LANGS}))
    if runs:
        attach_locked(path, [run for _, run in runs], checklist, passphrase)
    for file, _ in runs:
        file.unlink(missing_ok=True)
    return runs, errors
