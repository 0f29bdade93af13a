"""A timeline people can look at: one self-contained HTML page, no network.

The picture is static SVG drawn here, so it shows without JavaScript and in
any browser; a few lines of inline script only open an event's sources when
it is clicked. Uncertainty is drawn, not hidden: the pale bar is every day
the event may touch (earliest begin to latest end), an open end fades out
to the edge of the axis, and an exact day is a dot.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Sequence

from kb.model.vocab import EVENT_TYPES
from kb.render.text import confidence_text

__all__ = ["timeline_html"]

ROW_H = 18  # one sub-row of a lane; overlapping events stack
FADE = 40  # px: how an open or clipped end is drawn
LANE_PAD = 14
LEFT = 170
WIDTH = 1100
TOP = 40


def _lanes(events: Sequence, by: str) -> list[tuple[str, list[int]]]:
    lanes: dict[str, list[int]] = {}
    for i, e in enumerate(events):
        if by == "type":
            keys = [e.type]
        else:
            keys = list(dict.fromkeys(n for names in e.roles.values() for n in names)) or ["(no actor)"]
        for k in keys:
            lanes.setdefault(k, []).append(i)
    return sorted(lanes.items(), key=lambda kv: (-len(kv[1]), kv[0]))


def _axis(events: Sequence) -> tuple[dt.date, dt.date]:
    """The axis spans the events dated within a year; longer and open spans run off its edges.

    One event "since 1967" would otherwise squeeze sixty years of news into
    a sliver at the right.
    """
    bounded = [(e.start, e.end) for e in events if e.start and e.end and (e.end - e.start).days <= 366]
    known = [d for pair in bounded for d in pair] or [d for e in events for d in (e.start, e.end) if d]
    lo, hi = (min(known), max(known)) if known else (dt.date.today(),) * 2
    pad = max((hi - lo).days // 30, 10)
    return lo - dt.timedelta(days=pad), hi + dt.timedelta(days=pad)


def _pack(members: list[int], events: Sequence, x, lo: dt.date, hi: dt.date) -> list[list[int]]:
    """Greedy interval packing: an event goes on the first sub-row it does not overlap."""
    rows: list[list[int]] = []
    ends: list[float] = []
    for i in sorted(members, key=lambda i: x(events[i].start or lo)):
        e = events[i]
        left = x(e.start) - 7 if e.start else x(e.end or hi) - FADE - 7
        right = max(x(e.end or hi), x(e.start or lo) + 3) + 7
        for r, end in enumerate(ends):
            if left > end:
                rows[r].append(i)
                ends[r] = right
                break
        else:
            rows.append([i])
            ends.append(right)
    return rows or [[]]


def _ticks(lo: dt.date, hi: dt.date) -> list[tuple[dt.date, str]]:
    months = (hi.year - lo.year) * 12 + hi.month - lo.month
    step = 1 if months <= 18 else 3 if months <= 48 else 12
    d = dt.date(lo.year, lo.month, 1)
    if d < lo:  # the first tick is the first month that begins on the axis
        d = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    out = []
    while d <= hi:
        if (d.month - 1) % step == 0:
            out.append((d, d.strftime("%Y") if step == 12 else d.strftime("%b %Y")))
        d = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return out


def timeline_html(events: Sequence, *, title: str = "conflict-kb timeline", lanes_by: str = "actor") -> str:
    """The page for ``events`` (from :meth:`KnowledgeBase.timeline`)."""
    lo, hi = _axis(events)
    span = max((hi - lo).days, 1)

    def x(d: dt.date) -> float:
        d = min(max(d, lo), hi)  # what lies beyond the axis is drawn at its edge, fading
        return LEFT + (WIDTH - LEFT - 20) * (d - lo).days / span

    lanes = [(name, _pack(members, events, x, lo, hi)) for name, members in _lanes(events, lanes_by)]
    height = TOP + sum(len(rows) * ROW_H + LANE_PAD for _, rows in lanes) + 30
    svg = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" role="img" '
        f'aria-label="{html.escape(title)}">',
        '<defs><linearGradient id="fade-r"><stop offset="0" stop-opacity="0.35"/>'
        '<stop offset="1" stop-opacity="0"/></linearGradient>'
        '<linearGradient id="fade-l"><stop offset="0" stop-opacity="0"/>'
        '<stop offset="1" stop-opacity="0.35"/></linearGradient></defs>',
    ]
    for d, label in _ticks(lo, hi):
        svg.append(
            f'<line x1="{x(d):.1f}" y1="{TOP - 12}" x2="{x(d):.1f}" y2="{height - 25}" class="grid"/>'
            f'<text x="{x(d):.1f}" y="{TOP - 18}" class="tick">{label}</text>'
        )
    top = TOP
    for name, rows in lanes:
        lane_h = len(rows) * ROW_H + LANE_PAD
        svg.append(
            f'<text x="{LEFT - 10}" y="{top + LANE_PAD / 2 + ROW_H / 2 + 4:.1f}" class="lane">'
            f"{html.escape(name)}</text>"
            f'<line x1="{LEFT - 160}" y1="{top + lane_h:.1f}" x2="{WIDTH - 20}" y2="{top + lane_h:.1f}" '
            f'class="lane-line"/>'
        )
        for r, members in enumerate(rows):
            y = top + LANE_PAD / 2 + r * ROW_H + ROW_H / 2
            for i in members:
                svg.append(_mark(events[i], i, y, x, lo, hi))
        top += lane_h
    svg.append("</svg>")

    data = json.dumps([e.to_dict() for e in events], ensure_ascii=False).replace("</", "<\\/")
    table_rows = "\n".join(
        f'<tr data-i="{i}"><td>{html.escape(e.date if e.certain else "~" + e.date)}</td>'
        f"<td>{html.escape(e.subtype or e.type)}</td><td>{html.escape(e.label)}</td>"
        f"<td>{html.escape(e.place or '')}</td><td>{html.escape(confidence_text(e))}</td>"
        f"<td>{len({c.article for c in e.dates})}</td></tr>"
        for i, e in enumerate(events)
    )
    legend = "".join(f'<span><i style="background:{t.colour}"></i>{t.key}</span>' for t in EVENT_TYPES.values())
    return _PAGE.format(
        title=html.escape(title), svg="\n".join(svg), data=data, rows=table_rows, legend=legend, count=len(events)
    )


def _mark(e, i: int, y: float, x, lo: dt.date, hi: dt.date) -> str:
    color = EVENT_TYPES[e.type].colour if e.type in EVENT_TYPES else "#4a5568"
    tip = html.escape(
        f"{e.label}\n{e.date} (as written: {e.date_text})\n"
        + "\n".join(f"{s.publisher}, {s.published}" for s in e.sources)
    )
    parts = [f'<g class="ev" data-i="{i}" fill="{color}" stroke="{color}"><title>{tip}</title>']
    if e.start and e.end and e.start == e.end:
        parts.append(f'<circle cx="{x(e.start):.1f}" cy="{y:.1f}" r="6"/>')
    elif e.start is None:
        # begin unknown: a short fade-in up to the last day it may touch, not a bar back to the axis' start
        right = x(e.end or hi)
        parts.append(
            f'<rect x="{right - FADE:.1f}" y="{y - 6:.1f}" width="{FADE}" height="12" fill="url(#fade-l)" '
            f'stroke-width="0"/><rect x="{right - 3:.1f}" y="{y - 6:.1f}" width="3" height="12"/>'
        )
    else:
        left, right = x(e.start), x(e.end or hi)
        if right - left < 12:  # a few days at this scale: as solid as a dot, so it stays visible
            parts.append(
                f'<rect x="{(left + right) / 2 - 6:.1f}" y="{y - 6:.1f}" width="{max(right - left, 12):.1f}" '
                f'height="12" rx="6" stroke-width="0"/>'
            )
        else:
            parts.append(
                f'<rect x="{left:.1f}" y="{y - 6:.1f}" width="{right - left:.1f}" height="12" '
                f'rx="3" fill-opacity="0.25" stroke-width="0"/>'
            )
        if e.start < lo:
            parts.append(
                f'<rect x="{left:.1f}" y="{y - 6:.1f}" width="{FADE}" height="12" fill="url(#fade-l)" '
                f'stroke-width="0"/>'
            )
        if e.end is None or e.end > hi:
            parts.append(
                f'<rect x="{right - FADE:.1f}" y="{y - 6:.1f}" width="{FADE}" height="12" '
                f'fill="url(#fade-r)" stroke-width="0"/>'
            )
    return "".join(parts) + "</g>"


_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>{title}</title>
<style>
body {{ font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #1a202c; background: #fff; }}
h1 {{ font-size: 20px; margin: 0 0 4px; }}
.note {{ color: #4a5568; margin: 0 0 12px; }}
.legend span {{ margin-right: 14px; white-space: nowrap; }}
.legend i {{ display: inline-block; width: 10px; height: 10px; margin-right: 4px; border-radius: 2px; }}
svg {{ display: block; margin: 8px 0 16px; }}
.grid {{ stroke: #e2e8f0; }} .tick {{ font-size: 11px; fill: #4a5568; text-anchor: middle; }}
.lane {{ font-size: 12px; text-anchor: end; fill: #2d3748; }} .lane-line {{ stroke: #e2e8f0; }}
.ev {{ cursor: pointer; }} .ev:hover {{ opacity: 0.7; }}
table {{ border-collapse: collapse; width: 100%; }} td, th {{ border-bottom: 1px solid #e2e8f0; padding: 4px 8px; text-align: left; }}
tr[data-i] {{ cursor: pointer; }} tr.sel {{ background: #ebf8ff; }}
#detail {{ border: 1px solid #cbd5e0; border-radius: 6px; padding: 10px 14px; margin: 12px 0; background: #f7fafc; }}
#detail blockquote {{ margin: 6px 0 10px 0; padding-left: 10px; border-left: 3px solid #a0aec0; }}
</style></head>
<body>
<h1>{title}</h1>
<p class="note">{count} events. A dot is an exact day; a bar spans every day an event may touch (the source
was vaguer than a day, or it lasted); a fading end is open, or runs beyond the axis; a short fade ending in a
tick is an event whose begin no source gives. Click an event for its sources and quotes. Dates marked ~ may fall outside the window asked for.</p>
<div class="legend">{legend}</div>
{svg}
<div id="detail" hidden></div>
<table><thead><tr><th>date</th><th>type</th><th>event</th><th>place</th><th>confidence</th><th>articles</th></tr></thead>
<tbody>
{rows}
</tbody></table>
<script type="application/json" id="events">{data}</script>
<script>
(function () {{
  var events = JSON.parse(document.getElementById("events").textContent);
  var detail = document.getElementById("detail");
  function esc(s) {{ var d = document.createElement("div"); d.textContent = s == null ? "" : String(s); return d.innerHTML; }}
  function show(i) {{
    var e = events[i], h = "<strong>" + esc(e.label) + "</strong><br>" + esc(e.date) + " (as written: " + esc(e.date_text) + ")";
    Object.keys(e.roles).forEach(function (r) {{ h += "<br>" + esc(r) + ": " + esc(e.roles[r].join(", ")); }});
    e.sources.forEach(function (s) {{
      h += "<p>" + esc(s.publisher) + ", " + esc(s.published) + ": " + esc(s.title) + "</p><blockquote>" + esc(s.quote) + "</blockquote>";
    }});
    detail.innerHTML = h; detail.hidden = false;
    document.querySelectorAll("tr.sel").forEach(function (t) {{ t.classList.remove("sel"); }});
    var row = document.querySelector('tr[data-i="' + i + '"]'); if (row) row.classList.add("sel");
  }}
  document.querySelectorAll("[data-i]").forEach(function (el) {{
    el.addEventListener("click", function () {{ show(+el.getAttribute("data-i")); }});
  }});
}})();
</script>
</body></html>
"""
