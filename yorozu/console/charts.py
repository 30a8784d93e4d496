"""Bar charts for the dashboard, drawn on the server as inline SVG (no script, no CDN).

`bar_chart` returns geometry only; the template writes the SVG elements, so every label goes
through the template's escaping.
"""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 560
HEIGHT = 140
PAD_TOP = 14
PAD_BOTTOM = 20


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: float
    label: str


@dataclass(frozen=True)
class Chart:
    title: str
    bars: list[Bar]
    width: int
    height: int
    peak: float
    baseline: float


def bar_chart(title: str, points: list[tuple[str, float]]) -> Chart:
    """One bar per (label, value); heights scaled to the largest value (at least 1)."""
    n = max(1, len(points))
    peak = max([v for _, v in points] + [1])
    slot = WIDTH / n
    usable = HEIGHT - PAD_TOP - PAD_BOTTOM
    bars = []
    for i, (label, value) in enumerate(points):
        h = usable * (value / peak) if peak else 0
        bars.append(
            Bar(
                x=round(i * slot + slot * 0.15, 1),
                y=round(PAD_TOP + usable - h, 1),
                width=round(slot * 0.7, 1),
                height=round(h, 1),
                value=value,
                label=label,
            )
        )
    return Chart(title, bars, WIDTH, HEIGHT, peak, HEIGHT - PAD_BOTTOM)
