"""Every word the report prints, in Spanish and English (templates look them up by key)."""

from __future__ import annotations

from posture.i18n import both
from posture.vocabulary import (
    ActionStatus,
    AnswerValue,
    Audience,
    Confidence,
    Grade,
    Method,
    Severity,
    Verdict,
    first_upper,
)

# Labels of stored values (severity, method, status, …) come from posture.vocabulary: the keys below that
# name one ("sev_critical", "method_interview") only look it up, so templates keep t("sev_" ~ f.severity).

STRINGS: dict[str, dict[str, str]] = {
    "title": both("Evaluación de la postura de seguridad", "Security posture assessment"),
    "subtitle": both("Informe de evaluación: {frameworks}", "Assessment report: {frameworks}"),
    "list_last": both("{first} y {last}", "{first} and {last}"),
    "confidential": both("CONFIDENCIAL", "CONFIDENTIAL"),
    "confidential_note": both(
        "Documento confidencial. Contiene hallazgos de seguridad sobre el proveedor evaluado; distribúyalo solo a "
        "quien deba conocerlo.",
        "Confidential document. It holds security findings about the assessed vendor; share it only with those "
        "who need to know."),
    "vendor": both("Proveedor", "Vendor"),
    "site": both("Sitio", "Site"),
    "scope": both("Alcance", "Scope"),
    "assessed_on": both("Fecha de la evaluación", "Assessment date"),
    "updated_at": both("Última modificación", "Last modified"),
    "generated_on": both("Informe generado", "Report generated"),
    "assessors": both("Evaluadores", "Assessors"),
    "assessment_id": both("Identificador", "Identifier"),
    "file_hash": both("SHA-256 del archivo de evaluación", "Assessment file SHA-256"),
    **{f"audience_{a.value}": a.cap_label for a in Audience},
    "page": both("Página", "Page"),
    "of": both("de", "of"),
    "contents": both("Contenido", "Contents"),
    # scorecard
    "scorecard": both("Resumen ejecutivo", "Executive scorecard"),
    "overall": both("Calificación global", "Overall grade"),
    "claimed": both("Declarado", "Claimed"),
    "verified": both("Verificado", "Verified"),
    "claimed_long": both("Declarado (todas las respuestas)", "Claimed (every answer)"),
    "verified_long": both("Verificado (con evidencia registrada: archivo con su hash, hallazgo de red, o quién y "
                          "cuándo observó o probó)",
                          "Verified (evidence on record: a file with its hash, a probe finding, or who observed or "
                          "tested, and when)"),
    "framework": both("Marco", "Framework"),
    "grade": first_upper(Grade.term()),
    "capped": both("limitado al {cap} por {n} fallas críticas", "capped at {cap} by {n} critical failures"),
    "capped.one": both("limitado al {cap} por {n} falla crítica", "capped at {cap} by {n} critical failure"),
    "vendor_declared": both("{n} respuestas solo declaradas por el proveedor en su cuestionario: cuentan en la "
                            "puntuación declarada, no en la verificada",
                            "{n} answers only declared by the vendor in its questionnaire: they count in the claimed "
                            "score, not in the verified one"),
    "coverage": both("Cobertura: {answered} de {total} preguntas respondidas ({pct})",
                     "Coverage: {answered} of {total} questions answered ({pct})"),
    "verdict": both("Dictamen", "Verdict"),
    **{f"verdict_{v.value}": v.cap_label for v in Verdict},
    "next_review": both("Próxima revisión: {date}", "Next review: {date}"),
    "insufficient": both("Cobertura insuficiente", "Insufficient coverage"),
    "insufficient_why": both("Sin calificación: {pct} respondido y {scored} puntuado (mínimos {min_a} y {min_s}).",
                             "No grade: {pct} answered and {scored} scored (minimums {min_a} and {min_s})."),
    "basis_verified": both("Calificación sobre el verificado (el menor)", "Graded on verified (the lower)"),
    "basis_claimed": both("Calificación sobre el declarado (el menor)", "Graded on claimed (the lower)"),
    "basis_claimed-only": both("Solo declarado: nada verificado", "Claimed only: nothing verified"),
    "overall_rule": both(
        "La calificación global nunca es mejor que el peor marco: el general se limita a la menor puntuación de "
        "marco y la letra se califica sobre el menor de declarado y verificado.",
        "The overall is never better than its worst framework: it is limited to the lowest framework score, and "
        "the letter is graded on the lower of claimed and verified."),
    "overall_uncapped": both("Promedio sin límite: declarado {claimed}, verificado {verified}.",
                             "Uncapped average: claimed {claimed}, verified {verified}."),
    "verified_share": both("Respaldado por evidencia: {share} del peso evaluado.",
                           "Backed by evidence: {share} of the scored weight."),
    "verified_above": both(
        "El verificado supera al declarado porque solo cuenta las {n} respuestas con evidencia ({share} del peso).",
        "Verified exceeds claimed because it counts only the {n} evidenced answers ({share} of the weight)."),
    "na_share": both("«No aplica»: {n} respuestas ({share} de lo respondido).",
                     "Not applicable: {n} answers ({share} of those answered)."),
    "na_flag": both("Proporción alta de «No aplica» (más de {limit}): revise las justificaciones.",
                    "High share of not-applicable answers (over {limit}): check the justifications."),
    "carried": both("{n} respuestas arrastradas de la evaluación anterior: no cuentan como verificadas hasta "
                    "reconfirmarse.",
                    "{n} answers carried over from the previous assessment: not verified until re-confirmed."),
    "critical_unanswered": both("{n} de {total} preguntas críticas sin responder: no se puede afirmar que ninguna "
                                "falló.",
                                "{n} of {total} critical questions unanswered: no claim that none failed."),
    "no_plan_yet": both("Sin acciones aún: hay muy pocas respuestas para un plan.",
                        "No actions yet: too few answers for a plan."),
    "overdue": both("Acciones vencidas: {n}", "Overdue actions: {n}"),
    "lifts_cap": both("levanta el límite {k} de {n}", "lifts cap {k} of {n}"),
    "uncapped_short": both("sin límite", "uncapped"),
    "cap_release": both("Cerrar juntas todas las acciones que causan límites: {gains}.",
                        "Closing every cap-causing action together: {gains}."),
    **{f"status_{st.value}": st.label for st in ActionStatus},
    "overdue_mark": both("vencida", "overdue"),
    "more_findings": both("(y {n} hallazgos más sobre la misma pregunta)",
                          "(and {n} more findings on the same question)"),
    "more_findings.one": both("(y {n} hallazgo más sobre la misma pregunta)",
                              "(and {n} more finding on the same question)"),
    "critical_failures": both("Fallas críticas", "Critical failures"),
    "no_critical_failures": both("Ninguna pregunta crítica falló.", "No critical question failed."),
    "more_items": both("… y {n} más (ver el detalle)", "… and {n} more (see the detail)"),
    "top_risks": both("Los cinco riesgos principales", "Top five risks"),
    "no_risks": both("No hay acciones pendientes.", "No open actions."),
    "chart_title": both("Puntuación por sección", "Score by section"),
    "no_data": both("sin datos", "no data"),
    "contradicted": both("contradicha por el sondeo de red", "contradicted by the network probe"),
    "risk": both("Riesgo", "Risk"),
    # plan
    "plan": both("Plan de remediación", "Remediation plan"),
    "plan_intro": both(
        "Cada brecha es una acción. Riesgo = impacto × probabilidad (1–25); P1 ≥ {p1}, P2 ≥ {p2}. Plazos: P1 "
        "{d1} días, P2 {d2} días, P3 {d3} días desde la fecha de la evaluación. La ganancia es el aumento de la "
        "puntuación declarada de cada marco si la acción se completa (con el límite), los límites que levanta y lo "
        "que suma sin el límite («sin límite»).",
        "Each gap is an action. Risk = impact × likelihood (1–25); P1 ≥ {p1}, P2 ≥ {p2}. Due: P1 {d1} days, "
        "P2 {d2} days, P3 {d3} days from the assessment date. Gain is the rise in each framework's claimed "
        "score once the action is done (with the cap), the caps it lifts, and what it adds without the cap "
        "(\"uncapped\")."),
    "priority": both("Prioridad", "Priority"),
    "action": both("Acción", "Action"),
    "references": both("Referencias", "References"),
    "owner": both("Responsable", "Owner"),
    "due": both("Fecha límite", "Due date"),
    "effort": both("Esfuerzo", "Effort"),
    "gain": both("Ganancia", "Gain"),
    "points": both("pts", "pts"),
    "questions": both("Preguntas", "Questions"),
    "and_more": both("y {n} más", "and {n} more"),
    "findings_short": both("Hallazgos", "Findings"),
    "trend_since": both("Tendencia: {arrow} {delta} desde el {since}", "Trend: {arrow} {delta} since {since}"),
    "trend_none": both("Tendencia: sin calificación comparable con el {since}",
                       "Trend: no comparable grade with {since}"),
    "critical_na": both("Preguntas críticas marcadas «No aplica» ({n}): {ids}. Lea sus justificaciones antes de "
                        "aprobar (docs/scoring.md §11).",
                        "Critical questions marked not applicable ({n}): {ids}. Read their justifications before "
                        "approving (docs/scoring.md §11)."),
    "lifted_by": both("→ {priority} · {owner} · {due}: {action}", "→ {priority} · {owner} · {due}: {action}"),
    "plan_more": both("Las otras {n} acciones están en el informe completo: abiertas, {p1} P1, {p2} P2 y {p3} P3; "
                      "atendidas (hechas, compensadas o con riesgo aceptado): {handled}.",
                      "The other {n} actions are in the full report: open, {p1} P1, {p2} P2 and {p3} P3; handled "
                      "(done, compensated or risk accepted): {handled}."),
    "plan_count": both("{n} acciones: {p1} P1, {p2} P2, {p3} P3", "{n} actions: {p1} P1, {p2} P2, {p3} P3"),
    "plan_count.one": both("{n} acción: {p1} P1, {p2} P2, {p3} P3", "{n} action: {p1} P1, {p2} P2, {p3} P3"),
    # frameworks
    "detail": both("Detalle por marco", "Detail per framework"),
    "control": both("Control", "Control"),
    "applicable": both("Aplicable", "Applicable"),
    "yes": AnswerValue.YES.cap_label,
    "no": AnswerValue.NO.cap_label,
    "status": both("Estado", "Status"),
    "justification": both("Justificación", "Justification"),
    "excluded_by": both("Excluido: {why}", "Excluded: {why}"),
    "all_na": both("Todas sus preguntas «No aplica»: {why}", "All its questions are 'not applicable': {why}"),
    "in_place": both("Implementado", "In place"),
    "partial": AnswerValue.PARTIAL.cap_label,
    "gap": both("Brecha", "Gap"),
    "not_assessed": both("Sin evaluar", "Not assessed"),
    "not_covered": both("Sin pregunta en la lista", "No question in the checklist"),
    "requirement": both("Requisito", "Requirement"),
    "applies_to": both("Aplica a: {who}", "Applies to: {who}"),
    "applies_responsable": both("responsable", "controller"),
    "applies_encargado": both("encargado", "processor"),
    "applies_both": both("responsable y encargado", "controller and processor"),
    "mandatory_from": both("Obligatorio desde el {date}", "Mandatory from {date}"),
    "fraction": both("fr.", "fr."),
    "quote_source": both("{law}, {where} (DOF {dof})", "{law}, {where} (DOF {dof})"),
    "unverified_title": both("Referencias sin verificar", "Unverified references"),
    "unverified_note": both("{ref} ({control}), {confidence}: {note}", "{ref} ({control}), {confidence}: {note}"),
    "unverified_default": both("no verificada contra el texto publicado en el DOF.",
                               "not checked against the text published in the DOF."),
    "articles": both("Artículos", "Articles"),
    "confidence": both("confianza", "confidence"),
    **{f"conf_{c.value}": c.label for c in Confidence},
    # probes
    "probes": both("Anexo: sondeos de red", "Appendix: network probes"),
    "no_probes": both("No se hicieron sondeos de red en esta evaluación.",
                      "No network probes were run in this assessment."),
    "run": both("Ejecución", "Run"),
    "authorized_by": both("Autorizó", "Authorized by"),
    "imported": both("Importado", "Imported"),
    "imported_from": both("de {file}, el {at}", "from {file} on {at}"),
    "window": both("Ventana", "Window"),
    "targets": both("Objetivos", "Targets"),
    "started": both("Inicio", "Started"),
    "finished": both("Fin", "Finished"),
    "tools": both("Herramientas", "Tools"),
    "complete": both("Completa", "Complete"),
    "incomplete": both("Incompleta: {why}", "Incomplete: {why}"),
    "severity": both("Severidad", "Severity"),
    **{f"sev_{sev.value}": sev.cap_label for sev in Severity},
    "host": both("Equipo", "Host"),
    "finding": both("Hallazgo", "Finding"),
    "evidence_seen": both("Lo observado", "What was seen"),
    "contradictions": both("Contradicciones con las respuestas de la entrevista",
                           "Contradictions with interview answers"),
    "no_contradictions": both("Ninguna respuesta contradice los hallazgos.", "No answer contradicts the findings."),
    # methodology
    "methodology": both("Metodología", "Methodology"),
    "formulas": both("Fórmulas de puntuación", "Scoring formulas"),
    "formula_score": both(
        "Cada respuesta vale de 0 a 1 según su escala (Sí 1, Parcial 0.5, No 0; madurez n/5). La puntuación de "
        "una sección, un control o un marco es 100 × Σ(peso × valor) / Σ(peso) de sus preguntas respondidas; "
        "«No aplica» y las preguntas sin responder no cuentan.",
        "Each answer is worth 0 to 1 on its scale (Yes 1, Partial 0.5, No 0; maturity n/5). The score of a "
        "section, control or framework is 100 × Σ(weight × value) / Σ(weight) over its answered questions; "
        "'not applicable' and unanswered questions do not count."),
    "formula_verified": both(
        "La puntuación verificada usa solo respuestas con evidencia registrada (un archivo con su SHA-256, o quién y "
        "cuándo para una observación o prueba técnica; la etiqueta del método sola es una declaración; una "
        "respuesta arrastrada no cuenta hasta reconfirmarse); una respuesta contradicha por un hallazgo de red "
        "vale 0, y un hallazgo de severidad alta o crítica sobre una pregunta sin responder la cuenta como "
        "fallida. El general nunca supera al peor marco.",
        "The verified score uses only answers with evidence on record (a file with its SHA-256, or who and when "
        "for an observation or technical test; a method label alone is a claim; a carried-over answer does not "
        "count until re-confirmed); an answer contradicted by a network finding counts as 0, and a high or "
        "critical finding on an unanswered question counts it as failed. The overall never exceeds the worst "
        "framework."),
    "formula_cap": both(
        "Si falla una pregunta crítica (valor < {fail}), la puntuación de sus marcos se limita a {cap}.",
        "If a critical question fails (value < {fail}), the score of its frameworks is capped at {cap}."),
    "formula_grades": both("Niveles: {grades}.", "Grades: {grades}."),
    "formula_risk": both(
        "Riesgo de una acción = impacto (criticidad y peso de la pregunta, o severidad del hallazgo) × "
        "probabilidad (valor de la respuesta; confirmada por el sondeo de red: +1).",
        "Action risk = impact (the question's criticality and weight, or the finding's severity) × likelihood "
        "(the answer's value; confirmed by a network probe: +1)."),
    "na_answers": both("Respuestas «No aplica» y su justificación", "'Not applicable' answers and their justification"),
    "none": both("Ninguna.", "None."),
    "unanswered": both("Preguntas sin responder", "Unanswered questions"),
    "content_versions": both("Versiones y huellas del contenido", "Content versions and hashes"),
    "content": both("Contenido", "Content"),
    "version": both("Versión", "Version"),
    "checklist": both("Lista de verificación", "Checklist"),
    "catalog": both("Catálogo", "Catalog"),
    "drift": both("La lista instalada difiere de la usada en la evaluación ({n} preguntas cambiaron).",
                  "The installed checklist differs from the one used in the assessment ({n} questions changed)."),
    "drift.one": both("La lista instalada difiere de la usada en la evaluación ({n} pregunta cambió).",
                      "The installed checklist differs from the one used in the assessment ({n} question changed)."),
    "tool_version": both("posture {version}", "posture {version}"),
    # evidence, sign-off
    "evidence_index": both("Índice de evidencias", "Evidence index"),
    "no_evidence": both("No se adjuntaron evidencias.", "No evidence was attached."),
    "question": both("Pregunta", "Question"),
    "file": both("Archivo", "File"),
    "added": both("Agregada", "Added"),
    "method": both("Método", "Method"),
    "notes": both("Notas de los evaluadores", "Assessors' notes"),
    "signoff": both("Aprobación", "Sign-off"),
    "signoff_intro": both(
        "Quien firma declara que revisó este informe y que refleja la evaluación realizada en la fecha indicada.",
        "The signatory states that they reviewed this report and that it reflects the assessment carried out on "
        "the date shown."),
    "name": both("Nombre", "Name"),
    "role": both("Cargo", "Role"),
    "date": both("Fecha", "Date"),
    "signature": both("Firma", "Signature"),
    "statement": both("Declaración", "Statement"),
    "assessor_sign": both("Evaluador responsable", "Lead assessor"),
    "vendor_sign": both("Por el proveedor", "For the vendor"),
    **{f"method_{m.value}": m.cap_label for m in Method},
    # portfolio
    "portfolio": both("Cartera de proveedores", "Vendor portfolio"),
    "portfolio_intro": both(
        "Una línea por evaluación: puntuación declarada / verificada por marco, acciones P1 y tendencia frente a "
        "la evaluación anterior del mismo proveedor.",
        "One line per assessment: claimed / verified score per framework, P1 actions and the trend against the "
        "same vendor's previous assessment."),
    "trend": both("Tendencia", "Trend"),
    "first": both("primera", "first"),
    "p1_count": both("P1", "P1"),
    "assessments_n": both("{n} evaluaciones de {v} proveedores", "{n} assessments of {v} vendors"),
}
