"""Exports validated against their schemas: posture's JSON schema and NIST's OSCAL 1.0.4 schemas."""

from __future__ import annotations

import csv
import io
import json
import stat
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import synthetic

from posture.report import assessment_results, export_csv, export_data, poam

ROOT = Path(__file__).parents[2]
OSCAL = ROOT / "tests" / "data" / "reference" / "oscal-1.0.4"


def _oscal_validator(name: str) -> jsonschema.Draft7Validator:
    # Python's re lacks \p{..}; the README of the copied schemas gives this substitution.
    text = (OSCAL / name).read_text().replace("\\\\p{L}", "[^\\\\W\\\\d_]").replace("\\\\p{N}", "\\\\d")
    schema = json.loads(text)
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())


def _errors(validator, doc) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)][:5]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_oscal_documents_validate_against_nist_schemas(synthetic_loaded, demo_loaded, demo_statuses, lang):
    ar, pm = _oscal_validator("oscal_assessment-results_schema.json"), _oscal_validator("oscal_poam_schema.json")
    for loaded in (synthetic_loaded, demo_loaded, demo_statuses):
        results = assessment_results(loaded, lang)
        assert _errors(ar, results) == []
        assert _errors(pm, poam(loaded, lang)) == []
        assert len(results["assessment-results"]["results"][0]["findings"]) > 50
    broken = assessment_results(synthetic_loaded, lang)
    broken["assessment-results"]["results"][0]["findings"][0]["target"]["target-id"] = "5.1"  # not a token
    assert _errors(ar, broken)


def test_json_export_matches_its_schema(synthetic_loaded):
    schema = json.loads((ROOT / "posture" / "schemas" / "report-export.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    data = export_data(synthetic_loaded)
    assert _errors(validator, data) == []
    assert len(data["plan"]) == len(synthetic_loaded.plan.items) and len(data["findings"]) == 24
    assert set(data["answers"]) == set(synthetic_loaded.assessment.answers)
    first = next(iter(synthetic_loaded.assessment.answers))
    assert {"question": first, "note": synthetic.HOSTILE_NOTE} in data["notes"]
    assert len(data["soa"]) == 93 and all(e["justification"] for e in data["soa"] if not e["applicable"])
    fw = data["scores"]["frameworks"]["iso27001-2022"]
    assert fw["claimed_grade"]["letter"] in "ABCD" and fw["claimed_uncapped"] >= fw["claimed"]
    data["plan"][0]["priority"] = "P9"
    assert _errors(validator, data)


def test_csv_is_utf8_with_bom_and_keeps_accents(synthetic_loaded):
    raw = export_csv(synthetic_loaded, "es")
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Id de acción", "Título", "Prioridad", "Riesgo (1–25)"]
    assert len(rows) == len(synthetic_loaded.plan.items) + 1
    assert any("ó" in cell for row in rows[1:] for cell in row)


def _posture(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "posture", *args], capture_output=True, text=True, timeout=120)


def test_cli_writes_owner_only_files(tmp_path, demo_loaded):
    demo = str(demo_loaded.assessment.path)
    out = tmp_path / "r.pdf"
    done = _posture("report", demo, "-o", str(out), "--lang", "es", "--audience", "executive")
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF") and stat.S_IMODE(out.stat().st_mode) == 0o600
    for fmt, name in (("json", "x.json"), ("csv", "x.csv"), ("html", "x.html"), ("oscal", "oscal")):
        done = _posture("export", demo, "--format", fmt, "-o", str(tmp_path / name))
        assert done.returncode == 0, done.stderr
    for f in (tmp_path / "x.json", tmp_path / "x.csv", tmp_path / "x.html", tmp_path / "oscal" / "poam.json"):
        assert stat.S_IMODE(f.stat().st_mode) == 0o600, f
    html = (tmp_path / "x.html").read_text()
    assert "<style>" in html and "http" not in html.split("<body>")[0].replace("http://www.w3.org", "")


def test_cli_bad_input_is_one_line_with_location(tmp_path):
    bad = tmp_path / "assessment.yaml"
    bad.write_text("kind: assessment\nformat_version: 1\nid: x\nvendor: 3\n")
    done = _posture("report", str(bad), "-o", str(tmp_path / "o.pdf"))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.count("\n") >= 1 and str(bad.name) in done.stderr.splitlines()[0]
    assert not (tmp_path / "o.pdf").exists()
    done = _posture("portfolio", str(tmp_path / "nowhere"), "-o", str(tmp_path / "p.pdf"))
    assert done.returncode == 1 and "Traceback" not in done.stderr and "nowhere" in done.stderr


def _schema_fields(node, prefix=""):
    if not isinstance(node, dict):
        return
    for key, value in node.get("properties", {}).items():
        yield prefix + key, value
        yield from _schema_fields(value, prefix + key + ".")
    if isinstance(node.get("additionalProperties"), dict):
        yield from _schema_fields(node["additionalProperties"], prefix + "*.")
    if isinstance(node.get("items"), dict):
        yield from _schema_fields(node["items"], prefix + "[].")


def test_json_schema_is_described_and_documented():
    schema = json.loads((ROOT / "posture" / "schemas" / "report-export.schema.json").read_text())
    assert schema["$id"].startswith("urn:posture:schema:report-export:")
    assert "example" not in schema["$id"] and "invalid" not in schema["$id"]
    assert schema["properties"]["format"]["const"].endswith(schema["$id"].rsplit(":", 1)[1])
    doc = (ROOT / "docs" / "exports.md").read_text(encoding="utf-8")
    fields = list(_schema_fields(schema))
    assert len(fields) > 70
    assert [path for path, spec in fields if not spec.get("description")] == []
    assert [path for path, _ in fields if f"`{path}`" not in doc] == []


def test_portfolio_one_page_with_trend_and_verdict(tmp_path):
    import synthetic
    from pdftext import page_count, pdf_text

    from posture.report import render_portfolio
    synthetic.write_assessment(tmp_path / "a-2025", assessed_on="2025-08-01")
    synthetic.write_assessment(tmp_path / "a-2026", assessed_on="2026-02-10", shift=1)
    synthetic.write_assessment(tmp_path / "b", vendor="Otro Proveedor BPO")
    pdf, n, _ = render_portfolio(tmp_path, "es", synthetic.library())
    assert n == 3 and page_count(pdf) == 1
    text = pdf_text(pdf, layout=True)
    assert "Otro Proveedor BPO" in text and "primera" in text
    # every row is capped at 40: the graded overall holds (=), the uncapped average rose (▲ … sin límite)
    assert "= +0,0" in text or "= +0.0" in text
    assert "▲" in text and "sin límite" in text
    assert text.count("Rechazar") == 3 and text.count("40% †") >= 3  # the verdict and the graded overall


def test_json_counts_from_one_report_date_as_the_other_views(demo_loaded, tmp_path):
    """Overdue actions and the next review count from the report date (today unless --on), as `posture score`,
    `posture plan`, the PDF and the portfolio do; the JSON records the date."""
    data = export_data(demo_loaded, "2026-11-30")
    assert data["report_date"] == "2026-11-30"
    # the demo was assessed 2026-03-10: every one of its 74 open actions was due by 2026-06-08
    assert sum(item["overdue"] for item in data["plan"]) == 74 == len(data["plan"])
    assert data["verdict"]["verdict"] == "reject" and data["verdict"]["next_review"] == "2027-02-28"  # + 3 months
    on_assessment_day = export_data(demo_loaded, "2026-03-10")
    assert not any(item["overdue"] for item in on_assessment_day["plan"])
    assert on_assessment_day["verdict"]["next_review"] == "2026-06-10"
    demo = str(demo_loaded.assessment.path)
    exported = _posture("export", demo, "--format", "json", "--on", "2026-11-30")
    scored = _posture("score", demo, "--json", "--on", "2026-11-30")
    planned = _posture("plan", demo, "--json", "--on", "2026-11-30")
    assert exported.returncode == scored.returncode == planned.returncode == 0, exported.stderr
    cli = json.loads(exported.stdout)
    assert cli["verdict"] == json.loads(scored.stdout)["verdict"]
    assert [i["overdue"] for i in cli["plan"]] == [i["overdue"] for i in json.loads(planned.stdout)["items"]]
    today = json.loads(_posture("export", demo, "--format", "json").stdout)
    # the command's own today (a subprocess: POSTURE_TEST_DAYS_AHEAD moves only this process's clock)
    system_today = subprocess.run([sys.executable, "-c", "import datetime; print(datetime.date.today())"],
                                  capture_output=True, text=True, check=True).stdout.strip()
    assert today["report_date"] == system_today
    bad = _posture("export", demo, "--format", "json", "--on", "30/11/2026")
    assert bad.returncode == 1 and "--on" in bad.stderr and "Traceback" not in bad.stderr


def test_json_carries_action_statuses_and_validates(demo_statuses):
    from synthetic import ACCEPTED
    schema = json.loads((ROOT / "posture" / "schemas" / "report-export.schema.json").read_text())
    data = export_data(demo_statuses, "2026-11-30")
    assert _errors(jsonschema.Draft202012Validator(schema), data) == []
    plan = {item["id"]: item for item in data["plan"]}
    assert plan["eliminate-stored-sad"]["status"]["status"] == "done"
    assert plan["phone-free-floor"]["status"] == {"status": "risk-accepted", **ACCEPTED,
                                                   "updated_at": "2026-11-20T10:00:00-06:00"}
    assert not plan["eliminate-stored-sad"]["overdue"] and plan["whatsapp-official-api"]["overdue"]
    assert sum(i["overdue"] for i in data["plan"]) == 74 - 4  # done, compensated and two acceptances are not
    first = plan["close-internet-admin-exposure"]
    assert first["gain"]["pci-dss-4.0.1"] == 0.0 and first["uncapped_gain"]["pci-dss-4.0.1"] > 0
    assert first["lifts_cap"]["pci-dss-4.0.1"] == {"k": 1, "n": 4}


def _undescribed(data, node, schema, path="") -> list[str]:
    """Keys of ``data`` the schema does not name (so docs/exports.md cannot describe them either)."""
    while isinstance(node, dict) and "$ref" in node and "properties" not in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
    if not isinstance(node, dict):
        return []
    out = []
    if isinstance(data, dict):
        props = node.get("properties")
        extra = node.get("additionalProperties")
        for key, value in data.items():
            if props is not None and key in props:
                out += _undescribed(value, props[key], schema, f"{path}{key}.")
            elif isinstance(extra, dict):
                out += _undescribed(value, extra, schema, f"{path}*.")
            elif props is not None:
                out.append(path + key)
    elif isinstance(data, list) and isinstance(node.get("items"), dict):
        for value in data:
            out += _undescribed(value, node["items"], schema, f"{path}[].")
    return sorted(set(out))


def test_every_exported_field_is_in_the_schema(demo_statuses, synthetic_loaded):
    """The export and its schema cannot drift apart: every key the JSON holds is a described schema field."""
    schema = json.loads((ROOT / "posture" / "schemas" / "report-export.schema.json").read_text())
    for loaded in (demo_statuses, synthetic_loaded):
        assert _undescribed(export_data(loaded, "2026-11-30"), schema, schema) == []
    assert _undescribed({"plan": [{"id": "x", "surprise": 1}]}, schema, schema) == ["plan.[].surprise"]
