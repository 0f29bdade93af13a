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
from collections.abc import Callable, Iterable, Mapping

import pyoxigraph as ox

from kb.errors import KBError
from kb.ingest.factfile import FactFile
from kb.model.iris import (
    ARTICLE_GRAPHS,
    EVENT_PREFIX,
    MERGES_GRAPH,
    article_graph,
    claim_iri,
    event_iri,
    event_reference,
    source_name,
)
from kb.model.namespace import CKB, IRI
from kb.read.answers import event_id
from kb.read.planner import stored
from kb.store.base import ntriples

__all__ = [
    "merge_records",
    "records_ntriples",
    "renamed_ntriples",
    "article_of",
    "graph_of",
    "mentions",
    "linked_from_elsewhere",
    "apply_merges",
    "merge",
    "unmerge",
]

_MERGED_INTO = ox.NamedNode(str(CKB.mergedInto))
_CLAIM_OF = ox.NamedNode(str(CKB.claimOf))


def article_of(event: str) -> str:
    """The article id in an event IRI (``.../event/<article>/<event>``)."""
    if not event.startswith(EVENT_PREFIX) or "/" not in event[len(EVENT_PREFIX) :]:
        raise KBError(f"'{event}' is not an event of an article")
    return event[len(EVENT_PREFIX) :].split("/", 1)[0]


def merge_records(store) -> dict[str, str]:
    """Every recorded merge: merged event IRI -> the event IRI it was merged into."""
    graph = ox.NamedNode(str(MERGES_GRAPH))
    return {q.subject.value: q.object.value for q in store.quads(None, _MERGED_INTO, None, graph)}


def records_ntriples(records: dict[str, str]) -> str:
    """The merges graph holding ``records``, as N-Triples."""
    triples = (ox.Triple(ox.NamedNode(a), _MERGED_INTO, ox.NamedNode(b)) for a, b in sorted(records.items()))
    return ntriples(triples)


def renamed_ntriples(store, graph: str, old: str, new: str) -> str:
    """Article graph ``graph`` with ``old`` renamed ``new`` wherever it stands, as N-Triples (its claim
    too, so the graph is what ingesting the article with the merge applied gives)."""
    article = source_name(str(graph))
    renames = {
        ox.NamedNode(old): ox.NamedNode(new),
        ox.NamedNode(str(claim_iri(article, old))): ox.NamedNode(str(claim_iri(article, new))),
    }

    def swap(term):
        return renames.get(term, term)

    triples = (
        ox.Triple(swap(q.subject), q.predicate, swap(q.object))
        for q in store.quads(None, None, None, ox.NamedNode(str(graph)))
    )
    return ntriples(triples)


def mentions(store, graph: str, event: str) -> bool:
    """Whether ``graph`` has ``event`` as a subject or an object."""
    node, g = ox.NamedNode(event), ox.NamedNode(str(graph))
    return (
        next(iter(store.quads(node, None, None, g)), None) is not None
        or next(iter(store.quads(None, None, node, g)), None) is not None
    )


def linked_from_elsewhere(store, event: str, graphs: Iterable[str]) -> list[str]:
    """The graphs among ``graphs`` that hold a link to ``event`` (it is their object; their own claims of it
    are not links)."""
    node = ox.NamedNode(event)
    return [g for g in graphs if any(q.predicate != _CLAIM_OF for q in store.quads(None, None, node, ox.NamedNode(g)))]


def graph_of(event: str) -> IRI:
    return article_graph(article_of(event))


def apply_merges(ff: FactFile, records: dict[str, str]) -> FactFile:
    """``ff`` with each recorded merge of its events applied, as a ``same-as`` in the file would be."""
    chosen = {
        ev.id: records[own][len(EVENT_PREFIX) :]
        for ev in ff.events
        if ev.same_as is None and (own := str(event_iri(ff.article.id, ev.id))) in records
    }
    if not chosen:
        return ff
    return dataclasses.replace(
        ff, events=tuple(dataclasses.replace(ev, same_as=chosen[ev.id]) if ev.id in chosen else ev for ev in ff.events)
    )


def _event_ref(ref: str) -> str:
    iri = event_reference(ref)
    if iri is None:
        raise KBError(f"'{ref}' is not an event id; give article-id/event-id (see kb timeline --format json)")
    return str(iri)


def merge(store, event: str, into: str, *, index: Callable[[Mapping], dict]) -> str:
    """Merge ``event`` into ``into`` (see :meth:`kb.KnowledgeBase.merge`); what was done, for people."""
    a, b = _event_ref(event), _event_ref(into)
    records = merge_records(store)
    if a in records:
        raise KBError(f"{event_id(a)} is merged into {event_id(records[a])} already; kb unmerge it first")
    graph = graph_of(a)
    if next(iter(store.quads(None, _CLAIM_OF, ox.NamedNode(a), ox.NamedNode(str(graph)))), None) is None:
        raise KBError(
            f"{event_id(a)} is not an event its article reports under its own id (is it the same as "
            "another event already?)"
        )
    if not stored(store, b):
        raise KBError(f"no event {event_id(b)} in the store")
    if article_of(a) == article_of(b):
        raise KBError("two events of one article are two events; merge events of different articles")
    if mentions(store, graph, b):
        raise KBError(
            f"article {article_of(a)} already mentions {event_id(b)}; the merge could not be undone "
            "exactly, so it is refused"
        )
    others = linked_from_elsewhere(
        store, a, [g for g in store.named_graphs() if g.startswith(ARTICLE_GRAPHS) and g != str(graph)]
    )
    if others:
        raise KBError(
            f"other articles link to {event_id(a)} ({', '.join(source_name(g) for g in others)}); merge refused"
        )
    records[a] = b
    _move_claims(store, graph, a, b, records, index)
    return f"merged {event_id(a)} into {event_id(b)}"


def unmerge(store, event: str, *, index: Callable[[Mapping], dict]) -> str:
    """Undo a merge of ``event`` (see :meth:`kb.KnowledgeBase.unmerge`); what was done, for people."""
    a = _event_ref(event)
    records = merge_records(store)
    if a not in records:
        raise KBError(f"{event_id(a)} is not merged into another event")
    b = records.pop(a)
    _move_claims(store, graph_of(a), b, a, records, index)
    return f"{event_id(a)} is its own event again (it was merged into {event_id(b)})"


def _move_claims(
    store, graph: str, old: str, new: str, records: dict[str, str], index: Callable[[Mapping], dict]
) -> None:
    """Rename ``old`` to ``new`` in an article's graph (and its index) and store ``records``, in one transaction."""
    graphs = index({graph: renamed_ntriples(store, graph, old, new)})
    graphs[MERGES_GRAPH] = records_ntriples(records)
    store.replace_graphs(graphs)
    store.flush()
