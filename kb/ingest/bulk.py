"""The bulk path: JSON Lines (and folders of fact files) streamed into the store.

``kb ingest events.jsonl`` reads one event per line — the fact-file event
keys plus ``article``, either the article object or the id of one given on
an earlier line — and streams the triples through pyoxigraph's bulk loader,
in memory that does not grow with the file. Every event is checked and
resolved as in a fact file (the same code); what the bulk path leaves out,
for speed, is the per-article SHACL check (run ``kb validate --store``
after) and look-alike proposals.

The bulk loader is not transactional, so the bulk path keeps a journal
(``ingest-journal.json`` in the store folder) that makes every article
either old or new, whatever stops it:

1. The journal names the batch's new articles (not in the store yet) and the
   articles it replaces, in state ``loading``. New articles load straight
   into their graphs; replacements are written to a spool file beside it.
   Nothing already stored is touched.
2. A bad line, an exception or a kill in this phase rolls back: the new
   articles' graphs are dropped, the spool deleted, and every stored article
   is as it was.
3. Once the whole input has been read and checked, the journal says
   ``commit``; the replaced articles' graphs are dropped and the spool
   loaded. A kill in this phase rolls forward: the spool is complete and
   checked, so the next writable open finishes the load.

Recovery runs on the next writable open of the store (:func:`recover`); a
read-only open of a store with an interrupted journal is refused until then.

The triples are written as N-Quads text and handed to pyoxigraph's loader in
slices of about 250k quads, each slice loading on a second thread while the
next one is mapped: the loader parses and writes without holding the GIL, so
on two cores mapping and loading overlap (BENCHMARKS.md has the figures).
Every IRI of that text is checked by pyoxigraph once as it is written
(``_iri``), so the loader runs in its lenient mode, which skips that check.
"""

from __future__ import annotations

import gc
import json
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from concurrent import futures
from pathlib import Path

import pyoxigraph as ox

from kb.errors import FactFileError, StoreError
from kb.files import write_whole
from kb.ingest import factfile
from kb.ingest.factfile import Article, FactFile
from kb.ingest.graph import BNode, Lit, nt
from kb.ingest.inputs import check_regular
from kb.ingest.mapping import map_file
from kb.ingest.merges import apply_merges, merge_records
from kb.ingest.resolve import resolve
from kb.model.actors import Registry
from kb.model.iris import ARTICLE_GRAPHS, article_graph, event_iri
from kb.model.namespace import IRI
from kb.model.places import Gazetteer
from kb.read.planner import stored
from kb.store.base import Store, nquads
from kb.store.embedded import INGEST_JOURNAL
from kb.store.index import index_graph_for, index_triples, represents_of

__all__ = ["BULK_SUFFIXES", "bulk_ingest", "recover"]

BULK_SUFFIXES = factfile.BULK_SUFFIXES
CHUNK = int(os.environ.get("KB_BULK_CHUNK", 250_000))  # quads per bulk-loader call: bounds memory (see _load)
SLICE = 50_000  # quads a bulk-loader call in a careful ingest: 10k events peaked at 0.50 GB in 250k slices, 0.23 in 50k


class _Sink:
    """Collects triples as tuples: the mapping code calls ``add`` as it would on a Graph."""

    def __init__(self) -> None:
        self.triples: list[tuple] = []

    def add(self, triple: tuple) -> None:
        self.triples.append(triple)


_iris: dict[str, str] = {}


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
    """A term of :mod:`kb.ingest.graph` in N-Quads syntax; an IRI checked by pyoxigraph once (``_iri``).

    Text, not pyoxigraph objects: building a Quad of four terms in Python
    costs ~4.6 µs, formatting its line ~0.3 µs, and the loader parses text in
    Rust without holding the GIL (so loading overlaps the next chunk's mapping).
    """
    if type(term) is IRI:
        return _iri(term)
    if type(term) is Lit or isinstance(term, BNode):  # (the mapping makes no blank node)
        return nt(term)
    return _iri(term)


def _lines(path: Path) -> Iterator[tuple[int, dict]]:
    """The JSON Lines events of ``path``: a regular file, each line at most MAX_FILE_BYTES, read in bytes.

    Decoding line by line names the line of a bad byte; reading with a bound
    means a file with no newline (or /dev/zero) never fills memory.
    """
    check_regular(path, what="JSON Lines file", error=FactFileError)
    limit = factfile.MAX_FILE_BYTES
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise FactFileError(f"cannot read: {exc.strerror or exc}", file=str(path)) from None
    with handle:
        number = 0
        while True:
            try:
                raw = handle.readline(limit + 1)
            except OSError as exc:
                raise FactFileError(f"cannot read: {exc.strerror or exc}", file=str(path)) from None
            if not raw:
                return
            number += 1
            where = f"{path}:{number}"
            if len(raw) > limit:
                raise FactFileError(f"a line longer than {limit:,} bytes", file=where)
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                raise FactFileError(f"not UTF-8 text (byte {exc.start} of the line)", file=where) from None
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise FactFileError(f"invalid JSON at column {exc.colno}: {exc.msg}", file=where) from None
            except RecursionError:
                raise FactFileError("the JSON is nested too deeply", file=where) from None
            except ValueError as exc:  # a number of more than 4,300 digits
                raise FactFileError(f"invalid JSON: {exc}", file=where) from None
            if not isinstance(item, dict):
                raise FactFileError("expected one event (a JSON object) per line", file=where)
            try:
                factfile.check_depth(item)
            except FactFileError as exc:
                raise exc.located(file=where) from None
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
            raise FactFileError(
                f"article '{article.id}' differs from the one given earlier", file=where, field="article"
            )
        articles[article.id] = article
        return article
    raise FactFileError(
        "each line needs an article: its object, or the id of one given earlier", file=where, field="article"
    )


def _documents(
    store: Store,
    registry: Registry,
    gazetteer: Gazetteer,
    paths: list[Path],
    report,
    *,
    new_actors: bool,
    progress,
) -> Iterator[tuple[str, bytes, int]]:
    """N-Quads documents, one per JSON Lines event or fact file: (article id, text, quad count)."""
    articles: dict[str, Article] = {}
    described: set[str] = set()
    ordinals: dict[str, int] = {}  # events read per article: an event without an id is e1, e2, ... in it
    batch: set[str] = set()  # events of this batch: a same-as may name one not loaded yet (~130 MB at 1M)

    def exists(iri) -> bool:
        return str(iri) in batch or stored(store, iri)

    represents = represents_of(registry)
    merges = merge_records(store)  # reviewed merges hold on the bulk path too
    for path in paths:
        if path.suffix.lower() in BULK_SUFFIXES:
            for number, item in _lines(path):
                where = f"{path}:{number}"
                article = _article_of(item, articles, where)
                ordinals[article.id] = index = ordinals.get(article.id, 0) + 1
                event = factfile.event_from(item, index, where)
                own = str(event_iri(article.id, event.id))
                if merges:
                    event = apply_merges(FactFile(where, article, (), (event,)), merges).events[0]
                if own in batch:
                    raise FactFileError(
                        f"event id '{event.id}' is given twice in article '{article.id}'",
                        file=where,
                        index=index,
                        event_id=event.id,
                        field="id",
                    )
                rf = resolve(
                    FactFile(where, article, (), (event,)),
                    registry,
                    gazetteer,
                    new_actors=new_actors,
                    event_exists=exists,
                )
                yield _emit(rf, described, report, represents, batch)
                batch.add(own)
                report.events += 1
                progress.update(1)
        else:
            ff = apply_merges(factfile.load(path), merges)
            rf = resolve(ff, registry, gazetteer, new_actors=new_actors, event_exists=exists)
            for _, actor in rf.declared:
                registry.add(actor)
            for place in rf.places:
                gazetteer.declare(place)
            yield _emit(rf, described, report, represents, batch)
            report.events += len(ff.events)
            progress.update(len(ff.events))
        report.files.append(str(path))
    report.articles = len(described)


def _emit(rf, described: set[str], report, represents: dict[str, list[str]], batch: set[str]) -> tuple[str, bytes, int]:
    article = rf.facts.article
    sink = _Sink()
    first = article.id not in described
    described.add(article.id)
    map_file(rf, into=sink, with_article=first)
    graph = article_graph(article.id)
    g, index = _iri(graph), _iri(index_graph_for(graph))
    lines = [f"{_nq(s)} {_iri(p)} {_nq(o)} {g} .\n" for s, p, o in sink.triples]  # a predicate is an IRI
    lines += [f"{_iri(s)} {_iri(p)} {_iri(o)} {index} .\n" for s, p, o in index_triples(sink.triples, represents)]
    try:
        document = "".join(lines).encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate, which JSON's \\uD800 escapes can make
        raise FactFileError(f"text that is not valid Unicode ({exc.reason})", file=rf.facts.path) from None
    report.triples += len(sink.triples)
    report.warnings += list(rf.warnings)
    report.created += [a.name for a in rf.created]
    batch.update(str(ev.node) for ev in rf.events)
    return article.id, document, len(lines)


def _chunks(documents: Iterator[tuple[str, bytes, int]], size: int) -> Iterator[bytes]:
    """Documents joined into loads of about ``size`` quads, cut where one article ends and the next begins.

    So a reader beside a live load sees an article whole or not at all, as
    long as the file gives each article's events together (a fact file
    always does; JSON Lines usually does).
    """
    parts: list[bytes] = []
    count = 0
    current = None
    for article_id, document, n in documents:
        if count >= size and article_id != current:
            yield b"".join(parts)
            parts, count = [], 0
        parts.append(document)
        count += n
        current = article_id
    if parts:
        yield b"".join(parts)


def _articles(files: list[Path]) -> dict[str, tuple[Article, str]]:
    """First pass: the batch's articles, each with where it is first given (no events kept in memory)."""
    found: dict[str, tuple[Article, str]] = {}
    articles: dict[str, Article] = {}
    for path in files:
        if path.suffix.lower() in BULK_SUFFIXES:
            for number, item in _lines(path):
                article = _article_of(dict(item), articles, f"{path}:{number}")
                found.setdefault(article.id, (article, f"{path}:{number}"))
        else:
            article = factfile.load(path).article
            found.setdefault(article.id, (article, str(path)))
    return found


class _Journal:
    """The bulk path's journal and spool (see the module docstring).

    A store without a folder (in memory, or a server) has no journal to
    recover from, only a spool in a temporary file.
    """

    def __init__(self, store, new: list[str], replace: list[str]) -> None:
        self.new, self.replace = new, replace
        folder = store.folder
        if folder is None:
            import tempfile

            self.path = None
            fd, spool = tempfile.mkstemp(prefix="kb-bulk-spool-", suffix=".nq")
            os.close(fd)
            self.spool = Path(spool)
        else:
            self.path = Path(folder) / INGEST_JOURNAL
            self.spool = Path(folder) / "ingest-spool.nq"
        self.write("loading")

    def write(self, state: str) -> None:
        if self.path is None:
            return
        data = {"state": state, "pid": os.getpid(), "new": self.new, "replace": self.replace, "spool": self.spool.name}
        write_whole(self.path, json.dumps(data).encode("utf-8"), durable=True)

    def finish(self) -> None:
        for path in (self.path, self.spool):
            if path is not None and path.exists():
                path.unlink()


def _checkpoint(name: str) -> None:
    """Die here by SIGKILL when ``KB_TEST_KILL_AT`` names this point: the crash tests' way in.

    The tests run the real ``kb`` in a subprocess and kill it at each step
    of the journal's protocol, then check that every article is old or new.
    """
    if os.environ.get("KB_TEST_KILL_AT") == name:
        import signal

        os.kill(os.getpid(), signal.SIGKILL)


def _drop_articles(store, ids) -> None:
    """Remove the article graphs of ``ids`` and their index graphs."""
    for i in ids:
        for graph in (article_graph(i), index_graph_for(article_graph(i))):
            store.remove_graph(graph)


def _load_spool(store, spool: Path) -> None:
    """Load the spool's N-Quads in slices of about CHUNK quads, cut between lines."""
    with spool.open("rb") as handle:
        while True:
            lines = handle.readlines(CHUNK * 200)  # ~200 bytes a quad
            if not lines:
                break
            store.bulk_load_nquads(b"".join(lines), checked=True)  # written by _emit: every IRI checked
            _checkpoint("commit-slice")


def load_new_articles(store, graphs: Mapping[str, str]) -> None:
    """A careful ingest's new articles — their graphs and index graphs, as N-Triples texts — loaded in slices
    through the bulk loader, under the journal (state ``loading``: a kill or an error drops them all again).

    One transaction held the whole batch in memory: pyoxigraph's transactional load of 10k events peaked at
    0.45 GB by itself, and took twice as long as the bulk loader. Each article's graph and its index graph go
    in the same slice, so a reader beside the load sees a new article whole (and found by the index) or not at all.
    """
    texts = {str(name): text for name, text in graphs.items()}
    ids = sorted(name[len(ARTICLE_GRAPHS) :] for name in texts if name.startswith(ARTICLE_GRAPHS))
    journal = _Journal(store, ids, [])
    _checkpoint("journal")

    def documents() -> Iterator[tuple[str, bytes, int]]:  # an article's graph and its index graph, one document
        for article_id in ids:
            graph = str(article_graph(article_id))
            pair = {g: texts[g] for g in (graph, str(index_graph_for(graph))) if g in texts}
            text = nquads(pair)
            yield article_id, text.encode("utf-8"), text.count("\n")

    try:
        for load in _chunks(documents(), min(CHUNK, SLICE)):
            store.bulk_load_nquads(load)
            _checkpoint("loading-slice")
        store.flush()
    except BaseException:
        _drop_articles(store, ids)
        store.flush()
        journal.finish()
        raise
    journal.finish()


def recover(store) -> str | None:
    """Finish or undo a bulk ingest that was interrupted; what was done, or None if nothing was pending.

    In state ``loading`` the batch's new articles are dropped (every stored
    article is as it was before); in state ``commit`` the replaced articles
    are dropped and the complete, checked spool is loaded again.
    """
    if store.folder is None or not (Path(store.folder) / INGEST_JOURNAL).exists():
        return None
    path = Path(store.folder) / INGEST_JOURNAL
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        state, new, replace = data["state"], list(data["new"]), list(data["replace"])
        spool = Path(store.folder) / data["spool"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise StoreError(
            f"{path}: the journal of an interrupted ingest is unreadable ({exc}); "
            "move it away and check the store with kb validate --store"
        ) from None
    if state == "commit":
        _drop_articles(store, replace)  # the new articles were loaded and flushed before the state said commit
        _load_spool(store, spool)
        store.flush()
        done = f"finished an interrupted bulk ingest: {len(replace)} articles replaced, {len(new)} new ones kept"
    else:
        _drop_articles(store, new)
        store.flush()
        done = f"rolled back an interrupted bulk ingest: {len(new)} new articles removed, the others as they were"
    for leftover in (path, spool):
        if leftover.exists():
            leftover.unlink()
    return done


def bulk_ingest(
    store: Store,
    registry: Registry,
    paths: list[Path],
    report,
    *,
    gazetteer: Gazetteer | None = None,
    new_actors: bool = False,
    check_article: Callable[[Article, str], None] | None = None,
) -> None:
    """Stream ``paths`` into ``store`` through the bulk loader (see the module's docstring).

    Actors resolve through ``registry``, places through ``gazetteer`` (the
    store's declared places); the actors and places the files declare are
    added to them as they come, so the events after them know them.

    ``check_article(article, where)`` may refuse an article of the batch (one
    the store holds from another source, or under another id); it is asked
    for each before anything is written.
    """
    files = [Path(p) for p in paths]
    articles = _articles(files)
    replace = sorted(i for i in articles if store.has_graph(article_graph(i)))
    if check_article is not None:
        for article, where in articles.values():
            check_article(article, where)
    new = sorted(set(articles).difference(replace))
    del articles
    journal = _Journal(store, new, replace)
    _checkpoint("journal")
    # The registry, caches and gazetteer are long-lived objects the collector would otherwise walk
    # again and again while millions of short-lived terms pass through: ~10 µs an event, measured here
    gc.freeze()
    thresholds = gc.get_threshold()
    gc.set_threshold(50_000, *thresholds[1:])
    try:
        try:
            _load(
                store,
                registry,
                gazetteer or Gazetteer(registry),
                files,
                report,
                new_actors,
                set(replace),
                journal.spool,
            )
            store.flush()
        except BaseException as exc:
            _drop_articles(store, new)  # roll back: every stored article is as it was
            store.flush()
            journal.finish()
            if isinstance(exc, FactFileError) and replace:
                raise FactFileError(
                    f"{exc.message} (nothing was stored: the batch's {len(replace)} articles "
                    "already in the store are kept as they were)",
                    file=exc.file,
                    index=exc.index,
                    event_id=exc.event_id,
                    field=exc.field,
                    section=exc.section,
                ) from None
            raise
        journal.write("commit")  # from here on, a kill rolls forward
        _checkpoint("commit")
        _drop_articles(store, replace)
        _checkpoint("commit-dropped")
        _load_spool(store, journal.spool)
        store.flush()
        journal.finish()
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()
    report.replaced = len(replace)
    report.stored_ids, report.replaced_ids = new, replace


def _load(
    store: Store,
    registry: Registry,
    gazetteer: Gazetteer,
    files: list[Path],
    report,
    new_actors: bool,
    replace: set[str],
    spool: Path,
) -> None:
    from tqdm import tqdm

    with (
        tqdm(unit=" events", disable=not sys.stderr.isatty(), file=sys.stderr) as progress,
        futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="kb-bulk-load") as loader,
        spool.open("wb") as spooled,
    ):

        def fresh() -> Iterator[tuple[str, bytes, int]]:
            """New articles' documents, for the loader; replacements go to the spool until all is checked."""
            for article_id, document, n in _documents(
                store,
                registry,
                gazetteer,
                files,
                report,
                new_actors=new_actors,
                progress=progress,
            ):
                if article_id in replace:
                    spooled.write(document)
                else:
                    yield article_id, document, n

        # pyoxigraph's bulk loader buffers what one call gives it (1.3 GB for 2M quads in one call,
        # 351 MB in 250k-quad calls, measured here), so it gets the stream in slices; it parses and
        # writes without the GIL, so one slice loads while the next is mapped (two in memory at most)
        loading = None
        try:
            for chunk in _chunks(fresh(), CHUNK):
                if loading is not None:
                    loading.result()
                    _checkpoint("loading-slice")
                loading = loader.submit(store.bulk_load_nquads, chunk, checked=True)  # (_emit checked each IRI)
        finally:
            if loading is not None:
                loading.result()
