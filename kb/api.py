"""The library's front door: :class:`KnowledgeBase`.

Every ``kb`` command is a few lines over one method here, and every method
is a few lines over the step that does the work: :mod:`kb.ingest` (fact
files to RDF), :mod:`kb.store` (where the triples live, their index, load
and export), :mod:`kb.read` (queries and answers), :mod:`kb.ask` and
:mod:`kb.extract`. What the facade adds is the store's life (open, the
bundled graphs, the index's freshness) and the registry it caches.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import pyoxigraph as ox

from kb.errors import ExtractError, FactFileError, KBError, StoreError
from kb.model.actors import ACTOR_TYPES, Actor, Registry
from kb.model.iris import (
    ARTICLE_GRAPHS,
    ONTOLOGY_GRAPH,
    REGISTRY_GRAPH,
    actor_iri,
    article_iri,
    event_reference,
    place_iri,
)
from kb.model.namespace import CKB, IRI
from kb.model.places import Gazetteer, Place
from kb.model.vocab import TYPE_KEYS
from kb.read import planner
from kb.read.answers import ActorInfo, EventRef, MediatorAnswer, Source, TimelineEvent, event_id
from kb.read.limits import DEFAULT_LIMITS, Limits
from kb.read.query import QueryResult, run_named, run_sparql
from kb.store import index, upgrade
from kb.store.actor_store import declared_actors, user_actors
from kb.store.base import Store
from kb.store.embedded import (
    INGEST_JOURNAL,
    EmbeddedStore,
    default_store_path,
    ontology_ntriples,
    ontology_text,
    reader_race,
)
from kb.store.place_store import declared_places
from kb.store.transfer import EXPORT_FORMATS

if TYPE_CHECKING:  # the ingest modules (YAML, the mapping) load when something is ingested, not for a question
    from kb.ingest.pipeline import IngestReport, MatchProposal, Merge


def __getattr__(name: str) -> Any:
    if name in ("IngestReport", "MatchProposal"):
        from kb.ingest import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'kb.api' has no attribute {name!r}")


__all__ = [
    "KnowledgeBase",
    "IngestReport",
    "MatchProposal",
    "TimelineEvent",
    "Source",
    "MediatorAnswer",
    "EventRef",
    "ActorInfo",
    "EXPORT_FORMATS",
    "TYPE_KEYS",
]

EXAMPLE = "examples/israel-syria/00-washington-examiner-israel-syria-security-deal.yaml"  # the doctests' article


def _reads(method):
    """Retry a read when a writer in another process rewrote the files under this read-only store."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        refresh = getattr(self.store, "refresh", None)
        if refresh is not None and refresh():  # a writer changed the store since this reader opened it
            self._registry = None
        for attempt in range(6):
            try:
                return method(self, *args, **kwargs)
            except (RuntimeError, OSError) as exc:
                if not (self.store.read_only and reader_race(exc)):
                    raise
                if attempt == 5:
                    raise StoreError(
                        "the store kept changing while it was read (another process is writing); try again"
                    ) from None
                time.sleep(0.1 * (attempt + 1))
                self.store.reopen()
                self._registry = None

    return wrapper


def _writes(method):
    """Refuse a change to a store opened read-only, before any work."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        if self.store.read_only:
            raise KBError("the store is open read-only")
        return method(self, *args, **kwargs)

    return wrapper


def _by_type(events: Sequence[Any]) -> dict[str, int]:
    """How many drafted events of each type (what kb extract and kb ingest --from-text report)."""
    counts: dict[str, int] = {}
    for ev in events:
        counts[ev.type] = counts.get(ev.type, 0) + 1
    return counts


class KnowledgeBase:
    """A conflict-event knowledge base over a store: embedded (pyoxigraph) or a SPARQL server.

    >>> kb = KnowledgeBase.memory()
    >>> kb.ingest([EXAMPLE]).articles
    1
    >>> [m.mediator for m in kb.mediators("Israel", "Syria", after="2024-12")]
    ['United States']
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.recovered: str | None = None  # set by open() when it finished or undid an interrupted ingest
        self._registry: Registry | None = None
        self._gazetteer: Gazetteer | None = None
        self._index_ok: bool | None = None

    # -- opening -----------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path | None = None, *, read_only: bool = False, wait: float = 0) -> KnowledgeBase:
        """The knowledge base stored at ``path`` (default: :func:`kb.store.embedded.default_store_path`).

        Opening for writing creates it if needed and takes the store's one
        writer lock (waiting up to ``wait`` seconds for another writer), and
        finishes or undoes an interrupted bulk ingest (``recovered`` says
        which). ``read_only=True`` needs an existing store and lets a writer
        work meanwhile. Raises :class:`~kb.errors.StoreError` when the store
        cannot be opened (locked, missing, not a store).

        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as folder, KnowledgeBase.open(folder) as kb:
        ...     kb.stats()["articles"]
        0
        """
        kb = cls(EmbeddedStore.open(path or default_store_path(), read_only=read_only, wait=wait))
        if not read_only:
            folder = kb.store.folder
            if folder is not None and (folder / INGEST_JOURNAL).exists():  # the bulk module only when needed
                from kb.ingest.bulk import recover

                kb.recovered = recover(kb.store)
            kb._ensure_bundled()
        else:
            upgrade.refuse_old_layout(kb.store)
        return kb

    @classmethod
    def remote(cls, query_url: str, update_url: str | None = None, *, read_only: bool = False) -> KnowledgeBase:
        """The knowledge base on a SPARQL 1.1 server (Oxigraph server, Fuseki, GraphDB, Virtuoso).

        ``update_url`` defaults to the query URL with a final ``/query``
        made ``/update`` (Oxigraph's and Fuseki's layout), else the query
        URL itself (Virtuoso's). The server must show the union of its named
        graphs as the default graph (docs/sparql.md); else
        :class:`~kb.errors.StoreError`. ``read_only`` sends no updates.

        tests/test_remote.py runs every command against a real ``oxigraph serve`` this way.
        """
        from kb.store.remote import RemoteStore, update_url_for

        store = RemoteStore(query_url, None if read_only else (update_url or update_url_for(query_url)))
        kb = cls(store)
        if not read_only:
            kb._ensure_bundled()
        else:
            upgrade.refuse_old_layout(store)
        store.check_union(CKB.Event)
        return kb

    @classmethod
    def memory(cls) -> KnowledgeBase:
        """A knowledge base in memory only: for tests, notebooks and one-off work.

        >>> KnowledgeBase.memory().stats()["events"]
        0
        """
        kb = cls(EmbeddedStore.memory())
        kb._ensure_bundled()
        return kb

    def _ensure_bundled(self) -> None:
        """The bundled ontology and registry graphs, current; the index, built if the store predates it.

        A plain digest of what the two graphs are made from skips the
        canonical comparison (:meth:`~kb.store.embedded.EmbeddedStore.ensure_graph`)
        on every open after the first.
        """
        from kb.ingest.mapping import bundled_registry_ntriples

        registry = bundled_registry_ntriples()
        stamp = hashlib.sha256(f"{ontology_text()}\0{registry}".encode()).hexdigest()[:16]
        bundled = self.store.has_graph(ONTOLOGY_GRAPH) and self.store.has_graph(REGISTRY_GRAPH)
        if self.store.marker("bundled") != stamp or not bundled:
            self.store.ensure_graph(ONTOLOGY_GRAPH, ontology_ntriples())
            self.store.ensure_graph(REGISTRY_GRAPH, registry)
            self.store.set_marker("bundled", stamp)
        upgrade.upgrade(self.store, self._index)  # a store from before per-source claims: rewritten once
        if self.store.marker("index") != index.index_stamp():
            self.reindex()  # a store from before the index, an older one, or an older roll-up: build it once

    def _index(self, graphs: Mapping) -> dict:
        """``graphs`` with their index graphs (:func:`kb.store.index.with_index`), for one transaction."""
        return index.with_index(graphs, lambda: index.represents_of(self.registry))

    def _indexed(self) -> bool:
        """Whether this store's index graphs are current (a read-only store from before them is not)."""
        if self._index_ok is None:
            self._index_ok = self.store.marker("index") == index.index_stamp()
        return self._index_ok

    def _changed(self, *, reindex: bool = False) -> None:
        """After a write: the registry is read again; with ``reindex``, every article's index is rebuilt."""
        self._registry = None
        if reindex:
            self.reindex()

    @_writes
    def reindex(self) -> int:
        """Rebuild every article's index graph; returns how many articles were indexed.

        Needed after changes the index cannot follow by itself: a SPARQL
        Update, or a new mandate that changes whom a person represents (both
        reindex by themselves).

        >>> kb = KnowledgeBase.memory()
        >>> _ = kb.ingest([EXAMPLE])
        >>> kb.reindex()
        1
        """
        self._registry = None
        count = index.reindex(self.store, index.represents_of(self.registry))
        self._index_ok = True
        return count

    def close(self) -> None:
        """Flush and release the store (its lock, for an on-disk store)."""
        self.store.close()

    def __enter__(self) -> KnowledgeBase:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            self.close()
        except KBError:
            if exc_type is None:
                raise  # else the first error is the one to report (a full disk fails the close too)

    @property
    def graph(self) -> Any:
        """The whole store as an rdflib ``Dataset`` (union default graph)."""
        return self.store.rdflib_dataset()

    @property
    def registry(self) -> Registry:
        """The bundled registry, this store's actors.yaml, and every actor its articles declared."""
        if self._registry is None:
            registry = Registry.bundled()
            for actor in [*user_actors(self.store), *declared_actors(self.store)]:
                registry.add(actor)
            self._registry = registry
        return self._registry

    @property
    def gazetteer(self) -> Gazetteer:
        """The shipped gazetteer, and the places this store's articles declared."""
        registry = self.registry
        if self._gazetteer is None or self._gazetteer.registry is not registry:
            self._gazetteer = Gazetteer(registry, declared_places(self.store, registry))
        return self._gazetteer

    def resolve_actor(self, name: str) -> Actor:
        """The actor a name means, through the registry's aliases; :class:`~kb.errors.ActorError` if none or several.

        >>> KnowledgeBase.memory().resolve_actor("US").name
        'United States'
        """
        return self.registry.resolve(name)

    # -- writing -----------------------------------------------------------

    @_writes
    def ingest(
        self,
        paths: Sequence[str | Path],
        *,
        new_actors: bool = False,
        merge: Merge = False,
        validate: bool = True,
        keep_going: bool = False,
        bulk: bool = False,
        replace: bool = False,
        strict: bool = False,
    ) -> IngestReport:
        """Read, resolve, map and validate fact files, then store them all or none.

        Files or folders (searched for .yaml, .yml and .json). The first bad
        file raises :class:`~kb.errors.FactFileError` and nothing is written;
        a file ingested before is replaced, never duplicated. People a file
        declares are known to the files after it. With ``new_actors``,
        unknown names become new actors (listed in the report) instead of
        errors. An event that looks like one already known (see
        :mod:`kb.ingest.matching`) is proposed in the report, and merged into
        it when ``merge`` is true or returns true for that proposal. With
        ``keep_going``, a bad file is reported in ``failed`` and the good
        ones are stored. JSON Lines files (``.jsonl``), or any files with
        ``bulk``, take the streaming bulk path (:mod:`kb.ingest.bulk`).
        An article id the store already holds from another source (another
        URL, or another publisher or day) is refused unless ``replace``.
        Each article's RDF is checked against ontology/shapes.ttl by the
        shapes compiled in Python; with ``strict``, by pySHACL. The batch
        is one transaction, or — new articles past 8 MB of N-Triples, in a
        store on disk — bulk-loaded in slices under a journal that the next
        writing command (or ``kb recover``) rolls back if the load was killed.

        >>> kb = KnowledgeBase.memory()
        >>> report = kb.ingest(["examples/"])
        >>> report.articles, report.proposals
        (33, [])
        """
        from kb.ingest import factfile
        from kb.ingest.pipeline import ArticleChecks, IngestReport, ingest_files

        files = factfile.find_fact_files(list(paths))
        if not files:
            raise FactFileError("no fact files (.yaml, .yml, .json, .jsonl) found", file=", ".join(map(str, paths)))
        try:
            if bulk or any(f.suffix.lower() in factfile.BULK_SUFFIXES for f in files):
                from kb.ingest.bulk import bulk_ingest

                report = IngestReport()
                bulk_ingest(
                    self.store,
                    self.registry,
                    files,
                    report,
                    gazetteer=self.gazetteer,
                    new_actors=new_actors,
                    check_article=ArticleChecks(self.store, replace=replace),
                )
                return report
            return ingest_files(
                self.store,
                self.registry,
                files,
                gazetteer=self.gazetteer,
                index=self._index,
                new_actors=new_actors,
                merge=merge,
                validate=validate,
                keep_going=keep_going,
                replace=replace,
                strict=strict,
            )
        finally:
            self._changed()  # re-read: the new articles may have declared actors

    def extract(
        self,
        path: str | Path,
        *,
        published: Any = None,
        publisher: str | None = None,
        title: str | None = None,
        url: str | None = None,
        extracted_by: str | None = None,
        engine: str = "parse",
    ) -> tuple[str, int]:
        """Draft a fact file from a plain-text article (see :mod:`kb.extract`): its YAML and how many events.

        Actors are looked up in this knowledge base's registry, so people and
        groups its articles declared are found too. ``engine`` is ``rules``
        (regular expressions over word order) or ``parse`` (spaCy's dependency
        parse, :mod:`kb.extract.parse`; needs the ``extract`` extra). Raises
        :class:`~kb.errors.ExtractError` for an unreadable article or date, an
        unknown engine, or the parse engine without spaCy.

        >>> import pathlib, tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     article = pathlib.Path(folder, "article.txt")
        ...     _ = article.write_text("Talks in Paris\\n\\nThe talks between Israel and Syria were mediated by "
        ...                            "the United States in Paris on Tuesday.\\n", encoding="utf-8")
        ...     draft, count = KnowledgeBase.memory().extract(article, published="2026-01-06", publisher="Example")
        >>> count, "mediator: [\\"United States\\"]" in draft
        (1, True)
        """
        from kb.extract import to_yaml

        article, events = self._drafted(
            path, published=published, publisher=publisher, title=title, url=url, engine=engine
        )
        return to_yaml(article, events, extracted_by=extracted_by), len(events)

    def _drafted(self, path: str | Path, *, engine: str, **header: Any) -> tuple[Any, list]:
        """An article read and its events drafted by ``engine`` (the steps :meth:`extract` writes as YAML)."""
        from kb.extract import extract, read_article

        if engine not in ("rules", "parse"):
            raise ExtractError(f"unknown extraction engine '{engine}'; expected rules or parse")
        article = read_article(path, **header)
        if engine == "parse":
            from kb.extract.parse import extract_parsed

            return article, extract_parsed(article, self.registry, self.gazetteer)
        return article, extract(article, self.registry, self.gazetteer)

    def _draft_id(self, article: Any, given: set[str]) -> str:
        """A drafted article's id: its publisher and day, or, when that names another article (one of this
        batch, or a stored one from another URL), the same with "-2", "-3"...: two reports of one outlet on
        one day are two articles. The same URL keeps its id, so the store's checks say it is held already."""
        from kb.ingest.pipeline import normalised_url

        base = article.id
        for n in range(1, 1000):
            candidate = base if n == 1 else f"{base}-{n}"
            if candidate in given:
                continue
            rows = run_named(self.store, "article-identity", article=article_iri(candidate))
            stored = rows[0]["url"] if rows else None
            same = bool(stored and article.url and normalised_url(str(stored)) == normalised_url(article.url))
            if not rows or same:
                given.add(candidate)
                return candidate
        raise ExtractError(f"{base}: a thousand articles of this publisher and day; give this one an id")

    def extract_folder(
        self, folder: str | Path, *, engine: str = "parse"
    ) -> Iterator[tuple[Path, str, dict[str, int]]]:
        """Draft every article (``*.txt``) in ``folder``, in name order: its path, the draft's YAML and how many
        events of each type it holds. Each text needs its header (``published:``, ``publisher:``); the parse
        engine's pipeline is loaded once for them all."""
        from kb.extract import to_yaml
        from kb.extract.reader import article_files

        paths = article_files(folder)
        if not paths:
            raise ExtractError(f"{folder}: no article (*.txt) in this folder")
        given: set[str] = set()
        drafted: Iterable[tuple[Path, Any, list[Any]]]
        if engine == "parse":  # every article read first, their sentences parsed in one stream (two processes)
            from kb.extract import read_article
            from kb.extract.parse import extract_parsed_many

            articles = [read_article(path) for path in paths]
            drafted = zip(paths, articles, extract_parsed_many(articles, self.registry, self.gazetteer), strict=True)
        else:
            drafted = ((path, *self._drafted(path, engine=engine)) for path in paths)
        for path, article, events in drafted:
            article.given_id = self._draft_id(article, given)
            yield path, to_yaml(article, events), _by_type(events)

    @_writes
    def ingest_text(
        self,
        paths: Sequence[str | Path],
        *,
        published: Any = None,
        publisher: str | None = None,
        merge: Merge = False,
        engine: str = "parse",
        progress: Callable[[], None] | None = None,
    ) -> IngestReport:
        """Extract and ingest plain-text articles in one step, unreviewed; a folder stands for its ``*.txt``.

        Each article is marked ``ckb:extractedBy`` in its graph (with the
        engine), so queries and exports can tell machine-drafted facts from
        reviewed ones. An article named on its own with no event is an
        :class:`~kb.errors.ExtractError` (nothing to store); one in a folder is
        skipped with a warning. The report's ``drafted`` counts the events by
        type; ``progress`` is called after each article is drafted.

        (Its example is :meth:`extract`'s; ``kb ingest --from-text`` in docs/extract.md runs it on a real article.)
        """
        from kb import __version__
        from kb.extract import to_yaml
        from kb.extract.reader import article_files
        from kb.ingest.pipeline import ingest_drafts

        articles: list[str | Path] = []
        in_folders: list[Path] = []
        for path in paths:
            if Path(path).is_dir():
                found = article_files(path)
                if not found:
                    raise ExtractError(f"{path}: no article (*.txt) in this folder")
                articles += found
                in_folders += found
            else:
                articles.append(path)

        given: set[str] = set()

        def draft(path: str | Path) -> tuple[str, dict[str, int]]:
            article, events = self._drafted(path, engine=engine, published=published, publisher=publisher)
            article.given_id = self._draft_id(article, given)
            return to_yaml(article, events, extracted_by=f"kb extract {__version__} ({engine})"), _by_type(events)

        return ingest_drafts(
            articles,
            draft,
            lambda drafts, named: self.ingest(drafts, merge=named),
            merge,
            from_folder=in_folders,
            progress=progress,
        )

    @_writes
    def merge(self, event: str, into: str) -> str:
        """Record that ``event`` (as its own article reports it) is ``into`` (another article's event).

        Its claims move onto ``into`` in its article's graph, in one
        transaction with the record (:mod:`kb.ingest.merges`); re-ingesting
        the article keeps them there; :meth:`unmerge` undoes it exactly.
        Raises :class:`~kb.errors.KBError` when either event is unknown, both
        are of one article, or the merge could not be undone exactly.

        >>> kb = KnowledgeBase.memory()
        >>> _ = kb.ingest([EXAMPLE])
        >>> kb.merge("washington-examiner-2026-01-06/joint-statement", "washington-examiner-2026-01-06/paris-talks")
        Traceback (most recent call last):
        kb.errors.KBError: two events of one article are two events; merge events of different articles
        """
        from kb.ingest.merges import merge

        return merge(self.store, event, into, index=self._index)

    @_writes
    def unmerge(self, event: str) -> str:
        """Undo a merge of ``event`` (by :meth:`merge` or an accepted look-alike): its claims move back.

        Raises :class:`~kb.errors.KBError` when ``event`` is not merged.

        >>> kb = KnowledgeBase.memory()
        >>> _ = kb.ingest([EXAMPLE])
        >>> kb.unmerge("washington-examiner-2026-01-06/paris-talks")
        Traceback (most recent call last):
        kb.errors.KBError: washington-examiner-2026-01-06/paris-talks is not merged into another event
        """
        from kb.ingest.merges import unmerge

        return unmerge(self.store, event, index=self._index)

    @_writes
    def remove(self, article: str | Path) -> int:
        """Take out one article — by id, IRI or its fact file — and return how many triples went.

        Everything an article said lives in its own graph, so removing the
        graph removes exactly its claims: an event another article also
        reports keeps that article's claims, dates and quotes. Raises
        :class:`~kb.errors.KBError` for an article the store does not hold.

        >>> kb = KnowledgeBase.memory()
        >>> _ = kb.ingest([EXAMPLE])
        >>> kb.remove("washington-examiner-2026-01-06") > 0, kb.stats()["articles"]
        (True, 0)
        """
        from kb.ingest import factfile

        ref = str(article)
        if Path(ref).suffix.lower() in factfile.FACT_FILE_SUFFIXES and Path(ref).is_file():
            ref = factfile.load(ref).article.id
        article_id = ref.rsplit("/", 1)[-1] if ref.startswith("http") else ref
        graph = IRI(ARTICLE_GRAPHS + article_id)
        count = self.store.quad_count(graph) if factfile.valid_id(article_id) else 0
        if not count:
            known = ", ".join(r["id"] for r in self.sources()[:5])
            raise KBError(f"no article '{article_id}' in the store" + (f" (articles: {known}, ...)" if known else ""))
        self.store.replace_graphs(self._index({graph: ""}))
        self.store.flush()
        self._changed()
        return count

    @_writes
    def update(self, sparql: str, *, allow_network: bool = False) -> int:
        """Run a SPARQL Update as one transaction; returns the change in the number of quads.

        The one way to change the store by hand. LOAD and SERVICE reach the
        network, so they are refused unless ``allow_network``
        (:class:`~kb.errors.QueryError`, as is a malformed update).

        >>> kb = KnowledgeBase.memory()
        >>> _ = kb.ingest([EXAMPLE])
        >>> kb.update("DELETE WHERE { GRAPH ?g { ?event ckb:confidence ckb:Rumoured } }")
        0
        """
        from kb.read.query import run_update

        before = self.store.quad_count()
        self.store.set_marker("index", "stale")  # until reindexed: a crash in between leaves it to be rebuilt
        self._index_ok = False
        run_update(self.store, sparql, allow_network=allow_network)
        self.store.flush()
        changed = self.store.quad_count() - before
        self._changed(reindex=True)  # the update may have touched any event: the index follows
        return changed

    @_writes
    def load(self, paths: Sequence[str | Path]) -> int:
        """Load RDF files (N-Quads, TriG, Turtle, ...), such as an export, in one transaction.

        Each named graph in them replaces the store's graph of that name, so
        loading an export of a store into another gives the same dataset.
        Triples outside named graphs go into ``graph/import/<file name>``.
        Parsing never fetches anything. The bundled ontology and registry
        graphs and the index graphs in a file are left out: the store keeps
        its own. Returns the number of quads read; :class:`~kb.errors.KBError`
        for a file that is missing or does not parse.

        >>> import pathlib, tempfile
        >>> kb = KnowledgeBase.memory()
        >>> _ = kb.ingest([EXAMPLE])
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     _ = kb.export("nq", pathlib.Path(folder, "kb.nq"))
        ...     copy = KnowledgeBase.memory()
        ...     _ = copy.load([pathlib.Path(folder, "kb.nq")])
        >>> copy.stats()["events"] == kb.stats()["events"]
        True
        """
        from kb.store.transfer import load

        self._registry = None
        count = load(self.store, paths, index=self._index)
        self._changed()
        return count

    # -- reading -----------------------------------------------------------

    @_reads
    def query(self, sparql: str, *, allow_network: bool = False, limits: Limits = DEFAULT_LIMITS) -> QueryResult:
        """Run a read-only SPARQL query over all graphs; SERVICE only with ``allow_network``.

        Raises :class:`~kb.errors.QueryError` for a malformed query, one that
        could reach the network, or one that passes ``limits`` (time, memory,
        rows: see :mod:`kb.read.limits`).

        >>> kb = KnowledgeBase.memory()
        >>> kb.query("ASK { ?s a ckb:Event }").boolean
        False
        """
        return run_sparql(self.store, sparql, allow_network=allow_network, limits=limits)

    @_reads
    def ask(self, question: str, *, today: dt.date | None = None, limits: Limits = DEFAULT_LIMITS) -> Any:
        """Answer a question as people type it: a :class:`kb.ask.Answer` with how it was read (``bound``),
        rows that each say how sure they are, a ``verdict`` (yes / no / claimed) or ``count`` where asked,
        and the exact SPARQL that found the events.

        Raises :class:`~kb.errors.KBError` when it cannot answer: the
        message names the words it did not understand (or why nothing can
        be said) and offers two questions, built from the same names, that
        it can answer.

        >>> kb = KnowledgeBase.memory()
        >>> _ = kb.ingest(["examples/"])
        >>> answer = kb.ask("who mediated Israel–Syria talks after Dec 2024")
        >>> answer.who
        ['United States']
        >>> kb.ask("Did the US mediate between Israel and Iran?").verdict
        'yes'
        """
        from kb.ask import ask

        def run(sparql: str) -> Any:
            return run_sparql(self.store, sparql, limits=limits, ours=True)

        return ask(self, question, run=run, today=today)

    def _window(self, since: Any, until: Any, after: Any, before: Any, today: dt.date | None) -> Any:
        from kb.model.dates import window

        return window(since=since, until=until, after=after, before=before, ref=today)

    @_reads
    def timeline(
        self,
        *,
        actors: Sequence[str] = (),
        types: Sequence[str] = (),
        place: str | None = None,
        since: Any = None,
        until: Any = None,
        after: Any = None,
        before: Any = None,
        include_uncertain: bool = False,
        confidence: str | None = None,
        include_planned: bool = False,
        today: dt.date | None = None,
        limit: int | None = None,
    ) -> list[TimelineEvent]:
        """Events in date order: by earliest begin, then exact before vague; the first ``limit`` of them.

        ``actors`` must all take part (a person counts for whom they
        represent); ``types`` are fact-file type or subtype keys, any of
        which may match; ``place`` is a place or a country (its cities
        count). An event whose sources' dates straddle the window is left
        out unless ``include_uncertain`` (then ``certain`` is False).
        ``confidence`` keeps events at least that firmly reported by some
        source (an event with no stated confidence counts as "reported").
        An event whose status is planned, postponed or cancelled, or that
        every source dates after its own publication (``planned``), has not
        happened: it is left out unless ``include_planned``. Raises
        :class:`~kb.errors.KBError` for an unknown type or confidence,
        :class:`~kb.errors.ActorError` for an unknown actor,
        :class:`~kb.errors.DateError` for a window it cannot read.

        >>> kb = KnowledgeBase.memory()
        >>> _ = kb.ingest([EXAMPLE])
        >>> [e.date for e in kb.timeline(actors=["Israel", "Syria"], types=["mediation"])]
        ['2026-01-06']
        """
        for key in types:
            if key not in TYPE_KEYS:
                raise KBError(f"unknown event type '{key}'; expected one of {', '.join(TYPE_KEYS)}")
        return planner.timeline(
            self.store,
            self._window(since, until, after, before, today),
            actors=[actor_iri(self.resolve_actor(a)) for a in actors],
            types=[TYPE_KEYS[t] for t in types] or [None],
            place=self._place(place) if place else None,
            indexed=self._indexed(),
            include_uncertain=include_uncertain,
            least=planner.confidence_rank(confidence),
            include_planned=include_planned,
            limit=limit,
        )

    def _place(self, name: str) -> IRI:
        """What --place matches: a country's state (so its cities count), else the place itself."""
        found = self.gazetteer.resolve(name)
        if found.kind == "country" and found.country is not None:
            return actor_iri(found.country)
        return place_iri(found.key)

    @_reads
    def mediators(
        self,
        a: str,
        b: str,
        *,
        since: Any = None,
        until: Any = None,
        after: Any = None,
        before: Any = None,
        include_uncertain: bool = False,
        include_planned: bool = False,
        confidence: str | None = None,
        today: dt.date | None = None,
    ) -> list[MediatorAnswer]:
        """Who mediated between actors ``a`` and ``b``, with the events that show it.

        A mediator that is a person counts for the actor they represent, and
        ``via`` lists the persons in those events who acted for the mediator.
        Windows, ``confidence`` and planned events work as in
        :meth:`timeline`; each event says how firmly it is reported and by
        how many articles, so a mediation only one side claims shows as such.
        Raises :class:`~kb.errors.KBError` when ``a`` and ``b`` are one actor.

        >>> kb = KnowledgeBase.memory()
        >>> _ = kb.ingest([EXAMPLE])
        >>> [(m.mediator, m.via) for m in kb.mediators("Israel", "Syria", since="2026-01")]
        [('United States', ['Jared Kushner', 'Steve Witkoff', 'Tom Barrack'])]
        """
        ia, ib = actor_iri(self.resolve_actor(a)), actor_iri(self.resolve_actor(b))
        if ia == ib:
            raise KBError(f"'{a}' and '{b}' are the same actor; name two different ones")
        return planner.mediators(
            self.store,
            self._window(since, until, after, before, today),
            ia,
            ib,
            indexed=self._indexed(),
            include_uncertain=include_uncertain,
            least=planner.confidence_rank(confidence),
            include_planned=include_planned,
        )

    @_reads
    def show(self, ref: str) -> TimelineEvent:
        """One event by id (``article-id/event-id``, or a bare event id if unique), IRI, or a unique search string.

        Raises :class:`~kb.errors.KBError` when nothing or several events match.

        >>> kb = KnowledgeBase.memory()
        >>> _ = kb.ingest([EXAMPLE])
        >>> kb.show("washington-examiner-2026-01-06/paris-talks").type
        'mediation'
        """
        iri = event_reference(ref)
        if iri is not None and (found := planner.read_event(self.store, str(iri))) is not None:
            return found
        rows = run_named(self.store, "find-event", text=ref.strip().casefold())
        matches = {r["event"]: r["label"] for r in rows}
        if len(matches) == 1 and (found := planner.read_event(self.store, next(iter(matches)))) is not None:
            return found
        if not matches:
            raise KBError(
                f"no event matches '{ref}'; give article-id/event-id (see kb timeline --format json) "
                "or words of its label"
            )
        listed = "; ".join(f"{event_id(i)} ({label})" for i, label in sorted(matches.items())[:8])
        raise KBError(f"'{ref}' matches {len(matches)} events: {listed}; give one id")

    @_reads
    def sources(self) -> list[dict[str, Any]]:
        """Every article in the store, with how many events it reports.

        >>> kb = KnowledgeBase.memory()
        >>> _ = kb.ingest([EXAMPLE])
        >>> [(s["id"], s["events"]) for s in kb.sources()]
        [('washington-examiner-2026-01-06', 12)]
        """
        return [
            {
                "id": r["article"].rsplit("/", 1)[-1],
                "title": r["title"],
                "publisher": r["publisher"],
                "published": r["published"],
                "url": r["url"],
                "events": r["events"],
            }
            for r in run_named(self.store, "sources")
        ]

    @_reads
    def validate(self, paths: Sequence[str | Path] = (), *, store: bool = False) -> list[str]:
        """SHACL violations (and fact-file errors), one located message each; empty when all conform.

        ``paths`` may be fact files (checked as ingest would, nothing
        written) or RDF files; ``store`` checks every graph in the store,
        each on its own.

        >>> KnowledgeBase.memory().validate([EXAMPLE])
        []
        """
        from kb.ingest.pipeline import check_files
        from kb.ingest.validation import validate_store

        problems = check_files(self.store, self.registry, paths, self.gazetteer) if paths else []
        if store:
            problems += validate_store(self.store, self.registry)
        return problems

    # -- actors ------------------------------------------------------------

    @_reads
    def actors(self, search: str | None = None, *, type: str | None = None) -> list[Actor]:
        """Known actors whose name or an alias contains ``search`` (case and accent blind).

        >>> [a.name for a in KnowledgeBase.memory().actors("emirates")]
        ['United Arab Emirates']
        """
        if type is not None and type not in ACTOR_TYPES:
            raise KBError(f"unknown actor type '{type}'; expected one of {', '.join(ACTOR_TYPES)}")
        return self.registry.search(search, type=type)

    @_reads
    def places(self, names: Sequence[str] = ()) -> list[Place]:
        """What the gazetteer makes of each name (kind "unknown" when nothing); with none, the declared places.

        Checks a place name before it goes into a fact file: a country, a
        city (with its country and GeoNames id), a region, a place a fact
        file declared, or unknown — then declare it in a ``places:`` block.

        >>> [(p.name, p.kind) for p in KnowledgeBase.memory().places(["Sweida", "Mount Hermon"])]
        [('As-Suwayda', 'city'), ('Mount Hermon', 'unknown')]
        """
        if names:
            return [self.gazetteer.resolve(name) for name in names]
        return self.gazetteer.declarations()

    @_reads
    def actor(self, name: str) -> ActorInfo:
        """One actor: aliases, titles and mandates with their sources, and its timeline.

        Raises :class:`~kb.errors.ActorError` for a name no actor or several have.

        >>> kb = KnowledgeBase.memory()
        >>> _ = kb.ingest([EXAMPLE])
        >>> info = kb.actor("Barrack")
        >>> info.name, sorted({m["actor"] for m in info.mandates})
        ('Tom Barrack', ['United States'])
        """
        from kb.store.actor_store import titles_and_mandates

        actor = self.resolve_actor(name)
        iri = actor_iri(actor)
        titles, mandates = titles_and_mandates(self.store, iri)
        return ActorInfo(
            actor.name,
            str(iri),
            actor.type,
            list(actor.aliases),
            titles,
            mandates,
            actor.iso,
            actor.wikidata,
            self.timeline(actors=[actor.name]),
            geonames=actor.geonames,
        )

    @_writes
    def add_actor(
        self,
        name: str,
        *,
        type: str,
        title: str | None = None,
        represents: str | None = None,
        start: str | None = None,
        end: str | None = None,
        aliases: Sequence[str] = (),
    ) -> Actor:
        """Add an actor to this store's own registry (its actors.yaml), checked first.

        The file is rewritten whole (never half-written) and its graph
        replaced, so the actor resolves in later fact files and questions.
        Raises :class:`~kb.errors.ActorError` when a name already names
        another actor, :class:`~kb.errors.KBError` for a bad type or mandate.

        >>> kb = KnowledgeBase.memory()
        >>> kb.add_actor("Ahmed al-Dalati", type="person", represents="Syria").name
        'Ahmed al-Dalati'
        """
        from kb.store.actor_store import add_actor

        def stale() -> None:  # the index is rebuilt below; after a crash, on the next writable open
            self.store.set_marker("index", "stale")
            self._index_ok = False

        add_actor(
            self.store,
            self.registry,
            name,
            type=type,
            title=title,
            represents=represents,
            start=start,
            end=end,
            aliases=aliases,
            before_write=stale if represents else None,
        )
        # whom a person represents decides under which actors their events are filed
        self._changed(reindex=bool(represents))
        return self.registry.resolve(name)

    @_writes
    def add_alias(self, name: str, alias: str) -> Actor:
        """Give a known actor another name, kept in this store's actors.yaml.

        Raises :class:`~kb.errors.ActorError` when ``name`` is unknown or
        ambiguous, or when ``alias`` already names another actor (it would
        make that name ambiguous for everyone).

        >>> kb = KnowledgeBase.memory()
        >>> kb.add_alias("DR Congo", "Congo-K").name
        'DR Congo'
        """
        from kb.store.actor_store import add_alias

        add_alias(self.store, self.registry, name, alias)
        self._changed()
        return self.registry.resolve(alias)

    # -- the whole store ---------------------------------------------------

    @_reads
    def stats(self) -> dict[str, Any]:
        """Counts: articles, events by type, actors, triples and graphs.

        >>> kb = KnowledgeBase.memory()
        >>> _ = kb.ingest([EXAMPLE])
        >>> kb.stats()["articles"], kb.stats()["events"]
        (1, 12)
        """
        articles = [g for g in self.store.named_graphs() if g.startswith(ARTICLE_GRAPHS)]
        events = len({q.object for q in self.store.quads(None, ox.NamedNode(str(CKB.claimOf)), None)})
        return {
            "store": str(self.store),
            "articles": len(articles),
            "events": events,
            "events by type": {row["label"]: row["events"] for row in run_named(self.store, "stats")},
            "actors in registry": len(self.registry),
            "triples": self.store.quad_count(),
            "triples in articles": sum(self.store.quad_count(IRI(g)) for g in articles),
        }

    @_reads
    def export(
        self, format: str = "ttl", output: str | Path | IO[bytes] | None = None, *, with_ontology: bool = False
    ) -> bytes | None:
        """Write the knowledge base as RDF another triple store can load.

        Dataset formats (trig, nq, jsonld) keep each article's named graph;
        ttl and nt merge all graphs into one, streamed graph by graph (a
        triple several graphs state is written once per graph). JSON-LD is
        compacted under an inline ``@context`` (:data:`kb.store.transfer.JSONLD_CONTEXT`).
        The ontology is left out unless ``with_ontology``;
        the actor registry is always in; derived graphs never. Returns bytes
        when ``output`` is None; :class:`~kb.errors.KBError` for an unknown format.

        >>> kb = KnowledgeBase.memory()
        >>> _ = kb.ingest([EXAMPLE])
        >>> b"ckb:Mediation" in kb.export("ttl")
        True
        """
        from kb.store.transfer import export

        return export(self.store, format, output, with_ontology=with_ontology)
