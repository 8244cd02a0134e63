"""Every test runs with its own content cache and workspace, never the user's.

Hypothesis profiles (``--hypothesis-profile NAME`` or ``HYPOTHESIS_PROFILE=NAME``):

- ``dev`` (default): random examples, each failure printed with the ``@reproduce_failure`` blob to replay it;
- ``ci`` (chosen when ``$CI`` is set): derandomised, so a failure in CI fails the same way on any machine;
- ``mutation``: derandomised, no example database (bench/mutation.py: a mutant's verdict must not depend on
  what an earlier mutant left in the database).

Random order (pytest-randomly) prints ``Using --randomly-seed=N``; ``--randomly-seed=N`` replays that order and
the Hypothesis seeds it derived; ``-p no:randomly`` turns it off.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

settings.register_profile("dev", print_blob=True)
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("mutation", derandomize=True, database=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))


@pytest.fixture(autouse=True, scope="session")
def _isolated_cache(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("POSTURE_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    mp.setenv("POSTURE_WORKSPACE", str(tmp_path_factory.mktemp("workspace")))
    yield
    mp.undo()
