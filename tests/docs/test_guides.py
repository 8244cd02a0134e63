"""Every shell block the guides mark as runnable (```sh runnable) runs, on the demo, and must succeed.

Each block runs in ``bash -euo pipefail`` from the repository root, with a fresh workspace holding the
installed demo (``POSTURE_WORKSPACE``), a fresh ``HOME`` (reports written to ``~/`` land there), and
this interpreter's ``bin`` folder first on ``PATH``, so ``posture`` is the checkout's. A block that
fails names its guide, its line and its stderr.
"""

from __future__ import annotations

import ipaddress
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUIDES = ROOT / "docs" / "guides"
BIN = Path(sys.executable).parent
TIMEOUT = 180
LOOPBACK = ipaddress.ip_network("127.0.0.0/8")

# Every guide, in both languages; the key reference and the index are checked for existence only.
READERS = ("assessor", "it-probes", "manager", "content-author")

_FENCE = re.compile(r"^```(.*)$")


def runnable_blocks(path: Path) -> list[tuple[int, str]]:
    """(line of the opening fence, text) of every ```sh runnable block in ``path``."""
    blocks: list[tuple[int, str]] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if m is None:
            i += 1
            continue
        info = m.group(1).split()
        start = i + 1
        j = start
        while j < len(lines) and not lines[j].startswith("```"):
            j += 1
        if info[:2] == ["sh", "runnable"]:
            blocks.append((i + 1, "\n".join(lines[start:j])))
        i = j + 1
    return blocks


def _all_blocks() -> list[tuple[str, int, str]]:
    out = []
    for path in sorted(GUIDES.glob("*.md")):
        for line, text in runnable_blocks(path):
            out.append((path.name, line, text))
    return out


BLOCKS = _all_blocks()


def test_every_guide_exists_in_both_languages_with_runnable_blocks():
    for reader in READERS:
        for lang in ("es", "en"):
            path = GUIDES / f"{reader}.{lang}.md"
            assert path.is_file(), f"missing guide {path}"
            assert runnable_blocks(path), f"{path.name} has no ```sh runnable block"
    for name in ("README.md", "keys.es.md", "keys.en.md"):
        assert (GUIDES / name).is_file(), f"missing {name}"


def test_block_extraction_finds_only_runnable_blocks(tmp_path):
    sample = tmp_path / "g.md"
    sample.write_text("text\n```sh\nposture open x\n```\n```sh runnable\nposture --help\nposture --version\n```\n"
                      "```yaml\na: 1\n```\n", encoding="utf-8")
    assert runnable_blocks(sample) == [(5, "posture --help\nposture --version")]


def _targets_of_probe(command: str) -> list[str]:
    lexer = shlex.shlex(command, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    words = list(lexer)
    targets, skip = [], False
    for word in words[words.index("probe") + 1:]:
        if skip:
            skip = False
        elif word.startswith("--"):
            skip = "=" not in word and word not in ("--json", "--privileged", "--unprivileged")
        elif set(word) <= set("|&;<>()"):
            break
        else:
            targets.append(word)
    return targets


def loopback_problems(text: str) -> list[str]:
    """Why a block's probes are not safe to run in a test: each must import nmap XML or scan 127.0.0.0/8."""
    problems = []
    for command in text.replace("\\\n", " ").splitlines():
        if not re.search(r"\bposture\b.*\bprobe\b", command) or "--import-nmap" in command:
            continue
        if "--scope" in command:
            scope_text = text.split("--scope")[0]
            if "127.0.0.1" not in scope_text or re.search(r"targets:.*\d+\.\d+\.\d+\.\d+", scope_text) is None:
                problems.append(f"write the scope file in the block, targeting 127.0.0.1: {command}")
            else:
                for target in re.findall(r"targets:\s*\[([^\]]*)\]", scope_text)[-1:]:
                    for address in re.findall(r"[\d.]+/?\d*", target):
                        if not ipaddress.ip_network(address, strict=False).subnet_of(LOOPBACK):
                            problems.append(f"scope target {address} is not loopback")
            continue
        targets = _targets_of_probe(command)
        if not targets:
            problems.append(f"probe without a target: {command}")
        for target in targets:
            try:
                loopback = ipaddress.ip_network(target, strict=False).subnet_of(LOOPBACK)
            except ValueError:
                loopback = False
            if not loopback:
                problems.append(f"a runnable probe must target 127.0.0.0/8, not {target}")
    return problems


def test_the_loopback_check_catches_other_targets():
    assert loopback_problems('posture probe --authorized-by "X" 127.0.0.1 || echo refused') == []
    assert loopback_problems("posture probe --import-nmap demo/x.xml --attach a.yaml") == []
    assert loopback_problems('posture probe --authorized-by "X" 203.0.113.10')
    assert loopback_problems('posture probe --authorized-by "X" vpn.example.com')
    assert loopback_problems("posture probe --scope ~/s.yaml")
    assert loopback_problems('cat > s.yaml <<EOF\ntargets: ["10.0.0.1"]\nEOF\nposture probe --scope s.yaml')
    assert not loopback_problems('cat > s.yaml <<EOF\ntargets: ["127.0.0.1"]\nEOF\nposture probe --scope s.yaml')


@pytest.mark.parametrize(("guide", "line", "text"), BLOCKS, ids=[f"{g}:{n}" for g, n, _ in BLOCKS])
def test_runnable_blocks_only_touch_loopback(guide, line, text):
    """A runnable probe either imports nmap XML or scans 127.0.0.0/8 (directly or through a scope file)."""
    assert loopback_problems(text) == [], f"docs/guides/{guide}:{line}: {loopback_problems(text)}"
    assert not re.search(r"^\s*posture(\s+(open|demo)\b(?!.*--no-app)|\s*$)", text, re.M), \
        f"docs/guides/{guide}:{line}: opens the app, which needs a terminal: not for a runnable block"


@pytest.fixture
def demo_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("POSTURE_") or k == "POSTURE_CACHE_DIR"}
    env.update(PATH=f"{BIN}{os.pathsep}{env.get('PATH', '/usr/bin:/bin')}",
               POSTURE_WORKSPACE=str(tmp_path / "workspace"), HOME=str(tmp_path / "home"), LANG="C.UTF-8")
    (tmp_path / "home").mkdir()
    done = subprocess.run([str(BIN / "posture"), "demo", "--no-app"], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    return env


@pytest.mark.parametrize(("guide", "line", "text"), BLOCKS, ids=[f"{g}:{n}" for g, n, _ in BLOCKS])
def test_runnable_block_succeeds(guide, line, text, demo_env):
    # the Spanish guides ask the reader to `export POSTURE_LANG=es` once, in their set-up section
    env = dict(demo_env, POSTURE_LANG="es" if ".es." in guide else "en")
    before = set(p.name for p in ROOT.iterdir())
    try:
        done = subprocess.run(["bash", "-euo", "pipefail", "-c", text], env=env, cwd=ROOT, capture_output=True,
                              text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        pytest.fail(f"docs/guides/{guide}:{line}: timed out after {TIMEOUT} s:\n{text}")
    assert done.returncode == 0, (f"docs/guides/{guide}:{line}: exit {done.returncode}\n--- block\n{text}\n"
                                  f"--- stderr\n{done.stderr}\n--- stdout (end)\n{done.stdout[-2000:]}")
    assert "internal error" not in done.stderr and "error interno" not in done.stderr, \
        f"docs/guides/{guide}:{line}: {done.stderr}"
    left = set(p.name for p in ROOT.iterdir()) - before
    assert not left, f"docs/guides/{guide}:{line}: the block left files in the checkout: {sorted(left)}"
