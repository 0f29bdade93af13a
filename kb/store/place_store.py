"""The places a store knows beyond the shipped gazetteer: those fact files declared.

A declaration lives in its article's graph (``ckb:DeclaredPlace``), so it
goes when that article is removed or replaced, and comes back with it.
"""

from __future__ import annotations

from kb.model.actors import Registry
from kb.model.iris import ARTICLE_GRAPHS, actor_iri, source_name
from kb.model.places import Place
from kb.read.query import run_named
from kb.store.base import Store

__all__ = ["declared_places"]

_GEONAMES = "https://sws.geonames.org/"


def declared_places(store: Store, registry: Registry) -> list[Place]:
    """Every declared place, one per IRI: the first article's declaration, with every article's aliases.

    Articles may each declare a place, and a later one may add what an
    earlier left out (its coordinates, say); ingest refuses declarations
    that contradict, so filling gaps from later graphs never mixes two places.
    """
    rows = run_named(store, "declared-places", within=ARTICLE_GRAPHS)
    if not rows:
        return []
    states = {str(actor_iri(a)): a for a in registry if a.type == "state"}
    found: dict[str, dict] = {}
    for row in rows:
        p = found.setdefault(
            row["place"],
            {"name": row["label"], "aliases": [], "source": f"article {source_name(row['g'])}"},
        )
        if row["alias"] and row["alias"] != p["name"] and row["alias"] not in p["aliases"]:
            p["aliases"].append(row["alias"])
        if row["country"] and "country" not in p:
            p["country"] = states.get(row["country"])
        if row["latitude"] is not None and row["longitude"] is not None and "latitude" not in p:
            p["latitude"], p["longitude"] = float(row["latitude"]), float(row["longitude"])
        if row["match"] and row["match"].startswith(_GEONAMES) and "geonames" not in p:
            p["geonames"] = int(row["match"][len(_GEONAMES) :].strip("/"))
    return [
        Place(
            p["name"],
            iri.rsplit("/", 1)[-1],
            "declared",
            p.get("country"),
            p.get("latitude"),
            p.get("longitude"),
            p.get("geonames"),
            tuple(p["aliases"]),
            p["source"],
        )
        for iri, p in found.items()
    ]
