"""IRIs: readable, stable, and derived only from what the input says.

The same article id, event id or actor name always gives the same IRI, so
ingesting a file again replaces its triples instead of adding new ones, and
another article can point at an event (``same-as: article-id/event-id``).
"""

from __future__ import annotations

from functools import lru_cache

from rdflib import URIRef

from .namespace import DATA, GRAPH

__all__ = ["article_iri", "article_graph", "event_iri", "actor_iri_for_key", "place_iri", "event_reference",
           "EVENT_PREFIX"]

EVENT_PREFIX = str(DATA) + "event/"


def article_iri(article_id: str) -> URIRef:
    return DATA[f"article/{article_id}"]


def article_graph(article_id: str) -> URIRef:
    return GRAPH[f"article/{article_id}"]


def event_iri(article_id: str, event_id: str) -> URIRef:
    return DATA[f"event/{article_id}/{event_id}"]


@lru_cache(maxsize=65536)  # a few thousand actors recur in every event: the bulk path asks again and again
def actor_iri_for_key(key: str) -> URIRef:
    return DATA[f"actor/{key}"]


@lru_cache(maxsize=65536)
def place_iri(key: str) -> URIRef:
    """The IRI of a place by its gazetteer key (:attr:`kb.places.Place.key`)."""
    return DATA[f"place/{key}"]


def event_reference(ref: str) -> URIRef | None:
    """The event IRI a reference names: ``article-id/event-id`` or the IRI itself; None if neither."""
    ref = ref.strip()
    if ref.startswith(EVENT_PREFIX):
        return URIRef(ref)
    if "/" in ref and not ref.startswith(("http:", "https:")):
        article_id, _, event_id = ref.partition("/")
        if article_id and event_id and "/" not in event_id:
            return event_iri(article_id, event_id)
    return None
