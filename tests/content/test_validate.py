"""`posture validate`: bundled content passes; every broken input gets one located line and exit 1."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from posture.cli import main
from posture.content import bundled_library

DATA = Path(__file__).parent.parent / "data" / "content"
BROKEN = DATA / "broken"
VALID = DATA / "valid"
MINI_CATALOG = VALID / "ley1581-mini.yaml"

# file → (line, col, path, message fragment); None where the location is the whole file.
CASES = {
    "empty.yaml": (None, None, "", "the file is empty"),
    "bad_syntax.yaml": (3, 8, "", "invalid YAML"),
    "duplicate_key.yaml": (4, 1, "", "duplicate key 'id' (first defined on line 3)"),
    "non_utf8.yaml": (2, 9, "", "is not UTF-8 (byte 0xe9)"),
    "top_level_list.yaml": (1, 1, "", "the top level must be a mapping"),
    "alias_bomb.yaml": (7, 4, "", "alias bomb"),
    "deep_nesting.yaml": (2, 67, "", "nesting deeper than 64 levels"),
    "wrong_type.yaml": (25, 17, "sections[0].questions[0].weight", "'heavy' is text; expected an integer"),
    "unknown_control.yaml": (28, 27, "sections[0].questions[0].maps_to.iso27001-2022[0]",
                             "'5.99' is not a control of iso27001-2022"),
    "missing_translation.yaml": (20, 19, "sections[0].questions[0].guidance", "missing translation 'en'"),
    "unquoted_id.yaml": (28, 27, "sections[0].questions[0].maps_to.iso27001-2022[0]",
                         "unquoted '5.10' was read as the number 5.1"),
    "unknown_catalog.yaml": (7, 46, "catalogs[2]", "catalog 'gdpr-2016' does not exist"),
    "duplicate_question.yaml": (32, 13, "sections[0].questions[1].id", "duplicate id 'SEC-01'"),
}


def run_validate(capsys, *args: str) -> tuple[int, list[str], str]:
    code = main(["--lang", "en", "validate", *args])
    captured = capsys.readouterr()
    return code, [line for line in captured.out.splitlines() if line], captured.err


def test_bundled_content_is_valid(capsys):
    code, out, err = run_validate(capsys)
    assert code == 0, out
    lib = bundled_library()
    assert (len(lib.catalogs), len(lib.checklists)) == (3, 3)  # ISO 27001, PCI DSS, LFPDPPP; three interviews
    assert out[0] == (f"valid: 3 catalogs, 3 checklists, {len(lib.probe_checks)} probe checks "
                      f"({len(lib.files)} files)")
    assert "problem" not in err


def test_valid_fixtures_including_a_fourth_framework(capsys):
    code, out, _ = run_validate(capsys, str(VALID))
    assert code == 0, out
    assert "1 catalog, 1 checklist," in out[0]


def test_corpus_has_a_case_per_file():
    assert sorted(CASES) == sorted(p.name for p in BROKEN.glob("*.yaml"))


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_input_gets_one_located_line(capsys, name):
    line, col, path, fragment = CASES[name]
    code, out, err = run_validate(capsys, str(MINI_CATALOG), str(BROKEN / name))
    assert code == 1
    assert len(out) == 1, out
    expected = f"tests/data/content/broken/{name}"
    if line is not None:
        expected += f":{line}:{col}"
    expected += ": "
    if path:
        expected += path + ": "
    assert out[0].startswith(expected), out[0]
    assert fragment in out[0]
    assert "1 problem" in err.splitlines()


def test_messages_are_spanish_with_lang_es(capsys):
    code = main(["--lang", "es", "validate", str(MINI_CATALOG), str(BROKEN / "unknown_control.yaml")])
    out = capsys.readouterr().out
    assert code == 1
    assert "'5.99' no es un control de iso27001-2022" in out


def test_json_output(capsys):
    code = main(["validate", "--json", str(MINI_CATALOG), str(BROKEN / "wrong_type.yaml")])
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    assert report["valid"] is False
    (problem,) = report["problems"]
    assert (problem["line"], problem["col"], problem["path"]) == (25, 17, "sections[0].questions[0].weight")


def test_oversized_file_is_refused(capsys, tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"kind: checklist\n" + b"# padding\n" * 900_000)
    code, out, _ = run_validate(capsys, str(big))
    assert code == 1
    assert "the maximum is" in out[0]


def test_unknown_kind(capsys, tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text("kind: recipe\nid: x\n")
    code, out, _ = run_validate(capsys, str(other))
    assert code == 1
    assert out[0].endswith("kind: unknown content type: 'kind' must be one of catalog, checklist, probe-checks")


def test_folder_is_searched(capsys, tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.yaml").write_text("kind: catalog\n")
    code, out, _ = run_validate(capsys, str(tmp_path))
    assert code == 1
    assert "sub/a.yaml:1:1: missing required field 'schema_version'" in out[0]


def _run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "posture", "--lang", "en", *args], capture_output=True,
                          text=True, timeout=60)


@pytest.mark.parametrize("name", ["alias_bomb.yaml", "deep_nesting.yaml", "non_utf8.yaml", "bad_syntax.yaml"])
def test_no_traceback_from_the_real_command(name):
    proc = _run_cli("validate", str(BROKEN / name))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    assert len(proc.stdout.splitlines()) == 1


# VmHWM is the peak of this process's own address space; ru_maxrss would also count the pytest
# parent's pages when the child was forked from it (Linux keeps that figure across execve).
_PEAK_RSS = """
import sys
from posture.cli import main
code = main(["--lang", "en", "validate", sys.argv[1]])
hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print("peak-kib", hwm.split()[1], file=sys.stderr)
sys.exit(code)
"""


def test_alias_bomb_is_refused_without_growing_past_100_mb():
    proc = subprocess.run([sys.executable, "-c", _PEAK_RSS, str(BROKEN / "alias_bomb.yaml")], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 1
    assert "alias bomb" in proc.stdout
    peak_kib = int(proc.stderr.split("peak-kib")[1].split()[0])
    assert peak_kib < 100 * 1024, f"peak RSS {peak_kib} KiB"


def test_coverage_exits_zero_only_at_full_coverage(capsys, tmp_path):
    code, out, _ = run_validate(capsys, "--coverage")
    assert code == 0
    assert "bpo-contact-center (1.0.0)" in out
    assert any(line.strip().startswith("ISO 27001") and "100.0%" in line for line in out)
    assert any("focused checklist: coverage is reported, not enforced" in line for line in out)
    # the mini checklist covers one of the two Ley 1581 duties and 1 of 93 ISO controls: not full
    code, out, _ = run_validate(capsys, "--coverage", str(MINI_CATALOG), str(VALID / "mini-checklist.yaml"))
    assert code == 1
    assert any("missing: 5.2 Information security roles and responsibilities" in line for line in out)
    # excluding what it does not cover, with a rationale, makes it full
    text = (VALID / "mini-checklist.yaml").read_text("utf-8")
    iso = [f'"5.{n}"' for n in range(2, 38)] + [f'"6.{n}"' for n in range(1, 9)] + \
        [f'"7.{n}"' for n in range(1, 15)] + [f'"8.{n}"' for n in range(1, 35)]
    text += ("not_applicable:\n  - catalog: iso27001-2022\n    controls: [" + ", ".join(iso) + "]\n"
             "    rationale: {es: \"Fuera del alcance de la prueba.\", en: \"Out of the test's scope.\"}\n")
    full = tmp_path / "full.yaml"
    full.write_text(text, "utf-8")
    code, out, _ = run_validate(capsys, "--coverage", "--json", str(VALID))
    assert code == 1
    code = main(["validate", "--coverage", "--json", str(MINI_CATALOG), str(full)])
    report = json.loads(capsys.readouterr().out)
    iso_cov = next(c for c in report["coverage"]["mini"] if c["catalog"] == "iso27001-2022")
    assert (iso_cov["covered"], iso_cov["excluded"], iso_cov["missing"]) == (1, 92, [])
    ley = next(c for c in report["coverage"]["mini"] if c["catalog"] == "ley1581-2012-mini")
    assert ley["missing"] == [] and code == 0
