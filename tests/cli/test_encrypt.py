"""``posture encrypt`` / ``posture decrypt`` and the passphrase every reading command accepts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def _posture(cwd: Path, *args: str, passphrase: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "POSTURE_PASSPHRASE"}
    env["POSTURE_WORKSPACE"] = str(cwd / "ws")
    if passphrase is not None:
        env["POSTURE_PASSPHRASE"] = passphrase
    return subprocess.run([sys.executable, "-m", "posture", "--lang", "en", *args], cwd=cwd, env=env,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)


def test_encrypt_score_decrypt(tmp_path):
    assert _posture(tmp_path, "new", "--vendor", "Zafiro", "--site", "León").returncode == 0
    folder = tmp_path / "ws" / "zafiro-leon"
    refused = _posture(tmp_path, "encrypt", "zafiro-leon")  # no terminal and no variable: nothing happens
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1 and "POSTURE_PASSPHRASE" in refused.stderr
    assert (folder / "assessment.yaml").is_file()

    done = _posture(tmp_path, "encrypt", "zafiro-leon", passphrase="s3creta-larga")
    assert done.returncode == 0, done.stderr
    assert (folder / "assessment.yaml.enc").is_file() and not (folder / "assessment.yaml").exists()
    assert b"Zafiro" not in (folder / "assessment.yaml.enc").read_bytes()

    scored = _posture(tmp_path, "score", "zafiro-leon", passphrase="s3creta-larga")
    assert scored.returncode == 0 and scored.stdout.startswith("Zafiro — León")
    for wrong in ("otra", None):
        refused = _posture(tmp_path, "plan", "zafiro-leon", passphrase=wrong)
        assert refused.returncode == 1 and len(refused.stderr.splitlines()) == 1, refused.stderr
        assert "Traceback" not in refused.stderr and "assessment.yaml.enc" in refused.stderr

    back = _posture(tmp_path, "decrypt", "zafiro-leon", passphrase="s3creta-larga")
    assert back.returncode == 0, back.stderr
    assert (folder / "assessment.yaml").is_file() and not (folder / "assessment.yaml.enc").exists()
    assert _posture(tmp_path, "score", "zafiro-leon").returncode == 0


def test_new_encrypt_never_writes_plaintext(tmp_path, monkeypatch, capsys):
    from posture.cli import main

    monkeypatch.setenv("POSTURE_WORKSPACE", str(tmp_path))
    monkeypatch.setenv("POSTURE_PASSPHRASE", "correct horse battery staple")
    code = main(["--lang", "en", "new", "--vendor", "Proveedor Secreto", "--site", "Monterrey", "--encrypt"])
    assert code == 0
    (folder,) = [p for p in tmp_path.iterdir() if p.is_dir()]
    names = sorted(p.name for p in folder.iterdir())
    assert "assessment.yaml" not in names and "assessment.yaml.enc" in names
    for path in folder.rglob("*"):
        if path.is_file():
            assert b"Proveedor Secreto" not in path.read_bytes(), path
    capsys.readouterr()
    assert main(["--lang", "en", "score", str(folder / "assessment.yaml.enc")]) == 0
    assert "Proveedor Secreto" in capsys.readouterr().out


def test_report_of_an_encrypted_assessment_by_folder_and_slug(tmp_path, monkeypatch, capsys):
    from posture.cli import main

    monkeypatch.setenv("POSTURE_WORKSPACE", str(tmp_path / "ws"))
    monkeypatch.setenv("POSTURE_PASSPHRASE", "correct horse battery staple")
    assert main(["--lang", "en", "new", "--vendor", "Cifrado SA", "--site", "CDMX", "--encrypt"]) == 0
    folder = tmp_path / "ws" / "cifrado-sa-cdmx"
    for name in (str(folder), "cifrado-sa-cdmx"):
        out = tmp_path / "r.html"
        assert main(["--lang", "en", "export", name, "--format", "html", "-o", str(out)]) == 0, name
        assert "Cifrado SA" in out.read_text("utf-8")
        out.unlink()


@pytest.mark.parametrize("command", [("new", "--vendor", "Corta", "--site", "Sur", "--encrypt"),
                                     ("encrypt", "corta-norte")])
def test_a_short_new_passphrase_is_refused_before_anything_is_written(tmp_path, command):
    """`POSTURE_PASSPHRASE=abc posture new --encrypt` encrypted with three characters (newcomer 2): a new
    passphrase has at least 8 (NIST SP 800-63B's minimum); nothing is created or encrypted on a refusal."""
    made = _posture(tmp_path, "new", "--vendor", "Corta", "--site", "Norte")
    assert made.returncode == 0, made.stderr
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    done = _posture(tmp_path, *command, passphrase="abc")
    assert done.returncode == 1
    assert done.stderr.strip().startswith("a passphrase of 3 characters is too short")
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
    assert _posture(tmp_path, *command[:1], *command[1:], passphrase="ocho-car").returncode == 0  # 8: taken


def test_the_prompt_names_the_assessment_not_its_file_name(tmp_path):
    from posture.cli._passphrase import _named

    assert _named(tmp_path / "demo-cif" / "assessment.yaml.enc") == "demo-cif"
    assert _named(tmp_path / "otro.enc") == "otro.enc"


def test_list_says_an_encrypted_assessment_is_encrypted_not_unreadable(tmp_path):
    """`posture list` printed «cannot be read: … or you are asked for it at a terminal» for each encrypted
    assessment and never asked (newcomer 2): it says the row is encrypted and how to see its grade."""
    assert _posture(tmp_path, "new", "--vendor", "Cifrado", "--site", "Norte", "--encrypt",
                    passphrase="frase de prueba larga").returncode == 0
    plain = _posture(tmp_path, "list")
    assert plain.returncode == 0
    assert plain.stdout.splitlines()[-1] == ("cifrado-norte  encrypted: POSTURE_PASSPHRASE lists its grade; a command "
                                            "given its id asks for the passphrase")
    opened = _posture(tmp_path, "list", passphrase="frase de prueba larga")
    assert opened.stdout.splitlines()[-1].startswith("cifrado-norte  Cifrado  Norte")
