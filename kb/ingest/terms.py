"""The model's terms as rdflib terms, for the ingest modules that build and check rdflib graphs.

:mod:`kb.model` hands out IRIs as text (:class:`kb.model.namespace.IRI`) so
that reading the store never imports rdflib. rdflib's graphs need their own
terms: ``Graph.add`` refuses text, and an rdflib ``URIRef`` is not equal to
the same IRI as text, so a graph looked up with one finds nothing. Every
ingest module that touches an rdflib graph takes its terms from here — the
same names as in kb.model, derived from them, never written twice.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache, wraps
from typing import TYPE_CHECKING, Any, TypeVar

from rdflib import Namespace, URIRef

from kb.model import iris, namespace, vocab

if TYPE_CHECKING:
    from kb.model.actors import Actor

__all__ = [
    "CKB",
    "DATA",
    "GRAPH",
    "ONTOLOGY_GRAPH",
    "actor_iri",
    "actor_iri_for_key",
    "article_graph",
    "article_iri",
    "claim_iri",
    "event_iri",
    "event_reference",
    "place_iri",
    "ACTOR_CLASSES",
    "CONFIDENCE_INDIVIDUALS",
    "EVENT_CLASSES",
    "PRECISIONS",
    "ROLE_PROPERTIES",
    "STATUS_INDIVIDUALS",
    "SUBTYPE_CLASSES",
]

K = TypeVar("K")


class _Closed(type):
    def __getattr__(cls, name: str) -> URIRef:
        return getattr(namespace.CKB, name)  # the model's metaclass says what is wrong with the name

    def __getitem__(cls, name: str) -> URIRef:
        return getattr(cls, name)


class CKB(metaclass=_Closed):
    """:class:`kb.model.namespace.CKB`, each term a ``URIRef``."""


for _name in namespace.CKB.__annotations__:
    setattr(CKB, _name, URIRef(getattr(namespace.CKB, _name)))
del _name

DATA = Namespace(str(namespace.DATA))
GRAPH = Namespace(str(namespace.GRAPH))
ONTOLOGY_GRAPH = URIRef(iris.ONTOLOGY_GRAPH)


def _uri(make: Callable[..., Any]) -> Callable[..., Any]:
    """The model's IRI function as one that gives rdflib terms (None stays None)."""

    @wraps(make)
    def as_uri(*args, **kwargs) -> URIRef | None:
        iri = make(*args, **kwargs)
        return None if iri is None else URIRef(iri)

    return as_uri


actor_iri_for_key = lru_cache(maxsize=65536)(_uri(iris.actor_iri_for_key))  # the bulk path asks again and again
place_iri = lru_cache(maxsize=65536)(_uri(iris.place_iri))
article_graph = _uri(iris.article_graph)
article_iri = _uri(iris.article_iri)
claim_iri = _uri(iris.claim_iri)
event_iri = _uri(iris.event_iri)


def actor_iri(actor: Actor) -> URIRef:
    return actor_iri_for_key(actor.key)


event_reference = _uri(iris.event_reference)


def _table(table: Mapping[K, namespace.IRI]) -> dict[K, URIRef]:
    return {k: URIRef(v) for k, v in table.items()}


ACTOR_CLASSES = _table(vocab.ACTOR_CLASSES)
CONFIDENCE_INDIVIDUALS = _table(vocab.CONFIDENCE_INDIVIDUALS)
EVENT_CLASSES = _table(vocab.EVENT_CLASSES)
PRECISIONS = _table(vocab.PRECISIONS)
ROLE_PROPERTIES = _table(vocab.ROLE_PROPERTIES)
STATUS_INDIVIDUALS = _table(vocab.STATUS_INDIVIDUALS)
SUBTYPE_CLASSES = _table(vocab.SUBTYPE_CLASSES)
