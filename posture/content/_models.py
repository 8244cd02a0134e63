"""What content files become once loaded: catalogs, checklists, probe checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from posture.vocabulary import Confidence, Criticality

Text = dict[str, str]


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

    def coverage_targets(self) -> list[Control]:
        """Controls a checklist must cover or exclude."""
        if not self.coverage_types:
            return list(self.controls)
        return [c for c in self.controls if c.type in self.coverage_types]


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
