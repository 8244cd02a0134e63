"""Paths as people paste them into the evidence dialog."""

from __future__ import annotations

from pathlib import Path

import pytest

from posture.pasted import pasted_path

HOME = Path.home()


@pytest.mark.parametrize(("typed", "meant"), [
    ("'~/Descargas/evidencia cliente/Política.pdf'", HOME / "Descargas" / "evidencia cliente" / "Política.pdf"),
    ('"/tmp/acta firmada.pdf"', Path("/tmp/acta firmada.pdf")),
    ("  /tmp/acta.pdf \n", Path("/tmp/acta.pdf")),
    (r"/home/ana/evidencia\ cliente/Pol\ 1.pdf", Path("/home/ana/evidencia cliente/Pol 1.pdf")),
    ("file:///home/ana/Pol%C3%ADtica%20v2.pdf", Path("/home/ana/Política v2.pdf")),
    ("'file:///tmp/a%20b.pdf'", Path("/tmp/a b.pdf")),
    ("~/x.pdf", HOME / "x.pdf"),
    ("relativo/acta.pdf", Path("relativo/acta.pdf")),
    ("'it''s.pdf'", Path("it''s.pdf")),  # only one pair of outer quotes is removed
    ("\"/tmp/it's here.pdf\"", Path("/tmp/it's here.pdf")),
    ("'", Path("'")),
    ("", Path("")),
])
def test_pasted_path(typed, meant):
    assert pasted_path(typed) == meant
