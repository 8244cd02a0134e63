"""What content files become once loaded: catalogs, checklists, probe checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from posture.i18n import LANGS, _
from posture.vocabulary import Confidence, Criticality

Text = dict[str, str]

_SOA_TITLE = _("Statement of Applicability")


@dataclass(frozen=True)
class LegalRef:
    instrument: str
    article: str
    confidence: str
    fraction: str | None = None
    note: Text | None = None
    quote_from: str | None = None  # where in the article's text a quotation of this obligation starts

    @property
    def uncertain(self) -> bool:
        """Numbers the reference could not confirm; reports must say so."""
        return self.confidence in Confidence.values() and Confidence(self.confidence).uncertain


@dataclass(frozen=True)
class Control:
    id: str
    title: Text
    description: Text
    type: str | None = None
    group: str | None = None
    parent: str | None = None
    tags: tuple[str, ...] = ()
    mandatory_from: str | None = None
    applies_to: str | None = None
    legal_refs: tuple[LegalRef, ...] = ()
    note: Text | None = None
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Group:
    id: str
    title: Text
    description: Text | None = None


SECTION_COLUMNS = ("applicable", "status", "score")
SECTION_DETAILS = ("justification", "questions", "legal_refs", "quote", "applies_to", "mandatory_from")


@dataclass(frozen=True)
class ReportSection:
    """One table of a framework's detail in the report (catalog ``report.sections[]``; schema: catalog.schema.json).

    ``controls``: ``"coverage"`` (the catalog's coverage targets) or ``"all"``. ``group_by``: ``"none"``, or
    ``"top"`` (rows under their top-level requirement, which gets a row of its own with its status and score).
    ``columns``: after the control's id and title, any of :data:`SECTION_COLUMNS`, in that order.
    ``details``: lines under the title, any of :data:`SECTION_DETAILS` (``legal_refs`` adds footnotes for the
    uncertain references; ``quote`` a short quotation of the shipped law text)."""

    title: Text
    intro: Text | None = None
    controls: str = "coverage"
    group_by: str = "none"
    columns: tuple[str, ...] = SECTION_COLUMNS
    details: tuple[str, ...] = ("justification", "questions")


@dataclass
class Catalog:
    id: str
    name: Text
    short_name: str
    version: str
    publisher: str
    published: str
    sources: list[dict]
    license_note: Text
    languages: list[str]
    controls: list[Control]
    effective: str | None = None
    description: Text | None = None
    coverage_types: list[str] = field(default_factory=list)
    types: dict[str, Text] = field(default_factory=dict)
    groups: list[Group] = field(default_factory=list)
    instruments: dict[str, Text] = field(default_factory=dict)  # legal_refs instrument id → its name
    report_label: str | None = None  # ``report.label``: the name on the report's cover, with its version
    report_order: int | None = None  # catalog ``report.order``: where the framework comes (lowest first)
    statement_of_applicability: bool = False  # ``report.statement_of_applicability``: ``posture soa`` lists it
    report_sections: list[ReportSection] = field(default_factory=list)  # as declared (see :meth:`detail`)
    path: str = ""
    content_hash: str = ""

    @cached_property
    def _by_id(self) -> dict[str, Control]:
        return {c.id: c for c in self.controls}

    def control(self, control_id: str) -> Control | None:
        return self._by_id.get(control_id)

    def group(self, group_id: str) -> Group | None:
        return next((g for g in self.groups if g.id == group_id), None)

    def ancestors(self, control_id: str) -> list[str]:
        """Parent chain, nearest first (cycles are rejected by validation)."""
        chain: list[str] = []
        current = self._by_id.get(control_id)
        while current is not None and current.parent and current.parent not in chain:
            chain.append(current.parent)
            current = self._by_id.get(current.parent)
        return chain

    def detail(self) -> list[ReportSection]:
        """The framework's detail in the report: the declared ``report.sections``, or one Statement-of-
        Applicability-style table of the coverage targets titled with the catalog's name."""
        if self.report_sections:
            return list(self.report_sections)
        return [ReportSection(title={lang: f"{self.name[lang]}: " + _SOA_TITLE[lang] for lang in LANGS})]

    def controls_in(self, section: ReportSection) -> list[Control]:
        """The controls one report section lists, in catalog order."""
        return self.coverage_targets() if section.controls == "coverage" else list(self.controls)

    def top(self, control_id: str) -> str:
        """The top-level ancestor of a control (itself if it has no parent)."""
        chain = self.ancestors(control_id)
        return chain[-1] if chain else control_id

    def coverage_targets(self) -> list[Control]:
        """Controls a checklist must cover or exclude."""
        if not self.coverage_types:
            return list(self.controls)
        return [c for c in self.controls if c.type in self.coverage_types]


def by_report_order(frameworks, catalogs: dict[str, Catalog]) -> list[str]:
    """``frameworks`` (ids) in the order their catalogs declare (``report.order``, lowest first); undeclared or
    unknown ones after them, by id."""
    def key(fw: str) -> tuple:
        order = catalogs[fw].report_order if fw in catalogs else None
        return (order is None, order or 0, fw)
    return sorted(dict.fromkeys(frameworks), key=key)


@dataclass(frozen=True)
class ScaleOption:
    value: str
    key: str
    score: float
    label: Text


@dataclass(frozen=True)
class Scale:
    id: str
    label: Text
    options: tuple[ScaleOption, ...]
    allow_na: bool = True

    def option(self, value: str) -> ScaleOption | None:
        return next((o for o in self.options if o.value == value), None)

    def by_key(self, key: str) -> ScaleOption | None:
        return next((o for o in self.options if o.key == key), None)


@dataclass(frozen=True)
class Question:
    id: str
    section_id: str
    text: Text
    guidance: Text
    remediation: Text
    scale: str
    weight: int
    criticality: str
    maps_to: dict[str, tuple[str, ...]]
    effort: str
    owner: str
    evidence: tuple[Text, ...] = ()
    action: str | None = None
    probe_checks: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    @property
    def critical(self) -> bool:
        return self.criticality == Criticality.CRITICAL


@dataclass(frozen=True)
class Section:
    id: str
    title: Text
    questions: tuple[Question, ...]
    description: Text | None = None


@dataclass(frozen=True)
class Exclusion:
    catalog: str
    controls: tuple[str, ...]
    rationale: Text


@dataclass
class Checklist:
    id: str
    version: str
    title: Text
    languages: list[str]
    catalogs: list[str]
    sections: list[Section]
    scales: dict[str, Scale]
    not_applicable: list[Exclusion] = field(default_factory=list)
    description: Text | None = None
    coverage: str = "full"  # "partial": a focused checklist whose coverage is reported, not enforced
    actions: dict[str, Text] = field(default_factory=dict)  # action id → the title people read (``actions:``)
    path: str = ""
    content_hash: str = ""

    @cached_property
    def questions(self) -> list[Question]:
        return [q for s in self.sections for q in s.questions]

    @cached_property
    def _by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    def question(self, question_id: str) -> Question | None:
        return self._by_id.get(question_id)

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def scale_of(self, question: Question) -> Scale:
        return self.scales[question.scale]

    def excluded(self, catalog_id: str) -> dict[str, Exclusion]:
        """Control id → the exclusion that names it, for one catalog."""
        return {c: e for e in self.not_applicable if e.catalog == catalog_id for c in e.controls}


@dataclass(frozen=True)
class ProbeCheck:
    id: str
    title: Text
    description: Text
    remediation: Text
    severity: str
    maps_to: dict[str, tuple[str, ...]]
