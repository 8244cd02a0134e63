"""The fences between the layers (docs/architecture.md).

The import-linter contracts in pyproject.toml ([tool.importlinter]) are run here: the layers from the entry
point down to the core's own layers (which keeps the store from importing the scoring: no cycle, not even
through an import inside a function), the adapters meeting only through the core, and the core loading no
screen, network, PDF, template or spreadsheet library. Each contract is also shown to break on a copy of the
package with the offending import added, so a contract that can never fail would fail here. Plus: the
adapters import no other package's private module, and a fresh process that imports the core or runs
``posture export --format json`` finds neither Textual nor WeasyPrint in ``sys.modules``.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "posture"
ADAPTERS = ("posture.tui", "posture.probes", "posture.report", "posture.cli", "posture.workbook")
ADAPTER_LIBRARIES = ("textual", "weasyprint", "nmap", "httpx", "jinja2", "openpyxl")
# __main__.py is the command's entry point, an adapter by nature.
CORE = [p for p in PACKAGE.rglob("*.py") if p.name != "__main__.py"
        and not any(part in ("tui", "probes", "report", "cli", "workbook") for part in p.relative_to(PACKAGE).parts)]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["importlinter"]

_LINT = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"


def _lint(root: Path, *contracts: str) -> subprocess.CompletedProcess:
    """``lint-imports`` with the contracts of ``root``/pyproject.toml (only the ids given, if any) on the
    package under ``root``."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    only = [arg for cid in contracts for arg in ("--contract", cid)]
    return subprocess.run([sys.executable, "-c", _LINT, "--config", str(root / "pyproject.toml"), "--no-cache",
                           *only], cwd=root, env=env, capture_output=True, text=True, timeout=120)


def _module(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, at any depth (function-level imports too), relative ones resolved;
    for ``from X import y`` both X and X.y (y may be a module)."""
    names: set[str] = set()
    package = _module(path).split(".") if path.name == "__init__.py" else _module(path).split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[:len(package) - node.level + 1] + ([base] if base else []))
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def test_the_core_is_found():
    names = {p.relative_to(PACKAGE).as_posix() for p in CORE}
    assert {"scoring.py", "plan.py", "findings.py", "content/_library.py", "assessment/_file.py",
            "questionnaire/_import.py", "listing.py"} <= names


def test_the_import_linter_contracts_are_kept():
    done = _lint(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert {c["id"] for c in CONFIG["contracts"]} == {"layers", "adapters", "core-libraries"}
    assert f"{len(CONFIG['contracts'])} kept, 0 broken" in done.stdout


def test_every_module_of_the_core_is_fenced_from_the_adapter_libraries():
    """The forbidden contract lists the core's top-level modules: one added later must be listed too."""
    [contract] = [c for c in CONFIG["contracts"] if c["id"] == "core-libraries"]
    top = {".".join(_module(p).split(".")[:2]) for p in CORE} - {"posture"}
    assert set(contract["source_modules"]) == top
    assert set(contract["forbidden_modules"]) == set(ADAPTER_LIBRARIES)


@pytest.mark.parametrize(("file", "line", "contract"), [
    # the cycle the store had: scoring imported inside a method of the workspace
    ("assessment/_workspace.py", "def _listing():\n    from posture.scoring import score\n    return score\n",
     "layers"),
    ("scoring.py", "def _screen():\n    import posture.tui.app\n", "layers"),
    ("probes/_hits.py", "def _back():\n    from posture.cli import main\n", "layers"),
    ("report/_format.py", "def _scan():\n    from posture.probes import scope_from_args\n", "adapters"),
    ("tui/app.py", "def _cli():\n    import posture.cli.export\n", "adapters"),
    ("plan.py", "def _pdf():\n    import weasyprint\n", "core-libraries"),
    ("assessment/_model.py", "import textual\n", "core-libraries"),
])
def test_each_contract_breaks_on_an_offending_import(tmp_path, file, line, contract):
    shutil.copytree(PACKAGE, tmp_path / "posture", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "posture" / file
    assert _lint(tmp_path, contract).returncode == 0  # the copy keeps it before the change
    target.write_text(target.read_text("utf-8") + "\n\n" + line, encoding="utf-8")
    done = _lint(tmp_path, contract)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "0 kept, 1 broken" in done.stdout


def test_no_core_module_imports_an_adapter():
    """The same rule as the contracts, read from the source: no core module names an adapter or its library."""
    offenders = {}
    for path in CORE:
        bad = sorted(name for name in _imports(path)
                     if name.startswith(ADAPTERS) or name.split(".")[0] in ADAPTER_LIBRARIES)
        if bad:
            offenders[path.relative_to(PACKAGE).as_posix()] = bad
    assert offenders == {}


def test_the_store_never_imports_the_scoring():
    """The listing with scores lives a layer up (posture.listing); no module of posture.assessment imports
    scoring, plan or anything built on them, not even inside a function."""
    above = ("posture.scoring", "posture.plan", "posture.verdict", "posture.compare", "posture.listing",
             "posture.soa")
    offenders = {p.name: sorted(n for n in _imports(p) if n.startswith(above))
                 for p in (PACKAGE / "assessment").glob("*.py")}
    assert {k: v for k, v in offenders.items() if v} == {}


# gettext's marker functions, public by convention (posture.i18n.__all__), though their names begin with "_"
_GETTEXT_MARKERS = {"posture.i18n._", "posture.i18n._p", "posture.i18n._n", "posture.i18n._np"}


def test_the_interfaces_import_no_other_package_s_private_module():
    """posture.cli, posture.tui and posture.report use the public API of the other packages (their
    ``__init__``), never ``posture.x._y``: the private modules can change without breaking them."""
    offenders = {}
    for adapter in ("cli", "tui", "report"):
        for path in (PACKAGE / adapter).rglob("*.py"):
            bad = []
            for name in _imports(path):
                parts = name.split(".")
                if parts[0] != "posture" or len(parts) < 3 or parts[1] == adapter or name in _GETTEXT_MARKERS:
                    continue
                if any(p.startswith("_") and not p.startswith("__") for p in parts[2:]):
                    bad.append(name)
            if bad:
                offenders[path.relative_to(PACKAGE).as_posix()] = sorted(bad)
    assert offenders == {}


_HEAVY = ("textual", "weasyprint")


def _loaded_after(code: str, cwd: Path, env: dict) -> dict:
    probe = code + ("\nimport json, sys\nprint('\\nLOADED ' + json.dumps(sorted({m.split('.')[0] "
                    "for m in sys.modules})))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, cwd=cwd,
                          env=env)
    assert done.returncode == 0, done.stderr
    line = [x for x in done.stdout.splitlines() if x.startswith("LOADED ")][-1]
    return {"stdout": done.stdout, "modules": set(json.loads(line.removeprefix("LOADED ")))}


def test_importing_the_core_loads_neither_textual_nor_weasyprint(tmp_path):
    core = ["posture", "posture.scoring", "posture.plan", "posture.assessment", "posture.content",
            "posture.listing", "posture.verdict", "posture.compare", "posture.soa", "posture.findings",
            "posture.questionnaire", "posture.rules", "posture.errors", "posture.i18n", "posture.session",
            "posture.reassessment", "posture.outputs", "posture.pasted", "posture.safe_yaml", "posture.vocabulary",
            "posture.evaluation", "posture.l10n", "posture.shown"]
    assert set(core) - {"posture"} == {".".join(_module(p).split(".")[:2]) for p in CORE} - {"posture"}
    got = _loaded_after("\n".join(f"import {m}" for m in core), tmp_path, dict(os.environ))
    assert {"posture"} <= got["modules"] and not got["modules"] & set(_HEAVY)
    assert not got["modules"] & set(ADAPTER_LIBRARIES)


def test_export_json_of_the_demo_loads_neither_textual_nor_weasyprint(tmp_path):
    """``posture export --format json`` on the demo, in a fresh process, through the real command line."""
    shutil.copytree(ROOT / "demo" / "centro-de-contacto-demo", tmp_path / "demo")
    env = {**os.environ, "POSTURE_WORKSPACE": str(tmp_path / "ws"), "POSTURE_LANG": "en"}
    code = ("import sys\nfrom posture.cli import main\n"
            f"code = main(['export', '--format', 'json', {str(tmp_path / 'demo')!r}])\n"
            "assert code == 0, code\n")
    got = _loaded_after(code, tmp_path, env)
    exported = json.loads(got["stdout"].split("\nLOADED ")[0])
    assert exported["assessment"]["vendor"] == "Centro de Contacto Demo"
    assert not got["modules"] & set(_HEAVY), sorted(got["modules"] & set(_HEAVY))


def test_one_atomic_writer():
    """Only posture/outputs.py replaces files by hand (temporary file, fsync, rename): every other module
    writes through ``atomic_write``/``atomic_replace``, so no writer forgets the fsync or the 0600 mode."""
    replacing = {("os", "replace"), ("os", "rename"), ("tempfile", "mkstemp"), ("tempfile", "NamedTemporaryFile"),
                 ("tempfile", "mkdtemp")}
    offenders = {}
    for path in PACKAGE.rglob("*.py"):
        calls = [f"{node.func.value.id}.{node.func.attr}:{node.lineno}"
                 for node in ast.walk(ast.parse(path.read_text("utf-8")))
                 if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                 and isinstance(node.func.value, ast.Name) and (node.func.value.id, node.func.attr) in replacing]
        if calls:
            offenders[path.relative_to(PACKAGE).as_posix()] = calls
    assert set(offenders) == {"outputs.py"}, offenders
