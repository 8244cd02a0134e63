"""JSON Schema validation whose errors point at a file, line, column and field, in es and en."""

from __future__ import annotations

import importlib
import json
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from posture.errors import Problem
from posture.i18n import Localized, _, fmt
from posture.safe_yaml import YamlDoc, format_path

if TYPE_CHECKING:
    import jsonschema

KINDS = ("catalog", "checklist", "probe-checks")

_MSG = {
    "required": _("missing required field '{name}'"),
    "translation": _("missing translation '{name}'"),
    "type": _("{value} is {actual}; expected {expected}"),
    "unquoted": _("unquoted '{raw}' was read as the number {value}; quote it: \"{raw}\""),
    "enum": _("{value} is not one of: {allowed}"),
    "const": _("{value} must be {allowed}"),
    "extra": _("unknown field '{name}'"),
    "pattern": _("{value} does not have the expected format ({pattern})"),
    "minItems": _("at least {limit} items are required"),
    "minLength": _("must not be empty"),
    "maxLength": _("is longer than {limit} characters"),
    "minimum": _("{value} is less than {limit}"),
    "maximum": _("{value} is greater than {limit}"),
    "uniqueItems": _("has repeated items"),
    "minProperties": _("must not be empty"),
    "other": _("is not valid: {detail}"),
}

_TYPE_NAMES = {
    "string": _("text"), "integer": _("an integer"), "number": _("a number"), "object": _("a mapping"),
    "array": _("a list"), "boolean": _("a boolean"), "null": _("null"),
}


def _type_of(value) -> Localized | str:
    if value is None:
        return _TYPE_NAMES["null"]
    if isinstance(value, bool):
        return _TYPE_NAMES["boolean"]
    if isinstance(value, int):
        return _TYPE_NAMES["integer"]
    if isinstance(value, float):
        return _TYPE_NAMES["number"]
    if isinstance(value, str):
        return _TYPE_NAMES["string"]
    if isinstance(value, list):
        return _TYPE_NAMES["array"]
    if isinstance(value, dict):
        return _TYPE_NAMES["object"]
    return type(value).__name__


@cache
def schema(kind: str) -> dict:
    # the package's own files, beside this module (as posture.content._paths finds the content): not through
    # importlib.resources, whose import (zipfile, tempfile, shutil, …) costs more than a whole validation
    text = (Path(__file__).resolve().parents[1] / "schemas" / f"{kind}.schema.json").read_text("utf-8")
    return json.loads(text)


@cache
def validator(kind: str) -> jsonschema.protocols.Validator:
    """The validator of one bundled schema (``posture/schemas/<kind>.schema.json``), built once per process.

    The schemas are posture's own files: tests/content/test_schemas_are_valid.py checks each against its
    metaschema, so that check (about half the time of opening an assessment) is not paid on every run.
    jsonschema is imported here, on first use: a valid document of a kind with a fast validator never needs it."""
    import jsonschema

    sch = schema(kind)
    return jsonschema.validators.validator_for(sch)(sch)


@cache
def fast_validator(kind: str):
    """The generated validator of ``kind`` (``posture/content/_fast/``, made by tools/compile_schemas.py with
    fastjsonschema): ``validate(data)`` returns or raises; None for a kind without one."""
    try:
        return importlib.import_module(f"posture.content._fast.{kind.replace('-', '_')}").validate
    except ModuleNotFoundError:
        return None


def _short(value) -> str:
    text = repr(value) if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def validate_doc(doc: YamlDoc, kind: str) -> list[Problem]:
    """Schema problems of one document, sorted by position.

    A document the generated fast validator accepts has none (the same schema, compiled to Python: ~1 ms for
    an assessment instead of ~25 ms, and no jsonschema import); any other is checked by jsonschema, whose
    errors become the located problems (so a bad file reads exactly as before; when the two disagree,
    jsonschema's answer stands)."""
    fast = fast_validator(kind)
    if fast is not None:
        try:
            fast(doc.data)
        except Exception:  # noqa: S110 - refused (or odd data): jsonschema below says exactly why
            pass
        else:
            return []
    problems = [_to_problem(doc, err) for err in validator(kind).iter_errors(doc.data)]
    return sorted(problems, key=lambda p: (p.line or 0, p.col or 0, p.path))


def _to_problem(doc: YamlDoc, err: jsonschema.ValidationError) -> Problem:
    path = tuple(err.absolute_path)
    keyword = err.validator
    value = err.instance
    message: dict[str, str]
    code = f"schema.{keyword}"
    if keyword == "required":
        match = re.match(r"'(.+)' is a required property", err.message)
        name = match.group(1) if match else "?"
        is_text = name in ("es", "en") and isinstance(value, dict)
        message = fmt(_MSG["translation" if is_text else "required"], name=name)
        code = "missing_translation" if is_text else code
    elif keyword == "additionalProperties":
        allowed = set(err.schema.get("properties", {}))
        patterns = [re.compile(p) for p in err.schema.get("patternProperties", {})]  # matched as jsonschema does
        extras = [k for k in value if k not in allowed and not any(p.search(k) for p in patterns)] \
            if isinstance(value, dict) else []
        name = extras[0] if extras else "?"
        if extras:
            path = (*path, name)
        message = fmt(_MSG["extra"], name=name)
        if isinstance(value, dict) and "es" in allowed and "en" in allowed:
            code = "unknown_language"
    elif keyword == "type":
        raw = doc.raw_scalars.get(path)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and raw is not None and "string" in str(
            err.validator_value
        ):
            message = fmt(_MSG["unquoted"], raw=raw, value=value)
            code = "unquoted_number"
        else:
            expected = err.validator_value if isinstance(err.validator_value, str) else err.validator_value[0]
            message = fmt(_MSG["type"], value=_short(value), actual=_type_of(value),
                          expected=_TYPE_NAMES.get(expected, expected))
    elif keyword in ("enum", "const"):
        allowed = err.validator_value if keyword == "enum" else [err.validator_value]
        message = fmt(_MSG[keyword], value=_short(value), allowed=", ".join(_short(a) for a in allowed))
    elif keyword == "pattern":
        message = fmt(_MSG["pattern"], value=_short(value), pattern=err.validator_value)
    elif keyword in ("minItems", "maxLength", "minimum", "maximum"):
        message = fmt(_MSG[keyword], value=_short(value), limit=err.validator_value)
    elif keyword in ("minLength", "uniqueItems", "minProperties"):
        message = dict(_MSG[keyword])
    else:
        message = fmt(_MSG["other"], detail=err.message)
    line, col = doc.where(path)
    return Problem(file=doc.file, line=line, col=col, path=format_path(path), message=message, code=code)
