"""IRIs: readable, stable, and derived only from what the input says.

The same article id, event id or actor name always gives the same IRI, so
ingesting a file again replaces its triples instead of adding new ones, and
another article can point at an event (``same-as: article-id/event-id``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from kb.model.actors import CURATED_FILE as USER_REGISTRY_FILE
from kb.model.namespace import DATA, GRAPH, IRI

if TYPE_CHECKING:
    from kb.model.actors import Actor

__all__ = [
    "article_iri",
    "article_graph",
    "event_iri",
    "claim_iri",
    "claimed_event",
    "actor_iri",
    "actor_iri_for_key",
    "place_iri",
    "event_reference",
    "source_name",
    "is_derived",
    "EVENT_PREFIX",
    "ARTICLE_GRAPHS",
    "INDEX_GRAPHS",
    "ONTOLOGY_GRAPH",
    "REGISTRY_GRAPH",
    "USER_REGISTRY_GRAPH",
    "MERGES_GRAPH",
    "MARKERS_GRAPH",
    "DATASET_GRAPH",
    "CONSENSUS_GRAPH",
]

EVENT_PREFIX = str(DATA) + "event/"

# The store's named graphs: one per article (its claims), one index graph beside each (derived), the
# bundled ontology and registry, the store's own actors.yaml, recorded merges, and markers (derived).
ARTICLE_GRAPHS = str(GRAPH["article/"])
INDEX_GRAPHS = str(GRAPH["index/"])
ONTOLOGY_GRAPH = GRAPH["ontology"]
REGISTRY_GRAPH = GRAPH["registry"]
USER_REGISTRY_GRAPH = GRAPH["registry/user"]
MERGES_GRAPH = GRAPH["merges"]
MARKERS_GRAPH = GRAPH["markers"]
DATASET_GRAPH = GRAPH["dataset"]  # an export's description of itself (VoID/DCAT): written by kb export, never stored
CONSENSUS_GRAPH = GRAPH["consensus"]  # an export's one label and window per event: written by kb export, never stored


def is_derived(graph: str) -> bool:
    """The index, markers, consensus and dataset-description graphs: made by conflict-kb, never exported from a
    store, loaded into one or validated."""
    return graph.startswith(INDEX_GRAPHS) or graph in (str(MARKERS_GRAPH), str(DATASET_GRAPH), str(CONSENSUS_GRAPH))


def source_name(graph: str | None) -> str:
    """Who says what a graph holds, for people: an article id, the bundled registry, or actors.yaml."""
    if not graph:
        return ""
    if graph == str(REGISTRY_GRAPH):
        return "bundled registry"
    if graph == str(USER_REGISTRY_GRAPH):
        return USER_REGISTRY_FILE
    return graph.rsplit("/", 1)[-1]


def article_iri(article_id: str) -> IRI:
    return DATA[f"article/{article_id}"]


def article_graph(article_id: str) -> IRI:
    return GRAPH[f"article/{article_id}"]


def event_iri(article_id: str, event_id: str) -> IRI:
    return DATA[f"event/{article_id}/{event_id}"]


def claim_iri(article_id: str, event: str) -> IRI:
    """What article ``article_id`` says of ``event``: one claim per article and event, named after both, so
    an article merged into another's event (its IRI under another article) still has a claim of its own."""
    tail = event[len(EVENT_PREFIX) :] if event.startswith(EVENT_PREFIX) else event.rsplit("/", 1)[-1]
    return DATA[f"claim/{article_id}/{tail}"]


def claimed_event(claim: str) -> str | None:
    """The event IRI a claim IRI of :func:`claim_iri` names (None for any other IRI)."""
    prefix = str(DATA) + "claim/"
    if not claim.startswith(prefix) or claim.count("/", len(prefix)) < 2:
        return None
    return EVENT_PREFIX + claim[len(prefix) :].split("/", 1)[1]


@lru_cache(maxsize=65536)  # a few thousand actors recur in every event: the bulk path asks again and again
def actor_iri_for_key(key: str) -> IRI:
    return DATA[f"actor/{key}"]


def actor_iri(actor: Actor) -> IRI:
    return actor_iri_for_key(actor.key)


@lru_cache(maxsize=65536)
def place_iri(key: str) -> IRI:
    """The IRI of a place by its gazetteer key (:attr:`kb.model.places.Place.key`)."""
    return DATA[f"place/{key}"]


_IRI_SAFE = re.compile(r"[^\s<>\"{}|\\^`\x00-\x1f]+")


def iri_safe(text: str) -> bool:
    """Whether ``text`` can stand in an IRI as it is (no space, no <>"{}|\\^` and no control character)."""
    return bool(_IRI_SAFE.fullmatch(text))


def event_reference(ref: str) -> IRI | None:
    """The event IRI a reference names: ``article-id/event-id`` or the IRI itself; None if neither (or if it
    holds what no IRI may: then it can only be words to search for)."""
    ref = ref.strip()
    if not iri_safe(ref):
        return None
    if ref.startswith(EVENT_PREFIX):
        return IRI(ref)
    if "/" in ref and not ref.startswith(("http:", "https:")):
        article_id, _, event_id = ref.partition("/")
        if article_id and event_id and "/" not in event_id:
            return event_iri(article_id, event_id)
    return None
