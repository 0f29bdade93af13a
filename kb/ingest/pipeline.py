"""The careful ingest path: fact file by fact file, every check before anything is written.

Each file is read (:mod:`kb.ingest.factfile`), checked against the store's
sources (one article, one id, one node), resolved (:mod:`kb.ingest.resolve`),
compared with known events (:mod:`kb.ingest.matching`), mapped
(:mod:`kb.ingest.mapping`) and validated (:mod:`kb.ingest.validation`); the
batch joins the store in one transaction at the end. JSON Lines take the
streaming path instead (:mod:`kb.ingest.bulk`), which shares the checks of
an article's source.

What the pipeline needs of the rest of the library it is given: the store,
the registry, and ``index`` (a function that adds the index graphs to a set
of graphs, :func:`kb.store.index.with_index`).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import pyoxigraph as ox

from kb.errors import ExtractError, FactFileError, KBError
from kb.ingest import factfile
from kb.ingest.mapping import map_file
from kb.ingest.matching import Sketch, Sketches, bucket, dates_match, key_roles, looks_alike
from kb.ingest.merges import apply_merges, merge_records, records_ntriples
from kb.ingest.resolve import ResolvedEvent, ResolvedFile, resolve
from kb.model.actors import Actor, Registry
from kb.model.iris import (
    ARTICLE_GRAPHS,
    INDEX_GRAPHS,
    MERGES_GRAPH,
    actor_iri,
    article_iri,
    event_iri,
    event_reference,
    place_iri,
)
from kb.model.namespace import CKB, IRI
from kb.model.places import Gazetteer
from kb.model.vocab import EVENT_TYPES, UNROLLED_ROLES
from kb.read.answers import TimelineEvent, event_id
from kb.read.facts import event_classes, event_span
from kb.read.planner import read_event, read_events, stored
from kb.read.query import run_named
from kb.store.base import Store
from kb.store.index import index_stamp, month_keys

__all__ = [
    "MatchProposal",
    "IngestReport",
    "ingest_files",
    "ingest_drafts",
    "check_files",
    "ArticleChecks",
    "normalised_url",
]

Merge = bool | Callable[["MatchProposal"], bool]
Index = Callable[[Mapping], dict]


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
    drafted: dict[str, int] = field(default_factory=dict)  # --from-text: events drafted, by type


# -- one article, one id, one node ------------------------------------------


def normalised_url(url: str) -> str:
    """A URL as a key for "the same article": scheme, www., case of the host, fragment, tracking
    parameters and a final slash do not count.

    >>> normalised_url("HTTPS://www.Example.org/a/story/?utm_source=x#top")
    'example.org/a/story'
    """
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
    return [
        f"{scheme}://{www}{key}{slash}" for scheme in ("https", "http") for www in ("", "www.") for slash in ("", "/")
    ]


def _article_keys(url, publisher, title, published) -> list[tuple]:
    keys: list[tuple] = [("url", normalised_url(url))] if url else []
    day = published.isoformat() if hasattr(published, "isoformat") else str(published)
    keys.append(("text", " ".join(str(publisher).casefold().split()), " ".join(str(title).casefold().split()), day))
    return keys


class ArticleChecks:
    """The checks of an article's source against the store, remembering the articles of one batch."""

    def __init__(self, store: Store, *, replace: bool = False) -> None:
        self.store = store
        self.replace = replace
        self.keys: dict[tuple, str] = {}  # URL or (publisher, title, day) -> article id

    def __call__(self, article: factfile.Article, where: str) -> None:
        if not self.replace:
            self.same_source(article, where)
        self.one_node(article, where)

    def same_source(self, article: factfile.Article, where: str) -> None:
        """Refuse an article whose id the store holds for another source (another URL, or publisher or day)."""
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
            raise FactFileError(
                f"the store holds article '{article.id}' from another source ({theirs}); give this "
                "one another id, or ingest with --replace to replace it",
                file=where,
                field="article.id",
                section="article",
            )

    def one_node(self, article: factfile.Article, where: str) -> None:
        """Refuse a second file for an article stored under another id (same URL, or publisher, title and day).

        Two ids for one article would count its claims twice, as two sources.
        The store is asked only for the articles of the same day and of the
        URL's spellings (index lookups), so the check costs about the same in
        any size of store (~1 ms at 10,000 articles).
        """
        seen = self.keys
        keys = _article_keys(article.url, article.publisher, article.title, article.published)
        for row in run_named(self.store, "article-keys", published=article.published):
            other = row["article"].rsplit("/", 1)[-1]
            for key in _article_keys(row["url"], row["publisher"], row["title"], row["published"]):
                seen.setdefault(key, other)
        # the same URL on another day: looked up by value in the store's index, spelling by spelling
        # (a SPARQL pattern with the value substituted would scan every URL)
        anyuri, url_property = ox.NamedNode("http://www.w3.org/2001/XMLSchema#anyURI"), ox.NamedNode(str(CKB.url))
        for spelling in _url_spellings(article.url) if article.url else ():
            for quad in self.store.quads(None, url_property, ox.Literal(spelling, datatype=anyuri)):
                if isinstance(quad.subject, ox.NamedNode):
                    seen.setdefault(("url", normalised_url(spelling)), quad.subject.value.rsplit("/", 1)[-1])
        for key in keys:
            other = seen.get(key)
            if other is not None and other != article.id:
                what = "URL" if key[0] == "url" else "publisher, title and day"
                raise FactFileError(
                    f"the store holds this article already, as '{other}' (the same {what}); give it "
                    f"that id to replace it, or remove '{other}' first",
                    file=where,
                    field="article.id",
                    section="article",
                )
        for key in keys:
            seen[key] = article.id


# -- look-alikes ---------------------------------------------------------------


def _rolled_up(actor: Actor, registry: Registry) -> list[str]:
    """An actor's IRI, or for a person who represents others, theirs (as the queries roll up)."""
    if actor.mandates:
        return [str(actor_iri(registry.resolve(m.actor))) for m in actor.mandates]
    return [str(actor_iri(actor))]


def _sketch_resolved(ev: ResolvedEvent, registry: Registry) -> Sketch:
    place = ev.place
    return Sketch(
        iri=str(ev.node),
        type=ev.facts.type,
        start=ev.when.earliest_begin,
        end=ev.when.latest_end,
        actors={
            role: frozenset(str(actor_iri(a)) for a in actors)
            if role in UNROLLED_ROLES
            else frozenset(i for a in actors for i in _rolled_up(a, registry))
            for role, actors in ev.roles.items()
        },
        place=str(place_iri(place.key)) if place else None,
        place_country=str(actor_iri(place.country)) if place and place.country else None,
    )


def _sketch_stored(ev: TimelineEvent) -> Sketch:
    return Sketch(
        iri=ev.iri,
        type=ev.type,
        start=ev.start,
        end=ev.end,
        actors={
            role: frozenset(ev.actor_nodes.get(role, iris) if role in UNROLLED_ROLES else iris)
            for role, iris in ev.actor_iris.items()
        },
        place=ev.place_iri,
        place_country=ev.place_country,
    )


def _stored_sketches(store: Store, new: Sketch, indexed: bool) -> list[Sketch]:
    """The stored events that could look like ``new``: of its kind, with its key actors, in its days.

    On an indexed store, through the actor-time index: the first key actor's
    month keys for those days, the second key actor and the kind's classes
    bound, so only real candidates are read (a 100k-event store took 2.8 s a
    scan). Month keys only: an event looks alike only when its dates span
    under a week, and a source that dates it so files it under months; the
    year and "open" keys hold the vaguer reports (thousands, for a busy
    actor). What they alone could add — an event each of whose sources is
    vaguer than the index's month span, though together they narrow it to
    days — is not proposed on this path; same-as still merges it.
    """
    if bucket(new) is None or new.start is None or new.end is None:
        return []
    actors = sorted({a for r in key_roles(new.type) for a in new.actors.get(r, ())})
    keys = month_keys(actors[0], new.start, new.end) if indexed else None
    if keys is None:
        rows = run_named(store, "timeline-actor", actor1=IRI(actors[0]), first=new.start, last=new.end)
    else:
        second = IRI(actors[1]) if len(actors) > 1 else None
        classes: list[IRI | None] = [t.cls for t in EVENT_TYPES.values() if t.kind == new.kind]
        if store.embedded is not None:  # the kind tested on each candidate's type quads (below), not in SPARQL:
            classes = [None]  # the subclass path cost 15-20 ms a key and class at 100k events, the probe 6 ms
        rows = [
            row
            for key in keys
            for cls in classes
            for row in run_named(store, "timeline-index", key=key, type=cls, actor2=second, place=None)
        ]
    found = dict.fromkeys(r["event"] for r in rows if r["event"] != new.iri)
    if store.embedded is not None:  # the window and kind tests first, on quads alone: most are other days
        kinds = _kind_classes(new.kind)
        found = dict.fromkeys(
            iri
            for iri in found
            if dates_match(*event_span(store.embedded, iri), new) and event_classes(store.embedded, iri) & kinds
        )
    return [_sketch_stored(e) for e in read_events(store, found).values()]


@cache
def _kind_classes(kind: str) -> frozenset[str]:
    """The event classes of a kind (talks, agreements, ...) and every subclass the bundled ontology gives them
    (the subclass pairs the compiled shapes read: every store holds that ontology)."""
    from kb.ingest.shapes import _ontology_facts

    subclasses, _ = _ontology_facts()
    found = {str(t.cls) for t in EVENT_TYPES.values() if t.kind == kind}
    grew = True
    while grew:
        more = {str(sub) for sub, sup in subclasses if str(sup) in found} - found
        found |= more
        grew = bool(more)
    return frozenset(found)


def _proposals(
    store: Store,
    rf: ResolvedFile,
    registry: Registry,
    batch: Sketches,
    labels: dict[str, str],
    indexed: bool = False,
) -> list[MatchProposal]:
    out = []
    # the file's own events, stored from an earlier version of it, are being replaced, never matched:
    # re-ingesting an unchanged file proposes nothing, and no event is merged into its neighbour
    own = {str(ev.node) for ev in rf.events}
    own_prefix = str(event_iri(rf.facts.article.id, ""))
    for ev in rf.events:
        if ev.facts.same_as is not None:
            continue
        new = _sketch_resolved(ev, registry)
        candidates = batch.alike(new)
        seen = {c.iri for c in candidates}
        candidates += [
            s
            for s in _stored_sketches(store, new, indexed)
            if s.iri not in seen and s.iri not in own and not s.iri.startswith(own_prefix)
        ]
        for other in candidates:
            reasons = looks_alike(new, other)
            if reasons:
                label = labels.get(other.iri)
                if label is None:
                    known = read_event(store, other.iri)
                    label = known.label if known else other.iri
                out.append(
                    MatchProposal(rf.facts.path, ev.facts.index, ev.facts.id, event_id(other.iri), label, reasons)
                )
                break
    return out


# -- the batch -----------------------------------------------------------------


@dataclass
class _Batch:
    """What an ingest has gathered so far: the files before the current one."""

    store: Store
    registry: Registry
    gazetteer: Gazetteer
    checks: ArticleChecks
    report: IngestReport = field(default_factory=IngestReport)
    graphs: dict[str, str] = field(default_factory=dict)  # each file's graph as N-Triples, once it is checked
    seen: dict[str, str] = field(default_factory=dict)  # article id -> file
    sketches: Sketches = field(default_factory=Sketches)  # events, for references and look-alikes
    indexed: bool = False  # whether the store's index is current (stored look-alikes are found through it)
    merges: dict[str, str] = field(default_factory=dict)  # recorded merges (kb.ingest.merges), and this batch's
    merged: bool = False  # whether this batch accepted a merge (the merges graph is then rewritten)
    labels: dict[str, str] = field(default_factory=dict)

    def exists(self, iri: str) -> bool:
        return str(iri) in self.sketches.iris or stored(self.store, iri)


def ingest_files(
    store: Store,
    registry: Registry,
    files: Sequence[Path],
    *,
    index: Index,
    gazetteer: Gazetteer | None = None,
    new_actors: bool = False,
    merge: Merge = False,
    validate: bool = True,
    keep_going: bool = False,
    replace: bool = False,
    strict: bool = False,
) -> IngestReport:
    """Ingest fact files in one transaction (see :meth:`kb.KnowledgeBase.ingest`); ``registry`` is not changed.

    ``gazetteer`` brings the places the store's articles declared; the
    batch's own declarations are added to a copy of it, file by file.
    """
    batch_registry = registry.copy()
    batch = _Batch(
        store,
        batch_registry,
        gazetteer.for_registry(batch_registry) if gazetteer else Gazetteer(batch_registry),
        ArticleChecks(store, replace=replace),
        merges=merge_records(store),
        indexed=store.marker("index") == index_stamp(),
    )
    for path in files:
        try:
            _ingest_one(path, batch, new_actors=new_actors, merge=merge, validate=validate, strict=strict)
        except FactFileError as exc:
            if not keep_going:
                raise
            batch.report.failed.append(str(exc))
    if batch.graphs:
        graphs = index(batch.graphs)
        if batch.merged:  # accepted look-alikes are recorded, so re-ingesting keeps them merged
            graphs[MERGES_GRAPH] = records_ntriples(batch.merges)
        if _sliced(store, graphs):
            from kb.ingest.bulk import load_new_articles

            load_new_articles(store, graphs)
        else:
            store.replace_graphs(graphs)
            store.flush()
    return batch.report


SLICED_FROM = int(os.environ.get("KB_SLICED_LOAD_FROM", 8_000_000))  # bytes of N-Triples (~40k triples)


def _sliced(store: Store, graphs: Mapping[str, str]) -> bool:
    """Whether a batch loads through the bulk loader under the journal instead of one transaction: a big batch
    of new articles only (nothing to replace, no merges), into a store on disk (which can keep a journal)."""
    return (
        store.folder is not None
        and hasattr(store, "bulk_load_nquads")
        and sum(len(text) for text in graphs.values()) >= SLICED_FROM
        and all(str(g).startswith((ARTICLE_GRAPHS, INDEX_GRAPHS)) and text for g, text in graphs.items())
        and not any(store.has_graph(g) for g in graphs)
    )


def _ingest_one(
    path: Path, batch: _Batch, *, new_actors: bool, merge: Merge, validate: bool, strict: bool = False
) -> None:
    """Read, resolve, map and check one file; the batch changes only once all of it succeeded."""
    ff = factfile.load(path)
    if ff.article.id in batch.seen:
        raise FactFileError(
            f"describes the same article ({ff.article.id}) as {batch.seen[ff.article.id]}",
            file=ff.path,
            field="article",
        )
    batch.checks(ff.article, ff.path)
    ff = apply_merges(ff, batch.merges)
    resolved = resolve(ff, batch.registry, batch.gazetteer, new_actors=new_actors, event_exists=batch.exists)
    proposals = _proposals(batch.store, resolved, resolved.registry, batch.sketches, batch.labels, batch.indexed)
    accepted = [p for p in proposals if (merge(p) if callable(merge) else merge)]
    if accepted:
        chosen = {p.event_id: p.existing for p in accepted}
        ff = dataclasses.replace(
            ff,
            events=tuple(dataclasses.replace(ev, same_as=chosen[ev.id]) if ev.id in chosen else ev for ev in ff.events),
        )
        resolved = resolve(ff, batch.registry, batch.gazetteer, new_actors=new_actors, event_exists=batch.exists)
        for p in accepted:
            p.merged = True
            batch.merges[str(event_iri(ff.article.id, p.event_id))] = str(event_reference(p.existing))
        batch.merged = True
    name, g = map_file(resolved)
    if validate:
        from kb.ingest.validation import check_graph

        check_graph(g, resolved, strict=strict)
    # all checks passed: now the file joins the batch
    report = batch.report
    batch.seen[ff.article.id] = ff.path
    for actor in [a for _, a in resolved.declared] + list(resolved.created):
        batch.registry.add(actor)
    for place in resolved.places:
        batch.gazetteer.declare(place)
    # kept as text, not as an rdflib graph: 200 files of 50 events held as graphs peaked at 1 GB
    batch.graphs[name] = g.serialize(format="nt")
    for ev in resolved.events:
        batch.sketches.add(_sketch_resolved(ev, batch.registry))
        batch.labels[str(ev.node)] = ev.facts.name or ev.facts.summary or ev.facts.type
    report.proposals += proposals
    report.created += [a.name for a in resolved.created]
    report.warnings += list(resolved.warnings)
    report.files.append(ff.path)
    report.articles += 1
    report.events += len(ff.events)
    report.triples += len(g)
    if batch.store.has_graph(name):
        report.replaced += 1


def ingest_drafts(
    paths: Sequence[str | Path],
    draft: Callable[[str | Path], tuple[str, dict[str, int]]],
    ingest: Callable[[list[Path], Merge], IngestReport],
    merge: Merge = False,
    *,
    from_folder: Sequence[str | Path] = (),
    progress: Callable[[], None] | None = None,
) -> IngestReport:
    """Draft each article (``draft`` gives a fact file's text and its events by type), then ``ingest`` them.

    The drafts live in a temporary folder; reports and errors name the
    articles, never the drafts. An article named on its own with no event is
    an error; one found in a folder (``from_folder``) is skipped with a
    warning, so one quiet article does not stop a folder. ``progress`` is
    called after each article.
    """
    skipped: list[str] = []
    types: dict[str, int] = {}
    import tempfile

    with tempfile.TemporaryDirectory(prefix="kb-extract-") as tmp:
        drafts, sources = [], []
        folder_found = {str(p) for p in from_folder}
        for n, path in enumerate(paths):
            text, counts = draft(path)
            if progress is not None:
                progress()
            if not counts and str(path) in folder_found:
                skipped.append(f"{path}: no events found: no trigger of the lexicon with enough known actors")
                continue
            if not counts:
                raise ExtractError(
                    "no events found: no trigger of the lexicon with enough known actors", file=str(path)
                )
            for kind, k in counts.items():
                types[kind] = types.get(kind, 0) + k
            drafted = Path(tmp) / f"{n:05d}-{Path(path).stem}.yaml"
            drafted.write_text(text, encoding="utf-8")
            drafts.append(drafted)
            sources.append(path)
        if not drafts:
            raise ExtractError("no events found in any article", file=str(from_folder[0] if from_folder else paths[0]))
        originals = {str(d): str(p) for d, p in zip(drafts, sources, strict=True)}

        def named(proposal: MatchProposal) -> bool:  # proposals name the article, not the temporary draft
            proposal.file = originals.get(proposal.file, proposal.file)
            return merge(proposal) if callable(merge) else bool(merge)

        try:
            report = ingest(drafts, named)
        except FactFileError as exc:  # name the article, not the temporary draft
            raise FactFileError(
                exc.message,
                file=originals.get(exc.file or "", exc.file),
                index=exc.index,
                event_id=exc.event_id,
                field=exc.field,
                section=exc.section,
            ) from None
        report.files = [originals.get(str(f), str(f)) for f in report.files]
        for drafted_name, original in originals.items():
            report.warnings = [w.replace(drafted_name, original) for w in report.warnings]
        report.warnings += skipped
        report.drafted = dict(sorted(types.items()))
        return report


# -- checking without writing --------------------------------------------------


def check_files(
    store: Store, registry: Registry, paths: Sequence[str | Path], gazetteer: Gazetteer | None = None
) -> list[str]:
    """The problems ingest would find in fact files or RDF files, one located message each; nothing written."""
    from kb.ingest.validation import context_graph, validate_rdf_file, violations

    registry = registry.copy()  # later files see earlier files' actors and places, as ingest does
    gazetteer = gazetteer.for_registry(registry) if gazetteer else Gazetteer(registry)
    problems: list[str] = []
    batch: set[str] = set()  # events of the files before, as ingest would see them
    checks = ArticleChecks(store)  # the articles of the files before, as ingest would see them
    for path in factfile.find_fact_files(list(paths)):
        if path.suffix.lower() in (".jsonl", ".ndjson"):
            raise KBError(
                f"{path}: JSON Lines are checked event by event as they are ingested; "
                "validate them in the store afterwards (kb validate --store)"
            )
        if path.suffix.lower() not in factfile.FACT_FILE_SUFFIXES:
            problems += validate_rdf_file(Path(path), registry)
            continue
        try:
            ff = factfile.load(path)
            checks(ff.article, ff.path)
            resolved = resolve(
                ff, registry, gazetteer, event_exists=lambda iri: str(iri) in batch or stored(store, iri)
            )
        except FactFileError as exc:
            problems += str(exc).splitlines()  # every problem of the file, one line each
            continue
        batch.update(str(ev.node) for ev in resolved.events)
        for _, actor in resolved.declared:
            registry.add(actor)
        for place in resolved.places:
            gazetteer.declare(place)
        _, g = map_file(resolved)
        where = {str(ev.node): (ev.facts.index, ev.facts.id) for ev in resolved.events}
        problems += [v.located(ff.path, where) for v in violations(context_graph(g, resolved.registry))]
    return problems
