"""The generated fast validators (posture/content/_fast/, tools/compile_schemas.py, fastjsonschema) are current
with their schemas, and never accept what jsonschema refuses: a document they accept has no problems, one they
refuse gets jsonschema's located problems (posture.content._schema.validate_doc)."""

from __future__ import annotations

import copy
import importlib.util
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from posture.content._schema import fast_validator, validate_doc, validator
from posture.safe_yaml import loads_yaml

ROOT = Path(__file__).parents[2]
DEMO = (ROOT / "demo" / "centro-de-contacto-demo" / "assessment.yaml").read_text("utf-8")
RULES = (ROOT / "posture" / "rules" / "verdict-rules.yaml").read_text("utf-8")


def _tool():
    spec = importlib.util.spec_from_file_location("compile_schemas", ROOT / "tools" / "compile_schemas.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_generated_validators_are_current():
    tool = _tool()
    for kind in tool.KINDS:
        target = tool.OUT / f"{tool.module_name(kind)}.py"
        assert target.read_text("utf-8") == tool.generate(kind), f"re-run tools/compile_schemas.py ({kind})"
        assert fast_validator(kind) is not None


def test_running_them_never_imports_fastjsonschema_or_jsonschema():
    import subprocess
    import sys

    code = ("import sys; from posture.content._schema import fast_validator\n"
            "import yaml; d = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))\n"
            "fast_validator('assessment')(d)\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('fastjsonschema', 'jsonschema')))")
    done = subprocess.run([sys.executable, "-c", code, str(ROOT / "demo" / "centro-de-contacto-demo" /
                                                           "assessment.yaml")], capture_output=True, text=True,
                          check=True, timeout=60)
    assert done.stdout.strip() == "[]"


VALUES = st.one_of(st.none(), st.booleans(), st.integers(-3, 70000), st.floats(allow_nan=False, allow_infinity=False),
                   st.sampled_from(["", "na", "yes", "x\n", "2026-01-01", "2026-01-01\n", "../a", "/abs", "a" * 70,
                                    "interview", "document", "open", "risk-accepted", "ISO", "é"]),
                   st.lists(st.sampled_from(["a", "", "iso27001-2022", "iso27001-2022"]), max_size=3),
                   st.just({}), st.just({"es": "a", "en": "b"}), st.just({"status": "risk-accepted"}))


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, (*prefix, i))


@st.composite
def mutated(draw, text):
    data = yaml.safe_load(text)
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(data) if p]
        path = draw(st.sampled_from(paths))
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        action = draw(st.sampled_from(["set", "delete", "add"]))
        if action == "set":
            parent[path[-1]] = copy.deepcopy(draw(VALUES))  # a copy: st.just's dicts are shared between draws
        elif action == "delete" and isinstance(parent, dict):
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(["extra", "note", "es", "value", "method", "na_justification"]))] = \
                copy.deepcopy(draw(VALUES))
    return data


def _agree(kind: str, data) -> None:
    try:
        fast_validator(kind)(data)
        fast_ok = True
    except Exception:
        fast_ok = False
    slow_ok = not list(validator(kind).iter_errors(data))
    assert not (fast_ok and not slow_ok), "the fast validator accepted what jsonschema refuses"
    doc = loads_yaml(yaml.safe_dump(data, allow_unicode=True), "x.yaml")
    assert (validate_doc(doc, kind) == []) == slow_ok  # the problems are jsonschema's, whichever path ran


FUZZ = settings(max_examples=min(100, settings.default.max_examples), deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(mutated(DEMO))
def test_an_assessment_the_fast_validator_accepts_is_valid(data):
    _agree("assessment", data)


@FUZZ
@given(mutated(RULES))
def test_rules_the_fast_validator_accepts_are_valid(data):
    _agree("verdict-rules", data)


def test_the_bundled_documents_pass_the_fast_path():
    for kind, text in (("assessment", DEMO), ("verdict-rules", RULES)):
        fast_validator(kind)(yaml.safe_load(text))  # raises if the fast path would fall back
