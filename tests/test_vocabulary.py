"""One vocabulary (issue #15 item 3): severity, method, owner role, confidence, audience, answer values,
grades, effort, priority, action status and verdict are defined once, in posture.vocabulary.

- every member has a label in both languages (and its variants);
- every JSON Schema carries exactly the vocabulary's values as ``$defs`` and refers to them;
- no other module defines a label for one of these values (AST): a second table with its own Spanish is
  how "critical" became Crítica / crítica / CRÍTICA / Crítico (issue #18); the same holds for the word
  "grade" itself (Calificación / Nivel).
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from posture import vocabulary as V
from posture.i18n import LANGS

PACKAGE = Path(__file__).resolve().parent.parent / "posture"
SCHEMAS = sorted((PACKAGE / "schemas").glob("*.schema.json"))


# -- every member has both labels ---------------------------------------------------------------

@pytest.mark.parametrize("vocab", V.VOCABULARIES, ids=lambda v: v.__name__)
def test_every_member_has_spanish_and_english_labels(vocab):
    assert len(vocab) >= 2
    for member in vocab:
        assert set(member.label) == set(LANGS), member
        for lang in LANGS:
            word = member.label[lang]
            assert word.strip() == word and word, (member, lang)
            assert member.text(lang) == word
            assert member.text(lang, cap=True) == word[0].upper() + word[1:]
            assert member.upper_label[lang] == word.upper()
        assert vocab(member.value) is member  # the stored value finds its member
        assert str(member) == member.value and f"{member}" == member.value


def test_spanish_words_are_spanish_and_one_per_concept():
    """The words issue #18 found defined twice, now once: "critical" is «crítica» for a severity (severidad),
    a question (pregunta) and a grade (calificación), all feminine; the word for a grade is «calificación»."""
    assert V.Severity.CRITICAL.label == {"es": "crítica", "en": "critical"}
    assert V.Criticality.CRITICAL.label == V.Severity.CRITICAL.label
    assert V.Grade.D.label == V.Severity.CRITICAL.label
    assert V.Severity.INFO.label["es"] == "informativa"
    assert V.Grade.D.cap_label == {"es": "Crítica", "en": "Critical"}
    assert V.Grade.term() == {"es": "calificación", "en": "grade"}
    assert V.Severity.CRITICAL.upper_label == {"es": "CRÍTICA", "en": "CRITICAL"}
    assert V.AnswerValue.NA.short == {"es": "No aplica", "en": "N/A"}
    assert V.Audience.FULL.file_word == {"es": "completo", "en": "full"}  # el informe (m.)
    assert V.Audience.FULL.label == {"es": "versión completa", "en": "full version"}  # la versión (f.)
    # no vocabulary gives two members the same Spanish word (two meanings would read alike)
    for vocab in V.VOCABULARIES:
        spanish = [m.label["es"] for m in vocab]
        assert len(set(spanish)) == len(spanish), vocab.__name__


def test_acronyms_survive_the_capital_form():
    assert V.OwnerRole.IT.cap_label["en"] == "IT"
    assert V.first_upper({"es": "sí", "en": "yes"}) == {"es": "Sí", "en": "Yes"}


def test_the_core_takes_its_values_from_the_vocabulary():
    from posture import assessment, findings, plan, rules, verdict

    assert V.Severity.values() == findings.SEVERITIES
    assert V.Method.values() == assessment.METHODS
    assert V.ActionStatus.values() == assessment.ACTION_STATUSES
    assert V.Verdict.values() == rules.VERDICTS
    assert V.Grade.values() == rules.GRADE_ORDER
    assert V.Priority.values() == plan.PRIORITIES
    assert set(plan.OWNER_ROLES) == set(V.OwnerRole.values())
    assert V.Effort.labels(cap=True) == plan.EFFORTS
    assert V.Verdict.labels(cap=True) == verdict.LABELS


# -- the schemas -----------------------------------------------------------------------------------

def _walk(node, path=()):
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from _walk(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, (*path, i))


@pytest.mark.parametrize("schema_path", SCHEMAS, ids=lambda p: p.name)
def test_schema_enums_come_from_the_vocabulary(schema_path):
    """Each vocabulary a schema stores is one ``$defs`` entry equal to the vocabulary (the message gives the
    entry to paste), and every use refers to it: no inline ``enum`` repeats a vocabulary's values."""
    schema = json.loads(schema_path.read_text("utf-8"))
    defs = schema.get("$defs", {})
    for name, vocab in V.SCHEMA_DEFS.items():
        if name in defs and "enum" in defs[name]:
            assert defs[name]["enum"] == list(vocab.values()), (
                f"{schema_path.name}: $defs/{name} differs from posture.vocabulary.{vocab.__name__}; "
                f"use {json.dumps(V.schema_defs((name,))[name])}")
    vocab_sets = {name: set(vocab.values()) for name, vocab in V.SCHEMA_DEFS.items()}
    for path, node in _walk(schema):
        if "enum" not in node or (path[:1] == ("$defs",) and len(path) == 2 and path[1] in V.SCHEMA_DEFS):
            continue
        values = {v for v in node["enum"] if v is not None}
        for name, allowed in vocab_sets.items():
            if len(values) >= 2 and values <= allowed:
                pytest.fail(f"{schema_path.name}: {'/'.join(map(str, path))} repeats the values of "
                            f"posture.vocabulary.{V.SCHEMA_DEFS[name].__name__}: "
                            f'use {{"$ref": "#/$defs/{name}"}} with $defs/{name} = '
                            f"{json.dumps(V.schema_defs((name,))[name])}")
    refs = {node["$ref"] for _, node in _walk(schema) if isinstance(node.get("$ref"), str)}
    for ref in refs:
        if ref.startswith("#/$defs/"):
            assert ref.removeprefix("#/$defs/") in defs, f"{schema_path.name}: {ref} has no definition"


def test_the_schemas_that_store_a_vocabulary_refer_to_it():
    """A check that cannot pass by finding nothing: the files known to store each vocabulary hold it."""
    expected = {
        "assessment": {"method", "status", "severity"},
        "catalog": {"confidence"},
        "checklist": {"criticality", "effort", "owner"},
        "probe-checks": {"severity"},
        "probe-run": {"severity"},
        "report-export": {"grade_letter", "method", "priority", "effort", "status", "severity", "verdict"},
        "verdict-rules": {"grade_letter", "priority", "verdict"},
    }
    for kind, names in expected.items():
        schema = json.loads((PACKAGE / "schemas" / f"{kind}.schema.json").read_text("utf-8"))
        refs = {node["$ref"] for _, node in _walk(schema) if isinstance(node.get("$ref"), str)}
        for name in names:
            assert f"#/$defs/{name}" in refs, (kind, name)
            assert schema["$defs"][name]["enum"] == list(V.SCHEMA_DEFS[name].values()), (kind, name)


def test_a_schema_rejects_a_value_outside_the_vocabulary():
    import jsonschema

    schema = json.loads((PACKAGE / "schemas" / "probe-checks.schema.json").read_text("utf-8"))
    sub = {"$defs": schema["$defs"], "$ref": "#/$defs/severity"}
    jsonschema.validate("critical", sub)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate("severe", sub)


# -- no second table of labels (AST) ---------------------------------------------------------------

def _bilingual(node: ast.AST) -> dict[str, str] | None:
    """The literal {es, en} of ``both("…", "…")`` or ``{"es": "…", "en": "…"}``; None otherwise."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "both" \
            and len(node.args) == 2 and all(isinstance(a, ast.Constant) and isinstance(a.value, str)
                                            for a in node.args):
        return {"es": node.args[0].value, "en": node.args[1].value}
    if isinstance(node, ast.Dict) and all(isinstance(k, ast.Constant) for k in node.keys):
        keys = [k.value for k in node.keys]
        if set(keys) == {"es", "en"} and all(isinstance(v, ast.Constant) and isinstance(v.value, str)
                                             for v in node.values):
            return dict(zip(keys, (v.value for v in node.values), strict=True))
    return None


def _forms(member: V.Term) -> set[str]:
    words = {member.label["en"], *(form["en"] for form in member._extra.values())}
    return {w.casefold() for w in words}


def _candidates(key: str) -> set[str]:
    """A table key names a value as itself or after one prefix: "critical", "sev_critical", "m_vendor-declared"."""
    return {key, key.split("_", 1)[1]} if "_" in key else {key}


def _members(key: str) -> list[V.Term]:
    return [m for vocab in V.VOCABULARIES for m in vocab if m.value in _candidates(key)]


def label_definitions(source: str) -> list[tuple[int, str, str]]:
    """(line, value, why) for each label of a vocabulary value defined in ``source``:
    - a table (dict literal) with bilingual literal values under keys naming two or more members of one
      vocabulary ("sev_high", "sev_low"), or naming one member with that member's own English word;
    - a call or tuple pairing a vocabulary value with a bilingual literal of its English word
      (``ScaleOption("yes", "y", 1.0, {"es": "Sí", "en": "Yes"})``, ``(85.0, "A", both("Sólido", "Strong"))``)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Dict):
            per_vocab: dict[type, list[tuple[int, str]]] = {}
            for k, v in zip(node.keys, node.values, strict=True):
                if not (isinstance(k, ast.Constant) and isinstance(k.value, str)):
                    continue
                text = _bilingual(v)
                if text is None or "{" in text["en"]:  # a message with a placeholder is not a label
                    continue
                for member in _members(k.value):
                    per_vocab.setdefault(type(member), []).append((k.lineno, member.value))
                    if text["en"].casefold() in _forms(member):
                        found.append((k.lineno, member.value, f"{type(member).__name__} label"))
            for vocab, hits in per_vocab.items():
                if len({value for _, value in hits}) >= 2:
                    found.extend((line, value, f"{vocab.__name__} table") for line, value in hits)
        elif isinstance(node, ast.Call | ast.Tuple):
            items = node.elts if isinstance(node, ast.Tuple) else [*node.args, *(kw.value for kw in node.keywords)]
            values = [i.value for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str)]
            texts = [t for t in map(_bilingual, items) if t is not None]
            for value in values:
                for member in (m for vocab in V.VOCABULARIES for m in vocab if m.value == value):
                    if any(t["en"].casefold() in _forms(member) for t in texts):
                        found.append((node.lineno, value, f"{type(member).__name__} label"))
    return sorted(set(found))


def test_the_check_finds_a_second_table():
    """The AST check itself: each way a label was defined twice before this change is caught."""
    assert label_definitions('S = {"sev_critical": {"es": "Crítica", "en": "Critical"}}')
    assert label_definitions('S = {"m_interview": both("entrevista", "interview")}')
    assert label_definitions('S = {"aud_executive": both("Dirección (resumen)", "Executive (summary)"),\n'
                             ' "aud_full": both("Completo", "Full (every question)")}')
    assert label_definitions('X = ScaleOption("yes", "y", 1.0, {"es": "Sí", "en": "Yes"})')
    assert label_definitions('G = ((85.0, "A", both("Sólido", "Strong")),)')
    assert label_definitions('S = {"critical": {"es": "crítica", "en": "critical"}}')
    # not labels: messages with a placeholder, and labels taken from the vocabulary
    assert not label_definitions('S = {"na": both("No aplica: {ids}", "Not applicable: {ids}")}')
    assert not label_definitions('S = {"sev_high": Severity.HIGH.cap_label, "sev_low": Severity.LOW.cap_label}')


# Other concepts that share an English word with a vocabulary value (each reviewed, with its reason).
NOT_THE_VOCABULARY = {
    ("posture/tui/strings.py", "open"): "k_open: the key that opens an assessment (a verb), not the action status",
    ("posture/probes/_runner.py", "done"): "the probe's progress phase (listo), not the action status",
}


# Words the vocabulary defines besides its members' labels: the grade itself, a question with no answer.
TERMS = {"grade": V.Grade.term(), "unanswered": V.AnswerValue.unanswered()}
# Reviewed: the footer's name of the key that jumps to the next pending question (an action, «Pendiente»).
TERM_ACTIONS = {("posture/tui/strings.py", "Pendiente")}


def test_no_module_outside_the_vocabulary_writes_its_own_terms():
    """The word for a grade is Grade.term() (once «Calificación» here and «Nivel» there), a question with no
    answer is AnswerValue.unanswered() (once «sin responder» and «sin respuesta»): no other module writes its own."""
    assert TERMS["grade"] == {"es": "calificación", "en": "grade"}
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == PACKAGE / "vocabulary.py":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            text = _bilingual(node)
            where = path.relative_to(PACKAGE.parent).as_posix()
            if text is not None and text["en"].casefold() in TERMS and (where, text["es"]) not in TERM_ACTIONS:
                offenders.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: {text}")
    assert offenders == []


def test_no_module_outside_the_vocabulary_defines_a_label_for_its_values():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == PACKAGE / "vocabulary.py":
            continue
        for line, value, why in label_definitions(path.read_text("utf-8")):
            if (path.relative_to(PACKAGE.parent).as_posix(), value) in NOT_THE_VOCABULARY:
                continue
            offenders.append(f"{path.relative_to(PACKAGE.parent)}:{line}: '{value}' ({why}): "
                             "take it from posture.vocabulary")
    assert offenders == []
