"""Write the bundled demo assessment, "Centro de Contacto Demo", against the real checklist.

Deterministic: the same checklist gives the same file. Run it again whenever the checklist changes:

    .venv/bin/python demo/make_demo.py
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from posture.assessment import (
    Answer,
    Assessment,
    ChecklistRef,
    Evidence,
    attach_probe_run,
    dump_assessment,
    question_hashes,
    sha256_file,
)
from posture.content import bundled_library

HERE = Path(__file__).resolve().parent / "centro-de-contacto-demo"
CHECKLIST = "bpo-contact-center"
DAY = "2026-03-10"
STAMP = "2026-03-10T16:00:00-06:00"
ASSESSORS = ["Mariana López (Seguridad)", "Jorge Ramírez (Auditoría)"]

# Hand-written answers: value, method, note, evidence file (or N/A justification for "na").
NOTES: dict[str, tuple[str, str, str, str | None]] = {
    "GOV-01": ("yes", "document", "Política v4.1 aprobada por la Dirección General el 12/02/2025; ver extracto.",
               "politica-seguridad-extracto.md"),
    "PAY-02": ("no", "observation", "En una muestra de 20 grabaciones de cobranza, 3 contienen el CVV dictado por el "
               "cliente: la pausa de grabación es manual y los agentes la omiten.", None),
    "TEL-14": ("1", "observation", "La pausa depende del agente; no hay enmascaramiento DTMF ni pausa automática.",
               None),
    "FLR-05": ("no", "observation", "Se vieron celulares en 4 posiciones del piso de pagos; la regla existe pero no "
               "se hace cumplir.", None),
    "NET-05": ("no", "technical-test", "El RDP del servidor de grabaciones responde desde internet (regla 30 del "
               "firewall, «temporal» desde 2024).", "firewall-reglas-export.txt"),
    "IAM-05": ("partial", "document", "MFA en la VPN y en la consola del CCaaS; las cuentas de administrador del "
               "dominio no tienen MFA.", None),
    "PEO-05": ("yes", "document", "Listas de asistencia de la inducción de enero a marzo de 2026.",
               "capacitacion-induccion-2026.csv"),
    "PEO-11": ("partial", "interview", "RH avisa por correo; en fines de semana el aviso llega 2–3 días tarde.", None),
    "VUL-04": ("partial", "document", "Windows al día; el SBC y la PBX llevan 8 meses sin actualizar.", None),
    "INC-01": ("yes", "document", "Plan de respuesta a incidentes v3, aprobado en noviembre de 2025.", None),
    "LFP-02": ("yes", "document", "Contratos con anexo de encargado firmados con los 4 clientes activos.", None),
    "LFP-03": ("yes", "interview", "Segregación por campaña en el CRM según TI; no se verificó en el sistema.", None),
    "MSG-01": ("no", "interview", "Dos supervisores usan WhatsApp personal para recordatorios de pago.", None),
    "DSK-04": ("partial", "observation", "Citrix bloquea el portapapeles pero permite mapear unidades locales.", None),
    "NET-02": ("partial", "document", "Hay reglas por zona, pero la regla 30 permite RDP desde cualquier origen.",
               "firewall-reglas-export.txt"),
    "LOG-02": ("yes", "observation", "Se revisó la bitácora del CRM: cada consulta queda con usuario y hora.", None),
    # Not applicable, each with its reason.
    "DSK-13": ("na", "interview", "", "No hay agentes en casa: toda la operación es presencial en Guadalajara."),
    "NET-08": ("na", "interview", "", "No hay agentes en casa, por lo que no hay túneles de teletrabajo."),
    "PAY-10": ("na", "document", "", "El BPO no almacena números de tarjeta: la captura va directo a la pasarela "
               "del cliente."),
    "PAY-13": ("na", "interview", "", "Las ligas de pago las aloja cada cliente, no el BPO."),
    "LFP-17": ("na", "interview", "", "No hay posiciones fuera de México; los datos no salen del país."),
    "NET-04": ("na", "interview", "", "No se operan plataformas compartidas: cada cliente tiene su propio tenant."),
    "FLR-17": ("na", "observation", "", "Ningún equipo sale de las instalaciones; los supervisores usan equipos "
               "fijos."),
    "IAM-12": ("na", "interview", "", "No hay desarrollo propio: el CRM y el IVR los configura cada cliente."),
}


def build() -> Assessment:
    checklist = bundled_library().checklists[CHECKLIST]
    rng = random.Random(27001)
    answers: dict[str, Answer] = {}
    hashes = question_hashes(checklist)
    for q in checklist.questions:
        scale = checklist.scale_of(q)
        hand = NOTES.get(q.id)
        if hand is not None:
            value, method, note, extra = hand
            evidence = []
            justification = ""
            if value == "na":
                justification = extra or ""
            elif extra:
                path = HERE / "evidence" / extra
                evidence = [Evidence(f"evidence/{extra}", sha256_file(path), DAY)]
        else:
            roll = rng.random()
            if roll < 0.15:
                continue  # unanswered: about 85 % answered
            if q.scale == "yes-no":
                value = rng.choices(["yes", "partial", "no"], weights=[55, 27, 18])[0]
            else:
                value = rng.choices([o.value for o in scale.options], weights=[5, 15, 30, 30, 15, 5])[0]
            methods = ["interview", "document", "observation", "technical-test"]
            weights = [45, 30, 15, 10] if not q.probe_checks else [30, 20, 10, 40]
            method = rng.choices(methods, weights=weights)[0]
            note, evidence, justification = "", [], ""
        answers[q.id] = Answer(value=value, method=method, note=note, na_justification=justification,
                               evidence=evidence, answered_by=ASSESSORS[len(answers) % 2], answered_at=STAMP,
                               question_hash=hashes[q.id], qid=q.id)
    return Assessment(
        id="centro-de-contacto-demo", vendor="Centro de Contacto Demo", site="Guadalajara — Torre Norte",
        scope="Cobranza y atención a clientes de 4 clientes financieros; 320 posiciones presenciales; un sitio.",
        assessors=list(ASSESSORS), checklist=ChecklistRef(checklist.id, checklist.version, checklist.content_hash,
                                                          hashes),
        frameworks=list(checklist.catalogs), assessed_on=DAY, created_at="2026-03-09T09:00:00-06:00",
        updated_at=STAMP, answers=answers,
    )


SCAN = HERE / "perimeter-nmap.xml"  # the vendor's IT ran nmap; the assessor imported it
AUTHORIZATION = "OT-2026-031 (Dirección de TI de Centro de Contacto Demo, 2026-03-02)"


def attach_scan(target: Path) -> int:
    """Import the demo's nmap XML through the real probes code, with fixed times so the file is stable."""
    from posture.probes import import_nmap  # an adapter: only this script needs it

    run = import_nmap(SCAN, authorized_by=AUTHORIZATION)
    run.id, run.started_at, run.finished_at = "import-20260310T150000Z", "2026-03-10T09:00:00-06:00", \
        "2026-03-10T09:05:00-06:00"
    run.contact = "Jorge Ramírez (Auditoría)"
    for finding in run.findings:
        finding.observed_at = run.finished_at
    return len(attach_probe_run(target, run))


def main() -> int:
    assessment = build()
    target = HERE / "assessment.yaml"
    target.write_bytes(dump_assessment(assessment))
    contradicted = attach_scan(target)
    for leftover in (target.with_name("assessment.yaml.bak"), target.with_name("assessment.yaml.lock")):
        leftover.unlink(missing_ok=True)
    print(f"{target}: {contradicted} answers contradicted by the perimeter scan", file=sys.stderr)
    answered = len(assessment.answers)
    total = len(bundled_library().checklists[CHECKLIST].questions)
    print(f"{target}: {answered}/{total} answered", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
