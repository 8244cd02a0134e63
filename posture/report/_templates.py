"""The Jinja2 environment: package templates only, autoescape always on, undefined names are errors."""

from __future__ import annotations

import re

from jinja2 import Environment, PackageLoader, StrictUndefined

from posture.i18n import tr
from posture.report._assets import asset_text
from posture.report._strings import STRINGS

_env: Environment | None = None
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


def environment() -> Environment:
    global _env
    if _env is None:
        _env = Environment(loader=PackageLoader("posture.report", "templates"), autoescape=True,
                           undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return _env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)


def stylesheet(lang: str, sha256: str | None) -> str:
    """The package CSS plus the page margin texts for one language and one file hash.

    Only posture's own strings and a checked hex digest go into CSS; user text reaches the margins
    through ``string-set`` from escaped HTML, never by being written into a stylesheet.
    """
    if sha256 is not None and not _HEX64.match(sha256):
        raise ValueError("sha256 must be 64 lowercase hex digits")
    footer = f"@bottom-left {{ content: \"SHA-256 {sha256}\" }}" if sha256 else ""
    page, of = tr(STRINGS["page"], lang), tr(STRINGS["of"], lang)
    label = tr(STRINGS["confidential"], lang)
    margins = (
        f"@page {{ {footer}"
        f" @bottom-right {{ content: \"{page} \" counter(page) \" {of} \" counter(pages) }}"
        f" @top-right {{ content: \"{label}\" }} }}"
    )
    return asset_text("report.css") + "\n" + margins + "\n"
