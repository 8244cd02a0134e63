"""Every word the report code looks up by key (STRINGS), in every catalog language.

The templates mark their own words with ``_()`` (jinja2.ext.i18n)."""

from __future__ import annotations

from posture.i18n import _, _n, _p
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
    "title": _("Security posture assessment"),
    "subtitle": _("Assessment report: {frameworks}"),
    "list_last": _("{first} and {last}"),
    "confidential": _("CONFIDENTIAL"),
    "vendor": _("Vendor"),
    "site": _("Site"),
    "scope": _("Scope"),
    "assessed_on": _("Assessment date"),
    "updated_at": _("Last modified"),
    "generated_on": _("Report generated"),
    "assessors": _("Assessors"),
    "assessment_id": _("Identifier"),
    **{f"audience_{a.value}": a.cap_label for a in Audience},
    "page": _("Page"),
    "of": _("of"),
    # scorecard
    "scorecard": _("Executive scorecard"),
    "overall": _("Overall grade"),
    "claimed": _("Claimed"),
    "verified": _("Verified"),
    "framework": _("Framework"),
    "grade": first_upper(Grade.term()),
    "capped": _n("capped at {cap} by {n} critical failure", "capped at {cap} by {n} critical failures"),
    "vendor_declared": _n("{n} answer only declared by the vendor in its questionnaire: it counts in the claimed "
                          "score, not in the verified one",
                          "{n} answers only declared by the vendor in its questionnaire: they count in the claimed "
                          "score, not in the verified one"),
    "coverage": _("Coverage: {answered} of {total} questions answered ({pct})"),
    "verdict": _("Verdict"),
    **{f"verdict_{v.value}": v.cap_label for v in Verdict},
    "next_review": _("Next review: {date}"),
    "insufficient": _("Insufficient coverage"),
    "insufficient_why": _("No grade: {pct} answered and {scored} scored (minimums {min_a} and {min_s})."),
    "basis_verified": _("Graded on verified (the lower)"),
    "basis_claimed": _("Graded on claimed (the lower)"),
    "basis_claimed-only": _("Claimed only: nothing verified"),
    "overall_rule": _("The overall is never better than its worst framework: it is limited to the lowest framework "
                      "score, and the letter is graded on the lower of claimed and verified."),
    "overall_uncapped": _("Uncapped average: claimed {claimed}, verified {verified}."),
    "verified_share": _("Backed by evidence: {share} of the scored weight."),
    "verified_above": _n("Verified exceeds claimed because it counts only {n} evidenced answer ({share} of the "
                         "weight).",
                         "Verified exceeds claimed because it counts only the {n} evidenced answers ({share} of the "
                         "weight)."),
    "na_share": _n("Not applicable: {n} answer ({share} of those answered).",
                   "Not applicable: {n} answers ({share} of those answered)."),
    "na_flag": _("High share of not-applicable answers (over {limit}): check the justifications."),
    "carried": _n("{n} answer carried over from the previous assessment: not verified until re-confirmed.",
                  "{n} answers carried over from the previous assessment: not verified until re-confirmed."),
    "critical_unanswered": _("{n} of {total} critical questions unanswered: no claim that none failed."),
    "no_plan_yet": _("No actions yet: too few answers for a plan."),
    "overdue": _("Overdue actions: {n}"),
    "lifts_cap": _("lifts cap {k} of {n}"),
    "uncapped_short": _("uncapped"),
    "cap_release": _("Closing every cap-causing action together: {gains}."),
    **{f"status_{st.value}": st.label for st in ActionStatus},
    "overdue_mark": _("overdue"),
    "more_findings": _n("(and {n} more finding on the same question)", "(and {n} more findings on the same question)"),
    "no_risks": _("No open actions."),
    "no_data": _("no data"),
    "contradicted": _("contradicted by the network probe"),
    "risk": _("Risk"),
    # plan
    "plan": _("Remediation plan"),
    "plan_intro": _("Each gap is an action. Risk = impact × likelihood (1–25); P1 ≥ {p1}, P2 ≥ {p2}. Due: P1 {d1}, "
                    "P2 {d2}, P3 {d3} from the assessment date. Gain is the rise in each "
                    "framework's claimed score once the action is done (with the cap), the caps it lifts, and what "
                    "it adds without the cap (\"uncapped\")."),
    "priority": _("Priority"),
    "action": _("Action"),
    "references": _("References"),
    "owner": _("Owner"),
    "due": _("Due date"),
    "effort": _("Effort"),
    "gain": _("Gain"),
    "questions": _("Questions"),
    "and_more": _("and {n} more"),
    "findings_short": _("Findings"),
    "trend_since": _("Trend: {arrow} {delta} since {since}"),
    "trend_none": _("Trend: no comparable grade with {since}"),
    "critical_na": _("Critical questions marked not applicable ({n}): {ids}. Read their justifications before "
                     "approving (docs/scoring.md §11)."),
    "lifted_by": _("→ {priority} · {owner} · {due}: {action}"),
    "plan_more": _n("The other action is in the full report: open, {p1} P1, {p2} P2 and {p3} P3; handled (done, "
                    "compensated or risk accepted): {handled}.",
                    "The other {n} actions are in the full report: open, {p1} P1, {p2} P2 and {p3} P3; handled "
                    "(done, compensated or risk accepted): {handled}."),
    "days": _n("{n} day", "{n} days"),
    "plan_count": _n("{n} action: {p1} P1, {p2} P2, {p3} P3", "{n} actions: {p1} P1, {p2} P2, {p3} P3"),
    # frameworks
    "control": _("Control"),
    "applicable": _("Applicable"),
    "yes": AnswerValue.YES.cap_label,
    "no": AnswerValue.NO.cap_label,
    "status": _("Status"),
    "justification": _("Justification"),
    "excluded_by": _("Excluded: {why}"),
    "all_na": _("All its questions are 'not applicable': {why}"),
    "in_place": _("In place"),
    "partial": AnswerValue.PARTIAL.cap_label,
    "gap": _("Gap"),
    "not_assessed": _("Not assessed"),
    "not_covered": _("No question in the checklist"),
    "applies_to": _("Applies to: {who}"),
    "applies_responsable": _("controller"),
    "applies_encargado": _("processor"),
    "applies_both": _("controller and processor"),
    "mandatory_from": _("Mandatory from {date}"),
    "fraction": _("fr."),
    "quote_source": _("{law}, {where} (DOF {dof})"),
    "unverified_note": _("{ref} ({control}), {confidence}: {note}"),
    "unverified_default": _("not checked against the text published in the DOF."),
    "articles": _("Articles"),
    "confidence": _("confidence"),
    **{f"conf_{c.value}": c.label for c in Confidence},
    # probes
    "probes": _("Appendix: network probes"),
    "run": _p("noun", "Run"),
    "authorized_by": _("Authorized by"),
    "imported": _("Imported"),
    "imported_from": _("from {file} on {at}"),
    "window": _("Window"),
    "targets": _("Targets"),
    "started": _("Started"),
    "finished": _("Finished"),
    "tools": _("Tools"),
    "complete": _("Complete"),
    "incomplete": _("Incomplete: {why}"),
    "severity": _("Severity"),
    **{f"sev_{sev.value}": sev.cap_label for sev in Severity},
    "host": _("Host"),
    "finding": _("Finding"),
    "contradictions": _("Contradictions with interview answers"),
    # methodology
    "formulas": _("Scoring formulas"),
    "formula_score": _("Each answer is worth 0 to 1 on its scale (Yes 1, Partial 0.5, No 0; maturity n/5). The "
                       "score of a section, control or framework is 100 × Σ(weight × value) / Σ(weight) over its "
                       "answered questions; 'not applicable' and unanswered questions do not count."),
    "formula_verified": _("The verified score uses only answers with evidence on record (a file with its SHA-256, "
                          "or who and when for an observation or technical test; a method label alone is a claim; a "
                          "carried-over answer does not count until re-confirmed); an answer contradicted by a "
                          "network finding counts as 0, and a high or critical finding on an unanswered question "
                          "counts it as failed. The overall never exceeds the worst framework."),
    "formula_cap": _("If a critical question fails (value < {fail}), the score of its frameworks is capped at {cap}."),
    "formula_grades": _("Grades: {grades}."),
    "formula_risk": _("Action risk = impact (the question's criticality and weight, or the finding's severity) × "
                      "likelihood (the answer's value; confirmed by a network probe: +1)."),
    "none": _("None."),
    "unanswered": _("Unanswered questions"),
    "content": _("Content"),
    "version": _("Version"),
    "checklist": _("Checklist"),
    "catalog": _("Catalog"),
    "drift": _n("The installed checklist differs from the one used in the assessment ({n} question changed).",
                "The installed checklist differs from the one used in the assessment ({n} questions changed)."),
    "tool_version": _("posture {version}"),
    # evidence, sign-off
    "no_evidence": _("No evidence was attached."),
    "question": _("Question"),
    "file": _("File"),
    "added": _("Added"),
    "method": _("Method"),
    "notes": _("Assessors' notes"),
    "signoff": _("Sign-off"),
    "name": _("Name"),
    "role": _("Role"),
    "date": _("Date"),
    "statement": _("Statement"),
    **{f"method_{m.value}": m.cap_label for m in Method},
    # portfolio
    "portfolio": _("Vendor portfolio"),
    "trend": _("Trend"),
    "first": _("first"),
    "assessments_n": _("{assessments} of {vendors}"),  # each count in its own plural entry
    "n_assessments": _n("{n} assessment", "{n} assessments"),
    "n_vendors": _n("{n} vendor", "{n} vendors"),
}
