"""No ISO 8601 timestamp (2026-11-18T10:02:00+00:00) in what the CLI prints for a person: the demo's score,
plan, soa and compare, validate on every broken content file, and `probe --import-nmap` of every field case
(whose summary says when the scan ran and when it was imported), in both languages. Times go through CLDR
(posture.l10n.moment); `--json` keeps ISO (checked below too)."""

from __future__ import annotations

import json
import re

import pytest
from test_no_english import FIELD, _cli_outputs, _run, cleaned, demo_copy, user_texts  # noqa: F401 (fixture)

ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_cli_prints_no_iso_timestamp(lang, demo_copy, capsys, monkeypatch):  # noqa: F811
    user = user_texts(demo_copy / "centro-de-contacto-demo")
    outputs = _cli_outputs(capsys, monkeypatch, demo_copy, lang)
    imports = {name: text for name, text in outputs.items() if name.startswith("probe --import-nmap")}
    assert len(imports) == len(FIELD) > 5
    said = "escaneo: " if lang == "es" else "scan ran: "
    assert sum(said in text for text in imports.values()) >= len(FIELD) // 2  # the summaries were printed
    found = [f"{name}: {m.group(0)}" for name, text in outputs.items()
             for m in ISO_MOMENT.finditer(cleaned(text, lang, user))]
    assert not found, "\n".join(found)


def test_the_json_output_keeps_iso(demo_copy, capsys, monkeypatch):  # noqa: F811
    out = _run(capsys, monkeypatch, demo_copy, "es", "probe", "--import-nmap",
               str(demo_copy / "centro-de-contacto-demo" / "perimeter-nmap.xml"), "--json")
    run = json.loads(out)["run"]
    assert ISO_MOMENT.match(run["started_at"]) and ISO_MOMENT.match(run["source"]["imported_at"])
