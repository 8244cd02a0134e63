"""Mutation score of the core, per module (mutmut 3). Slow and CPU-heavy: not part of CI.

    .venv/bin/python bench/mutation.py [MODULE ...] [--sample=N | --mutants=NAME,... | --list] [--fresh]
                                       [--survivors] [--json] [--timeout-multiplier=X]     (--help: the options)

MODULE is a key of MODULES below (default: all, one after another). For each module the checkout is
copied to ``$TMPDIR/posture-mutation/<module>/`` (kept: a re-run re-tests only the mutants not yet killed), the
``[tool.mutmut]`` table of pyproject.toml is narrowed to that module's files and its fast unit tests, and
``nice -n 15 mutmut run --max-children 1`` runs there (each mutant against only the tests that, in mutmut's first
traced run of that selection, called the mutated function). Then one line per module: mutants, killed,
survived, no tests, timeouts, and the score = killed / (mutants − equivalent), where the equivalent
mutants are the ones listed, with their reason, in DEVELOPERS.md ("Mutation testing") and EQUIVALENT below.
Results are trusted only with the tests they were obtained with: each completed run records a fingerprint of the
module's tests (``tests.json``: a hash per test function, one per file for fixtures and helpers). A test added
since keeps the results (what the old tests killed stays killed); a test changed or removed, or a fixture changed,
marks the line "? the tests changed since these results" instead of ✓ until a ``--fresh`` run. A line is ✓ only
when the score is at the target, every mutant ran ("~ an estimate" otherwise) and mutmut did not stop ("✗ mutmut
stopped": its figures are an earlier run's). Exit status 0 only when every module named is ✓; 1 otherwise; 2 for a
usage error; 130 when interrupted (a later run goes on from there).
``--fresh`` deletes the module's work folder first: every mutant is tested again on the current code and tests
(a kept folder keeps "killed" from earlier runs for the functions whose code did not change; the fingerprint
above says when the tests changed). ``--survivors`` names each surviving mutant, and those with no test or a
timeout, labelled (``mutmut show NAME`` in the work folder shows its diff).
``--list`` runs nothing: it prints the same lines from the last results of every module (or those named).
``--sample=N`` runs, besides the survivors being re-tested, only N of the mutants not yet run, drawn at random
(seed 23): an estimate of the score in a fraction of the time for the big modules (content, scan import); the
line then shows how many are still "not run", and a later run draws from those. On a fresh work folder the
mutants are created first (no mutant tested), then drawn from. ``--mutants=NAME,NAME`` runs only the mutants
named (mutmut's names, ``*`` allowed: ``posture.probes._import.x_import_nmap__mutmut_*``), whatever their last
result: a survivor re-checked after a new test, or every mutant of a function that changed.
``--timeout-multiplier=X`` sets mutmut's ``timeout_multiplier`` (default 15): a mutant is stopped, and counted as
detected ("timeout"), after (the covering tests' time + 1 s) × X × 2 seconds of CPU. The default gives a mutant that
loops forever under the content tests (``safe_yaml._walk_depth`` 43: ~25 s of tests) about 13 minutes of CPU; X = 2
stops it in under 2. A low X can count a merely slow mutant as a timeout (timeouts count against the score, as not
killed): use it only where mutants are known to loop — named with ``--mutants``, or a module whose own loopers are
documented (the scan import's reader: X = 3). A later run without it restores the default, and mutmut then re-runs
the timeouts. An interrupted run leaves the mutants it had started "not run" (equivalents too: mutmut re-tests every
survivor), so the line is an estimate until the next run completes them.

Targets (issue 23): ≥ 90 % in scoring, plan and the store; ≥ 80 % elsewhere.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MUTMUT = Path(sys.executable).parent / "mutmut"
WORK = Path(os.environ.get("POSTURE_MUTATION_DIR") or Path(tempfile.gettempdir()) / "posture-mutation")
# the package, its tests and every data folder it reads (a missing one fails mutmut's first, unmutated run)
# (tools/: tests/content/test_fast_schemas.py regenerates posture/content/_fast with tools/compile_schemas.py)
COPY = ("posture", "controls", "checklists", "checks", "laws", "demo", "docs", "tests", "tools", "pyproject.toml")

# module key → (files mutated, the fast unit tests that exercise them, target %)
MODULES: dict[str, tuple[list[str], list[str], int]] = {
    "scoring": (["posture/scoring.py"],
                ["tests/test_scoring.py", "tests/test_scoring_rules.py", "tests/test_scoring_properties.py",
                 "tests/test_scoring_mutants.py", "tests/test_scoring_whatif.py"], 90),
    "plan": (["posture/plan.py"], ["tests/test_plan.py", "tests/test_plan_rules.py", "tests/test_plan_mutants.py"],
             90),
    "compare": (["posture/compare.py"], ["tests/test_compare.py", "tests/test_compare_rules.py"], 80),
    "store": (["posture/assessment/_file.py", "posture/assessment/_model.py", "posture/assessment/_atomic.py",
               "posture/assessment/_workspace.py", "posture/assessment/_drift.py", "posture/listing.py",
               "posture/outputs.py"],
              ["tests/assessment/test_store.py", "tests/assessment/test_store_rules.py",
               "tests/assessment/test_probes_attach.py", "tests/assessment/test_store_mutants.py",
               "tests/assessment/test_workspace_mutants.py", "tests/assessment/test_store_encrypt_fast.py",
               "tests/assessment/test_store_survivors.py", "tests/test_outputs_rules.py"], 90),
    "crypto": (["posture/assessment/_crypto.py"],
               # test_crypto.py derives real scrypt keys through the store (~30 s a mutant): the header tests
               # state the same rules directly
               ["tests/assessment/test_crypto_header.py", "tests/assessment/test_store_rules.py"], 90),
    "content": (["posture/content/*"], ["tests/content", "tests/test_safe_yaml.py"], 80),
    # the one YAML reader, apart: every content test reads YAML through it, so under "content" each of its ~470
    # mutants ran ~25 s of tests (hours); its rules are stated by its own tests
    "safe-yaml": (["posture/safe_yaml.py"],
                  ["tests/test_safe_yaml.py", "tests/content/test_safe_yaml_rules.py",
                   "tests/content/test_validate.py"], 80),
    "scan-import": (["posture/probes/_import.py", "posture/probes/_nmap_xml.py"],
                    ["tests/probes/test_nmap_xml.py", "tests/probes/test_import_certificates.py",
                     "tests/probes/test_import_rules.py", "tests/probes/test_import_damaged.py",
                     "tests/probes/test_import_field_cases.py", "tests/probes/test_import_newcomer_cases.py",
                     "tests/probes/test_import_mutants.py", "tests/probes/test_import_said_in_words.py"], 80),
}
# tests that guard the tests, not the code: minutes under mutmut's tracing and they kill nothing
DESELECT = ["tests/test_scoring_properties.py::test_the_generator_reaches_interesting_cases",
            # imports posture from two copies of the (mutated) package in subprocesses: fails under mutmut's
            # stats run, so the whole content run stopped; the cache's rules are stated in-process in test_cache.py
            "tests/content/test_cache.py::test_two_installations_keep_one_entry_each",
            # PDFs through WeasyPrint (20–40 s each, for every mutant of the reader) and the CLI in a subprocess:
            # the import's rules are stated in-process by the other scan-import tests
            "tests/probes/test_import_field_cases.py::test_attached_import_reads_in_spanish_in_the_pdf",
            "tests/probes/test_import_field_cases.py::test_ipv6_in_brackets_in_csv_and_pdf",
            "tests/probes/test_import_field_cases.py::test_a_latin1_terminal_gets_the_result_not_an_internal_error",
            "tests/probes/test_import_damaged.py::test_damaged_xml_gives_incomplete_not_internal_error",
            # sends itself a real SIGINT mid-import: mutmut's workers ignore SIGINT (SIG_IGN, its parent owns
            # shutdown), so the CLI never sees it and the unmutated run fails; it tests the CLI's Ctrl-C, not the import
            "tests/probes/test_import_newcomer_cases.py::test_ctrl_c_while_modules_are_imported_exits_130_without_traceback"]
# mutants shown equivalent (same behaviour for every input), by mutmut's name; the reasons are in DEVELOPERS.md
# ("Last run and equivalent mutants"). A new mutmut version may number mutants differently: re-check them then.
_EQ = {
    "posture.scoring.x__index__mutmut_": "2 3 4 8 9 12 13 14 15 17 18 19 20 21 26 27 32 33 34 38 66 107 114 116 "
                                         "117 119",
    "posture.scoring.x_score__mutmut_": "237 247",
    "posture.scoring.xǁWhatIfǁ__init____mutmut_": "2 67 70 73",
    "posture.scoring.xǁWhatIfǁ_columns_of__mutmut_": "5 7 8",
    "posture.scoring.xǁWhatIfǁ_score__mutmut_": "58 67",
    "posture.scoring.xǁWhatIfǁframeworks__mutmut_": "11 44",
    "posture.plan.x_question_impact__mutmut_": "5",
    "posture.plan.x_question_likelihood__mutmut_": "5",
    "posture.plan.x_build_plan__mutmut_": "2 3 4 5 21 79 115 159",
    "posture.plan.x__gain__mutmut_": "22 24",
    "posture.compare.x_compare__mutmut_": "3 85 86 90 93 94 99",
    "posture.compare.x_compare_evaluations__mutmut_": "1 2 5 6 13 14",
    "posture.assessment._crypto.x_decrypt__mutmut_": "33 34",
    "posture.assessment._workspace.x_slugify__mutmut_": "15 19 32 34",
    "posture.assessment._model.xǁAnswerǁfrom_dict__mutmut_": "70 72",
    "posture.assessment._file.x_decrypt_assessment__mutmut_": "38",
    "posture.assessment._file.x_write_locked__mutmut_": "2",
    "posture.assessment._file.x_dump_assessment__mutmut_": "5 8 17",
    "posture.assessment._file.x__load__mutmut_": "48",
    "posture.listing.x_summaries__mutmut_": "31 32 33 46 49 67 68 69",
    # POSIX: os.sep is "/", so the "/" test and the os.sep test are the same (the os.sep one is for Windows)
    "posture.assessment._workspace.xǁWorkspaceǁlocate__mutmut_": "29 30",
    "posture.assessment._file.x__read_doc__mutmut_": "32",
    "posture.assessment._file.x__check__mutmut_": "57 58 59 60",
    "posture.assessment._file.x_is_encrypted_file__mutmut_": "8",
    "posture.assessment._atomic.x_partial_copies__mutmut_": "2",
    "posture.outputs.x__writable__mutmut_": "3 5 6",
    # a string's characters are strings: iterating "Acme\u202e" finds the same first control as iterating ["Acme\u202e"]
    "posture.assessment._workspace.x__check_names__mutmut_": "3",
    "posture.assessment._file.x_load_with_checklist__mutmut_": "17 19 22",
    "posture.assessment._file.x__offer_backup__mutmut_": "9 11 12 13 14 15",
    "posture.assessment._file.x_check_values__mutmut_": "3 5",
    "posture.safe_yaml.x__yaml_error__mutmut_": "1 5 7 8 56 58",
    "posture.content._cache.x__installation__mutmut_": "6 7",
    "posture.content._cache.x__key__mutmut_": "4 6 18",
    "posture.content._cache.x_write_cache__mutmut_": "22 25 26 34 36 37 39",
    "posture.content._cache.x_read_cache__mutmut_": "9",
    "posture.content._library.xǁLibraryǁload__mutmut_": "70",
    "posture.safe_yaml.x__fail__mutmut_": "1 2",
    "posture.content._law.x_articles_for__mutmut_": "10",
    "posture.content._library.xǁLibraryǁfrom_data__mutmut_": "7 8",
    "posture.content._schema.x__short__mutmut_": "6",
    "posture.safe_yaml.x_load_yaml__mutmut_": "42",
    "posture.safe_yaml.x_loads_yaml__mutmut_": "6 45 49 60 165 168",
    # renumbered on da59ce1's code (the aliases parameter: +2): the unread loader text is 10 (was 8)
    "posture.safe_yaml.xǁ_Builderǁ__init____mutmut_": "1 10",
    "posture.content._schema.x__to_problem__mutmut_": "18 21 68 76 78 142 143 144",
    "posture.content._law.xǁArticleǁexcerpt__mutmut_": "35 39",
    "posture.content._library.xǁLibraryǁ_check_legal_ref__mutmut_": "82",
    "posture.content._build.x__report_section__mutmut_": "2",
    "posture.content._schema.x_validate_doc__mutmut_": "18 20",
    "posture.probes._import.x__cipher_hits__mutmut_": "30 32 36",
    "posture.probes._import.x__cert_hits__mutmut_": "12 22 114",
    "posture.probes._import.x_port_hits__mutmut_": "8 9 23",
    "posture.probes._import.x__incomplete_hits__mutmut_": "20 54",
    "posture.probes._import.x__role__mutmut_": "4 19 52 54",
    "posture.probes._import.x_import_nmap__mutmut_": "12 13 36 97 100 159 160 162 201 202 210 211 215 216 261",
    "posture.probes._import.x__hit__mutmut_": "14 18 19",
    "posture.probes._import.x__web_hits__mutmut_": "18 63 67",
    "posture.probes._import.x__title_hits__mutmut_": "10",
    "posture.probes._nmap_xml.x_parse_nmap_xml__mutmut_": "1 2 4",
    "posture.probes._nmap_xml.xǁ_Readerǁ_damaged__mutmut_": "1",
    "posture.probes._nmap_xml.xǁ_Readerǁ_port__mutmut_": "1 2 67 69 72 77 78 83 84 85 86 87 88 89 140 142 187",
    "posture.probes._nmap_xml.xǁ_Readerǁ_clean__mutmut_": "11",
    "posture.probes._nmap_xml.x_read_nmap_xml__mutmut_": "1 2 10 22",
    "posture.probes._nmap_xml.x__line_offset__mutmut_": "37 43",
    "posture.probes._nmap_xml.xǁ_Readerǁ_merge__mutmut_": "7 8",
    "posture.probes._nmap_xml.x__total__mutmut_": "12",
    "posture.probes._nmap_xml.x__int__mutmut_": "5",
    "posture.probes._nmap_xml.xǁ_Readerǁ__init____mutmut_": "1",
    "posture.probes._nmap_xml.x__fix_refs__mutmut_": "43 46",
    # _Decoder and _text_codec: numbers on the code of session 5 (m5s), where the UTF-16/32 branch left __init__
    "posture.probes._nmap_xml.xǁ_Decoderǁ__init____mutmut_": "6 12 18 24 32 40 51 52 53 60 76",
    "posture.probes._nmap_xml.xǁ_Decoderǁdecode__mutmut_": "9 13",
    "posture.probes._nmap_xml.x__text_codec__mutmut_": "4 5 10 13 14 15 16 21 29",
    # read: renumbered in the eighth pass by the mutation itself (original and mutated text, in order: tools note in
    # DEVELOPERS.md), after line_at's dead branch (old 16–25) went
    "posture.probes._nmap_xml.xǁ_Readerǁread__mutmut_": "2 5 6 8 9 10 26 29 30 31 36 38 43 44 51 52 65 95 121 145 "
                                                        "146 179 180 188 189 190 203 204 226 227 241 242 272 273 274 "
                                                        "297 299 300 310 311 332 369 371 376 378 388 395",
    "posture.probes._nmap_xml.xǁ_Readerǁ_finish__mutmut_": "120 122 261 262 264",
    "posture.probes._nmap_xml.xǁ_Readerǁ_host__mutmut_": "19 25 79 81 129",
    "posture.probes._nmap_xml.xǁ_Readerǁ_cut_host__mutmut_": "1 34 39 40 41 42 43 55 59 60 61 69 72 81",
}
EQUIVALENT: set[str] = {prefix + n for prefix, numbers in _EQ.items() for n in numbers.split()}
SKIPPED = 34  # mutmut's "skipped": left out by --sample, counted as not run
STATUS = {0: "survived", 1: "killed", 3: "killed", 33: "no tests", 34: "skipped", 35: "suspicious", 36: "timeout",
          37: "killed", 24: "timeout", 152: "timeout", -24: "timeout", -11: "segfault", -9: "killed"}


def _config(files: list[str], tests: list[str], timeout_multiplier: float | None = None) -> str:
    base = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]
    args = list(base.get("pytest_add_cli_args", []))
    for test in DESELECT:
        args += ["--deselect", test]
    lines = ["[tool.mutmut]",
             f"source_paths = {json.dumps(base['source_paths'])}",
             f"only_mutate = {json.dumps(files)}",
             f"do_not_mutate = {json.dumps(base.get('do_not_mutate', []))}",  # generated code (content/_fast)
             f"also_copy = {json.dumps([*base.get('also_copy', []), 'tools/'])}",
             f"pytest_add_cli_args = {json.dumps(args)}",
             f"pytest_add_cli_args_test_selection = {json.dumps(tests)}",
             "use_git_change_detection = false"]
    if timeout_multiplier is not None:  # mutmut's CPU-time cap: (the covering tests' time + 1 s) × this × 2
        lines.append(f"timeout_multiplier = {float(timeout_multiplier)}")
    return "\n".join(lines) + "\n"


def prepare(module: str, timeout_multiplier: float | None = None) -> Path:
    files, tests, _ = MODULES[module]
    work = WORK / module
    work.mkdir(parents=True, exist_ok=True)
    for name in COPY:
        src, dst = ROOT / name, work / name
        if not src.exists():
            continue
        if src.is_dir():
            shutil.copytree(src, dst, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(src, dst)
    # mutmut re-copies the package's .py files when they change but never a data file it copied once
    # (schemas/*.json, templates, …): refresh them, or a re-run after a pull tests new code against old data
    kept = work / "mutants" / "posture"
    if kept.is_dir():
        for src in (ROOT / "posture").rglob("*"):
            if src.is_file() and src.suffix not in (".py", ".pyc"):
                dst = kept / src.relative_to(ROOT / "posture")
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dst)
    # a file newly added to a module was copied there unmutated by an earlier run, with a newer mtime than its
    # source: mutmut would take it as already mutated (and find no mutants). No .meta = never mutated: drop it
    for pattern in files:
        for src in ROOT.glob(pattern):
            copied = work / "mutants" / src.relative_to(ROOT)
            if copied.is_file() and not copied.with_name(copied.name + ".meta").exists():
                copied.unlink()
    text = (work / "pyproject.toml").read_text(encoding="utf-8")
    head = text.split("[tool.mutmut]")[0]
    (work / "pyproject.toml").write_text(head + _config(files, tests, timeout_multiplier), encoding="utf-8")
    return work


def _forget_survivors(work: Path) -> set[str]:
    """Survivors, timeouts and untested mutants run again (tests may have been added); killed ones stay killed.
    Mutants left out of an earlier ``--sample`` run are back in the pool. Returns the names run again."""
    again_all: set[str] = set()
    for meta in (work / "mutants").rglob("*.meta"):
        data = json.loads(meta.read_text(encoding="utf-8"))
        codes = data["exit_code_by_key"]
        again = [k for k, v in codes.items() if v is not None and STATUS.get(v) in ("survived", "timeout", "no tests")]
        skipped = [k for k, v in codes.items() if v == SKIPPED]
        for k in again + skipped:
            codes[k] = None
        if again or skipped:
            meta.write_text(json.dumps(data), encoding="utf-8")
        again_all.update(again)
    # an interrupted run leaves its re-tests reset to "not run": remember them until a run completes
    pending = work / "rerun.json"
    if pending.exists():
        again_all.update(json.loads(pending.read_text(encoding="utf-8")))
    pending.write_text(json.dumps(sorted(again_all)), encoding="utf-8")
    return again_all


def _sample(work: Path, size: int, always: set[str], seed: int = 23) -> None:
    """Keep ``size`` of the mutants never run, drawn at random (fixed seed), and mark the others skipped so
    mutmut leaves them alone; ``always`` (the survivors being re-tested) run whatever the size. Needs the mutants
    generated (a first run, even an interrupted one); without them the whole module runs."""
    metas = {meta: json.loads(meta.read_text(encoding="utf-8")) for meta in (work / "mutants").rglob("*.meta")}
    pool = sorted(k for data in metas.values() for k, v in data["exit_code_by_key"].items()
                  if v is None and k not in always)
    keep = set(random.Random(seed).sample(pool, min(size, len(pool)))) | always
    for meta, data in metas.items():
        codes = data["exit_code_by_key"]
        for k, v in codes.items():
            if v is None and k not in keep:
                codes[k] = SKIPPED
        meta.write_text(json.dumps(data), encoding="utf-8")


def _generate(work: Path, env: dict) -> None:
    """Create the mutants (and collect which tests cover what) without testing any: a run filtered to a name no
    mutant has, which mutmut refuses ("nothing matches") once the mutants exist. ``--sample`` needs them."""
    subprocess.run(["nice", "-n", "15", str(MUTMUT), "run", "--max-children", "1", "posture.none.x_none__mutmut_0"],
                   cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_fingerprint(tests: list[str], root: Path = ROOT) -> dict:
    """What the results of a run were obtained with: for each test file of the selection (and each conftest.py
    above or inside it), a hash of each test function (``test_*``, methods of ``Test*`` classes) and one of the
    rest of the file (fixtures, helpers, constants). Imports are left out: a name imported in addition changes
    no test, and one no longer imported that a test uses fails mutmut's first, unmutated run, which stops it.
    ``{file: {"tests": {name: sha}, "other": sha}}``."""
    files: set[Path] = set()
    for entry in tests:
        path = root / entry
        files.update(path.rglob("*.py") if path.is_dir() else [path])
        for parent in (path if path.is_dir() else path.parent, *path.parents):
            if parent == root.parent:
                break
            if (parent / "conftest.py").is_file():
                files.add(parent / "conftest.py")
    out: dict = {}
    for file in sorted(f for f in files if f.is_file()):
        tree = ast.parse(file.read_text(encoding="utf-8"))
        found: dict[str, str] = {}
        rest: dict[str, str] = {}  # a fixture, helper or constant by its name (a bare statement by its hash)
        for node in tree.body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test"):
                found[node.name] = hashlib.sha256(ast.dump(node).encode()).hexdigest()
            elif isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
                for item in node.body:
                    name = f"{node.name}::{getattr(item, 'name', '?')}"
                    found[name] = hashlib.sha256(ast.dump(item).encode()).hexdigest()
            elif not isinstance(node, ast.Import | ast.ImportFrom):
                digest = hashlib.sha256(ast.dump(node).encode()).hexdigest()
                rest[_top_name(node) or f"statement {digest[:12]}"] = digest
        out[str(file.relative_to(root))] = {"tests": found, "other": rest}
    return out


def _top_name(node: ast.stmt) -> str | None:
    """The name a top-level statement defines (a function, class or assigned name), else None."""
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return node.name
    if isinstance(node, ast.Assign | ast.AnnAssign):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        names = [t.id for t in targets if isinstance(t, ast.Name)]
        return ",".join(names) or None
    return None


def stale_reasons(old: dict | None, new: dict, covering: set[str] | None = None) -> list[str]:
    """Why results obtained with the tests ``old`` may not hold with ``new``: a test removed or changed, a file's
    fixtures, helpers or constants changed or removed, or no record (results of a run before fingerprints were kept).
    Tests, helpers and imports ADDED do not make results stale: a mutant the old tests killed is still killed by
    them. ``covering``: the test ids (mutmut's ``file::name[param]``) that called the module's functions when the
    results were obtained; a change to a test outside it, or to a file none of it is in, cannot have changed a
    result."""
    if old is None:
        return ["no record of the tests these results were obtained with"]

    def matters(file: str, name: str | None = None) -> bool:
        if covering is None:
            return True
        head = f"{file}::{name}" if name else f"{file}::"
        return any(t == head or t.startswith(head if not name else (head + "[", head + "::")) for t in covering)

    reasons = []
    for file, was in sorted(old.items()):
        now = new.get(file)
        if now is None:
            if matters(file):
                reasons.append(f"{file} removed")
            continue
        gone = [k for k, digest in was["other"].items() if now["other"].get(k) != digest]  # added ones do not count
        if gone and matters(file):
            reasons.append(f"{file}: fixtures or helpers changed ({', '.join(sorted(gone)[:3])})")
        for name, digest in sorted(was["tests"].items()):
            if now["tests"].get(name) != digest and matters(file, name):
                reasons.append(f"{file}::{name} {'changed' if name in now['tests'] else 'removed'}")
    return reasons


def covering_tests(module: str, work: Path | None = None) -> set[str] | None:
    """The tests that called ``module``'s functions in the work folder's last traced run (mutmut-stats.json), or
    None when there is no such record."""
    stats = (work or WORK / module) / "mutants" / "mutmut-stats.json"
    if not stats.exists():
        return None
    prefixes = tuple(pattern.removesuffix(".py").removesuffix("*").replace("/", ".")
                     for pattern in MODULES[module][0])
    by_function = json.loads(stats.read_text(encoding="utf-8")).get("tests_by_mangled_function_name", {})
    return {t for name, tests in by_function.items() if name.startswith(prefixes) for t in tests}


def write_record(module: str, work: Path, fingerprint: dict) -> None:
    """``tests.json``: the fingerprint of the tests the results were obtained with, and which of them covered the
    module's functions (:func:`covering_tests`)."""
    covering = covering_tests(module, work)
    (work / "tests.json").write_text(json.dumps({"tests": fingerprint,
                                                 "covering": None if covering is None else sorted(covering)}),
                                     encoding="utf-8")


def read_record(work: Path) -> tuple[dict | None, set[str] | None]:
    record = work / "tests.json"
    if not record.exists():
        return None, None
    data = json.loads(record.read_text(encoding="utf-8"))
    if "tests" not in data or any(not isinstance(f.get("other"), dict) for f in data["tests"].values()):
        return None, None  # an earlier format (one hash for all of a file's other code): unusable
    return data["tests"], None if data.get("covering") is None else set(data["covering"])


def _has_results(work: Path) -> bool:
    for meta in (work / "mutants").rglob("*.meta"):
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        if any(v not in (None, SKIPPED) for v in codes.values()):
            return True
    return False


def run(module: str, *, quiet: bool = True, sample: int | None = None, names: list[str] | None = None,
        timeout_multiplier: float | None = None) -> int:
    work = prepare(module, timeout_multiplier)
    env = {**os.environ, "HYPOTHESIS_PROFILE": "mutation", "PYTHONDONTWRITEBYTECODE": "1"}
    now = test_fingerprint(MODULES[module][1])
    before, covering = read_record(work)
    was_stale = _has_results(work) and bool(stale_reasons(before, now, covering))
    if names:  # only these (mutmut re-runs a named mutant whatever its last result); the tests' calls collected again
        (work / "mutants" / "mutmut-stats.json").unlink(missing_ok=True)
        code = _mutmut(module, work, env, quiet, names)
    else:
        fresh = sample is not None and not any((work / "mutants").rglob("*.meta"))
        if fresh:  # a first run: without its mutants a sample could not be drawn and the whole module would run
            _generate(work, env)
        again = _forget_survivors(work)
        if sample is not None:
            _sample(work, sample, again)
        stats = work / "mutants" / "mutmut-stats.json"
        if stats.exists() and not fresh:
            stats.unlink()  # the tests changed: which test covers which function is collected again
        code = _mutmut(module, work, env, quiet)
        if code == 0:
            (work / "rerun.json").unlink(missing_ok=True)
    stopped = work / "stopped"
    if code:
        stopped.write_text(str(code), encoding="utf-8")
    else:
        stopped.unlink(missing_ok=True)
        if not was_stale:  # results and tests agree: the current tests are the new reference
            write_record(module, work, now)
    return code


def _mutmut(module: str, work: Path, env: dict, quiet: bool, names: list[str] | None = None) -> int:
    cmd = ["nice", "-n", "15", str(MUTMUT), "run", "--max-children", "1", *(names or [])]
    done = subprocess.run(cmd, cwd=work, env=env, stdout=subprocess.PIPE if quiet else None,
                          stderr=subprocess.STDOUT if quiet else None, text=True, errors="replace")
    if done.returncode and quiet:  # mutmut says why on stdout (e.g. a test failing on the unmutated code)
        tail = (done.stdout or "").replace("\r", "\n")[-3000:]
        sys.stderr.write(f"{module}: mutmut stopped (exit {done.returncode}):\n{tail}\n")
    return done.returncode


def results(module: str) -> dict:
    """The last results of ``module``'s work folder, and whether they can be trusted: ``stale`` (why the tests
    changed since, :func:`stale_reasons`), ``stopped`` (mutmut's exit code when the last run failed). The keys
    of every status are present (0 when none). ``met``: at the target, complete (nothing "not run"), fresh and
    not stopped."""
    files, tests, target = MODULES[module]
    work = WORK / module
    codes: dict[str, int | None] = {}
    mutants = work / "mutants"
    for meta in mutants.rglob("*.meta"):
        source = meta.relative_to(mutants).with_suffix("")  # posture/content/_build.py
        if not any(source.match(pattern) for pattern in files):  # a file an older split of the modules mutated
            continue
        codes.update(json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"])
    status = Counter({k: 0 for k in ("killed", "survived", "equivalent", "no tests", "timeout", "not run")})
    survivors: dict[str, list[str]] = {"survived": [], "no tests": [], "timeout": []}
    for name, code in sorted(codes.items()):
        s = "not run" if code is None or code == SKIPPED else STATUS.get(code, "killed" if code else "survived")
        if s == "survived" and name in EQUIVALENT:
            s = "equivalent"
        status[s] += 1
        if s in survivors:
            survivors[s].append(name)
    counted = sum(status.values()) - status["equivalent"] - status["not run"]
    score = 100.0 * status["killed"] / counted if counted else None
    ran = sum(status.values()) - status["not run"]
    raw = 100.0 * status["killed"] / ran if ran else None
    stale = []
    if codes and ran:
        before, covering = read_record(work)
        stale = stale_reasons(before, test_fingerprint(tests), covering)
    stopped = (work / "stopped").read_text(encoding="utf-8") if (work / "stopped").exists() else None
    met = (score is not None and score >= target and not status["not run"] and not stale and stopped is None)
    return {"module": module, "files": files, "mutants": len(codes), "score": score, "raw_score": raw, "target": target,
            **{k.replace(" ", "_"): v for k, v in status.items()}, "survivors": survivors["survived"],
            "no_tests_names": survivors["no tests"], "timeout_names": survivors["timeout"], "stale": stale,
            "stopped": stopped, "met": met}


def _line(r: dict) -> str:
    score = "—" if r["score"] is None else f"{r['score']:.1f} %"
    if not r["mutants"]:
        mark = " (never run here)"
    elif r["stopped"] is not None:
        mark = f" ✗ mutmut stopped (exit {r['stopped']}): the figures are an earlier run's"
    elif r["stale"]:
        more = f" and {len(r['stale']) - 1} more" if len(r["stale"]) > 1 else ""
        mark = f" ? the tests changed since these results ({r['stale'][0]}{more}): run with --fresh to trust them"
    elif r["not_run"]:
        mark = f" ~ an estimate: {r['not_run']} not run"
    else:
        mark = " ✓" if r["met"] else " ✗"
    raw = "—" if r["raw_score"] is None else f"{r['raw_score']:.1f} %"
    return (f"{r['module']:<12} {r['mutants']:>5} mutants  {r['killed']:>5} killed  {r['survived']:>4} survived  "
            f"{r['equivalent']:>3} equivalent  {r['no_tests']:>4} no tests  {r['timeout']:>3} timeouts  "
            f"{r['not_run']:>4} not run   score {score} (target ≥ {r['target']} %){mark}; counting equivalents as "
            f"survivors {raw}")


def _positive(kind):
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be more than 0: {text!r}")
        return value
    return parse


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="bench/mutation.py", description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter,
                                epilog="Exit status: 0 when every module named is at its target on complete, current "
                                       "results; 1 when one is not (below target, not run, tests changed since, "
                                       "mutmut stopped); 2 for a usage error; 130 when interrupted.")
    p.add_argument("modules", nargs="*", metavar="MODULE", help=f"one of: {', '.join(MODULES)} (default: all)")
    how = p.add_mutually_exclusive_group()
    how.add_argument("--sample", type=_positive(int), metavar="N", help="run N of the mutants not yet run (seed 23)")
    how.add_argument("--mutants", metavar="NAME,...", help="run only these mutants (mutmut's names, * allowed)")
    how.add_argument("--list", action="store_true", help="run nothing: the last results")
    p.add_argument("--fresh", action="store_true", help="delete the module's work folder first")
    p.add_argument("--survivors", action="store_true", help="name the surviving, untested and timed-out mutants")
    p.add_argument("--json", action="store_true", help="the results as JSON on standard output")
    p.add_argument("--timeout-multiplier", type=_positive(float), metavar="X",
                   help="mutmut's timeout_multiplier (default 15); lower (3) only where mutants are known to loop "
                        "(the scan import's reader): a slow mutant may then count as a timeout")
    return p


def main(argv: list[str]) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.mutants is not None and not [n for n in args.mutants.split(",") if n.strip()]:
        parser.error("--mutants needs at least one mutant name (an empty one would run every mutant)")
    if args.list and (args.fresh or args.timeout_multiplier is not None):
        parser.error("--list runs nothing: --fresh and --timeout-multiplier do not go with it")
    args.modules = list(dict.fromkeys(args.modules))  # a module named twice is run and listed once
    unknown = [m for m in args.modules if m not in MODULES]
    if unknown:
        print(f"unknown module(s): {', '.join(unknown)}; known: {', '.join(MODULES)}", file=sys.stderr)
        return 2
    if not MUTMUT.exists():
        print(f"mutmut not found at {MUTMUT}: `bash setup.sh test` installs it (the test extra)", file=sys.stderr)
        return 1
    names = [n.strip() for n in (args.mutants or "").split(",") if n.strip()]
    out = []
    try:
        for module in args.modules or list(MODULES):
            if args.fresh and not args.list:  # an earlier run's results are not kept (nor trusted)
                shutil.rmtree(WORK / module, ignore_errors=True)
            if not args.list:
                run(module, sample=args.sample, names=names, timeout_multiplier=args.timeout_multiplier)
            r = results(module)
            out.append(r)
            if args.json:
                continue
            print(_line(r), flush=True)
            if args.survivors:
                for label, key in (("", "survivors"), ("no tests: ", "no_tests_names"), ("timeout: ", "timeout_names")):
                    for name in r[key]:
                        print(f"    {label}{name}")
    except KeyboardInterrupt:
        print("interrupted: a later run goes on from where this one stopped", file=sys.stderr)
        return 130
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
    print(f"(work folders under {WORK}; `cd {WORK}/<module> && {MUTMUT} show NAME` shows a mutant)", file=sys.stderr)
    return 0 if out and all(r["met"] for r in out) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
