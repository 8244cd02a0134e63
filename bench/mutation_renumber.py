"""Carry the numbers of ``EQUIVALENT`` (bench/mutation.py) over a code change.

mutmut numbers the mutants of a function in the order it makes them, so a line added or removed in a function
shifts every number after it, and an equivalent mutant listed by number would then name another mutant. This
finds each listed mutant again by what it is — the original text of the node and its mutated text — aligning the
old and new sequences of a function's mutations (difflib, so repeated texts keep their order), and prints the new
numbers, and the mutants that no longer exist (their code is gone):

    .venv/bin/python bench/mutation_renumber.py OLD_COMMIT [FILE ...]

OLD_COMMIT is the commit whose ``EQUIVALENT`` and code go together (the last run's); FILE defaults to every file of
``MODULES``. It reads the old code and list with ``git show`` and the new code from the checkout. A renumbered
mutant is the same mutation, so its reason still holds; read the lost ones' rows in DEVELOPERS.md and remove
them. Uses mutmut's own mutation generator (``mutmut.mutation.file_mutation.create_mutations``).
"""

from __future__ import annotations

import ast
import collections
import difflib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def mutations_by_function(code: str, path: str) -> dict[str, list[tuple[str, str]]]:
    """``{mutmut's name prefix ("posture.x.xǁClassǁmethod__mutmut_"): [(original text, mutated text), ...]}``, in
    mutmut's order (the mutant numbered n is item n - 1)."""
    import libcst as cst
    from mutmut.mutation.file_mutation import create_mutations

    module, mutations, _, _ = create_mutations(path, code)
    owner: dict[int, str] = {}
    for stmt in module.body:
        if isinstance(stmt, cst.FunctionDef):
            owner[id(stmt)] = f"x_{stmt.name.value}"
        elif isinstance(stmt, cst.ClassDef) and isinstance(stmt.body, cst.IndentedBlock):
            for f in stmt.body.body:
                if isinstance(f, cst.FunctionDef):
                    owner[id(f)] = f"xǁ{stmt.name.value}ǁ{f.name.value}"
    prefix = path.removesuffix(".py").replace("/", ".")
    out: dict[str, list[tuple[str, str]]] = collections.defaultdict(list)
    for m in mutations:
        fn = owner.get(id(m.contained_by_top_level_function))
        if fn is not None:
            out[f"{prefix}.{fn}__mutmut_"].append((module.code_for_node(m.original_node),
                                                   module.code_for_node(m.mutated_node)))
    return dict(out)


def renumber(old: list[tuple[str, str]], new: list[tuple[str, str]], numbers: list[int]) -> tuple[list[int], list[int]]:
    """The new numbers of the old mutants ``numbers`` (1-based), and the old numbers with no counterpart."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    index = {blk.a + i: blk.b + i for blk in matcher.get_matching_blocks() for i in range(blk.size)}
    found = [index[n - 1] + 1 for n in numbers if n - 1 in index]
    return found, [n for n in numbers if n - 1 not in index]


class Refused(Exception):
    """A usage error: one line for the person, exit 2."""


def _equivalent_at(commit: str) -> dict[str, list[int]]:
    tree = ast.parse(_show(commit, "bench/mutation.py"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "_EQ" for t in node.targets):
            return {k.value: [int(x) for x in v.value.split()] for k, v in zip(node.value.keys, node.value.values,
                                                                               strict=True)}
    raise Refused(f"bench/mutation.py at {commit} has no _EQ")


def _show(commit: str, path: str) -> str:
    done = subprocess.run(["git", "-C", str(ROOT), "show", f"{commit}:{path}"], capture_output=True, text=True)
    if done.returncode:
        said = done.stderr.strip().splitlines()
        raise Refused(f"{commit}:{path}: {said[-1] if said else 'not found'}")
    return done.stdout


def _in_repo(name: str) -> str:
    """``name`` as a path from the checkout's root (``./posture/x.py``, an absolute path, or one from elsewhere)."""
    path = Path(name)
    path = (path if path.is_absolute() else Path.cwd() / path).resolve()
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        raise Refused(f"{name}: not a file of the checkout at {ROOT}") from None


def main(argv: list[str]) -> int:
    if argv and argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    if not argv or argv[0].startswith("-"):
        print("usage: bench/mutation_renumber.py OLD_COMMIT [FILE ...]  (--help: what it does)", file=sys.stderr)
        return 2
    try:
        return _run(argv[0], argv[1:])
    except Refused as exc:
        print(f"bench/mutation_renumber.py: {exc}", file=sys.stderr)
        return 2


def _run(commit: str, files: list[str]) -> int:
    files = [_in_repo(f) for f in files]
    os.chdir(ROOT)  # mutmut reads its configuration (what it may mutate) from the current folder
    if not files:
        sys.path.insert(0, str(ROOT / "bench"))
        from mutation import MODULES

        files = sorted({str(p.relative_to(ROOT)) for paths, _, _ in MODULES.values() for pattern in paths
                        for p in ROOT.glob(pattern) if p.suffix == ".py"})
    listed = _equivalent_at(commit)
    moved = 0
    for path in files:
        if not (ROOT / path).is_file():
            raise Refused(f"{path}: no such file in the checkout")
        old = mutations_by_function(_show(commit, path), path)
        new = mutations_by_function((ROOT / path).read_text(encoding="utf-8"), path)
        for name, numbers in listed.items():
            if name not in old:
                continue
            found, lost = renumber(old[name], new.get(name, []), numbers)
            if found != numbers or lost:
                moved += 1
                print(f'"{name}": "{" ".join(map(str, found))}"' + (f"  # gone: {lost}" if lost else ""))
    if not moved:
        print(f"every listed mutant of these files keeps its number since {commit}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
