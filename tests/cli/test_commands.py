import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1]))
from engine_support import DEMO, FIXTURE, REAL_CHECKLIST

needs_demo = pytest.mark.skipif(not REAL_CHECKLIST.exists() or not (DEMO / "assessment.yaml").exists(),
                                reason="checklists/bpo-contact-center.yaml or the demo is not there yet")


def posture(*args, workspace, lang="en"):
    env = {"POSTURE_WORKSPACE": str(workspace), "PATH": "/usr/bin:/bin", "POSTURE_LANG": lang}
    return subprocess.run([sys.executable, "-m", "posture", *args], capture_output=True, text=True, env=env,
                          timeout=120)


def test_new_then_score_and_refuse_duplicate(tmp_path):
    r = posture("new", "--vendor", "Acme BPO", "--site", "Monterrey", "--checklist", str(FIXTURE),
                "--date", "2026-01-10", workspace=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "acme-bpo-monterrey" / "assessment.yaml").is_file()
    r = posture("score", "acme-bpo-monterrey", "--checklist", str(FIXTURE), "--json", workspace=tmp_path)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    cov = data["coverage"]
    assert (cov["answered"], cov["total"], cov["percent"], cov["sufficient"]) == (0, 8, 0.0, False)
    assert data["overall"]["claimed"] is None and data["headline"]["letter"] is None
    r = posture("new", "--vendor", "Acme BPO", "--site", "Monterrey", "--checklist", str(FIXTURE),
                workspace=tmp_path, lang="es")
    assert r.returncode == 1 and "ya existe" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize(("content", "expected"), [
    (b"kind: assessment\nformat_version: 1\nid: [", "invalid YAML"),
    (b"kind: assessment\nformat_version: 9\n", "newer posture"),
    (b"", "empty"),
    (b"kind: catalog\n", "is not an assessment"),
])
def test_bad_files_give_one_line_and_exit_1(tmp_path, content, expected):
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(content)
    for command in (["score"], ["plan"], ["soa"]):
        r = posture(*command, str(bad), workspace=tmp_path)
        assert r.returncode == 1
        assert "Traceback" not in r.stderr
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and expected in lines[0] and "bad.yaml" in lines[0]
    assert bad.read_bytes() == content


def test_missing_assessment_is_one_line(tmp_path):
    r = posture("score", "nope", workspace=tmp_path, lang="es")
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "no hay ninguna evaluación" in r.stderr


@needs_demo
def test_demo_score_plan_soa_compare(tmp_path):
    r = posture("demo", workspace=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "Centro de Contacto Demo" in r.stdout
    installed = tmp_path / "centro-de-contacto-demo" / "assessment.yaml"
    before = installed.read_bytes()
    r = posture("demo", workspace=tmp_path)
    assert r.returncode == 0 and installed.read_bytes() == before  # never overwritten

    r = posture("score", "centro-de-contacto-demo", "--json", workspace=tmp_path)
    card = json.loads(r.stdout)
    assert 80 <= card["coverage"]["percent"] <= 90
    assert 6 <= len(card["na"]) <= 10
    assert card["overall"]["uncapped"] != card["overall"]["verified_uncapped"]
    assert card["overall"]["claimed"] == min(f["claimed"] for f in card["frameworks"].values())  # never better
    assert card["headline"]["letter"] == "D" and card["verdict"]["verdict"] == "reject"
    assert "PAY-02" in card["frameworks"]["pci-dss-4.0.1"]["capped_by"]

    r = posture("plan", "centro-de-contacto-demo", "--csv", workspace=tmp_path, lang="es")
    assert r.returncode == 0 and r.stdout.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(r.stdout.lstrip("\ufeff"))))
    assert rows and rows[0]["Prioridad"] == "P1"  # the layout of `export --format csv` (tests/report)
    risks = [int(x["Riesgo (1–25)"]) for x in rows]
    assert risks == sorted(risks, reverse=True)

    r = posture("soa", "centro-de-contacto-demo", workspace=tmp_path)  # the text form, exclusions included
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    assert "A3" not in r.stdout  # ISO only
    assert any(line.startswith("8.34") for line in r.stdout.splitlines())
    r = posture("soa", "centro-de-contacto-demo", "--json", workspace=tmp_path)
    soa = json.loads(r.stdout)
    assert len(soa) == 93 and all(e["justification"] for e in soa if not e["applicable"])

    r = posture("compare", str(installed), str(installed), "--json", workspace=tmp_path)
    diff = json.loads(r.stdout)
    assert diff["questions"]["improved"] == [] and diff["overall"]["claimed"]["change"] == 0


@needs_demo
def test_demo_text_output_in_spanish(tmp_path):
    r = posture("score", str(DEMO), workspace=tmp_path, lang="es")
    assert r.returncode == 0, r.stderr
    assert "Cobertura:" in r.stdout and "limitado a 40" in r.stdout
    r = posture("plan", str(DEMO), "--top", "3", workspace=tmp_path, lang="es")
    assert r.returncode == 0 and "riesgo" in r.stdout and "vence" in r.stdout


def test_value_outside_scale_and_drift_are_reported(tmp_path):
    assert posture("new", "--vendor", "V", "--site", "S", "--checklist", str(FIXTURE), "--slug", "v-s",
                   workspace=tmp_path).returncode == 0
    path = tmp_path / "v-s" / "assessment.yaml"
    original = path.read_text()
    path.write_text(original.replace("answers: {}", "answers:\n  GOV-02: {value: maybe, method: interview}"))
    r = posture("score", "v-s", "--checklist", str(FIXTURE), workspace=tmp_path)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stderr.strip().splitlines() == [r.stderr.strip()]
    assert "assessment.yaml:" in r.stderr and "answers.GOV-02.value" in r.stderr and "'maybe'" in r.stderr

    path.write_text(original)
    changed = tmp_path / "v2.yaml"
    changed.write_text(FIXTURE.read_text().replace("Is MFA used for remote access?", "Is MFA enforced everywhere?"))
    r = posture("score", "v-s", "--checklist", str(changed), workspace=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "the checklist changed" in r.stderr and "1 changed" in r.stderr


def test_new_with_unknown_framework_is_one_line(tmp_path):
    r = posture("new", "--vendor", "V", "--site", "S", "--checklist", str(FIXTURE), "--framework", "nist-csf",
                workspace=tmp_path)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stderr.count("\n") == 1 and "nist-csf" in r.stderr
    assert not any(tmp_path.iterdir())
