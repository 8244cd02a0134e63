"""Schema-valid YAML data → model objects (no checks here: validation happens before)."""

from __future__ import annotations

from posture.content._models import (
    Catalog,
    Checklist,
    Control,
    Exclusion,
    Group,
    LegalRef,
    ProbeCheck,
    Question,
    ReportSection,
    Scale,
    ScaleOption,
    Section,
)
from posture.content._scales import BUILTIN_SCALES
from posture.safe_yaml import YamlDoc


def build_catalog(doc: YamlDoc) -> Catalog:
    d = doc.data
    controls = [
        Control(
            id=c["id"],
            title=c["title"],
            description=c["description"],
            type=c.get("type"),
            group=c.get("group"),
            parent=c.get("parent"),
            tags=tuple(c.get("tags", ())),
            mandatory_from=c.get("mandatory_from"),
            applies_to=c.get("applies_to"),
            legal_refs=tuple(
                LegalRef(r["instrument"], r["article"], r["confidence"], r.get("fraction"), r.get("note"),
                         r.get("quote_from"))
                for r in c.get("legal_refs", ())
            ),
            note=c.get("note"),
            extra=c.get("extra", {}),
        )
        for c in d["controls"]
    ]
    return Catalog(
        id=d["id"],
        name=d["name"],
        short_name=d["short_name"],
        version=d["version"],
        publisher=d["publisher"],
        published=d["published"],
        effective=d.get("effective"),
        sources=d["sources"],
        license_note=d["license_note"],
        description=d.get("description"),
        languages=d["languages"],
        coverage_types=d.get("coverage_types", []),
        types=d.get("types", {}),
        groups=[Group(g["id"], g["title"], g.get("description")) for g in d.get("groups", ())],
        controls=controls,
        instruments=d.get("instruments", {}),
        report_label=d.get("report", {}).get("label"),
        report_order=d.get("report", {}).get("order"),
        statement_of_applicability=d.get("report", {}).get("statement_of_applicability", False),
        report_sections=[_report_section(s) for s in d.get("report", {}).get("sections", ())],
        path=doc.file,
        content_hash=doc.sha256,
    )


def _report_section(s: dict) -> ReportSection:
    default = ReportSection(title=s["title"])
    return ReportSection(title=s["title"], intro=s.get("intro"), controls=s.get("controls", default.controls),
                         group_by=s.get("group_by", default.group_by),
                         columns=tuple(s.get("columns", default.columns)),
                         details=tuple(s.get("details", default.details)))


def build_checklist(doc: YamlDoc) -> Checklist:
    d = doc.data
    scales = dict(BUILTIN_SCALES)
    for scale_id, s in d.get("scales", {}).items():
        scales[scale_id] = Scale(
            id=scale_id,
            label=s.get("label", {"es": scale_id, "en": scale_id}),
            allow_na=s.get("allow_na", True),
            options=tuple(ScaleOption(o["value"], o["key"], float(o["score"]), o["label"]) for o in s["options"]),
        )
    sections = []
    for s in d["sections"]:
        questions = tuple(
            Question(
                id=q["id"],
                section_id=s["id"],
                text=q["text"],
                guidance=q["guidance"],
                remediation=q["remediation"],
                scale=q["scale"],
                weight=q["weight"],
                criticality=q["criticality"],
                maps_to={cat: tuple(ids) for cat, ids in q["maps_to"].items()},
                effort=q["effort"],
                owner=q["owner"],
                evidence=tuple(q.get("evidence", ())),
                action=q.get("action"),
                probe_checks=tuple(q.get("probe_checks", ())),
                tags=tuple(q.get("tags", ())),
            )
            for q in s["questions"]
        )
        sections.append(Section(s["id"], s["title"], questions, s.get("description")))
    return Checklist(
        id=d["id"],
        version=d["version"],
        title=d["title"],
        description=d.get("description"),
        coverage=d.get("coverage", "full"),
        actions=dict(d.get("actions", {})),
        languages=d["languages"],
        catalogs=d["catalogs"],
        sections=sections,
        scales=scales,
        not_applicable=[Exclusion(e["catalog"], tuple(e["controls"]), e["rationale"])
                        for e in d.get("not_applicable", ())],
        path=doc.file,
        content_hash=doc.sha256,
    )


def build_probe_checks(doc: YamlDoc) -> list[ProbeCheck]:
    return [
        ProbeCheck(
            id=c["id"],
            title=c["title"],
            description=c["description"],
            remediation=c["remediation"],
            severity=c["severity"],
            maps_to={cat: tuple(ids) for cat, ids in c["maps_to"].items()},
        )
        for c in doc.data["checks"]
    ]
