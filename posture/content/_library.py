"""A set of content files loaded together, and the checks that span files."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from posture.content._build import build_catalog, build_checklist, build_probe_checks
from posture.content._cache import read_cache, write_cache
from posture.content._law import article_numbers, has_text, law_text
from posture.content._models import Catalog, Checklist, ProbeCheck
from posture.content._paths import bundled_files, expand, laws_dir
from posture.content._scales import BUILTIN_SCALES
from posture.content._schema import KINDS, validate_doc
from posture.errors import ContentError, Problem
from posture.i18n import _, fmt
from posture.safe_yaml import YamlDoc, display_name, format_path, load_yaml

_MSG = {
    "kind": _("unknown content type: 'kind' must be one of {kinds}"),
    "ciso_assistant": _("is a CISO Assistant library ({what} '{name}', {urn}), not posture content: it has no "
                        "'kind' and posture does not read that format. To use its requirements, write them as a "
                        "posture catalog (kind: catalog) with a checklist that covers them: see "
                        "docs/guides/content-author.en.md"),
    "dup_file": _("'{id}' is already defined in {other}"),
    "dup_id": _("duplicate id '{id}' (already at {where})"),
    "no_catalog": _("catalog '{id}' does not exist"),
    "not_listed": _("catalog '{id}' is not listed in this checklist's 'catalogs'"),
    "excluded_but_mapped": _("'{control}' is excluded in not_applicable[{i}] ({named}) and this question maps to "
                             "it: the exclusion wins (the control is not applicable); remove the mapping or the "
                             "exclusion"),
    "untitled_action": _("action '{id}' has no title under 'actions:' (es and en): the plan will show the bare id"),
    "no_control": _("'{control}' is not a control of {catalog}"),
    "no_scale": _("answer scale '{scale}' does not exist"),
    "no_check": _("probe check '{check}' does not exist"),
    "no_parent": _("parent control '{parent}' does not exist"),
    "cycle": _("control '{id}' is its own ancestor"),
    "no_group": _("group '{group}' does not exist"),
    "no_type": _("type '{type}' is not declared in 'types'"),
    "dup_key": _("key '{key}' is used twice in the scale"),
    "na_key": _("key 'a' is reserved for 'not applicable'"),
    "no_article": _("the law ({law}) has no article {article} in its text in force in laws/"),
    "no_fraction": _("article {article} of the law ({law}) has no fraction {fraction}"),
    "bad_article": _("invalid article number '{article}' (e.g. '18', '21-26' or '7, 9')"),
    "no_quote": _("'quote_from' is not in article {article} of the law ({law}): '{words}'"),
    "quote_no_text": _("'quote_from' only works where posture ships the law's text (laws/)"),
}


def _ciso_assistant(data) -> dict | None:
    """What a CISO Assistant library holds, when ``data`` looks like one (top-level ``urn`` and ``objects``
    with a framework, mappings, threats or reference controls; format of intuitem/ciso-assistant-community
    backend/library/libraries/*.yaml); None otherwise."""
    if not isinstance(data, dict) or "kind" in data or not isinstance(data.get("objects"), dict):
        return None
    urn = data.get("urn")
    if not isinstance(urn, str) or not urn.startswith("urn:"):
        return None
    objects = data["objects"]
    what = next((key for key in ("framework", "requirement_mapping_set", "requirement_mapping_sets", "risk_matrix",
                                 "reference_controls", "threats") if key in objects), next(iter(objects), "library"))
    inner = objects.get(what)
    name = inner.get("name") if isinstance(inner, dict) else None
    return {"what": str(what).replace("_", " "), "name": str(name or data.get("name") or data.get("ref_id") or "?"),
            "urn": urn}


@dataclass
class Library:
    """Catalogs, checklists and probe checks by id, with the problems found loading them."""

    catalogs: dict[str, Catalog] = field(default_factory=dict)
    checklists: dict[str, Checklist] = field(default_factory=dict)
    probe_checks: dict[str, ProbeCheck] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # located notices that do not make the content invalid (a question mapped to a control the checklist
    # excludes: the exclusion wins, posture.content._coverage)
    warnings: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    _validated: list[dict] = field(default_factory=list, repr=False)

    @classmethod
    def load(cls, paths: Iterable[str | os.PathLike], *, fallback: Library | None = None) -> Library:
        """Load and check files (folders are searched for ``*.yaml``). References that the given files do not
        define are looked up in ``fallback`` (normally the bundled content). Never raises for a bad file: its
        problems (file, line, column, field; es/en) are collected in ``Library.problems``; the valid files'
        catalogs, checklists and checks are in ``catalogs``, ``checklists`` and ``checks`` (id → object)."""
        lib = cls()
        docs: list[tuple[str, YamlDoc]] = []
        for path in expand([Path(p) for p in paths]):
            lib.files.append(display_name(path))
            try:
                doc = load_yaml(path)
            except ContentError as exc:
                lib.problems.extend(exc.problems)
                continue
            kind = doc.data.get("kind")
            if kind not in KINDS:
                line, col = doc.where(("kind",))
                foreign = _ciso_assistant(doc.data)
                message = fmt(_MSG["kind"], kinds=", ".join(KINDS)) if foreign is None else \
                    fmt(_MSG["ciso_assistant"], **foreign)
                lib.problems.append(Problem(doc.file, message, line, col, "kind", "kind"))
                continue
            schema_problems = validate_doc(doc, kind)
            if schema_problems:
                lib.problems.extend(schema_problems)
                continue
            docs.append((kind, doc))
        lib._build(docs)
        lib._cross_check(docs, fallback)
        lib._validated = [{"kind": k, "file": d.file, "sha256": d.sha256, "data": d.data} for k, d in docs]
        return lib

    @classmethod
    def bundled(cls) -> Library:
        """The content shipped with posture; it must be valid. Once validated, the data is cached
        (see _cache.py) so the app starts without re-parsing and re-validating ~1 MB of YAML."""
        files = bundled_files()
        inputs = files + sorted(laws_dir().glob("*.json"))  # references are checked against the law texts too
        cached = read_cache(inputs)
        if cached is not None:
            return cls.from_data(cached)
        lib = cls.load(files)
        if lib.problems:
            raise ContentError(lib.problems[0].message, problems=lib.problems)
        write_cache(inputs, lib._validated)
        return lib

    @classmethod
    def from_data(cls, entries: list[dict]) -> Library:
        """Rebuild from data that already passed every check (the cache)."""
        lib = cls()
        lib._build([(e["kind"], YamlDoc(e["data"], e["file"], {}, {}, e["sha256"])) for e in entries])
        lib.files = [e["file"] for e in entries]
        return lib

    # -- building ---------------------------------------------------------------------------
    def _build(self, docs: list[tuple[str, YamlDoc]]) -> None:
        seen: dict[tuple[str, str], str] = {}
        for kind, doc in docs:
            key = (kind, doc.data["id"])
            if key in seen:
                line, col = doc.where(("id",))
                self.problems.append(Problem(doc.file, fmt(_MSG["dup_file"], id=key[1], other=seen[key]),
                                             line, col, "id", "duplicate_id"))
                continue
            seen[key] = doc.file
            if kind == "catalog":
                self.catalogs[doc.data["id"]] = build_catalog(doc)
            elif kind == "checklist":
                self.checklists[doc.data["id"]] = build_checklist(doc)
            else:
                for check in build_probe_checks(doc):
                    self.probe_checks[check.id] = check

    # -- cross-file checks --------------------------------------------------------------------
    def _cross_check(self, docs: list[tuple[str, YamlDoc]], fallback: Library | None) -> None:
        catalogs = dict(fallback.catalogs) if fallback else {}
        catalogs.update(self.catalogs)
        checks = dict(fallback.probe_checks) if fallback else {}
        checks.update(self.probe_checks)
        for kind, doc in docs:
            if kind == "catalog":
                self._check_catalog(doc)
            elif kind == "checklist":
                self._check_checklist(doc, catalogs, checks)
            else:
                self._check_probe_checks(doc, catalogs)

    def _add(self, doc: YamlDoc, path: tuple, message: dict, code: str) -> None:
        line, col = doc.where(path)
        self.problems.append(Problem(doc.file, message, line, col, format_path(path), code))

    def _unique(self, doc: YamlDoc, items: list[tuple[tuple, str]]) -> None:
        first: dict[str, tuple] = {}
        for path, ident in items:
            if ident in first:
                self._add(doc, (*path, "id"), fmt(_MSG["dup_id"], id=ident, where=format_path(first[ident])),
                          "duplicate_id")
            else:
                first[ident] = path

    def _check_catalog(self, doc: YamlDoc) -> None:
        d = doc.data
        controls = d["controls"]
        self._unique(doc, [(("controls", i), c["id"]) for i, c in enumerate(controls)])
        ids = {c["id"] for c in controls}
        groups = {g["id"] for g in d.get("groups", ())}
        types = set(d.get("types", {}))
        parents = {c["id"]: c.get("parent") for c in controls}
        for i, c in enumerate(controls):
            where = ("controls", i)
            parent = c.get("parent")
            if parent and parent not in ids:
                self._add(doc, (*where, "parent"), fmt(_MSG["no_parent"], parent=parent), "unknown_parent")
            elif parent:
                # a chain that runs into a cycle of other controls is not this control's cycle (each control
                # of that cycle is told): only a chain back to this control makes it its own ancestor
                seen, cur = {c["id"]}, parent
                while cur:
                    if cur in seen:
                        if cur == c["id"]:
                            self._add(doc, (*where, "parent"), fmt(_MSG["cycle"], id=c["id"]), "parent_cycle")
                        break
                    seen.add(cur)
                    cur = parents.get(cur)
            if c.get("group") and groups and c["group"] not in groups:
                self._add(doc, (*where, "group"), fmt(_MSG["no_group"], group=c["group"]), "unknown_group")
            if c.get("type") and types and c["type"] not in types:
                self._add(doc, (*where, "type"), fmt(_MSG["no_type"], type=c["type"]), "unknown_type")
            for j, ref in enumerate(c.get("legal_refs", ())):
                self._check_legal_ref(doc, (*where, "legal_refs", j), d["id"], ref)

    def _check_legal_ref(self, doc: YamlDoc, where: tuple, catalog_id: str, ref: dict) -> None:
        """Where posture ships the law's text (laws/), a reference names an article (and fraction) it has,
        and a ``quote_from`` is words of that article."""
        if not has_text(catalog_id, ref["instrument"]):
            if "quote_from" in ref:
                self._add(doc, (*where, "quote_from"), _MSG["quote_no_text"], "quote_without_text")
            return
        law = law_text(catalog_id)
        name = law.info.short
        try:
            numbers = article_numbers(ref["article"])
        except ValueError:
            self._add(doc, (*where, "article"), fmt(_MSG["bad_article"], article=ref["article"]), "bad_article")
            return
        for number in numbers:
            article = law.article(number)
            if article is None:
                self._add(doc, (*where, "article"), fmt(_MSG["no_article"], law=name, article=number), "no_article")
                return
            for roman in (ref.get("fraction") or "").split("-") if ref.get("fraction") else ():
                if article.fraction(roman) is None:
                    self._add(doc, (*where, "fraction"), fmt(_MSG["no_fraction"], law=name, article=number,
                                                             fraction=roman), "no_fraction")
                    return
        if "quote_from" in ref:
            try:
                law.article(numbers[0]).excerpt(start=ref["quote_from"])
            except ValueError:
                self._add(doc, (*where, "quote_from"), fmt(_MSG["no_quote"], law=name, article=numbers[0],
                                                           words=ref["quote_from"]), "quote_not_in_article")

    def _check_controls(self, doc, path, cat_id, controls, catalogs) -> None:
        catalog = catalogs.get(cat_id)
        if catalog is None:
            self._add(doc, path, fmt(_MSG["no_catalog"], id=cat_id), "unknown_catalog")
            return
        for j, control in enumerate(controls):
            if catalog.control(control) is None:
                self._add(doc, (*path, j), fmt(_MSG["no_control"], control=control, catalog=cat_id),
                          "unknown_control")

    def _check_checklist(self, doc: YamlDoc, catalogs: dict[str, Catalog], checks: dict) -> None:
        d = doc.data
        listed = d["catalogs"]
        for i, cat_id in enumerate(listed):
            if cat_id not in catalogs:
                self._add(doc, ("catalogs", i), fmt(_MSG["no_catalog"], id=cat_id), "unknown_catalog")
        scales = set(BUILTIN_SCALES) | set(d.get("scales", {}))
        for scale_id, scale in d.get("scales", {}).items():
            keys: set[str] = set()
            for k, option in enumerate(scale["options"]):
                where = ("scales", scale_id, "options", k, "key")
                if option["key"] == "a":
                    self._add(doc, where, dict(_MSG["na_key"]), "reserved_key")
                elif option["key"] in keys:
                    self._add(doc, where, fmt(_MSG["dup_key"], key=option["key"]), "duplicate_key")
                keys.add(option["key"])
        self._unique(doc, [(("sections", i), s["id"]) for i, s in enumerate(d["sections"])])
        self._unique(doc, [(("sections", i, "questions", j), q["id"])
                           for i, s in enumerate(d["sections"]) for j, q in enumerate(s["questions"])])
        for i, section in enumerate(d["sections"]):
            for j, q in enumerate(section["questions"]):
                where = ("sections", i, "questions", j)
                if q["scale"] not in scales:
                    self._add(doc, (*where, "scale"), fmt(_MSG["no_scale"], scale=q["scale"]), "unknown_scale")
                for cat_id, controls in q["maps_to"].items():
                    path = (*where, "maps_to", cat_id)
                    if cat_id not in listed:
                        self._add(doc, path, fmt(_MSG["not_listed"], id=cat_id), "unlisted_catalog")
                        continue
                    if cat_id in catalogs:
                        self._check_controls(doc, path, cat_id, controls, catalogs)
                for k, check in enumerate(q.get("probe_checks", ())):
                    if checks and check not in checks:
                        self._add(doc, (*where, "probe_checks", k), fmt(_MSG["no_check"], check=check),
                                  "unknown_check")
        for i, excl in enumerate(d.get("not_applicable", ())):
            self._check_controls(doc, ("not_applicable", i, "controls"), excl["catalog"], excl["controls"],
                                 catalogs)
        self._check_excluded_mappings(doc, catalogs)
        self._check_action_titles(doc)

    def _check_action_titles(self, doc: YamlDoc) -> None:
        """A warning at the first question naming an ``action`` id that ``actions:`` gives no title: the plan
        then shows the bare id to people (posture.plan ``PlanItem.title``)."""
        d = doc.data
        titled = set(d.get("actions", {}))
        for i, section in enumerate(d["sections"]):
            for j, q in enumerate(section["questions"]):
                action = q.get("action")
                if action and action not in titled:
                    titled.add(action)  # one warning per id
                    path = ("sections", i, "questions", j, "action")
                    line, col = doc.where(path)
                    self.warnings.append(Problem(doc.file, fmt(_MSG["untitled_action"], id=action), line, col,
                                                 format_path(path), "untitled_action"))

    def _check_excluded_mappings(self, doc: YamlDoc, catalogs: dict[str, Catalog]) -> None:
        """A warning at each ``maps_to`` entry naming a control the checklist's ``not_applicable`` excludes
        (itself or an ancestor): the exclusion wins (posture.content._coverage), so the mapping is likely a
        mistake."""
        d = doc.data
        named: dict[tuple[str, str], int] = {}
        for i, excl in enumerate(d.get("not_applicable", ())):
            for control in excl["controls"]:
                named.setdefault((excl["catalog"], control), i)
        if not named:
            return
        for i, section in enumerate(d["sections"]):
            for j, q in enumerate(section["questions"]):
                for cat_id, controls in q["maps_to"].items():
                    catalog = catalogs.get(cat_id)
                    if catalog is None:
                        continue
                    for k, control in enumerate(controls):
                        hit = next(((c, named[(cat_id, c)]) for c in (control, *catalog.ancestors(control))
                                    if (cat_id, c) in named), None)
                        if hit is not None:
                            path = ("sections", i, "questions", j, "maps_to", cat_id, k)
                            line, col = doc.where(path)
                            self.warnings.append(Problem(
                                doc.file, fmt(_MSG["excluded_but_mapped"], control=control, i=hit[1], named=hit[0]),
                                line, col, format_path(path), "excluded_but_mapped"))

    def _check_probe_checks(self, doc: YamlDoc, catalogs: dict[str, Catalog]) -> None:
        checks = doc.data["checks"]
        self._unique(doc, [(("checks", i), c["id"]) for i, c in enumerate(checks)])
        for i, check in enumerate(checks):
            for cat_id, controls in check["maps_to"].items():
                self._check_controls(doc, ("checks", i, "maps_to", cat_id), cat_id, controls, catalogs)
