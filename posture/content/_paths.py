"""Where the bundled content lives: inside the installed package, or at the top of a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent
CONTENT_DIRS = ("controls", "checklists", "checks")


def bundled_root() -> Path:
    """A wheel carries the content in ``posture/_bundled``; a checkout has it beside the package."""
    inside = _PACKAGE / "_bundled"
    if inside.is_dir():
        return inside
    return _PACKAGE.parent


def bundled_files(dirs: tuple[str, ...] = CONTENT_DIRS) -> list[Path]:
    root = bundled_root()
    files: list[Path] = []
    for name in dirs:
        folder = root / name
        if folder.is_dir():
            files.extend(sorted(folder.glob("*.yaml")))
    return files


def demo_dir() -> Path:
    return bundled_root() / "demo"


def laws_dir() -> Path:
    """The texts of the laws the catalogs cite (``laws/<law-id>.json``), shipped like the catalogs."""
    return bundled_root() / "laws"


def expand(paths: list[Path]) -> list[Path]:
    """Files as given; folders as the YAML files under them."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(x for x in p.rglob("*") if x.suffix in (".yaml", ".yml") and x.is_file()))
        else:
            out.append(p)
    return out
