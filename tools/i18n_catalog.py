"""posture's gettext catalogs with Babel: extract the code strings, update a catalog, compile it, check it.

Used by tools/i18n_convert.py (the one-off both()→gettext migration) and by tests/test_catalog.py.
The same steps with the pybabel command are in DEVELOPERS.md ("Languages").

    python tools/i18n_catalog.py          # extract, update every catalog (translations kept), compile
    python tools/i18n_catalog.py --check  # exit 1 on untranslated, fuzzy, unused or mismatched entries
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import string
import sys
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "posture" / "locale"
DOMAIN = "posture"
MAPPING = ROOT / "babel.cfg"
# the marker functions of posture.i18n, and Jinja's gettext names in the report templates
KEYWORD_SPECS = ("_", "_p:1c,2", "_n:1,2", "_np:1c,2,3", "gettext", "ngettext:1,2", "pgettext:1c,2",
                 "npgettext:1c,2,3")
KEYWORDS = parse_keywords(list(KEYWORD_SPECS))
PYBABEL_EXTRACT = ("pybabel extract -F babel.cfg --no-default-keywords "
                   + " ".join(f"-k {k}" for k in KEYWORD_SPECS)
                   + " --add-location=file --sort-output -o posture/locale/posture.pot .")

Key = tuple[str, str | None]
# GNU gettext's rule for Spanish (CLDR adds a "many" form for millions that gettext catalogs do not use)
PLURAL_FORMS = {"es": (2, "(n != 1)")}  # (msgid, context); a plural's msgid is its singular


def po_path(lang: str, root: Path = LOCALE) -> Path:
    return root / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def languages(root: Path = LOCALE) -> list[str]:
    return sorted(p.parent.parent.name for p in root.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def extract(root: Path = ROOT) -> Catalog:
    """Every marked string of posture/**.py and the report templates, as a template catalog (no translations)."""
    with MAPPING.open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh, str(MAPPING))
    template = Catalog(domain=DOMAIN, project="posture", fuzzy=False)

    def only_package(dirpath: str) -> bool:
        parts = Path(os.path.relpath(dirpath, root)).parts  # not resolved: a symlinked .venv stays outside
        return not parts or (parts[0] == "posture" and not any(p.startswith((".", "__")) for p in parts))

    found = extract_from_dir(str(root), method_map, options_map, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",),
                             strip_comment_tags=True, directory_filter=only_package)
    for filename, lineno, message, comments, context in found:
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


def key_of(message: Message) -> Key:
    mid = message.id
    return (mid[0] if isinstance(mid, tuple | list) else mid, message.context)


def read(path: Path) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh, abort_invalid=True)


def render_po(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=100, sort_output=True, include_lineno=False, ignore_obsolete=True)
    return out.getvalue()


def render_mo(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def update(lang: str, template: Catalog, translations: dict[Key, object] | None = None,
           root: Path = LOCALE) -> tuple[Catalog, bool]:
    """The catalog of ``lang`` for the messages of ``template``: translations kept, new ones filled from
    ``translations`` (msgstr, or a tuple of plural forms), messages no code uses dropped.
    Writes the .po and the .mo when they change; returns the catalog and whether anything changed."""
    path = po_path(lang, root)
    old = read(path) if path.exists() else None
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    new = Catalog(locale=lang, domain=DOMAIN, project="posture", version="0.1.0", fuzzy=False,
                  creation_date=old.creation_date if old else stamp,
                  revision_date=old.revision_date if old else stamp,
                  language_team=old.language_team if old else f"{lang} <posture developers>",
                  last_translator=old.last_translator if old else "posture developers",
                  msgid_bugs_address="", copyright_holder="posture developers")
    if old is not None and old._num_plurals is not None:  # the translator's Plural-Forms stay
        new._num_plurals, new._plural_expr = old._num_plurals, old._plural_expr
    elif lang in PLURAL_FORMS:
        new._num_plurals, new._plural_expr = PLURAL_FORMS[lang]
    translations = translations or {}
    for msg in template:
        if not msg.id:
            continue
        key = key_of(msg)
        string = translations.get(key)
        fuzzy = False
        if string is None and old is not None:
            before = old.get(msg.id if not isinstance(msg.id, tuple) else msg.id[0], msg.context)
            if before is not None and before.id == msg.id:
                string, fuzzy = before.string, before.fuzzy
        if string is None:
            string = ("",) * new.num_plurals if isinstance(msg.id, tuple) else ""
        elif isinstance(msg.id, tuple) and isinstance(string, tuple) and len(string) != new.num_plurals:
            string = (*string, *([string[-1]] * new.num_plurals))[:new.num_plurals]
        flags = set(msg.flags) | ({"fuzzy"} if fuzzy else set())
        if _brace_fields(msg.id):  # "{share:.0f} % of" is str.format, not %-format: Babel guessed python-format
            flags = (flags - {"python-format"}) | {"python-brace-format"}
        new.add(msg.id, string, msg.locations, flags=flags, auto_comments=msg.auto_comments, context=msg.context)
    body = render_po(new)
    changed = old is None or _without_dates(body) != _without_dates(render_po(old))
    if changed and old is not None:
        new.revision_date = stamp
        body = render_po(new)
    mo = render_mo(read_po(io.BytesIO(body), abort_invalid=True))
    mo_path = path.with_suffix(".mo")
    if changed or not mo_path.exists() or mo_path.read_bytes() != mo:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)
        mo_path.write_bytes(mo)
        changed = True
    return new, changed


def _without_dates(po: bytes) -> bytes:
    return b"\n".join(line for line in po.splitlines() if not line.startswith((b'"PO-Revision-Date', b'"POT-Creation')))


def _brace_fields(mid: str | tuple) -> bool:
    for text in (mid if isinstance(mid, tuple) else (mid,)):
        try:
            if any(name is not None for _, name, _, _ in string.Formatter().parse(text)):
                return True
        except ValueError:
            pass
    return False


def placeholders(text: str) -> set[str]:
    """The ``{name}`` fields of a str.format message (and the %(name)s / %s of a %-format one)."""
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        fields = {"<unbalanced braces>"}
    import re

    return fields | set(re.findall(r"%(?:\([a-z_]+\))?[sdr]", text))


def problems(lang: str, template: Catalog | None = None, root: Path = LOCALE) -> list[str]:
    """Why the catalog of ``lang`` is not complete: untranslated, fuzzy, unused by the code, placeholders
    that differ from the message id, a .mo that is not the compiled .po."""
    from babel.messages.checkers import python_format

    path = po_path(lang, root)
    cat = read(path)
    out: list[str] = []
    for msg in cat:
        if not msg.id:
            continue
        name = f"{path.name} ({lang}): {msg.id!r}" + (f" [{msg.context}]" if msg.context else "")
        strings = msg.string if isinstance(msg.string, tuple) else (msg.string,)
        if msg.fuzzy:
            out.append(f"{name}: fuzzy")
        if not all(strings):
            out.append(f"{name}: untranslated")
            continue
        ids = msg.id if isinstance(msg.id, tuple) else (msg.id,)
        wanted = set().union(*(placeholders(i) for i in ids))
        for s in strings:
            got = placeholders(s)
            # a singular may leave out the count ("one action" for "{n} actions"); no other difference
            if got - wanted or (wanted - got and not isinstance(msg.id, tuple)):
                out.append(f"{name}: placeholders {sorted(got)} differ from {sorted(wanted)} in {s!r}")
        if "python-format" in msg.flags:  # what pybabel compile checks too ("{x} % of" reads as %-format)
            try:
                python_format(cat, msg)
            except Exception as exc:  # babel's TranslationError
                out.append(f"{name}: {exc}")
    if template is not None:
        used = {key_of(m) for m in template if m.id}
        have = {key_of(m) for m in cat if m.id}
        out += [f"{path.name} ({lang}): {k[0]!r}" + (f" [{k[1]}]" if k[1] else "") + ": no code uses it"
                for k in sorted(have - used, key=str)]
        out += [f"{path.name} ({lang}): {k[0]!r}" + (f" [{k[1]}]" if k[1] else "") + ": missing from the catalog"
                for k in sorted(used - have, key=str)]
    mo = path.with_suffix(".mo")
    if not mo.exists() or mo.read_bytes() != render_mo(cat):
        out.append(f"{mo}: stale, not the compiled {path.name} (run python tools/i18n_catalog.py)")
    return out


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only check; exit 1 on any problem")
    args = ap.parse_args(list(argv) if argv is not None else None)
    template = extract()
    found: list[str] = []
    for lang in languages():
        if not args.check:
            _, changed = update(lang, template)
            print(f"{lang}: {'updated' if changed else 'unchanged'}")
        found += problems(lang, template)
    for line in found:
        print(line, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
