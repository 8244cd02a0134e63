"""The scores-by-section chart: an inline SVG of horizontal bars, built from rects and text only."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from posture.report._format import percent

CLAIMED = "#1f4e79"
VERIFIED = "#7fb3d5"
GRID = "#c8cdd2"
THRESHOLDS = (50, 70, 85)  # grade boundaries drawn as dashed lines


@dataclass(frozen=True)
class Bar:
    label: str
    claimed: float | None
    verified: float | None


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def bar_chart(bars: list[Bar], lang: str, *, legend: tuple[str, str], no_data: str, width: int = 660,
              label_width: int = 250) -> Markup:
    """Two bars per row (claimed, verified) on a 0–100 axis. Every label is escaped here."""
    row, top = 17, 22
    plot = width - label_width - 50
    height = top + row * len(bars) + 24
    x0 = label_width + 8
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="DejaVu Sans" font-size="10">']
    for i, (name, colour) in enumerate(zip(legend, (CLAIMED, VERIFIED), strict=True)):
        lx = x0 + i * 150
        parts.append(f'<rect x="{lx}" y="4" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{lx + 14}" y="13">{escape(name)}</text>')
    axis_bottom = top + row * len(bars)
    for tick in (0, 25, 50, 75, 100):
        x = x0 + plot * tick / 100
        parts.append(f'<line x1="{x:.1f}" y1="{top - 2}" x2="{x:.1f}" y2="{axis_bottom}" stroke="{GRID}" '
                     'stroke-width="0.5"/>')
        parts.append(f'<text x="{x:.1f}" y="{axis_bottom + 12}" text-anchor="middle" fill="#555">'
                     f'{escape(percent(tick, lang))}</text>')
    for tick in THRESHOLDS:
        x = x0 + plot * tick / 100
        parts.append(f'<line x1="{x:.1f}" y1="{top - 2}" x2="{x:.1f}" y2="{axis_bottom}" stroke="#b03a2e" '
                     'stroke-width="0.6" stroke-dasharray="3,3"/>')
    for i, bar in enumerate(bars):
        y = top + i * row
        parts.append(f'<text x="{label_width}" y="{y + 11}" text-anchor="end" font-size="9">'
                     f'{escape(_truncate(bar.label, 50))}</text>')
        for j, (value, colour) in enumerate(((bar.claimed, CLAIMED), (bar.verified, VERIFIED))):
            by = y + 2 + j * 7
            if value is None:
                parts.append(f'<text x="{x0 + 2}" y="{by + 6}" fill="#777" font-size="6.5">{escape(no_data)}</text>')
                continue
            w = max(plot * value / 100, 0.5)
            parts.append(f'<rect x="{x0}" y="{by}" width="{w:.1f}" height="6.5" fill="{colour}"/>')
            parts.append(f'<text x="{x0 + w + 3:.1f}" y="{by + 6}" font-size="6.5">'
                         f'{escape(percent(value, lang))}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every piece of text above went through escape()
