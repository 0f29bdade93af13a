"""Resolve a checked fact file: names to actors, date expressions to bounds.

The second step of the pipeline (read → **resolve** → map → store). All
judgement about what a name or a date *means* happens here, against the
actor registry and the article's publication day, so mapping to RDF is a
plain translation that cannot fail.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from kb.errors import ActorError, DateError, FactFileError, FactFileErrors
from kb.ingest.factfile import EventFacts, FactFile, PlaceDecl
from kb.model.actors import Actor, Registry, mandate_dates, slug
from kb.model.dates import When, resolve_when
from kb.model.iris import event_iri, event_reference
from kb.model.namespace import IRI
from kb.model.places import Gazetteer, Place

__all__ = ["ResolvedEvent", "ResolvedFile", "resolve"]


@dataclass(frozen=True)
class ResolvedEvent:
    facts: EventFacts
    when: When
    roles: dict[str, tuple[Actor, ...]]
    place: Place | None = None
    node: IRI | None = None  # this event's IRI: its own, or the one same-as names
    result_of: IRI | None = None
    about: tuple[IRI, ...] = ()
    claimed_by: tuple[Actor, ...] = ()  # whose claim the article reports it as


@dataclass(frozen=True)
class ResolvedFile:
    facts: FactFile
    declared: tuple[tuple[Actor, Actor], ...]  # (as the file declares it, the registry actor it is)
    events: tuple[ResolvedEvent, ...]
    registry: Registry  # the registry as this file sees it, declarations included
    created: tuple[Actor, ...] = ()  # unknown names made into actors (new_actors=True)
    warnings: tuple[str, ...] = ()  # what was kept but deserves a look (unknown places, new actors)
    places: tuple[Place, ...] = ()  # the file's declared places (its places: block)


def resolve(
    ff: FactFile,
    registry: Registry,
    gazetteer: Gazetteer | None = None,
    *,
    new_actors: bool = False,
    event_exists: Callable[[IRI], bool] = lambda iri: False,
) -> ResolvedFile:
    """Resolve every name, place and date of ``ff``; problems raise, every event's first one together.

    ``registry`` is not changed: the file's own declarations go into a copy,
    so one file's people do not leak into another's resolution by accident.
    With ``new_actors``, a name that matches no actor becomes a new actor of
    unknown type (reported in ``created`` and ``warnings``) instead of an
    error; an ambiguous name is an error either way. ``event_exists`` tells
    whether an event another article reported is known, for ``same-as`` and
    ``about`` references to it.
    """
    gazetteer = gazetteer or Gazetteer(registry)
    created: list[Actor] = []
    warnings: list[str] = []
    # a copy only when something is added to it (copying a registry of thousands of names per
    # JSON Lines event was most of a --new-actors bulk ingest)
    local = registry.copy() if ff.actors else registry
    copied = bool(ff.actors)
    declared: list[tuple[Actor, Actor]] = []
    for decl in ff.actors:
        problem = local.conflict(decl.actor)
        if problem is not None:
            raise FactFileError(
                problem[1], file=ff.path, index=decl.index, section="actor", event_id=decl.actor.name, field=problem[0]
            )
        declared.append((decl.actor, local.add(decl.actor)))
    for decl in ff.actors:
        actor = decl.actor

        def err(message: str, field: str, index: int = decl.index, name: str = actor.name) -> FactFileError:
            return FactFileError(message, file=ff.path, index=index, section="actor", event_id=name, field=field)

        for mandate in actor.mandates:
            try:
                represented = local.resolve(mandate.actor)
            except ActorError as exc:
                raise err(str(exc), "represents") from None
            if represented.key == actor.key:
                raise err("an actor cannot represent itself", "represents")
            try:
                start, end = mandate_dates(mandate)
            except DateError as exc:
                raise err(str(exc), "from" if mandate.start else "until") from None
            if start and end and start > end:
                raise err(f"the mandate ends ({mandate.end}) before it starts ({mandate.start})", "until")

    places = tuple(_declared_place(decl, ff.path, local, gazetteer) for decl in ff.places)
    gazetteer = gazetteer.with_declared(places)

    article_id = ff.article.id
    nodes: dict[str, IRI] = {}
    for ev in ff.events:
        nodes[ev.id] = event_iri(article_id, ev.id)
        if ev.same_as is not None:
            nodes[ev.id] = _reference(ev.same_as, ev, ff, "same-as", event_exists, warnings)

    events = []
    errors: list[FactFileError] = []  # every event's first problem, reported together
    for ev in ff.events:
        try:
            try:
                when, doubt = _when(ev, ff.article.published)
            except DateError as exc:
                field = "date" if ev.date is not None else ("start" if ev.start is not None else "end")
                raise FactFileError(str(exc), file=ff.path, index=ev.index, event_id=ev.id, field=field) from None
            if doubt:
                warnings.append(str(FactFileError(doubt, file=ff.path, index=ev.index, event_id=ev.id, field="date")))
            roles: dict[str, tuple[Actor, ...]] = {}
            for role, names in ev.roles.items():
                resolved = []
                for name in names:
                    if not (new_actors and isinstance(name, str) and name.strip() and not local.candidates(name)):
                        try:
                            resolved.append(local.resolve(name))
                            continue
                        except ActorError as exc:
                            raise FactFileError(
                                str(exc), file=ff.path, index=ev.index, event_id=ev.id, field=role
                            ) from None
                    # no match and --new-actors: a new actor, without the "did you mean" search an error needs
                    if not copied:
                        local, copied = registry.copy(), True
                    actor = local.add(Actor(name.strip(), "actor", source=ff.path))
                    created.append(actor)
                    warnings.append(
                        str(
                            FactFileError(
                                f"new actor '{actor.name}' created (type unknown; "
                                "declare it in actors: to give it one)",
                                file=ff.path,
                                index=ev.index,
                                event_id=ev.id,
                                field=role,
                            )
                        )
                    )
                    resolved.append(actor)
                if len({a.key for a in resolved}) != len(resolved):
                    raise FactFileError(
                        "names the same actor twice (under two of its names)",
                        file=ff.path,
                        index=ev.index,
                        event_id=ev.id,
                        field=role,
                    )
                roles[role] = tuple(resolved)
            claimed_by = []
            for name in ev.claimed_by:
                try:
                    claimed_by.append(local.resolve(name))
                except ActorError as exc:
                    raise FactFileError(
                        str(exc), file=ff.path, index=ev.index, event_id=ev.id, field="claimed-by"
                    ) from None
            place = gazetteer.resolve(ev.place) if ev.place else None
            if place is not None and not place.known:
                warnings.append(
                    str(
                        FactFileError(
                            f"'{ev.place}' is not in the gazetteer; kept as a label",
                            file=ff.path,
                            index=ev.index,
                            event_id=ev.id,
                            field="place",
                        )
                    )
                )
            about = tuple(
                nodes[a] if a in nodes else _reference(a, ev, ff, "about", event_exists, warnings) for a in ev.about
            )
            # result-of names an event of the same article: in a fact file the reader checks it; on the bulk
            # path that event is an earlier line, which event_exists knows
            result_of = (nodes.get(ev.result_of) or event_iri(article_id, ev.result_of)) if ev.result_of else None
            if result_of is not None and ev.result_of not in nodes and not event_exists(result_of):
                raise FactFileError(
                    f"no event '{ev.result_of}' in article '{article_id}' (on an earlier line, for JSON Lines)",
                    file=ff.path,
                    index=ev.index,
                    event_id=ev.id,
                    field="result-of",
                )
            events.append(ResolvedEvent(ev, when, roles, place, nodes[ev.id], result_of, about, tuple(claimed_by)))
        except FactFileError as exc:
            errors.append(exc)
    if errors:
        raise FactFileErrors.of(errors)
    return ResolvedFile(ff, tuple(declared), tuple(events), local, tuple(created), tuple(warnings), places)


def _declared_place(decl: PlaceDecl, file: str, registry: Registry, gazetteer: Gazetteer) -> Place:
    """The place a ``places:`` entry declares, refused when it would shadow or contradict a known place."""

    def err(message: str, field: str) -> FactFileError:
        return FactFileError(message, file=file, index=decl.index, section="place", event_id=decl.name, field=field)

    country = None
    if decl.country is not None:
        try:
            country = registry.resolve(decl.country)
        except ActorError as exc:
            raise err(str(exc), "country") from None
        if country.type != "state":
            raise err(f"'{decl.country}' is {country.name}, a {country.type}; a place lies in a state", "country")
    place = Place(
        decl.name,
        slug(decl.name),
        "declared",
        country,
        decl.latitude,
        decl.longitude,
        decl.geonames,
        decl.aliases,
        file,
    )
    for written, field in ((decl.name, "name"), *((a, "aliases") for a in decl.aliases)):
        shipped = gazetteer.shipped(written)
        if shipped.known:
            raise err(
                f"'{written}' is in the gazetteer already ({describe_place(shipped)}); name it in events "
                "without declaring it, or declare a more specific name",
                field,
            )
        earlier = gazetteer.declared(written)
        if earlier is None:
            continue
        differs = field if earlier.key != place.key else _contradiction(earlier, place)
        if differs:
            raise err(
                f"'{written}' is declared differently in {earlier.source} ({describe_place(earlier)}); "
                "declare it the same way there and here, or leave this declaration out",
                differs,
            )
    return place


def _contradiction(a: Place, b: Place) -> str | None:
    """The field two declarations of a place give different values for, both giving one (None: they agree)."""
    pairs = (
        ("country", a.country.key if a.country else None, b.country.key if b.country else None),
        ("latitude", a.latitude, b.latitude),
        ("longitude", a.longitude, b.longitude),
        ("geonames", a.geonames_id, b.geonames_id),
    )
    return next((f for f, x, y in pairs if x is not None and y is not None and x != y), None)


def describe_place(place: Place) -> str:
    """A few words that tell a place from its namesakes: "city in Syria", "Golan Heights, 33.0, 35.8"."""
    where = f" in {place.country.name}" if place.country else ""
    if place.kind == "country":
        return "a country"
    if place.kind == "declared":
        at = f" at {place.latitude}, {place.longitude}" if place.latitude is not None else ""
        return f"{place.name}{where}{at}"
    return f"a {place.kind}{where}: {place.name}"


# Words that put what follows in the future: the quote speaks of a plan, not of something that happened.
_FUTURE_CUE = re.compile(
    r"\b(?:will|shall|would|'ll|(?:is|are|was|were) (?:expected|due|set|scheduled|planned|"
    r"slated|supposed|going) to|plans? to|planning to|scheduled (?:for|on)|expected (?:on|in)|"
    r"to (?:resume|meet|hold|sign|begin|start|continue|take place)|next|upcoming|"
    r"forthcoming)\b",
    re.IGNORECASE,
)
_BEFORE_DATE = 80  # characters of the quote before its date that may carry the cue (one clause, roughly)


def _when(ev: EventFacts, published) -> tuple[When, str | None]:
    """The event's time, and a doubt worth a warning.

    A date without a year is the last such day on or before publication,
    unless the quote puts it in the future: a cue such as "will", "is
    expected to" or "to resume" in the words just before the date as the
    quote gives it. Then it is the next such day. When the quote says
    neither and the next such day is close (within a month) while the last
    one is almost a year before, the choice is reported, naming the event.
    """
    future = False
    if isinstance(ev.date, str):
        for quote in ev.quotes:
            at = quote.casefold().find(ev.date.strip().casefold())
            if at >= 0:
                future = bool(_FUTURE_CUE.search(quote[max(0, at - _BEFORE_DATE) : at]))
                break
    when = resolve_when(ev.date, start=ev.start, end=ev.end, ref=published, future=future)
    if future or not isinstance(ev.date, str) or when.latest_end is None or published is None:
        return when, None
    try:
        other = resolve_when(ev.date, ref=published, future=True)
    except DateError:  # read forward the date means nothing ("between Monday and Tuesday" said on a Tuesday)
        return when, None
    if (
        other.earliest_begin is not None
        and when.earliest_begin is not None
        and other.earliest_begin != when.earliest_begin
        and (other.earliest_begin - published).days <= 31
        and (published - when.latest_end).days >= 300
    ):
        return when, (
            f"'{ev.date}' has no year: taken as {when.earliest_begin.isoformat()}, the last such day "
            f"before publication; if the quote means {other.earliest_begin.isoformat()}, "
            f"{(other.earliest_begin - published).days} days after it, give the year"
        )
    return when, None


def _reference(
    ref: str, ev: EventFacts, ff: FactFile, field: str, event_exists: Callable[[IRI], bool], warnings: list[str]
) -> IRI:
    """The event IRI ``article-id/event-id`` names, whether or not that article is in the store yet.

    An event's IRI comes from its own article's id and event id, so a file that points at it may be
    ingested before that article, or keep its claim after that article is removed, and the store is the
    same as with every file ingested in any order. A reference to an event not (yet) stored is kept and
    reported, so a mistyped id is seen.
    """
    iri = event_reference(ref)
    if iri is None:
        raise FactFileError(
            f"'{ref}' is neither an event id of this file nor article-id/event-id of a stored event",
            file=ff.path,
            index=ev.index,
            event_id=ev.id,
            field=field,
        )
    if not event_exists(iri):
        warnings.append(
            str(
                FactFileError(
                    f"no event '{ref}' in the store yet: kept under that event, which its own article joins when "
                    "it is ingested (check the id if that article is in the store already)",
                    file=ff.path,
                    index=ev.index,
                    event_id=ev.id,
                    field=field,
                )
            )
        )
    return iri
