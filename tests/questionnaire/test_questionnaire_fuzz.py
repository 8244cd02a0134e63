"""Fuzzed workbooks: damaged archives, mutated XML parts and arbitrary cell values give a result or a
ContentError (one located line each), never another exception."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from posture.errors import ContentError
from posture.questionnaire import Cell, Filled, FilledRow, FilledSheet, read_filled
from posture.workbook import read_workbook

FUZZ = settings(max_examples=120, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def _outcome(path, assessment, checklist) -> None:
    try:
        read_filled(read_workbook(path), assessment, checklist, "es")
    except ContentError as exc:
        lines = exc.lines("es")
        assert lines and all(line.startswith(path.name + ": ") for line in lines)


@FUZZ
@given(data=st.data())
def test_flipped_bytes_in_the_archive(tmp_path_factory, data, assessment, quick, exported):
    raw = bytearray(exported.read_bytes())
    for _ in range(data.draw(st.integers(1, 8))):
        i = data.draw(st.integers(0, len(raw) - 1))
        raw[i] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()):
        raw = raw[: data.draw(st.integers(0, len(raw)))]  # truncated, as by a failed download
    path = tmp_path_factory.mktemp("flip") / "vendor.xlsx"
    path.write_bytes(bytes(raw))
    _outcome(path, assessment, quick)


@FUZZ
@given(data=st.data())
def test_mutated_xml_parts(tmp_path_factory, data, assessment, quick, exported):
    with zipfile.ZipFile(exported) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    name = data.draw(st.sampled_from(sorted(parts)))
    text = parts[name]
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, max(len(text) - 1, 0)))
        op = data.draw(st.sampled_from(["cut", "dup", "junk"]))
        if op == "cut":
            text = text[:i] + text[i + data.draw(st.integers(1, 40)):]
        elif op == "dup":
            text = text[:i] + text[i: i + 40] + text[i:]
        else:
            text = text[:i] + data.draw(st.sampled_from([b"<", b">", b"&", b'"', b"\xff", b"<c r=\"ZZZ0\"/>",
                                                         b"<f>1+1</f>", b"t=\"e\"", b"<v>x</v>"])) + text[i:]
    parts[name] = text
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for n, content in parts.items():
            z.writestr(n, content)
    path = tmp_path_factory.mktemp("xml") / "vendor.xlsx"
    path.write_bytes(buf.getvalue())
    _outcome(path, assessment, quick)


_VALUES = st.one_of(st.none(), st.text(max_size=30), st.integers(-10, 10), st.floats(allow_nan=True),
                    st.booleans(), st.just(dt.datetime(2026, 1, 1)), st.sampled_from(
                        ["Sí", "No aplica", "3", "QS-01", "QS-04", "ID", "  ", "=1+1", "na", "3 · Definido"]))


@FUZZ
@given(data=st.data())
def test_arbitrary_cells_in_the_core(data, assessment, quick, exported):
    """The core alone, on any cell contents the adapter could hand over."""
    meta = read_workbook(exported).metadata
    rows = []
    for number in range(1, data.draw(st.integers(1, 12)) + 1):
        cells = {}
        for letter in "ABCDEFGH":
            if data.draw(st.booleans()):
                value = data.draw(_VALUES)
                formula = data.draw(st.sampled_from(["", "", "", "=A1"]))
                merged = data.draw(st.sampled_from(["", "", "", f"{letter}{number}:{letter}{number + 1}"]))
                cells[letter] = Cell(f"{letter}{number}", value, formula, merged)
        rows.append(FilledRow(number, cells))
    filled = Filled("vendor.xlsx", meta, (FilledSheet(data.draw(st.text(max_size=31)), tuple(rows)),))
    try:
        result = read_filled(filled, assessment, quick, "es")
    except ContentError as exc:
        assert all(line.startswith("vendor.xlsx: ") for line in exc.lines("es"))
    else:
        for declared in result.answers.values():
            assert declared.qid in meta["questions"]
            scale = quick.scale_of(quick.question(declared.qid))
            assert declared.value == "na" or scale.option(declared.value) is not None
