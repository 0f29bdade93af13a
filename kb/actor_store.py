"""The actors a store knows beyond the bundled registry.

Two places: the store's own ``actors.yaml`` (written by ``kb actors add``,
loaded into the graph ``graph/registry/user``), and the actors fact files
declared, read back from the article graphs so that a person keeps one
identity across articles and batches.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from rdflib import Graph

from .actors import CURATED_FILE, Actor, Mandate, Registry, load_registry_file
from .mapping import ACTOR_CLASSES, USER_REGISTRY_GRAPH, describe_actor
from .namespace import GRAPH
from .query import run_named
from .store import Store

__all__ = ["USER_REGISTRY_FILE", "user_actors", "write_user_actors", "declared_actors"]

USER_REGISTRY_FILE = CURATED_FILE


def _path(store: Store) -> Path | None:
    return store.path / USER_REGISTRY_FILE if store.path is not None else None


def user_actors(store: Store) -> list[Actor]:
    """The actors added to this store with ``kb actors add``."""
    path = _path(store)
    if path is None:
        if store.query_url:  # a SPARQL server: no folder for actors.yaml, the graph is the record
            return _actors_from(store, str(USER_REGISTRY_GRAPH))
        return list(getattr(store, "memory_user_actors", []))
    return load_registry_file(path, source=USER_REGISTRY_FILE) if path.exists() else []


def write_user_actors(store: Store, actors: list[Actor]) -> None:
    """Rewrite the store's actors.yaml whole, then replace its graph."""
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
    path = _path(store)
    if path is None:
        store.memory_user_actors = list(actors)
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
    store.replace_graphs({USER_REGISTRY_GRAPH: graph})


def declared_actors(store: Store) -> list[Actor]:
    """Actors the article graphs describe (declared in fact files or created by --new-actors)."""
    return _actors_from(store, str(GRAPH["article/"]))


def _actors_from(store: Store, within: str) -> list[Actor]:
    actors: dict[str, dict] = {}
    for row in run_named(store, "declared-actors", within=within):
        a = actors.setdefault(row["actor"], {"name": row["label"], "class": row["class"], "aliases": [],
                                             "title": None, "represents": [], "source": row["g"]})
        if row["alias"] and row["alias"] not in a["aliases"]:
            a["aliases"].append(row["alias"])
        a["title"] = a["title"] or row["title"]
        if row["represents"] and row["represents"] not in a["represents"]:
            a["represents"].append(row["represents"])
    kinds = {str(v): k for k, v in ACTOR_CLASSES.items()}
    return [Actor(a["name"], kinds.get(a["class"], "actor"), tuple(a["aliases"]), a["title"],
                  tuple(Mandate(r) for r in a["represents"]), source=a["source"]) for a in actors.values()]
