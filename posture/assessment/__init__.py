"""Assessments: the model, the file format, and the workspace that stores them safely."""

from posture.assessment._checklists import checklist_by_id, checklist_for
from posture.assessment._crypto import ENV_PASSPHRASE
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
from posture.assessment._lock import write_lock
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
from posture.assessment._probes import attach_probe_run, remove_probe_run, set_action_status
from posture.assessment._workspace import ENV_VAR, Summary, Workspace, default_root, slugify

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
    "Signoff",
    "Summary",
    "Workspace",
    "add_evidence",
    "attach_probe_run",
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
    "question_hash",
    "question_hashes",
    "remove_probe_run",
    "save_assessment",
    "set_action_status",
    "sha256_file",
    "slugify",
    "verify_evidence",
    "write_lock",
    "write_locked",
]
