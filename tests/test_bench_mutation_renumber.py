"""bench/mutation_renumber.py finds a listed mutant again by what it is after the code around it changed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from mutation_renumber import main, mutations_by_function, renumber

OLD = '''
def f(p, mark, buf):
    if p < mark:
        return buf.count("\\n", 0, p)
    return buf.count("\\n", 0, p) + 1
'''
NEW = '''
def f(p, mark, buf):
    return buf.count("\\n", 0, p) + 1
'''


def test_a_mutant_keeps_its_identity_when_code_before_it_goes():
    old = mutations_by_function(OLD, "pkg/m.py")["pkg.m.x_f__mutmut_"]
    new = mutations_by_function(NEW, "pkg/m.py")["pkg.m.x_f__mutmut_"]
    # the second `buf.count("\n", 0, p)` of the old code is the only one of the new: the same text twice, told apart
    first_zero = [i + 1 for i, (o, m) in enumerate(old) if (o, m) == ("0", "1")]
    assert len(first_zero) == 2
    found, lost = renumber(old, new, first_zero)
    assert lost == [first_zero[0]]  # the removed branch's mutant is gone
    assert [new[n - 1] for n in found] == [("0", "1")] and found == [next(i + 1 for i, x in enumerate(new)
                                                                       if x == ("0", "1"))]
    assert len(new) < len(old)


@pytest.mark.parametrize(("argv", "said"), [
    ([], "usage: bench/mutation_renumber.py OLD_COMMIT"),
    (["--foo"], "usage: bench/mutation_renumber.py OLD_COMMIT"),
    (["nosuchcommit"], "nosuchcommit:bench/mutation.py: fatal:"),
    (["HEAD", "posture/nope.py"], "posture/nope.py: no such file in the checkout"),
    (["HEAD", "/etc/hostname"], "/etc/hostname: not a file of the checkout"),
])
def test_a_bad_command_line_is_one_line_and_exit_2(argv, said, capsys):
    """No traceback: a commit git does not know, a file that is not the checkout's (newcomer)."""
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_a_file_is_found_however_it_is_written_and_no_change_is_said(capsys, monkeypatch):
    root = Path(__file__).resolve().parents[1]
    monkeypatch.chdir(root)
    assert main(["HEAD", "./posture/plan.py"]) == 0
    assert capsys.readouterr().err.strip() == "every listed mutant of these files keeps its number since HEAD"
    monkeypatch.chdir(root / "posture")
    assert main(["HEAD", "plan.py"]) == 0  # from a sub-folder, and mutmut still finds its configuration
    assert "keeps its number" in capsys.readouterr().err
