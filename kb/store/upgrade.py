"""Stores written by an earlier conflict-kb, brought to the current layout on their first writable open.

Until version 0.1 of the claims layout, an article's graph put what it said
of an event (label, dates, place, status, confidence, quotes) on the event
itself. Since then each article's statement is a ``ckb:Claim`` of its own
(docs/sparql.md, "Events and claims"); a store in the old layout would answer
every question with nothing. So a writable open rewrites each old article
graph once — the same triples, those statements moved onto the article's
claim — in transactions of 500 articles, and records the layout in the
store's markers. A read-only open of an old store is refused with what to do.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pyoxigraph as ox

from kb.errors import StoreError
from kb.model.iris import ARTICLE_GRAPHS, EVENT_PREFIX, claim_iri, source_name
from kb.model.namespace import CKB
from kb.store.base import ntriples

__all__ = ["LAYOUT", "CLAIM_PROPERTIES", "needs_upgrade", "upgrade", "refuse_old_layout"]

LAYOUT = "claims-1"  # the markers' "layout": bump with a new upgrade step here

# What an article says of an event, kept on its claim (kb/ingest/mapping.py writes these on the claim).
CLAIM_PROPERTIES = frozenset(
    str(p)
    for p in (
        CKB.name,
        CKB.summary,
        CKB.dateText,
        CKB.precision,
        CKB.earliestBegin,
        CKB.latestBegin,
        CKB.earliestEnd,
        CKB.latestEnd,
        CKB.status,
        CKB.confidence,
        CKB.claimedBy,
        CKB.content,
        CKB.location,
        CKB.source,
        CKB.evidence,
        "http://www.w3.org/2000/01/rdf-schema#label",
    )
)
_DATE_TEXT = ox.NamedNode(str(CKB.dateText))
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


# An event that carries a date as written itself: the old layout (a claim carries it now). One ASK, answered by
# the engine (a server holding a plain export has no markers: its quads are not fetched to find out).
_OLD_LAYOUT = (
    "ASK { GRAPH ?g { ?s <" + str(CKB.dateText) + '> ?t } FILTER(STRSTARTS(STR(?s), "' + EVENT_PREFIX + '")) }'
)


def needs_upgrade(store) -> bool:
    """Whether ``store`` holds article graphs in a layout older than :data:`LAYOUT`."""
    if store.marker("layout") == LAYOUT:
        return False
    return bool(store.query(_OLD_LAYOUT))


def refuse_old_layout(store) -> None:
    """A read-only open of a store in the old layout: say what to do instead of answering nothing."""
    if needs_upgrade(store):
        raise StoreError(
            f"{store}: written by an earlier conflict-kb (events without per-source claims); any writing command "
            "upgrades it in place once ('kb recover' does nothing else), then it can be read"
        )


def _upgraded(store, name: str) -> str:
    """Article graph ``name`` in the claims layout, as N-Triples."""
    graph = ox.NamedNode(name)
    article = source_name(name)
    quads = list(store.quads(None, None, None, graph))
    events = {q.subject for q in quads if q.predicate == _DATE_TEXT and q.subject.value.startswith(EVENT_PREFIX)}
    claims = {e: ox.NamedNode(str(claim_iri(article, e.value))) for e in events}
    triples = []
    for q in quads:
        if q.subject in claims and q.predicate.value in CLAIM_PROPERTIES:
            triples.append(ox.Triple(claims[q.subject], q.predicate, q.object))
        else:
            triples.append(q.triple)
    for event, claim in claims.items():
        triples.append(ox.Triple(claim, _RDF_TYPE, ox.NamedNode(str(CKB.Claim))))
        triples.append(ox.Triple(claim, ox.NamedNode(str(CKB.claimOf)), event))
    return ntriples(triples)


def upgrade(store, index: Callable[[Mapping], dict]) -> int:
    """Rewrite every old-layout article graph (and its index) in place; returns how many were rewritten."""
    if not needs_upgrade(store):
        store.set_marker("layout", LAYOUT)
        return 0
    old = sorted(
        {
            q.graph_name.value
            for q in store.quads(None, _DATE_TEXT, None)
            if isinstance(q.graph_name, ox.NamedNode)
            and q.graph_name.value.startswith(ARTICLE_GRAPHS)
            and q.subject.value.startswith(EVENT_PREFIX)
        }
    )
    for start in range(0, len(old), 500):
        store.replace_graphs(index({str(n): _upgraded(store, n) for n in old[start : start + 500]}))
    store.flush()
    store.set_marker("layout", LAYOUT)
    return len(old)
