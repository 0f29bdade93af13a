"""One event's facts read straight from the embedded store's indexes: the rows of ``event.rq``, without SPARQL.

Why: answering a timeline means reading every matching event's claims,
roles, places and sources. Through ``event.rq`` that costs pyoxigraph about
2.4 ms an event (parsing and planning eight UNION branches each time; 5.8 s
of a 6.4 s pair timeline at 100k events), while the same facts are a few
dozen index lookups (``quads_for_pattern``). ``event.rq`` stays the
definition — it is what runs on a SPARQL server — and
``tests/test_facts.py`` checks that both give the same rows for every
event of the examples and of a synthetic store.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from kb.model.namespace import CKB
from kb.read.query import python_value

__all__ = ["event_rows", "event_span", "mediator_rows", "window", "term_day"]

_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_EVENT = ox.NamedNode(str(CKB.Event))
_SUBPROPERTY = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subPropertyOf")


def _n(term) -> ox.NamedNode:
    return ox.NamedNode(str(term))


_P = {
    name: _n(getattr(CKB, name))
    for name in (
        "claimOf",
        "dateText",
        "precision",
        "source",
        "earliestBegin",
        "latestBegin",
        "earliestEnd",
        "latestEnd",
        "confidence",
        "represents",
        "location",
        "country",
        "status",
        "resultOf",
        "about",
        "claimedBy",
        "content",
        "summary",
        "evidence",
        "article",
        "quote",
        "headline",
        "publisher",
        "published",
        "url",
        "involves",
        "party",
        "mediator",
    )
}

_CLAIM_KEYS = ("dateText", "eb", "lb", "ee", "le", "precision", "publisher", "published", "url")


def _role_properties(store: ox.Store) -> frozenset[str]:
    """The sub-properties of ckb:involves the ontology graph declares (each role).

    Not cached across calls: a cache holding the store would keep its database (and lock) open."""
    return frozenset(
        q.subject.value
        for q in store.quads_for_pattern(None, _SUBPROPERTY, _P["involves"], None)
        if isinstance(q.subject, ox.NamedNode)
    )


def _row(kind: str, g, **values: Any) -> dict[str, Any]:
    row = {"kind": kind, "g": g, "key": None, "node": None, "text": None, "rep": None, "extra": None}
    row.update({k: None for k in _CLAIM_KEYS})
    row.update(values)
    return row


def event_span(store: ox.Store, iri: str) -> tuple[dt.date | None, dt.date | None]:
    """The ``start`` and ``end`` :func:`kb.read.answers.event_from_rows` gives ``iri``, from its date quads alone.

    The consensus of its sources' bounds (latest begin, earliest end), or
    their spread when they disagree — read without decoding the event, so a
    window test can drop a candidate before it is read whole.
    """
    claims = {q.subject for q in store.quads_for_pattern(None, _P["claimOf"], ox.NamedNode(iri), None)}
    begins = [term_day(q.object) for c in claims for q in store.quads_for_pattern(c, _P["earliestBegin"], None, None)]
    ends = [term_day(q.object) for c in claims for q in store.quads_for_pattern(c, _P["latestEnd"], None, None)]
    return window(begins, ends)


def event_classes(store: ox.Store, iri: str) -> set[str]:
    """The classes an event is stated to have (its types and ckb:Event), from its type quads alone."""
    return {
        str(getattr(q.object, "value", q.object))
        for q in store.quads_for_pattern(ox.NamedNode(iri), _RDF_TYPE, None, None)
    }


def window(begins: Iterable[dt.date | None], ends: Iterable[dt.date | None]) -> tuple[dt.date | None, dt.date | None]:
    """An event's days from its claims' earliest begins and latest ends (None: open, or not a date): the
    consensus (latest begin, earliest end), or the spread when the claims disagree."""
    begins_known = [d for d in begins if d is not None]
    ends_known = [d for d in ends if d is not None]
    lo, hi = max(begins_known, default=None), min(ends_known, default=None)
    if lo is not None and hi is not None and lo > hi:  # disputed: the spread
        return min(begins_known), max(ends_known)
    return lo, hi


def mediator_rows(store: ox.Store, iri: str, a: str, b: str) -> list[dict[str, Any]]:
    """The rows ``run_named(store, "mediators", a=a, b=b, event=iri)`` gives, from the indexes.

    A windowed ``kb mediators`` asks it of every candidate event (hundreds for
    a busy pair); as a query each was ~0.4 ms of parsing and planning, here it
    is a few lookups. The same rule as mediators.rq: two distinct parties,
    one ``a`` or a person representing it, the other ``b`` or one representing
    it; a mediator that represents someone counts for them instead; neither
    side mediates; one row per label of the mediator.
    """
    event = ox.NamedNode(iri)

    def objects(node, prop: str) -> list:
        return list(dict.fromkeys(q.object for q in store.quads_for_pattern(node, _P[prop], None, None)))

    def counts_for(party, actor: str) -> bool:
        return party.value == actor or any(o.value == actor for o in objects(party, "represents"))

    parties = [p for p in objects(event, "party") if isinstance(p, ox.NamedNode)]
    sides = any(pa != pb and counts_for(pa, a) and counts_for(pb, b) for pa in parties for pb in parties)
    if not sides:
        return []
    mediators: dict[str, ox.NamedNode] = {}
    for m in objects(event, "mediator"):
        represented = objects(m, "represents")
        for node in represented or [m]:
            if isinstance(node, ox.NamedNode):
                mediators.setdefault(node.value, node)
    rows = []
    for value, node in mediators.items():
        if value in (a, b):
            continue
        for label in dict.fromkeys(q.object for q in store.quads_for_pattern(node, _LABEL, None, None)):
            rows.append({"mediator": value, "mediatorLabel": python_value(label), "event": iri, "a": a, "b": b})
    return sorted(rows, key=lambda r: (str(r["mediatorLabel"]), r["event"]))


def term_day(term) -> dt.date | None:
    """A date literal as a date; None for one that is not a plain xsd:date (loaded RDF may hold anything)."""
    try:
        return dt.date.fromisoformat(term.value)
    except ValueError:
        return None


def event_rows(store: ox.Store, iri: str, cache: dict | None = None) -> list[dict[str, Any]]:
    """The rows ``run_named(store, "event", event=iri)`` would give, in the same order.

    ``cache`` may be shared by the reads of one answer: actors' labels and
    whom they represent recur in event after event.
    """
    cache = {} if cache is None else cache
    event = ox.NamedNode(iri)
    by_graph: dict[ox.NamedNode, dict[str, list]] = {}  # what each graph says of the event itself
    claims: dict[ox.NamedNode, list[dict[str, list]]] = {}  # and of it in its claims (one a graph, in practice)
    for c in store.quads_for_pattern(None, _P["claimOf"], event, None):
        if not isinstance(c.graph_name, ox.NamedNode):
            continue
        said: dict[str, list] = {}
        for q in store.quads_for_pattern(c.subject, None, None, c.graph_name):
            said.setdefault(q.predicate.value, []).append(q.object)
        claims.setdefault(c.graph_name, []).append(said)
    # what the reporting graphs say of the event itself: graph by graph, so the index graph's quads
    # (half of the event's, at every index key) are never decoded
    for g in claims:
        facts = by_graph[g] = {}
        for q in store.quads_for_pattern(event, None, None, g):
            facts.setdefault(q.predicate.value, []).append(q.object)
    if not by_graph:
        return []
    roles = cache.get("roles")
    if roles is None:
        roles = cache["roles"] = _role_properties(store)

    def objects(s, p, g=None) -> list:
        return [q.object for q in store.quads_for_pattern(s, p, None, g)]

    def labels(node) -> list:
        return _labels(store, node, cache)

    def represented(node) -> list:
        found = cache.get(("rep", node))
        if found is None:
            found = cache[("rep", node)] = [
                (rep, lab) for rep in objects(node, _P["represents"]) for lab in labels(rep)
            ]
        return found

    v = python_value
    rows: list[dict[str, Any]] = []
    for g, facts in by_graph.items():
        gv = g.value
        for said in claims.get(g, ()):
            rows += _claim_rows(gv, [c for c in facts.get(_RDF_TYPE.value, ()) if c != _EVENT], said, store, cache)
        for predicate, nodes in facts.items():
            if predicate not in roles:
                continue
            for node in nodes:
                reps = represented(node)
                for text in labels(node):
                    for rep, lab in reps or [(None, None)]:
                        rows.append(
                            _row("role", gv, key=predicate, node=v(node), text=v(text), rep=v(rep), extra=v(lab))
                        )
        for kind, prop in (("result-of", "resultOf"), ("about", "about")):
            for node in facts.get(_P[prop].value, ()):
                for text in labels(node) or [None]:
                    rows.append(_row(kind, gv, node=v(node), text=v(text)))
    unique = list({tuple(r.values()): r for r in rows}.values())  # every row has _row's keys, in its order
    unique.sort(key=_order)
    for r in unique:
        r["event"] = iri
    return unique


def _labels(store: ox.Store, node, cache: dict) -> list:
    """A node's labels in any graph, each once (actors recur in event after event: cached)."""
    found = cache.get(("label", node))
    if found is None:
        found = cache[("label", node)] = list(
            dict.fromkeys(q.object for q in store.quads_for_pattern(node, _LABEL, None, None))
        )
    return found


def _claim_rows(gv: str, classes: list, said: dict[str, list], store: ox.Store, cache: dict) -> list[dict[str, Any]]:
    """The rows of one claim: what its article says of the event (``classes``: the event's, in that graph)."""
    v = python_value
    g = ox.NamedNode(gv)
    rows: list[dict[str, Any]] = []

    def objects(s, p) -> list:
        return [q.object for q in store.quads_for_pattern(s, p, None, g)]

    def labels(node) -> list:
        return _labels(store, node, cache)

    one = lambda name: said.get(_P[name].value, [None])  # noqa: E731 - all values, or one None
    if said.get(_P["dateText"].value) and said.get(_P["precision"].value) and said.get(_P["source"].value):
        # every combination, as the query's joins and OPTIONALs give them (one of each in practice)
        for cls, label, text, precision, source, eb, lb, ee, le, conf in itertools.product(
            classes,
            said.get(_LABEL.value, ()),
            one("dateText"),
            one("precision"),
            one("source"),
            one("earliestBegin"),
            one("latestBegin"),
            one("earliestEnd"),
            one("latestEnd"),
            one("confidence"),
        ):
            rows.append(
                _row(
                    "claim",
                    gv,
                    key=v(cls),
                    text=v(label),
                    dateText=v(text),
                    precision=v(precision),
                    node=v(source),
                    eb=v(eb),
                    lb=v(lb),
                    ee=v(ee),
                    le=v(le),
                    extra=v(conf),
                )
            )
    for node in said.get(_P["location"].value, ()):
        for text in objects(node, _LABEL):
            for country in objects(node, _P["country"]) or [None]:
                rows.append(_row("place", gv, node=v(node), text=v(text), rep=v(country)))
    for node in said.get(_P["status"].value, ()):
        for text in labels(node):
            rows.append(_row("status", gv, node=v(node), text=v(text)))
    for node in said.get(_P["claimedBy"].value, ()):
        for text in labels(node) or [None]:
            rows.append(_row("claimed-by", gv, node=v(node), text=v(text)))
    for text in said.get(_P["content"].value, ()):
        rows.append(_row("content", gv, text=v(text)))
    for text in said.get(_P["summary"].value, ()):
        rows.append(_row("summary", gv, text=v(text)))
    for evidence in said.get(_P["evidence"].value, ()):
        for article in objects(evidence, _P["article"]):
            described = cache.get(("article", article, g))  # an article reports many of an answer's events
            if described is None:
                described = cache[("article", article, g)] = list(
                    itertools.product(
                        objects(article, _P["headline"]),
                        objects(article, _P["publisher"]),
                        objects(article, _P["published"]),
                        objects(article, _P["url"]) or [None],
                    )
                )
            for quote, (headline, publisher, published, url) in itertools.product(
                objects(evidence, _P["quote"]), described
            ):
                rows.append(
                    _row(
                        "source",
                        gv,
                        node=v(article),
                        text=v(headline),
                        extra=v(quote),
                        publisher=v(publisher),
                        published=v(published),
                        url=v(url),
                    )
                )
    return rows


def _key(value: Any) -> tuple:
    """SPARQL's ORDER BY for the values here: unbound first, then dates, then text."""
    if value is None:
        return (0, "")
    if isinstance(value, dt.date):
        return (1, value.isoformat())
    return (2, str(value))


def _order(row: dict[str, Any]) -> tuple:
    return tuple(_key(row[k]) for k in ("kind", "published", "g", "key", "text", "node", "rep", "extra", "dateText"))
