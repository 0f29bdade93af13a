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

The triples are written as N-Quads text and handed to pyoxigraph's loader in
slices of about 250k quads, each slice loading on a second thread while the
next one is mapped: the loader parses and writes without holding the GIL, so
on two cores mapping and loading overlap (BENCHMARKS.md has the figures).
"""

from __future__ import annotations

import gc
import json
import sys
from concurrent.futures import ThreadPoolExecutor
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


_iris: dict[str, str] = {}
_ESCAPES = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r",
            **{c: f"\\u{c:04X}" for c in (*range(0x20), 0x7F) if c not in (0x0A, 0x0D)}}


def _iri(iri: str) -> str:
    """``<iri>`` in N-Quads; checked by pyoxigraph once per IRI (they are few and repeat)."""
    text = _iris.get(iri)
    if text is None:
        text = str(ox.NamedNode(iri))  # raises ValueError on an invalid IRI, as loading it would
        if len(_iris) > 200_000:
            _iris.clear()
        _iris[iri] = text
    return text


def _nq(term) -> str:
    """An rdflib term in N-Quads syntax.

    Text, not pyoxigraph objects: building a Quad of four terms in Python
    costs ~4.6 µs, formatting its line ~0.3 µs, and the loader parses text in
    Rust without holding the GIL (so loading overlaps the next chunk's mapping).
    """
    if isinstance(term, URIRef):
        return _iri(term)
    if isinstance(term, Literal):
        text = '"' + str(term).translate(_ESCAPES) + '"'
        if term.language:
            return f"{text}@{term.language}"
        return f"{text}^^{_iri(term.datatype)}" if term.datatype is not None else text
    if isinstance(term, BNode):  # the mapping makes none; a document per event keeps one's scope whole
        return f"_:{term}"
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


def _documents(kb, paths: list[Path], report, *, new_actors: bool, progress) -> Iterator[tuple[bytes, int]]:
    """N-Quads documents, one per JSON Lines event or fact file, with their quad counts."""
    registry = kb.registry
    gazetteer = Gazetteer(registry)
    articles: dict[str, Article] = {}
    described: set[str] = set()
    batch: set[str] = set()  # events of this batch: a same-as may name one not loaded yet (~130 MB at 1M)

    def exists(iri) -> bool:
        return str(iri) in batch or kb._stored(iri)

    represents = kb._represents()
    for path in paths:
        if path.suffix.lower() in BULK_SUFFIXES:
            for number, item in _lines(path):
                where = f"{path}:{number}"
                article = _article_of(item, articles, where)
                event = factfile.event_from(item, 1, where)
                rf = resolve(FactFile(where, article, (), (event,)), registry, gazetteer, new_actors=new_actors,
                             event_exists=exists)
                yield _emit(rf, described, report, represents)
                batch.update(str(ev.node) for ev in rf.events)
                report.events += 1
                progress.update(1)
        else:
            ff = factfile.load(path)
            rf = resolve(ff, registry, gazetteer, new_actors=new_actors, event_exists=exists)
            for _, actor in rf.declared:
                registry.add(actor)
            yield _emit(rf, described, report, represents)
            batch.update(str(ev.node) for ev in rf.events)
            report.events += len(ff.events)
            progress.update(len(ff.events))
        report.files.append(str(path))
    report.articles = len(described)


def _emit(rf, described: set[str], report, represents: dict[str, list[str]]) -> tuple[bytes, int]:
    article = rf.facts.article
    sink = _Sink()
    first = article.id not in described
    described.add(article.id)
    map_file(rf, into=sink, with_article=first)
    graph = article_graph(article.id)
    g, index = _iri(graph), _iri(index_graph_for(graph))
    lines = [f"{_nq(s)} {_nq(p)} {_nq(o)} {g} .\n" for s, p, o in sink.triples]
    lines += [f"<{s}> <{p}> <{o}> {index} .\n" for s, p, o in index_triples(sink.triples, represents)]
    try:
        document = "".join(lines).encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate, which JSON's \\uD800 escapes can make
        raise FactFileError(f"text that is not valid Unicode ({exc.reason})", file=rf.facts.path) from None
    report.triples += len(sink.triples)
    report.warnings += list(rf.warnings)
    report.created += [a.name for a in rf.created]
    return document, len(lines)


def _chunks(documents: Iterator[tuple[bytes, int]], size: int) -> Iterator[bytes]:
    """Documents joined into loads of about ``size`` quads (never splitting one)."""
    parts: list[bytes] = []
    count = 0
    for document, n in documents:
        parts.append(document)
        count += n
        if count >= size:
            yield b"".join(parts)
            parts, count = [], 0
    if parts:
        yield b"".join(parts)


def bulk_ingest(kb, paths: list[Path], report, *, new_actors: bool = False) -> None:
    """Stream ``paths`` into ``kb``'s store through the bulk loader (see the module's docstring)."""
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
    # The registry, caches and gazetteer are long-lived objects the collector would otherwise walk
    # again and again while millions of short-lived terms pass through: ~10 µs an event, measured here
    gc.freeze()
    thresholds = gc.get_threshold()
    gc.set_threshold(50_000, *thresholds[1:])
    try:
        _load(kb, files, report, new_actors)
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()
    kb.store.flush()


def _load(kb, files: list[Path], report, new_actors: bool) -> None:
    from tqdm import tqdm

    with tqdm(unit=" events", disable=not sys.stderr.isatty(), file=sys.stderr) as progress, \
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="kb-bulk-load") as loader:
        # pyoxigraph's bulk loader buffers what one call gives it (1.3 GB for 2M quads in one call,
        # 351 MB in 250k-quad calls, measured here), so it gets the stream in slices; it parses and
        # writes without the GIL, so one slice loads while the next is mapped (two in memory at most)
        loading = None
        for chunk in _chunks(_documents(kb, files, report, new_actors=new_actors, progress=progress), CHUNK):
            if loading is not None:
                loading.result()
            loading = loader.submit(kb.store.bulk_load_nquads, chunk)
        if loading is not None:
            loading.result()
