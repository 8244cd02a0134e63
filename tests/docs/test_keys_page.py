"""The printable key reference fits one A4 page, in both languages (rendered as a browser would print it)."""

from __future__ import annotations

from pathlib import Path

import markdown_it  # comes with rich (textual)
import pytest
import weasyprint

GUIDES = Path(__file__).resolve().parents[2] / "docs" / "guides"
# a plain print style: A4, 15 mm margins, 11 pt text, ruled table
PRINT_CSS = ("@page { size: A4; margin: 15mm } body { font-family: sans-serif; font-size: 11pt }"
             " table { border-collapse: collapse } td, th { border: 1px solid #999; padding: 2px 6px }")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_key_reference_prints_on_one_a4_page(lang):
    text = (GUIDES / f"keys.{lang}.md").read_text(encoding="utf-8")
    html = markdown_it.MarkdownIt("gfm-like").render(text)
    assert html.count("<tr>") >= 25, "the key table did not render as a table"
    pages = weasyprint.HTML(string=html).render(stylesheets=[weasyprint.CSS(string=PRINT_CSS)]).pages
    assert len(pages) == 1, f"keys.{lang}.md prints on {len(pages)} A4 pages"
