"""How a timeline or mediators question reaches its events: which index keys to probe, then the exact test.

The answer is always decided on every source's own dates, roles and
confidence (:class:`kb.read.answers.TimelineEvent`); the planner's job is
to make the candidates few. With an actor and a window of at most
:data:`kb.store.index.MAX_WINDOW_MONTHS` months, it looks up that actor's
index keys for the window's months and years (of the rarer actor of a pair,
so the cost follows its events, not the busier one's); otherwise, or on a
store whose index is not current, it runs the scanning query. Either way
the candidates are then read whole and tested.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from kb.errors import KBError
from kb.model.dates import Precision, Window
from kb.model.namespace import CKB, IRI
from kb.model.vocab import CONFIDENCES
from kb.read.answers import (
    CONFIDENCE_ORDER,
    EventRef,
    MediatorAnswer,
    TimelineEvent,
    event_from_rows,
    span_in_window,
)
from kb.read.facts import event_rows, event_span, mediator_rows
from kb.read.query import DATE_MAX, DATE_MIN, run_named
from kb.store.base import Store
from kb.store.index import window_keys

__all__ = ["read_event", "read_events", "stored", "timeline", "mediators", "confidence_rank"]

_CLAIM_OF = str(CKB.claimOf)


def stored(store: Store, iri: IRI | str) -> bool:
    """Whether some article reports the event ``iri`` (some claim is of it)."""
    return store.has_subject(_CLAIM_OF, str(iri))


def read_event(store: Store, iri: str, cache: dict | None = None) -> TimelineEvent | None:
    """One event with every source's claims; None when no article reports it."""
    if store.embedded is not None:  # the same rows as event.rq, read from the indexes (kb/read/facts.py)
        return event_from_rows(iri, event_rows(store.embedded, iri, cache))
    return event_from_rows(iri, run_named(store, "event", event=IRI(iri)))


def read_events(store: Store, iris: Iterable[str]) -> dict[str, TimelineEvent]:
    """Many events, one read each.

    Measured on 10k synthetic events: 229 events took 311 ms as one
    substituted event.rq each and 869 ms as one query with a VALUES
    block, which pyoxigraph joins after evaluating each UNION branch over
    the whole store; the embedded store skips SPARQL (kb/read/facts.py).
    """
    out: dict[str, TimelineEvent] = {}
    cache: dict = {}
    for iri in dict.fromkeys(iris):
        ev = read_event(store, iri, cache)
        if ev is not None:
            out[iri] = ev
    return out


def confidence_rank(confidence: str | None) -> int | None:
    """The rank of a ``--confidence`` floor (0 is the firmest); None for no floor."""
    if confidence is None:
        return None
    if confidence not in CONFIDENCES:
        raise KBError(f"unknown confidence '{confidence}'; expected one of {', '.join(CONFIDENCES)}")
    return CONFIDENCE_ORDER.index(confidence)


def _keeps(ev: TimelineEvent, least: int | None, include_planned: bool) -> bool:
    if least is not None and CONFIDENCE_ORDER.index(ev.confidence or "reported") > least:
        return False
    return ev.happened or include_planned


def _rarer(store: Store, a: IRI, b: IRI, first: dt.date, last: dt.date) -> tuple[IRI, IRI]:
    """(a, b), or (b, a) when b has fewer events filed under the window's index keys."""

    def filed(actor: IRI) -> int:
        return sum(
            row["n"]
            for key in window_keys(actor, first, last) or ()
            for row in run_named(store, "index-count", key=key)
            if row["n"] is not None
        )

    return (b, a) if filed(b) < filed(a) else (a, b)


def timeline(
    store: Store,
    win: Window,
    *,
    actors: list[IRI],
    types: list[IRI | None],
    place: IRI | None,
    indexed: bool,
    include_uncertain: bool,
    least: int | None,
    include_planned: bool,
    limit: int | None = None,
) -> list[TimelineEvent]:
    """The events of :meth:`kb.KnowledgeBase.timeline`, its arguments resolved to IRIs.

    With ``limit``, the first that many by date: on the embedded store the candidates are ordered by the
    first day their date quads allow and read in that order until enough are kept, so a page of a busy
    pair does not read every event of the window."""
    first, last = max(win.first, DATE_MIN), min(win.last, DATE_MAX)
    bindings: dict[str, Any] = dict(first=first, last=last, place=place)
    if actors:
        bindings.update(actor1=actors[0], actor2=actors[1] if len(actors) > 1 else None)
    iris: dict[str, None] = {}
    keys = window_keys(actors[0], first, last) if actors and indexed else None
    if keys is not None and len(actors) > 1:
        probe, bindings["actor2"] = _rarer(store, actors[0], actors[1], first, last)
        keys = window_keys(probe, first, last)
    for type_iri in types:
        if keys is not None:  # the access path by actor and time: a few index keys, not every event of the actor
            for key in keys:
                for row in run_named(
                    store, "timeline-index", key=key, type=type_iri, actor2=bindings["actor2"], place=place
                ):
                    iris.setdefault(row["event"])
            continue
        for row in run_named(store, "timeline-actor" if actors else "timeline", type=type_iri, **bindings):
            iris.setdefault(row["event"])
    starts: dict[str, dt.date] = {}
    if store.embedded is not None:  # the window test first, on each candidate's date quads: most fail it
        spans = {i: event_span(store.embedded, i) for i in iris}
        iris = {i: None for i in iris if _may_keep(spans[i], win, include_uncertain)}
        starts = {i: spans[i][0] or dt.date.min for i in iris}
    wanted = {str(a) for a in actors[2:]}
    events: list[TimelineEvent] = []
    order = sorted(iris, key=lambda i: (starts[i], i)) if limit is not None and starts else list(iris)
    cache: dict = {}
    for n, iri in enumerate(order):
        if limit is not None and starts and len(events) >= limit and starts[iri] > starts[order[n - 1]]:
            break  # the first ``limit`` by date are read (and every one on the last day read, for the tie-break)
        ev = read_event(store, iri, cache)
        if ev is None:
            continue
        inside = ev.in_window(win)
        if inside is None or (not inside and not include_uncertain) or not _keeps(ev, least, include_planned):
            continue
        if wanted and not wanted <= {a for names in ev.actor_iris.values() for a in names}:
            continue
        ev.certain = inside
        events.append(ev)
    events.sort(key=lambda e: (e.start or dt.date.min, Precision[e.precision.upper().replace(" ", "_")], e.iri))
    return events[:limit] if limit is not None else events


def _may_keep(span: tuple[dt.date | None, dt.date | None], win: Window, include_uncertain: bool) -> bool:
    """The window test the answer applies later, on a span read from the date quads (:func:`event_span`)."""
    inside = span_in_window(*span, win)
    return inside is not None and (inside or include_uncertain)


def mediators(
    store: Store,
    win: Window,
    a: IRI,
    b: IRI,
    *,
    indexed: bool,
    include_uncertain: bool,
    least: int | None,
    include_planned: bool,
) -> list[MediatorAnswer]:
    """The answers of :meth:`kb.KnowledgeBase.mediators`, its actors resolved to IRIs."""
    first, last = max(win.first, DATE_MIN), min(win.last, DATE_MAX)
    if indexed and window_keys(a, first, last) is not None:
        # the access path: the window's index keys (of the rarer actor) give a few candidates,
        # each checked by mediators.rq
        probe, other = _rarer(store, a, b, first, last)
        candidates = dict.fromkeys(
            r["event"]
            for key in window_keys(probe, first, last) or ()
            for r in run_named(store, "mediated-events", key=key, b=other)
        )
        if store.embedded is not None:  # the window test first, on the date quads: no query for the others
            candidates = {
                e: None for e in candidates if _may_keep(event_span(store.embedded, e), win, include_uncertain)
            }
        if store.embedded is not None:  # the rows mediators.rq gives, read from the indexes (kb/read/facts.py)
            rows = [r for event in candidates for r in mediator_rows(store.embedded, event, str(a), str(b))]
        else:
            rows = [r for event in candidates for r in run_named(store, "mediators", a=a, b=b, event=IRI(event))]
        rows.sort(key=lambda r: (r["mediatorLabel"], r["event"]))
    else:
        rows = run_named(store, "mediators", a=a, b=b)
        if store.embedded is not None:
            spans = {r["event"]: event_span(store.embedded, r["event"]) for r in rows}
            rows = [r for r in rows if _may_keep(spans[r["event"]], win, include_uncertain)]
    events = read_events(store, (r["event"] for r in rows))
    answers: dict[str, MediatorAnswer] = {}
    for row in rows:
        iri = row["event"]
        ev = events.get(iri)
        inside = ev.in_window(win) if ev else None
        if ev is None or inside is None or (not inside and not include_uncertain):
            continue
        if not _keeps(ev, least, include_planned):
            continue
        ans = answers.setdefault(row["mediator"], MediatorAnswer(row["mediatorLabel"], row["mediator"], [], []))
        for person, represented in ev.acting_for.items():
            if row["mediator"] in represented and person not in ans.via:
                ans.via.append(person)
        if all(e.iri != iri for e in ans.events):
            ans.events.append(
                EventRef(
                    ev.id,
                    iri,
                    ev.label,
                    ev.date,
                    ev.place,
                    inside,
                    ev.confidence or "reported",
                    len({c.article for c in ev.dates}),
                    ev.planned,
                    ev.status,
                    list(ev.claimed_by),
                )
            )
    for ans in answers.values():
        ans.via.sort()
        ans.events.sort(key=lambda e: (events[e.iri].start or dt.date.min, e.id))
    return sorted(answers.values(), key=lambda m: m.mediator)
