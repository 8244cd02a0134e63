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
