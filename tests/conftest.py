"""Every test runs with its own content cache and workspace, never the user's."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True, scope="session")
def _isolated_cache(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("POSTURE_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    mp.setenv("POSTURE_WORKSPACE", str(tmp_path_factory.mktemp("workspace")))
    yield
    mp.undo()
