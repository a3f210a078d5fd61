"""Inline SVG charts drawn on the server (no script, no external library)."""
from __future__ import annotations

from datetime import date, timedelta

from markupsafe import Markup, escape

STANCE_COLOURS = {"supports": "#1e7b45", "opposes": "#b3261e", "hesitant": "#b06a00",
                  "conditional": "#6a4fb3", "neutral": "#5f6b7a", "unknown": "#5f6b7a"}
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value and len(value) >= 10 else \
            date.fromisoformat(value + "-01") if value and len(value) == 7 else None
    except ValueError:
        return None


def _month_ticks(start: date, end: date) -> list[date]:
    ticks, d = [], date(start.year, start.month, 1)
    while d <= end:
        if d >= start:
            ticks.append(d)
        d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    step = max(1, len(ticks) // 8)
    return ticks[::step]


def stance_timeline(positions: list[dict], width: int = 760) -> Markup | None:
    """One row per holder, one dot per position at its article's date, coloured by stance.
    positions: dicts with "date", "holder" {"label"}, "stance" {"key", "label"}.
    None when no position has a date."""
    dated = [(p, _day(p.get("date"))) for p in positions]
    dated = [(p, d) for p, d in dated if d is not None]
    if not dated:
        return None
    holders = sorted({p["holder"]["label"] for p, _ in dated}, key=str.lower)
    first, last = min(d for _, d in dated), max(d for _, d in dated)
    span = max((last - first).days, 1)
    pad = max(span // 10, 5)
    start, end = first - timedelta(days=pad), last + timedelta(days=pad)
    left, right, top, row = 170, 20, 38, 30
    height = top + row * len(holders) + 34
    plot = width - left - right

    def x(d: date) -> float:
        return left + plot * (d - start).days / (end - start).days

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
             f'height="{height}" role="img" aria-label="Positions over time, by holder and stance" '
             f'font-family="system-ui, sans-serif" font-size="13">']
    stances = []
    for p, _ in dated:
        if p["stance"]["key"] not in [s["key"] for s in stances]:
            stances.append(p["stance"])
    lx = left
    for s in stances:  # legend
        colour = STANCE_COLOURS.get(s["key"], "#5f6b7a")
        parts.append(f'<circle cx="{lx + 6}" cy="14" r="6" fill="{colour}"/>'
                     f'<text x="{lx + 16}" y="18" fill="#1d2330">{escape(s["label"])}</text>')
        lx += 26 + 8 * len(s["label"])
    for i, holder in enumerate(holders):
        y = top + row * i + row / 2
        if i % 2 == 0:
            parts.append(f'<rect x="0" y="{top + row * i}" width="{width}" height="{row}" fill="#f5f7fa"/>')
        label = holder if len(holder) <= 22 else holder[:21] + "…"
        parts.append(f'<text x="{left - 10}" y="{y + 4}" text-anchor="end" fill="#1d2330">{escape(label)}'
                     f'<title>{escape(holder)}</title></text>')
    axis_y = top + row * len(holders)
    parts.append(f'<line x1="{left}" y1="{axis_y}" x2="{width - right}" y2="{axis_y}" stroke="#9aa3af"/>')
    for tick in _month_ticks(start, end):
        tx = x(tick)
        parts.append(f'<line x1="{tx:.1f}" y1="{top}" x2="{tx:.1f}" y2="{axis_y + 4}" stroke="#e3e6eb"/>'
                     f'<text x="{tx:.1f}" y="{axis_y + 20}" text-anchor="middle" fill="#5f6b7a">'
                     f'{MONTHS[tick.month - 1]} {tick.year}</text>')
    seen: dict[tuple, int] = {}
    for p, d in sorted(dated, key=lambda pd: pd[1]):
        i = holders.index(p["holder"]["label"])
        nudge = seen.get((i, d), 0)  # several positions the same day: spread them a little
        seen[(i, d)] = nudge + 1
        cx, cy = x(d) + nudge * 9, top + row * i + row / 2
        colour = STANCE_COLOURS.get(p["stance"]["key"], "#5f6b7a")
        title = f'{p["holder"]["label"]} {p["stance"]["label"]} ({d.isoformat()})'
        parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="7" fill="{colour}" fill-opacity="0.9" '
                     f'stroke="#fff" stroke-width="1.5"><title>{escape(title)}</title></circle>')
    parts.append("</svg>")
    return Markup("".join(parts))
