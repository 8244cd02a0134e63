"""Rules of the one YAML reader (posture/safe_yaml.py) that its mutation run found unstated: merge keys.

(The reader's other rules are in tests/test_safe_yaml.py; ``bench/mutation.py content`` runs both.)
"""

from __future__ import annotations

import pytest

from posture.errors import ContentError
from posture.safe_yaml import MAX_DEPTH, loads_yaml


def _problem(src: str):
    with pytest.raises(ContentError) as info:
        loads_yaml(src, "f.yaml")
    (problem,) = info.value.problems
    return problem


def test_a_merge_key_with_a_list_merges_every_mapping_the_first_one_winning():
    """``<<: [*a, *b]`` merges both mappings (YAML 1.1 merge key: the earlier mapping wins a shared key,
    and an explicit key wins over both)."""
    doc = loads_yaml("a: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2}\nc:\n  <<: [*a, *b]\n  x: 0\n", "f.yaml")
    assert doc.data["c"] == {"x": 0, "y": 1, "z": 2}


@pytest.mark.parametrize("value", ["5", "[*a, 7]"])
def test_a_merge_key_without_a_mapping_is_a_located_syntax_problem(value):
    """``<<`` needs a mapping (or a list of them): anything else is refused at the offending value,
    with the reason in both languages (the Spanish one no longer in English)."""
    problem = _problem(f"a: &a {{x: 1}}\nc:\n  <<: {value}\n")
    assert (problem.file, problem.code, problem.line) == ("f.yaml", "syntax", 3)
    assert problem.col == (7 if value == "5" else 12)
    assert problem.message == {"es": "YAML inválido: la clave de fusión «<<» necesita un mapeo",
                               "en": "invalid YAML: merge key '<<' needs a mapping"}


def _merged_at(depth: int) -> str:
    """A mapping at build depth ``depth`` (the top-level mapping is 0) that merges ``{k: v}``."""
    return "b: &b {k: v}\nd: " + "{a: " * (depth - 1) + "{<<: *b}" + "}" * (depth - 1) + "\n"


def test_merged_values_count_as_deep_as_written_ones():
    """A merged mapping sits one level below the mapping that merges it, so aliases cannot carry nesting
    past the cap: merged into a mapping at depth MAX_DEPTH − 1 its values are at MAX_DEPTH + 1 and refused,
    one level up they are at MAX_DEPTH and read."""
    assert loads_yaml(_merged_at(MAX_DEPTH - 2), "f.yaml").data["b"] == {"k": "v"}
    problem = _problem(_merged_at(MAX_DEPTH - 1))
    assert problem.code == "too_deep"


def test_a_second_document_is_refused_where_it_starts():
    """A file with two YAML documents (``---``) is one located problem that says so in both languages."""
    problem = _problem("a: 1\n---\nb: 2\n")
    assert (problem.file, problem.line, problem.col, problem.code) == ("f.yaml", 2, 1, "syntax")
    assert problem.message == {"es": "el archivo contiene más de un documento YAML",
                               "en": "the file holds more than one YAML document"}


def test_a_known_pyyaml_problem_is_said_in_posture_words_in_both_languages():
    """A problem posture knows is said in its own words in every language, PyYAML's problem text (not its
    context) quoted after them as the detail; the field is the key whose value broke."""
    problem = _problem("a: b: c\n")
    assert (problem.line, problem.col, problem.code, problem.path) == (1, 5, "syntax", "a")
    assert problem.message["es"] == ("YAML inválido: aquí no puede ir un «clave: valor» (¿falta una comilla o "
                                     "sangría?) (mensaje de PyYAML: «mapping values are not allowed in this context»)")
    assert problem.message["en"] == ("invalid YAML: a 'key: value' cannot go here (a missing quote or indentation?) "
                                     "(PyYAML's message: “mapping values are not allowed in this context”)")


def test_an_unknown_pyyaml_problem_is_quoted_as_pyyaml_wrote_it():
    """A problem posture has no translation for is shown literally, quoted inside a Spanish sentence."""
    problem = _problem("a: !!python/name:os.system x\n")
    said = "could not determine a constructor for the tag 'tag:yaml.org,2002:python/name:os.system'"
    assert problem.message == {"es": f"YAML inválido (mensaje de PyYAML: «{said}»)",
                               "en": f"invalid YAML (PyYAML's message: “{said}”)"}
    assert (problem.line, problem.col, problem.code) == (1, 4, "syntax")


def test_a_control_character_yaml_does_not_allow_is_located_in_its_file():
    """A control character (here BEL, U+0007) is refused by the YAML reader itself: a syntax problem naming
    the file, with its line and column."""
    problem = _problem("a: 1\nb: x\x07y\n")
    assert (problem.file, problem.code, problem.line, problem.col) == ("f.yaml", "syntax", 2, 5)
