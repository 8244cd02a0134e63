"""Content: control catalogs, checklists and probe checks, loaded from validated YAML."""

from __future__ import annotations

import os

from posture.content._coverage import Applicability, CatalogCoverage, applicability, coverage, questions_by_control
from posture.content._law import (
    LAWS,
    Article,
    CitedArticle,
    LawInfo,
    LawText,
    article_numbers,
    articles_for,
    cited_articles,
    has_text,
    law_text,
)
from posture.content._library import Library
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
    by_report_order,
)
from posture.content._paths import bundled_files, bundled_root, demo_dir, laws_dir
from posture.content._scales import BUILTIN_SCALES, NA_KEY, NA_LABEL, NA_VALUE
from posture.content._schema import validate_doc
from posture.errors import ContentError, WrongFileKind
from posture.i18n import _, fmt
from posture.safe_yaml import display_name

__all__ = [
    "BUILTIN_SCALES", "LAWS", "NA_KEY", "NA_LABEL", "NA_VALUE", "Applicability", "Article", "Catalog",
    "CatalogCoverage", "Checklist", "CitedArticle", "ContentError", "Control", "Exclusion", "Group", "LawInfo",
    "LawText", "LegalRef", "Library", "ProbeCheck", "Question", "ReportSection", "Scale", "ScaleOption", "Section",
    "applicability", "article_numbers", "articles_for", "bundled_files", "bundled_library", "bundled_root",
    "by_report_order", "cited_articles", "coverage", "demo_dir", "has_text", "law_text", "laws_dir", "load_catalog",
    "load_checklist", "questions_by_control", "validate_doc",
]

_bundled: Library | None = None


def bundled_library() -> Library:
    """The shipped content (``controls/``, ``checklists/``, ``checks/``): every catalog, checklist and probe
    check, schema- and cross-checked, loaded once per process (and cached between processes, keyed by the
    files' bytes: ``_cache.py``). Raises ``ContentError`` only if the installation itself is broken."""
    global _bundled
    if _bundled is None:
        _bundled = Library.bundled()
    return _bundled


_KIND_NAMES = {"catalogs": _("a catalog"), "checklists": _("a checklist")}


def _load_one(path: str | os.PathLike, attribute: str, fallback: Library | None):
    lib = Library.load([path], fallback=fallback)
    if lib.problems:
        raise ContentError(lib.problems[0].message, problems=lib.problems)
    found = getattr(lib, attribute)
    if not found:
        name = _KIND_NAMES[attribute]
        raise WrongFileKind.at(display_name(path), fmt(_("is not {kind}"), kind=name))
    return next(iter(found.values()))


def load_catalog(path: str | os.PathLike) -> Catalog:
    """One catalog file (``controls/*.yaml``), schema- and cross-checked. Raises ``ContentError`` naming file,
    line and field (``WrongFileKind`` when the file is another kind of content)."""
    return _load_one(path, "catalogs", None)


def load_checklist(path: str | os.PathLike, library: Library | None = None) -> Checklist:
    """A checklist file, checked against ``library`` (default: the bundled catalogs): every mapped control
    exists, ids are unique, every person-facing string has ``es`` and ``en``. Raises ``ContentError`` naming
    file, line and field (``WrongFileKind`` when the file is another kind of content)."""
    return _load_one(path, "checklists", library if library is not None else bundled_library())
