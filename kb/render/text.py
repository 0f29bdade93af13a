"""Render answers as text people read (tables, Markdown) or programs read (JSON, CSV).

The last step of the pipeline. Nothing here queries the store: it gets
dataclasses and rows from :mod:`kb.api` and only formats them.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

import pyoxigraph as ox

from kb.model.vocab import OCCURRENCE_STATUSES

__all__ = [
    "table",
    "markdown",
    "csv_text",
    "json_text",
    "json_data",
    "event_text",
    "confidence_text",
    "actor_text",
    "ics",
    "timeline_rows",
    "mediator_rows",
    "sparql_rows",
    "stats_rows",
    "actor_rows",
    "TIMELINE_COLUMNS",
    "MEDIATOR_COLUMNS",
]

TIMELINE_COLUMNS = ("date", "type", "event", "place", "actors", "confidence", "sources")
MEDIATOR_COLUMNS = ("mediator", "via", "date", "place", "event", "confidence", "sources")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    return str(value)


def table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """A plain-text table, columns as wide as their widest cell."""
    cells = [[_cell(r.get(c)) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    return "\n".join(lines)


def markdown(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """A GitHub-flavoured Markdown table; pipes in cells are escaped."""

    def esc(v: str) -> str:
        return v.replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    lines += ["| " + " | ".join(esc(_cell(r.get(c))) for c in columns) + " |" for r in rows]
    return "\n".join(lines)


def csv_text(rows: Sequence[dict[str, Any]], columns: Sequence[str], *, delimiter: str = ",") -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n", delimiter=delimiter)
    writer.writerow(columns)
    for r in rows:
        writer.writerow([_cell(r.get(c)) for c in columns])
    return buf.getvalue().rstrip("\n")


def json_text(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, default=str)


def json_data(kind: str, data: Any) -> Any:
    """An answer as JSON-ready data: each answer object's ``to_dict``, lists of them as lists."""
    if kind == "actors":
        return [
            {
                "name": a.name,
                "type": a.type,
                "aliases": list(a.aliases),
                "title": a.title,
                "represents": list(a.represents),
                "iso": a.iso,
            }
            for a in data
        ]
    if isinstance(data, list):
        return [d.to_dict() if hasattr(d, "to_dict") else d for d in data]
    return data.to_dict() if hasattr(data, "to_dict") else data


def stats_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """``kb stats`` as rows: one a count, counts by type one a type."""
    rows: list[dict[str, Any]] = []
    for key, value in data.items():
        if isinstance(value, dict):
            rows += [{"what": f"{key}: {k}", "count": v} for k, v in value.items()]
        else:
            rows.append({"what": key, "count": value})
    return rows


def actor_rows(actors: Iterable) -> list[dict[str, Any]]:
    """Actors for a table: the first six aliases, then an ellipsis."""
    return [
        {
            "name": a.name,
            "type": a.type,
            "represents": ", ".join(a.represents),
            "aliases": ", ".join(a.aliases[:6]) + (" …" if len(a.aliases) > 6 else ""),
        }
        for a in actors
    ]


PLACE_COLUMNS = ("name", "kind", "country", "coordinates", "geonames", "declared in")


def place_rows(places: Iterable) -> list[dict[str, Any]]:
    """Places for a table: coordinates as one cell, the declaring article for declared ones."""
    return [
        {
            "name": p.name + (f" ({', '.join(p.aliases)})" if p.aliases else ""),
            "kind": p.kind,
            "country": p.country.name if p.country else "",
            "coordinates": f"{p.latitude}, {p.longitude}" if p.latitude is not None else "",
            "geonames": p.geonames_id or "",
            "declared in": p.source if p.kind == "declared" else "",
        }
        for p in places
    ]


def actor_text(info) -> str:
    """One actor for reading: its names and ids, what sources say of it, then its timeline."""
    lines = [f"{info.name} ({info.type})", f"  iri: {info.iri}"]
    if info.aliases:
        lines.append(f"  aliases: {', '.join(info.aliases)}")
    if info.iso:
        lines.append(f"  ISO code: {info.iso}")
    if info.wikidata:
        lines.append(f"  Wikidata: {info.wikidata}")
    if info.geonames:
        lines.append(f"  GeoNames: {info.geonames}")
    for t in info.titles:
        lines.append(f"  title: {t['title']}  [{t['source']}]")
    for m in info.mandates:
        period = " ".join(
            p for p in (f"from {m['from']}" if m["from"] else "", f"until {m['until']}" if m["until"] else "") if p
        )
        lines.append(
            f"  represents: {m['actor']}"
            + (f" as {m['title']}" if m["title"] else "")
            + (f", {period}" if period else "")
            + f"  [{m['source']}]"
        )
    lines.append("")
    lines.append(table(timeline_rows(info.events), TIMELINE_COLUMNS) if info.events else "no events")
    return "\n".join(lines)


def _actors_cell(roles: dict[str, list[str]]) -> str:
    return "; ".join(f"{role}: {', '.join(names)}" for role, names in roles.items())


def _label(event) -> str:
    """An event's label, saying so when it has not happened (planned, postponed, cancelled)."""
    if event.status in OCCURRENCE_STATUSES:
        return f"{event.label} ({event.status})"
    return f"{event.label} (planned)" if event.planned else event.label


def confidence_text(event) -> str:
    """How firmly an event is reported, and whose claim it is when that is all: "claimed by Donald Trump"."""
    confidence = event.confidence or "reported"
    if confidence == "claimed" and event.claimed_by:
        return f"claimed by {', '.join(event.claimed_by)}"
    return confidence


def timeline_rows(events: Iterable) -> list[dict[str, Any]]:
    """Flatten timeline events for tables; an uncertain date is marked with '~'."""
    rows = []
    for e in events:
        kind = e.subtype or e.type
        rows.append(
            {
                "date": e.date if e.certain else f"~{e.date}",
                "type": kind,
                "event": _label(e),
                "place": e.place,
                "actors": _actors_cell(e.roles),
                "confidence": confidence_text(e),
                "sources": "; ".join(dict.fromkeys(f"{s.publisher} {s.published.isoformat()}" for s in e.sources)),
            }
        )
    return rows


def mediator_rows(answers: Iterable) -> list[dict[str, Any]]:
    """One row per (mediator, event), mediator and persons shown on its first row only."""
    rows = []
    for a in answers:
        for i, ev in enumerate(a.events):
            rows.append(
                {
                    "mediator": a.mediator if i == 0 else "",
                    "via": ", ".join(a.via) if i == 0 else "",
                    "date": ev.date if ev.certain else f"~{ev.date}",
                    "place": ev.place,
                    "event": _label(ev),
                    "confidence": confidence_text(ev),
                    "sources": ev.sources,
                }
            )
    return rows


def _term_text(node: Any) -> str:
    if node is None:
        return ""
    if isinstance(node, ox.NamedNode):
        return node.value
    if isinstance(node, ox.Literal):
        return node.value
    return str(node)


def sparql_rows(result) -> list[dict[str, str]]:
    """SELECT rows with IRIs and literals as their plain text values."""
    return [{v: _term_text(row[v]) for v in result.variables} for row in result.rows]


def _ics_text(value: str) -> str:
    return (
        value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def _ics_fold(line: str) -> str:
    """RFC 5545 §3.1: lines of at most 75 octets, continued with CRLF and a space."""
    data = line.encode("utf-8")
    parts: list[str] = []
    while len(data) > (75 if not parts else 74):  # a continuation line starts with a space
        cut = 75 if not parts else 74
        while cut > 0 and (data[cut] & 0xC0) == 0x80:  # never split a UTF-8 sequence
            cut -= 1
        parts.append(data[:cut].decode("utf-8"))
        data = data[cut:]
    parts.append(data.decode("utf-8"))
    return "\r\n ".join(parts)


def ics(events: Iterable) -> str:
    """An iCalendar file: one all-day VEVENT per event, from its first to its last possible day.

    An event with an open begin starts at its earliest end; an open end is
    left out (the calendar shows the first day) and said in the description.
    """
    import datetime as dt

    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//conflict-kb//timeline//EN", "CALSCALE:GREGORIAN"]
    for e in events:
        first = e.start or e.end
        if first is None:
            continue
        stamp = min((s.published for s in e.sources), default=first)
        description = [f"date: {e.date} (as written: {e.date_text})"]
        description += [f"{role}: {', '.join(names)}" for role, names in e.roles.items()]
        description += [f"{s.publisher}, {s.published.isoformat()}: \u201c{s.quote}\u201d" for s in e.sources]
        lines += [
            "BEGIN:VEVENT",
            f"UID:{e.iri}",
            f"DTSTAMP:{stamp.strftime('%Y%m%d')}T000000Z",
            f"DTSTART;VALUE=DATE:{first.strftime('%Y%m%d')}",
        ]
        if e.end is not None and e.start is not None:
            lines.append(f"DTEND;VALUE=DATE:{(e.end + dt.timedelta(days=1)).strftime('%Y%m%d')}")
        lines.append(f"SUMMARY:{_ics_text(e.label)}")
        if e.place:
            lines.append(f"LOCATION:{_ics_text(e.place)}")
        lines.append(f"DESCRIPTION:{_ics_text(chr(10).join(description))}")
        lines.append(f"CATEGORIES:{_ics_text(e.subtype or e.type)}")
        if not e.certain:
            lines.append("STATUS:TENTATIVE")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(_ics_fold(line) for line in lines) + "\r\n"


def event_text(e) -> str:
    """One event for reading: what it is, then what each source says of it."""
    lines = [
        e.label,
        f"  id: {e.id}",
        f"  type: {e.subtype or e.type}",
        f"  date: {e.date}" + ("  (sources disagree)" if e.disputed else ""),
    ]
    for key in ("place", "status", "confidence", "claimed_by", "content"):
        value = getattr(e, key)
        if value:
            lines.append(f"  {key.replace('_', ' ')}: {', '.join(value) if isinstance(value, list) else value}")
    for role, names in e.roles.items():
        lines.append(f"  {role}: {', '.join(names)}")
    if e.about:
        lines.append(f"  about: {', '.join(e.about)}")
    lines.append("")
    lines.append(f"  {len(e.dates)} source{'s' * (len(e.dates) != 1)}:")
    for claim in e.dates:
        published = claim.published.isoformat() if claim.published else "?"
        confidence = f", {claim.confidence}" if claim.confidence else ""
        lines.append(f"  - {claim.publisher} ({published}): {claim.date} (as written: {claim.date_text}){confidence}")
        for s in e.sources:
            if s.publisher == claim.publisher and s.published == claim.published:
                lines.append(f"      \u201c{s.quote}\u201d")
    return "\n".join(lines)
