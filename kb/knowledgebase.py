"""The library's front door: :class:`KnowledgeBase`.

Every ``kb`` command is a few lines over one method here. The methods walk
the pipeline: fact files are read (:mod:`kb.factfile`), resolved
(:mod:`kb.resolve`), mapped (:mod:`kb.mapping`), written to the store
(:mod:`kb.store`) and queried (:mod:`kb.query`); turning answers into text
is :mod:`kb.render`'s job, not this module's.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any, Iterable, Sequence

import pyoxigraph as ox
from rdflib import Graph, URIRef

from . import factfile
from .actors import ACTOR_TYPES, Actor, Mandate, Registry, load_registry_file, mandate_dates
from .dates import Precision, describe, window
from .errors import ActorError, DateError, FactFileError, KBError
from .mapping import (ACTOR_CLASSES, EVENT_CLASSES, ONTOLOGY_GRAPH, PRECISIONS, REGISTRY_GRAPH, ROLE_PROPERTIES,
                      SUBTYPE_CLASSES, USER_REGISTRY_GRAPH, actor_iri, bundled_registry_ntriples,
                      describe_actor, map_file, place_iri)
from .namespace import CKB, DATA, GRAPH, PREFIXES
from .query import DATE_MAX, DATE_MIN, QueryResult, run_named, run_sparql
from .places import Gazetteer, Place
from .resolve import resolve
from .store import Store, default_store_path, ontology_ntriples

__all__ = ["KnowledgeBase", "IngestReport", "TimelineEvent", "Source", "MediatorAnswer", "EventRef", "ActorInfo",
           "EXPORT_FORMATS", "TYPE_KEYS", "USER_REGISTRY_FILE"]

USER_REGISTRY_FILE = "actors.yaml"  # in the store folder: actors added with `kb actors add`

EXPORT_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG,
    "nq": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD,
}
EXPORT_PREFIXES = {k: PREFIXES[k] for k in ("ckb", "actor", "place", "rdfs", "xsd")}
# --type accepts any event type or subtype key of the fact format
TYPE_KEYS = {**EVENT_CLASSES, **SUBTYPE_CLASSES}
_CLASS_TO_TYPE = {str(c): (k, None) for k, c in EVENT_CLASSES.items()}
_CLASS_TO_TYPE.update({str(c): ("military-action", k) for k, c in SUBTYPE_CLASSES.items()})
_PROPERTY_TO_ROLE = {str(p): k for k, p in ROLE_PROPERTIES.items()}
_PRECISION_OF = {str(iri): p for p, iri in PRECISIONS.items()}
_EVENT_PREFIX = str(DATA) + "event/"


@dataclass
class IngestReport:
    """What an ingest did: counts for people, per-file detail for programs."""

    files: list[str] = field(default_factory=list)
    articles: int = 0
    events: int = 0
    triples: int = 0  # triples now in the ingested articles' graphs
    replaced: int = 0  # articles that were in the store already and were replaced
    created: list[str] = field(default_factory=list)  # new actors (new_actors=True)
    warnings: list[str] = field(default_factory=list)  # kept, but worth a look


@dataclass
class Source:
    title: str
    publisher: str
    published: dt.date
    url: str | None
    quote: str


@dataclass
class TimelineEvent:
    iri: str
    id: str  # "<article id>/<event id>"
    type: str
    subtype: str | None
    label: str
    date: str  # the bounds written briefly: 2026-01-06, 2024-12, 2024-12..
    date_text: str  # as the fact file wrote it
    start: dt.date | None  # earliest possible begin
    end: dt.date | None  # latest possible end
    precision: str
    certain: bool  # False: the bounds straddle the query window
    place: str | None = None
    status: str | None = None
    roles: dict[str, list[str]] = field(default_factory=dict)
    sources: list[Source] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for key in ("start", "end"):
            d[key] = d[key].isoformat() if d[key] else None
        for s in d["sources"]:
            s["published"] = s["published"].isoformat()
        return d


@dataclass
class EventRef:
    id: str
    iri: str
    label: str
    date: str
    place: str | None
    certain: bool


@dataclass
class ActorInfo:
    """Everything the store knows of one actor, and whose word it is."""

    name: str
    iri: str
    type: str
    aliases: list[str]
    titles: list[dict[str, str]]  # {title, source}
    mandates: list[dict[str, Any]]  # {actor, title, from, until, source}
    iso: str | None
    wikidata: str | None
    events: list[TimelineEvent]

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["events"] = [e.to_dict() for e in self.events]
        return d


@dataclass
class MediatorAnswer:
    mediator: str
    iri: str
    via: list[str]
    events: list[EventRef]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _source_name(graph: str | None) -> str:
    if not graph:
        return ""
    if graph == str(REGISTRY_GRAPH):
        return "bundled registry"
    if graph == str(USER_REGISTRY_GRAPH):
        return USER_REGISTRY_FILE
    return graph.rsplit("/", 1)[-1]


def _event_id(iri: str) -> str:
    return iri[len(_EVENT_PREFIX):] if iri.startswith(_EVENT_PREFIX) else iri


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
        self._registry: Registry | None = None

    @property
    def registry(self) -> Registry:
        """The bundled registry, plus this store's actors.yaml and every actor its articles declared."""
        if self._registry is None:
            registry = Registry.bundled()
            for actor in self._user_actors():
                registry.add(actor)
            if self.store.quad_count(REGISTRY_GRAPH):
                self._add_declared(registry)
            self._registry = registry
        return self._registry

    @property
    def gazetteer(self) -> Gazetteer:
        return Gazetteer(self.registry)

    def _user_file(self) -> Path | None:
        return self.store.path / USER_REGISTRY_FILE if self.store.path is not None else None

    def _user_actors(self) -> list[Actor]:
        path = self._user_file()
        if path is None or not path.exists():
            return list(getattr(self, "_memory_user_actors", []))
        return load_registry_file(path)

    def _add_declared(self, registry: Registry) -> None:
        actors: dict[str, dict] = {}
        for row in run_named(self.store, "declared-actors"):
            a = actors.setdefault(row["actor"], {"name": row["label"], "class": row["class"], "aliases": [],
                                                 "title": None, "represents": [], "source": row["g"]})
            if row["alias"] and row["alias"] not in a["aliases"]:
                a["aliases"].append(row["alias"])
            a["title"] = a["title"] or row["title"]
            if row["represents"] and row["represents"] not in a["represents"]:
                a["represents"].append(row["represents"])
        kinds = {str(v): k for k, v in ACTOR_CLASSES.items()}
        for a in actors.values():
            registry.add(Actor(a["name"], kinds.get(a["class"], "actor"), tuple(a["aliases"]), a["title"],
                               tuple(Mandate(r) for r in a["represents"]), source=a["source"]))

    # -- opening -----------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path | None = None, *, read_only: bool = False) -> "KnowledgeBase":
        """The knowledge base stored at ``path`` (default: :func:`default_store_path`).

        Opening for writing creates it if needed; ``read_only=True`` needs an
        existing store and lets other processes write meanwhile.
        """
        kb = cls(Store.open(path or default_store_path(), read_only=read_only))
        if not read_only:
            kb._ensure_bundled()
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

    def close(self) -> None:
        """Flush and release the store (its lock, for an on-disk store)."""
        self.store.close()

    def __enter__(self) -> "KnowledgeBase":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def graph(self):
        """The whole store as an rdflib ``Dataset`` (union default graph)."""
        return self.store.rdflib_dataset()

    # -- writing -----------------------------------------------------------

    def ingest(self, paths: Sequence[str | Path], *, new_actors: bool = False) -> IngestReport:
        """Read, resolve and map fact files, then store them in one transaction.

        Files or folders (searched for .yaml, .yml and .json). The first bad
        file raises :class:`~kb.errors.FactFileError` and nothing is written;
        a file ingested before is replaced, never duplicated. People a file
        declares are known to the files after it. With ``new_actors``, unknown
        names become new actors (listed in the report) instead of errors.
        """
        files = factfile.find_fact_files(list(paths))
        if not files:
            raise FactFileError("no fact files (.yaml, .yml, .json) found", file=", ".join(map(str, paths)))
        graphs: dict[URIRef, Graph] = {}
        report = IngestReport()
        seen: dict[str, str] = {}
        registry = self.registry.copy()
        gazetteer = Gazetteer(registry)
        for path in files:
            ff = factfile.load(path)
            if ff.article.id in seen:
                raise FactFileError(f"describes the same article ({ff.article.id}) as {seen[ff.article.id]}",
                                    file=ff.path, field="article")
            seen[ff.article.id] = ff.path
            resolved = resolve(ff, registry, gazetteer, new_actors=new_actors)
            for _, actor in resolved.declared:
                registry.add(actor)
            for actor in resolved.created:
                registry.add(actor)
            report.created += [a.name for a in resolved.created]
            report.warnings += list(resolved.warnings)
            name, g = map_file(resolved)
            graphs[name] = g
            report.files.append(ff.path)
            report.articles += 1
            report.events += len(ff.events)
            report.triples += len(g)
            if self.store.quad_count(name):
                report.replaced += 1
        self.store.replace_graphs(graphs)
        self.store.flush()
        self._registry = None  # re-read: the new articles may have declared actors
        return report

    # -- reading -----------------------------------------------------------

    def resolve_actor(self, name: str) -> Actor:
        """The actor a name means, through the registry's aliases."""
        return self.registry.resolve(name)

    def query(self, sparql: str) -> QueryResult:
        """Run a read-only SPARQL query over all graphs."""
        return run_sparql(self.store, sparql)

    def timeline(self, *, actors: Iterable[str] = (), types: Iterable[str] = (), place: str | None = None,
                 since=None, until=None, after=None, before=None, include_uncertain: bool = False,
                 today: dt.date | None = None) -> list[TimelineEvent]:
        """Events in date order: by earliest begin, then exact before vague.

        ``actors`` must all take part (a person counts for whom they
        represent); ``types`` are fact-file type or subtype keys, any of
        which may match. Events whose uncertain dates straddle the window
        are left out unless ``include_uncertain`` (then ``certain`` is False).
        """
        win = window(since=since, until=until, after=after, before=before, ref=today)
        actor_iris = [actor_iri(self.resolve_actor(a)) for a in actors]
        type_iris = [self._type_iri(t) for t in types] or [None]
        bindings = dict(first=max(win.first, DATE_MIN), last=min(win.last, DATE_MAX),
                        place=self._place_term(place) if place else None)
        if actor_iris:
            bindings.update(actor1=actor_iris[0], actor2=actor_iris[1] if len(actor_iris) > 1 else None)
        rows: dict[str, dict] = {}
        for type_iri in type_iris:
            for row in run_named(self.store, "timeline-actor" if actor_iris else "timeline", type=type_iri,
                                 **bindings):
                rows.setdefault(row["event"], row)
        events = [self._timeline_event(row) for row in rows.values()
                  if include_uncertain or row["certain"]]
        if len(actor_iris) > 2:
            wanted = {str(a) for a in actor_iris[2:]}
            events = [e for e in events if wanted <= self._actors_of(e.iri)]
        events.sort(key=lambda e: (e.start or dt.date.min, Precision[e.precision.upper().replace(" ", "_")]))
        return events

    def _place_term(self, name: str) -> URIRef:
        """What --place matches: a country's state (so its cities count), else the place itself."""
        found = self.gazetteer.resolve(name)
        return actor_iri(found.country) if found.kind == "country" else place_iri(found.key)

    def _type_iri(self, key: str) -> URIRef:
        try:
            return TYPE_KEYS[key]
        except KeyError:
            raise KBError(f"unknown event type '{key}'; expected one of {', '.join(TYPE_KEYS)}") from None

    def _actors_of(self, event: str) -> set[str]:
        out = set()
        for row in run_named(self.store, "event", event=URIRef(event)):
            if row["kind"] == "role":
                out.add(row["node"])
                if row["rep"]:
                    out.add(row["rep"])
        return out

    def _timeline_event(self, row: dict) -> TimelineEvent:
        iri = row["event"]
        kind, subtype = _CLASS_TO_TYPE.get(row["class"], (row["class"], None))
        ev = TimelineEvent(
            iri=iri, id=_event_id(iri), type=kind, subtype=subtype, label=row["label"],
            date=describe(row["eb"], row["lb"], row["ee"], row["le"]), date_text=row["dateText"],
            start=row["eb"], end=row["le"], precision=_PRECISION_OF[row["precision"]].name.lower().replace("_", " "),
            certain=row["certain"],
        )
        self._add_facts(ev)
        return ev

    def _add_facts(self, ev: TimelineEvent) -> None:
        """Fill in roles, place, status and sources from the event query."""
        for fact in run_named(self.store, "event", event=URIRef(ev.iri)):
            if fact["kind"] == "role":
                role = _PROPERTY_TO_ROLE.get(fact["key"])
                if role:
                    ev.roles.setdefault(role, []).append(fact["text"])
            elif fact["kind"] == "place":
                ev.place = fact["text"]
            elif fact["kind"] == "status":
                ev.status = fact["text"]
            elif fact["kind"] == "source":
                ev.sources.append(Source(fact["text"], fact["publisher"], fact["published"], fact["url"],
                                         fact["extra"]))

    def mediators(self, a: str, b: str, *, since=None, until=None, after=None, before=None,
                  include_uncertain: bool = False, today: dt.date | None = None) -> list[MediatorAnswer]:
        """Who mediated between actors ``a`` and ``b``, with the events that show it.

        A mediator that is a person counts for the actor they represent, and
        ``via`` lists the persons in those events who acted for the mediator.
        """
        win = window(since=since, until=until, after=after, before=before, ref=today)
        ia, ib = actor_iri(self.resolve_actor(a)), actor_iri(self.resolve_actor(b))
        if ia == ib:
            raise KBError(f"'{a}' and '{b}' are the same actor; name two different ones")
        answers: dict[str, MediatorAnswer] = {}
        seen_events: dict[str, set[str]] = {}
        for row in run_named(self.store, "mediators", a=ia, b=ib, first=max(win.first, DATE_MIN),
                             last=min(win.last, DATE_MAX)):
            if not (include_uncertain or row["certain"]):
                continue
            ans = answers.setdefault(row["mediator"], MediatorAnswer(row["mediatorLabel"], row["mediator"], [], []))
            if row["personLabel"] and row["personLabel"] not in ans.via:
                ans.via.append(row["personLabel"])
            if row["event"] not in seen_events.setdefault(row["mediator"], set()):
                seen_events[row["mediator"]].add(row["event"])
                place = next((f["text"] for f in run_named(self.store, "event", event=URIRef(row["event"]))
                              if f["kind"] == "place"), None)
                ans.events.append(EventRef(_event_id(row["event"]), row["event"], row["eventLabel"],
                                           describe(row["eb"], row["lb"], row["ee"], row["le"]), place,
                                           row["certain"]))
        for ans in answers.values():
            ans.via.sort()
        return sorted(answers.values(), key=lambda m: m.mediator)

    def actors(self, search: str | None = None, *, type: str | None = None) -> list[Actor]:
        """Known actors whose name or an alias contains ``search`` (case and accent blind)."""
        if type is not None and type not in ACTOR_TYPES:
            raise KBError(f"unknown actor type '{type}'; expected one of {', '.join(ACTOR_TYPES)}")
        return self.registry.search(search, type=type)

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
        if represents and type != "person":
            raise KBError("only a person represents another actor")
        if (start or end) and not represents:
            raise KBError("--from/--until date a mandate: give --represents too")
        entry: dict[str, Any] = {"name": name, "type": type}
        if title:
            entry["title"] = title
        if represents:
            entry["represents"] = self.resolve_actor(represents).name
            if start:
                entry["from"] = start
            if end:
                entry["until"] = end
        if aliases:
            entry["aliases"] = list(aliases)
        from .actors import actor_from_dict

        actor = actor_from_dict(entry, source=USER_REGISTRY_FILE)
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
        users = [a for a in self._user_actors() if a.key != actor.key] + [actor]
        self._write_user_actors(users)
        self._registry = None
        return self.registry.resolve(name)

    def _write_user_actors(self, actors: list[Actor]) -> None:
        import yaml

        entries = []
        for a in actors:
            e: dict[str, Any] = {"name": a.name, "type": a.type}
            if a.title:
                e["title"] = a.title
            if a.mandates:
                e["represents"] = [{k: v for k, v in (("actor", m.actor), ("title", m.title), ("from", m.start),
                                                      ("until", m.end)) if v} for m in a.mandates]
            if a.aliases:
                e["aliases"] = list(a.aliases)
            entries.append(e)
        path = self._user_file()
        if path is None:
            self._memory_user_actors = actors
        else:
            tmp = path.with_name(path.name + ".tmp")
            tmp.write_text("# Actors added with `kb actors add`; conflict-kb rewrites this file.\n"
                           + yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")
            os.replace(tmp, path)
        registry = Registry.bundled()
        for a in actors:
            registry.add(a)
        graph = Graph()
        for a in actors:
            describe_actor(graph, a, registry)
        self.store.replace_graphs({USER_REGISTRY_GRAPH: graph})

    def stats(self) -> dict[str, Any]:
        """Counts: articles, events by type, actors, triples and graphs."""
        articles = [g for g in self.store.named_graphs() if g.startswith(str(GRAPH) + "article/")]
        by_type = {row["label"]: row["events"] for row in run_named(self.store, "stats")}
        events = len({q.subject for q in self.store.inner.quads_for_pattern(None, ox.NamedNode(str(CKB.evidence)), None)})
        return {
            "store": str(self.store.path) if self.store.path else ":memory:",
            "articles": len(articles),
            "events": events,
            "events by type": by_type,
            "actors in registry": len(self.registry),
            "triples": self.store.quad_count(),
            "triples in articles": sum(self.store.quad_count(URIRef(g)) for g in articles),
        }

    def export(self, format: str = "ttl", output: str | Path | IO[bytes] | None = None, *,
               with_ontology: bool = False) -> bytes | None:
        """Write the knowledge base as RDF another triple store can load.

        Quad formats (trig, nq) keep each article's named graph; triple
        formats (ttl, nt, jsonld) merge all graphs into one. The ontology is
        left out unless ``with_ontology``; the actor registry is always in.
        Returns bytes when ``output`` is None.
        """
        fmt = EXPORT_FORMATS.get(format)
        if fmt is None:
            raise KBError(f"unknown export format '{format}'; expected one of {', '.join(EXPORT_FORMATS)}")
        graphs = [ox.NamedNode(g) for g in self.store.named_graphs()
                  if with_ontology or g != str(ONTOLOGY_GRAPH)]
        if fmt.supports_datasets and fmt is not ox.RdfFormat.JSON_LD:
            data = (q for g in graphs for q in self.store.inner.quads_for_pattern(None, None, None, g))
        else:
            data = (t for t in self.store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
                                                graphs=[URIRef(g.value) for g in graphs]))
        prefixes = EXPORT_PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
        if isinstance(output, (str, Path)):
            output = str(output)
        return ox.serialize(data, output, format=fmt, prefixes=prefixes)
