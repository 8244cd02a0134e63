"""Reading a PDF back as a person would: poppler's pdftotext, plus the low-level facts tests need."""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path


def pdf_text(pdf: bytes | Path, first: int | None = None, last: int | None = None, layout: bool = False) -> str:
    """Text of the PDF (pages ``first``..``last``, 1-based), as pdftotext extracts it."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(pdf) if isinstance(pdf, Path) else Path(tmp) / "in.pdf"
        if not isinstance(pdf, Path):
            path.write_bytes(pdf)
        cmd = ["pdftotext", "-enc", "UTF-8"]
        if layout:
            cmd.append("-layout")
        if first is not None:
            cmd += ["-f", str(first)]
        if last is not None:
            cmd += ["-l", str(last)]
        cmd += [str(path), "-"]
        return subprocess.run(cmd, check=True, capture_output=True, timeout=60).stdout.decode("utf-8")


def pages(pdf: bytes | Path) -> list[str]:
    """One string per page (pdftotext separates pages with a form feed)."""
    return pdf_text(pdf).split("\f")[:-1]


def _tool(name: str, pdf: bytes, *args: str) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.pdf"
        path.write_bytes(pdf)
        return subprocess.run([name, *args, str(path)], capture_output=True, check=True, timeout=30).stdout.decode()


def page_count(pdf: bytes) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", _tool("pdfinfo", pdf), re.M).group(1))


def embedded_files(pdf: bytes) -> list[str]:
    """Names of files attached to the PDF (pdfdetach -list); also counts raw /EmbeddedFile objects."""
    listing = _tool("pdfdetach", pdf, "-list")
    names = [line.split(":", 1)[1].strip() for line in listing.splitlines()[1:] if ":" in line]
    return names + ["/EmbeddedFile"] * (pdf.count(b"/EmbeddedFile") if not names else 0)


def flat(text: str) -> str:
    """Whitespace collapsed, so text wrapped across lines can be searched."""
    return re.sub(r"\s+", " ", text)


def word_boxes(pdf: bytes) -> list[tuple[float, float, list[tuple[float, float, float, float, str]]]]:
    """Per page: (width, height, [(xMin, yMin, xMax, yMax, word)]) in points, from ``pdftotext -bbox``."""
    import html

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                             check=True, timeout=120).stdout.decode("utf-8", "replace")
    result = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S):
        words = [(float(a), float(b), float(c), float(d), html.unescape(w)) for a, b, c, d, w in re.findall(
            r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">(.*?)</word>', page.group(3))]
        result.append((float(page.group(1)), float(page.group(2)), words))
    return result


def catalog_lang(pdf: bytes) -> str | None:
    """The document language (/Lang of the catalog), looked up in plain and Flate-compressed objects."""
    import zlib

    chunks = [pdf]
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            chunks.append(zlib.decompress(m.group(1)))
        except zlib.error:
            continue
    for chunk in chunks:
        found = re.search(rb"/Lang\s*\(([^)]*)\)", chunk)
        if found:
            return found.group(1).decode("latin-1")
    return None
