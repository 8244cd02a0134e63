"""Every shell block the guides mark as runnable (```sh runnable) runs, on the demo, must succeed, and must
print what the guide shows.

Each block runs in ``bash -euo pipefail`` from the repository root, with a fresh workspace holding the
installed demo (``POSTURE_WORKSPACE``), a fresh ``HOME`` (reports written to ``~/`` land there), and
this interpreter's ``bin`` folder first on ``PATH``, so ``posture`` is the checkout's. A block that
fails names its guide, its line and its output.

The plain fence (```` ``` ```` with no language) right after a runnable block is what the guide says it
prints; the block's output (stdout and stderr, in order) must match it, line by line, after
normalising what legitimately differs between machines and days (``shown_matches``):

- a line that is only ``…`` stands for any number of lines (none included); ``…`` inside a line for any
  text; without a leading/trailing ``…`` line the output must start/end as shown;
- dates (2026-03-10, 10 mar 2026, Mar 10, 2026), times of day (3:16:28 p.m.), timestamps and run ids
  (20261123T063939Z-e32e90), hex hashes (12+ digits) and byte counts (``169,508 B``) match any value of
  their kind; a home folder (``/root``, ``/home/ana``) matches the test's;
- runs of spaces match any run of spaces (column widths follow the numbers).

A block that checks an exit status does so in its output: ``… || echo "exit status $?"`` and the shown
output says ``exit status 3`` — so 0, or any other status, fails (``|| test $? -eq 3`` would pass on 0).
When a command's output changes on purpose, update the guide's sample: the failure prints the actual
output, normalised.
"""

from __future__ import annotations

import functools
import ipaddress
import os
import re
import shlex
import shutil
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


def guide_blocks(path: Path) -> list[tuple[int, str, str | None]]:
    """(line of the opening fence, text, shown output or None) of every ```sh runnable block in ``path``;
    the shown output is the plain fence that follows the block with only blank lines between."""
    fences: list[tuple[int, list[str], str]] = []  # (line, info words, text)
    lines = path.read_text(encoding="utf-8").splitlines()
    ends: list[int] = []
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if m is None:
            i += 1
            continue
        start = i + 1
        j = start
        while j < len(lines) and not lines[j].startswith("```"):
            j += 1
        fences.append((i + 1, m.group(1).split(), "\n".join(lines[start:j])))
        ends.append(j)
        i = j + 1
    blocks = []
    for n, (line, info, text) in enumerate(fences):
        if info[:2] != ["sh", "runnable"]:
            continue
        shown = None
        if n + 1 < len(fences) and not fences[n + 1][1]:
            between = lines[ends[n] + 1:fences[n + 1][0] - 1]
            if all(not b.strip() for b in between):
                shown = fences[n + 1][2]
        blocks.append((line, text, shown))
    return blocks


def runnable_blocks(path: Path) -> list[tuple[int, str]]:
    """(line of the opening fence, text) of every ```sh runnable block in ``path``."""
    return [(line, text) for line, text, _ in guide_blocks(path)]


_HOME = re.compile(r"/(?:root|home/[^/\s]+)(?=/)")
_KINDS = [  # (what the guide shows, the pattern any instance of that kind matches)
    (re.compile(r"\d{8}T\d{6}Z(?:-[0-9a-f]{4,})?"), r"\d{8}T\d{6}Z(?:-[0-9a-f]{4,})?"),  # run ids
    (re.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?(?:[+-]\d{2}:\d{2}|Z)?)?"),
     r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?(?:[+-]\d{2}:\d{2}|Z)?)?"),
    # a date as people read it (CLDR medium form, posture.l10n): «10 mar 2026», «Mar 10, 2026»
    (re.compile(r"\d{1,2} [a-z]{3,5}\.? \d{4}|[A-Z][a-z]{2,4}\.? \d{1,2}, \d{4}"),
     r"(?:\d{1,2} [a-z]{3,5}\.? \d{4}|[A-Z][a-z]{2,4}\.? \d{1,2}, \d{4})"),
    # a time of day as people read it (CLDR medium form): «3:16:28 p.m.», «3:16:28 PM» (a no-break space before)
    (re.compile(r"\d{1,2}:\d{2}:\d{2}[\u00a0 ](?:a\.m\.|p\.m\.|AM|PM)"),
     r"\d{1,2}:\d{2}:\d{2}[\u00a0 ](?:a\.m\.|p\.m\.|AM|PM)"),
    (re.compile(r"\b[0-9a-f]{12,}\b"), r"[0-9a-f]{12,}"),
    (re.compile(r"\d[\d,]* B\b"), r"\d[\d,]* B"),
    (re.compile(r"…"), r".*?"),
    (re.compile(r" +"), r" +"),
]


def _line_pattern(shown: str) -> re.Pattern:
    shown = _HOME.sub("~", shown.rstrip())
    out, i = [], 0
    while i < len(shown):
        for kind, pattern in _KINDS:
            m = kind.match(shown, i)
            if m:
                out.append(pattern)
                i = m.end()
                break
        else:
            out.append(re.escape(shown[i]))
            i += 1
    return re.compile("".join(out))


def shown_matches(shown: str, actual: str, home: str | None = None) -> str | None:
    """None when ``actual`` (a block's output) matches ``shown`` (the guide's sample), else why not."""
    if home:
        actual = actual.replace(home, "~")
    got = [line.rstrip() for line in actual.splitlines()]
    want = shown.splitlines()
    # split the sample into runs of consecutive lines separated by lone "…" lines
    runs: list[list[str]] = [[]]
    for line in want:
        if line.strip() == "…":
            runs.append([])
        else:
            runs[-1].append(line)
    open_start, open_end = not runs[0], not runs[-1]
    runs = [r for r in runs if r]
    at = 0
    for k, run in enumerate(runs):
        patterns = [_line_pattern(line) for line in run]
        first = k == 0 and not open_start
        last = k == len(runs) - 1 and not open_end
        starts = [at] if first else range(at, len(got) - len(run) + 1)
        for s in starts:
            if s + len(run) <= len(got) and all(p.fullmatch(got[s + n]) for n, p in enumerate(patterns)) \
                    and (not last or s + len(run) == len(got)):
                at = s + len(run)
                break
        else:
            where = "at the start" if first else "at the end" if last else "after what matched before"
            return f"not printed {where}:\n  " + "\n  ".join(run)
    if not runs and not (open_start or open_end) and got:
        return "the guide shows no output, the block printed some"
    return None


def _all_blocks() -> list[tuple[str, int, str]]:
    out = []
    for path in sorted(GUIDES.glob("*.md")):
        for line, text in runnable_blocks(path):
            out.append((path.name, line, text))
    return out


SHOWN = {(path.name, line): shown for path in sorted(GUIDES.glob("*.md"))
         for line, _, shown in guide_blocks(path)}


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


LIVE_PROBE = re.compile(r"posture probe (?!.*--(import|attach|remove))")


@functools.cache
def _can_unshare() -> bool:
    """A network namespace can be made (root, or user namespaces allowed) and its loopback brought up."""
    if shutil.which("unshare") is None or shutil.which("ip") is None:
        return False
    done = subprocess.run(["unshare", "--net", "--", "ip", "link", "set", "lo", "up"], capture_output=True,
                          timeout=30)
    return done.returncode == 0


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
def test_runnable_block_succeeds_and_prints_what_the_guide_shows(guide, line, text, demo_env):
    # the Spanish guides ask the reader to `export POSTURE_LANG=es` once, in their set-up section
    env = dict(demo_env, POSTURE_LANG="es" if ".es." in guide else "en", PYTHONUNBUFFERED="1")
    before = set(p.name for p in ROOT.iterdir())
    command = ["bash", "-euo", "pipefail", "-c", text]
    if LIVE_PROBE.search(text) and _can_unshare():
        # a live probe of 127.0.0.1 sees whatever listens on this machine (another test's listeners, a
        # developer's server): run it in a network namespace of its own, where only its loopback exists and
        # nothing listens, the quiet machine the guide's sample shows
        command = ["unshare", "--net", "--", "bash", "-c", 'ip link set lo up && exec "$@"', "_", *command]
    try:  # stderr into stdout, unbuffered: the order a terminal shows
        done = subprocess.run(command, env=env, cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        pytest.fail(f"docs/guides/{guide}:{line}: timed out after {TIMEOUT} s:\n{text}")
    assert done.returncode == 0, (f"docs/guides/{guide}:{line}: exit {done.returncode}\n--- block\n{text}\n"
                                  f"--- output (end)\n{done.stdout[-3000:]}")
    assert "internal error" not in done.stdout and "error interno" not in done.stdout, \
        f"docs/guides/{guide}:{line}: {done.stdout}"
    left = set(p.name for p in ROOT.iterdir()) - before
    assert not left, f"docs/guides/{guide}:{line}: the block left files in the checkout: {sorted(left)}"
    shown = SHOWN[(guide, line)]
    if shown is not None:
        why = shown_matches(shown, done.stdout, env["HOME"])
        actual = done.stdout.replace(env["HOME"], "~")
        assert why is None, (f"docs/guides/{guide}:{line}: the output differs from the guide's sample: {why}\n"
                             f"--- actual output (update the guide if the change is intended)\n{actual}")


def test_exit_statuses_are_checked_exactly():
    """`|| test $? -eq N` and `|| echo …` pass when the command succeeds; a guide shows `exit status N`."""
    for guide, line, text in BLOCKS:
        for command in text.replace("\\\n", " ").splitlines():
            m = re.search(r"\|\|\s*(.*)$", command)
            if m is None:
                continue
            assert re.fullmatch(r'echo "(exit status|código de salida) \$\?"', m.group(1)), \
                f"docs/guides/{guide}:{line}: check the exact status in the shown output, not with: {m.group(1)}"
            shown = SHOWN[(guide, line)] or ""
            assert re.search(r"^(exit status|código de salida) \d+$", shown, re.M), \
                f"docs/guides/{guide}:{line}: the shown output must say which exit status"


def test_the_comparison_can_fail():
    sample = "report written: /root/x.pdf (169,508 B)\n…\nOverall   65.8   55.7\n"
    assert shown_matches(sample, "report written: /t/h/x.pdf (1,234 B)\nmore\nOverall 65.8 55.7\n", "/t/h") is None
    assert shown_matches(sample, "report written: /t/h/x.pdf (1,234 B)\nOverall 65.8 55.7\n", "/t/h") is None
    assert shown_matches(sample, "report written: /t/h/x.pdf (1,234 B)\nOverall 65.9 55.7\n", "/t/h")
    assert shown_matches(sample, "noise\nreport written: /t/h/x.pdf (1,234 B)\nOverall 65.8 55.7\n", "/t/h")
    assert shown_matches(sample, "report written: /t/h/x.pdf (1,234 B)\nOverall 65.8 55.7\nextra\n", "/t/h")
    assert shown_matches("…\nexit status 3", "lots\nexit status 3\n") is None
    assert shown_matches("…\nexit status 3", "lots\n") and shown_matches("…\nexit status 3", "exit status 0\n")
    assert shown_matches("Probe import-20261123T063939Z · due 2026-04-09 · sha a3f9c2e1b0d4f5e6",
                         "Probe import-20270101T000000Z · due 2027-01-01 · sha 0123456789abcdef") is None
    assert shown_matches("Probe probe-20261123T063940Z-e32e90 ·", "Probe probe-20271130T092213Z-ded55e ·") is None
    # a date as people read it (CLDR medium, posture.l10n) matches any other of its form, not free text
    assert shown_matches("Demo (10 mar 2026)", "Demo (9 sep 2027)") is None
    assert shown_matches("due Mar 10, 2026 · x", "due Dec 1, 2027 · x") is None
    assert shown_matches("Demo (10 mar 2026)", "Demo (pronto)")
    assert shown_matches("created: …/acme/assessment.yaml", "created: /tmp/w/acme/assessment.yaml") is None
    assert shown_matches("created: …/acme/assessment.yaml", "created: /tmp/w/other/assessment.yaml")


def test_extraction_pairs_a_block_with_the_plain_fence_after_it(tmp_path):
    sample = tmp_path / "g.md"
    sample.write_text("```sh runnable\nposture --version\n```\n\n```\nposture 0.1.0\n```\n"
                      "```sh runnable\nposture --help\n```\ntext between\n```\nnot its output\n```\n"
                      "```sh runnable\nls\n```\n```yaml\na: 1\n```\n", encoding="utf-8")
    assert guide_blocks(sample) == [(1, "posture --version", "posture 0.1.0"), (8, "posture --help", None),
                                    (15, "ls", None)]
