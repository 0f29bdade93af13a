"""What questions return: events as their sources tell them, consensus and spread.

An event reported by several articles has one IRI and one claim per article
(each in the article's named graph): its own date, label, place, roles. This
module turns the rows of ``event.rq`` into one :class:`TimelineEvent` that
keeps every claim and says where sources agree:

- the **spread** is every day any source's dates allow: the earliest begin
  to the latest end over all claims. A source that leaves a side open ("the
  round concluded Monday") says nothing about that side, so it does not
  widen the spread; a side stays open only when no source bounds it;
- the **consensus** is the days all sources' dates allow at once (the latest
  earliest-begin to the earliest latest-end), when there is such a day; when
  there is not, the sources disagree and the event is ``disputed``.

The headline ``date`` is the consensus, or for a disputed event the date
most sources give (the earliest source breaks a tie); ``dates`` keeps every
source's own. ``start`` and ``end`` — used for windows and ordering — are the
consensus when the sources agree (if they are all right, the event lies
there: a vaguer "late 2024" does not unsettle a precise "December 2024"),
and the spread when they do not (then only what every account allows is
certain).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from kb.model.dates import Precision, Window, describe
from kb.model.iris import EVENT_PREFIX
from kb.model.vocab import CONFIDENCES, EVENT_TYPES, OCCURRENCE_STATUSES, PRECISIONS, ROLES

__all__ = ["Source", "DateClaim", "TimelineEvent", "EventRef", "MediatorAnswer", "ActorInfo", "event_from_rows"]

_PROPERTY_TO_ROLE = {str(p): k for k, p in ROLES.items()}
_PRECISION_OF = {str(iri): p for p, iri in PRECISIONS.items()}
_CONFIDENCE_OF = {str(iri): k for k, iri in CONFIDENCES.items()}
CONFIDENCE_ORDER = tuple(CONFIDENCES)  # firmest first
_CLASS_TO_TYPE: dict[str, tuple[str, str | None]] = {str(t.cls): (t.key, None) for t in EVENT_TYPES.values()}
_CLASS_TO_TYPE.update({str(c): (t.key, k) for t in EVENT_TYPES.values() for k, c in t.subtypes.items()})


def event_id(iri: str) -> str:
    """``<article id>/<event id>``: how people and ``same-as`` name an event."""
    return iri[len(EVENT_PREFIX) :] if iri.startswith(EVENT_PREFIX) else iri


@dataclass
class Source:
    title: str
    publisher: str
    published: dt.date
    url: str | None
    quote: str
    article: str = ""  # the article's id


@dataclass
class DateClaim:
    """When one article says the event happened, and how firmly."""

    article: str  # article id
    publisher: str
    published: dt.date | None
    date: str
    date_text: str
    start: dt.date | None
    end: dt.date | None
    precision: str
    confidence: str | None = None


@dataclass
class TimelineEvent:
    iri: str
    id: str  # "<article id>/<event id>"
    type: str
    subtype: str | None
    label: str
    date: str  # the consensus written briefly (2026-01-06, 2024-12, 2024-12..); most sources' when disputed
    date_text: str  # as the first source wrote it
    start: dt.date | None  # earliest possible begin: of the consensus, or of the spread when disputed
    end: dt.date | None  # latest possible end: likewise
    precision: str
    certain: bool = True  # False: the dates straddle the query window
    disputed: bool = False  # sources' dates admit no common day
    planned: bool = False  # status planned, or every source dates it after its own publication
    place: str | None = None
    status: str | None = None
    confidence: str | None = None  # the firmest any source gives
    claimed_by: list[str] = field(default_factory=list)  # whose claim it is, when a source says (confidence claimed)
    roles: dict[str, list[str]] = field(default_factory=dict)
    sources: list[Source] = field(default_factory=list)
    dates: list[DateClaim] = field(default_factory=list)  # one per source
    about: list[str] = field(default_factory=list)  # ids of the events a statement is about
    labels: list[str] = field(default_factory=list, repr=False)  # every source's label (kb ask matches words in them)
    summaries: list[str] = field(default_factory=list, repr=False)  # where a name became the label
    content: str | None = None
    # for matching and roll-up, not shown
    place_iri: str | None = field(default=None, repr=False)
    place_country: str | None = field(default=None, repr=False)
    actor_iris: dict[str, set[str]] = field(default_factory=dict, repr=False)  # rolled up to whom they represent
    actor_nodes: dict[str, set[str]] = field(default_factory=dict, repr=False)  # as the sources name them
    acting_for: dict[str, set[str]] = field(default_factory=dict, repr=False)  # person label -> actors represented

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for key in ("place_iri", "place_country", "actor_iris", "actor_nodes", "acting_for", "labels", "summaries"):
            d.pop(key)
        for key in ("start", "end"):
            d[key] = d[key].isoformat() if d[key] else None
        for s in d["sources"]:
            s["published"] = s["published"].isoformat()
        for c in d["dates"]:
            for key in ("published", "start", "end"):
                c[key] = c[key].isoformat() if c[key] else None
        return d

    @property
    def happened(self) -> bool:
        """Whether the sources report it as done: not planned, postponed or cancelled."""
        return not self.planned and self.status not in OCCURRENCE_STATUSES

    def in_window(self, window: Window) -> bool | None:
        """True: certainly inside; False: may be (straddles); None: certainly outside."""
        return span_in_window(self.start, self.end, window)


def span_in_window(start: dt.date | None, end: dt.date | None, window: Window) -> bool | None:
    """:meth:`TimelineEvent.in_window` for a span alone (as :func:`kb.read.facts.event_span` reads it)."""
    lo, hi = start or dt.date.min, end or dt.date.max
    if hi < window.first or lo > window.last:
        return None
    return window.first <= lo and hi <= window.last


def _precision_name(p: Precision) -> str:
    return p.name.lower().replace("_", " ")


def event_from_rows(iri: str, rows: Iterable[dict[str, Any]]) -> TimelineEvent | None:
    """Build one event from its ``event.rq`` rows; None when no article reports it."""
    rows = list(rows)
    claims = [r for r in rows if r["kind"] == "claim"]
    if not claims:
        return None
    home_article = event_id(iri).split("/", 1)[0]
    # the article that first reported the event speaks for its label and type
    claims.sort(key=lambda r: (not r["node"].endswith("/" + home_article), r["g"]))
    first = claims[0]
    kind, subtype = _CLASS_TO_TYPE.get(first["key"], (first["key"], None))
    published = {r["node"]: r["published"] for r in rows if r["kind"] == "source"}
    publishers = {r["node"]: r["publisher"] for r in rows if r["kind"] == "source"}

    dates = []
    for c in claims:
        article = c["node"]
        dates.append(
            DateClaim(
                article=article.rsplit("/", 1)[-1],
                publisher=publishers.get(article, ""),
                published=published.get(article),
                date=describe(c["eb"], c["lb"], c["ee"], c["le"]),
                date_text=c["dateText"],
                start=c["eb"],
                end=c["le"],
                precision=_precision_name(_PRECISION_OF[c["precision"]]),
                confidence=_CONFIDENCE_OF.get(c["extra"]) if c["extra"] else None,
            )
        )
    dates.sort(key=lambda d: (d.published or dt.date.min, d.article))
    spread_lo = min((c["eb"] for c in claims if c["eb"]), default=None)
    spread_hi = max((c["le"] for c in claims if c["le"]), default=None)
    cons_lo = max((c["eb"] for c in claims if c["eb"]), default=None)
    cons_hi = min((c["le"] for c in claims if c["le"]), default=None)
    disputed = cons_lo is not None and cons_hi is not None and cons_lo > cons_hi
    described = [d.date for d in dates]  # in source order
    if len(set(described)) == 1:
        date = described[0]
    elif not disputed and cons_lo is not None and cons_hi is not None:
        date = describe(cons_lo, cons_hi, cons_lo, cons_hi)
    else:
        date = max(described, key=lambda d: (described.count(d), -described.index(d)))
    precision = min(_PRECISION_OF[c["precision"]] for c in claims)
    confidences = [d.confidence or "reported" for d in dates]  # unstated reads as reported
    start, end = (spread_lo, spread_hi) if disputed else (cons_lo, cons_hi)
    ev = TimelineEvent(
        iri=iri,
        id=event_id(iri),
        type=kind,
        subtype=subtype,
        label=first["text"],
        labels=list(dict.fromkeys(c["text"] for c in claims if c["text"])),
        date=date,
        date_text=first["dateText"],
        start=start,
        end=end,
        precision=_precision_name(precision),
        disputed=disputed,
        planned=all(d.start is not None and d.published is not None and d.start > d.published for d in dates),
        confidence=min(confidences, key=CONFIDENCE_ORDER.index) if confidences else None,
        dates=dates,
    )
    seen_sources = set()
    for r in rows:
        k = r["kind"]
        if k == "role":
            role = _PROPERTY_TO_ROLE.get(r["key"])
            if role:
                names = ev.roles.setdefault(role, [])
                if r["text"] not in names:
                    names.append(r["text"])
                ev.actor_iris.setdefault(role, set()).add(r["rep"] or r["node"])
                ev.actor_nodes.setdefault(role, set()).add(r["node"])
                if r["rep"]:
                    ev.acting_for.setdefault(r["text"], set()).add(r["rep"])
        elif k == "place" and (ev.place is None or r["g"].endswith("/" + home_article)):
            ev.place, ev.place_iri, ev.place_country = r["text"], r["node"], r["rep"]
        elif k == "status":
            ev.status = r["text"]
        elif k == "content" and ev.content is None:
            ev.content = r["text"]
        elif k == "summary" and r["text"] not in ev.labels and r["text"] not in ev.summaries:
            ev.summaries.append(r["text"])
        elif k == "about":
            ref = event_id(r["node"])
            if ref not in ev.about:
                ev.about.append(ref)
        elif k == "claimed-by":
            if r["text"] and r["text"] not in ev.claimed_by:
                ev.claimed_by.append(r["text"])
        elif k == "source":
            key = (r["node"], r["extra"])
            if key not in seen_sources:
                seen_sources.add(key)
                ev.sources.append(
                    Source(
                        r["text"],
                        r["publisher"],
                        r["published"],
                        r["url"],
                        r["extra"],
                        r["node"].rsplit("/", 1)[-1],  # the article's id, as DateClaim.article
                    )
                )
    for names in ev.roles.values():
        names.sort()
    ev.claimed_by.sort()
    ev.planned = ev.planned or ev.status == "planned"
    return ev


@dataclass
class EventRef:
    id: str
    iri: str
    label: str
    date: str
    place: str | None
    certain: bool
    confidence: str | None = None  # the firmest any source gives (claimed: only someone's claim)
    sources: int = 1  # independent articles that report it
    planned: bool = False
    status: str | None = None  # postponed, cancelled, ... as its sources say
    claimed_by: list[str] = field(default_factory=list)  # whose claim it is, when a source says


@dataclass
class MediatorAnswer:
    mediator: str
    iri: str
    via: list[str]
    events: list[EventRef]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ActorInfo:
    """Everything the store knows of one actor, and whose word it is."""

    name: str
    iri: str
    type: str
    aliases: list[str]
    titles: list[dict[str, str]]  # {title, source}
    mandates: list[dict[str, Any]]  # {actor, title, from, until, source}
    iso: str | None
    wikidata: str | None
    events: list[TimelineEvent]
    geonames: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["events"] = [e.to_dict() for e in self.events]
        return d
