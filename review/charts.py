"""Small inline SVG charts for the overview page (no JavaScript, no chart library)."""

from __future__ import annotations

from html import escape

PALETTE = ["#1d4ed8", "#059669", "#d97706", "#7c3aed", "#dc2626", "#0891b2"]


def stacked_bars(days: list[str], series: dict[str, list[int]], title: str) -> str:
    """Conversations per day, one colour per channel."""
    width, height, left, bottom = 640, 220, 36, 28
    totals = [sum(values[i] for values in series.values()) for i in range(len(days))] or [0]
    top = max(max(totals), 1)
    bar = (width - left) / max(len(days), 1)
    parts = [f'<svg role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height + 30}" class="chart">']
    parts.append(f'<text x="{left}" y="12" class="chart-title">{escape(title)}</text>')
    for i, day in enumerate(days):
        y = float(height - bottom)
        for colour, (name, values) in zip(PALETTE, series.items(), strict=False):
            h = (height - bottom - 20) * values[i] / top
            if h:
                parts.append(
                    f'<rect x="{left + i * bar + 2:.1f}" y="{y - h:.1f}" width="{bar - 4:.1f}" height="{h:.1f}" fill="{colour}">'
                    f"<title>{escape(day)} {escape(name)}: {values[i]}</title></rect>"
                )
            y -= h
        if len(days) <= 14 or i % max(len(days) // 7, 1) == 0:
            parts.append(
                f'<text x="{left + i * bar + bar / 2:.1f}" y="{height - 10}" class="axis" text-anchor="middle">{escape(day[5:])}</text>'
            )
    parts.append(f'<text x="4" y="28" class="axis">{top}</text>')
    for j, name in enumerate(series):
        parts.append(
            f'<rect x="{left + j * 110}" y="{height + 8}" width="10" height="10" fill="{PALETTE[j % len(PALETTE)]}"/>'
        )
        parts.append(f'<text x="{left + j * 110 + 14}" y="{height + 17}" class="axis">{escape(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def horizontal_bars(items: list[tuple[str, int]], title: str) -> str:
    width, row = 640, 22
    top = max([n for _, n in items] or [1])
    height = 24 + row * max(len(items), 1)
    parts = [f'<svg role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" class="chart">']
    parts.append(f'<text x="0" y="12" class="chart-title">{escape(title)}</text>')
    for i, (label, count) in enumerate(items):
        y = 20 + i * row
        w = 300 * count / top
        parts.append(f'<text x="0" y="{y + 14}" class="axis">{escape(label[:42])}</text>')
        parts.append(f'<rect x="310" y="{y + 3}" width="{w:.1f}" height="{row - 6}" fill="{PALETTE[0]}"/>')
        parts.append(f'<text x="{314 + w:.1f}" y="{y + 15}" class="axis">{count}</text>')
    if not items:
        parts.append('<text x="0" y="38" class="axis">no data yet</text>')
    parts.append("</svg>")
    return "".join(parts)


def line(days: list[str], values: list[float], title: str) -> str:
    """A rate over time (0..1), e.g. the share of conversations with a fallback."""
    width, height, left = 640, 200, 36
    step = (width - left - 10) / max(len(days) - 1, 1)
    points = " ".join(f"{left + i * step:.1f},{height - 30 - (height - 60) * v:.1f}" for i, v in enumerate(values))
    parts = [f'<svg role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" class="chart">']
    parts.append(f'<text x="{left}" y="12" class="chart-title">{escape(title)}</text>')
    parts.append(f'<text x="0" y="34" class="axis">100%</text><text x="8" y="{height - 28}" class="axis">0%</text>')
    if values:
        parts.append(f'<polyline points="{points}" fill="none" stroke="{PALETTE[4]}" stroke-width="2"/>')
        for i, v in enumerate(values):
            parts.append(
                f'<circle cx="{left + i * step:.1f}" cy="{height - 30 - (height - 60) * v:.1f}" r="3" fill="{PALETTE[4]}"><title>{escape(days[i])}: {v:.0%}</title></circle>'
            )
    parts.append("</svg>")
    return "".join(parts)
