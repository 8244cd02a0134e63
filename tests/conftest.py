"""Every test runs with its own content cache and workspace, never the user's.

Hypothesis profiles (``--hypothesis-profile NAME`` or ``HYPOTHESIS_PROFILE=NAME``):

- ``dev`` (default): random examples, each failure printed with the ``@reproduce_failure`` blob to replay it;
- ``ci`` (chosen when ``$CI`` is set): derandomised, so a failure in CI fails the same way on any machine;
- ``mutation``: derandomised, no example database, 15 examples where a test allows fewer (bench/mutation.py:
  a mutant's verdict must not depend on what an earlier mutant left in the database; it runs once per mutant).

``POSTURE_TEST_DAYS_AHEAD=365`` runs the in-process tests with the clock moved that many days ahead (time-machine,
ticking): no test may depend on today's date. Subprocesses keep the real clock.

Random order is opt-in: ``pytest -p randomly`` (pytest-randomly) prints ``Using --randomly-seed=N``;
``-p randomly --randomly-seed=N`` replays that order and the Hypothesis seeds it derived.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from hypothesis import settings

settings.register_profile("dev", print_blob=True)
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("mutation", derandomize=True, database=None, max_examples=15)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))


@pytest.fixture(autouse=True, scope="session")
def _isolated_cache(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("POSTURE_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    mp.setenv("POSTURE_WORKSPACE", str(tmp_path_factory.mktemp("workspace")))
    yield
    mp.undo()


@pytest.fixture(autouse=True, scope="session")
def _clock_ahead():
    days = int(os.environ.get("POSTURE_TEST_DAYS_AHEAD", "0") or 0)
    if not days:
        yield
        return
    with time_machine.travel(datetime.now(UTC) + timedelta(days=days), tick=True):
        yield
