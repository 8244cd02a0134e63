"""Owner-only everywhere: files 0600 and folders 0700 whatever the umask, from the store and from the CLI."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from posture.assessment import Answer, Workspace, add_evidence, save_assessment
from posture.content import bundled_library

DEMO = Path(__file__).parents[1] / "demo" / "centro-de-contacto-demo" / "assessment.yaml"
# Files that must not exist at all once a save is over.
TRANSIENT = (".tmp",)


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def _assert_owner_only(root: Path) -> list[Path]:
    """Every file under root is 0600 and every folder 0700; returns what was checked, so emptiness shows."""
    checked = []
    for path in [root, *sorted(root.rglob("*"))]:
        assert not path.name.endswith(TRANSIENT), f"left behind: {path}"
        want = 0o700 if path.is_dir() else 0o600
        assert _mode(path) == want, f"{path}: {oct(_mode(path))}, expected {oct(want)}"
        checked.append(path)
    return checked


@pytest.fixture()
def loose_umask():
    """A umask that would leave everything world-readable: modes must not depend on it."""
    old = os.umask(0)
    yield
    os.umask(old)


@pytest.mark.parametrize("passphrase", [None, "frase de prueba"], ids=["plain", "encrypted"])
def test_store_writes_owner_only(tmp_path, loose_umask, passphrase):
    ws = Workspace(tmp_path / "ws")
    checklist = bundled_library().checklists["bpo-contact-center"]
    a = ws.create(vendor="Proveedor", site="CDMX", checklist=checklist, passphrase=passphrase)
    source = tmp_path / "politica.pdf"
    source.write_bytes(b"%PDF-1.7 politica")
    os.chmod(source, 0o644)
    evidence = add_evidence(a.folder, source)
    a.answers["GOV-01"] = Answer("yes", method="document", evidence=[evidence], qid="GOV-01")
    save_assessment(a)
    checked = {p.name for p in _assert_owner_only(ws.root)}
    name = a.path.name
    assert {name, name + ".bak", name + ".lock", "evidence", "politica.pdf"} <= checked


def _posture(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "POSTURE_WORKSPACE": str(cwd / "ws")}
    env.pop("POSTURE_PASSPHRASE", None)
    return subprocess.run([sys.executable, "-m", "posture", "--lang", "en", *args], cwd=cwd, env=env,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300,
                          preexec_fn=lambda: os.umask(0))


def test_cli_writes_owner_only(tmp_path):
    commands = [
        ["demo", "--no-app"],
        ["new", "--vendor", "Proveedor", "--site", "CDMX"],
        ["export", str(DEMO), "--format", "json", "-o", "out/plan.json"],
        ["export", str(DEMO), "--format", "csv", "-o", "out/plan.csv"],
        ["export", str(DEMO), "--format", "html", "-o", "out/report.html"],
        ["export", str(DEMO), "--format", "oscal", "-o", "out/oscal"],
        ["report", str(DEMO), "-o", "out/report.pdf"],
    ]
    (tmp_path / "out").mkdir(mode=0o700)
    for args in commands:
        proc = _posture(args, tmp_path)
        assert proc.returncode == 0, (args, proc.stderr)
    proc = subprocess.run([sys.executable, "-m", "posture", "encrypt", "proveedor-cdmx"], cwd=tmp_path,
                          env={**os.environ, "POSTURE_WORKSPACE": str(tmp_path / "ws"),
                               "POSTURE_PASSPHRASE": "frase de prueba larga"},
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60,
                          preexec_fn=lambda: os.umask(0))
    assert proc.returncode == 0, proc.stderr
    written = {p.relative_to(tmp_path).as_posix() for p in _assert_owner_only(tmp_path / "ws")}
    assert {"ws/centro-de-contacto-demo/assessment.yaml", "ws/centro-de-contacto-demo/evidence",
            "ws/proveedor-cdmx/assessment.yaml.enc", "ws/proveedor-cdmx/assessment.yaml.enc.lock"} <= written
    written = {p.relative_to(tmp_path).as_posix() for p in _assert_owner_only(tmp_path / "out")}
    assert {"out/plan.json", "out/plan.csv", "out/report.html", "out/oscal", "out/oscal/poam.json",
            "out/report.pdf"} <= written
