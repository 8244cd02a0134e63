"""Assessments: the model, the file format, and the workspace that stores them safely."""

from posture.assessment._atomic import atomic_write
from posture.assessment._checklists import checklist_by_id, checklist_for
from posture.assessment._crypto import ENV_PASSPHRASE, passphrase_from_env
from posture.assessment._drift import Drift, drift
from posture.assessment._evidence import add_evidence, evidence_path, sha256_file, verify_evidence
from posture.assessment._file import (
    ENCRYPTED_NAME,
    FILE_NAME,
    decrypt_assessment,
    dump_assessment,
    encrypt_assessment,
    is_encrypted_file,
    load_assessment,
    load_with_checklist,
    save_assessment,
    write_locked,
)
from posture.assessment._hashing import question_hash, question_hashes
from posture.assessment._lock import LockBusy, check_unlocked, write_lock
from posture.assessment._model import (
    ACTION_STATUSES,
    ASSESSOR_METHODS,
    FORMAT_VERSION,
    METHODS,
    RECORD_METHODS,
    VENDOR_DECLARED,
    VERIFYING_METHODS,
    ActionStatus,
    Answer,
    Assessment,
    ChecklistRef,
    Evidence,
    Signoff,
)
from posture.assessment._pending import (
    attach_pending_locked,
    pending_files,
    read_pending_run,
    save_pending_run,
)
from posture.assessment._probes import attach_probe_run, remove_probe_run, set_action_status
from posture.assessment._workspace import ENV_VAR, Workspace, default_root, slugify
from posture.errors import LockHeld

__all__ = [
    "ACTION_STATUSES",
    "ASSESSOR_METHODS",
    "ENCRYPTED_NAME",
    "ENV_PASSPHRASE",
    "ENV_VAR",
    "FILE_NAME",
    "FORMAT_VERSION",
    "METHODS",
    "RECORD_METHODS",
    "VENDOR_DECLARED",
    "VERIFYING_METHODS",
    "ActionStatus",
    "Answer",
    "Assessment",
    "ChecklistRef",
    "Drift",
    "Evidence",
    "LockBusy",
    "LockHeld",
    "Signoff",
    "Workspace",
    "add_evidence",
    "atomic_write",
    "attach_pending_locked",
    "attach_probe_run",
    "check_unlocked",
    "checklist_by_id",
    "checklist_for",
    "decrypt_assessment",
    "default_root",
    "drift",
    "dump_assessment",
    "encrypt_assessment",
    "evidence_path",
    "is_encrypted_file",
    "load_assessment",
    "load_with_checklist",
    "passphrase_from_env",
    "pending_files",
    "question_hash",
    "question_hashes",
    "read_pending_run",
    "remove_probe_run",
    "save_assessment",
    "save_pending_run",
    "set_action_status",
    "sha256_file",
    "slugify",
    "verify_evidence",
    "write_lock",
    "write_locked",
]
