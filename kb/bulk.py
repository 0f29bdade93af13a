"""The bulk path: JSON Lines (and folders of fact files) streamed into the store.

``kb ingest events.jsonl`` reads one event per line — the fact-file event
keys plus ``article``, either the article object or the id of one given on
an earlier line — and streams the triples through pyoxigraph's bulk loader,
in memory that does not grow with the file. Every event is checked and
resolved as in a fact file (the same code); what the bulk path leaves out,
for speed, is the per-article SHACL check (run ``kb validate --store``
after), look-alike proposals, and the all-or-nothing transaction: a bulk
load that is interrupted leaves the articles it had reached, and running it
again completes it (each article's graph is cleared first, so nothing is
doubled).
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from . import factfile
from .errors import FactFileError
from .factfile import Article, FactFile
from .index import index_graph_for, index_triples
from .iris import article_graph
from .mapping import map_file
from .places import Gazetteer
from .resolve import resolve

__all__ = ["BULK_SUFFIXES", "bulk_ingest"]

BULK_SUFFIXES = (".jsonl", ".ndjson")
CHUNK = 250_000  # quads per bulk-loader call: bounds memory (see bulk_ingest)


class _Sink:
    """Collects triples as tuples: the mapping code calls ``add`` as it would on a Graph."""

    def __init__(self) -> None:
        self.triples: list[tuple] = []

    def add(self, triple: tuple) -> None:
        self.triples.append(triple)


_terms: dict = {}


def _ox(term):
    """rdflib term -> pyoxigraph term; IRIs are few and repeat, so they are cached."""
    if isinstance(term, URIRef):
        node = _terms.get(term)
        if node is None:
            node = _terms[term] = ox.NamedNode(str(term))
            if len(_terms) > 200_000:
                _terms.clear()
        return node
    if isinstance(term, Literal):
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=_ox(term.datatype))
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"unexpected term {term!r}")


def _lines(path: Path) -> Iterator[tuple[int, dict]]:
    try:
        handle = path.open("r", encoding="utf-8-sig")
    except OSError as exc:
        raise FactFileError(f"cannot read: {exc.strerror or exc}", file=str(path)) from None
    with handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            if len(line) > factfile.MAX_FILE_BYTES:
                raise FactFileError("a line longer than 5 MB", file=f"{path}:{number}")
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise FactFileError(f"invalid JSON at column {exc.colno}: {exc.msg}", file=f"{path}:{number}") from None
            except UnicodeDecodeError as exc:
                raise FactFileError(f"not UTF-8 text ({exc.reason})", file=f"{path}:{number}") from None
            if not isinstance(item, dict):
                raise FactFileError("expected one event (a JSON object) per line", file=f"{path}:{number}")
            yield number, item


def _article_of(item: dict, articles: dict[str, Article], where: str) -> Article:
    raw = item.pop("article", None)
    if isinstance(raw, str):
        if raw not in articles:
            raise FactFileError(f"article '{raw}' is not given on an earlier line", file=where, field="article")
        return articles[raw]
    if isinstance(raw, dict):
        article = factfile.article_from(raw, where)
        known = articles.get(article.id)
        if known is not None and known != article:
            raise FactFileError(f"article '{article.id}' differs from the one given earlier", file=where,
                                field="article")
        articles[article.id] = article
        return article
    raise FactFileError("each line needs an article: its object, or the id of one given earlier", file=where,
                        field="article")


def _quads(kb, paths: list[Path], report, *, new_actors: bool, progress) -> Iterator[ox.Quad]:
    registry = kb.registry
    gazetteer = Gazetteer(registry)
    articles: dict[str, Article] = {}
    described: set[str] = set()

    def exists(iri) -> bool:
        return kb._stored(iri)

    represents = kb._represents()
    for path in paths:
        if path.suffix.lower() in BULK_SUFFIXES:
            for number, item in _lines(path):
                where = f"{path}:{number}"
                article = _article_of(item, articles, where)
                event = factfile.event_from(item, 1, where)
                rf = resolve(FactFile(where, article, (), (event,)), registry, gazetteer, new_actors=new_actors,
                             event_exists=exists)
                yield from _emit(rf, described, report, represents)
                report.events += 1
                progress.update(1)
        else:
            ff = factfile.load(path)
            rf = resolve(ff, registry, gazetteer, new_actors=new_actors, event_exists=exists)
            for _, actor in rf.declared:
                registry.add(actor)
            yield from _emit(rf, described, report, represents)
            report.events += len(ff.events)
            progress.update(len(ff.events))
        report.files.append(str(path))
    report.articles = len(described)


def _emit(rf, described: set[str], report, represents: dict[str, list[str]]) -> Iterator[ox.Quad]:
    article = rf.facts.article
    sink = _Sink()
    first = article.id not in described
    described.add(article.id)
    map_file(rf, into=sink, with_article=first)
    graph = ox.NamedNode(str(article_graph(article.id)))
    report.triples += len(sink.triples)
    report.warnings += list(rf.warnings)
    report.created += [a.name for a in rf.created]
    for s, p, o in sink.triples:
        yield ox.Quad(_ox(s), _ox(p), _ox(o), graph)
    index = ox.NamedNode(str(index_graph_for(graph.value)))
    for s, p, o in index_triples(sink.triples, represents):
        yield ox.Quad(ox.NamedNode(s), ox.NamedNode(p), ox.NamedNode(o), index)


def bulk_ingest(kb, paths: list[Path], report, *, new_actors: bool = False) -> None:
    """Stream ``paths`` into ``kb``'s store through the bulk loader (see the module's docstring)."""
    from tqdm import tqdm

    files = [Path(p) for p in paths]
    # First pass: which articles the batch holds, so their graphs are cleared before loading
    # (a second run replaces rather than doubles). Only article ids are kept in memory.
    ids: set[str] = set()
    articles: dict[str, Article] = {}
    for path in files:
        if path.suffix.lower() in BULK_SUFFIXES:
            for number, item in _lines(path):
                ids.add(_article_of(dict(item), articles, f"{path}:{number}").id)
        else:
            ids.add(factfile.load(path).article.id)
    report.replaced = sum(1 for i in ids if kb.store.has_graph(article_graph(i)))
    kb.store.replace_graphs({g: "" for i in ids for g in (article_graph(i), index_graph_for(article_graph(i)))})
    with tqdm(unit=" events", disable=not sys.stderr.isatty(), file=sys.stderr) as progress:
        quads = _quads(kb, files, report, new_actors=new_actors, progress=progress)
        # pyoxigraph's bulk loader buffers what one call gives it (1.3 GB for 2M quads in one call,
        # 351 MB in 250k-quad calls, measured here), so it gets the stream in slices
        while chunk := list(itertools.islice(quads, CHUNK)):
            kb.store.bulk_add(chunk)
    kb.store.flush()
