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


@pytest.fixture(scope="session")
def demo_statuses(tmp_path_factory):
    """The demo with action statuses set as `posture plan --set` stores them: one of each, and a risk
    acceptance that expired before REPORT_DAY."""
    import dataclasses

    from posture.assessment import ActionStatus, save_assessment

    if not DEMO.exists():
        pytest.skip("the demo assessment is not in this checkout yet")
    a = load(DEMO).assessment
    at = "2026-11-20T10:00:00-06:00"
    actions = {
        "eliminate-stored-sad": ActionStatus("done", updated_at=at, aid="eliminate-stored-sad"),
        "phone-free-floor": ActionStatus("risk-accepted", updated_at=at, aid="phone-free-floor", **synthetic.ACCEPTED),
        "whatsapp-official-api": ActionStatus("in-progress", updated_at=at, note="proveedor elegido"),
        "automate-joiner-mover-leaver": ActionStatus("compensating-control", updated_at=at,
                                                     justification="Revisión manual semanal de altas y bajas"),
        "physical-access-control": ActionStatus("risk-accepted", justification="Obra del edificio",
                                                owner="Gerencia de sitio", expires="2026-06-30", updated_at=at),
    }
    folder = tmp_path_factory.mktemp("statuses")
    path = save_assessment(dataclasses.replace(a, actions=actions), folder / "assessment.yaml")
    return load(path)
