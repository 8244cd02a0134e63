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
    pdf, n = render_portfolio(root, "en", synthetic.library(), today=TODAY)
    assert n == 41 and page_count(pdf) == 2
    first, second = pages(pdf)
    assert "Vendor" in first and "Vendor" in second and "Overdue" in second  # repeated header
    assert len(re.findall(r"Proveedor \d\d", first)) == 40
    # 40 alone fit one page
    import shutil
    shutil.rmtree(folders[-1])
    pdf, n = render_portfolio(root, "en", synthetic.library(), today=TODAY)
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
    pdf, n = render_portfolio(tmp_path, "es", synthetic.library(), today=TODAY)
    text = pdf_text(pdf)
    assert n == 2 and "Proveedor Cifrado" in text and "Proveedor Claro" in text
    monkeypatch.delenv("POSTURE_PASSPHRASE")
    pdf, n = render_portfolio(tmp_path, "es", synthetic.library(), today=TODAY)
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
