"""The actors a store knows beyond the bundled registry.

Two places: the store's own ``actors.yaml`` (written by ``kb actors add``,
loaded into the graph ``graph/registry/user``), and the actors fact files
declared, read back from the article graphs so that a person keeps one
identity across articles and batches.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from kb.errors import ActorError, DateError, KBError
from kb.files import write_whole
from kb.model.actors import (
    ACTOR_TYPES,
    NOT_REPRESENTING,
    REPRESENTING_TYPES,
    Actor,
    Mandate,
    Registry,
    actor_from_dict,
    load_registry_file,
    mandate_dates,
)
from kb.model.iris import ARTICLE_GRAPHS, USER_REGISTRY_FILE, USER_REGISTRY_GRAPH, source_name
from kb.model.vocab import ACTOR_CLASSES
from kb.read.query import run_named
from kb.store.base import Store

__all__ = ["user_actors", "write_user_actors", "declared_actors", "add_actor", "add_alias", "titles_and_mandates"]


def _path(store: Store) -> Path | None:
    return store.folder / USER_REGISTRY_FILE if store.folder is not None else None


def user_actors(store: Store) -> list[Actor]:
    """The actors added to this store with ``kb actors add``."""
    path = _path(store)
    if path is None:
        if store.remote:  # a SPARQL server: no folder for actors.yaml, the graph is the record
            return _actors_from(store, str(USER_REGISTRY_GRAPH))
        return list(store.memory_actors)
    return load_registry_file(path, source=USER_REGISTRY_FILE) if path.exists() else []


def write_user_actors(store: Store, actors: list[Actor]) -> None:
    """Rewrite the store's actors.yaml whole, then replace its graph."""
    entries = []
    for a in actors:
        e: dict[str, Any] = {"name": a.name, "type": a.type}
        if a.title:
            e["title"] = a.title
        if a.mandates:
            e["represents"] = [
                {k: v for k, v in (("actor", m.actor), ("title", m.title), ("from", m.start), ("until", m.end)) if v}
                for m in a.mandates
            ]
        if a.aliases:
            e["aliases"] = list(a.aliases)
        entries.append(e)
    import yaml

    from kb.ingest.mapping import describe_actor, new_graph

    path = _path(store)
    if path is None:
        store.memory_actors = list(actors)
    else:
        text = "# Actors added with `kb actors add`; conflict-kb rewrites this file.\n" + yaml.safe_dump(
            entries, allow_unicode=True, sort_keys=False
        )
        write_whole(path, text.encode("utf-8"))
    registry = Registry.bundled()
    for a in actors:
        registry.add(a)
    graph = new_graph()
    for a in actors:
        describe_actor(graph, a, registry)
    store.replace_graphs({USER_REGISTRY_GRAPH: graph})


def declared_actors(store: Store) -> list[Actor]:
    """Actors the article graphs describe (declared in fact files or created by --new-actors)."""
    return _actors_from(store, ARTICLE_GRAPHS)


def _actors_from(store: Store, within: str) -> list[Actor]:
    actors: dict[str, dict] = {}
    for row in run_named(store, "declared-actors", within=within):
        a = actors.setdefault(
            row["actor"],
            {
                "name": row["label"],
                "class": row["class"],
                "aliases": [],
                "title": None,
                "represents": [],
                "source": row["g"],
            },
        )
        if row["alias"] and row["alias"] not in a["aliases"]:
            a["aliases"].append(row["alias"])
        a["title"] = a["title"] or row["title"]
        if row["represents"] and row["represents"] not in a["represents"]:
            a["represents"].append(row["represents"])
    kinds = {str(v): k for k, v in ACTOR_CLASSES.items()}
    return [
        Actor(
            a["name"],
            kinds.get(a["class"], "actor"),
            tuple(a["aliases"]),
            a["title"],
            tuple(Mandate(r) for r in a["represents"]),
            source=a["source"],
        )
        for a in actors.values()
    ]


def _clash(registry: Registry, actor: Actor, name: str, why: str) -> None:
    clash = [a for a in registry.candidates(name) if a.key != actor.key]
    if clash:
        raise ActorError(f"'{name}' already names {' and '.join(a.name for a in clash)}; {why}")


def add_actor(
    store: Store,
    registry: Registry,
    name: str,
    *,
    type: str,
    title: str | None = None,
    represents: str | None = None,
    start: str | None = None,
    end: str | None = None,
    aliases: Sequence[str] = (),
    before_write: Callable[[], None] | None = None,
) -> Actor:
    """Check a new actor against ``registry`` and add it to the store's actors.yaml.

    See :meth:`kb.KnowledgeBase.add_actor`; ``before_write`` runs once every check has passed.
    """
    if type not in ACTOR_TYPES:
        raise KBError(f"unknown actor type '{type}'; expected one of {', '.join(ACTOR_TYPES)}")
    if represents and type not in REPRESENTING_TYPES:
        raise KBError(NOT_REPRESENTING)
    if (start or end) and not represents:
        raise KBError("--from/--until date a mandate: give --represents too")
    entry: dict[str, Any] = {"name": name, "type": type, "title": title, "aliases": list(aliases)}
    if represents:
        entry.update({"represents": registry.resolve(represents).name, "from": start, "until": end})
    actor = actor_from_dict({k: v for k, v in entry.items() if v}, source=USER_REGISTRY_FILE)
    for m in actor.mandates:
        try:
            mandate_dates(m)
        except DateError as exc:
            raise KBError(f"--from/--until: {exc}") from None
    for alias in (name, *aliases):
        _clash(registry, actor, alias, "choose another name or alias")
    if before_write is not None:  # every check passed
        before_write()
    write_user_actors(store, [a for a in user_actors(store) if a.key != actor.key] + [actor])
    return actor


def add_alias(store: Store, registry: Registry, name: str, alias: str) -> None:
    """Give a known actor another name in the store's actors.yaml (see :meth:`kb.KnowledgeBase.add_alias`)."""
    actor = registry.resolve(name)
    _clash(registry, actor, alias, "an alias may name one actor only")
    users = user_actors(store)
    mine = next((a for a in users if a.key == actor.key), None)
    entry = (
        dataclasses.replace(mine, aliases=(*mine.aliases, alias))
        if mine
        else Actor(actor.name, actor.type, (alias,), source=USER_REGISTRY_FILE)
    )
    write_user_actors(store, [a for a in users if a.key != actor.key] + [entry])


def titles_and_mandates(store: Store, iri: Any) -> tuple[list[dict], list[dict]]:
    """What the sources say of an actor: its titles and its mandates, each with its source."""
    titles: list[dict] = []
    mandates: list[dict] = []
    for row in run_named(store, "actor", actor=iri):
        source = source_name(row["g"])
        if row["kind"] == "title":
            item = {"title": row["value"], "source": source}
            if item not in titles:
                titles.append(item)
        elif row["kind"] == "mandate":
            item = {
                "actor": row["value"],
                "title": row["title"],
                "from": row["start"],
                "until": row["end"],
                "source": source,
            }
            if item not in mandates:
                mandates.append(item)
    return titles, mandates
