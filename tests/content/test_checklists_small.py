"""The two focused checklists: remote agents (work from home) and the 15-minute vendor quick screening.

Loading through ``load_checklist`` proves schema validity and that every mapped control id exists in the
bundled catalogs (it raises ContentError otherwise); the tests below add the content rules of the brief.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from posture.content import load_checklist

ROOT = Path(__file__).resolve().parents[2]
CHECKLISTS = ROOT / "checklists"
CATALOGS = {"iso27001-2022", "pci-dss-4.0.1", "lfpdppp-2025"}

CASES = {
    # file stem: (min questions, max questions, allowed id prefixes)
    "remote-agents": (25, 35, ("WFH-", "WEP-", "WAC-", "WSP-", "WTL-", "WDT-", "WSU-")),
    "quick-screening": (20, 30, ("QS-",)),
}


@pytest.fixture(scope="module", params=sorted(CASES))
def case(request):
    name = request.param
    path = CHECKLISTS / f"{name}.yaml"
    return name, path, load_checklist(path)


def _questions(checklist):
    return [q for s in checklist.sections for q in s.questions]


def _filled(text) -> bool:
    return isinstance(text, dict) and all(isinstance(text.get(lang), str) and text[lang].strip()
                                          for lang in ("es", "en"))


def test_header(case):
    name, _, cl = case
    assert cl.id == name
    assert cl.version == "1.0.0"
    assert set(cl.languages) == {"es", "en"}
    assert set(cl.catalogs) == CATALOGS
    assert _filled(cl.title) and _filled(cl.description)


def test_question_count(case):
    name, _, cl = case
    low, high, _ = CASES[name]
    assert low <= len(_questions(cl)) <= high


def test_ids_unique_and_prefixed(case):
    name, _, cl = case
    ids = [q.id for q in _questions(cl)]
    assert len(ids) == len(set(ids))
    assert len({s.id for s in cl.sections}) == len(cl.sections)
    prefixes = CASES[name][2]
    assert all(i.startswith(prefixes) for i in ids), [i for i in ids if not i.startswith(prefixes)]


def test_bilingual_text_everywhere(case):
    _, _, cl = case
    for s in cl.sections:
        assert _filled(s.title), s.id
    for q in _questions(cl):
        for field in ("text", "guidance", "remediation"):
            assert _filled(getattr(q, field)), f"{q.id}.{field}"
        assert q.evidence, f"{q.id} lists no evidence"
        for k, item in enumerate(q.evidence):
            assert _filled(item), f"{q.id}.evidence[{k}]"


def test_every_question_maps_to_two_frameworks(case):
    _, _, cl = case
    for q in _questions(cl):
        assert set(q.maps_to) <= CATALOGS, q.id
        assert len([c for c, ids in q.maps_to.items() if ids]) >= 2, q.id


def test_has_critical_and_not_too_many(case):
    _, _, cl = case
    qs = _questions(cl)
    critical = [q.id for q in qs if q.criticality == "critical"]
    assert critical
    assert len(critical) <= max(3, round(0.15 * len(qs))), critical


def test_scales_and_weights(case):
    _, _, cl = case
    qs = _questions(cl)
    assert {q.scale for q in qs} <= {"yes-no", "maturity"}
    assert len({q.weight for q in qs}) >= 3, "weights should vary"


def test_control_ids_are_quoted_strings(case):
    """Unquoted ids like 8.1 or 5.10 would be read as floats by YAML (5.10 -> 5.1)."""
    _, path, _ = case
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    for section in raw["sections"]:
        for q in section["questions"]:
            assert isinstance(q["id"], str)
            for ids in q["maps_to"].values():
                assert all(isinstance(i, str) for i in ids), q["id"]
