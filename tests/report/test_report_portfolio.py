"""The portfolio: worst first, letter and colour, capped scores marked, coverage, verified, overdue actions, the
trend; 40 assessments on one landscape page, more under a repeated header; encrypted assessments included."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import subprocess
import sys

import pytest
import synthetic
from pdftext import page_count, pages, pdf_text

from posture import l10n
from posture.assessment import load_assessment, save_assessment
from posture.report import load, render_portfolio
from posture.report._portfolio import find_assessments, portfolio_view

TODAY = dt.date(2026, 6, 1)


@pytest.fixture(scope="module")
def trio(tmp_path_factory):
    root = tmp_path_factory.mktemp("trio")
    synthetic.write_assessment(root / "a-2025", assessed_on="2025-08-01")
    synthetic.write_assessment(root / "a-2026", assessed_on="2026-02-10", shift=1)
    synthetic.write_assessment(root / "b", vendor="Otro Proveedor BPO")
    return root


def test_rows_worst_first_with_grade_cap_coverage_and_overdue(trio):
    lib = synthetic.library()
    items = [load(p, lib) for p in find_assessments(trio)]
    view = portfolio_view(items, "es", TODAY)
    scores = sorted(it.scorecard.headline.value for it in items)  # the graded overall (docs/scoring.md §7)
    assert [r["overall"].split("%")[0] for r in view["rows"]] == [f"{s:,.0f}" for s in scores]
    for row in view["rows"]:
        it = next(i for i in items if i.assessment.vendor == row["vendor"]
                  and row["date"] == l10n.short_date(i.assessment.assessed_on, "es"))
        assert row["letter"] in "ABCD" and row["grade_css"] == f"g-{row['letter'].lower()}"
        capped = [c["capped"] for c in row["cells"]]
        assert capped == [bool(it.scorecard.frameworks[fw].capped_by) for fw in
                          ("iso27001-2022", "pci-dss-4.0.1", "lfpdppp-2025")]
        assert all(("†" in c["text"]) == c["capped"] for c in row["cells"])
        due = [i.due for i in it.plan.items]
        assert row["overdue"] == sum(1 for d in due if d < TODAY.isoformat())
        assert row["coverage"].startswith(f"{it.scorecard.coverage.percent:.0f}")
    assert any("▲" in r["trend"] for r in view["rows"])  # capped: "= +0,0 (…) · ▲ +x sin límite"


def test_forty_fit_one_landscape_page_and_the_header_repeats(tmp_path):
    base = synthetic.write_assessment(tmp_path / "base")
    a = load_assessment(base, synthetic.library().checklists["synthetic-bpo"])
    root = tmp_path / "portfolio"
    for n in range(41):
        vendor = f"Proveedor {n:02d} " + ("con un nombre larguísimo de razón social 📞 " * 3 if n == 7 else "")
        (root / f"v{n:02d}").mkdir(parents=True)
        save_assessment(dataclasses.replace(a, id=f"p{n:02d}", vendor=vendor), root / f"v{n:02d}" / "assessment.yaml")
    folders = sorted(root.iterdir())
    pdf, n, _ = render_portfolio(root, "en", synthetic.library(), today=TODAY)
    assert n == 41 and page_count(pdf) == 2
    first, second = pages(pdf)
    assert "Vendor" in first and "Vendor" in second and "Overdue" in second  # repeated header
    assert len(re.findall(r"Proveedor \d\d", first)) == 40
    # 40 alone fit one page
    import shutil
    shutil.rmtree(folders[-1])
    pdf, n, _ = render_portfolio(root, "en", synthetic.library(), today=TODAY)
    assert n == 40 and page_count(pdf) == 1


def test_encrypted_assessments_are_included_or_said_unreadable(tmp_path, monkeypatch):
    synthetic.write_assessment(tmp_path / "plain", vendor="Proveedor Claro")
    secret = synthetic.write_assessment(tmp_path / "secret", vendor="Proveedor Cifrado")
    a = load_assessment(secret, synthetic.library().checklists["synthetic-bpo"])
    save_assessment(dataclasses.replace(a, passphrase="frase de prueba larga"), secret.with_name("assessment.yaml.enc"))
    secret.unlink()
    for leftover in secret.parent.glob("assessment.yaml.bak"):
        leftover.unlink()
    monkeypatch.setenv("POSTURE_PASSPHRASE", "frase de prueba larga")
    pdf, n, _ = render_portfolio(tmp_path, "es", synthetic.library(), today=TODAY)
    text = pdf_text(pdf)
    assert n == 2 and "Proveedor Cifrado" in text and "Proveedor Claro" in text
    monkeypatch.delenv("POSTURE_PASSPHRASE")
    pdf, n, _ = render_portfolio(tmp_path, "es", synthetic.library(), today=TODAY)
    text = re.sub(r"\s+", " ", pdf_text(pdf))
    assert n == 1 and "Proveedor Claro" in text
    assert "secret/assessment.yaml.enc" in text and "no se pudo leer" in text and "POSTURE_PASSPHRASE" in text


def test_cli_portfolio_of_the_demo(tmp_path):
    import shutil
    from pathlib import Path
    demo = Path(__file__).parents[2] / "demo" / "centro-de-contacto-demo"
    shutil.copytree(demo, tmp_path / "demo")
    out = tmp_path / "p.pdf"
    done = subprocess.run([sys.executable, "-m", "posture", "portfolio", str(tmp_path), "-o", str(out), "--lang",
                           "es"], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    text = pdf_text(out.read_bytes(), layout=True)
    assert "Centro de Contacto Demo" in text and "Cobertura" in text and "Vencidas" in text and "†" in text


def _encrypted_demo_copies(root, passphrases: dict[str, str | None]):
    """The demo copied once per name; encrypted with its passphrase (a real assessment.yaml.enc) unless None."""
    import shutil
    from pathlib import Path

    demo = Path(__file__).parents[2] / "demo" / "centro-de-contacto-demo"
    for name, phrase in passphrases.items():
        folder = root / name
        shutil.copytree(demo, folder)
        a = load_assessment(folder / "assessment.yaml")
        a = dataclasses.replace(a, vendor=f"Proveedor {name}")
        if phrase is None:
            save_assessment(a, folder / "assessment.yaml")
            continue
        save_assessment(dataclasses.replace(a, passphrase=phrase), folder / "assessment.yaml.enc")
        for plain in folder.glob("assessment.yaml*"):
            if plain.name != "assessment.yaml.enc":
                plain.unlink()


def _posture_on_a_terminal(args: list[str], answer: str, env: dict) -> tuple[int, str]:
    """Run posture with a real pseudo-terminal as its controlling terminal (getpass reads /dev/tty); type
    ``answer`` at each passphrase prompt. Returns the exit status and everything the terminal showed."""
    import os
    import pty
    import select

    pid, fd = pty.fork()
    if pid == 0:  # the child: the pty is its terminal
        os.execve(sys.executable, [sys.executable, "-m", "posture", *args], env)
    shown, typed = b"", 0
    while True:
        ready, _, _ = select.select([fd], [], [], 120)
        if not ready:
            os.kill(pid, 9)
            raise AssertionError(f"posture hung; the terminal showed: {shown.decode(errors='replace')}")
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        shown += chunk
        if shown.count(b"Passphrase for") > typed:
            typed += 1
            os.write(fd, answer.encode() + b"\n")
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), shown.decode("utf-8", errors="replace")


def test_cli_portfolio_asks_the_passphrase_once_and_names_what_it_could_not_open(tmp_path):
    import os

    _encrypted_demo_copies(tmp_path / "ws", {"claro": None, "cifrado-1": "frase buena larga",
                                              "cifrado-2": "frase buena larga", "otra-frase": "frase distinta"})
    out = tmp_path / "p.pdf"
    env = {k: v for k, v in os.environ.items() if k != "POSTURE_PASSPHRASE"}
    env["POSTURE_LANG"] = "en"
    code, shown = _posture_on_a_terminal(["portfolio", str(tmp_path / "ws"), "-o", str(out), "--lang", "en"],
                                         "frase buena larga", env)
    assert code == 0, shown
    assert shown.count("Passphrase for") == 1  # once for all three encrypted ones
    assert "Passphrase for the 3 encrypted assessments in" in shown
    assert "frase buena larga" not in shown  # not echoed
    lines = [line for line in shown.splitlines() if "could not be opened" in line]
    assert len(lines) == 1 and "otra-frase/assessment.yaml.enc" in lines[0]
    assert "portfolio written:" in shown and "(3 assessments)" in shown
    text = re.sub(r"\s+", " ", pdf_text(out.read_bytes()))
    for vendor in ("Proveedor claro", "Proveedor cifrado-1", "Proveedor cifrado-2"):
        assert vendor in text
    assert "Proveedor otra-frase" not in text and "otra-frase/assessment.yaml.enc" in text


def test_cli_portfolio_without_a_terminal_uses_posture_passphrase(tmp_path):
    import os

    _encrypted_demo_copies(tmp_path / "ws", {"claro": None, "cifrado": "frase buena larga"})
    out = tmp_path / "p.pdf"
    env = {**os.environ, "POSTURE_LANG": "es", "POSTURE_PASSPHRASE": "frase buena larga"}
    done = subprocess.run([sys.executable, "-m", "posture", "portfolio", str(tmp_path / "ws"), "-o", str(out)],
                          capture_output=True, text=True, timeout=180, stdin=subprocess.DEVNULL, env=env)
    assert done.returncode == 0 and "(2 evaluaciones)" in done.stderr and "no se pudo abrir" not in done.stderr
    assert "Proveedor cifrado" in pdf_text(out.read_bytes())
    env.pop("POSTURE_PASSPHRASE")  # no terminal, no passphrase: listed as unopened, the plain one still in
    done = subprocess.run([sys.executable, "-m", "posture", "portfolio", str(tmp_path / "ws"), "-o", str(out)],
                          capture_output=True, text=True, timeout=180, stdin=subprocess.DEVNULL, env=env)
    assert done.returncode == 0 and "(1 evaluación)" in done.stderr
    [line] = [line for line in done.stderr.splitlines() if "no se pudo abrir" in line]
    assert "cifrado/assessment.yaml.enc" in line and "POSTURE_PASSPHRASE" in line


def _portfolio_with_failures(tmp_path, copies: dict, lang: str):
    """The demo copied as ``copies`` (name → passphrase or None) plus a damaged ``roto``; `posture portfolio` of
    it with no passphrase and no terminal. Returns (folder, output path, the finished process)."""
    import os

    _encrypted_demo_copies(tmp_path / "ws", copies)
    damaged = tmp_path / "ws" / "roto" / "assessment.yaml"
    damaged.parent.mkdir()
    damaged.write_text("kind: assessment\nvendor: [\n", encoding="utf-8")
    out = tmp_path / "p.pdf"
    env = {k: v for k, v in os.environ.items() if k != "POSTURE_PASSPHRASE"}
    ws = tmp_path / "ws"
    done = subprocess.run([sys.executable, "-m", "posture", "--lang", lang, "portfolio", str(ws), "-o", str(out)],
                          capture_output=True, text=True, timeout=180, stdin=subprocess.DEVNULL, env=env)
    return ws, out, done


def test_cli_portfolio_names_each_file_it_could_not_open_once(tmp_path):
    """The terminal line and the PDF row name the file once, with the problem's line and column."""
    ws, out, done = _portfolio_with_failures(tmp_path, {"claro": None, "cifrado": "frase buena larga"}, "en")
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        f"{ws}/cifrado/assessment.yaml.enc: could not be opened, left out of the portfolio: encrypted, and there is "
        "no terminal to ask for the passphrase: set POSTURE_PASSPHRASE",  # (no terminal here: stdin is /dev/null)
        f"{ws}/roto/assessment.yaml:3:1: could not be opened, left out of the portfolio: vendor: invalid YAML: a value "
        "was expected (PyYAML's message: “did not find expected node content”)",
        f"portfolio written: {out} (1 assessment)",
    ]
    text = re.sub(r"\s+", " ", pdf_text(out.read_bytes()))
    assert "roto/assessment.yaml:3:1 could not be read: vendor: invalid YAML: a value was expected" in text
    assert text.count("roto/assessment.yaml") == 1 and text.count("cifrado/assessment.yaml.enc") == 1


def test_a_problem_in_another_file_keeps_that_file_s_name(tmp_path):
    from posture.errors import ContentError, Problem
    from posture.report._portfolio import why_unreadable

    path = tmp_path / "v" / "assessment.yaml"
    other = ContentError.single(Problem(str(tmp_path / "v" / "checklist.yaml"), {"es": "malo", "en": "bad"}, 4, 2))
    found = why_unreadable(path, other, "en")
    assert (found.located, found.reason) == (str(path), f"{tmp_path}/v/checklist.yaml:4:2: bad")
    here = ContentError.single(Problem(str(path), {"es": "malo", "en": "bad"}, 4, None, "answers.X"))
    found = why_unreadable(path, here, "es")
    assert (found.located, found.reason) == (f"{path}:4", "answers.X: malo")


def test_cli_portfolio_takes_the_workspace_like_the_other_commands(tmp_path):
    import os

    _encrypted_demo_copies(tmp_path / "ws", {"claro": None, "cifrado": "frase buena larga"})
    ws, out = tmp_path / "ws", tmp_path / "p.pdf"
    env = {**os.environ, "POSTURE_PASSPHRASE": "frase buena larga", "POSTURE_WORKSPACE": str(tmp_path / "empty")}

    def portfolio(*args, **extra):
        return subprocess.run([sys.executable, "-m", "posture", "--lang", "en", "portfolio", *args, "-o", str(out)],
                              capture_output=True, text=True, timeout=180, stdin=subprocess.DEVNULL,
                              env={**env, **extra})

    done = portfolio("--workspace", str(ws))
    assert done.returncode == 0 and done.stderr.splitlines() == [f"portfolio written: {out} (2 assessments)"]
    assert "Proveedor cifrado" in pdf_text(out.read_bytes())
    out.unlink()
    done = portfolio(POSTURE_WORKSPACE=str(ws))  # no folder: the workspace, as every command finds it
    assert done.returncode == 0 and done.stderr.splitlines() == [f"portfolio written: {out} (2 assessments)"]
    out.unlink()
    done = portfolio(str(ws), "--workspace", str(ws))  # two folders: refused, whichever they are
    assert done.returncode == 1 and done.stderr.splitlines() == ["give the folder or --workspace, not both"]
    assert not out.exists()


def test_cli_portfolio_on_the_workspace_asks_the_passphrase_once(tmp_path):
    import os

    _encrypted_demo_copies(tmp_path / "ws", {"claro": None, "cifrado-1": "frase buena larga",
                                              "cifrado-2": "frase buena larga"})
    out = tmp_path / "p.pdf"
    env = {k: v for k, v in os.environ.items() if k != "POSTURE_PASSPHRASE"}
    env.update(POSTURE_LANG="en", POSTURE_WORKSPACE=str(tmp_path / "ws"))
    code, shown = _posture_on_a_terminal(["portfolio", "-o", str(out)], "frase buena larga", env)
    assert code == 0, shown
    assert shown.count("Passphrase for") == 1 and "Passphrase for the 2 encrypted assessments in" in shown
    assert "could not be opened" not in shown and "(3 assessments)" in shown


def test_a_portfolio_where_nothing_opens_is_an_error_and_writes_nothing(tmp_path):
    """Every file failed: «portfolio written (0 assessments)», exit 0 (newcomer 2) — a script took an empty PDF
    for a portfolio. Now exit 1, each file named, no PDF."""
    ws, out, done = _portfolio_with_failures(tmp_path, {"cifrado": "frase buena larga"}, "es")
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert len(lines) == 3 and lines[0].endswith("cifrada, y no hay terminal para pedir la frase de contraseña: "
                                                 "defina POSTURE_PASSPHRASE")
    assert lines[-1] == f"{ws}: ninguna de sus 2 evaluaciones se pudo abrir (arriba): no se escribió la cartera"
    assert not out.exists()
