"""Shared fixtures: the full-size synthetic assessment and the shipped demo, each loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
import synthetic

from posture.report import load

DEMO = Path(__file__).parents[2] / "demo" / "centro-de-contacto-demo" / "assessment.yaml"


@pytest.fixture(scope="session")
def synthetic_loaded(tmp_path_factory):
    path = synthetic.write_assessment(tmp_path_factory.mktemp("synthetic"))
    return load(path, synthetic.library())


@pytest.fixture(scope="session")
def demo_loaded():
    if not DEMO.exists():
        pytest.skip("the demo assessment is not in this checkout yet")
    return load(DEMO)
