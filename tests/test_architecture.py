"""The core knows nothing of screens, nmap or PDFs: no core module imports an adapter or their libraries."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "posture"
ADAPTERS = ("posture.tui", "posture.probes", "posture.report", "posture.cli", "posture.workbook")
ADAPTER_LIBRARIES = ("textual", "weasyprint", "nmap", "httpx", "jinja2", "openpyxl")
# __main__.py is the command's entry point, an adapter by nature.
CORE = [p for p in PACKAGE.rglob("*.py") if p.name != "__main__.py"
        and not any(part in ("tui", "probes", "report", "cli", "workbook") for part in p.relative_to(PACKAGE).parts)]


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_the_core_is_found():
    names = {p.relative_to(PACKAGE).as_posix() for p in CORE}
    assert {"scoring.py", "plan.py", "findings.py", "content/_library.py", "assessment/_file.py",
            "questionnaire/_import.py"} <= names


def test_no_core_module_imports_an_adapter():
    offenders = {}
    for path in CORE:
        bad = sorted(name for name in _imports(path)
                     if name.startswith(ADAPTERS) or name.split(".")[0] in ADAPTER_LIBRARIES)
        if bad:
            offenders[path.relative_to(PACKAGE).as_posix()] = bad
    assert offenders == {}
