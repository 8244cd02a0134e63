"""A full-size assessment built from the bundled catalogs, for tests and the benchmark while the demo is
young: one question per ISO Annex A control, PCI DSS x.y heading and LFPDPPP obligation (212 in all),
deterministic answers of every kind, and a probe run with 24 findings, some contradicting answers."""

from __future__ import annotations

import hashlib
from pathlib import Path

from posture.assessment import (
    Answer,
    Assessment,
    ChecklistRef,
    Evidence,
    Signoff,
    question_hashes,
    save_assessment,
    slugify,
)
from posture.content import Checklist, Library, Question, Section, bundled_library
from posture.content._scales import BUILTIN_SCALES
from posture.findings import Finding, ProbeRun, questions_for_check

VENDOR = "Servicios Telefónicos del Bajío, S.A. de C.V."
HOSTILE_NOTE = ('<img src="file:///etc/passwd"> <link rel="attachment" href="file:///etc/hostname"> '
                '<style>body{background:url(http://127.0.0.1:9/x.png)}</style> & "ñandú"')
_OWNERS = ("management", "security", "it", "network", "telephony", "hr", "facilities", "legal", "operations")
_CRIT = ("critical", "high", "medium", "medium", "low")
_YES_NO = ("yes", "yes", "partial", "no", "yes", "no", "yes")
_MATURITY = ("3", "4", "2", "1", "5", "0", "3")


def _h(text: str) -> int:
    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16)


def _checklist() -> Checklist:
    lib = bundled_library()
    checks = sorted(lib.probe_checks)
    sections = []
    for cat_id, prefix in (("iso27001-2022", "ISO"), ("pci-dss-4.0.1", "PCI"), ("lfpdppp-2025", "LEY")):
        catalog = lib.catalogs[cat_id]
        by_group: dict[str, list] = {}
        for control in catalog.coverage_targets():
            group = control.group or (catalog.control(control.parent).group if control.parent else "") or "other"
            by_group.setdefault(group, []).append(control)
        for group_id, controls in by_group.items():
            group = catalog.group(group_id)
            title = group.title if group else {"es": group_id, "en": group_id}
            sid = f"{prefix}-{group_id}"
            questions = []
            for n, control in enumerate(controls, 1):
                qid = f"{sid.upper()[:12]}-{n:02d}"
                h = _h(qid)
                probe = (checks[h % len(checks)],) if h % 4 == 0 else ()
                questions.append(Question(
                    id=qid, section_id=sid,
                    text={"es": f"¿Se cumple «{control.title['es']}»?", "en": f"Is '{control.title['en']}' met?"},
                    guidance={"es": "Pida la evidencia.", "en": "Ask for the evidence."},
                    remediation={"es": f"Implante y documente: {control.title['es']}.",
                                 "en": f"Implement and document: {control.title['en']}."},
                    scale="maturity" if h % 3 == 0 else "yes-no", weight=1 + h % 5, criticality=_CRIT[h % 5],
                    maps_to={cat_id: (control.id,)}, effort="SML"[h % 3], owner=_OWNERS[h % len(_OWNERS)],
                    probe_checks=probe,
                ))
            sections.append(Section(sid, {"es": f"{catalog.short_name}: {title['es']}",
                                          "en": f"{catalog.short_name}: {title['en']}"}, tuple(questions)))
    return Checklist(id="synthetic-bpo", version="0.9", title={"es": "Lista sintética", "en": "Synthetic list"},
                     languages=["es", "en"], catalogs=["iso27001-2022", "pci-dss-4.0.1", "lfpdppp-2025"],
                     sections=sections, scales=dict(BUILTIN_SCALES), content_hash="5" * 64)


def library() -> Library:
    base = bundled_library()
    checklist = _checklist()
    return Library(catalogs=dict(base.catalogs), checklists={checklist.id: checklist},
                   probe_checks=dict(base.probe_checks))


def _answer(q: Question, index: int, folder: Path) -> Answer | None:
    h = _h(q.id + "answer")
    if h % 23 == 0:
        return None  # unanswered
    if h % 19 == 0:
        return Answer("na", method="interview", na_justification="El sitio no opera esa función; lo atiende el "
                      "corporativo.", qid=q.id)
    values = _MATURITY if q.scale == "maturity" else _YES_NO
    method = ("interview", "document", "observation", "technical-test")[h % 4]
    evidence = []
    if method != "interview" and h % 3 == 0:
        name = f"evidence/{q.id.lower()}.txt"
        body = f"Evidencia de {q.id}\n".encode()
        (folder / "evidence").mkdir(exist_ok=True)
        (folder / name).write_bytes(body)
        evidence.append(Evidence(name, hashlib.sha256(body).hexdigest(), "2026-02-10T12:00:00+00:00"))
    note = HOSTILE_NOTE if index == 0 else ("Confirmado con el gerente de TI." if h % 5 == 0 else "")
    return Answer(values[h % len(values)], method=method, note=note, evidence=evidence,
                  answered_by="Ana Pérez", answered_at="2026-02-10T12:00:00+00:00", qid=q.id)


def _probe_run(checklist: Checklist) -> ProbeRun:
    checks = list(bundled_library().probe_checks.values())
    findings = []
    for i in range(24):
        check = checks[i % len(checks)]
        port = None if i % 7 == 6 else 20 + i * 37
        findings.append(Finding(
            check_id=check.id, severity=check.severity, host=f"203.0.113.{10 + i % 5}", port=port,
            protocol="tcp" if port else "", title=check.title, description=check.description,
            remediation=check.remediation, evidence=f"banner: Service/{i}.0 <script>alert(1)</script>",
            maps_to={k: list(v) for k, v in check.maps_to.items()},
            questions=questions_for_check(checklist, check.id), observed_at="2026-02-11T09:30:00+00:00"))
    return ProbeRun(id="run-1", authorized_by="Luis Ortega (Director de TI)", started_at="2026-02-11T09:00:00+00:00",
                    finished_at="2026-02-11T09:45:00+00:00", targets=["203.0.113.0/28"], findings=findings,
                    window="2026-02-11 09:00–10:00", complete=False,
                    incomplete=["203.0.113.14: host timeout"], tools={"nmap": "7.94"})


def write_assessment(folder: Path, *, vendor: str = VENDOR, assessed_on: str = "2026-02-10",
                     shift: int = 0) -> Path:
    """Write a full assessment file into ``folder``; ``shift`` changes some answers (for trends)."""
    folder.mkdir(parents=True, exist_ok=True)
    checklist = _checklist()
    answers = {}
    for i, q in enumerate(checklist.questions):
        a = _answer(q, i, folder)
        if a is not None:
            if shift and _h(q.id + "shift") % 2 == 0 and a.value in ("no", "partial", "0", "1", "2"):
                a.value = "5" if q.scale == "maturity" else "yes"
            answers[q.id] = a
    assessment = Assessment(
        id=f"{slugify(vendor)[:40]}-{assessed_on}", vendor=vendor, site="Sitio León, Guanajuato", scope="Operación de "
        "cobranza y ventas por teléfono: 420 puestos, 2 turnos.", assessors=["Ana Pérez", "Jorge Ruiz Méndez"],
        checklist=ChecklistRef(checklist.id, checklist.version, checklist.content_hash, question_hashes(checklist)),
        frameworks=list(checklist.catalogs), assessed_on=assessed_on, created_at=f"{assessed_on}T09:00:00+00:00",
        answers=answers, probe_runs=[_probe_run(checklist)],
        signoff=Signoff("María López", "Gerente de cumplimiento", assessed_on, "Revisado y aceptado."),
    )
    return save_assessment(assessment, folder / "assessment.yaml")


# The demo with action statuses (conftest.demo_statuses): the report date its tests use (the demo was
# assessed 2026-03-10) and the risk acceptance it records.
REPORT_DAY = "2026-11-30"
ACCEPTED = {"justification": "Piso sin teléfonos al migrar la campaña", "owner": "Dirección de riesgos",
            "expires": "2027-01-31"}
