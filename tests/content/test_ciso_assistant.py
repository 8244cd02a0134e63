"""A CISO Assistant library given to posture says what it is and where to go (validate and new --checklist)."""

from __future__ import annotations

from pathlib import Path

import pytest

from posture import cli

LIBRARY = Path(__file__).parents[1] / "data" / "content" / "ciso-assistant-library.yaml"


@pytest.mark.parametrize("lang,expected", [
    ("en", "kind: is a CISO Assistant library (framework 'Example security framework', "
           "urn:intuitem:risk:library:example-framework), not posture content: it has no 'kind' and posture does not "
           "read that format. To use its requirements, write them as a posture catalog (kind: catalog) with a "
           "checklist that covers them: see docs/guides/content-author.en.md"),
    ("es", "kind: es una biblioteca de CISO Assistant (framework «Example security framework», "
           "urn:intuitem:risk:library:example-framework), no contenido de posture"),
])
def test_validate_names_a_ciso_assistant_library(capsys, lang, expected):
    assert cli.main(["--lang", lang, "validate", str(LIBRARY)]) == 1
    out, err = capsys.readouterr()
    lines = [ln for ln in (out + err).splitlines() if "CISO Assistant" in ln]
    assert len(lines) == 1 and expected in lines[0] and "ciso-assistant-library.yaml:3:1" in lines[0], out + err
    if lang == "es":
        assert "docs/guides/content-author.es.md" in lines[0] and "unknown content type" not in out + err


def test_new_with_a_ciso_assistant_library_as_checklist(tmp_path, capsys):
    code = cli.main(["--lang", "en", "new", "--vendor", "Acme", "--site", "CDMX", "--checklist", str(LIBRARY),
                     "--workspace", str(tmp_path / "ws")])
    err = capsys.readouterr().err
    assert code == 1 and "is a CISO Assistant library" in err and "content-author.en.md" in err
    assert "Traceback" not in err and not list((tmp_path / "ws").rglob("assessment.yaml"))
