"""Which controls of each catalog a checklist covers, excludes with a rationale, or misses.

:func:`applicability` is THE rule, used by ``posture validate --coverage``, ``posture soa``
(:mod:`posture.soa`), the report's framework tables and the OSCAL export (DEVELOPERS.md, "Content is data"):

* a question **covers** a control when it maps to it or to one of its descendants (``parent`` chain);
* a control is **excluded** when the checklist's ``not_applicable`` names it **or one of its ancestors**
  (an excluded requirement excludes every heading and sub-requirement under it);
* **the exclusion wins**: a control that is both excluded and mapped is excluded, with the exclusion's
  rationale. The questions still map to it (they are listed, and they still count towards the framework
  score, which is question-based: docs/scoring.md), but the control is not applicable, has no status and
  no OSCAL finding. ``posture validate`` reports every such mapping as a located warning, because it is
  usually a mistake in the checklist;
* otherwise a control of a coverage type that no question covers is **missing**.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from posture.content._models import Catalog, Checklist, Control, Exclusion


@dataclass(frozen=True)
class Applicability:
    """One control's applicability under one checklist.

    ``questions``: ids of the questions that map to the control or a descendant, in checklist order.
    ``exclusion``: the checklist's ``not_applicable`` entry in force, or None. ``excluded_by``: the control id
    that entry names (the control itself or the nearest excluded ancestor)."""

    control: Control
    questions: tuple[str, ...] = ()
    exclusion: Exclusion | None = None
    excluded_by: str | None = None

    @property
    def applicable(self) -> bool:
        return self.exclusion is None

    @property
    def covered(self) -> bool:
        """Applicable and evidenced by at least one question."""
        return self.exclusion is None and bool(self.questions)

    @property
    def conflict(self) -> bool:
        """Excluded although questions map to it (the exclusion wins; ``posture validate`` warns)."""
        return self.exclusion is not None and bool(self.questions)

    @property
    def state(self) -> str:
        """``"excluded"``, ``"covered"`` or ``"missing"``."""
        return "excluded" if self.exclusion is not None else "covered" if self.questions else "missing"


@dataclass
class CatalogCoverage:
    catalog: Catalog
    covered: dict[str, list[str]] = field(default_factory=dict)  # control id → question ids
    excluded: dict[str, Exclusion] = field(default_factory=dict)
    missing: list[Control] = field(default_factory=list)
    conflicts: dict[str, list[str]] = field(default_factory=dict)  # excluded, yet mapped: control id → question ids

    @property
    def total(self) -> int:
        return len(self.covered) + len(self.excluded) + len(self.missing)

    @property
    def percent(self) -> float:
        return 100.0 if self.total == 0 else 100.0 * (self.total - len(self.missing)) / self.total

    @property
    def complete(self) -> bool:
        return not self.missing


def questions_by_control(checklist: Checklist, catalog: Catalog) -> dict[str, list[str]]:
    """Control id → questions that evidence it, directly or through a descendant control."""
    result: dict[str, list[str]] = {}
    for q in checklist.questions:
        for control_id in q.maps_to.get(catalog.id, ()):
            for cid in (control_id, *catalog.ancestors(control_id)):
                bucket = result.setdefault(cid, [])
                if q.id not in bucket:
                    bucket.append(q.id)
    return result


def applicability(checklist: Checklist, catalog: Catalog,
                  controls: list[Control] | None = None) -> dict[str, Applicability]:
    """Control id → :class:`Applicability` for ``controls`` (default: every control of ``catalog``), in their
    order, by the rule in this module's docstring. Pure: reads the checklist and the catalog only."""
    by_control = questions_by_control(checklist, catalog)
    exclusions = checklist.excluded(catalog.id)
    out: dict[str, Applicability] = {}
    for control in catalog.controls if controls is None else controls:
        named = next((c for c in (control.id, *catalog.ancestors(control.id)) if c in exclusions), None)
        out[control.id] = Applicability(control, tuple(by_control.get(control.id, ())),
                                        exclusions[named] if named is not None else None, named)
    return out


def coverage(checklist: Checklist, catalogs: dict[str, Catalog]) -> list[CatalogCoverage]:
    """Per catalog the checklist lists (and ``catalogs`` has): its coverage targets covered, excluded, missing."""
    out = []
    for cat_id in checklist.catalogs:
        catalog = catalogs.get(cat_id)
        if catalog is None:
            continue
        cov = CatalogCoverage(catalog)
        for cid, app in applicability(checklist, catalog, catalog.coverage_targets()).items():
            if app.exclusion is not None:
                cov.excluded[cid] = app.exclusion
                if app.questions:
                    cov.conflicts[cid] = list(app.questions)
            elif app.questions:
                cov.covered[cid] = list(app.questions)
            else:
                cov.missing.append(app.control)
        out.append(cov)
    return out
