"""The scores-by-section chart: an inline SVG of horizontal bars, built from rects and text only.

Layout rules (issue 19): labels are left-aligned from x = 0 and wrapped to two lines within the label
column, so they can never be clipped at the left edge; value labels sit on a white backing so the
dashed grade-boundary lines do not run through them; the boundaries are named in the legend and
lettered at the top of the plot.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from posture.i18n import _, tr
from posture.report._format import percent
from posture.scoring import GRADES

CLAIMED = "#1f4e79"
VERIFIED = "#7fb3d5"
GRID = "#c8cdd2"
BOUNDARY = "#b03a2e"
# Grade boundaries drawn as dashed lines: (score, letter from there up), from scoring.GRADES.
THRESHOLDS = tuple((low, letter) for low, letter, _ in sorted(GRADES) if low > 0)
_BOUNDARIES = _("grade boundary")

LABEL_SIZE = 8.0  # px
VALUE_SIZE = 6.5
# DejaVu Sans advance widths (em): lower case and digits at most 0.64 but m and w; capitals and signs
# like # & + = at most 0.84 but M and W; the widest signs about 1.0. The estimate takes the top of each
# class, so a line it says fits does fit (tests/report/test_report_layout.py checks it against the font).
_WIDE = set("MWmw@%—…Æœæ")


def _em(ch: str) -> float:
    if ch in _WIDE:
        return 1.02
    if ch.isupper() or ch in "#&~+=<>^*$":
        return 0.86
    if ch.isascii() or ch.isalpha():
        return 0.64
    return 1.3  # emoji and other scripts come from a fallback font


def text_width(text: str, size: float) -> float:
    """A generous estimate of the rendered width in px of ``text`` in DejaVu Sans at ``size`` px."""
    return sum(size * _em(ch) for ch in text)


def wrap(text: str, width: float, size: float, lines: int = 2) -> list[str]:
    """Up to ``lines`` lines that each fit ``width`` px; words longer than a line are cut; an ellipsis ends
    text that does not fit."""
    out: list[str] = []
    words = text.split()
    current = ""
    while words and len(out) < lines:
        word = words[0]
        trial = f"{current} {word}".strip()
        if text_width(trial, size) <= width:
            current = trial
            words.pop(0)
            continue
        if not current:  # one word longer than the line: cut it
            cut = len(word)
            while cut > 1 and text_width(word[:cut], size) > width:
                cut -= 1
            current, words[0] = word[:cut], word[cut:]
        out.append(current)
        current = ""
    if current and len(out) < lines:
        out.append(current)
    if words:
        last = out[-1] if out else ""
        while last and text_width(last + "…", size) > width:
            last = last[:-1]
        out[-1:] = [last.rstrip() + "…"]
    return out or [""]


@dataclass(frozen=True)
class Bar:
    label: str
    claimed: float | None
    verified: float | None


def bar_chart(bars: list[Bar], lang: str, *, legend: tuple[str, str], no_data: str, width: int = 660,
              label_width: int = 230) -> Markup:
    """Two bars per row (claimed, verified) on a 0–100 axis. Every label is escaped here."""
    row, top = 19, 30
    x0 = label_width + 10
    plot = width - x0 - 36  # room on the right for a "100 %" value label
    height = top + row * len(bars) + 24
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="DejaVu Sans" font-size="9">']
    lx = 0
    for name, colour in zip(legend, (CLAIMED, VERIFIED), strict=True):
        parts.append(f'<rect x="{lx}" y="4" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{lx + 14}" y="13">{escape(name)}</text>')
        lx += 14 + text_width(name, 9) + 14
    bounds = ", ".join(f"{letter} ≥ {percent(low, lang)}" for low, letter in reversed(THRESHOLDS))
    parts.append(f'<line x1="{lx:.1f}" y1="9" x2="{lx + 16:.1f}" y2="9" stroke="{BOUNDARY}" stroke-width="0.8" '
                 'stroke-dasharray="3,2"/>')
    parts.append(f'<text x="{lx + 20:.1f}" y="13">{escape(tr(_BOUNDARIES, lang))} ({escape(bounds)})</text>')
    axis_bottom = top + row * len(bars)
    for tick in (0, 25, 50, 75, 100):
        x = x0 + plot * tick / 100
        parts.append(f'<line x1="{x:.1f}" y1="{top - 2}" x2="{x:.1f}" y2="{axis_bottom}" stroke="{GRID}" '
                     'stroke-width="0.5"/>')
        parts.append(f'<text x="{x:.1f}" y="{axis_bottom + 12}" text-anchor="middle" fill="#555">'
                     f'{escape(percent(tick, lang))}</text>')
    for low, letter in THRESHOLDS:
        x = x0 + plot * low / 100
        parts.append(f'<line x1="{x:.1f}" y1="{top - 2}" x2="{x:.1f}" y2="{axis_bottom}" stroke="{BOUNDARY}" '
                     'stroke-width="0.6" stroke-dasharray="3,3"/>')
        parts.append(f'<text x="{x + 2:.1f}" y="{top - 4}" font-size="7" fill="{BOUNDARY}">{escape(letter)}</text>')
    for i, bar in enumerate(bars):
        y = top + i * row
        lines = wrap(bar.label, label_width, LABEL_SIZE)
        first = y + (13 if len(lines) == 1 else 8.5)
        for n, line in enumerate(lines):
            parts.append(f'<text x="0" y="{first + n * 8.5:.1f}" font-size="{LABEL_SIZE:g}">{escape(line)}</text>')
        for j, (value, colour) in enumerate(((bar.claimed, CLAIMED), (bar.verified, VERIFIED))):
            by = y + 3 + j * 7.5
            if value is None:
                parts.append(f'<text x="{x0 + 2}" y="{by + 6}" fill="#777" font-size="{VALUE_SIZE:g}">'
                             f'{escape(no_data)}</text>')
                continue
            w = max(plot * value / 100, 0.5)
            label = percent(value, lang)
            lw = text_width(label, VALUE_SIZE)
            parts.append(f'<rect x="{x0}" y="{by}" width="{w:.1f}" height="6.5" fill="{colour}"/>')
            parts.append(f'<rect x="{x0 + w + 1.5:.1f}" y="{by}" width="{lw + 2:.1f}" height="6.5" fill="#fff"/>')
            parts.append(f'<text x="{x0 + w + 2.5:.1f}" y="{by + 5.6:.1f}" font-size="{VALUE_SIZE:g}">'
                         f'{escape(label)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every piece of text above went through escape()
