"""Which controls of each catalog a checklist covers, excludes with a rationale, or misses."""

from __future__ import annotations

from dataclasses import dataclass, field

from posture.content._models import Catalog, Checklist, Control, Exclusion


@dataclass
class CatalogCoverage:
    catalog: Catalog
    covered: dict[str, list[str]] = field(default_factory=dict)  # control id → question ids
    excluded: dict[str, Exclusion] = field(default_factory=dict)
    missing: list[Control] = field(default_factory=list)

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


def coverage(checklist: Checklist, catalogs: dict[str, Catalog]) -> list[CatalogCoverage]:
    out = []
    for cat_id in checklist.catalogs:
        catalog = catalogs.get(cat_id)
        if catalog is None:
            continue
        by_control = questions_by_control(checklist, catalog)
        exclusions = checklist.excluded(cat_id)
        cov = CatalogCoverage(catalog)
        for control in catalog.coverage_targets():
            if control.id in by_control:
                cov.covered[control.id] = by_control[control.id]
                continue
            excl = next((exclusions[c] for c in (control.id, *catalog.ancestors(control.id)) if c in exclusions),
                        None)
            if excl is not None:
                cov.excluded[control.id] = excl
            else:
                cov.missing.append(control)
        out.append(cov)
    return out
