"""Hostile inputs through the real command line: a clear line per problem, a non-zero exit, no traceback,
no hang, and the assessment folder byte for byte as it was."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from posture.assessment import Evidence, Workspace, add_evidence, evidence_path, verify_evidence
from posture.assessment._crypto import encrypt
from posture.content import bundled_library
from posture.errors import PostureError

DEMO = Path(__file__).parents[1] / "demo" / "centro-de-contacto-demo" / "assessment.yaml"
DEMO_TEXT = DEMO.read_text(encoding="utf-8")
TIMEOUT = 60  # seconds; a hang fails the test instead of stalling CI


def _bomb() -> bytes:
    lines = ["kind: assessment", 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    return "\n".join(lines).encode()


def _with_evidence(path: str) -> bytes:
    text = DEMO_TEXT.replace("- path: evidence/politica-seguridad-extracto.md", f"- path: '{path}'", 1)
    assert text != DEMO_TEXT
    return text.encode()


# name → (bytes of assessment.yaml, extra environment, how many problem lines at most)
ASSESSMENT_FILES = {
    "yaml-bomb": (_bomb(), {}, 1),
    "huge": (b"kind: assessment\nnote: '" + b"x" * (9 * 1024 * 1024) + b"'\n", {}, 1),
    "deep-nesting": (b"kind: assessment\nx: " + b"[" * 100_000 + b"]" * 100_000 + b"\n", {}, 1),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, {}, 1),
    "not-utf8": (DEMO_TEXT.replace("Guadalajara", "Guadalajara \udcff", 1).encode("utf-8", "surrogateescape"),
                 {}, 1),
    "empty": (b"", {}, 1),
    "newer-format": (DEMO_TEXT.replace("format_version: 1", "format_version: 99", 1).encode(), {}, 1),
    "evidence-dotdot": (_with_evidence("../../etc/shadow"), {}, 5),
    "evidence-absolute": (_with_evidence("/etc/shadow"), {}, 5),
    "evidence-windows-drive": (_with_evidence("C:\\Windows\\win.ini"), {}, 5),
    "python-tag": (DEMO_TEXT.replace("vendor: Centro de Contacto Demo",
                                     "vendor: !!python/object/apply:os.system ['touch pwned']", 1).encode(), {}, 1),
    "duplicate-key": (DEMO_TEXT.replace("site:", "vendor: Otro\nsite:", 1).encode(), {}, 1),
}


def _posture(args: list[str], cwd: Path, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("POSTURE_PASSPHRASE", "POSTURE_DEBUG")}
    env.update({"POSTURE_WORKSPACE": str(cwd / "ws"), **(env_extra or {})})
    return subprocess.run([sys.executable, "-m", "posture", "--lang", "en", *args], cwd=cwd, env=env,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=TIMEOUT)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _clear_refusal(proc: subprocess.CompletedProcess, max_lines: int) -> list[str]:
    lines = proc.stderr.splitlines()
    assert proc.returncode == 1, (proc.returncode, proc.stderr)  # 1: refused; 70 would be a bug caught late
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
    assert 1 <= len(lines) <= max_lines, proc.stderr
    assert all(line.strip() for line in lines)
    return lines


@pytest.mark.parametrize("name", sorted(ASSESSMENT_FILES))
def test_hostile_assessment_file_is_refused_and_untouched(tmp_path, name):
    raw, env, max_lines = ASSESSMENT_FILES[name]
    folder = tmp_path / "ws" / "victim"
    folder.mkdir(parents=True)
    (folder / "assessment.yaml").write_bytes(raw)
    (folder / "assessment.yaml.bak").write_bytes(DEMO.read_bytes())
    before = _snapshot(tmp_path)
    proc = _posture(["score", str(folder / "assessment.yaml")], tmp_path, env)
    lines = _clear_refusal(proc, max_lines)
    assert all("assessment.yaml" in line for line in lines)  # each line names the file
    assert _snapshot(tmp_path) == before
    assert not (tmp_path / "pwned").exists()


@pytest.fixture()
def encrypted(tmp_path):
    folder = tmp_path / "ws" / "sealed"
    folder.mkdir(parents=True)
    (folder / "assessment.yaml.enc").write_bytes(encrypt(DEMO.read_bytes(), "right"))
    return folder / "assessment.yaml.enc"


@pytest.mark.parametrize("env", [{"POSTURE_PASSPHRASE": "wrong"}, {}], ids=["wrong-passphrase", "no-passphrase"])
def test_encrypted_assessment_without_the_right_passphrase(tmp_path, encrypted, env):
    before = _snapshot(tmp_path)
    proc = _posture(["score", str(encrypted)], tmp_path, env)
    [line] = _clear_refusal(proc, 1)
    assert "assessment.yaml.enc" in line and "passphrase" in line.lower()
    assert _snapshot(tmp_path) == before


PROBES = {
    "argument-injection": ["probe", "127.0.0.1 -oN /tmp/posture-x", "--authorized-by", "T"],
    "option-as-target": ["probe", "--authorized-by", "T", "--", "-iL/etc/passwd"],
    "excluded-target": ["probe", "127.0.0.5", "--exclude", "127.0.0.0/24", "--authorized-by", "T"],
    "too-wide": ["probe", "127.0.0.0/8", "--authorized-by", "T"],
    "no-authorization": ["probe", "127.0.0.1"],
    "blank-authorization": ["probe", "127.0.0.1", "--authorized-by", "   "],
}


@pytest.mark.parametrize("name", sorted(PROBES))
def test_hostile_probe_arguments_scan_nothing(tmp_path, name):
    assessment = tmp_path / "ws" / "a" / "assessment.yaml"
    assessment.parent.mkdir(parents=True)
    assessment.write_bytes(DEMO.read_bytes())
    before = _snapshot(tmp_path)
    proc = _posture([*PROBES[name], "--attach", str(assessment)], tmp_path)
    [line] = _clear_refusal(proc, 1)
    assert line.startswith("posture probe:")
    assert "nmap finished" not in proc.stderr  # refused before anything was sent
    assert not Path("/tmp/posture-x").exists()
    assert _snapshot(tmp_path) == before


@pytest.mark.parametrize("relative", ["../../etc/shadow", "/etc/shadow", "evidence/../../../etc/passwd",
                                      "evidence/link-out", "C:/Windows/win.ini"])
def test_evidence_paths_cannot_leave_the_assessment_folder(tmp_path, relative):
    folder = tmp_path / "a"
    (folder / "evidence").mkdir(parents=True)
    (folder / "evidence" / "link-out").symlink_to("/etc/passwd")
    with pytest.raises(PostureError) as err:
        evidence_path(folder, relative)
    assert "outside the assessment folder" in err.value.lines("en")[0]
    assert "fuera de la carpeta" in err.value.lines("es")[0]


def test_a_symlinked_evidence_folder_cannot_lead_out(tmp_path):
    ws = Workspace(tmp_path / "ws")
    checklist = next(iter(bundled_library().checklists.values()))
    a = ws.create(vendor="V", site="S", checklist=checklist)
    outside = tmp_path / "outside"
    outside.mkdir()
    (a.folder / "evidence").rmdir()
    (a.folder / "evidence").symlink_to(outside)
    source = tmp_path / "policy.pdf"
    source.write_bytes(b"%PDF-1.7 policy")
    with pytest.raises(PostureError):
        add_evidence(a.folder, source)
    assert list(outside.iterdir()) == []  # refused before copying, not after
    assert not verify_evidence(a.folder, Evidence("evidence/policy.pdf", "0" * 64, "2026-01-01"))
