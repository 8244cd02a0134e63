"""The assessment loader under hostile input: a loaded assessment or a PostureError in both languages,
never anything else; and the CLI answers a sample of the same inputs with one line and exit 1.

Bounded example counts keep the fuzz folder inside CI's time; the seeds vary per run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mutations import mutate_lines

from posture.assessment import Assessment, load_assessment
from posture.assessment._crypto import MAGIC
from posture.content import bundled_library
from posture.errors import PostureError

DEMO = (Path(__file__).parents[2] / "demo" / "centro-de-contacto-demo" / "assessment.yaml").read_bytes()
DEMO_LINES = DEMO.split(b"\n")
FUZZ = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                        HealthCheck.function_scoped_fixture])
CHECKLIST = bundled_library().checklists["bpo-contact-center"]

YAML_TOKENS = st.sampled_from([
    "kind: assessment\n", "format_version: 1\n", "format_version: 2\n", "answers:\n", "  GOV-01:\n",
    "    value: ", "yes", "na", "'5'", "maybe", "\n", "  ", "- ", "[", "]", "{", "}", ":", "&a ", "*a", "<<: ",
    "!!python/object ", "!!binary ", "'", '"', "#", "---\n", "? ", "|\n", "~", "null", "2026-13-45", "é",
    "\x00", "\t", "evidence:\n", "- path: ../../etc/shadow\n", "dates:\n", "  assessed_on: ", "-1", "1e999",
])


def _mutate(data, lines: list[bytes]) -> bytes:
    return mutate_lines(data, lines, YAML_TOKENS)


def _load(folder: Path, raw: bytes, checklist=None, passphrase=None):
    path = folder / "assessment.yaml"
    path.write_bytes(raw)
    try:
        result = load_assessment(path, checklist, passphrase=passphrase)
    except PostureError as exc:
        lines_es, lines_en = exc.lines("es"), exc.lines("en")
        assert lines_es and lines_en and all(lines_es) and all(lines_en)
        assert all("\n" not in line for line in lines_en)
        if exc.problems:
            assert all(p.message["es"] and p.message["en"] for p in exc.problems)
        return exc
    assert isinstance(result, Assessment)
    return result


@FUZZ
@given(raw=st.binary(max_size=4096))
def test_arbitrary_bytes(tmp_path, raw):
    _load(tmp_path, raw)


@FUZZ
@given(raw=st.binary(max_size=512))
def test_arbitrary_bytes_behind_the_encryption_magic(tmp_path, raw):
    _load(tmp_path, MAGIC + raw, passphrase="x")  # a garbage header, a costly one, or a wrong tag


@FUZZ
@given(text=st.lists(YAML_TOKENS, max_size=60).map("".join))
def test_yaml_shaped_text(tmp_path, text):
    _load(tmp_path, text.encode("utf-8"))


@FUZZ
@given(data=st.data())
def test_mutated_demo_assessment(tmp_path, data):
    _load(tmp_path, _mutate(data, DEMO_LINES), CHECKLIST if data.draw(st.booleans()) else None)


SAMPLE = 12  # the CLI costs a process each; a fixed handful of mutations, found fresh each run


@settings(max_examples=SAMPLE, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_cli_refuses_mutations_with_one_line(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("cli")
    raw = _mutate(data, DEMO_LINES)
    outcome = _load(folder, raw, CHECKLIST)
    path = folder / "assessment.yaml"
    env = {k: v for k, v in os.environ.items() if k != "POSTURE_DEBUG"}
    proc = subprocess.run([sys.executable, "-m", "posture", "--lang", "es", "score", str(path)], env=env,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    assert "Traceback" not in proc.stderr
    assert path.read_bytes() == raw
    if isinstance(outcome, PostureError):
        assert proc.returncode == 1, proc.stderr
        assert len(proc.stderr.splitlines()) == len(outcome.lines("es")), proc.stderr
    else:  # a harmless mutation (say, a changed note) scores; a changed checklist id is one clear refusal
        assert proc.returncode in (0, 1), proc.stderr
        assert proc.returncode == 0 or len(proc.stderr.splitlines()) == 1, proc.stderr


@pytest.mark.parametrize("raw", [b"\xff\xfe\x00k\x00i", b"kind: assessment\n" * 3, MAGIC + b"\x01\x0f\x08\x01"],
                         ids=["utf16", "duplicate-keys", "short-encrypted"])
def test_known_hostile_files_through_the_cli(tmp_path, raw):
    path = tmp_path / "assessment.yaml"
    path.write_bytes(raw)
    proc = subprocess.run([sys.executable, "-m", "posture", "--lang", "en", "score", str(path)],
                          env={**os.environ, "POSTURE_PASSPHRASE": "x"}, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert len(proc.stderr.splitlines()) == 1, proc.stderr
    assert path.read_bytes() == raw
