"""`posture list` shows the ids other commands take; `compare` names both sides and each answer change."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from engine_support import DEMO


def posture(*args, workspace, lang="en"):
    env = {"POSTURE_WORKSPACE": str(workspace), "PATH": "/usr/bin:/bin", "POSTURE_LANG": lang}
    return subprocess.run([sys.executable, "-m", "posture", *args], capture_output=True, text=True, env=env,
                          timeout=120)


def _two_years(tmp_path):
    """Last year's demo and this year's, where GOV-01 went from Yes to No and PAY-02 from No to Yes."""
    ws = tmp_path / "ws"
    shutil.copytree(DEMO, ws / "demo-2026")
    shutil.copytree(DEMO, ws / "demo-2027")
    path = ws / "demo-2027" / "assessment.yaml"
    text = path.read_text("utf-8")
    assert "  GOV-01:\n    value: 'yes'" in text and "  PAY-02:\n    value: 'no'" in text
    text = text.replace("  GOV-01:\n    value: 'yes'", "  GOV-01:\n    value: 'no'", 1)
    text = text.replace("  PAY-02:\n    value: 'no'", "  PAY-02:\n    value: 'yes'", 1)
    text = text.replace("assessed_on: '2026-03-10'", "assessed_on: '2027-03-10'", 1)
    path.write_text(text, "utf-8")
    return ws


def test_compare_names_both_sides_and_each_answer_change(tmp_path):
    ws = _two_years(tmp_path)
    r = posture("compare", "demo-2026", "demo-2027", workspace=ws, lang="es")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "Antes: Centro de Contacto Demo — Guadalajara — Torre Norte (10 mar 2026, demo-2026)"
    assert lines[1].startswith("Después: Centro de Contacto Demo") and "10 mar 2027" in lines[1]
    assert "  GOV-01: Sí → No" in lines
    assert "  PAY-02: No → Sí" in lines
    # whole section names, never cut mid-word
    assert "Gobierno y sistema de gestión de seguridad de la información (SGSI)" in lines
    r_en = posture("compare", "demo-2026", "demo-2027", workspace=ws, lang="en")
    assert "  GOV-01: Yes → No" in r_en.stdout.splitlines()
    assert r_en.stdout.splitlines()[0].startswith("Before: ")
    # --json keeps its meaning: the same ids in the same keys
    data = json.loads(posture("compare", "demo-2026", "demo-2027", "--json", workspace=ws).stdout)
    assert "GOV-01" in data["questions"]["regressed"] and "PAY-02" in data["questions"]["improved"]
    assert "GOV-01" in data["questions"]["new_gaps"] and "PAY-02" in data["questions"]["closed_gaps"]


def test_an_unknown_id_lists_close_matches(tmp_path):
    ws = _two_years(tmp_path)
    r = posture("compare", "demo-2026", "demo-2072", workspace=ws, lang="es")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "¿quiso decir demo-2027" in r.stderr and "posture list" in r.stderr
    r = posture("score", str(ws), workspace=ws)
    assert r.returncode == 1
    assert r.stderr.strip() == f"the folder {ws} holds no assessment (assessment.yaml)"


def test_list_shows_ids_and_why_a_row_cannot_be_read(tmp_path):
    ws = _two_years(tmp_path)
    (ws / "broken").mkdir()
    (ws / "broken" / "assessment.yaml").write_text("vendor: [\n", "utf-8")
    r = posture("list", workspace=ws, lang="es")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == f"3 evaluaciones en {ws}"
    assert lines[1].split() == ["identificador", "proveedor", "sitio", "fecha", "respondidas", "%", "calificación"]
    assert lines[2].startswith("demo-2026 ") and "10 mar 2026" in lines[2] and "87.8" in lines[2]
    assert lines[2].endswith("D · 40.0")  # the same graded overall as the report (capped at 40)
    assert lines[3].startswith("demo-2027 ") and "10 mar 2027" in lines[3]
    assert lines[4].startswith("broken ") and "no se puede leer:" in lines[4] and "broken/assessment.yaml:" in lines[4]
    rows = json.loads(posture("list", "--json", workspace=ws).stdout)
    assert [row["id"] for row in rows] == ["broken", "demo-2026", "demo-2027"]
    assert rows[0]["error"]["es"].endswith(rows[0]["error"]["es"].split(": ", 1)[1]) and rows[1]["error"] is None
    assert rows[1]["vendor"] == "Centro de Contacto Demo" and rows[1]["assessed_on"] == "2026-03-10"
    empty = posture("list", workspace=tmp_path / "none", lang="en")
    assert empty.returncode == 0 and empty.stdout.startswith("No assessments in ")


def test_compare_warns_about_suspect_pairs(tmp_path):
    ws = _two_years(tmp_path)
    same = posture("compare", "demo-2026", "demo-2026", workspace=ws, lang="es")
    assert same.returncode == 0 and "aviso: se compara una evaluación consigo misma" in same.stderr
    swapped = posture("compare", "demo-2027", "demo-2026", workspace=ws)
    assert swapped.returncode == 0
    assert "warning: NEW (Mar 10, 2026) is older than OLD (Mar 10, 2027); are they swapped?" in swapped.stderr
    other = ws / "demo-2027" / "assessment.yaml"
    other.write_text(other.read_text("utf-8").replace("vendor: Centro de Contacto Demo", "vendor: Otro BPO", 1),
                     "utf-8")
    r = posture("compare", "demo-2026", "demo-2027", workspace=ws)
    assert "warning: the assessments are of different vendors or sites" in r.stderr
    assert posture("compare", "demo-2026", "demo-2027", workspace=_two_years(tmp_path / "b")).stderr == ""


def test_demo_reset_sets_the_old_demo_aside_and_installs_this_versions(tmp_path):
    ws = tmp_path / "ws"
    assert posture("demo", "--no-app", workspace=ws).returncode == 0
    mine = ws / "centro-de-contacto-demo" / "assessment.yaml"
    mine.write_text(mine.read_text("utf-8").replace("vendor: Centro de Contacto Demo", "vendor: Mi copia", 1), "utf-8")
    kept = posture("demo", "--no-app", workspace=ws, lang="es")
    assert "se deja como está (posture demo --reset" in kept.stderr and "Mi copia" in kept.stdout
    reset = posture("demo", "--no-app", "--reset", workspace=ws)
    assert reset.returncode == 0 and "the previous demo was set aside in " in reset.stderr
    assert "Centro de Contacto Demo" in reset.stdout
    (aside,) = ws.glob("centro-de-contacto-demo.previous-*")
    assert "vendor: Mi copia" in (aside / "assessment.yaml").read_text("utf-8")  # never deleted


def test_a_row_that_cannot_be_read_lines_up_with_the_others_whatever_its_id(tmp_path):
    """The id column is as wide as the longest id, the unreadable rows' too: a long id of a damaged folder
    pushed its reason out of line with the vendors above."""
    ws = _two_years(tmp_path)
    long_id = "proveedor-de-cobranza-monterrey-2026"
    (ws / long_id).mkdir()
    (ws / long_id / "assessment.yaml").write_text("vendor: [\n", "utf-8")
    lines = posture("list", workspace=ws, lang="es").stdout.splitlines()
    column = lines[1].index("proveedor")  # where the vendors start in the header
    assert column == len(long_id) + 2
    assert [line.index("Centro") for line in lines[2:4]] == [column, column]
    assert lines[4].startswith(long_id + "  no se puede leer:")
