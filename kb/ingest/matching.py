"""When do two reports describe the same event? The rule, in one place.

Two events look alike — and ``kb ingest`` proposes to merge them — when all
of these hold:

1. **same kind**: talks and mediations are one kind (a meeting); agreements
   and ceasefires are one; a military action and its subtypes are one; any
   other type only matches itself;
2. **same sides**: the actors in the kind's key roles are the same, after
   rolling persons up to the states they represent (parties for meetings,
   agreements and ceasefires; attacker and target for military actions;
   speaker for statements — the speaker themself, not the state they speak
   for; proposer and addressee for proposals and demands;
   subject for regime changes);
3. **overlapping dates, both precise**: the days each may touch overlap, and
   neither spans more than a week — "in March" overlaps every meeting that
   month and proves nothing, so vaguer reports need an explicit ``same-as``;
4. **same place**, when both give one: the same place, or one lies in the
   other's country.

The kinds and the key roles are columns of the vocabulary table
(:data:`kb.model.vocab.EVENT_TYPES`). So two rounds of talks between the same parties a month apart stay two
events, however alike they look. A proposal is only a proposal: it is merged
when the user accepts it (``--merge``, or yes at the prompt).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kb.model.vocab import EVENT_TYPES

__all__ = ["Sketch", "Sketches", "looks_alike", "dates_match", "key_roles", "bucket", "MAX_SPAN_DAYS"]

MAX_SPAN_DAYS = 7


def key_roles(event_type: str) -> tuple[str, ...]:
    """The roles whose actors must agree (the vocabulary's ``key_roles``; none for an unknown type)."""
    known = EVENT_TYPES.get(event_type)
    return known.key_roles if known else ()


@dataclass(frozen=True)
class Sketch:
    """What matching needs to know of an event, wherever it comes from."""

    iri: str
    type: str  # fact-file type key
    start: dt.date | None  # earliest possible begin
    end: dt.date | None  # latest possible end
    actors: dict[str, frozenset[str]]  # role -> rolled-up actor IRIs
    place: str | None = None  # place IRI
    place_country: str | None = None  # the state IRI the place lies in

    @property
    def place_is_country(self) -> bool:
        """A country's own place shares its last IRI segment with the state (place/syria, actor/syria)."""
        return bool(
            self.place and self.place_country and self.place.rsplit("/", 1)[-1] == self.place_country.rsplit("/", 1)[-1]
        )

    @property
    def kind(self) -> str:
        known = EVENT_TYPES.get(self.type)
        return known.kind if known else self.type

    @property
    def precise(self) -> bool:
        return self.start is not None and self.end is not None and (self.end - self.start).days < MAX_SPAN_DAYS


def dates_match(a_start: dt.date | None, a_end: dt.date | None, b: Sketch) -> bool:
    """Rule 3: both spans precise (under :data:`MAX_SPAN_DAYS`) and overlapping."""
    if a_start is None or a_end is None or b.start is None or b.end is None or not b.precise:
        return False
    return (a_end - a_start).days < MAX_SPAN_DAYS and a_start <= b.end and b.start <= a_end


def looks_alike(a: Sketch, b: Sketch) -> list[str] | None:
    """The reasons two events look alike, or None when they do not."""
    if a.iri == b.iri or a.kind != b.kind:
        return None
    if not dates_match(a.start, a.end, b):
        return None
    roles = key_roles(a.type)
    if not roles or any(a.actors.get(r, frozenset()) != b.actors.get(r, frozenset()) for r in roles):
        return None
    if not any(a.actors.get(r) for r in roles):
        return None
    reasons = [f"same kind ({a.kind})", "overlapping dates", f"same {' and '.join(roles)}"]
    if a.place and b.place:
        same_country = a.place_country is not None and a.place_country == b.place_country
        if not (a.place == b.place or (same_country and (a.place_is_country or b.place_is_country))):
            return None
        reasons.append("same place")
    return reasons


def bucket(s: Sketch) -> tuple | None:
    """Where ``s`` may find a look-alike: its kind and its key roles' actors. None: it never looks alike.

    Two sketches in different buckets never look alike (rules 1-3 above), so
    a batch compares each event only with its bucket, not with every event
    before it (3M comparisons at 2,500 events, once).
    """
    if not s.precise:
        return None
    roles = key_roles(s.type)
    if not roles or not any(s.actors.get(r) for r in roles):
        return None
    return (s.kind, tuple(s.actors.get(r, frozenset()) for r in roles))


class Sketches:
    """The events of a batch so far, by :func:`bucket`, and every IRI among them."""

    def __init__(self) -> None:
        self._buckets: dict[tuple, list[Sketch]] = {}
        self.iris: set[str] = set()

    def add(self, s: Sketch) -> None:
        self.iris.add(s.iri)
        key = bucket(s)
        if key is not None:
            self._buckets.setdefault(key, []).append(s)

    def alike(self, s: Sketch) -> list[Sketch]:
        """The sketches that could look like ``s`` (still to be tested with :func:`looks_alike`)."""
        key = bucket(s)
        return [] if key is None else [o for o in self._buckets.get(key, ()) if o.iri != s.iri]
