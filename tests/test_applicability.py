"""One applicability rule, answered the same by every reader (DEVELOPERS.md "Content is data";
posture.content._coverage): a control the checklist excludes, itself or through an excluded parent, is excluded
even when questions map to it (the exclusion wins).

The content is built here on the bundled PCI DSS catalog: requirement 9 is excluded as a whole (its headings
9.1-9.5 with it), heading 3.3 is excluded by name, and questions map to 9.4.1 (under 9.4, under 9) and 3.3.1
(under 3.3): both excluded controls are covered too. Heading 1.2 is covered and not excluded. Coverage
(`posture validate --coverage` and coverage()), `posture soa` (a real subprocess), the report's view model and
the OSCAL assessment results must agree on every heading.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

from posture.assessment import Answer, load_with_checklist, save_assessment
from posture.content import applicability, bundled_library, coverage, load_checklist
from posture.report import load
from posture.report._oscal import assessment_results, target_id
from posture.report._view import build_view

PCI = "pci-dss-4.0.1"
WHY_9 = {"es": "Sin terminales de tarjeta presente en el piso", "en": "No card-present terminals on the floor"}
WHY_33 = {"es": "No se guardan datos sensibles de autenticación", "en": "No sensitive authentication data kept"}


def _question(qid: str, control: str) -> str:
    return f"""
      - id: "{qid}"
        text: {{es: "¿Pregunta {qid}?", en: "Question {qid}?"}}
        guidance: {{es: "Pida evidencia.", en: "Ask for evidence."}}
        remediation: {{es: "Seguridad corrige {qid}.", en: "Security fixes {qid}."}}
        scale: yes-no
        weight: 3
        criticality: medium
        maps_to: {{{PCI}: ["{control}"]}}
        effort: S
        owner: security"""


CHECKLIST = f"""kind: checklist
schema_version: 1
id: applicability-case
version: "1.0.0"
title: {{es: "Caso de aplicabilidad", en: "Applicability case"}}
languages: [es, en]
catalogs: [{PCI}]
coverage: partial
sections:
  - id: s
    title: {{es: "Sección", en: "Section"}}
    questions:{_question("AP-01", "1.2.1")}{_question("AP-02", "9.4.1")}{_question("AP-03", "3.3.1")}
not_applicable:
  - catalog: {PCI}
    controls: ["9"]
    rationale: {{es: "{WHY_9['es']}", en: "{WHY_9['en']}"}}
  - catalog: {PCI}
    controls: ["3.3"]
    rationale: {{es: "{WHY_33['es']}", en: "{WHY_33['en']}"}}
"""


def posture(*args, workspace: Path):
    env = {"POSTURE_WORKSPACE": str(workspace), "PATH": "/usr/bin:/bin", "POSTURE_LANG": "en"}
    return subprocess.run([sys.executable, "-m", "posture", *args], capture_output=True, text=True, env=env,
                          timeout=120)


def test_coverage_soa_report_and_oscal_agree_when_exclusion_and_mapping_meet(tmp_path):
    source = tmp_path / "applicability-case.yaml"
    source.write_text(CHECKLIST, encoding="utf-8")
    catalog = bundled_library().catalogs[PCI]
    headings = [c.id for c in catalog.coverage_targets()]
    expected_excluded = {c for c in headings if c.startswith("9.")} | {"3.3"}
    assert {"9.1", "9.4", "9.5"} <= expected_excluded and "1.2" not in expected_excluded

    # validate: valid (exit 0), and a located warning at each mapping the exclusion overrides
    r = posture("validate", "--coverage", str(source), workspace=tmp_path / "ws")
    assert r.returncode == 0, r.stderr
    warned = [line for line in r.stderr.splitlines() if line.startswith("warning: ")]
    assert len(warned) == 2, r.stderr
    line = next(i for i, text in enumerate(CHECKLIST.splitlines(), 1) if '["9.4.1"]' in text)
    assert any(f"{source}:{line}:" in w and "'9.4.1'" in w and "not_applicable[0] (9)" in w for w in warned), warned
    assert any("'3.3.1'" in w and "not_applicable[1] (3.3)" in w for w in warned), warned
    assert "excluded, though mapped by AP-02 (the exclusion wins): 9.4" in r.stdout, r.stdout

    # the rule itself, and coverage
    checklist = load_checklist(source)
    rule = applicability(checklist, catalog)
    assert rule["9.4"].excluded_by == "9" and rule["9.4"].questions == ("AP-02",) and rule["9.4"].conflict
    assert rule["9.4.1"].excluded_by == "9" and rule["9.1"].excluded_by == "9" and not rule["9.1"].questions
    assert rule["3.3"].excluded_by == "3.3" and rule["3.3.1"].excluded_by == "3.3"
    assert rule["1.2"].covered and rule["1.2"].state == "covered" and rule["2.1"].state == "missing"
    [cov] = coverage(checklist, {PCI: catalog})
    assert set(cov.excluded) == expected_excluded
    assert cov.conflicts == {"9.4": ["AP-02"], "3.3": ["AP-03"]}
    assert set(cov.covered) == {"1.2"}

    # an assessment answering every question "yes" (a covered control would score 100 if it counted)
    ws = tmp_path / "ws"
    r = posture("new", "--vendor", "Caso", "--site", "Uno", "--checklist", str(source), "--date", "2026-01-10",
                workspace=ws)
    assert r.returncode == 0, r.stderr
    path = ws / "caso-uno" / "assessment.yaml"
    assessment, _ = load_with_checklist(path)
    answers = {q: Answer("yes", qid=q) for q in ("AP-01", "AP-02", "AP-03")}
    save_assessment(dataclasses.replace(assessment, answers=answers), path)

    # posture soa, in a subprocess
    r = posture("soa", "caso-uno", "--framework", PCI, "--json", workspace=ws)
    assert r.returncode == 0, r.stderr
    soa = {e["control"]: e for e in json.loads(r.stdout)}
    assert list(soa) == headings
    assert {c for c, e in soa.items() if not e["applicable"]} == expected_excluded
    assert soa["9.4"]["justification"] == WHY_9 and soa["9.4"]["questions"] == ["AP-02"]
    assert soa["9.4"]["claimed"] is None and soa["3.3"]["justification"] == WHY_33
    assert soa["1.2"]["applicable"] and soa["1.2"]["claimed"] == 100.0
    r = posture("soa", "caso-uno", workspace=ws)  # PCI declares no SoA of its own: say how to ask for one
    assert r.returncode == 1 and "--framework" in r.stderr and "Traceback" not in r.stderr

    # the report's view model: the PCI table (grouped under requirements), rows and the requirement row
    loaded = load(path)
    view = build_view(loaded, "en")
    detail = view.detail(PCI)
    rows = {row["id"]: row for g in detail["groups"] for row in g["rows"]}
    assert list(rows) == headings
    assert {c for c, row in rows.items() if row["applicable"] == "No"} == expected_excluded
    assert rows["9.4"]["why"] == f"Excluded: {WHY_9['en']}" and rows["9.4"]["status"] == "—"
    assert rows["3.3"]["why"] == f"Excluded: {WHY_33['en']}" and rows["3.3"]["claimed"] == "—"
    assert rows["1.2"]["applicable"] == "Yes" and rows["1.2"]["css"] == "ok"
    head_9 = next(g["head"] for g in detail["groups"] if g["head"]["id"] == "9")
    assert head_9["css"] == "na" and head_9["status"] == "—"

    # OSCAL: no finding for an excluded control; every excluded one listed as excluded from the review
    result = assessment_results(loaded, "en")["assessment-results"]["results"][0]
    targets = {f["target"]["target-id"] for f in result.get("findings", [])}
    assert target_id(PCI, "1.2") in targets and target_id(PCI, "1.2.1") in targets
    for cid in ("9", "9.4", "9.4.1", "3.3", "3.3.1"):
        assert target_id(PCI, cid) not in targets, cid
    [selection] = result["reviewed-controls"]["control-selections"]
    excluded = {x["control-id"] for x in selection["exclude-controls"]}
    assert {target_id(PCI, c) for c in expected_excluded} <= excluded
    assert target_id(PCI, "1.2") not in excluded and target_id(PCI, "9") in excluded
