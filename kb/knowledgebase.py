"""The library's front door: :class:`KnowledgeBase`.

Every ``kb`` command is a few lines over one method here. The methods walk
the pipeline: fact files are read (:mod:`kb.factfile`), resolved
(:mod:`kb.resolve`), mapped (:mod:`kb.mapping`), validated
(:mod:`kb.validation`), written to the store (:mod:`kb.store`) and queried
(:mod:`kb.query`); answers are built by :mod:`kb.answers` and turned into
text by :mod:`kb.render`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Sequence

import pyoxigraph as ox
from rdflib import Graph, URIRef

from . import factfile
from .actor_store import USER_REGISTRY_FILE, declared_actors, user_actors, write_user_actors
from .actors import ACTOR_TYPES, NOT_REPRESENTING, REPRESENTING_TYPES, Actor, Registry, actor_from_dict, mandate_dates
from .answers import (CONFIDENCE_ORDER, ActorInfo, EventRef, MediatorAnswer, Source, TimelineEvent, event_from_rows,
                      event_id)
from .dates import Precision, window
from .errors import ActorError, DateError, ExtractError, FactFileError, KBError, StoreError
from .facts import event_rows
from .index import INDEX_GRAPHS, INDEX_VERSION, index_graph_for, index_ntriples, window_keys
from .iris import article_iri, event_iri, event_reference
from .mapping import (EVENT_CLASSES, ONTOLOGY_GRAPH, REGISTRY_GRAPH, SUBTYPE_CLASSES, USER_REGISTRY_GRAPH,
                      actor_iri, bundled_registry_ntriples, map_file, place_iri)
from .matching import KEY_ROLES, UNROLLED_ROLES, Sketch, looks_alike
from .merges import (MERGES_GRAPH, apply_merges, article_of, graph_of, linked_from_elsewhere, mentions,
                     merge_records, records_ntriples, renamed_ntriples)
from .namespace import CKB, GRAPH, PREFIXES
from .places import Gazetteer
from .inputs import check_rdf_file
from .limits import DEFAULT_LIMITS, Limits
from .query import DATE_MAX, DATE_MIN, QueryResult, run_named, run_sparql
from .resolve import ResolvedEvent, ResolvedFile, resolve
from .store import Store, default_store_path, ontology_ntriples, reader_race

__all__ = ["KnowledgeBase", "IngestReport", "MatchProposal", "TimelineEvent", "Source", "MediatorAnswer", "EventRef",
           "ActorInfo", "EXPORT_FORMATS", "TYPE_KEYS"]

EXPORT_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG,
    "nq": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD,
}
EXPORT_PREFIXES = {k: PREFIXES[k] for k in ("ckb", "actor", "place", "rdfs", "xsd")}
TYPE_KEYS = {**EVENT_CLASSES, **SUBTYPE_CLASSES}  # --type takes any event type or subtype key
_ARTICLE_GRAPHS = str(GRAPH) + "article/"



@functools.lru_cache(maxsize=1)
def _index_stamp() -> str:
    """The index graphs' marker: their format and a digest of whom the bundled registry's actors represent.

    The index files an event under the states its actors roll up to, so an
    upgrade that changes the bundled roll-up (the IDF came to represent
    Israel) must refile every event, as a new format must: a store whose
    marker differs is reindexed on its next writable open and scanned until then.
    """
    registry = Registry.bundled()
    ties = sorted(f"{a.key}>{b.key}" for a in registry for b in registry.represented(a))
    return f"{INDEX_VERSION}+{hashlib.sha256(chr(10).join(ties).encode('utf-8')).hexdigest()[:12]}"

@dataclass
class MatchProposal:
    """A new event that looks like one already known: merge it, or keep it apart."""

    file: str
    index: int
    event_id: str
    existing: str  # the known event's id, article-id/event-id
    existing_label: str
    reasons: list[str]
    merged: bool = False

    def __str__(self) -> str:
        where = FactFileError("", file=self.file, index=self.index, event_id=self.event_id).__str__().rstrip(": ")
        verb = "merged with" if self.merged else "looks like"
        hint = "" if self.merged else f"; ingest with --merge, or add same-as: {self.existing}"
        return f"{where}: {verb} {self.existing} ({self.existing_label}): {', '.join(self.reasons)}{hint}"


@dataclass
class IngestReport:
    """What an ingest did: counts for people, detail for programs."""

    files: list[str] = field(default_factory=list)
    articles: int = 0
    events: int = 0
    triples: int = 0  # triples now in the ingested articles' graphs
    replaced: int = 0  # articles that were in the store already and were replaced
    created: list[str] = field(default_factory=list)  # new actors (new_actors=True)
    warnings: list[str] = field(default_factory=list)  # kept, but worth a look
    proposals: list[MatchProposal] = field(default_factory=list)  # look-alike events, merged or not
    failed: list[str] = field(default_factory=list)  # files refused (keep_going=True), one message each
    stored_ids: list[str] = field(default_factory=list)  # articles new to the store
    replaced_ids: list[str] = field(default_factory=list)  # articles that replaced an earlier version
    recovered: str | None = None  # what opening the store did about an interrupted bulk ingest


@dataclass
class _Batch:
    """What an ingest has gathered so far: the files before the current one."""

    registry: Registry
    gazetteer: Gazetteer | None = None
    report: IngestReport = field(default_factory=IngestReport)
    graphs: dict[URIRef, Graph] = field(default_factory=dict)
    seen: dict[str, str] = field(default_factory=dict)  # article id -> file
    sketches: list[Sketch] = field(default_factory=list)  # events, for references and look-alikes
    article_keys: dict[tuple, str] = field(default_factory=dict)  # URL or (publisher, title, day) -> article id
    merges: dict[str, str] | None = None  # recorded merges (kb.merges), with those accepted in this batch
    merged: bool = False  # whether this batch accepted a merge (the merges graph is then rewritten)
    labels: dict[str, str] = field(default_factory=dict)


def _source_name(graph: str | None) -> str:
    if not graph:
        return ""
    if graph == str(REGISTRY_GRAPH):
        return "bundled registry"
    if graph == str(USER_REGISTRY_GRAPH):
        return USER_REGISTRY_FILE
    return graph.rsplit("/", 1)[-1]


def _reads(method):
    """Retry a read when a writer in another process rewrote the files under this read-only store."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        for attempt in range(6):
            try:
                return method(self, *args, **kwargs)
            except (RuntimeError, OSError) as exc:
                if not (self.store.read_only and reader_race(exc)):
                    raise
                if attempt == 5:
                    raise StoreError("the store kept changing while it was read (another process is writing); "
                                     "try again") from None
                time.sleep(0.1 * (attempt + 1))
                self.store.reopen()
                self._registry = None

    return wrapper


class KnowledgeBase:
    """A conflict-event knowledge base over an embedded pyoxigraph store.

    >>> kb = KnowledgeBase.memory()
    >>> kb.ingest(["examples/00-washington-examiner-israel-syria-security-deal.yaml"]).articles
    1
    >>> [m.mediator for m in kb.mediators("Israel", "Syria", after="2024-12")]
    ['United States']
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.recovered: str | None = None  # set by open() when it finished or undid an interrupted ingest
        self._registry: Registry | None = None
        self._index_ok: bool | None = None

    # -- opening -----------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path | None = None, *, read_only: bool = False, wait: float = 0) -> "KnowledgeBase":
        """The knowledge base stored at ``path`` (default: :func:`default_store_path`).

        Opening for writing creates it if needed and takes the store's one
        writer lock (waiting up to ``wait`` seconds for another writer);
        ``read_only=True`` needs an existing store and lets a writer work meanwhile.
        """
        kb = cls(Store.open(path or default_store_path(), read_only=read_only, wait=wait))
        if not read_only:
            from .bulk import recover

            kb.recovered = recover(kb.store)
            kb._ensure_bundled()
        return kb

    @classmethod
    def remote(cls, query_url: str, update_url: str | None = None, *, read_only: bool = False) -> "KnowledgeBase":
        """The knowledge base on a SPARQL 1.1 server (Oxigraph server, Fuseki, GraphDB, Virtuoso).

        ``update_url`` defaults to the query URL with a final ``/query``
        made ``/update`` (Oxigraph's and Fuseki's layout), else the query
        URL itself (Virtuoso's). The server must show the union of its named
        graphs as the default graph (see the README). ``read_only`` sends
        no updates at all.
        """
        from .remote import RemoteStore, update_url_for

        store = RemoteStore(query_url, None if read_only else (update_url or update_url_for(query_url)))
        kb = cls(store)
        if not read_only:
            kb._ensure_bundled()
        store.check_union(CKB.Event)
        return kb

    @classmethod
    def memory(cls) -> "KnowledgeBase":
        """A knowledge base in memory only: for tests, notebooks and one-off work."""
        kb = cls(Store.memory())
        kb._ensure_bundled()
        return kb

    def _ensure_bundled(self) -> None:
        self.store.ensure_graph(ONTOLOGY_GRAPH, ontology_ntriples())
        self.store.ensure_graph(REGISTRY_GRAPH, bundled_registry_ntriples())
        if self.store.marker("index") != _index_stamp():
            self.reindex()  # a store from before the index, an older one, or an older roll-up: build it once

    # -- the index (kb/index.py) -------------------------------------------

    def _represents(self) -> dict[str, list[str]]:
        """Person IRI -> the IRIs of the actors they represent, as the registry says."""
        registry = self.registry
        return {str(actor_iri(actor)): [str(actor_iri(a)) for a in represented]
                for actor in registry if (represented := registry.represented(actor))}

    def _with_index(self, graphs: dict) -> dict:
        """``graphs`` plus, for each article graph among them, its index graph (emptied with it)."""
        represents = None
        out = dict(graphs)
        for name, graph in graphs.items():
            if not str(name).startswith(_ARTICLE_GRAPHS):
                continue
            if isinstance(graph, str) and not graph.strip():
                out[index_graph_for(name)] = ""
                continue
            represents = represents if represents is not None else self._represents()
            triples = graph if not isinstance(graph, str) else (
                (q.subject, q.predicate, q.object) for q in ox.parse(graph, format=ox.RdfFormat.N_TRIPLES))
            out[index_graph_for(name)] = index_ntriples(triples, represents)
        return out

    def _indexed(self) -> bool:
        """Whether this store's index graphs are current (a read-only store from before them is not)."""
        if self._index_ok is None:
            self._index_ok = self.store.marker("index") == _index_stamp()
        return self._index_ok

    def reindex(self) -> int:
        """Rebuild every article's index graph; returns how many articles were indexed.

        Needed after changes the index cannot follow by itself: a SPARQL
        Update, or a new mandate that changes whom a person represents.
        """
        if self.store.read_only:
            raise KBError("the store is open read-only")
        names = self.store.named_graphs()
        articles = [g for g in names if g.startswith(_ARTICLE_GRAPHS)]
        stale = [g for g in names if g.startswith(INDEX_GRAPHS)]
        self.store.replace_graphs({URIRef(g): "" for g in stale})
        self._registry = None
        represents = self._represents()
        for start in range(0, len(articles), 500):
            graphs = {}
            for name in articles[start:start + 500]:
                triples = self.store.quads(None, None, None, ox.NamedNode(name))
                graphs[index_graph_for(name)] = index_ntriples(((q.subject, q.predicate, q.object) for q in triples),
                                                               represents)
            self.store.replace_graphs(graphs)
        self.store.flush()
        self.store.set_marker("index", _index_stamp())
        self._index_ok = True
        return len(articles)

    def close(self) -> None:
        """Flush and release the store (its lock, for an on-disk store)."""
        self.store.close()

    def __enter__(self) -> "KnowledgeBase":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            self.close()
        except KBError:
            if exc_type is None:
                raise  # else the first error is the one to report (a full disk fails the close too)

    @property
    def graph(self):
        """The whole store as an rdflib ``Dataset`` (union default graph)."""
        return self.store.rdflib_dataset()

    @property
    def registry(self) -> Registry:
        """The bundled registry, this store's actors.yaml, and every actor its articles declared."""
        if self._registry is None:
            registry = Registry.bundled()
            for actor in user_actors(self.store):
                registry.add(actor)
            for actor in declared_actors(self.store):
                registry.add(actor)
            self._registry = registry
        return self._registry

    @property
    def gazetteer(self) -> Gazetteer:
        return Gazetteer(self.registry)

    def resolve_actor(self, name: str) -> Actor:
        """The actor a name means, through the registry's aliases."""
        return self.registry.resolve(name)

    # -- writing -----------------------------------------------------------

    def ingest(self, paths: Sequence[str | Path], *, new_actors: bool = False,
               merge: bool | Callable[[MatchProposal], bool] = False, validate: bool = True,
               keep_going: bool = False, bulk: bool = False, replace: bool = False) -> IngestReport:
        """Read, resolve, map and validate fact files, then store them in one transaction.

        Files or folders (searched for .yaml, .yml and .json). The first bad
        file raises :class:`~kb.errors.FactFileError` and nothing is written;
        a file ingested before is replaced, never duplicated. People a file
        declares are known to the files after it. With ``new_actors``,
        unknown names become new actors (listed in the report) instead of
        errors. An event that looks like one already known (see
        :mod:`kb.matching`) is proposed in the report, and merged into it
        when ``merge`` is true or returns true for that proposal. With
        ``keep_going``, a bad file is reported in ``failed`` and the good
        ones are stored; without, the first bad file stops the batch and
        nothing is stored. JSON Lines files (``.jsonl``), or any files with
        ``bulk``, take the streaming bulk path instead (:mod:`kb.bulk`).
        An article id the store already holds from another source (another
        URL, or another publisher or day) is refused unless ``replace``.
        """
        files = factfile.find_fact_files(list(paths))
        if not files:
            raise FactFileError("no fact files (.yaml, .yml, .json, .jsonl) found", file=", ".join(map(str, paths)))
        from .bulk import BULK_SUFFIXES, bulk_ingest

        if bulk or any(f.suffix.lower() in BULK_SUFFIXES for f in files):
            report = IngestReport()
            known: dict[tuple, str] = {}  # the keys of the articles seen so far

            def check(article: factfile.Article, where: str) -> None:
                if not replace:
                    self._same_source(article, where)
                self._one_node_per_article(article, where, known)

            bulk_ingest(self, files, report, new_actors=new_actors, check_article=check)
            self._registry = None
            return report
        batch = _Batch(registry=self.registry.copy())
        batch.gazetteer = Gazetteer(batch.registry)
        for path in files:
            try:
                self._ingest_one(path, batch, new_actors=new_actors, merge=merge, validate=validate,
                                 replace=replace)
            except FactFileError as exc:
                if not keep_going:
                    raise
                batch.report.failed.append(str(exc))
        if batch.graphs:
            graphs = self._with_index(batch.graphs)
            if batch.merged:  # accepted look-alikes are recorded, so re-ingesting keeps them merged
                graphs[MERGES_GRAPH] = records_ntriples(batch.merges or {})
            self.store.replace_graphs(graphs)
            self.store.flush()
        self._registry = None  # re-read: the new articles may have declared actors
        return batch.report

    def _ingest_one(self, path: Path, batch: "_Batch", *, new_actors: bool,
                    merge: bool | Callable[[MatchProposal], bool], validate: bool, replace: bool = False) -> None:
        """Read, resolve, map and check one file; the batch changes only once all of it succeeded."""
        ff = factfile.load(path)
        if ff.article.id in batch.seen:
            raise FactFileError(f"describes the same article ({ff.article.id}) as {batch.seen[ff.article.id]}",
                                file=ff.path, field="article")
        if not replace:
            self._same_source(ff.article, ff.path)
        self._one_node_per_article(ff.article, ff.path, batch.article_keys)
        if batch.merges is None:
            batch.merges = merge_records(self.store)
        ff = apply_merges(ff, batch.merges)

        def exists(iri: URIRef) -> bool:
            return any(s.iri == str(iri) for s in batch.sketches) or self._stored(iri)

        resolved = resolve(ff, batch.registry, batch.gazetteer, new_actors=new_actors, event_exists=exists)
        proposals = self._proposals(resolved, batch.registry, batch.sketches, batch.labels)
        accepted = [p for p in proposals if (merge(p) if callable(merge) else merge)]
        if accepted:
            chosen = {p.event_id: p.existing for p in accepted}
            ff = dataclasses.replace(ff, events=tuple(
                dataclasses.replace(ev, same_as=chosen[ev.id]) if ev.id in chosen else ev for ev in ff.events))
            resolved = resolve(ff, batch.registry, batch.gazetteer, new_actors=new_actors, event_exists=exists)
            for p in accepted:
                p.merged = True
                batch.merges[str(event_iri(ff.article.id, p.event_id))] = str(event_reference(p.existing))
            batch.merged = True
        name, g = map_file(resolved)
        if validate:
            from .validation import check_graph

            check_graph(g, resolved)
        # all checks passed: now the file joins the batch
        report = batch.report
        batch.seen[ff.article.id] = ff.path
        for actor in [a for _, a in resolved.declared] + list(resolved.created):
            batch.registry.add(actor)
        batch.graphs[name] = g
        for ev in resolved.events:
            batch.sketches.append(_sketch_resolved(ev, batch.registry))
            batch.labels[str(ev.node)] = ev.facts.name or ev.facts.summary or ev.facts.type
        report.proposals += proposals
        report.created += [a.name for a in resolved.created]
        report.warnings += list(resolved.warnings)
        report.files.append(ff.path)
        report.articles += 1
        report.events += len(ff.events)
        report.triples += len(g)
        if self.store.has_graph(name):
            report.replaced += 1

    def extract(self, path: str | Path, *, published=None, publisher: str | None = None, title: str | None = None,
                url: str | None = None, extracted_by: str | None = None) -> tuple[str, int]:
        """Draft a fact file from a plain-text article (see :mod:`kb.extract`): its YAML and how many events.

        Actors are looked up in this knowledge base's registry, so people and
        groups its articles declared are found too.
        """
        from .extract import extract, read_article, to_yaml

        article = read_article(path, published=published, publisher=publisher, title=title, url=url)
        events = extract(article, self.registry)
        return to_yaml(article, events, extracted_by=extracted_by), len(events)

    def ingest_text(self, paths: Sequence[str | Path], *, published=None, publisher: str | None = None,
                    merge: bool | Callable[[MatchProposal], bool] = False) -> IngestReport:
        """Extract and ingest plain-text articles in one step, unreviewed.

        Each article is marked ``ckb:extractedBy`` in its graph, so queries and
        exports can tell machine-drafted facts from reviewed ones. An article
        with no event is an error (nothing to store), as is any other bad input.
        """
        import tempfile

        from . import __version__

        with tempfile.TemporaryDirectory(prefix="kb-extract-") as tmp:
            drafts = []
            for n, path in enumerate(paths):
                text, count = self.extract(path, published=published, publisher=publisher,
                                           extracted_by=f"kb extract {__version__} (rules)")
                if not count:
                    raise ExtractError("no events found: no trigger of the lexicon with enough known actors",
                                       file=str(path))
                draft = Path(tmp) / f"{n:05d}-{Path(path).stem}.yaml"
                draft.write_text(text, encoding="utf-8")
                drafts.append(draft)
            originals = {str(d): str(p) for d, p in zip(drafts, paths)}

            def named(proposal: MatchProposal) -> bool:  # proposals name the article, not the temporary draft
                proposal.file = originals.get(proposal.file, proposal.file)
                return merge(proposal) if callable(merge) else bool(merge)

            try:
                report = self.ingest(drafts, merge=named)
            except FactFileError as exc:  # name the article, not the temporary draft
                raise FactFileError(exc.message, file=originals.get(exc.file, exc.file), index=exc.index,
                                    event_id=exc.event_id, field=exc.field, section=exc.section) from None
            report.files = [originals.get(str(f), str(f)) for f in report.files]
            for draft, original in originals.items():
                report.warnings = [w.replace(draft, original) for w in report.warnings]
            return report

    def merge(self, event: str, into: str) -> str:
        """Record that ``event`` (as its own article reports it) is ``into`` (another article's event).

        Its claims move onto ``into`` in its article's graph, in one
        transaction with the record (:mod:`kb.merges`); re-ingesting the
        article keeps them there; :meth:`unmerge` undoes it exactly. Raises
        :class:`~kb.errors.KBError` when either event is unknown, both are of
        one article, or the merge could not be undone exactly.
        """
        if self.store.read_only:
            raise KBError("the store is open read-only")
        a, b = self._event_ref(event), self._event_ref(into)
        records = merge_records(self.store)
        if a in records:
            raise KBError(f"{event_id(a)} is merged into {event_id(records[a])} already; kb unmerge it first")
        graph = graph_of(a)
        if next(iter(self.store.quads(ox.NamedNode(a), ox.NamedNode(str(CKB.source)), None,
                                      ox.NamedNode(str(graph)))), None) is None:
            raise KBError(f"{event_id(a)} is not an event its article reports under its own id (is it the same as "
                          "another event already?)")
        if not self._stored(URIRef(b)):
            raise KBError(f"no event {event_id(b)} in the store")
        if article_of(a) == article_of(b):
            raise KBError("two events of one article are two events; merge events of different articles")
        if mentions(self.store, graph, b):
            raise KBError(f"article {article_of(a)} already mentions {event_id(b)}; the merge could not be undone "
                          "exactly, so it is refused")
        others = linked_from_elsewhere(self.store, a, [g for g in self.store.named_graphs()
                                                       if g.startswith(_ARTICLE_GRAPHS) and g != str(graph)])
        if others:
            raise KBError(f"other articles link to {event_id(a)} ({', '.join(_source_name(g) for g in others)}); "
                          "merge refused")
        records[a] = b
        self._move_claims(graph, a, b, records)
        return f"merged {event_id(a)} into {event_id(b)}"

    def unmerge(self, event: str) -> str:
        """Undo a merge of ``event`` (by :meth:`merge` or an accepted look-alike): its claims move back."""
        if self.store.read_only:
            raise KBError("the store is open read-only")
        a = self._event_ref(event)
        records = merge_records(self.store)
        if a not in records:
            raise KBError(f"{event_id(a)} is not merged into another event")
        b = records.pop(a)
        self._move_claims(graph_of(a), b, a, records)
        return f"{event_id(a)} is its own event again (it was merged into {event_id(b)})"

    def _move_claims(self, graph: URIRef, old: str, new: str, records: dict[str, str]) -> None:
        """Rename ``old`` to ``new`` in an article's graph (and its index) and store ``records``, in one transaction."""
        graphs = self._with_index({graph: renamed_ntriples(self.store, graph, old, new)})
        graphs[MERGES_GRAPH] = records_ntriples(records)
        self.store.replace_graphs(graphs)
        self.store.flush()

    def _event_ref(self, ref: str) -> str:
        iri = event_reference(ref)
        if iri is None:
            raise KBError(f"'{ref}' is not an event id; give article-id/event-id (see kb timeline --format json)")
        return str(iri)

    def remove(self, article: str | Path) -> int:
        """Take out one article — by id, IRI or its fact file — and return how many triples went.

        Everything an article said lives in its own graph, so removing the
        graph removes exactly its claims: an event another article also
        reports keeps that article's claims, dates and quotes.
        """
        if self.store.read_only:
            raise KBError("the store is open read-only")
        ref = str(article)
        if Path(ref).suffix.lower() in factfile.FACT_FILE_SUFFIXES and Path(ref).is_file():
            ref = factfile.load(ref).article.id
        article_id = ref.rsplit("/", 1)[-1] if ref.startswith("http") else ref
        graph = URIRef(_ARTICLE_GRAPHS + article_id)
        count = self.store.quad_count(graph) if factfile.valid_id(article_id) else 0
        if not count:
            known = ", ".join(r["id"] for r in self.sources()[:5])
            raise KBError(f"no article '{article_id}' in the store" + (f" (articles: {known}, ...)" if known else ""))
        self.store.replace_graphs({graph: "", index_graph_for(graph): ""})
        self.store.flush()
        self._registry = None
        return count

    def update(self, sparql: str, *, allow_network: bool = False) -> int:
        """Run a SPARQL Update as one transaction; returns the change in the number of quads.

        The one way to change the store by hand. LOAD and SERVICE reach the
        network, so they are refused unless ``allow_network``.
        """
        from .query import run_update

        if self.store.read_only:
            raise KBError("the store is open read-only")
        before = self.store.quad_count()
        self.store.set_marker("index", "stale")  # until reindexed: a crash in between leaves it to be rebuilt
        self._index_ok = False
        run_update(self.store, sparql, allow_network=allow_network)
        self.store.flush()
        self._registry = None
        changed = self.store.quad_count() - before
        self.reindex()  # the update may have touched any event: the index follows
        return changed

    def load(self, paths: Sequence[str | Path]) -> int:
        """Load RDF files (N-Quads, TriG, Turtle, ...), such as an export, in one transaction.

        Each named graph in them replaces the store's graph of that name, so
        loading an export of a store into another gives the same dataset.
        Triples outside named graphs go into ``graph/import/<file name>``.
        Parsing never fetches anything (no remote contexts or base IRIs).
        The bundled ontology and registry graphs and the index graphs in a
        file are left out: the store keeps its own. Returns the number of
        quads read.
        """
        if self.store.read_only:
            raise KBError("the store is open read-only")
        by_graph: dict[URIRef, list] = {}
        for raw in paths:
            path = Path(raw)
            fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".").lower()) if path.suffix else None
            if fmt is None:
                raise KBError(f"{path}: not an RDF file extension (.nq, .trig, .ttl, .nt, .jsonld, .rdf)")
            check_rdf_file(path)
            try:
                quads = list(ox.parse(path=str(path), format=fmt))
            except FileNotFoundError:
                raise KBError(f"{path}: no such file") from None
            except (SyntaxError, ValueError, OSError) as exc:
                raise KBError(f"{path}: cannot parse: {exc}") from None
            for q in quads:
                name = (URIRef(q.graph_name.value) if isinstance(q.graph_name, ox.NamedNode)
                        else GRAPH[f"import/{path.name}"])
                by_graph.setdefault(name, []).append(q.triple)
        graphs = {name: ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
                  for name, triples in by_graph.items()}
        # derived and bundled graphs are conflict-kb's own: a file cannot replace them (an export carries
        # the registry; loading it keeps the store's, which this version of conflict-kb maintains)
        graphs = {name: text for name, text in graphs.items()
                  if not (_derived(str(name)) or name in (ONTOLOGY_GRAPH, REGISTRY_GRAPH))}
        self._registry = None
        self.store.replace_graphs(self._with_index(graphs))
        self.store.flush()
        return sum(len(t) for t in by_graph.values())

    def _same_source(self, article: factfile.Article, where: str) -> None:
        """Refuse an article whose id the store holds for another source (see :meth:`ingest`)."""
        rows = run_named(self.store, "article-identity", article=article_iri(article.id))
        if not rows:
            return
        row = rows[0]
        stored_url, url = row["url"], article.url
        if stored_url and url:
            differs = normalised_url(stored_url) != normalised_url(url)
            theirs = f"its URL is {stored_url}"
        else:
            differs = (row["publisher"], str(row["published"])) != (article.publisher, article.published.isoformat())
            theirs = f"it is {row['publisher']}, {row['published']}"
        if differs:
            raise FactFileError(f"the store holds article '{article.id}' from another source ({theirs}); give this "
                                "one another id, or ingest with --replace to replace it", file=where,
                                field="article.id", section="article")

    def _one_node_per_article(self, article: factfile.Article, where: str, seen: dict[tuple, str]) -> None:
        """Refuse a second file for an article stored under another id (same URL, or publisher, title and day).

        Two ids for one article would count its claims twice, as two sources.
        The store is asked only for the articles of the same day and of the
        URL's spellings (index lookups), so the check costs about the same in
        any size of store (~1 ms at 10,000 articles).
        """
        keys = _article_keys(article.url, article.publisher, article.title, article.published)
        for row in run_named(self.store, "article-keys", published=article.published):
            stored = row["article"].rsplit("/", 1)[-1]
            for key in _article_keys(row["url"], row["publisher"], row["title"], row["published"]):
                seen.setdefault(key, stored)
        # the same URL on another day: looked up by value in the store's index, spelling by spelling
        # (a SPARQL pattern with the value substituted would scan every URL)
        anyuri, url_property = ox.NamedNode("http://www.w3.org/2001/XMLSchema#anyURI"), ox.NamedNode(str(CKB.url))
        for spelling in _url_spellings(article.url) if article.url else ():
            for quad in self.store.quads(None, url_property, ox.Literal(spelling, datatype=anyuri)):
                seen.setdefault(("url", normalised_url(spelling)), quad.subject.value.rsplit("/", 1)[-1])
        for key in keys:
            other = seen.get(key)
            if other is not None and other != article.id:
                what = "URL" if key[0] == "url" else "publisher, title and day"
                raise FactFileError(f"the store holds this article already, as '{other}' (the same {what}); give it "
                                    f"that id to replace it, or remove '{other}' first", file=where,
                                    field="article.id", section="article")
        for key in keys:
            seen[key] = article.id

    def _stored(self, iri: URIRef) -> bool:
        node = ox.NamedNode(str(iri))
        return any(True for _ in self.store.quads(node, ox.NamedNode(str(CKB.source)), None))

    def _proposals(self, rf: ResolvedFile, registry: Registry, batch: list[Sketch],
                   labels: dict[str, str]) -> list[MatchProposal]:
        out = []
        # the file's own events, stored from an earlier version of it, are being replaced, never matched:
        # re-ingesting an unchanged file proposes nothing, and no event is merged into its neighbour
        own = {str(ev.node) for ev in rf.events}
        own_prefix = str(event_iri(rf.facts.article.id, ""))
        for ev in rf.events:
            if ev.facts.same_as is not None:
                continue
            new = _sketch_resolved(ev, registry)
            candidates = [s for s in batch if s.iri != new.iri]
            candidates += [s for s in self._stored_sketches(new) if s.iri not in {c.iri for c in candidates}
                           and s.iri not in own and not s.iri.startswith(own_prefix)]
            for other in candidates:
                reasons = looks_alike(new, other)
                if reasons:
                    label = labels.get(other.iri) or self._label(other.iri)
                    out.append(MatchProposal(rf.facts.path, ev.facts.index, ev.facts.id, event_id(other.iri), label,
                                             reasons))
                    break
        return out

    def _stored_sketches(self, new: Sketch) -> list[Sketch]:
        if not new.precise:
            return []
        roles = KEY_ROLES.get(new.kind, ())
        first_actor = next((sorted(new.actors[r])[0] for r in roles if new.actors.get(r)), None)
        if first_actor is None:
            return []
        rows = run_named(self.store, "timeline-actor", actor1=URIRef(first_actor), first=new.start, last=new.end)
        events = self._events(r["event"] for r in rows if r["event"] != new.iri)
        return [_sketch_stored(e) for e in events.values()]

    def _label(self, iri: str) -> str:
        ev = self._event(iri)
        return ev.label if ev else iri

    # -- reading -----------------------------------------------------------

    @_reads
    def query(self, sparql: str, *, allow_network: bool = False, limits: Limits = DEFAULT_LIMITS) -> QueryResult:
        """Run a read-only SPARQL query over all graphs; SERVICE only with ``allow_network``.

        Raises :class:`~kb.errors.QueryError` for a malformed query, one that
        could reach the network, or one that passes ``limits`` (time, memory,
        rows: see :mod:`kb.limits`).
        """
        return run_sparql(self.store, sparql, allow_network=allow_network, limits=limits)

    @_reads
    def ask(self, question: str, *, today: dt.date | None = None, limits: Limits = DEFAULT_LIMITS):
        """Answer a question in one of :data:`kb.ask.FORMS`: rows plus the exact SPARQL that found them.

        >>> kb = KnowledgeBase.memory()
        >>> _ = kb.ingest(["examples/"])
        >>> answer = kb.ask("who mediated Israel–Syria talks after Dec 2024")
        >>> sorted({row["mediator"] for row in answer.rows})
        ['United States']
        """
        from .ask import ask

        return ask(question, resolve=self.resolve_actor, actor_iri=actor_iri,
                   run=lambda sparql: run_sparql(self.store, sparql, limits=limits, ours=True), today=today)

    def _event(self, iri: str, cache: dict | None = None) -> TimelineEvent | None:
        if self.store.inner is not None:  # embedded: the same rows as event.rq, read from the indexes (kb/facts.py)
            return event_from_rows(iri, event_rows(self.store.inner, iri, cache))
        return event_from_rows(iri, run_named(self.store, "event", event=URIRef(iri)))

    def _events(self, iris: Iterable[str]) -> dict[str, TimelineEvent]:
        """Many events, one read each.

        Measured on 10k synthetic events: 229 events took 311 ms as one
        substituted event.rq each and 869 ms as one query with a VALUES
        block, which pyoxigraph joins after evaluating each UNION branch over
        the whole store; the embedded store now skips SPARQL (kb/facts.py).
        """
        out, cache = {}, {}
        for iri in dict.fromkeys(iris):
            ev = self._event(iri, cache)
            if ev is not None:
                out[iri] = ev
        return out

    @_reads
    def timeline(self, *, actors: Iterable[str] = (), types: Iterable[str] = (), place: str | None = None,
                 since=None, until=None, after=None, before=None, include_uncertain: bool = False,
                 confidence: str | None = None, include_planned: bool = False,
                 today: dt.date | None = None) -> list[TimelineEvent]:
        """Events in date order: by earliest begin, then exact before vague.

        ``actors`` must all take part (a person counts for whom they
        represent); ``types`` are fact-file type or subtype keys, any of
        which may match; ``place`` is a place or a country (its cities
        count). An event whose sources' dates straddle the window is left
        out unless ``include_uncertain`` (then ``certain`` is False).
        ``confidence`` keeps events at least that firmly reported by some
        source (an event with no stated confidence counts as "reported").
        An event whose status is planned, postponed or cancelled, or that
        every source dates after its own publication (``planned``), has not
        happened: it is left out unless ``include_planned``.
        """
        win = window(since=since, until=until, after=after, before=before, ref=today)
        actor_iris = [actor_iri(self.resolve_actor(a)) for a in actors]
        type_iris = [self._type_iri(t) for t in types] or [None]
        least = self._confidence_rank(confidence)
        bindings = dict(first=max(win.first, DATE_MIN), last=min(win.last, DATE_MAX),
                        place=self._place_term(place) if place else None)
        if actor_iris:
            bindings.update(actor1=actor_iris[0], actor2=actor_iris[1] if len(actor_iris) > 1 else None)
        iris: dict[str, None] = {}
        keys = window_keys(actor_iris[0], bindings["first"], bindings["last"]) if actor_iris else None
        if keys is not None and len(actor_iris) > 1 and self._indexed():
            # probe the keys of the rarer actor of the pair: the cost follows its events, not the busier one's
            first, second = self._rarer(actor_iris[0], actor_iris[1], bindings["first"], bindings["last"])
            keys = window_keys(first, bindings["first"], bindings["last"])
            bindings["actor2"] = second
        for type_iri in type_iris:
            if keys is not None and self._indexed():
                # the access path by actor and time: a few index keys, not every event of the actor
                for key in keys:
                    for row in run_named(self.store, "timeline-index", key=key, type=type_iri,
                                         actor2=bindings["actor2"], place=bindings["place"]):
                        iris.setdefault(row["event"])
                continue
            for row in run_named(self.store, "timeline-actor" if actor_iris else "timeline", type=type_iri,
                                 **bindings):
                iris.setdefault(row["event"])
        wanted = {str(a) for a in actor_iris[2:]}
        events = []
        for ev in self._events(iris).values():
            inside = ev.in_window(win)
            if inside is None or (not inside and not include_uncertain):
                continue
            if wanted and not wanted <= {a for names in ev.actor_iris.values() for a in names}:
                continue
            if least is not None and CONFIDENCE_ORDER.index(ev.confidence or "reported") > least:
                continue
            if not ev.happened and not include_planned:
                continue
            ev.certain = inside
            events.append(ev)
        events.sort(key=lambda e: (e.start or dt.date.min, Precision[e.precision.upper().replace(" ", "_")], e.iri))
        return events

    def _rarer(self, a: URIRef, b: URIRef, first: dt.date, last: dt.date) -> tuple[URIRef, URIRef]:
        """(a, b), or (b, a) when b has fewer events filed under the window's index keys."""
        def filed(actor: URIRef) -> int:
            return sum(row["n"] for key in window_keys(actor, first, last)
                       for row in run_named(self.store, "index-count", key=key) if row["n"] is not None)

        return (b, a) if filed(b) < filed(a) else (a, b)

    def _confidence_rank(self, confidence: str | None) -> int | None:
        if confidence is None:
            return None
        if confidence not in CONFIDENCE_ORDER:
            raise KBError(f"unknown confidence '{confidence}'; expected one of {', '.join(CONFIDENCE_ORDER)}")
        return CONFIDENCE_ORDER.index(confidence)

    def _place_term(self, name: str) -> URIRef:
        """What --place matches: a country's state (so its cities count), else the place itself."""
        found = self.gazetteer.resolve(name)
        return actor_iri(found.country) if found.kind == "country" else place_iri(found.key)

    def _type_iri(self, key: str) -> URIRef:
        try:
            return TYPE_KEYS[key]
        except KeyError:
            raise KBError(f"unknown event type '{key}'; expected one of {', '.join(TYPE_KEYS)}") from None

    @_reads
    def mediators(self, a: str, b: str, *, since=None, until=None, after=None, before=None,
                  include_uncertain: bool = False, include_planned: bool = False, confidence: str | None = None,
                  today: dt.date | None = None) -> list[MediatorAnswer]:
        """Who mediated between actors ``a`` and ``b``, with the events that show it.

        A mediator that is a person counts for the actor they represent, and
        ``via`` lists the persons in those events who acted for the mediator.
        Windows, ``confidence`` and planned events work as in
        :meth:`timeline`; each event says how firmly it is reported and by
        how many articles, so a mediation only one side claims shows as such.
        """
        win = window(since=since, until=until, after=after, before=before, ref=today)
        least = self._confidence_rank(confidence)
        ia, ib = actor_iri(self.resolve_actor(a)), actor_iri(self.resolve_actor(b))
        if ia == ib:
            raise KBError(f"'{a}' and '{b}' are the same actor; name two different ones")
        answers: dict[str, MediatorAnswer] = {}
        first, last = max(win.first, DATE_MIN), min(win.last, DATE_MAX)
        if window_keys(ia, first, last) is not None and self._indexed():
            # the access path: the window's index keys (of the rarer actor) give a few candidates,
            # each checked by mediators.rq
            probe, other = self._rarer(ia, ib, first, last)
            candidates = dict.fromkeys(r["event"] for key in window_keys(probe, first, last)
                                       for r in run_named(self.store, "mediated-events", key=key, b=other))
            rows = [r for event in candidates
                    for r in run_named(self.store, "mediators", a=ia, b=ib, event=URIRef(event))]
            rows.sort(key=lambda r: (r["mediatorLabel"], r["event"]))
        else:
            rows = run_named(self.store, "mediators", a=ia, b=ib)
        events = self._events(r["event"] for r in rows)
        for row in rows:
            iri = row["event"]
            ev = events.get(iri)
            inside = ev.in_window(win) if ev else None
            if inside is None or (not inside and not include_uncertain) or (not ev.happened and not include_planned):
                continue
            if least is not None and CONFIDENCE_ORDER.index(ev.confidence or "reported") > least:
                continue
            ans = answers.setdefault(row["mediator"], MediatorAnswer(row["mediatorLabel"], row["mediator"], [], []))
            for person, represented in ev.acting_for.items():
                if row["mediator"] in represented and person not in ans.via:
                    ans.via.append(person)
            if all(e.iri != iri for e in ans.events):
                ans.events.append(EventRef(ev.id, iri, ev.label, ev.date, ev.place, inside, ev.confidence or "reported",
                                           len({c.article for c in ev.dates}), ev.planned, ev.status))
        for ans in answers.values():
            ans.via.sort()
            ans.events.sort(key=lambda e: (events[e.iri].start or dt.date.min, e.id))
        return sorted(answers.values(), key=lambda m: m.mediator)

    @_reads
    def show(self, ref: str) -> TimelineEvent:
        """One event by id (``article-id/event-id``, or a bare event id if unique), IRI, or a unique search string."""
        iri = event_reference(ref)
        if iri is not None and self._stored(iri):
            return self._event(str(iri))
        rows = run_named(self.store, "find-event", text=ref.strip().casefold())
        found = {r["event"]: r["label"] for r in rows}
        if len(found) == 1:
            return self._event(next(iter(found)))
        if not found:
            raise KBError(f"no event matches '{ref}'; give article-id/event-id (see kb timeline --format json) "
                          "or words of its label")
        listed = "; ".join(f"{event_id(i)} ({label})" for i, label in sorted(found.items())[:8])
        raise KBError(f"'{ref}' matches {len(found)} events: {listed}; give one id")

    @_reads
    def sources(self) -> list[dict[str, Any]]:
        """Every article in the store, with how many events it reports."""
        return [{"id": r["article"].rsplit("/", 1)[-1], "title": r["title"], "publisher": r["publisher"],
                 "published": r["published"], "url": r["url"], "events": r["events"]}
                for r in run_named(self.store, "sources")]

    @_reads
    def validate(self, paths: Sequence[str | Path] = (), *, store: bool = False) -> list[str]:
        """SHACL violations (and fact-file errors), one located message each; empty when all conform.

        ``paths`` may be fact files (checked as ingest would, nothing
        written) or RDF files; ``store`` checks every graph in the store,
        each on its own.
        """
        from .validation import context_graph, validate_graphs, validate_rdf_file, violations

        problems: list[str] = []
        batch: set[str] = set()  # events of the files before, as ingest would see them
        checks: dict[tuple, str] = {}  # the articles of the files before, as ingest would see them
        for path in factfile.find_fact_files(list(paths)) if paths else []:
            if path.suffix.lower() in (".jsonl", ".ndjson"):
                raise KBError(f"{path}: JSON Lines are checked event by event as they are ingested; "
                              "validate them in the store afterwards (kb validate --store)")
            if path.suffix.lower() in factfile.FACT_FILE_SUFFIXES:
                try:  # the checks ingest makes, reading the store but writing nothing
                    ff = factfile.load(path)
                    self._same_source(ff.article, ff.path)
                    self._one_node_per_article(ff.article, ff.path, checks)
                    resolved = resolve(ff, self.registry, self.gazetteer,
                                       event_exists=lambda iri: str(iri) in batch or self._stored(iri))
                except FactFileError as exc:
                    problems += str(exc).splitlines()  # every problem of the file, one line each
                    continue
                batch.update(str(ev.node) for ev in resolved.events)
                _, g = map_file(resolved)
                where = {str(ev.node): (ev.facts.index, ev.facts.id) for ev in resolved.events}
                problems += [v.located(ff.path, where) for v in violations(context_graph(g, resolved.registry))]
            else:
                problems += validate_rdf_file(Path(path), self.registry)
        if store:
            graphs = {}
            for name in self.store.named_graphs():
                if name == str(ONTOLOGY_GRAPH) or _derived(name):
                    continue
                triples = (q.triple for q in self.store.quads(None, None, None, ox.NamedNode(name)))
                nt = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
                graphs[name] = Graph().parse(data=nt, format="nt")
            problems += validate_graphs(graphs, self.registry, str(self.store))
        return problems

    # -- actors ------------------------------------------------------------

    @_reads
    def actors(self, search: str | None = None, *, type: str | None = None) -> list[Actor]:
        """Known actors whose name or an alias contains ``search`` (case and accent blind)."""
        if type is not None and type not in ACTOR_TYPES:
            raise KBError(f"unknown actor type '{type}'; expected one of {', '.join(ACTOR_TYPES)}")
        return self.registry.search(search, type=type)

    @_reads
    def actor(self, name: str) -> ActorInfo:
        """One actor: aliases, titles and mandates with their sources, and its timeline."""
        actor = self.resolve_actor(name)
        iri = actor_iri(actor)
        titles, mandates = [], []
        for row in run_named(self.store, "actor", actor=iri):
            source = _source_name(row["g"])
            if row["kind"] == "title":
                item = {"title": row["value"], "source": source}
                if item not in titles:
                    titles.append(item)
            elif row["kind"] == "mandate":
                item = {"actor": row["value"], "title": row["title"], "from": row["start"], "until": row["end"],
                        "source": source}
                if item not in mandates:
                    mandates.append(item)
        return ActorInfo(actor.name, str(iri), actor.type, list(actor.aliases), titles, mandates, actor.iso,
                         actor.wikidata, self.timeline(actors=[actor.name]))

    def add_actor(self, name: str, *, type: str, title: str | None = None, represents: str | None = None,
                  start: str | None = None, end: str | None = None, aliases: Sequence[str] = ()) -> Actor:
        """Add an actor to this store's own registry (its actors.yaml), checked first.

        The file is rewritten whole (never half-written) and its graph
        replaced, so the actor resolves in later fact files and questions.
        """
        if self.store.read_only:
            raise KBError("the store is open read-only")
        if type not in ACTOR_TYPES:
            raise KBError(f"unknown actor type '{type}'; expected one of {', '.join(ACTOR_TYPES)}")
        if represents and type not in REPRESENTING_TYPES:
            raise KBError(NOT_REPRESENTING)
        if (start or end) and not represents:
            raise KBError("--from/--until date a mandate: give --represents too")
        entry: dict[str, Any] = {"name": name, "type": type, "title": title, "aliases": list(aliases)}
        if represents:
            entry.update({"represents": self.resolve_actor(represents).name, "from": start, "until": end})
        actor = actor_from_dict({k: v for k, v in entry.items() if v}, source=USER_REGISTRY_FILE)
        for m in actor.mandates:
            try:
                mandate_dates(m)
            except DateError as exc:
                raise KBError(f"--from/--until: {exc}") from None
        for alias in (name, *aliases):
            clash = [a for a in self.registry.candidates(alias) if a.key != actor.key]
            if clash:
                raise ActorError(f"'{alias}' already names {' and '.join(a.name for a in clash)}; "
                                 "choose another name or alias")
        if actor.mandates:
            self.store.set_marker("index", "stale")  # rebuilt below; after a crash, on the next writable open
            self._index_ok = False
        write_user_actors(self.store, [a for a in user_actors(self.store) if a.key != actor.key] + [actor])
        if actor.mandates:
            self.reindex()  # whom a person represents decides under which actors their events are filed
        self._registry = None
        return self.registry.resolve(name)

    def add_alias(self, name: str, alias: str) -> Actor:
        """Give a known actor another name, kept in this store's actors.yaml.

        Raises :class:`~kb.errors.ActorError` when ``name`` is unknown or
        ambiguous, or when ``alias`` already names another actor (it would
        make that name ambiguous for everyone).
        """
        if self.store.read_only:
            raise KBError("the store is open read-only")
        actor = self.resolve_actor(name)
        clash = [a for a in self.registry.candidates(alias) if a.key != actor.key]
        if clash:
            raise ActorError(f"'{alias}' already names {' and '.join(a.name for a in clash)}; an alias may name "
                             "one actor only")
        users = user_actors(self.store)
        mine = next((a for a in users if a.key == actor.key), None)
        entry = dataclasses.replace(mine, aliases=(*mine.aliases, alias)) if mine else Actor(
            actor.name, actor.type, (alias,), source=USER_REGISTRY_FILE)
        write_user_actors(self.store, [a for a in users if a.key != actor.key] + [entry])
        self._registry = None
        return self.registry.resolve(alias)

    # -- the whole store ---------------------------------------------------

    @_reads
    def stats(self) -> dict[str, Any]:
        """Counts: articles, events by type, actors, triples and graphs."""
        articles = [g for g in self.store.named_graphs() if g.startswith(_ARTICLE_GRAPHS)]
        by_type = {row["label"]: row["events"] for row in run_named(self.store, "stats")}
        events = len({q.subject for q in self.store.quads(None, ox.NamedNode(str(CKB.source)),
                                                                           None)})
        return {
            "store": str(self.store),
            "articles": len(articles),
            "events": events,
            "events by type": by_type,
            "actors in registry": len(self.registry),
            "triples": self.store.quad_count(),
            "triples in articles": sum(self.store.quad_count(URIRef(g)) for g in articles),
        }

    @_reads
    def export(self, format: str = "ttl", output: str | Path | IO[bytes] | None = None, *,
               with_ontology: bool = False) -> bytes | None:
        """Write the knowledge base as RDF another triple store can load.

        Quad formats (trig, nq) keep each article's named graph; triple
        formats (ttl, nt, jsonld) merge all graphs into one (ttl and nt stream graph by graph, so a
        triple several graphs state is written once per graph). The ontology is
        left out unless ``with_ontology``; the actor registry is always in.
        Returns bytes when ``output`` is None.
        """
        fmt = EXPORT_FORMATS.get(format)
        if fmt is None:
            raise KBError(f"unknown export format '{format}'; expected one of {', '.join(EXPORT_FORMATS)}")
        graphs = [ox.NamedNode(g) for g in self.store.named_graphs()
                  if (with_ontology or g != str(ONTOLOGY_GRAPH)) and not _derived(g)]
        if fmt.supports_datasets and fmt is not ox.RdfFormat.JSON_LD:
            data = (q for g in graphs for q in self.store.quads(None, None, None, g))
        elif fmt is not ox.RdfFormat.JSON_LD:
            # graph by graph, so memory does not grow with the store (a CONSTRUCT over all graphs
            # deduplicates in memory: 826 MB at 100k events, 3.2 GB at 1M, against 128 MB this way);
            # a triple two graphs state is written twice, which every RDF reader takes as one
            data = (q.triple for g in graphs for q in self.store.quads(None, None, None, g))
        else:
            data = (t for t in self.store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
                                                graphs=[URIRef(g.value) for g in graphs]))
        prefixes = EXPORT_PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
        if isinstance(output, (str, Path)):
            output = str(output)
        return ox.serialize(data, output, format=fmt, prefixes=prefixes)


def normalised_url(url: str) -> str:
    """A URL as a key for "the same article": scheme, www., case of the host, fragment, tracking
    parameters and a final slash do not count.

    >>> normalised_url("HTTPS://www.Example.org/a/story/?utm_source=x#top")
    'example.org/a/story'
    """
    from urllib.parse import parse_qsl, urlencode, urlsplit

    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    host = (parts.hostname or "").lower().removeprefix("www.")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not k.lower().startswith("utm_")])
    return host + parts.path.rstrip("/") + (f"?{query}" if query else "")


def _url_spellings(url: str) -> list[str]:
    """The spellings of one URL that sources write: http or https, with or without www. and a final slash."""
    key = normalised_url(url)
    return [f"{scheme}://{www}{key}{slash}" for scheme in ("https", "http") for www in ("", "www.")
            for slash in ("", "/")]


def _article_keys(url, publisher, title, published) -> list[tuple]:
    keys: list[tuple] = [("url", normalised_url(url))] if url else []
    day = published.isoformat() if hasattr(published, "isoformat") else str(published)
    keys.append(("text", " ".join(str(publisher).casefold().split()), " ".join(str(title).casefold().split()), day))
    return keys


def _derived(graph: str) -> bool:
    """The index graphs and the markers graph: rebuilt by conflict-kb, never exported or validated."""
    return graph.startswith(INDEX_GRAPHS) or graph == str(GRAPH["markers"])


def _rolled_up(actor: Actor, registry: Registry) -> list[str]:
    """An actor's IRI, or for a person who represents others, theirs (as the queries roll up)."""
    if actor.mandates:
        return [str(actor_iri(registry.resolve(m.actor))) for m in actor.mandates]
    return [str(actor_iri(actor))]


def _sketch_resolved(ev: ResolvedEvent, registry: Registry) -> Sketch:
    place = ev.place
    return Sketch(
        iri=str(ev.node), type=ev.facts.type, start=ev.when.earliest_begin, end=ev.when.latest_end,
        actors={role: frozenset(str(actor_iri(a)) for a in actors) if role in UNROLLED_ROLES
                else frozenset(i for a in actors for i in _rolled_up(a, registry)) for role, actors in ev.roles.items()},
        place=str(place_iri(place.key)) if place else None,
        place_country=str(actor_iri(place.country)) if place and place.country else None,
    )


def _sketch_stored(ev: TimelineEvent) -> Sketch:
    return Sketch(iri=ev.iri, type=ev.type, start=ev.start, end=ev.end,
                  actors={role: frozenset(ev.actor_nodes.get(role, iris) if role in UNROLLED_ROLES else iris)
                          for role, iris in ev.actor_iris.items()},
                  place=ev.place_iri, place_country=ev.place_country)
