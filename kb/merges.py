"""Merges: reviewed decisions that an article's event is another article's event, kept and undoable.

A merge used to live only in the merged article's graph (its event stored
under the other event's IRI), so re-ingesting the article's unchanged file
quietly split the event again. Now the decision is data of its own, in the
store's merges graph (``<A> ckb:mergedInto <B>``):

- ``kb merge A B`` (or a look-alike accepted at ingest) records it and moves
  A's claims onto B in A's article graph, in one transaction;
- ingest reads the records, so the article's file — unchanged, no
  ``same-as`` — keeps A merged into B;
- ``kb unmerge A`` deletes the record and moves the claims back.

Renaming is exact because a merge is refused when it could not be undone
exactly: when A's article already mentions B, or another article links to A.
"""

from __future__ import annotations

import dataclasses
from typing import Iterable

import pyoxigraph as ox
from rdflib import URIRef

from .errors import KBError
from .factfile import FactFile
from .iris import EVENT_PREFIX, article_graph, event_iri
from .namespace import CKB, GRAPH

__all__ = ["MERGES_GRAPH", "merge_records", "records_ntriples", "renamed_ntriples", "article_of", "graph_of",
           "mentions", "linked_from_elsewhere", "apply_merges"]

MERGES_GRAPH = GRAPH["merges"]
_MERGED_INTO = ox.NamedNode(str(CKB.mergedInto))


def article_of(event: str) -> str:
    """The article id in an event IRI (``.../event/<article>/<event>``)."""
    if not event.startswith(EVENT_PREFIX) or "/" not in event[len(EVENT_PREFIX):]:
        raise KBError(f"'{event}' is not an event of an article")
    return event[len(EVENT_PREFIX):].split("/", 1)[0]


def merge_records(store) -> dict[str, str]:
    """Every recorded merge: merged event IRI -> the event IRI it was merged into."""
    graph = ox.NamedNode(str(MERGES_GRAPH))
    return {q.subject.value: q.object.value for q in store.quads(None, _MERGED_INTO, None, graph)}


def records_ntriples(records: dict[str, str]) -> str:
    """The merges graph holding ``records``, as N-Triples."""
    triples = (ox.Triple(ox.NamedNode(a), _MERGED_INTO, ox.NamedNode(b)) for a, b in sorted(records.items()))
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")


def renamed_ntriples(store, graph: URIRef, old: str, new: str) -> str:
    """Article graph ``graph`` with ``old`` renamed ``new`` wherever it stands, as N-Triples."""
    old_node, new_node = ox.NamedNode(old), ox.NamedNode(new)

    def swap(term):
        return new_node if term == old_node else term

    triples = (ox.Triple(swap(q.subject), q.predicate, swap(q.object))
               for q in store.quads(None, None, None, ox.NamedNode(str(graph))))
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")


def mentions(store, graph: URIRef, event: str) -> bool:
    """Whether ``graph`` has ``event`` as a subject or an object."""
    node, g = ox.NamedNode(event), ox.NamedNode(str(graph))
    return (next(iter(store.quads(node, None, None, g)), None) is not None
            or next(iter(store.quads(None, None, node, g)), None) is not None)


def linked_from_elsewhere(store, event: str, graphs: Iterable[str]) -> list[str]:
    """The graphs among ``graphs`` that hold a link to ``event`` (it is their object)."""
    node = ox.NamedNode(event)
    return [g for g in graphs if next(iter(store.quads(None, None, node, ox.NamedNode(g))), None) is not None]


def graph_of(event: str) -> URIRef:
    return article_graph(article_of(event))


def apply_merges(ff: FactFile, records: dict[str, str]) -> FactFile:
    """``ff`` with each recorded merge of its events applied, as a ``same-as`` in the file would be."""
    chosen = {ev.id: records[own][len(EVENT_PREFIX):] for ev in ff.events
              if ev.same_as is None and (own := str(event_iri(ff.article.id, ev.id))) in records}
    if not chosen:
        return ff
    return dataclasses.replace(ff, events=tuple(
        dataclasses.replace(ev, same_as=chosen[ev.id]) if ev.id in chosen else ev for ev in ff.events))
