"""A timeline as an SVG drawing, for ``kb serve``'s pages: lanes by type (or by actor pair), one row an event.

Why drawn on the server: the picture must say what the data says — a vague
date is drawn as its bounds (a band from the earliest to the latest day the
sources allow, lighter than a known day), an open-ended event ("since
1967", "until today") as a short band fading out at its open side instead
of a bar across the whole view, and every mark has its label beside it —
and it must work without a script. One row an event keeps labels readable
however many share a day; each row links to the event's page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from html import escape
from typing import Any

__all__ = ["timeline_svg"]

_ROW = 22
_LANE_GAP = 14
_LEFT = 150  # lane names
_LABEL = 430  # event labels, right of the time axis
_AXIS = 560
_OPEN_DAYS = 45  # how far an open side is drawn before it fades
_COLOURS = {
    "talks": "#1f5fa8",
    "mediation": "#1f5fa8",
    "agreement": "#2a7a3b",
    "ceasefire": "#2a7a3b",
    "military-action": "#a8321f",
    "statement": "#6b4fa0",
    "proposal": "#8a6d00",
    "demand": "#8a6d00",
    "regime-change": "#444444",
    "prisoner-exchange": "#00707a",
}


def _x(day: dt.date, first: dt.date, last: dt.date) -> float:
    span = max((last - first).days, 1)
    return _LEFT + (day - first).days / span * _AXIS


def timeline_svg(
    events: Sequence[Any],
    *,
    lane: Callable[[Any], str] | None = None,
    href: Callable[[Any], str] = lambda e: "#",
    title: str = "Timeline",
) -> str:
    """``events`` (TimelineEvents) as one SVG document, one lane a value of ``lane`` (default: the type); empty
    string when none has a known day."""
    lane = lane or (lambda e: e.type)
    dated = [e for e in events if e.start is not None or e.end is not None]
    if not dated:
        return ""
    known = [d for e in dated for d in (e.start, e.end) if d is not None]
    anchors = sorted(e.start or e.end for e in dated)
    # the axis starts at the 5th percentile of the events' first known days, so one event "since 1967" does not
    # squeeze a year's events into a line; earlier ones are drawn at the left edge, pointing left, their date
    # in the label
    first = anchors[len(anchors) // 20] if len(anchors) >= 10 else min(known)
    last = max(known)
    pad = max((last - first).days // 20, 15)
    first, last = first - dt.timedelta(days=pad), last + dt.timedelta(days=pad)
    lanes: dict[str, list[Any]] = {}
    for e in sorted(dated, key=lambda e: (e.start or e.end or dt.date.min, e.iri)):
        lanes.setdefault(lane(e), []).append(e)
    width = _LEFT + _AXIS + 20 + _LABEL
    rows = sum(len(v) for v in lanes.values())
    height = 40 + rows * _ROW + len(lanes) * _LANE_GAP + 30
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="tl-title" class="timeline" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        f'<title id="tl-title">{escape(title)}</title>',
    ]
    out += _axis(first, last, height)
    y = 40
    for name, members in lanes.items():
        out.append(f'<text class="lane" x="8" y="{y + 15}">{escape(name)}</text>')
        for e in members:
            out.append(_mark(e, first, last, y, href(e)))
            y += _ROW
        out.append(f'<line class="lane-rule" x1="0" x2="{width}" y1="{y + _LANE_GAP / 2}" y2="{y + _LANE_GAP / 2}"/>')
        y += _LANE_GAP
    out.append("</svg>")
    return "\n".join(out)


def _axis(first: dt.date, last: dt.date, height: int) -> list[str]:
    """Year (or month) ticks across the top, with faint rules down the drawing."""
    out = []
    years = last.year - first.year
    ticks: list[dt.date] = []
    if years >= 2:
        step = max(1, years // 8)
        ticks = [dt.date(y, 1, 1) for y in range(first.year + 1, last.year + 1, step)]
    else:
        day = dt.date(first.year, first.month, 1)
        while day <= last:
            if day >= first:
                ticks.append(day)
            day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
        if len(ticks) > 12:
            ticks = ticks[:: len(ticks) // 12 + 1]
    for tick in ticks:
        x = _x(tick, first, last)
        label = str(tick.year) if years >= 2 else tick.strftime("%b %Y")
        out.append(f'<line class="tick" x1="{x:.1f}" x2="{x:.1f}" y1="28" y2="{height - 20}"/>')
        out.append(f'<text class="tick-label" x="{x + 3:.1f}" y="22">{label}</text>')
    return out


def _mark(e: Any, first: dt.date, last: dt.date, y: int, href: str) -> str:
    colour = _COLOURS.get(e.type, "#333333")
    start, end = e.start, e.end
    mid = y + _ROW / 2
    parts = [f'<a href="{escape(href)}"><g class="event{" uncertain" if not e.certain else ""}">']
    x_end: float
    if (end or start or first) < first:  # before the axis: a mark at the edge, pointing left
        parts.append(f'<path d="M{_LEFT - 2} {mid} l8 -6 v12 z" fill="{colour}"/>')
        x_end = _LEFT + 8
    elif start is not None and end is not None and start == end:
        parts.append(f'<circle cx="{_x(start, first, last):.1f}" cy="{mid}" r="5" fill="{colour}"/>')
        x_end = _x(end, first, last) + 6
    else:
        lo = start or (end - dt.timedelta(days=_OPEN_DAYS) if end else first)
        hi = end or (start + dt.timedelta(days=_OPEN_DAYS) if start else last)
        x0, x1 = _x(max(lo, first), first, last), _x(min(hi, last), first, last)
        opacity = "0.85" if e.precision == "day" else "0.45"  # a vague date: its bounds, lighter
        fill = colour
        if start is None or end is None:
            parts.append(_fade_def(colour, "r" if end is None else "l", e.iri))
            fill = f"url(#fade-{_gid(e.iri)})"
        parts.append(
            f'<rect x="{x0:.1f}" y="{mid - 5}" width="{max(x1 - x0, 3):.1f}" height="10" rx="3" '
            f'fill="{fill}" fill-opacity="{opacity}"/>'
        )
        x_end = x1 + 6
    label = f"{e.date}  {e.label}"
    if len(label) > 68:  # the label column's width; the page's table has the whole label
        label = label[:67] + "…"
    parts.append(f'<text class="label" x="{_LEFT + _AXIS + 20}" y="{mid + 4}">{escape(label)}</text>')
    if x_end < _LEFT + _AXIS + 10:
        parts.append(f'<line class="leader" x1="{x_end:.1f}" x2="{_LEFT + _AXIS + 16}" y1="{mid}" y2="{mid}"/>')
    parts.append(f"<title>{escape(e.label)} — {escape(e.date)} ({escape(e.type)})</title></g></a>")
    return "".join(parts)


def _gid(iri: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in iri.rsplit("/event/", 1)[-1])


def _fade_def(colour: str, side: str, iri: str) -> str:
    """A gradient for an open-ended band: solid at its known side, fading towards the open one."""
    x1, x2 = ("0", "1") if side == "r" else ("1", "0")
    return (
        f'<defs><linearGradient id="fade-{_gid(iri)}" x1="{x1}" x2="{x2}" y1="0" y2="0">'
        f'<stop offset="0" stop-color="{colour}" stop-opacity="1"/>'
        f'<stop offset="1" stop-color="{colour}" stop-opacity="0"/></linearGradient></defs>'
    )
