"""bench/mutation.py tells the truth about its results (a newcomer saw «score 100.0 % ✓» on a module whose tests
were deleted, exit 0 always, and --help start a run of every module). These run no mutant: they check the
fingerprint of the tests a result was obtained with, the marks of the printed line, the exit status and the
command line, on work folders written here."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import mutation


def _tests(root: Path, body: str) -> None:
    (root / "tests").mkdir(exist_ok=True)
    (root / "tests" / "test_x.py").write_text(body, encoding="utf-8")


def test_added_tests_keep_results_changed_or_removed_ones_do_not(tmp_path):
    _tests(tmp_path, "import os\n\ndef test_a():\n    assert 1\n\ndef test_b():\n    assert 2\n")
    before = mutation.test_fingerprint(["tests/test_x.py"], tmp_path)
    assert set(before["tests/test_x.py"]["tests"]) == {"test_a", "test_b"}
    _tests(tmp_path, "import os\n\ndef test_a():\n    assert 1\n\ndef test_b():\n    assert 2\n\ndef test_c():\n"
                     "    assert 3\n")
    assert mutation.stale_reasons(before, mutation.test_fingerprint(["tests/test_x.py"], tmp_path)) == []
    _tests(tmp_path, "import os\n\ndef test_a():\n    assert 1\n\ndef test_b():\n    assert 20\n")
    assert mutation.stale_reasons(before, mutation.test_fingerprint(["tests"], tmp_path)) == \
        ["tests/test_x.py::test_b changed"]
    _tests(tmp_path, "import os\n\ndef test_a():\n    assert 1\n")
    assert mutation.stale_reasons(before, mutation.test_fingerprint(["tests"], tmp_path)) == \
        ["tests/test_x.py::test_b removed"]
    _tests(tmp_path, "import os\nX = 1\n\ndef test_a():\n    assert 1\n\ndef test_b():\n    assert 2\n")
    assert mutation.stale_reasons(before, mutation.test_fingerprint(["tests"], tmp_path)) == []  # a helper added
    _tests(tmp_path, "import os\nX = 1\n\ndef test_a():\n    assert 1\n\ndef test_b():\n    assert 2\n")
    grown = mutation.test_fingerprint(["tests"], tmp_path)
    _tests(tmp_path, "import os\nX = 2\n\ndef test_a():\n    assert 1\n\ndef test_b():\n    assert 2\n")
    assert mutation.stale_reasons(grown, mutation.test_fingerprint(["tests"], tmp_path)) == \
        ["tests/test_x.py: fixtures or helpers changed (X)"]
    _tests(tmp_path, "import os\nimport sys\n\ndef test_a():\n    assert 1\n\ndef test_b():\n    assert 2\n")
    assert mutation.stale_reasons(before, mutation.test_fingerprint(["tests"], tmp_path)) == []  # an import added
    assert mutation.stale_reasons(before, {}) == ["tests/test_x.py removed"]
    assert mutation.stale_reasons(None, before) == ["no record of the tests these results were obtained with"]


def test_a_conftest_above_the_selection_is_part_of_it(tmp_path):
    _tests(tmp_path, "def test_a():\n    assert 1\n")
    (tmp_path / "tests" / "conftest.py").write_text("import pytest\n", encoding="utf-8")
    assert set(mutation.test_fingerprint(["tests/test_x.py"], tmp_path)) == {"tests/test_x.py", "tests/conftest.py"}


@pytest.fixture
def work(tmp_path, monkeypatch):
    """A compare work folder as a finished run leaves it: 4 mutants, one equivalent, the tests' record current."""
    monkeypatch.setattr(mutation, "WORK", tmp_path)
    folder = tmp_path / "compare"
    meta = folder / "mutants" / "posture" / "compare.py.meta"
    meta.parent.mkdir(parents=True)
    eq = next(n for n in mutation.EQUIVALENT if n.startswith("posture.compare.x_compare__"))
    codes = {"posture.compare.x_a__mutmut_1": 1, "posture.compare.x_a__mutmut_2": 1, "posture.compare.x_a__mutmut_3": 1,
             eq: 0}
    meta.write_text(json.dumps({"exit_code_by_key": codes}), encoding="utf-8")
    (folder / "tests.json").write_text(json.dumps({"tests": mutation.test_fingerprint(mutation.MODULES["compare"][1]),
                                                   "covering": None}), encoding="utf-8")
    return meta


def _set(meta: Path, name: str, code) -> None:
    data = json.loads(meta.read_text(encoding="utf-8"))
    data["exit_code_by_key"][name] = code
    meta.write_text(json.dumps(data), encoding="utf-8")


def test_only_complete_current_results_at_target_are_a_tick(work, capsys):
    r = mutation.results("compare")
    assert (r["killed"], r["equivalent"], r["survived"], r["not_run"], r["score"], r["met"]) == (3, 1, 0, 0, 100.0,
                                                                                                 True)
    assert mutation._line(r).split("(target ≥ 80 %)")[1].startswith(" ✓;")
    assert mutation.main(["compare", "--list"]) == 0
    _set(work, "posture.compare.x_a__mutmut_4", None)  # one mutant never ran: an estimate, not a tick
    r = mutation.results("compare")
    assert not r["met"] and " ~ an estimate: 1 not run;" in mutation._line(r)
    assert mutation.main(["compare", "--list"]) == 1
    _set(work, "posture.compare.x_a__mutmut_4", 0)  # a survivor: below target, named by --survivors
    r = mutation.results("compare")
    assert r["score"] == 75.0 and not r["met"] and mutation._line(r).split("(target ≥ 80 %)")[1].startswith(" ✗;")
    capsys.readouterr()
    assert mutation.main(["compare", "--list", "--survivors"]) == 1
    assert "    posture.compare.x_a__mutmut_4" in capsys.readouterr().out
    _set(work, "posture.compare.x_a__mutmut_4", 36)  # a timeout is named, labelled (and not counted as killed)
    assert mutation.main(["compare", "--list", "--survivors"]) == 1
    assert "    timeout: posture.compare.x_a__mutmut_4" in capsys.readouterr().out


def test_results_from_other_tests_or_a_stopped_run_are_never_a_tick(work):
    folder = work.parents[2]
    record = json.loads((folder / "tests.json").read_text(encoding="utf-8"))
    file = next(iter(record["tests"]))
    record["tests"][file]["tests"]["test_that_was_deleted"] = "0" * 64
    (folder / "tests.json").write_text(json.dumps(record), encoding="utf-8")
    r = mutation.results("compare")
    assert r["stale"] == [f"{file}::test_that_was_deleted removed"] and not r["met"]
    assert "? the tests changed since these results" in mutation._line(r) and "--fresh" in mutation._line(r)
    (folder / "tests.json").write_text(json.dumps(record["tests"]), encoding="utf-8")  # the first format
    assert mutation.results("compare")["stale"] == ["no record of the tests these results were obtained with"]
    (folder / "tests.json").unlink()
    assert mutation.results("compare")["stale"] == ["no record of the tests these results were obtained with"]
    (folder / "tests.json").write_text(json.dumps({"tests": mutation.test_fingerprint(mutation.MODULES["compare"][1]),
                                                   "covering": None}), encoding="utf-8")
    (folder / "stopped").write_text("1", encoding="utf-8")
    r = mutation.results("compare")
    assert not r["met"] and "✗ mutmut stopped (exit 1): the figures are an earlier run's" in mutation._line(r)
    assert mutation.main(["compare", "--list"]) == 1


def test_json_is_json_with_every_count(work, capsys):
    capsys.readouterr()
    assert mutation.main(["compare", "--list", "--json"]) == 0
    (r,) = json.loads(capsys.readouterr().out)
    assert {k: r[k] for k in ("killed", "survived", "equivalent", "no_tests", "timeout", "not_run")} == \
        {"killed": 3, "survived": 0, "equivalent": 1, "no_tests": 0, "timeout": 0, "not_run": 0}


@pytest.mark.parametrize(("argv", "said"), [  # argparse's own words may be translated (posture's CLI, once imported)
    (["--bogus"], ": --bogus"),
    (["--sample=-1", "crypto"], "--sample: must be more than 0: '-1'"),
    (["--sample=abc", "crypto"], "--sample: not a number: 'abc'"),
    (["--timeout-multiplier=x", "crypto"], "--timeout-multiplier: not a number: 'x'"),
    (["--sample=3", "--list"], "--list"),
    (["--mutants=", "scoring"], "--mutants needs at least one mutant name"),  # it ran every mutant (newcomer)
    (["--mutants= , ", "scoring"], "--mutants needs at least one mutant name"),
    (["--list", "--fresh"], "--list runs nothing"),
    (["--list", "--timeout-multiplier=3"], "--list runs nothing"),
])
def test_a_bad_command_line_is_a_usage_error_before_anything_runs(argv, said, capsys, monkeypatch):
    monkeypatch.setattr(mutation, "run", lambda *a, **k: pytest.fail("nothing may run"))
    with pytest.raises(SystemExit) as info:
        mutation.main(argv)
    assert info.value.code == 2 and said in capsys.readouterr().err


def test_help_runs_nothing(capsys, monkeypatch):
    monkeypatch.setattr(mutation, "run", lambda *a, **k: pytest.fail("nothing may run"))
    with pytest.raises(SystemExit) as info:
        mutation.main(["--help"])
    assert info.value.code == 0 and "Exit status: 0 when every module named is at its target" in capsys.readouterr().out
    assert mutation.main(["nope"]) == 2


def test_a_changed_test_that_never_called_the_module_does_not_matter(tmp_path):
    """With the tests that called the module's functions on record (mutmut's trace), a change elsewhere in the
    selection — another module's test in a shared folder — leaves the results standing."""
    _tests(tmp_path, "def test_a():\n    assert 1\n\ndef test_b():\n    assert 2\n")
    before = mutation.test_fingerprint(["tests"], tmp_path)
    _tests(tmp_path, "def test_a():\n    assert 10\n\ndef test_b():\n    assert 2\n")
    now = mutation.test_fingerprint(["tests"], tmp_path)
    assert mutation.stale_reasons(before, now, {"tests/test_x.py::test_b"}) == []  # test_a never called it
    assert mutation.stale_reasons(before, now, {"tests/test_x.py::test_a[1-2]"}) == ["tests/test_x.py::test_a changed"]
    assert mutation.stale_reasons(before, now, {"tests/other.py::test_a"}) == []
    assert mutation.stale_reasons(before, now) == ["tests/test_x.py::test_a changed"]
    _tests(tmp_path, "X = 1\n\ndef test_a():\n    assert 1\n\ndef test_b():\n    assert 2\n")
    with_x = mutation.test_fingerprint(["tests"], tmp_path)
    _tests(tmp_path, "X = 3\n\ndef test_a():\n    assert 1\n\ndef test_b():\n    assert 2\n")
    now = mutation.test_fingerprint(["tests"], tmp_path)  # a helper of the file test_b is in: it matters
    assert mutation.stale_reasons(with_x, now, {"tests/test_x.py::test_b"}) == [
        "tests/test_x.py: fixtures or helpers changed (X)"]
