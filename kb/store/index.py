"""The access path by actor and time: a small derived graph beside each article's.

Finding "the events of Israel and Syria in 2023" through the facts alone
means reading every event of Israel, with every source's dates, and only
then filtering — a cost that grows with the store (10.8 s for the pair
timeline at 100k events). So each article graph gets a companion *index
graph* (``graph/index/<article-id>``), written in the same transaction,
holding for each event the article reports:

- ``ckb:indexActor A`` for every actor taking part, and for every actor a
  person among them represents (the roll-up the queries make);
- ``ckb:indexKey <id/index/A/BUCKET>``: one key per actor and per month the
  article's dates for the event may touch (``…/israel/2023-05``), or per
  year when they span more than two years, or ``…/israel/open`` when they
  are open-ended or span more than ten.

A windowed actor query then looks up only the keys of the window's months
and years (plus ``open``) — a handful of index lookups whatever the size of
the store — and the exact window test still runs on every source's claims
afterwards (:meth:`kb.read.answers.TimelineEvent.in_window`). The index is
derived: it is rebuilt, never edited, and left out of exports.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache
from typing import Any

import pyoxigraph as ox

from kb.model.actors import Registry
from kb.model.iris import ARTICLE_GRAPHS, INDEX_GRAPHS, actor_iri
from kb.model.namespace import CKB, DATA, GRAPH, IRI

__all__ = [
    "INDEX_GRAPHS",
    "INDEX_VERSION",
    "index_graph_for",
    "index_ntriples",
    "index_triples",
    "window_keys",
    "MAX_WINDOW_MONTHS",
    "index_stamp",
    "represents_of",
    "with_index",
    "reindex",
]

MONTH_SPAN = 24  # months an event's dates may touch and still be keyed by month
YEAR_SPAN = 10  # years, likewise, by year; beyond: "open"
MAX_WINDOW_MONTHS = 36  # wider windows scan the actor's events instead of probing keys

_DATES = {str(CKB.earliestBegin): 0, str(CKB.latestEnd): 1}
_INVOLVES, _DATE_TEXT, _REPRESENTS = str(CKB.involves), str(CKB.dateText), str(CKB.represents)
_CLAIM_OF = str(CKB.claimOf)
INDEX_VERSION = "1"  # bump when the keys change: stores reindex on their next writable open


def _text(term) -> str:
    if type(term) is IRI:  # an IRI of kb.ingest.graph: text already
        return term
    return term.value if isinstance(term, (ox.NamedNode, ox.Literal, ox.BlankNode)) else str(term)


def index_graph_for(article_graph: IRI | str) -> IRI:
    """The index graph that belongs to an article graph."""
    return GRAPH["index/" + str(article_graph).rsplit("/article/", 1)[1]]


def _months(first: dt.date, last: dt.date) -> int:
    return (last.year - first.year) * 12 + last.month - first.month + 1


def _month_list(first: dt.date, last: dt.date) -> list[str]:
    return [
        f"{y:04d}-{m:02d}"
        for y in range(first.year, last.year + 1)
        for m in range(1, 13)
        if (first.year, first.month) <= (y, m) <= (last.year, last.month)
    ]


def _year_list(first: dt.date, last: dt.date) -> list[str]:
    return [f"{y:04d}" for y in range(first.year, last.year + 1)]


@lru_cache(maxsize=1 << 14)  # spans repeat; a list of months is built once per span
def _buckets(first: dt.date | None, last: dt.date | None) -> tuple[str, ...]:
    if first is None or last is None or last.year - first.year + 1 > YEAR_SPAN:
        return ("open",)
    return tuple(_month_list(first, last) if _months(first, last) <= MONTH_SPAN else _year_list(first, last))


_ACTORS = str(DATA["actor/"])


@lru_cache(maxsize=1 << 16)  # actors and months recur event after event
def key(actor: IRI | str, bucket: str) -> IRI:
    """``id/index/<actor key>/<bucket>``; an actor IRI from elsewhere (loaded RDF) by a hash of the whole IRI."""
    iri = str(actor)
    name = (
        iri[len(_ACTORS) :]
        if iri.startswith(_ACTORS) and "/" not in iri[len(_ACTORS) :]
        else "x-" + hashlib.sha1(iri.encode("utf-8")).hexdigest()[:16]
    )
    return DATA[f"index/{name}/{bucket}"]


def window_keys(actor: IRI | str, first: dt.date, last: dt.date) -> list[IRI] | None:
    """The keys an event of ``actor`` touching ``first..last`` may be filed under; None if the window is too wide.

    Months and years of the window both: an event is filed by month or by
    year depending on its own span, not the window's.
    """
    if _months(first, last) > MAX_WINDOW_MONTHS:
        return None
    return [key(actor, b) for b in (*_month_list(first, last), *_year_list(first, last), "open")]


def month_keys(actor: IRI | str, first: dt.date, last: dt.date) -> list[IRI]:
    """The month keys of ``first..last``: where every source that dates an event within months files it."""
    return [key(actor, m) for m in _month_list(first, last)]


def index_ntriples(triples: Iterable[tuple[Any, Any, Any]], represents: Mapping[str, Iterable[str]]) -> str:
    """:func:`index_triples` as N-Triples text, for a graph replacement (every term is an IRI)."""
    return "".join(f"<{s}> <{p}> <{o}> .\n" for s, p, o in index_triples(triples, represents))


def index_triples(
    triples: Iterable[tuple[Any, Any, Any]], represents: Mapping[str, Iterable[str]]
) -> Iterator[tuple[IRI, IRI, IRI]]:
    """The index of one article graph's ``triples``.

    ``represents`` maps a person's IRI to the actors they represent (from the
    registry); a ``ckb:represents`` stated in the graph itself counts too.
    """
    involves: dict[str, set[str]] = {}
    dates: dict[str, list[dt.date | None]] = {}  # by claim
    stated: dict[str, set[str]] = {}
    claims: list[str] = []
    claim_of: dict[str, str] = {}
    for s, predicate, o in triples:  # kb.ingest.graph's or pyoxigraph's terms: compared by their text
        p = _text(predicate)
        if p == _INVOLVES:
            involves.setdefault(_text(s), set()).add(_text(o))
        elif p in _DATES:
            try:
                dates.setdefault(_text(s), [None, None])[_DATES[p]] = dt.date.fromisoformat(_text(o))
            except ValueError:
                pass  # not a plain date (loaded RDF may hold anything): the event is filed as open
        elif p == _DATE_TEXT:
            claims.append(_text(s))
        elif p == _CLAIM_OF:
            claim_of[_text(s)] = _text(o)
        elif p == _REPRESENTS:
            stated.setdefault(_text(s), set()).add(_text(o))
    for claim in claims:
        text = claim_of.get(claim)
        if text is None:
            continue  # a date without a claim of an event: nothing to index
        event = IRI(text)
        actors = set(involves.get(text, ()))
        for a in list(actors):
            actors.update(represents.get(a, ()))
            actors.update(stated.get(a, ()))
        buckets = _buckets(*dates.get(claim, (None, None)))
        for a in sorted(actors):
            yield event, CKB.indexActor, IRI(a)
            for b in buckets:
                yield event, CKB.indexKey, key(a, b)


@lru_cache(maxsize=1)
def index_stamp() -> str:
    """The index graphs' marker: their format and a digest of whom the bundled registry's actors represent.

    The index files an event under the states its actors roll up to, so an
    upgrade that changes the bundled roll-up (the IDF came to represent
    Israel) must refile every event, as a new format must: a store whose
    marker differs is reindexed on its next writable open and scanned until then.
    """
    registry = Registry.bundled()
    ties = sorted(f"{a.key}>{b.key}" for a in registry for b in registry.represented(a))
    return f"{INDEX_VERSION}+{hashlib.sha256(chr(10).join(ties).encode('utf-8')).hexdigest()[:12]}"


def represents_of(registry: Registry) -> dict[str, list[str]]:
    """Person IRI -> the IRIs of the actors they represent, as the registry says."""
    return {
        str(actor_iri(actor)): [str(actor_iri(a)) for a in represented]
        for actor in registry
        if (represented := registry.represented(actor))
    }


def with_index(graphs: Mapping, represents: Callable[[], Mapping[str, Iterable[str]]]) -> dict:
    """``graphs`` plus, for each article graph among them, its index graph (emptied with it).

    ``graphs`` maps names to rdflib graphs or N-Triples text ("" empties a
    graph); ``represents`` is called once, and only if an article needs it.
    """
    ties: Mapping[str, Iterable[str]] | None = None
    out = dict(graphs)
    for name, graph in graphs.items():
        if not str(name).startswith(ARTICLE_GRAPHS):
            continue
        if isinstance(graph, str) and not graph.strip():
            out[index_graph_for(name)] = ""
            continue
        ties = ties if ties is not None else represents()
        triples = (
            graph
            if not isinstance(graph, str)
            else ((q.subject, q.predicate, q.object) for q in ox.parse(graph, format=ox.RdfFormat.N_TRIPLES))
        )
        out[index_graph_for(name)] = index_ntriples(triples, ties)
    return out


def reindex(store, represents: Mapping[str, Iterable[str]]) -> int:
    """Rebuild every article's index graph, 500 articles a transaction; returns how many were indexed."""
    names = store.named_graphs()
    articles = [g for g in names if g.startswith(ARTICLE_GRAPHS)]
    stale = {IRI(g): "" for g in names if g.startswith(INDEX_GRAPHS)}
    store.replace_graphs(stale)
    for start in range(0, len(articles), 500):
        graphs = {}
        for name in articles[start : start + 500]:
            triples = store.quads(None, None, None, ox.NamedNode(name))
            graphs[index_graph_for(name)] = index_ntriples(
                ((q.subject, q.predicate, q.object) for q in triples), represents
            )
        store.replace_graphs(graphs)
    if articles or stale:  # a new store has nothing to write down (its flush was a sixth of a first ingest's open)
        store.flush()
    store.set_marker("index", index_stamp())
    return len(articles)
