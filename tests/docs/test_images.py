"""Every image the README and the guides link exists.

The images themselves are regenerated from the real program by ``docs/images/make.py`` (see DEVELOPERS.md,
"Images"); a test that only re-read the committed files could not notice that they went stale, so there is
none: whoever changes a screen or the report runs make.py and commits what it writes.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_image_a_guide_or_the_readme_links_exists():
    linked = 0
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs" / "guides").glob("*.md"))]:
        for target in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", doc.read_text(encoding="utf-8")):
            linked += 1
            assert (doc.parent / target).resolve().is_file(), f"{doc.name} links a missing image: {target}"
    assert linked, "no guide shows an image"
