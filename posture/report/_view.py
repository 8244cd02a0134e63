"""Core objects → what the templates show: plain, already-translated, already-formatted values.

Templates never compute; everything a person reads is decided here, in one language.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path

from posture import __version__
from posture.assessment import Assessment, Workspace, load_with_checklist, question_hashes
from posture.content import Catalog, Checklist, Library, ReportSection, bundled_library, by_report_order, cited_articles
from posture.errors import PostureError
from posture.evaluation import Evaluation
from posture.findings import SEVERITY_RANK, address_key, sort_addresses
from posture.i18n import fmt, tr
from posture.plan import EFFORTS, P1_RISK, P2_RISK
from posture.report import _format as F
from posture.report._chart import Bar, bar_chart
from posture.report._strings import STRINGS
from posture.scoring import CAP, FAIL_BELOW, GRADES, best_grade_floor, grade, score
from posture.soa import SoaEntry, control_entries
from posture.verdict import decide

TOP_RISKS = 5
EXECUTIVE_ACTIONS = 8  # the executive summary's plan: what to act on first; the full report has them all


def load(path: str | Path, library: Library | None = None, rules=None, *, passphrase: str | None = None,
         workspace: Workspace | None = None) -> Evaluation:
    """``Evaluation.open``: everything a report or an export renders from, read once.

    ``path``: a file, a folder (plain or encrypted) or an id in ``workspace`` (default: the user's).
    ``passphrase``: for an encrypted file (else ``$POSTURE_PASSPHRASE``).

    Raises:
        PostureError: not found, wrong or missing passphrase, a damaged file (file, line and field named).
    """
    return Evaluation.open(path, library or bundled_library(), rules, passphrase=passphrase, workspace=workspace)


def _previous(path: Path, assessment: Assessment, lib: Library, rules) -> tuple | None:
    """The same vendor and site's latest earlier assessment in the same workspace folder, scored, for the
    trend on the summary; None when there is none (or it cannot be read: encrypted, damaged). Only the
    PDF/HTML summary asks (the portfolio and the exports never read siblings)."""
    from posture.assessment import FILE_NAME

    key = (assessment.vendor.casefold(), assessment.site.casefold())
    best = None
    for other in path.parent.parent.glob(f"*/{FILE_NAME}"):
        if other.resolve() == path.resolve():
            continue
        try:
            earlier, checklist = load_with_checklist(other, lib)
        except PostureError:
            continue
        if (earlier.vendor.casefold(), earlier.site.casefold()) != key or \
                earlier.assessed_on >= assessment.assessed_on:
            continue
        if best is None or earlier.assessed_on > best[0].assessed_on:
            best = (earlier, checklist)
    if best is None:
        return None
    earlier, checklist = best
    return earlier.assessed_on, score(earlier, checklist, lib.catalogs, rules=rules)


def framework_names(frameworks, catalogs: dict[str, Catalog]) -> dict[str, str]:
    """Framework id → the short name its catalog declares (``short_name``); the id when it is not loaded."""
    return {fw: catalogs[fw].short_name if fw in catalogs else fw for fw in frameworks}


def subtitle(frameworks, catalogs: dict[str, Catalog], lang: str) -> str:
    """"Assessment report: ISO/IEC 27001:2022, PCI DSS v4.0.1 and LFPDPPP": the assessed frameworks as their
    catalogs name them on the cover (``report.label``, else ``short_name``), in ``report.order``."""
    names = [catalogs[fw].report_label or catalogs[fw].short_name
             for fw in by_report_order([f for f in frameworks if f in catalogs], catalogs)]
    listed = names[0] if len(names) == 1 else tr(STRINGS["list_last"], lang).format(
        first=", ".join(names[:-1]), last=names[-1]) if names else "—"
    return tr(STRINGS["subtitle"], lang).format(frameworks=listed)


@dataclass
class Strings:
    lang: str

    def __call__(self, key: str, **params) -> str:
        return fmt(STRINGS[key], **params)[self.lang] if params else tr(STRINGS[key], self.lang)


def _trend(loaded: Evaluation, t: Strings) -> str:
    """"▲ +2,7 since 10/03/2026 (C → B)": the graded overall against the previous assessment, if any."""
    a = loaded.assessment
    previous = _previous(a.path, a, loaded.library or bundled_library(), loaded.rules) if a.path else None
    if previous is None:
        return ""
    day, before = previous
    now, then = loaded.scorecard.headline, before.headline
    since = F.short_date(day, t.lang)
    if now.value is None or then.value is None:
        return t("trend_none", since=since)
    delta = now.value - then.value
    arrow = "▲" if delta > 0.05 else "▼" if delta < -0.05 else "="
    sign = "+" if delta >= 0 else "−"
    letters = f" ({then.letter or '—'} → {now.letter or '—'})"
    return t("trend_since", arrow=arrow, delta=f"{sign}{F.number(abs(delta), t.lang)}", since=since) + letters


def _grade_text(value: float | None, lang: str) -> tuple[str, str]:
    g = grade(value)
    return ("—", "") if g is None else (g.letter, tr(g.name, lang))


def _status(value: float | None, t: Strings) -> tuple[str, str]:
    """A control's state from its score: css class, words. In place at the best grade (scoring.GRADES),
    partial down to the failing line (scoring.FAIL_BELOW), a gap below it."""
    if value is None:
        return "none", t("not_assessed")
    if value >= best_grade_floor():
        return "ok", t("in_place")
    if value >= FAIL_BELOW * 100:
        return "part", t("partial")
    return "gap", t("gap")


@dataclass
class View:
    lang: str
    audience: str
    t: Strings
    meta: dict = field(default_factory=dict)
    overall: dict = field(default_factory=dict)
    verdict: dict = field(default_factory=dict)
    notes_first: list[str] = field(default_factory=list)  # honesty lines under the scorecard
    cap_release: str = ""
    frameworks: list[dict] = field(default_factory=list)
    critical: list[dict] = field(default_factory=list)
    top_risks: list[dict] = field(default_factory=list)
    chart: str = ""
    plan: list[dict] = field(default_factory=list)
    plan_summary: str = ""
    plan_more: str = ""  # executive summary: how many actions only the full report lists
    critical_na: str = ""  # critical questions answered N/A: said on the summary, never "no critical failure"
    plan_intro: str = ""
    # the frameworks' detail, as each catalog's ``report.sections`` declares it (see _frameworks_detail)
    details: list[dict] = field(default_factory=list)
    runs: list[dict] = field(default_factory=list)
    findings: list[dict] = field(default_factory=list)
    contradictions: list[str] = field(default_factory=list)
    critical_unanswered: str = ""
    no_risks: str = ""
    methodology: dict = field(default_factory=dict)
    evidence: list[dict] = field(default_factory=list)
    notes: list[dict] = field(default_factory=list)
    signoff: dict | None = None

    def detail(self, framework: str, index: int = 0) -> dict | None:
        """The ``index``-th detail section of ``framework`` (keys: framework, name, title, intro, columns, wide,
        groups, rows, notes), or None when the report has none (not assessed, executive summary)."""
        found = [d for d in self.details if d["framework"] == framework]
        return found[index] if index < len(found) else None


def build_view(loaded: Evaluation, lang: str, audience: str = "full", today: _dt.date | None = None) -> View:
    a, cl, card, plan = loaded.assessment, loaded.checklist, loaded.scorecard, loaded.plan
    t = Strings(lang)
    v = View(lang=lang, audience=audience, t=t)
    fw_name = framework_names(a.frameworks, loaded.catalogs)
    v.meta = {
        "vendor": a.vendor, "site": a.site, "scope": a.scope, "id": a.id,
        "assessed_on": F.date(a.assessed_on, lang), "updated_at": F.date(a.updated_at or a.created_at, lang),
        "generated_on": F.date(today or _dt.date.today(), lang), "assessors": ", ".join(a.assessors),
        "sha256": loaded.file_sha256, "file_name": loaded.file_name, "version": __version__,
        "audience": t("audience_executive" if audience == "executive" else "audience_full"),
        "frameworks": " · ".join(fw_name.values()),
        "subtitle": subtitle(a.frameworks, loaded.catalogs, lang),
    }
    day = (today or _dt.date.today()).isoformat()
    plan = plan.as_of(day)
    h, cov, o = card.headline, card.coverage, card.overall
    pct = lambda x: F.percent(x, lang)  # noqa: E731
    v.overall = {
        "letter": h.letter or "—", "name": tr(h.name, lang) if h.letter else t("insufficient"),
        "insufficient": h.letter is None,
        "basis": t(f"basis_{h.basis}") if h.letter else t(
            "insufficient_why", pct=pct(cov.percent), scored=pct(cov.scored_percent),
            min_a=pct(100 * cov.min_answered), min_s=pct(100 * cov.min_scored)),
        "claimed": pct(o.claimed), "verified": pct(o.verified),
        "coverage": t("coverage", answered=cov.answered, total=cov.total, pct=pct(cov.percent)),
        "rule": t("overall_rule"),
        "vendor_declared": t("vendor_declared", n=len(card.vendor_declared)) if card.vendor_declared else "",
        "trend": _trend(loaded, t),
    }
    verdict = loaded.verdict if loaded.today == day else decide(card, plan, cl, loaded.rules, today=day)
    v.verdict = {"css": verdict.verdict, "word": t(f"verdict_{verdict.verdict}"), "reason": tr(verdict.reason, lang),
                 "next_review": t("next_review", date=F.date(verdict.next_review, lang))}
    if o.limited_by or o.verified_limited_by:
        v.notes_first.append(t("overall_uncapped", claimed=pct(o.uncapped), verified=pct(o.verified_uncapped)))
    share = card.verified_share
    if share is not None:
        v.notes_first.append(t("verified_share", share=pct(100 * share)))
    if h.verified_above_claimed:
        n = sum(1 for q in card.questions.values() if q.verified)
        v.notes_first.append(t("verified_above", n=n, share=pct(100 * (share or 0))))
    if cov.na:
        v.notes_first.append(t("na_share", n=cov.na, share=pct(cov.na_share))
                             + (" " + t("na_flag", limit=pct(100 * cov.flag_na_share)) if cov.na_flagged else ""))
    if card.carried:
        v.notes_first.append(t("carried", n=len(card.carried)))
    if plan.overdue:
        v.notes_first.append(t("overdue", n=len(plan.overdue)) + ".")
    question_text = {q.id: tr(q.text, lang) for q in cl.questions}
    for fw in a.frameworks:
        s = card.frameworks.get(fw)
        if s is None:
            continue
        gl, gn = _grade_text(s.claimed, lang)
        if card.headline.letter is None:  # no letter anywhere below the coverage thresholds
            gl, gn = "—", ""
        v.frameworks.append({
            "name": fw_name[fw], "claimed": F.percent(s.claimed, lang), "verified": F.percent(s.verified, lang),
            "claimed_value": s.claimed or 0, "verified_value": s.verified or 0, "letter": gl, "grade": gn,
            "capped": (t("capped", cap=F.percent(CAP, lang), n=len(s.capped_by)) + f" ({t('uncapped_short')} "
                       f"{F.percent(s.uncapped, lang)})") if s.capped_by else "",
        })
    failed_critical = [qs for qid, qs in card.questions.items() if qs.failed and cl.question(qid).critical]
    for qs in failed_critical:
        q = cl.question(qs.id)
        lifting = next((item for item in plan.items if q.id in item.question_ids), None)
        v.critical.append({"id": q.id, "text": question_text[q.id],
                           "frameworks": ", ".join(fw_name[f] for f in q.maps_to if f in fw_name),
                           "contradicted": t("contradicted") if qs.contradicted else "",
                           # the action that lifts the cap, as a manager would assign it
                           "action": t("lifted_by", priority=lifting.priority, owner=tr(lifting.owner_name, lang),
                                       due=F.short_date(lifting.due, lang),
                                       action=_summary(tr(lifting.action, lang))) if lifting else ""})
    v.critical_unanswered = (t("critical_unanswered", n=len(card.critical_unanswered), total=card.critical_total)
                             if card.critical_unanswered else "")
    from posture.verdict import critical_not_applicable

    na_critical = critical_not_applicable(card)
    v.critical_na = t("critical_na", n=len(na_critical), ids=", ".join(na_critical)) if na_critical else ""
    v.plan = [_plan_row(item, cl, fw_name, question_text, t) for item in plan.items]
    v.top_risks = [r for r, item in zip(v.plan, plan.items, strict=True) if item.is_open][:TOP_RISKS]
    if audience != "full":
        # At most three pages a manager reads in 30 seconds: the open P1 actions, cap-lifting ones first
        # (the plan is sorted so), up to EXECUTIVE_ACTIONS, whole sentences; the rest is counted.
        first = [r for r, item in zip(v.plan, plan.items, strict=True)
                 if item.is_open and (item.priority == "P1" or item.lifts_cap)][:EXECUTIVE_ACTIONS]
        shown = {r["id"] for r in first}
        rest = [item for item in plan.items if item.id not in shown]
        if rest:
            open_rest = [item for item in rest if item.is_open]
            v.plan_more = t("plan_more", n=len(rest), p1=sum(1 for i in open_rest if i.priority == "P1"),
                            p2=sum(1 for i in open_rest if i.priority == "P2"),
                            p3=sum(1 for i in open_rest if i.priority == "P3"), handled=len(rest) - len(open_rest))
        v.plan = [{**r, "action": r["summary"]} for r in first]  # first sentences, whole
    v.no_risks = t("no_plan_yet") if h.letter is None and not plan.items else t("no_risks")
    if plan.cap_release:
        v.cap_release = t("cap_release", gains=", ".join(
            f"{fw_name.get(fw, fw)} +{F.number(g, lang)}" for fw, g in plan.cap_release.items()))
    counts = plan.by_priority()
    v.plan_summary = t("plan_count", n=len(plan.items), p1=len(counts["P1"]), p2=len(counts["P2"]),
                       p3=len(counts["P3"]))
    d1, d2, d3 = plan.due_days
    v.plan_intro = t("plan_intro", p1=P1_RISK, p2=P2_RISK, d1=t("days", n=d1), d2=t("days", n=d2),
                     d3=t("days", n=d3))
    bars = [Bar(tr(s.title, lang), card.sections[s.id].claimed, card.sections[s.id].verified)
            for s in cl.sections if s.id in card.sections]
    v.chart = bar_chart(bars, lang, legend=(t("claimed"), t("verified")), no_data=t("no_data"))
    if audience == "full":
        _frameworks_detail(v, loaded, question_text)
        _probes(v, loaded, question_text)
        _methodology(v, loaded, question_text, fw_name)
        _evidence(v, loaded, question_text)
    if a.signoff:
        v.signoff = {"name": a.signoff.name, "role": a.signoff.role, "date": F.date(a.signoff.date, lang),
                     "statement": a.signoff.statement}
    return v


def _summary(text: str) -> str:
    """The first sentence of an action, whole (never cut mid-sentence): the scorecard's top risks and the
    executive plan; the full report's plan has the whole action."""
    for stop in (". ", "; "):
        if stop in text:
            return text.split(stop, 1)[0].rstrip(".") + "."
    return text if text.endswith(".") else text + "."


def _clip(text: str, limit: int) -> str:
    """A question as a one-line label (the notes appendix): its first clause, cut at a word if long."""
    for stop in (". ", "; "):
        if stop in text:
            text = text.split(stop, 1)[0]
            break
    text = text.rstrip(".")
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _plan_row(item, cl: Checklist, fw_name: dict, question_text: dict, t: Strings) -> dict:
    lang = t.lang
    refs = [f"{fw_name.get(fw, fw)} {', '.join(ids)}" for fw, ids in item.references.items() if ids]
    # gain column: the capped gain where there is one; what the action lifts; the uncapped rise it hides
    capped = [f"{fw_name.get(fw, fw)} +{F.number(g, lang)}" for fw, g in item.gain.items() if g > 0]
    hidden = [f"{fw_name.get(fw, fw)} +{F.number(u, lang)}" for fw, u in item.uncapped_gain.items()
              if u > 0 and u != item.gain.get(fw)]
    lifts = sorted(set(item.lifts_cap.values()))
    parts = []
    if capped:
        parts.append(", ".join(capped))
    if lifts:
        parts.append("; ".join(t("lifts_cap", k=k, n=n) for k, n in lifts))
    if hidden:
        parts.append(f"{t('uncapped_short')}: " + ", ".join(hidden))
    gains = parts
    status = item.status.status
    return {
        "status": "" if status == "open" else t(f"status_{status}"),
        "overdue": t("overdue_mark") if item.overdue else "",
        "id": item.id, "title": tr(item.title, lang) if item.title else item.id,
        "priority": item.priority, "risk": item.risk, "action": tr(item.action, lang),
        "summary": _summary(tr(item.action, lang)),
        "references": "; ".join(refs), "owner": tr(item.owner_name, lang), "due": F.short_date(item.due, lang),
        "effort": tr(EFFORTS.get(item.effort, {"es": item.effort, "en": item.effort}), lang),
        "gain": " · ".join(gains) or "—", "questions": ", ".join(item.question_ids),
        "findings": len(item.finding_ids),
    }


def _instrument(name: str, t: Strings, names: dict | None = None) -> str:
    """A legal instrument as the reader knows it ("Ley 2025"): the catalog's ``instruments`` name, else its id."""
    return tr(names[name], t.lang) if names and name in names else name


def _legal(refs, t: Strings, names: dict | None = None) -> list[dict]:
    """The references as cited; an uncertain one (a number no primary text confirmed) keeps its confidence
    and note for a footnote (``mark`` is set by the section), never as an alarm in the row."""
    out = []
    for r in refs:
        article = f"art. {r.article}" + (f", {t('fraction')} {r.fraction}" if r.fraction else "")
        conf = t(f"conf_{r.confidence}") if f"conf_{r.confidence}" in STRINGS else r.confidence
        out.append({"text": f"{_instrument(r.instrument, t, names)} {article}", "uncertain": r.uncertain,
                    "confidence": f"{t('confidence')} {conf}", "note": tr(r.note, t.lang) if r.note else "",
                    "mark": ""})
    return out


QUOTE_WORDS = 25  # a short quotation beside the obligation; the app shows the whole article


def _quote(fw: str, refs, t: Strings, names: dict | None = None) -> dict | None:
    """The first article of a shipped law text the control cites: a short excerpt, its number and DOF date
    (the law's publication, or the reform that gave the article its wording). Source: laws/ (see its README)."""
    for ref, art in cited_articles(fw, refs):
        fraction = ref.fraction if ref.fraction and art.fraction(ref.fraction.split("-")[0]) else None
        where = f"art. {art.number}" + (f", {t('fraction')} {fraction}" if fraction else "")
        try:
            text = art.excerpt(fraction, words=QUOTE_WORDS, start=ref.quote_from)
        except ValueError:  # `posture validate` rejects such a catalog; a report still quotes the article's start
            text = art.excerpt(fraction, words=QUOTE_WORDS)
        return {"text": text,
                "source": t("quote_source", law=_instrument(ref.instrument, t, names), where=where,
                            dof="-".join(reversed(art.dof.split("-"))))}  # DOF dates are cited dd-mm-yyyy
    return None


MAX_IDS = 10  # broad controls (e.g. LFPDPPP security measures) are evidenced by ~100 questions


def _id_list(ids: list[str], t: Strings) -> str:
    """A short list for a table cell; the full mapping is in the checklist and the JSON export."""
    if len(ids) <= MAX_IDS + 2:  # "and 1 more" would hide what it takes as much room to print
        return ", ".join(ids)
    return ", ".join(ids[:MAX_IDS]) + " " + t("and_more", n=len(ids) - MAX_IDS)


def _control_row(entry: SoaEntry, control, catalog: Catalog, section: ReportSection, t: Strings) -> dict:
    """One row of a framework table, from the one applicability rule (posture.soa / posture.content)."""
    lang = t.lang
    why = ""
    if not entry.applicable:
        why = t("all_na", why=tr(entry.justification, lang)) if entry.all_na else \
            t("excluded_by", why=tr(entry.justification, lang))
    css, words = _status(entry.claimed, t)
    if not entry.applicable:
        css, words = "na", "—"
    elif not entry.questions:
        css, words = "none", t("not_covered")
    shown = set(section.details)
    extra = []
    if "applies_to" in shown and control.applies_to:
        extra.append(t("applies_to", who=_applies_to(control.applies_to, t)))
    if "mandatory_from" in shown and control.mandatory_from:
        extra.append(t("mandatory_from", date=F.date(control.mandatory_from, lang)))
    return {"id": entry.control_id, "title": tr(entry.title, lang),
            "applicable": t("yes") if entry.applicable else t("no"), "status": words, "css": css,
            "why": why if "justification" in shown else "",
            "questions": _id_list(entry.questions, t) if "questions" in shown else "",
            "claimed": F.percent(entry.claimed, lang), "verified": F.percent(entry.verified, lang),
            "legal": _legal(control.legal_refs, t, catalog.instruments) if "legal_refs" in shown else [],
            "quote": _quote(catalog.id, control.legal_refs, t, catalog.instruments) if "quote" in shown else None,
            "extra": extra}


def _applies_to(who: str, t: Strings) -> str:
    return t(f"applies_{who}") if f"applies_{who}" in STRINGS else who


WIDE_IDS = 6  # ids longer than this (LFPDPPP's "ARCO-DECISIONES-AUTOMATIZADAS") get the wide id column


def _section(loaded: Evaluation, catalog: Catalog, section: ReportSection, t: Strings) -> dict:
    """One table of a framework's detail, as its catalog declares it: rows (grouped under their top-level
    requirement when ``group_by: top``), the columns, and the footnotes of its uncertain legal references."""
    controls = catalog.controls_in(section)
    entries = control_entries(loaded.assessment, loaded.checklist, catalog, loaded.scorecard, controls)
    rows = [_control_row(e, c, catalog, section, t) for e, c in zip(entries, controls, strict=True)]
    groups: list[dict] = []
    if section.group_by == "top":
        by_top: dict[str, list[dict]] = {}
        for row in rows:
            by_top.setdefault(catalog.top(row["id"]), []).append(row)
        tops = [c for c in catalog.controls if c.id in by_top]
        heads = {e.control_id: e for e in control_entries(loaded.assessment, loaded.checklist, catalog,
                                                          loaded.scorecard, tops)}
        for top in tops:
            head = heads[top.id]
            css, words = _status(head.claimed, t) if head.applicable else ("na", "—")
            groups.append({"head": {"id": top.id, "title": tr(top.title, t.lang), "css": css, "status": words,
                                    "claimed": F.percent(head.claimed, t.lang),
                                    "verified": F.percent(head.verified, t.lang)},
                           "rows": [r for r in by_top[top.id] if r["id"] != top.id]})
    else:
        groups.append({"head": None, "rows": rows})
    notes = []
    for row in rows:
        for ref in row["legal"]:
            if ref["uncertain"]:
                ref["mark"] = str(len(notes) + 1)
                notes.append({"mark": ref["mark"], "text": t(
                    "unverified_note", ref=ref["text"], control=row["id"], confidence=ref["confidence"],
                    note=ref["note"] or t("unverified_default"))})
    columns = [c for c in ("applicable", "status", "score") if c in section.columns]
    return {"framework": catalog.id, "name": catalog.short_name, "title": tr(section.title, t.lang),
            "intro": tr(section.intro, t.lang) if section.intro else "", "columns": columns,
            "wide": any(len(r["id"]) > WIDE_IDS for r in rows), "groups": groups, "notes": notes,
            "rows": rows}


def _frameworks_detail(v: View, loaded: Evaluation, question_text: dict) -> None:
    """Each assessed framework's detail, in the catalogs' ``report.order``: the sections its catalog declares
    (posture.content.Catalog.detail), rendered by one template whatever the framework."""
    assessed = [fw for fw in loaded.assessment.frameworks if fw in loaded.catalogs]
    for fw in by_report_order(assessed, loaded.catalogs):
        catalog = loaded.catalogs[fw]
        for section in catalog.detail():
            v.details.append(_section(loaded, catalog, section, v.t))


def _window(window: str, lang: str) -> str:
    """A scope's authorized window, stored as ``start/end`` (ISO 8601), as «start – end» in CLDR's words."""
    start, sep, end = window.partition("/")
    return f"{F.moment(start, lang)} – {F.moment(end, lang)}" if sep else window


def _probes(v: View, loaded: Evaluation, question_text: dict) -> None:
    t, lang, a = v.t, v.lang, loaded.assessment
    for run in a.probe_runs:
        imported = (t("imported_from", file=run.source.get("file", ""), at=F.moment(run.source.get("imported_at"),
                                                                                         lang))
                    if run.source.get("kind") == "import" else "")
        v.runs.append({"id": run.id, "authorized_by": run.authorization(lang), "window": _window(run.window, lang),
                       "targets": ", ".join(sort_addresses(run.targets)), "started": F.moment(run.started_at, lang),
                       "finished": F.moment(run.finished_at, lang), "imported": imported,
                       "tools": ", ".join(f"{k} {val}" for k, val in run.tools.items()),
                       "state": t("complete") if run.complete else
                       t("incomplete", why="; ".join(run.incomplete_messages(lang)))})
    findings = sorted(a.findings(), key=lambda f: (SEVERITY_RANK.get(f.severity, 9), address_key(f.host),
                                                   f.port or 0))
    checks = loaded.library.probe_checks if loaded.library is not None else {}
    for f in findings:
        # the check's words as the content says them now (a file of an older posture keeps the words of its
        # day, e.g. «Prueba incompleta» before the glossary's «sondeo»); the stored copy if the check is gone
        check = checks.get(f.check_id)
        title, remediation = (check.title, check.remediation) if check is not None else (f.title, f.remediation)
        v.findings.append({"severity": t(f"sev_{f.severity}"), "css": f.severity, "check": f.check_id,
                           "where": f.where, "title": tr(title, lang), "evidence": f.evidence_text(lang),
                           "remediation": tr(remediation, lang), "questions": ", ".join(f.questions)})
    # one line per contradicted question (several findings on one question are one contradiction)
    by_question: dict[str, list] = {}
    for c in loaded.contradictions:
        by_question.setdefault(c.question_id, []).append(c)
    v.contradictions = [cs[0].message(loaded.checklist, lang)
                        + (" " + t("more_findings", n=len(cs) - 1) if len(cs) > 1 else "")
                        for cs in by_question.values()]


def _methodology(v: View, loaded: Evaluation, question_text: dict, fw_name: dict) -> None:
    t, lang, a, cl, card = v.t, v.lang, loaded.assessment, loaded.checklist, loaded.scorecard
    grades = ", ".join(f"{letter} ({tr(name, lang)}) ≥ {F.percent(low, lang)}" for low, letter, name in GRADES)
    current = question_hashes(cl)
    changed = sum(1 for qid, h in a.checklist.questions.items() if current.get(qid) not in (None, h))
    content = [{"what": f"{t('checklist')}: {tr(cl.title, lang)} ({cl.id})", "version": cl.version,
                "hash": cl.content_hash}]
    for fw in a.frameworks:
        cat = loaded.catalogs.get(fw)
        if cat is not None:
            content.append({"what": f"{t('catalog')}: {tr(cat.name, lang)}", "version": cat.version,
                            "hash": cat.content_hash})
    v.methodology = {
        "formulas": [t("formula_score"), t("formula_verified"),
                     t("formula_cap", fail=F.number(FAIL_BELOW, lang), cap=F.percent(CAP, lang)),
                     t("formula_grades", grades=grades), t("formula_risk")],
        "na": [{"id": qid, "text": question_text.get(qid, qid), "why": a.answers[qid].na_justification}
               for qid in card.na],
        "unanswered": [{"id": qid, "text": question_text.get(qid, qid)} for qid in card.unanswered],
        "content": content, "tool": t("tool_version", version=__version__),
        "drift": t("drift", n=changed) if changed or a.checklist.content_hash != cl.content_hash else "",
    }


def _evidence(v: View, loaded: Evaluation, question_text: dict) -> None:
    t = v.t
    for qid, answer in loaded.assessment.answers.items():
        for e in answer.evidence:
            v.evidence.append({"question": qid, "path": e.path, "sha256": e.sha256,
                               "added": F.short_date(e.added_at, v.lang), "method": t(f"method_{answer.method}")})
        if answer.note:
            v.notes.append({"question": qid, "text": _clip(question_text.get(qid, qid), 95), "note": answer.note})
    for qid, note in loaded.assessment.notes.items():  # notes taken on questions not answered yet
        if note and qid not in loaded.assessment.answers:
            v.notes.append({"question": qid, "text": _clip(question_text.get(qid, qid), 95), "note": note})
