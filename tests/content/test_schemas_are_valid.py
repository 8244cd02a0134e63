"""Every bundled JSON Schema is valid against its own metaschema (draft 2020-12): checked here once, not
each time posture builds a validator (posture.content._schema.validator)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

SCHEMAS = sorted((Path(__file__).parents[2] / "posture" / "schemas").glob("*.schema.json"))


def test_the_schemas_are_found():
    assert {p.name for p in SCHEMAS} >= {"assessment.schema.json", "catalog.schema.json", "checklist.schema.json"}


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_each_bundled_schema_is_valid(path):
    schema = json.loads(path.read_text("utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    assert cls is jsonschema.Draft202012Validator
    cls.check_schema(schema)  # raises SchemaError naming the bad keyword


def test_a_broken_schema_is_refused_by_the_same_check():
    with pytest.raises(jsonschema.SchemaError):
        jsonschema.Draft202012Validator.check_schema({"type": "objekt"})
