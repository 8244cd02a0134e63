"""An unchanged re-assessment compares as unchanged: answers carried (never verified), probe runs kept."""

from __future__ import annotations

import shutil
from pathlib import Path

from posture.assessment import Workspace, load_with_checklist
from posture.compare import compare
from posture.content import bundled_library
from posture.reassessment import duplicate_as_reassessment

DEMO = Path(__file__).resolve().parents[1] / "demo" / "centro-de-contacto-demo"


def test_an_unchanged_reassessment_closes_no_gap_and_no_action(tmp_path):
    shutil.copytree(DEMO, tmp_path / "demo")
    ws = Workspace(tmp_path)
    new = duplicate_as_reassessment(ws, "demo", assessed_on="2027-03-10")
    old, cl_old = load_with_checklist(tmp_path / "demo" / "assessment.yaml")
    again, cl_new = load_with_checklist(new.path)
    assert [r.id for r in again.probe_runs] == [r.id for r in old.probe_runs]
    assert all(a.carried_over for a in again.answers.values())
    result = compare(old, again, cl_old, cl_new, bundled_library().catalogs)
    assert (result.improved, result.regressed, result.new_gaps, result.closed_gaps) == ([], [], [], [])
    assert result.overall[0].change == 0  # claimed unchanged
    assert (result.overall[1].new or 0.0) <= result.overall[1].old  # carried answers verify nothing new
