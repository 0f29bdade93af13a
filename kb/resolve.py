"""Resolve a checked fact file: names to actors, date expressions to bounds.

The second step of the pipeline (read → **resolve** → map → store). All
judgement about what a name or a date *means* happens here, against the
actor registry and the article's publication day, so mapping to RDF is a
plain translation that cannot fail.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from .actors import Actor, Registry
from .dates import When, resolve_when
from .errors import ActorError, DateError, FactFileError
from .factfile import EventFacts, FactFile

__all__ = ["ResolvedEvent", "ResolvedFile", "resolve"]


@dataclass(frozen=True)
class ResolvedEvent:
    facts: EventFacts
    when: When
    roles: dict[str, tuple[Actor, ...]]


@dataclass(frozen=True)
class ResolvedFile:
    facts: FactFile
    declared: tuple[Actor, ...]  # actors the file's actors: block introduced or re-described
    events: tuple[ResolvedEvent, ...]
    registry: Registry  # the registry as this file sees it, declarations included


def resolve(ff: FactFile, registry: Registry) -> ResolvedFile:
    """Resolve every name and date of ``ff``; the first problem raises.

    ``registry`` is not changed: the file's own declarations go into a copy,
    so one file's people do not leak into another's resolution by accident.
    """
    local = copy.deepcopy(registry)
    declared: list[Actor] = []
    for decl in ff.actors:
        actor = Actor(decl.name, decl.type, decl.aliases, decl.title, decl.represents, declared_in=ff.path)
        local.add(actor)
        declared.append(local.get(actor.key))
    for decl, actor in zip(ff.actors, declared):
        if actor.represents is not None:
            try:
                represented = local.resolve(actor.represents)
            except ActorError as exc:
                raise FactFileError(str(exc), file=ff.path, index=decl.index, section="actor",
                                    event_id=decl.name, field="represents") from None
            if represented.key == actor.key:
                raise FactFileError("an actor cannot represent itself", file=ff.path, index=decl.index,
                                    section="actor", event_id=decl.name, field="represents")

    events = []
    for ev in ff.events:
        try:
            when = resolve_when(ev.date, start=ev.start, end=ev.end, ref=ff.article.published)
        except DateError as exc:
            field = "date" if ev.date is not None else ("start" if ev.start is not None else "end")
            raise FactFileError(str(exc), file=ff.path, index=ev.index, event_id=ev.id, field=field) from None
        roles: dict[str, tuple[Actor, ...]] = {}
        for role, names in ev.roles.items():
            resolved = []
            for name in names:
                try:
                    resolved.append(local.resolve(name))
                except ActorError as exc:
                    raise FactFileError(str(exc), file=ff.path, index=ev.index, event_id=ev.id,
                                        field=role) from None
            if len({a.key for a in resolved}) != len(resolved):
                raise FactFileError("names the same actor twice (under two of its names)", file=ff.path,
                                    index=ev.index, event_id=ev.id, field=role)
            roles[role] = tuple(resolved)
        events.append(ResolvedEvent(ev, when, roles))
    return ResolvedFile(ff, tuple(declared), tuple(events), local)
