"""The wheel carries everything a user needs: content, schemas and the demo travel inside it.

Built from this checkout with the locked hatchling, installed into an empty venv outside the
repository (dependencies are borrowed from the test venv's site-packages, posture itself is only
the wheel's), then `posture validate` and `posture demo --no-app` run from a folder that has no
checkout beside it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def test_wheel_installed_outside_the_checkout_runs(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(dist), str(ROOT)], check=True, cwd=tmp_path)
    (wheel,) = dist.glob("posture-*.whl")

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    new_site = Path(subprocess.run([env_dir / "bin" / "python", "-c", "import sysconfig;"
                                    "print(sysconfig.get_paths()['purelib'])"],
                                   capture_output=True, text=True, check=True).stdout.strip())
    # the test venv's libraries, after the new venv's own site-packages (so its posture wins)
    (new_site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", "utf-8")
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index",
                    "--target", str(new_site), str(wheel)], check=True)

    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("POSTURE_", "PYTHON"))}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_CACHE_HOME=str(home / "cache"),
               POSTURE_LANG="en")
    posture = [str(env_dir / "bin" / "python"), "-c", "from posture.cli import main; raise SystemExit(main())"]
    where = subprocess.run([*posture[:2], "import posture; print(posture.__file__)"], env=env, cwd=tmp_path,
                           capture_output=True, text=True, check=True).stdout
    assert where.startswith(str(new_site)), where  # the wheel's posture, not the checkout's

    validate = subprocess.run([*posture, "validate"], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert validate.returncode == 0, validate.stderr
    demo = subprocess.run([*posture, "demo", "--no-app"], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert demo.returncode == 0, demo.stderr
    assert "Centro de Contacto Demo" in demo.stdout
    law = subprocess.run([*posture[:2], "from posture.content import law_text, laws_dir; print(laws_dir()); "
                          "print(law_text().article('34').excerpt(words=8))"],
                         env=env, cwd=tmp_path, capture_output=True, text=True)
    assert law.returncode == 0, law.stderr
    assert law.stdout.startswith(str(new_site)) and "derechos ARCO es gratuito" in law.stdout  # the law travels too
    assert (home / "data" / "posture" / "assessments" / "centro-de-contacto-demo" / "assessment.yaml").is_file()
    # the compiled Spanish catalog travels in the wheel: the installed posture speaks Spanish
    spanish = subprocess.run([*posture, "--lang", "es", "validate", "--help"], env=env, cwd=tmp_path,
                             capture_output=True, text=True)
    assert spanish.returncode == 0, spanish.stderr
    assert spanish.stdout.startswith("uso: ") and "muestra esta ayuda y termina" in spanish.stdout
