"""Map resolved facts to RDF under the conflict-kb ontology.

IRIs are readable and derived only from the input (article id, event id,
actor and place names), so the same file always gives the same triples and
ingesting it again replaces rather than duplicates. Each article's triples
go into a named graph of its own; the actor registry has its own graph.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from importlib import resources
from pathlib import Path

from kb.files import cached_text
from kb.ingest.factfile import Article
from kb.ingest.graph import RDF_TYPE, XSD, Graph, Lit
from kb.ingest.resolve import ResolvedEvent, ResolvedFile
from kb.model.actors import Actor, Registry, mandate_dates
from kb.model.iris import actor_iri, article_graph, article_iri, claim_iri, event_iri, place_iri
from kb.model.namespace import CKB, DATA, IRI, PREFIXES
from kb.model.places import Place
from kb.model.vocab import (
    ACTOR_CLASSES,
    CONFIDENCE_INDIVIDUALS,
    EVENT_CLASSES,
    PRECISIONS,
    ROLE_PROPERTIES,
    STATUS_INDIVIDUALS,
    SUBTYPE_CLASSES,
)

__all__ = ["map_file", "map_registry", "describe_actor", "bundled_registry_ntriples", "new_graph"]

RDFS_LABEL = IRI(PREFIXES["rdfs"] + "label")
SKOS_EXACT_MATCH = IRI(PREFIXES["skos"] + "exactMatch")


def new_graph() -> Graph:
    """An empty graph for one article's triples (:mod:`kb.ingest.graph`: plain Python, no rdflib)."""
    return Graph()


@lru_cache(maxsize=8192)  # events share days
def _date(day: dt.date) -> Lit:
    return Lit(day.isoformat(), XSD.date)


def describe_actor(g: Graph, actor: Actor, registry: Registry, *, as_: Actor | None = None) -> None:
    """What is said of ``actor``; ``as_`` is the registry actor it is (for a fact file's declaration)."""
    known = as_ or actor
    node = actor_iri(known)
    g.add((node, RDF_TYPE, ACTOR_CLASSES[known.type]))
    g.add((node, RDFS_LABEL, Lit(known.name)))
    for alias in (*actor.aliases, *((actor.name,) if actor.name != known.name else ())):
        g.add((node, CKB.alias, Lit(alias)))
    if actor.title:
        g.add((node, CKB.title, Lit(actor.title)))
    for mandate in actor.mandates:
        target = actor_iri(registry.resolve(mandate.actor))
        g.add((node, CKB.represents, target))
        start, end = mandate_dates(mandate)
        m = DATA[f"actor/{known.key}/mandate/{target.rsplit('/', 1)[1]}" + (f"/{start.isoformat()}" if start else "")]
        g.add((node, CKB.mandate, m))
        g.add((m, RDF_TYPE, CKB.Mandate))
        g.add((m, CKB.forActor, target))
        if mandate.title:
            g.add((m, CKB.title, Lit(mandate.title)))
        if start:
            g.add((m, CKB.startDate, _date(start)))
        if end:
            g.add((m, CKB.endDate, _date(end)))
    if actor.iso:
        g.add((node, CKB.isoCode, Lit(actor.iso)))
    if actor.un:
        g.add((node, CKB.unStatus, Lit(actor.un)))
    if actor.wikidata:
        g.add((node, SKOS_EXACT_MATCH, IRI(f"http://www.wikidata.org/entity/{actor.wikidata}")))
    if actor.geonames:
        g.add((node, SKOS_EXACT_MATCH, IRI(f"https://sws.geonames.org/{actor.geonames}/")))


def map_registry(registry: Registry) -> Graph:
    """The registry graph: every known actor with its names, titles and ties."""
    g = new_graph()
    for actor in registry:
        describe_actor(g, actor, registry)
    return g


@lru_cache(maxsize=1)
def bundled_registry_ntriples() -> str:
    """The bundled registry's graph as N-Triples.

    Mapping 250 actors took 0.15 s of every new store's first ingest, so the
    text is kept in the user's cache folder, keyed by the registry files and
    the code that maps and writes them: an edit to any of them makes a new one.
    """
    from kb.ingest import graph
    from kb.model import actors, iris, namespace, vocab

    data = resources.files("kb.data")
    sources = [data.joinpath(name).read_bytes() for name in ("actors.yaml", "states.yaml")]
    sources += [Path(m.__file__).read_bytes() for m in (actors, iris, namespace, vocab, graph) if m.__file__]
    sources += [Path(__file__).read_bytes()]
    return cached_text("registry.nt", sources, lambda: map_registry(Registry.bundled()).serialize(format="nt"))


def _label(ev: ResolvedEvent) -> str:
    if ev.facts.name:
        return ev.facts.name
    if ev.facts.summary:
        return ev.facts.summary
    kind = (ev.facts.subtype or ev.facts.type).replace("-", " ")
    actors = [
        a.name
        for role in ("mediator", "attacker", "speaker", "proposer", "parties", "subject")
        for a in ev.roles.get(role, ())
    ]
    return f"{kind}: {', '.join(dict.fromkeys(actors))}" if actors else kind


def _map_article(g: Graph, article: Article) -> IRI:
    node = article_iri(article.id)
    g.add((node, RDF_TYPE, CKB.Article))
    g.add((node, RDFS_LABEL, Lit(article.title)))
    g.add((node, CKB.headline, Lit(article.title)))
    g.add((node, CKB.publisher, Lit(article.publisher)))
    g.add((node, CKB.published, _date(article.published)))
    if article.url:
        g.add((node, CKB.url, Lit(article.url, XSD.anyURI)))
    if article.extracted_by:
        g.add((node, CKB.extractedBy, Lit(article.extracted_by)))
    return node


def _map_place(g: Graph, place: Place, written: str | None = None, *, declaration: bool = False) -> IRI:
    """A place's description, in every article graph that names it (so each graph stands alone)."""
    iri = place_iri(place.key)
    g.add((iri, RDF_TYPE, CKB.Place))
    if declaration:
        g.add((iri, RDF_TYPE, CKB.DeclaredPlace))
        for alias in place.aliases:
            g.add((iri, CKB.alias, Lit(alias)))
    g.add((iri, RDFS_LABEL, Lit(place.name)))
    if written is not None and place.name != written:
        g.add((iri, CKB.alias, Lit(written)))
    if place.country is not None:
        g.add((iri, CKB.country, actor_iri(place.country)))
    if place.latitude is not None:
        g.add((iri, CKB.latitude, Lit(str(place.latitude), XSD.decimal)))
        g.add((iri, CKB.longitude, Lit(str(place.longitude), XSD.decimal)))
    if place.geonames_id is not None:
        g.add((iri, SKOS_EXACT_MATCH, IRI(f"https://sws.geonames.org/{place.geonames_id}/")))
    return iri


def _map_event(g: Graph, ev: ResolvedEvent, article: Article, source: IRI) -> None:
    """The event (its types and the actors in their roles, which every source adds to) and this article's
    claim about it (what sources may disagree on: label, dates, place, status, confidence, quotes)."""
    facts = ev.facts
    node = ev.node or event_iri(article.id, facts.id)
    cls = SUBTYPE_CLASSES[facts.subtype] if facts.subtype else EVENT_CLASSES[facts.type]
    g.add((node, RDF_TYPE, cls))
    g.add((node, RDF_TYPE, CKB.Event))  # so the data answers "?e a ckb:Event" in a store without inference
    for role, actors in ev.roles.items():
        for actor in actors:
            iri = actor_iri(actor)
            g.add((node, ROLE_PROPERTIES[role], iri))
            g.add((node, CKB.involves, iri))  # the super-property, so queries need no inference
    if ev.result_of is not None:
        g.add((node, CKB.resultOf, ev.result_of))
    for about in ev.about:
        g.add((node, CKB.about, about))
    claim = claim_iri(article.id, str(node))
    g.add((claim, RDF_TYPE, CKB.Claim))
    g.add((claim, CKB.claimOf, node))
    g.add((claim, RDFS_LABEL, Lit(_label(ev))))
    if facts.name:
        g.add((claim, CKB.name, Lit(facts.name)))
    if facts.summary:
        g.add((claim, CKB.summary, Lit(facts.summary)))
    if ev.place is not None:
        g.add((claim, CKB.location, _map_place(g, ev.place, facts.place)))
    when = ev.when
    g.add((claim, CKB.dateText, Lit(when.text)))
    g.add((claim, CKB.precision, PRECISIONS[when.precision]))
    for prop, day in (
        (CKB.earliestBegin, when.earliest_begin),
        (CKB.latestBegin, when.latest_begin),
        (CKB.earliestEnd, when.earliest_end),
        (CKB.latestEnd, when.latest_end),
    ):
        if day is not None:
            g.add((claim, prop, _date(day)))
    if facts.status:
        g.add((claim, CKB.status, STATUS_INDIVIDUALS[facts.status]))
    if facts.content:
        g.add((claim, CKB.content, Lit(facts.content)))
    if facts.confidence:
        g.add((claim, CKB.confidence, CONFIDENCE_INDIVIDUALS[facts.confidence]))
    for claimant in ev.claimed_by:
        g.add((claim, CKB.claimedBy, actor_iri(claimant)))
    g.add((claim, CKB.source, source))
    for n, quote in enumerate(facts.quotes, 1):
        evidence = DATA[f"evidence/{article.id}/{facts.id}" + (f"/{n}" if n > 1 else "")]
        g.add((claim, CKB.evidence, evidence))
        g.add((evidence, RDF_TYPE, CKB.Evidence))
        g.add((evidence, CKB.article, source))
        g.add((evidence, CKB.quote, Lit(quote)))


def map_file(rf: ResolvedFile, *, into=None, with_article: bool = True) -> tuple[IRI, Graph]:
    """The named graph IRI and the triples of one resolved fact file.

    ``into`` may be any object with ``add((s, p, o))`` — the bulk path passes
    a plain list's ``append`` holder, skipping the Graph's indexes.
    """
    article = rf.facts.article
    g = new_graph() if into is None else into
    source = _map_article(g, article) if with_article else article_iri(article.id)
    for declared, known in rf.declared:
        describe_actor(g, declared, rf.registry, as_=known)
    for actor in rf.created:
        describe_actor(g, actor, rf.registry)
    for place in rf.places:
        _map_place(g, place, declaration=True)
    for ev in rf.events:
        _map_event(g, ev, article, source)
    return article_graph(article.id), g
