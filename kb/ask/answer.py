"""From a reading to an answer: one named query finds the events, their facts decide and shape the answer.

``kb/ask/queries/events.rq`` (values bound as RDF terms) finds the events
the question's actors take part in, of its type, certainly inside its
window; each is then read whole, as ``kb show`` reads it (every source's
claim, roles, place, status, confidence), and kept when its roles, place,
status and planned-or-done fit the reading. What is kept becomes rows —
mediators, the actors asked "who" about, events — plus a verdict for a
yes/no question and a count for "how many". Every row says how sure it is
(the firmest confidence a source gives, whose claim it is) and how many
articles report it.

A question with words the reading did not understand is answered only
when each such word is in the labels of the events kept (so "restore
diplomatic relations" narrows to the agreement that says so); otherwise it
is refused, naming the words, with two questions built from its own actors
and window that can be answered.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import Any

from kb.ask import words as W
from kb.ask.understand import DATE_MAX, DATE_MIN, Mention, Reading, closest_questions
from kb.errors import KBError
from kb.model.actors import normalise
from kb.model.dates import Window
from kb.read.answers import CONFIDENCE_ORDER, TimelineEvent
from kb.read.binding import bind
from kb.read.query import with_includes

__all__ = ["Answer", "answer"]


@dataclass
class Answer:
    """What ``kb ask`` returns: how the question was read, the rows, the query that found them, how sure."""

    question: str
    form: str  # the intent: mediators / who / events / where / when / yesno / count
    columns: list[str]
    rows: list[dict[str, Any]]
    sparql: str
    bound: dict[str, Any]  # the reading's slots: intent, actors with roles, types, window, ...
    verdict: str | None = None  # yes / no / claimed, for a yes/no question
    count: int | None = None  # for "how many"
    who: list[str] | None = None  # the names a "who" question asks for
    note: str | None = None  # what the verdict rests on, in words
    caveat: str | None = None  # what the answer may leave out: events whose vague dates may fall in the window
    events: list[str] = field(default_factory=list)  # the IRIs of the events the answer rests on
    read: list[TimelineEvent] = field(default_factory=list, repr=False)  # those events as read (not in JSON)

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "form": self.form,
            "bound": self.bound,
            "verdict": self.verdict,
            "count": self.count,
            "who": self.who,
            "note": self.note,
            "caveat": self.caveat,
            "columns": self.columns,
            "rows": self.rows,
            "sparql": self.sparql,
        }


@cache
def _query_text(name: str) -> str:
    text = resources.files("kb.ask.queries").joinpath(f"{name}.rq").read_text(encoding="utf-8")
    return with_includes(text, "kb.ask.queries")


def stored(actor: Any, run: Callable[[str], Any]) -> bool:
    """Whether ``actor`` takes part in any stored event (takes-part.rq with it bound)."""
    from kb.model.iris import actor_iri
    from kb.model.namespace import IRI

    return bool(run(bind(_query_text("takes-part"), {"actor1": IRI(str(actor_iri(actor)))})).records)


def _type_of(ev: TimelineEvent) -> set[str]:
    """The type keys an event answers to: its own, its subtype, and the broader ones."""
    keys = {ev.type}
    if ev.subtype:
        keys.add(ev.subtype)
    if ev.type in W.BROADER:
        keys.add(W.BROADER[ev.type])
    return keys


def _takes_part(ev: TimelineEvent, iri: str, roles: tuple[str, ...]) -> bool:
    """Whether actor ``iri`` is in one of ``roles`` (any when empty), by name or by whom it acts for."""
    for role in roles or tuple(ev.actor_iris):
        if iri in ev.actor_iris.get(role, ()) or iri in ev.actor_nodes.get(role, ()):
            return True
    return False


def _verb_after_wh(words: list[str]) -> str | None:
    """The word after the question word and its noun ("who was", "which actors was")."""
    k = 2 if words[:1] == ["which"] and words[1:2] and words[1] in W.FILLER else 1
    return words[k] if k < len(words) else None


def _what(ev: TimelineEvent) -> str:
    """What an event was, for a row: what was said, or asked for where the label only names who asked ("demand:
    Ilham Aliyev" said nothing of the demand)."""
    if ev.content and (ev.type == "statement" or (ev.type in ("demand", "proposal") and ev.label.startswith(ev.type))):
        return ev.content if ev.type == "statement" else f"{ev.label}: {ev.content}"
    return ev.label


def _name_words(name: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[^\W\d_]+", name.casefold()))


def _two(events: Sequence[TimelineEvent], *, what: bool = False) -> str:
    """The first two events, as a refusal names them: each one's label (or what was said or asked) and date."""
    return "; ".join(f"{_what(ev) if what else ev.label} ({ev.date})" for ev in events[:2])


def _spellings(m: Mention) -> set[tuple[str, ...]]:
    """The words of an actor's name and of each of its aliases of four letters or more."""
    names = (m.name, *(m.actor.aliases if m.actor else ()))
    return {_name_words(n) for n in names if len(n) >= 4} - {()}


def _runs_in(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """Whether ``part`` runs, word for word, in ``words``."""
    n = len(part)
    return any(words[k : k + n] == part for k in range(len(words) - n + 1))


def _says(text: str, part: tuple[str, ...]) -> bool:
    """Whether ``part`` (a name's words) runs, word for word, in ``text``."""
    return _runs_in(_name_words(text), part)


def _holds(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """Whether ``part`` runs, word for word, inside the longer ``words``."""
    return len(words) > len(part) and _runs_in(words, part)


def _there(ev: TimelineEvent, place_iri: str, country_iri: str | None) -> bool:
    return ev.place_iri == place_iri or (country_iri is not None and ev.place_country == country_iri)


class _Asker:
    def __init__(self, kb: Any, reading: Reading, run: Callable[[str], Any]) -> None:
        from kb.model.iris import actor_iri, place_iri

        self.kb = kb
        self.reading = reading
        self._run = run
        self._ran: dict[str, Any] = {}  # one question's queries and events, each read once: the refusal checks
        self._read: dict[str, TimelineEvent] = {}  # relax the reading a dozen times over the same few events
        self.actor_iri = lambda a: str(actor_iri(a))
        self.place_iri = place_iri
        self.labels: dict[str, str] = {}
        self.absent: list[str] = []  # named actors that take part in nothing stored, asked about
        self.demoted: list[str] = []  # such actors describing events, matched in the labels instead
        self.unstored: list[Mention] = []  # every such actor left in the reading, in order
        self.organs: list[str] = []  # organs of a state read as their state (_organ_of_state), for the note
        self.unsure: list[TimelineEvent] = []  # nothing certainly in the window: these may be (explain_nothing)
        self._unwindowed: dict[tuple[int, ...], list[TimelineEvent]] = {}  # vague_in_window's reads, kept
        self._anchors: dict[tuple[tuple[str, ...], str], list[dt.date]] = {}  # _anchor_start's reads, kept
        self._anchor_kind: dict[tuple[tuple[str, ...], str], set[str]] = {}  # ... and the events counted from
        self.anchor_events: set[str] = set()  # "after the Ohrid meeting": the events it names, not answers
        self.sides_apart = True  # named sides of talks are two sides, not one or a go-between (_two_sides)
        self.host_placed = True  # a state hosts talks in its own country (_hosted)

    # -- finding -----------------------------------------------------------
    def query(self, strict: list[Mention], type_key: str | None, first: dt.date, last: dt.date) -> str:
        """events.rq with the first three actors bound (the others are checked on the events read)."""
        from kb.model.vocab import TYPE_KEYS

        values: dict[str, Any] = {"first": first, "last": last}
        for name, m in zip(("actor1", "actor2", "actor3"), strict[:3], strict=False):
            values[name] = self._iri_ref(m)
        if type_key is not None:
            values["type"] = TYPE_KEYS[type_key]
        return bind(_query_text("events"), values)

    def _iri_ref(self, m: Mention) -> Any:
        from kb.model.namespace import IRI

        return IRI(self.actor_iri(m.actor))

    def run(self, sparql: str) -> Any:
        """The results of ``sparql`` (a query with its values bound), run once per question."""
        if sparql not in self._ran:
            self._ran[sparql] = self._run(sparql)
        return self._ran[sparql]

    def events(self, iris: list[str]) -> list[TimelineEvent]:
        """The events of ``iris``, in order, each decoded once per question."""
        from kb.read.planner import read_events

        missing = [i for i in iris if i not in self._read]
        if missing:
            self._read.update(read_events(self.kb.store, missing))
        return [self._read[i] for i in iris if i in self._read]

    def strict(self) -> list[Mention]:
        """The actors an event must hold in their roles (the loose and the "about" ones are checked apart)."""
        return [m for m in self.reading.actors if not m.loose and m.roles != ("about",)]

    def find(self) -> tuple[list[TimelineEvent], str]:
        r = self.reading
        strict = self.strict()
        type_key = r.types[0] if len(r.types) == 1 else None
        first, last = self.window()
        # an addressee may be named only in what was proposed or demanded ("gas sales to Syria"): checked on the
        # events read (fits), not asked of the store
        bound = [m for m in strict if not (m.roles == ("addressee",) and set(r.types) <= {"proposal", "demand"})]
        sparql = self.query(bound, type_key, first, last)
        events = self.events([row["event"] for row in self.run(sparql).records])
        return [ev for ev in events if self.fits(ev, strict) and ev.iri not in self.anchor_events], sparql

    def window(self) -> tuple[dt.date, dt.date]:
        """The question's window, with "since/after/before the ceasefire" counted from that event."""
        r = self.reading
        first, last = r.first, r.last
        named = [m for m in r.actors if m.roles != ("about",)]  # "strike Iran before the ceasefire": Iran's too
        if r.anchor is not None and r.anchor[0] == "before":
            last = min(last, self._anchor_start(named, r.anchor[1], before=True) - dt.timedelta(days=1))
        elif r.anchor is not None:
            first = max(first, self._anchor_start(named, r.anchor[1]))
        return first, last

    def _anchor_start(self, named: list[Mention], kind: str, *, before: bool = False) -> dt.date:
        """ "since the ceasefire": the first day of the last such event of the question's actors; ``before``
        ("before the ceasefire"): the first day of the only one — of several, which is meant is not known.
        "after the Ohrid meeting": such an event there, of one day only (the events themselves are the anchor,
        not in the answer: :attr:`anchor_events`)."""

        r = self.reading
        type_key = kind or "event"  # "after Baku": an event of any kind there (kind "")
        kinds = f"{kind} events" if kind else "events"
        key = (tuple(self.actor_iri(m.actor) for m in named), kind)  # every find asks again: read it once
        starts = self._anchors.get(key)
        if starts is None:
            rows = self.run(self.query(named, kind or None, DATE_MIN, DATE_MAX)).records
            events = self.events([x["event"] for x in rows])
            events = [ev for ev in events if ev.happened or r.future]  # (the Baku meeting "set for Thursday" is none)
            if r.anchor_date is not None:  # "the July 2025 ceasefire": the one known to begin then
                lo, hi = r.anchor_date
                events = [ev for ev in events if ev.start is not None and lo <= ev.start <= hi]
            if r.anchor_place is not None:
                where = str(self.place_iri(r.anchor_place.key))
                events = [ev for ev in events if _there(ev, where, None)]
                # "the Doha accord": the one so called, of the agreements in Doha, when one is
                called = [
                    ev for ev in events if normalise(r.anchor_words or "").removeprefix("the ") in normalise(ev.label)
                ]
                events = called or events
                self.anchor_events = {ev.iri for ev in events}
            starts = self._anchors[key] = sorted({ev.start for ev in events if ev.start is not None})
            self._anchor_kind[key] = {ev.iri for ev in events if starts and ev.start == starts[-1]}
            if not starts and events:  # "after the ceasefire" the US and the Houthis reached by an unknown day
                dated = ", ".join(sorted({ev.date for ev in events}))
                side = r.anchor[0] if r.anchor else "after"
                raise KBError(
                    f"cannot answer '{r.question}': the {type_key} of these actors has no known first day "
                    f"(dated {dated}), so what came {side} it is not known; ask with a day"
                )
        if not starts:
            named_so = f" ({r.anchor_words})" if r.anchor_words else ""
            raise KBError(f"cannot answer '{r.question}': no {type_key} of these actors{named_so} to count from")
        if r.anchor_place is not None and len(self.anchor_events) > 1:
            # "before the Berlin conference": Merkel's two meetings in Berlin that day, not the conference (stored
            # as its agreement) — the answer was empty
            raise KBError(
                f"cannot answer '{r.question}': {len(self.anchor_events)} {kinds} fit '{r.anchor_words}' "
                f"(beginning {', '.join(map(str, starts))}); which one is meant is not known — ask with the day"
            )
        if before and len(starts) > 1:
            raise KBError(
                f"cannot answer '{self.reading.question}': {len(starts)} {kinds} of these actors begin on "
                f"different days ({', '.join(map(str, starts))}); which one is meant is not known — ask with the day"
            )
        if not before and r.anchor_place is None and not self.anchor_events:
            # the event counted from is not after itself ("what happened after Azerbaijan's offensive" listed it)
            self.anchor_events = self._anchor_kind.get(key, set())
        return max(starts)

    def fits(self, ev: TimelineEvent, strict: list[Mention]) -> bool:
        r = self.reading
        if r.types and not any(t in _type_of(ev) for t in r.types):
            return False
        if r.verb_type == "mediation" and not ev.actor_iris.get("mediator"):
            return False
        if r.future != (not ev.happened):
            return False
        if r.statuses and ev.status not in r.statuses:
            return False
        if ev.status in r.excluded_statuses:
            return False
        if r.excluded_types & _type_of(ev):
            return False
        if r.confidences and (ev.confidence or "reported") not in r.confidences:
            return False
        for m in strict:
            if m.roles == ("about",):
                continue  # checked on the statement's subject and the events it is about, below
            if not (
                _takes_part(ev, self.actor_iri(m.actor), m.roles)
                or self._there_for(ev, m)
                or (
                    m.roles == W.OBJECT_ROLES.get(ev.type)
                    and ev.type in ("proposal", "demand")
                    and _in_label(m.text, ev)
                )
            ):  # "who proposed gas sales to Syria": no addressee recorded, but what was proposed names it
                return False
        if r.hosting and r.verb_type == "mediation" and self.host_placed and not self._hosted(ev, strict):
            return False
        if self._sides_asked() and self.sides_apart and not self._two_sides(ev, strict):
            return False
        for m in r.actors:
            if m.there and not self._in_city(ev, m):
                return False
            if m.loose and m.roles != ("about",):  # "denied firing at Israel": the events said about, in about()
                iri = self.actor_iri(m.actor)
                roles = ("target",) if m.struck else ()  # struck: the target, not the one striking
                if not (_takes_part(ev, iri, roles) or ev.place_country == iri):
                    return False
        for m in r.places:
            if m.roles == ("about",):
                continue
            iri = str(self.place_iri(m.place.key))
            country = self.actor_iri(m.place.country) if getattr(m.place, "country", None) is not None else None
            if m.place.kind == "country" and country is not None:
                if not (ev.place_country == country or (_takes_part(ev, country, ()) and not m.sited)):
                    return False
            elif not _there(ev, iri, None):
                return False
        return True

    def _hosted(self, ev: TimelineEvent, strict: list[Mention]) -> bool:
        """Whether the state a question names as host could have hosted ``ev``: it went between, and the event
        is not placed in another country ("who did Turkey host" listed the Doha talks it co-mediated). An
        organisation hosts wherever it convenes."""
        for m in strict:
            if m.roles == ("mediator",) and m.actor is not None and ev.place_country:
                hosts = [a for a in self._host_for(m) if a.type == "state"]
                if hosts and ev.place_country not in {self.actor_iri(a) for a in hosts}:
                    return False
        return True

    def _host_for(self, m: Mention) -> list[Any]:
        """Whom a host named hosts for: a person for the state they act for ("which summit did Merkel host":
        Germany's, in Berlin), any other actor for itself."""
        return self.kb.registry.represented(m.actor) or [m.actor]

    def _sides_asked(self) -> bool:
        """Whether the actors named of talks are their sides, not one side whose counterpart is asked ("whom did
        Witkoff and Kushner meet")."""
        r = self.reading
        return r.verb_type == "mediation" or ("talks" in r.types and r.intent != "who")

    def _two_sides(self, ev: TimelineEvent, strict: list[Mention]) -> bool:
        """Whether the actors a question names of talks hold two sides of ``ev``. The go-between is no side
        ("did Barrack mediate between Israel and the US": the US was the go-between, present through its envoy),
        and members of one delegation did not meet each other across a table ("did Shaibani meet Syria")."""
        named = [m for m in strict if m.actor is not None and ("parties" in m.roles or not m.roles)]
        between = set(ev.actor_iris.get("mediator", ())) | set(ev.actor_nodes.get("mediator", ()))
        stands = set()
        for m in named:
            iri = self.actor_iri(m.actor)
            acts_for = frozenset(_acts_for(self, ev, iri))
            if (
                self.reading.verb_type == "mediation"
                and self.reading.focus != "represented"  # "who mediated for the AU": its persons asked
                and "parties" in m.roles
                and (iri in between or acts_for & between)  # the US, or Kushner on its team
                and iri not in ev.actor_iris.get("parties", ())
            ):
                return False
            stands.add(acts_for)
        return len(named) < 2 or len(stands) > 1

    def about(self, events: list[TimelineEvent]) -> list[TimelineEvent]:
        """Statements "about X": X is their subject, or takes part in an event they are about."""
        from kb.model.iris import EVENT_PREFIX
        from kb.read.planner import read_events

        r = self.reading
        wanted = [(self.actor_iri(m.actor), m.text.removeprefix("the ")) for m in r.actors if m.roles == ("about",)]
        places = [m for m in r.places if m.roles == ("about",)]
        if not (wanted or places or r.about_types):
            return events
        out: list[tuple[TimelineEvent, list[TimelineEvent]]] = []
        for ev in events:
            others = list(read_events(self.kb.store, [EVENT_PREFIX + i for i in ev.about]).values())
            if not all(
                _takes_part(ev, w, ("subject",))
                or any(_takes_part(o, w, ()) for o in others)
                or _in_label(text, ev)  # "what did Israel say about the Druze": what was said names them
                for w, text in wanted
            ):
                continue
            if r.about_types and not any(
                t in _type_of(o) and all(_names_kind(w) or _in_label(w, o) for w in r.about_words)
                for o in others
                for t in r.about_types
            ):
                # or what was said names it ("the cessation of hostilities" gives no single word: no statement
                # passes that way — every statement did) — when its sources link it to no event: one linked to
                # others is about those ("who announced the ceasefire": not Katz's order over Iran's missiles,
                # whose words name the ceasefire it was said to break)
                if others or not r.about_words or not all(_in_label(w, ev) for w in r.about_words):
                    continue
            if places and not all(
                any(_there(o, str(self.place_iri(m.place.key)), None) for o in others)
                or any(_in_label(m.text.removeprefix("the "), e) for e in (ev, *others))  # "the Donetsk demand"
                for m in places
            ):
                continue
            out.append((ev, others))
        for m in places:
            # "statements about the Doha accord": of the agreements in Doha, the one so called when any is, as
            # named() narrows the events themselves (it counted the statements about all three agreements there)
            if m.names_event:
                out = [(ev, os) for ev, os in out if any(_so_called(m, o) for o in (ev, *os))] or out
        return [ev for ev, _ in out]

    def speech_acts(self, events: list[TimelineEvent]) -> list[TimelineEvent]:
        """ "Did Israel deny firing", "what did Iran deny": of the statements, those whose words deny or reject;
        a statement about the thing is not a denial of it (it answered "yes" from Katz's statement blaming Iran).
        Statements that fit but deny nothing are a refusal, not a "no": their words may say it otherwise.
        Another act of speech asked for ("who commended the MILF", "which minister threatened Syria") likewise
        keeps the statements whose words show it (``W.SPEECH_ACTS``: "gratitude" is thanks) — the MILF's own
        leader spoke of the agreement too, and the day's statement by Netanyahu and Katz was no threat."""
        r = self.reading
        if "statement" not in r.types:
            return events
        asked = r.words
        denial = bool(W.DENY_WORDS & set(asked))
        if denial:
            shown, act = W.DENY_WORDS, "denied or rejected anything"
        else:
            verb = next((w for w in asked if w in W.SPEECH_ACTS), None)
            if verb is None:
                return events
            shown, act = W.SPEECH_ACTS[verb], f"'{verb}'"
        # the statement's words, or its source's sentence ("Katz threatened ...", "Sullivan welcomed ...")
        kept = [
            ev
            for ev in events
            if ev.type != "statement"
            or shown & set(_words_of([ev]).split())
            or shown & set(normalise(" ".join(s.quote for s in ev.sources)).split())
        ]
        if events and not kept:
            if not denial and r.intent in ("events", "when", "where") and any("speaker" in m.roles for m in r.actors):
                return events  # "what did Podolyak warn": his statements, the act a manner of saying them
            raise KBError(
                f"cannot answer '{r.question}': {len(events)} statement{'s' * (len(events) != 1)} fit, but "
                f"{'their' if len(events) != 1 else 'its'} words do not say it {act}; ask what was said"
            )
        return kept

    def persons_asked(self, events: list[TimelineEvent]) -> list[TimelineEvent]:
        """ "Did Pakistan's defence minister take part in the Doha talks": events where a person acting for that
        actor, with that title, is named (it answered "yes" from Pakistan taking part). Events that fit but name
        no such person are a refusal, not a "no". Only for a yes/no or a count, which state what a list shows."""
        r = self.reading
        asked = [m for m in r.actors if m.title_words and m.actor is not None and m.actor.type != "person"]
        if r.intent not in ("yesno", "count"):
            # a list: "what did Israel's defence minister say" is Katz's statements (it listed Saar's and the prime
            # minister's office's too) — when someone acting for the actor is known to hold the title; else the
            # actor's ("China's foreign minister": Wang Yi, titled otherwise)
            asked = [m for m in asked if self._title_held(m)]
        if not asked:
            return events
        kept = [ev for ev in events if all(self._titled_for(ev, m) for m in asked)]
        if events and not kept:
            m = next(m for m in asked if not any(self._titled_for(ev, m) for ev in events))
            raise KBError(
                f"cannot answer '{r.question}': {len(events)} event{'s' * (len(events) != 1)} fit, but "
                f"{'their' if len(events) != 1 else 'its'} sources name no {' '.join(m.title_words)} of {m.name} "
                f"there; ask about {m.name}"
            )
        return kept

    def _title_held(self, m: Mention) -> bool:
        """Whether anyone the registry has acting for ``m``'s actor holds the title the question gives it."""
        wanted = tuple(w for w in m.title_words if w not in W.GENERIC_PERSONS)
        if not wanted or m.actor is None:
            return False
        return any(
            p.type == "person" and m.actor in self.kb.registry.represented(p) and self.titled(p.name, wanted)
            for p in self.kb.registry
        )

    def _titled_for(self, ev: TimelineEvent, m: Mention) -> bool:
        """Whether the event names a person acting for ``m``'s actor whose title holds the question's title words
        ("defence minister": "Pakistan's Defense Minister"; "officials" say no title: any event of it)."""
        iri = self.actor_iri(m.actor)
        wanted = [w for w in m.title_words if w not in W.GENERIC_PERSONS]
        if not wanted:
            return True  # "Israeli officials": a state takes part through its officials, named or not
        return any(iri in acts and self.titled(person, wanted) for person, acts in ev.acting_for.items())

    def titled(self, person: str, wanted: Sequence[str]) -> bool:
        """Whether the registry's titles of ``person`` hold every word of ``wanted`` (by their first five letters)."""
        titles = [a.title or "" for a in self.kb.registry.candidates(person)]
        titles += [md.title or "" for a in self.kb.registry.candidates(person) for md in a.mandates]
        words = normalise(" ".join(titles)).split()
        return all(any(t.startswith(w[:5]) for t in words) for w in wanted)

    def topics(self, statements: list[TimelineEvent]) -> list[TimelineEvent]:
        """The events of the kind asked for that ``statements`` are about ("which ceasefire did Trump announce");
        none linked: a refusal, not the statements in their place."""
        from kb.model.iris import EVENT_PREFIX
        from kb.read.planner import read_events

        r = self.reading
        refs = list(dict.fromkeys(EVENT_PREFIX + i for ev in statements for i in ev.about))
        found = [o for o in read_events(self.kb.store, refs).values() if any(t in _type_of(o) for t in r.about_types)]
        if not found:
            raise KBError(
                f"cannot answer '{r.question}': {len(statements)} statement{'s' * (len(statements) != 1)} fit, "
                "but the sources do not say which event they are about; ask what was said"
            )
        return found

    def named(self, events: list[TimelineEvent]) -> list[TimelineEvent]:
        """ "the Doha accord": among the events there, those whose label names them so, when any does."""
        for m in self.reading.places:
            if m.names_event:
                called = so_called = [ev for ev in events if _so_called(m, ev)]
                # else, for a noun narrower than its kind, those whose own words hold it: "the Doha declaration"
                # is not the Doha accord (both agreements); "the Paris talks" are any talks in Paris
                if not called and not _names_kind(m.names_event):
                    called = [ev for ev in events if _in_label(m.names_event, ev)]
                r = self.reading  # ("what was the X": one; "which events ...", "how many": a list, a count)
                one = m.names_event in _ONE_EVENT and r.intent != "count" and not r.about_types  # (not statements)
                one = one and not r.pick  # ("the last Paris meeting": the ordinal singles it out)
                one = one and (r.intent != "events" or r.words[:2] in (["what", "was"], ["what", "is"]))
                fitting = called or events
                if one and not so_called and len({ev.iri for ev in fitting}) > 1:
                    # "when was the Berlin conference", "who attended it": one event by its place and noun, and
                    # none so called — it listed Merkel's two meetings there that day
                    said = f"the {m.text.removeprefix('the ')} {m.names_event}"
                    raise KBError(
                        f"cannot answer '{r.question}': {len(fitting)} events fit '{said}' and none is so called: "
                        + _two(fitting)
                        + " — which one is meant is not known; name it by its sides or its day"
                    )
                events = called or events
        # "when did Kosovo and Serbia agree the annex": a noun narrower than its kind, after "the" (and the names
        # before it: "the Kosovo-Serbia annex"), keeps the events whose words hold it when some do (it answered
        # the normalization agreement beside its annex)
        words = self.reading.words
        named = {k for m in self.reading.mentions for k in range(m.start, m.end)}
        narrow = [w for k, w in enumerate(words) if w in W.TYPE_WORDS and not _names_kind(w)
                  and _after_the(words, k, named)]  # fmt: skip
        for w in narrow:
            events = [ev for ev in events if _in_label(w, ev)] or events
        return events

    def demote_absent(self) -> None:
        """A named actor that takes part in no stored event. Used to describe events ("the Sudan talks", when
        their sides are the army and the RSF; "the conference on Libya") it becomes a word their labels must
        hold, like any word not understood; asked about ("did Malaysia mediate", "who mediated between India
        and Pakistan") the answer is that nothing is stored, saying why."""
        r = self.reading
        for m in list(r.actors):
            if self._stored(m) or self._organ_of_state(m):
                continue
            if m.roles == ("about",):  # what a statement is about: refused below, when nothing is found
                self.unstored.append(m)
                continue
            if m.after not in W.TYPE_WORDS and not m.topic:
                self.absent.append(m.name)
                self.unstored.append(m)
                continue
            r.mentions.remove(m)
            r.unknown.append(m.text.removeprefix("the "))
            self.demoted.append(m.name)

    def _stored(self, m: Mention) -> bool:
        return stored(m.actor, self.run)

    def _organ_of_state(self, m: Mention) -> bool:
        """An organ of a state that takes part in nothing stored, asked about military actions or about no kind
        ("when did the Israeli army enter the buffer zone"): the sources name the state for what its forces did
        ("Israeli forces entered" is recorded with Israel as the attacker), so its state stands in, for military
        actions only — talks or statements of the state are not the army's. Said in the answer's note."""
        r = self.reading
        if m.actor is None or m.actor.type == "person" or m.roles == ("about",):
            return False
        if r.verb_type or not all(W.BROADER.get(t, t) == "military-action" for t in r.types):
            return False
        for rep in self.kb.registry.represented(m.actor):
            stand_in = replace(m, actor=rep)
            if self._stored(stand_in):
                r.mentions[r.mentions.index(m)] = stand_in
                r.types = r.types or ["military-action"]
                self.organs.append(f"{m.actor.name} acts for {rep.name}, whose military actions these are")
                return True
        return False

    def explain_nothing(self) -> None:
        """Nothing found: say so only when that is known. A named actor that takes part in nothing stored, or
        events that fit but whose sources do not say where, are a refusal naming why, not an empty answer."""
        r = self.reading
        if self._sides_asked() and r.actors:
            relaxed = self._relaxed_find((self, "sides_apart", False))
            one_side = [ev for ev in relaxed if not self._two_sides(ev, self.strict())]
            if one_side:  # "did Shaibani meet Syria", "did Barrack mediate between Israel and the US": not "no"
                raise KBError(
                    f"cannot answer '{r.question}': {len(one_side)} event{'s' * (len(one_side) != 1)} "
                    f"name{'s' * (len(one_side) == 1)} them, "
                    "but not as two sides of the talks (one acts for another, or is the go-between): "
                    + _two(one_side)
                    + " — ask what happened between them"
                )
        said = r.window_text or ""
        if not re.search(r"\d{4}", said) and any(w in W.MONTHS for w in said.split()):
            # "who did Pakistan target on October 9": read as this year's, where nothing is (the answer was empty)
            month = r.first.month
            other = [
                ev
                for ev in self._relaxed_find((r, "first", DATE_MIN), (r, "last", DATE_MAX))
                if ev.start is not None and ev.start.month == month
            ]
            if other:
                raise KBError(
                    f"cannot answer '{r.question}': '{r.window_text}' names no year and was read as {r.first.year}'s, "
                    f"when nothing fits; {len(other)} event{'s' * (len(other) != 1)} fit in that month of other "
                    "years: " + _two(other) + " — ask with the year"
                )
        named_day = next((w for w in said.split() if w in _WEEKDAYS), None)
        if named_day is not None and not re.search(r"\d", said) and not any(w in W.MONTHS for w in said.split()):
            # "did Israel strike Sweida on Tuesday": read as the last Tuesday before today, where nothing is (it
            # answered "no"); the article's Tuesday is another week's
            weekday = _WEEKDAYS.index(named_day)
            wide = (r, "first", DATE_MIN), (r, "last", DATE_MAX)
            found = [*self._relaxed_find(*wide), *self._relaxed_find(*wide, (r, "future", True))]  # or planned
            other = [  # a day some source gives, on that weekday
                ev
                for ev in {e.iri: e for e in found}.values()
                if any(d.start is not None and d.start == d.end and d.start.weekday() == weekday for d in ev.dates)
            ]
            if other:
                raise KBError(
                    f"cannot answer '{r.question}': '{r.window_text}' names no week and was read as {r.first}, "
                    f"when nothing fits; {len(other)} event{'s' * (len(other) != 1)} fit on a {named_day} of other "
                    "weeks: " + _two(other) + " — ask with the date"
                )
        if r.about_types and not [m for m in r.actors if m.roles == ("about",)]:
            # "who demanded a ceasefire": demands are stored, none linked to a ceasefire or naming one; what they
            # ask for is in their own words ("an immediate end to the fighting"), so not "no one"
            spoken = self._relaxed_find((r, "about_types", []), (r, "about_words", []))
            if spoken:
                kind = r.types[0] if r.types else "statement"
                raise KBError(
                    f"cannot answer '{r.question}': {len(spoken)} {kind}{'s' * (len(spoken) != 1)} fit, none "
                    f"recorded as about the {' or '.join(r.about_words or r.about_types)} asked about; what they "
                    f"say is in their words — ask for the {kind}s"
                )
        if r.types == ["statement"] and r.actors:
            # "what did Guterres say": no statement of his is stored, but a demand is (the answer was empty)
            speakers = [(m, "roles", ("proposer",)) for m in r.actors if m.roles == ("speaker",)]
            demanded = self._relaxed_find((r, "types", ["demand", "proposal"]), *speakers)
            if demanded:
                kinds = " or ".join(sorted({ev.type for ev in demanded}))
                raise KBError(
                    f"cannot answer '{r.question}': no statement of theirs is stored, but {len(demanded)} {kinds}"
                    f"{'s' * (len(demanded) != 1)}: "
                    + _two(demanded, what=True)
                    + f" — ask what they {'demanded' if 'demand' in kinds else 'proposed'}"
                )
        if r.outcome_of:
            raise KBError(
                f"cannot answer '{r.question}': the knowledge base does not tie an agreement to the {r.outcome_of} "
                f"it came out of{', and none is placed there' if r.places else ''}; ask what the sides agreed, "
                "with a date"
            )
        if not r.future:  # "did the talks in Istanbul happen": only planned ones are stored — not known, not "no"
            planned = self._relaxed_find((r, "future", True))
            if planned:
                raise KBError(
                    f"cannot answer '{r.question}': {len(planned)} event{'s' * (len(planned) != 1)} fit, planned "
                    f"as of {'their' if len(planned) != 1 else 'its'} sources (for "
                    f"{', '.join(sorted({ev.date for ev in planned}))}); whether "
                    f"{'they' if len(planned) != 1 else 'it'} took place is not recorded — ask about planned ones"
                )
        if r.verb_type == "mediation" and r.hosting:
            elsewhere = self._relaxed_find((self, "host_placed", False))
            if elsewhere:  # "did Türkiye host the Afghanistan–Pakistan talks": it went between, in Doha
                raise KBError(
                    f"cannot answer '{r.question}': {len(elsewhere)} event{'s' * (len(elsewhere) != 1)} fit, "
                    f"with the host named as go-between but held in another country "
                    f"({', '.join(sorted({ev.place for ev in elsewhere if ev.place}))}); whether it hosted "
                    f"{'them' if len(elsewhere) != 1 else 'it'} is not recorded — ask who mediated"
                )
            # "who hosted", "did the UAE host": the talks are there with no go-between named; the country they
            # were held in hosted them in a sense kb ask does not assume, so the answer is not "no one" / "no"
            hosts = [m for m in r.actors if m.roles == ("mediator",)]
            others = [m for m in r.mentions if m not in hosts]
            found = self._relaxed_find((r, "verb_type", None), (r, "mentions", others))
            hosting = [rep for m in hosts for rep in self._host_for(m)]
            iris = {self.actor_iri(a) for a in hosting}
            found = [ev for ev in found if not iris or ev.place_country in iris]
            if found:
                held = sorted({ev.place for ev in found if ev.place})
                between = sorted({self.label(i) for ev in found for i in ev.actor_iris.get("mediator", ())})
                named = (  # "did Pretoria host talks": the AU's, held there (it said "with no go-between named")
                    f"with {' and '.join(between)} as go-between"
                    if between
                    else f"with no host or go-between named by {'their' if len(found) != 1 else 'its'} sources"
                )
                raise KBError(
                    f"cannot answer '{r.question}': {len(found)} event{'s' * (len(found) != 1)} fit, {named}"
                    + (f"; held in {', '.join(held)}" if held else "")
                    + " — holding talks in one's country is hosting them in a sense kb ask does not assume"
                )
        unkinded = self.kind_not_given()
        if unkinded:
            raise KBError(
                f"cannot answer '{r.question}': no {' or '.join(r.types)} fits, but {len(unkinded)} military "
                f"action{'s' * (len(unkinded) != 1)} {'do' if len(unkinded) != 1 else 'does'}, of a kind "
                f"{'their' if len(unkinded) != 1 else 'its'} sources do not give: "
                + _two(unkinded)
                + " — ask about attacks"
            )
        self._named_within()
        # (demote_absent asked the store about each actor; "did the US bomb Sanaa": the city may be where)
        for m in [m for m in self.unstored if not m.there][:1]:
            if m.actor is not None and m.actor.type == "person":
                # "did Khawaja Asif and Afghanistan meet in Doha": he is in nothing stored, Pakistan is ("no")
                self._for_whom_they_act()
            if m.name in self.absent:
                # "did Jordan support the Israel-Syria ceasefire": Jordan takes part in no event, but the words of a
                # statement of theirs name it ("supported by Türkiye, Jordan and neighbouring countries") — not "no"
                others = [x for x in r.actors if x is not m]
                persons = r.intent == "who" and r.focus == "represented"  # (said in _finished: acting for it)
                # only with words not understood (the verb "support"): what was asked is then not known, and the
                # check reads every event of the window
                naming = (
                    []
                    if persons or not r.unknown
                    else [
                        ev
                        for ev in self._relaxed_find((r, "mentions", []), (r, "types", []))
                        if all(
                            any(_says(f"{ev.label} {ev.content or ''}", n) for n in _spellings(x)) for x in [m, *others]
                        )
                    ]
                )
                if naming:
                    raise KBError(
                        f"cannot answer '{r.question}': {m.name} takes part in no event as recorded, but the words of "
                        f"{len(naming)} event{'s' * (len(naming) != 1)} name it beside the others asked about: "
                        + _two(naming)
                    )
                return
            raise KBError(f"cannot answer '{r.question}': {m.name} takes part in no event in the knowledge base")
        if "mediation" in r.types:
            # "which Emirati mediation happened in 2024": no talks of that kind, but a swap the UAE mediated — a
            # mediation in plain words (the answer was empty)
            talks_kinds = [t for t in r.types if t != "mediation"]
            mediated = self._relaxed_find((r, "types", talks_kinds), (r, "verb_type", "mediation"))
            if mediated:
                kinds = ", ".join(sorted({ev.subtype or ev.type for ev in mediated}))
                raise KBError(
                    f"cannot answer '{r.question}': no mediation (talks with a go-between) fits, but "
                    f"{len(mediated)} other event{'s' * (len(mediated) != 1)} with a go-between "
                    f"{'do' if len(mediated) != 1 else 'does'} ({kinds}); "
                    "ask who mediated, or for those events"
                )
        unbrokered = self._relaxed_find((r, "verb_type", None)) if r.verb_type == "mediation" else []
        brokers = [m for m in r.actors if m.roles == ("mediator",)] if r.intent == "yesno" else []
        # "did Qatar broker a ceasefire in Congo": the ceasefire names no go-between, and Qatar mediated the talks and
        # the declaration that hold it — whether it had a part is not known, not "no" (where it mediated nothing of
        # theirs, "no" stands: "did Qatar mediate between Israel and Syria")
        if r.verb_type == "mediation" and brokers and self._relaxed_find((r, "types", [])):
            others = [m for m in r.mentions if m not in brokers]
            silent = [
                ev
                for ev in self._relaxed_find((r, "verb_type", None), (r, "mentions", others))
                if not ev.actor_iris.get("mediator")
            ]
            if silent:
                raise KBError(
                    f"cannot answer '{r.question}': {len(silent)} event{'s' * (len(silent) != 1)} fit, but "
                    f"{'their' if len(silent) != 1 else 'its'} sources name no go-between; whether "
                    f"{' or '.join(m.name for m in brokers)} had a part in {'them' if len(silent) != 1 else 'it'} "
                    "is not recorded"
                )
        if unbrokered:
            return  # the event asked about is there, with no go-between named: that is the answer
        if "signed" in r.statuses:
            unsigned = (
                (r, "statuses", r.statuses - {"signed"}),
                (r, "excluded_statuses", r.excluded_statuses | {"proposed"}),
            )
            agreed = self._relaxed_find(*unsigned)
            if not agreed and r.places:  # "who signed the Beijing deal for Iran": agreed, and placed nowhere
                unplaced = [m for m in r.mentions if m not in r.places]
                agreed = [ev for ev in self._relaxed_find(*unsigned, (r, "mentions", unplaced)) if not ev.place]
            if agreed:
                where = "" if all(ev.place for ev in agreed) else ", their sources not saying where"
                raise KBError(
                    f"cannot answer '{r.question}': no source reports it signed, but {len(agreed)} agreement"
                    f"{'s' * (len(agreed) != 1)} {'of these actors ' * bool(r.actors)}"
                    f"{'were' if len(agreed) != 1 else 'was'} reached{where if r.places else ''}; ask what they agreed"
                )
        if r.confidences:  # "is the Iranian missile fire confirmed": claimed by Israel, denied by Iran (it said "no")
            given = self._relaxed_find((r, "confidences", set()))
            if given:
                said = ", ".join(sorted({_confidence(ev) for ev in given}))
                raise KBError(
                    f"cannot answer '{r.question}': {len(given)} event{'s' * (len(given) != 1)} fit, but "
                    f"{'their' if len(given) != 1 else 'its'} sources give {said}, not "
                    f"{' or '.join(sorted(r.confidences))} — ask for the events to see who says so"
                )
        asked = r.statuses - {"signed"}
        if asked:  # "has the ceasefire been violated": the sources give it another status, or none
            given = self._relaxed_find((r, "statuses", set()))
            # (one of that status whose vague date may fall in the window is for the window's step below)
            if given and not self.vague_in_window([], cities=[m for m in r.actors if m.there]):
                said = ", ".join(sorted({ev.status or "none" for ev in given}))
                raise KBError(
                    f"cannot answer '{r.question}': {len(given)} event{'s' * (len(given) != 1)} fit, but "
                    f"{'their' if len(given) != 1 else 'its'} sources give the status {said}, not "
                    f"{' or '.join(sorted(asked))}; what they say otherwise is in their words — ask for the events"
                )
        placed = [m for m in r.places if m.roles != ("about",)]
        if placed and r.intent != "where":
            fitting = self._relaxed_find((r, "mentions", [m for m in r.mentions if m not in placed]))
            where = ", ".join(getattr(m.place, "name", None) or m.text.removeprefix("the ") for m in placed)
            found = [ev for ev in fitting if not ev.place]
            if not found and ((r.first, r.last) != (DATE_MIN, DATE_MAX) or r.anchor is not None):
                # "what was signed in Istanbul in July 2022 by Russia": placed nowhere and dated "until" the
                # article's day — either alone was a refusal, both together an empty answer
                window = self.window()
                unwindowed = self._relaxed_find(
                    (r, "mentions", [m for m in r.mentions if m not in placed]),
                    (r, "first", DATE_MIN),
                    (r, "last", DATE_MAX),
                    (r, "anchor", None),
                )
                found = [ev for ev in unwindowed if not ev.place and _may_fall_in(ev, *window)]
            if found:
                raise KBError(
                    f"cannot answer '{r.question}': {len(found)} event{'s' * (len(found) != 1)} fit but their "
                    f"sources do not say where, so whether in {where} is not known; ask without the place"
                )
            near = [ev for ev in fitting if any(self._may_hold(ev, m.place) for m in placed)]
            if near:
                theirs = ", ".join(sorted({str(ev.place) for ev in near}))
                raise KBError(
                    f"cannot answer '{r.question}': {len(near)} event{'s' * (len(near) != 1)} fit but their "
                    f"sources place {'them' if len(near) != 1 else 'it'} in {theirs}, not {where}; whether "
                    f"that is in {where} (or {where} in it) is not known; ask without the place"
                )
        loose = [m for m in r.actors if m.loose and not m.struck]  # "the coup in Myanmar": a side, or there
        if loose and r.intent != "where":
            fitting = self._relaxed_find((r, "mentions", [m for m in r.mentions if m not in loose]))
            found = [ev for ev in fitting if not ev.place]
            if found:
                where = ", ".join(m.name for m in loose)
                raise KBError(
                    f"cannot answer '{r.question}': {len(found)} event{'s' * (len(found) != 1)} fit but "
                    f"{'their sources name' if len(found) != 1 else 'its sources name'} neither {where} among "
                    f"the actors nor where {'they' if len(found) != 1 else 'it'} happened, so whether in {where} "
                    "is not known; ask without the place"
                )
        # (an attack of a narrower kind counts as any attack here: "did Israel bomb Tehran" — the strike on Iran
        # is of no stated kind, and placed nowhere)
        attacks = bool(r.types) and all(W.BROADER.get(t, t) == "military-action" for t in r.types)
        any_attack: list[tuple[Any, str, Any]] = [(r, "types", ["military-action"])] if attacks else []
        for m in [m for m in r.actors if m.there]:  # "did Israel strike Damascus": the state's, elsewhere or anywhere
            fitting = self._relaxed_find((m, "there", False), *any_attack)
            unsure = [ev for ev in fitting if not self._in_city(ev, m) and self._may_be_in(ev, m)]
            if not unsure:  # "did Pakistan bomb Kabul": its strikes in Afghanistan, on others there — not "no"
                anywhere = self._relaxed_find((r, "mentions", [x for x in r.mentions if x is not m]), *any_attack)
                unsure = [ev for ev in anywhere if ev.place and not self._in_city(ev, m) and self._may_be_in(ev, m)]
            if unsure:
                raise KBError(
                    f"cannot answer '{r.question}': {len(unsure)} event{'s' * (len(unsure) != 1)} of {m.name} fit, "
                    f"but their sources do not say whether in {m.place.name}; ask about {m.name}"
                )
        # events that fit all but the window, whose vague dates may or may not fall in it ("until today"), and
        # whose place may be the city's ("strike Damascus")
        cities = [m for m in r.actors if m.there]
        vague = self.vague_in_window([], cities=cities)
        if vague and not cities and r.intent not in ("yesno", "count"):
            # nothing certainly in the window, these maybe: listed with a caveat saying so (a count or a yes
            # would state what is not known)
            try:
                self.unsure = self.named(self.narrow(self.about(vague)))
            except KBError:
                self.unsure = []
            if self.unsure:
                return
        if vague:
            when = ", ".join(sorted({ev.date for ev in vague}))
            raise KBError(
                f"cannot answer '{r.question}': {len(vague)} event{'s' * (len(vague) != 1)} fit but "
                f"{'their dates' if len(vague) != 1 else 'its date'} ({when}) may or may not fall "
                f"{_window_words(r)}; ask without the window"
            )
        if r.anchor is not None and r.anchor[0] == "before":
            # "did Sarraj meet Merkel before the conference": the same day as it — before or after, the day does not
            # say (it said "no")
            day = self.window()[1] + dt.timedelta(days=1)
            same = [ev for ev in self._relaxed_find((r, "anchor", None)) if ev.start == day]
            if same:
                raise KBError(
                    f"cannot answer '{r.question}': {len(same)} event{'s' * (len(same) != 1)} fit on the day of "
                    f"the {r.anchor[1]} ({day}); whether before it or after, the sources' day does not say — "
                    "ask with the day"
                )
        ruled = [m for m in r.actors if (m.roles and m.roles != ("about",)) or m.struck or m.there]
        if ruled:  # the roles read from the question's word order: are the actors there in other roles?
            found = self._relaxed_find(  # and any status: "did Ethiopia and Türkiye sign" (agreed; Türkiye brokered)
                *((m, "roles", ()) for m in ruled),
                *((m, "struck", False) for m in ruled),
                *((m, "there", False) for m in ruled),  # "did Russia attack Kyiv": Ukraine attacked Russia then
                (r, "statuses", set()),
            )
            if found:
                named = " and ".join(m.name for m in ruled)
                raise KBError(
                    f"cannot answer '{r.question}': no event has {named} in the role{'s' * (len(ruled) != 1)} "
                    f"the question gives, but {len(found)} event{'s' * (len(found) != 1)} of the same kind "
                    "name them otherwise; ask what happened between them"
                )
        self._for_whom_they_act()
        if r.types and r.actors and (len(r.actors) >= 2 or r.intent == "who"):
            self._met_at_a_signing()  # ("who did Petro meet in Havana": empty)
        if (
            r.types
            and r.actors
            and not r.about_types
            and not self._relaxed_find((r, "statuses", set()), (r, "excluded_statuses", set()))
        ):
            # "did Russia and the US reach an agreement on territory": none of theirs is stored, but the words of
            # another of their events say one was ("at which Moscow says an agreement on territory was
            # reached") — not a "no"
            # the question's own words for the kind, and the kind's other words when a verb named it ("did they
            # agree on territory": the label says "an agreement on territory")
            nouns = [w for w in r.words if W.TYPE_WORDS.get(w) in r.types]
            if any(w in W.AGREE_WORDS for w in r.words):
                nouns += [w for w, kind in W.TYPE_WORDS.items() if kind in r.types and w not in nouns and len(w) > 3]
            told = [
                ev
                for ev in self._relaxed_find((r, "types", []), (r, "statuses", set()), (r, "verb_type", None))
                if not any(t in _type_of(ev) for t in r.types) and any(_in_label(n, ev) for n in nouns)
            ]
            if told:
                raise KBError(
                    f"cannot answer '{r.question}': no {' or '.join(r.types)} of theirs is stored, but the words of "
                    f"{len(told)} other event{'s' * (len(told) != 1)} of theirs mention one: " + _two(told)
                )
        self._town_or_typo()  # last: the readings above say more of a real place ("not placed by its sources")

    def kind_not_given(self, events: Sequence[TimelineEvent] = ()) -> list[TimelineEvent]:
        """Beside ``events``, the military actions that fit all but a narrower kind asked for, whose sources give
        no kind ("did Israel bomb Iran in 2025": its strike on Iran, of no stated kind — it said "no")."""
        r = self.reading
        if not r.types or not all(W.BROADER.get(t) == "military-action" and t != "occupation" for t in r.types):
            return []  # (holding land is no act of war of an unstated kind: "since when does Israel occupy")
        found = {ev.iri for ev in events}
        broad = self._relaxed_find((r, "types", ["military-action"]))
        return [ev for ev in broad if ev.iri not in found and ev.type == "military-action" and not ev.subtype]

    def _town_or_typo(self) -> None:
        """A town read from a word one typing slip from a word kb ask knows ("the ethiopia–tigray pace talks":
        Pace, Italy, for "peace"; "in mach 2023": Mach, Pakistan, for "March"), where nothing is while events fit
        without it: a refusal naming both readings, not an empty answer. (A town named as such, "the Havana
        ceasefire", is no slip of a word.)"""
        from kb.ask.understand import _known_words, _slips

        r = self.reading
        odd = [
            m
            for m in r.places
            if m.actor is None
            and getattr(m.place, "kind", None) == "city"
            and _slips(normalise(m.text.removeprefix("the ")), list(_known_words()))
        ]
        for m in odd:
            others = self._relaxed_find((r, "mentions", [x for x in r.mentions if x is not m]))
            if others:
                raise KBError(
                    f"cannot answer '{r.question}': '{m.text}' was read as the town of {m.place.name}, where nothing "
                    f"fits; {len(others)} event{'s' * (len(others) != 1)} fit without it: "
                    + _two(others)
                    + f" — if '{m.text}' is a slip of another word, check the spelling"
                )

    def _named_within(self) -> None:
        """An actor asked about whose name or demonym is part of another's that fits in its place ("did Azerbaijan
        attack Armenia": the Karabakh Armenian forces; "did Pakistan attack the Taliban": the Tehrik-i-Taliban
        Pakistan): not "no" — whether the question meant them is not known."""
        r = self.reading
        if r.intent == "who" and r.focus == "represented":
            return  # persons acting for it: said in _finished ("no one in them is recorded as acting for Libya")
        for m in r.actors:
            if m.actor is None:
                continue
            own = _spellings(m)
            asked = {x.name for x in r.actors}
            others = self._relaxed_find((r, "mentions", [x for x in r.mentions if x is not m]))
            pairs = {
                (ev.iri, name)
                for ev in others
                for names in ev.roles.values()
                for name in names
                if name not in asked and any(_holds(_name_words(name), words) for words in own)
            }
            found = {iri for iri, _ in pairs}
            holding = sorted({name for _, name in pairs})
            if holding:
                raise KBError(
                    f"cannot answer '{r.question}': no event of that kind names {m.name} there, but "
                    f"{' and '.join(holding)} {'are' if len(holding) != 1 else 'is'} named so in "
                    f"{len(found)} event{'s' * (len(found) != 1)}; whether the question means "
                    f"{'them' if len(holding) != 1 else 'it'} is not known — ask about {holding[0]}"
                )

    def vague_in_window(self, events: list[TimelineEvent], *, cities: Sequence[Mention] = ()) -> list[TimelineEvent]:
        """The events, beside ``events``, that fit all but a window the question gives and whose known dates
        place them at it (``_may_fall_in``): an answer that leaves them out says so; with nothing found, a
        refusal. ``cities``: "there" mentions whose city may also be where they were (``_may_be_in``)."""
        r = self.reading
        if (r.first, r.last) == (DATE_MIN, DATE_MAX) and r.anchor is None:
            return []
        window = self.window()  # "after the ceasefire" too (it answered "no" when strikes after it were vague)
        found = {ev.iri for ev in events}
        key = tuple(id(m) for m in cities)  # the events that fit without the window: read once an answer
        fitting = self._unwindowed.get(key)
        if fitting is None:
            fitting = self._unwindowed[key] = self._relaxed_find(
                (r, "first", DATE_MIN),
                (r, "last", DATE_MAX),
                (r, "anchor", None),
                *((m, "there", False) for m in cities),
            )
        return [
            ev
            for ev in fitting
            if ev.iri not in found and all(self._may_be_in(ev, m) for m in cities) and _may_fall_in(ev, *window)
        ]

    def _relaxed_find(self, *changes: tuple[Any, str, Any]) -> list[TimelineEvent]:
        """The events that fit with parts of the reading set otherwise for once — each (object, attribute,
        value) — then put back: how :meth:`explain_nothing` asks whether nothing is known or only not found."""
        saved = [(obj, name, getattr(obj, name)) for obj, name, _ in changes]
        for obj, name, value in changes:
            setattr(obj, name, value)
        try:
            return self.find()[0]
        finally:
            for obj, name, value in reversed(saved):
                setattr(obj, name, value)

    def _for_whom_they_act(self) -> None:
        """A person asked about where the sources name the state they act for ("did Trump broker the
        ceasefire" when the United States did): not "no" — the person may or may not have been the one;
        a refusal that says what the sources do name."""
        r = self.reading
        persons = [(m, reps[0]) for m in r.actors if m.actor is not None and m.actor.type == "person"
                   for reps in [self.kb.registry.represented(m.actor)] if reps]  # fmt: skip
        if len(persons) > 1:  # "what did Nyusi and Momade agree": Mozambique's and Renamo's memorandum
            # (of any status, as below: "did Kurti and Vucic sign the annex" — agreed, and no source says signed)
            found = self._relaxed_find(
                *((m, "actor", rep) for m, rep in persons), (r, "statuses", r.statuses - {"signed"})
            )
            # an event that names who acted for those sides, and not them, says they were not there ("did Putin
            # meet Zelensky": the Abu Dhabi talks name each side's delegates)
            sides = {self.actor_iri(rep) for _, rep in persons}
            found = [ev for ev in found if not any(set(acts) & sides for acts in ev.acting_for.values())]
            if found:
                names = " and ".join(m.actor.name for m, _ in persons if m.actor is not None)
                states = " and ".join(rep.name for _, rep in persons)
                raise KBError(
                    f"cannot answer '{r.question}': no source names {names} there, but {len(found)} "
                    f"event{'s' * (len(found) != 1)} name{'s' * (len(found) == 1)} {states}, whom they represent; "
                    f"ask about {states}"
                )
        for m in r.actors:
            person = m.actor
            if person is None or person.type != "person":
                continue
            for rep in self.kb.registry.represented(person):
                # (of any status: "what did Shamkhani sign" when Iran agreed, and no source says signed)
                found = self._relaxed_find((m, "actor", rep), (r, "statuses", r.statuses - {"signed"}))
                if found:
                    raise KBError(
                        f"cannot answer '{r.question}': no source names {person.name} there, but "
                        f"{len(found)} event{'s' * (len(found) != 1)} name{'s' * (len(found) == 1)} {rep.name}, "
                        f"whom {person.name} represents; ask about {rep.name}"
                    )

    def _met_at_a_signing(self) -> None:
        """ "Did Petro meet Garcia": no talks of theirs are stored, but both signed the Havana ceasefire — a meeting
        the sources record as an agreement, not talks; "no" would deny it (it said "no")."""
        r = self.reading
        if not all(W.BROADER.get(t, t) == "talks" for t in r.types):
            return
        together = self._relaxed_find((r, "types", ["agreement"]), (r, "verb_type", None), (r, "statuses", set()))
        if together:
            raise KBError(
                f"cannot answer '{r.question}': no talks of theirs are stored, but "
                f"{'both' if len(r.actors) >= 2 else r.actors[0].name} took part in "
                f"{len(together)} agreement{'s' * (len(together) != 1)}: "
                + _two(together)
                + " — ask what happened between them"
            )

    def _there_for(self, ev: TimelineEvent, m: Mention) -> bool:
        """A person who was there while the state they act for holds the role asked ("when did Erdogan host
        them": Erdogan present, Türkiye the mediator). A person the sources do not place there never counts."""
        if m.actor is None or m.actor.type != "person" or not m.roles:
            return False
        if not _takes_part(ev, self.actor_iri(m.actor), ()):
            return False
        return any(_takes_part(ev, self.actor_iri(rep), m.roles) for rep in self.kb.registry.represented(m.actor))

    def _in_city(self, ev: TimelineEvent, m: Mention) -> bool:
        """Whether the event is placed in the city a "there" mention names ("strikes on Damascus")."""
        return _there(ev, str(self.place_iri(m.place.key)), None)

    def _may_be_in(self, ev: TimelineEvent, m: Mention) -> bool:
        """Whether the event may have been in that city: placed there, placed nowhere, or placed in the city's
        country or a region of it (not in another city)."""
        if self._in_city(ev, m) or not ev.place:
            return True
        if ev.place_country != self.actor_iri(m.place.country):
            return False
        return self.kb.gazetteer.resolve(ev.place).kind != "city"

    def _may_hold(self, ev: TimelineEvent, place: Any) -> bool:
        """Whether the event's place, another place of the same country, may hold the question's or lie in
        it: a region and a city may ("Kursk" and "Kursk region"); two cities never do, nor two countries."""
        if place.kind == "country" or place.country is None or ev.place is None:
            return False
        if ev.place_country != self.actor_iri(place.country):
            return False
        theirs = self.kb.gazetteer.resolve(ev.place).kind
        return not (place.kind == "city" and theirs == "city") and theirs != "country"

    # -- words not understood ------------------------------------------------
    def narrow(self, events: list[TimelineEvent]) -> list[TimelineEvent]:
        """Keep the events whose labels hold every word not understood; refuse when there are such words
        and no event holds them."""
        unknown = self.reading.unknown
        if not unknown:
            return events
        kept = [ev for ev in events if all(_in_label(w, ev) for w in unknown)]
        asked = normalise(self.reading.question)
        so_called = [ev for ev in kept if len(ev.label.split()) >= 2 and normalise(ev.label) in asked]
        if so_called:
            # "who took part in the permanent cessation of hostilities": the event so called, not every ceasefire
            # whose words say "permanent" (it listed three)
            kept = so_called
        if self.reading.intent == "yesno" and not self.reading.types and kept:
            self._only_words(unknown, kept)
        if kept and len(kept) < len(events) and self.reading.intent == "count":
            # "how many grain agreements were signed": one label says "grain", the other document's does not — a
            # count by words would state what is not known (it said 1, of two)
            words = ", ".join(f"'{w}'" for w in unknown)
            raise KBError(
                f"cannot answer '{self.reading.question}': {len(events)} events fit and {len(kept)} of them are "
                f"called {words} in their words; the others may be too — kb ask does not count by words, ask "
                "for the events"
            )
        if len(kept) > 1 and self.reading.intent in ("where", "when") and not self.reading.pick:
            # "where did they agree the normalization agreement": the words were to single one out, and
            # they do not; which one is meant is not known
            words = ", ".join(f"'{w}'" for w in unknown)
            raise KBError(
                f"cannot answer '{self.reading.question}': {len(kept)} events fit and each is called {words}; "
                "which one is meant is not clear — name it with a date or a place"
            )
        # nothing fits even without the words, so "no" holds — unless a word was a date not understood ("in March
        # of 2023" was read as March this year, and "no" said of the wrong month)
        datey = any(w.isdigit() or w in W.MONTHS for w in unknown)
        if kept or (not events and self.reading.intent == "yesno" and self.reading.types and not datey):
            return kept
        raise self.refusal(unknown)

    def _only_words(self, unknown: list[str], kept: list[TimelineEvent]) -> None:
        """A yes/no whose evidence is only words about the thing asked, not the thing: refused."""
        nouns = [n for w in unknown for n in [_only_as_noun(w, kept)] if n]
        if nouns:
            # "did Ethiopia recognise Somaliland": the deal's words hold "recognition" — what it traded for, not an
            # act of recognising the sources report (it answered "yes")
            raise KBError(
                f"cannot answer '{self.reading.question}': the events that fit say '{nouns[0]}', a thing in their "
                "words, not that it was done; ask for the events"
            )
        doer = next((self.actor_iri(m.actor) for m in self.reading.actors), None)
        said = [
            ev
            for ev in kept
            if ev.type in ("statement", "demand", "proposal")
            and not (doer and _takes_part(ev, doer, ("speaker", "proposer")))  # "did Netanyahu credit Trump": his
        ]
        if len(said) == len(kept):
            # "has Israel withdrawn from Syria": only others' demands and statements hold the word — what was asked
            # for or said, not what happened (it answered "yes" from Syria's demands that Israel withdraw)
            kinds = " and ".join(sorted({f"{ev.type}s" for ev in said}))
            words = ", ".join(f"'{w}'" for w in unknown)
            raise KBError(
                f"cannot answer '{self.reading.question}': only {kinds} hold {words} — what was said or asked for, "
                "not what happened; ask for them"
            )

    def refusal(self, unknown: list[str], how: str = "") -> KBError:
        names = [m.name for m in self.reading.actors]
        close = closest_questions(names, self.reading.window_text)
        words = ", ".join(f"'{w}'" for w in unknown)
        why = f"did not understand {words}" + (f" {how}" if how else "")
        if self.demoted:
            absent = " and ".join(self.demoted)
            why = f"{absent} take{'s' if len(self.demoted) == 1 else ''} part in no event in the knowledge base"
            if len(unknown) > len(self.demoted):
                why += f", and it did not understand {words}"
        return KBError(
            f"cannot answer '{self.reading.question}': {why}. Questions kb ask can answer "
            f"with these names:\n" + "\n".join(f"  {q}" for q in close)
        )

    # -- shaping -----------------------------------------------------------
    def label(self, iri: str) -> str:
        if iri not in self.labels:
            key = iri.rsplit("/", 1)[-1]
            try:
                self.labels[iri] = self.kb.registry.get(key).name
            except KeyError:
                self.labels[iri] = key
        return self.labels[iri]

    def event_row(self, ev: TimelineEvent) -> dict[str, Any]:
        return {
            "when": ev.date,
            "type": ev.subtype or ev.type,
            "what": _what(ev),
            "place": ev.place,
            "status": ev.status,
            "sources": "; ".join(sorted({s.publisher for s in ev.sources})),
            "confidence": _confidence(ev),
            "articles": len({c.article for c in ev.dates}),
            "event": ev.iri,
        }


_ONE_EVENT = frozenset(
    "conference summit meeting accord agreement deal declaration treaty ceasefire truce signing ceremony".split()
)


def _names_kind(word: str) -> bool:
    """Whether an event word names its kind as such ("the talks", "the agreement", "the ceasefire") rather
    than something narrower that the events' own words must hold ("the missiles", "the Damascus strike" is
    a strike, "missiles" are not every strike)."""
    kind = W.TYPE_WORDS.get(word, "")
    return normalise(word)[:5] == normalise(kind)[:5] or word in W.KIND_NAMES


def _so_called(m: Mention, ev: TimelineEvent) -> bool:
    """Whether the event's label holds the place's name and the noun after it ("the Doha accord")."""
    return normalise(f"{m.text} {m.names_event}") in normalise(ev.label)


def _in_label(word: str, ev: TimelineEvent) -> bool:
    """Whether a word not understood is in what the sources call the event (a 5-letter stem, so "selling"
    is not "sales" but "violating" is "violation")."""
    wanted = normalise(word)
    text = _words_of([ev])
    if " " in wanted:
        return wanted in text
    forms = _inflections(wanted)
    # ... not after a negation: "no joint document with Ukraine" is no joint document
    split = text.split()
    tokens = [t for k, t in enumerate(split) if k == 0 or split[k - 1] not in _NEGATING]
    return any(
        t.startswith(w[:5]) and (len(w) > 5 or len(t) - len(w) <= 2)  # "broke" is not "brokered"; "claim" "claimed"
        for w in (wanted, *W.SAME_MEANING.get(wanted, ()))
        for t in tokens
    ) or any(t in forms for t in tokens)


_NEGATING = frozenset("no not without non never".split())


def _inflections(word: str) -> frozenset[str]:
    """The forms of a verb whose -ing or -ed form drops a letter its stem has ("firing": fire, fired, fires),
    which a 5-letter stem misses, and a short plural's singular ("zones": zone); nothing for other words."""
    for ending in ("ing", "ed"):
        base = word.removesuffix(ending)
        if base != word and len(base) >= 3:
            return frozenset(base + e for e in ("", "e", "es", "ed", "s", "ing"))
    if word.endswith("s") and len(word) >= 4:
        return frozenset({word[:-1]})
    return frozenset()


def _after_the(words: list[str], k: int, named: set[int]) -> bool:
    """Whether "the" stands before word ``k``, with only names between ("the annex", "the Kosovo-Serbia annex")."""
    j = k - 1
    while j > 0 and j in named:
        j -= 1
    return j >= 0 and words[j] == "the"


def _words_of(events: list[TimelineEvent]) -> str:
    """What the sources call the events and what was said, normalised: the text words are looked for in."""
    return normalise(
        " ".join(
            w for ev in events for w in (*ev.labels, ev.label, ev.content or "", *map(_kind_phrases, ev.summaries))
        )
    )


def _kind_phrases(summary: str) -> str:
    """The noun phrases of a summary that name an event's kind, after their determiner ("The peace agreement the
    MILF signed": "peace agreement") — what a named event is also called, where its name ("Comprehensive
    Agreement on the Bangsamoro") does not say it. Not the rest of the summary: its other words tell what
    happened around the event, which a question's words must not be matched against."""
    words: list[str] = []
    ends: set[int] = set()  # words after which a clause ends ("a five-point consensus: end violence, dialogue")
    for token in summary.split():  # (normalise drops a leading "the" of the whole)
        words += normalise(token).split()
        if token[-1:] in ",;:":
            ends.add(len(words) - 1)
    phrases = []
    for k, w in enumerate(words):
        det = None
        for j in range(k - 1, max(-1, k - 7), -1):
            if j in ends:
                break
            if words[j] in _DETERMINERS:
                det = j
                break
        if w in W.TYPE_WORDS and det is not None:
            phrases.append(" ".join(words[det + 1 : k + 1]))
    return " ".join(phrases)


_LEADING = frozenset("led lead leads leading headed head heads heading".split())  # of a delegation: one of them
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DETERMINERS = frozenset("the a an its their this that".split())


_NOUN_ENDINGS = ("tion", "sion", "ment", "ance", "ence", "al")


def _only_as_noun(word: str, events: list[TimelineEvent]) -> str | None:
    """The noun made from a verb the question asks about ("recognise": "recognition") when that is the only form
    the events' words hold it in — they name the thing, not the doing; None otherwise."""
    wanted = normalise(word)
    if not events or len(wanted) < 5 or wanted.endswith(_NOUN_ENDINGS):
        return None
    hits = [t for t in _words_of(events).split() if t.startswith(wanted[:5])]
    nominal = [t for t in hits if t.endswith(_NOUN_ENDINGS) and len(t) > len(wanted)]
    return nominal[0] if hits and len(nominal) == len(hits) else None


def _confidence(ev: TimelineEvent) -> str:
    conf = ev.confidence or "reported"
    if conf == "claimed" and ev.claimed_by:
        return "claimed by " + ", ".join(sorted(ev.claimed_by))
    return conf


EVENT_COLUMNS = ["when", "type", "what", "place", "status", "sources", "confidence", "articles"]


def answer(kb: Any, reading: Reading, run: Callable[[str], Any]) -> Answer:
    """The answer to ``reading``, from the store behind ``kb``; :class:`KBError` when it cannot be given."""
    asker = _Asker(kb, reading, run)
    if reading.unknown_part:
        raise asker.refusal(
            [reading.unknown_part],
            "as a part the sources record (they record who mediated, took part, represented a side, signed, said, "
            "proposed or attacked)",
        )
    windowed = (reading.first, reading.last) != (DATE_MIN, DATE_MAX)
    if not (reading.actors or reading.types or reading.places or reading.verb_type) and not (
        reading.intent == "events" or (reading.intent == "count" and windowed)  # "how many events happened in 2023"
    ):
        raise asker.refusal(reading.unknown or [reading.question.split()[0]])
    # "what happened in 2017", "after the Doha accord": every event then
    windowed = windowed or reading.anchor_place is not None
    # ("what was the earliest event": the first of all, by its pick)
    if reading.intent == "events" and not (
        reading.types or reading.actors or reading.places or windowed or reading.pick or reading.confidences
    ):  # ("which events were claimed": those the sources give as claims)
        raise asker.refusal(reading.unknown or ["what"])
    asker.demote_absent()
    events, sparql = asker.find()
    events = asker.persons_asked(asker.speech_acts(asker.about(events)))
    events = asker.named(asker.narrow(events))
    if not events and reading.terse:
        names = ", ".join(m.text for m in reading.mentions)
        raise KBError(
            f"cannot answer '{reading.question}': no event has all of {names} (a capital is read as its state); "
            "ask with a verb: what happened between them, or in a city"
        )
    if not events:
        asker.explain_nothing()
        events = asker.unsure
    if reading.topic_asked:
        events = asker.topics(events)
    events.sort(key=lambda e: (e.start or dt.date.min, e.iri))
    slots = reading.slots()
    if reading.intent == "mediators" or (
        reading.intent == "who" and reading.verb_type == "mediation" and reading.focus != "parties"
    ):
        return _finished(asker, _mediators(asker, reading, events, sparql, slots), events)
    if reading.intent == "who":
        return _finished(asker, _who(asker, reading, events, sparql, slots), events)
    if reading.left_out:  # "did anyone other than Oman broker the ceasefire": it answered yes, from Oman's
        names = " or ".join(a.name for a in reading.left_out)
        if not (reading.intent == "yesno" and reading.verb_type == "mediation"):
            raise KBError(
                f"cannot answer '{reading.question}': leaving out {names} is understood for go-betweens and in "
                f"'who' questions; ask who took part, and read past {names}"
            )
        away = {asker.actor_iri(m.actor) for m in reading.actors} | {asker.actor_iri(a) for a in reading.left_out}
        events = [ev for ev in events if set(ev.actor_iris.get("mediator", ())) - away]
    if reading.pick and events:
        # the first or last known: an event dated only "until today" may be earlier, but is not known to be
        # (every event on that day: two meetings on the last day are both the last)
        if reading.pick == "first":
            side = [ev for ev in events if ev.start is not None] or events
            edge = min(ev.start or dt.date.min for ev in side)
            events = [ev for ev in side if (ev.start or dt.date.min) == edge]
        else:
            side = [ev for ev in events if ev.end is not None] or events
            edge = max(ev.end or dt.date.max for ev in side)
            events = [ev for ev in side if (ev.end or dt.date.max) == edge]
            # ... those known to be on that day, when some are: "until 23 January" may be any day before it
            events = [ev for ev in events if ev.start == ev.end] or events
    if reading.intent == "where":
        placed = [ev for ev in events if ev.place]
        if events and not placed:  # "where did the MILF decommission its fighters": a row with no place was the answer
            raise KBError(
                f"cannot answer '{reading.question}': {len(events)} event{'s' * (len(events) != 1)} fit, but "
                f"{'their sources do' if len(events) != 1 else 'its sources do'} not say where: " + _two(events)
            )
        events = placed or events
    rows = [asker.event_row(ev) for ev in events]
    ans = Answer(
        reading.question, reading.intent, list(EVENT_COLUMNS), rows, sparql, slots, events=[ev.iri for ev in events]
    )
    if reading.intent == "count":
        ans.count = len(events)
        ans.note = f"{len(events)} event{'s' * (len(events) != 1)}"
    if reading.intent == "yesno":
        ans.verdict, ans.note = _verdict(events)
    return _finished(asker, ans, events)


def _finished(asker: _Asker, ans: Answer, events: list[TimelineEvent]) -> Answer:
    """The answer with the events it rests on as read; an empty one because a named actor takes part in
    nothing stored says so; one from a window says what may fall in it besides."""
    r = asker.reading
    if r.actor_kind and ans.who is not None:
        _of_kind(asker, ans)
    if asker.absent and not ans.rows and r.intent == "who" and r.focus == "represented":
        # "which Libyan officials took part in the Berlin talks": the talks are stored, the persons there acting
        # for others (the GNA, the LNA); "none" would say no Libyan was there
        present = asker._relaxed_find((r, "mentions", [m for m in r.mentions if m.name not in asker.absent]))
        if present:
            names = " and ".join(asker.absent)
            raise KBError(
                f"cannot answer '{r.question}': {len(present)} event{'s' * (len(present) != 1)} fit, but no one "
                f"in {'them' if len(present) != 1 else 'it'} is recorded as acting for {names}, which takes part "
                "in no stored event; ask who took part"
            )
    rests_on = set(ans.events)
    ans.read = [ev for ev in events if ev.iri in rests_on]
    vague = asker.vague_in_window(events) if r.intent != "yesno" and not asker.unsure else []
    if asker.unsure:
        ans.caveat = (
            f"none of these is certainly {_window_words(r)}: "
            f"{'their dates' if len(asker.unsure) != 1 else 'its date'} "
            f"({', '.join(sorted({ev.date for ev in asker.unsure}))}) may or may not fall in it"
        )
    listing = r.intent in ("events", "count", "who", "when", "where") and not asker.unsure
    unkinded = asker.kind_not_given(events) if listing else []
    left = "counted" if r.intent == "count" else "listed"
    caveats = []
    if vague:  # a count or list of the events certainly inside the window says what it leaves out
        caveats.append(
            f"{len(vague)} more event{'s' * (len(vague) != 1)} may or may not fall "
            f"{_window_words(r)} (dated {', '.join(sorted({ev.date for ev in vague}))}), not {left}"
        )
    if unkinded:  # "who did Israel bomb in 2025": Syria, and Iran struck in a way the sources do not say
        caveats.append(
            f"{len(unkinded)} more military action{'s' * (len(unkinded) != 1)} of a kind "
            f"{'their' if len(unkinded) != 1 else 'its'} sources do not give, not {left}: " + _two(unkinded)
        )
    if caveats:
        ans.caveat = "; ".join(caveats)
    if asker.absent and not ans.rows:
        ans.note = _absent_note(asker.absent)
    if asker.organs or r.picked:
        ans.note = "; ".join(filter(None, [ans.note, *r.picked, *asker.organs]))
    return ans


def _of_kind(asker: _Asker, ans: Answer) -> None:
    """Keep the names of the kind asked for ("which countries": states; "which organisations"), row by row;
    when the events name none of that kind, say so rather than answer with the others."""
    kind = asker.reading.actor_kind or ""
    title = asker.reading.title_asked

    def fits(name: str) -> bool:
        found = asker.kb.registry.candidates(name)
        return len(found) == 1 and found[0].type == kind

    column = "mediator" if ans.form == "mediators" else "who"
    # "which envoy mediated": the persons a go-between acted through
    read_from = "via" if kind == "person" and ans.form == "mediators" else column
    kept = []
    for row in ans.rows:
        names = [n for n in str(row.get(read_from) or "").split(", ") if n and fits(n)]
        if names:
            kept.append({**row, column: ", ".join(names)})
    if title:  # "which minister signed the grain deal": those whose titles say so, when titles are known for any
        kept = _titled(asker, ans, kept, column, title)
    if ans.rows and not kept:
        others = ", ".join(sorted(set(ans.who or ())))
        raise KBError(
            f"cannot answer '{asker.reading.question}': the events that fit name {others}, none of them "
            f"{'an' if kind[:1] in 'aeiou' else 'a'} {kind.replace('-', ' ')}"
        )
    ans.rows = kept
    ans.who = sorted({n for r in kept for n in str(r[column]).split(", ")})
    ans.events = [r["event"] for r in kept]


def _titled(asker: _Asker, ans: Answer, rows: list[dict[str, Any]], column: str, title: tuple[str, ...]) -> list:
    """The rows' persons whose titles hold ``title`` (_keep_titled); the others are named in the answer's note,
    not dropped unseen."""
    kept = _keep_titled(asker, rows, column, title)
    left = sorted(
        {n for r in rows for n in str(r[column]).split(", ")} - {n for r in kept for n in str(r[column]).split(", ")}
    )
    if left:
        ans.note = f"also there, with no title of theirs saying '{' '.join(title)}': {', '.join(left)}"
    return kept


def _may_fall_in(ev: TimelineEvent, first: dt.date, last: dt.date) -> bool:
    """An event not certainly inside the window whose known dates place it at the window: a known first or last
    day inside it, or known days on both sides. An open side alone ("..2025-09-24": any time before) reaching
    into it is not a reason to doubt that nothing happened then."""
    if ev.in_window(Window(first, last)) is not False:
        return False
    known = [d for d in (ev.start, ev.end) if d is not None]
    return any(first <= d <= last for d in known) or (len(known) == 2 and known[0] < first and known[1] > last)


def _window_words(r: Reading) -> str:
    """How the question gave its window ("in july 2025", "after the ceasefire"), for notes and refusals."""
    if r.window_text:  # "the mediators of 2023": "in 2023"
        text = re.sub(r"^between (?=in |during |since |after |before )", "", r.window_text)  # "mediate between in"
        first = text.split()[0]
        return text if first in W.DATE_PREPOSITIONS or first in ("last", "this", "next") else f"in {text}"
    if r.anchor is not None:
        return f"{r.anchor[0]} {r.anchor_words or 'the ' + r.anchor[1]}"
    return "in that window"


def _absent_note(names: list[str]) -> str:
    said = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{said} take{'s' if len(names) == 1 else ''} part in no event in the knowledge base"


def _verdict(events: list[TimelineEvent]) -> tuple[str, str]:
    """yes when some source reports it (confirmed, reported or unstated); "claimed" when only claimed or
    rumoured; no when nothing in the store says so."""
    if not events:
        return "no", "nothing in the knowledge base says so"
    firm = [ev for ev in events if CONFIDENCE_ORDER.index(ev.confidence or "reported") <= 1]
    if firm:
        return "yes", f"{len(firm)} event{'s' * (len(firm) != 1)} reported"
    who = sorted({c for ev in events for c in ev.claimed_by})
    return "claimed", "only claimed" + (f" by {', '.join(who)}" if who else "") + ", not reported as fact"


def _mediators(asker: _Asker, reading: Reading, events: list[TimelineEvent], sparql: str, slots: dict) -> Answer:
    sides = {asker.actor_iri(m.actor) for m in reading.actors}
    left_out = {asker.actor_iri(a) for a in reading.left_out}
    rows = []
    if reading.focus == "represented":  # "which Turkish official mediated": the persons acting for that go-between
        for ev in events:
            for iri in sorted(set(ev.actor_iris.get("mediator", ())) & sides):
                via = sorted(p for p, reps in ev.acting_for.items() if iri in reps)
                if via:
                    rows.append({"mediator": ", ".join(via), "via": None, **asker.event_row(ev)})
        if rows:
            who = sorted({n for r in rows for n in r["mediator"].split(", ")})
            columns = ["mediator", "via", "when", "what", "place", "sources", "confidence", "articles"]
            return Answer(reading.question, "mediators", columns, rows, sparql, slots, who=who,
                          events=[r["event"] for r in rows])  # fmt: skip
    for ev in events:
        for iri in sorted(ev.actor_iris.get("mediator", ())):
            if iri in sides or iri in left_out:
                continue
            via = sorted(p for p, reps in ev.acting_for.items() if iri in reps)
            rows.append({"mediator": asker.label(iri), "via": ", ".join(via) or None, **asker.event_row(ev)})
    if events and not rows and left_out:  # "who else ... besides X": X was the only one
        events = []
    if events and not rows:
        raise KBError(
            f"cannot answer '{reading.question}': {len(events)} event{'s' * (len(events) != 1)} fit, but their "
            "sources name no mediator besides the sides"
        )
    rows.sort(key=lambda r: (r["mediator"], r["when"] or ""))
    columns = ["mediator", "via", "when", "what", "place", "sources", "confidence", "articles"]
    return Answer(
        reading.question,
        "mediators",
        columns,
        rows,
        sparql,
        slots,
        who=sorted({r["mediator"] for r in rows}),
        events=[ev.iri for ev in events],
    )


def _who(asker: _Asker, reading: Reading, events: list[TimelineEvent], sparql: str, slots: dict) -> Answer:
    """The names a "who" question asks for, event by event."""
    named = [asker.actor_iri(m.actor) for m in reading.actors]
    rows = []
    for ev in events:
        names = _who_in(asker, reading, ev, named)
        if names:
            rows.append({"who": ", ".join(names), **asker.event_row(ev)})
    who = sorted({n for r in rows for n in r["who"].split(", ")})
    if events and not who and reading.focus == "represented" and {"spoke", "speak", "spoken"} & set(reading.words):
        rows = _spoke_of(asker, reading, events)  # "who spoke for Qatar at the signing": Al Khulaifi's statement on it
        who = sorted({n for r in rows for n in r["who"].split(", ")})
    if events and not who:
        raise KBError(
            f"cannot answer '{reading.question}': {len(events)} event{'s' * (len(events) != 1)} fit, but their "
            "sources name no one in that part"
        )
    titled, kept = _titled_rows(asker, reading, rows, who)
    led = [w for w in reading.words if w in _LEADING]
    several = [r for r in titled if ", " in r["who"]]
    if led and reading.focus == "represented" and several:
        # "who led the Ukrainian delegation": the sources name its four members, not which of them led (it named
        # all four as leading)
        raise KBError(
            f"cannot answer '{reading.question}': the sources name {several[0]['who']} acting for them there, not "
            f"which of them {led[0]} — ask who represented them"
        )
    columns = ["who", "when", "what", "place", "sources", "confidence", "articles"]
    ans = Answer(reading.question, "who", columns, titled, sparql, slots, who=kept, events=[r["event"] for r in titled])
    left = sorted(set(who) - set(kept))
    if left:  # titles are not known for everyone: the others acting for it there, said, not dropped unseen
        ans.note = (
            f"also acting for them there, with no title of theirs saying so: {', '.join(left)} "
            "(kb actors shows the titles fact files give)"
        )
    return ans


def _titled_rows(
    asker: _Asker, reading: Reading, rows: list[dict[str, Any]], who: list[str]
) -> tuple[list[dict[str, Any]], list[str]]:
    """The persons whose titles hold the question's title words ("who is the US envoy to Syria": Barrack and
    Witkoff, special envoys, not Kushner), when the registry's titles give it for any; else the rows as they are
    (titles are not known for everyone)."""
    wanted = [w for m in reading.actors if m.actor is not None and m.actor.type != "person"
              for w in m.title_words if w not in W.GENERIC_PERSONS]  # fmt: skip
    kept = _keep_titled(asker, rows, "who", wanted) if wanted else rows
    return kept, sorted({n for r in kept for n in r["who"].split(", ")}) if kept is not rows else who


def _keep_titled(asker: _Asker, rows: list[dict[str, Any]], column: str, wanted: Sequence[str]) -> list:
    """The rows, each with only the persons in ``column`` whose titles hold ``wanted`` — or the rows as they are
    when no one's does (titles are not known for everyone)."""
    if not any(asker.titled(n, wanted) for r in rows for n in str(r[column]).split(", ")):
        return rows
    kept = []
    for row in rows:
        names = [n for n in str(row[column]).split(", ") if asker.titled(n, wanted)]
        if names:
            kept.append({**row, column: ", ".join(names)})
    return kept


def _spoke_of(asker: _Asker, reading: Reading, events: list[TimelineEvent]) -> list[dict[str, Any]]:
    """Rows for the statements about ``events`` made by persons acting for the actors the question names."""
    from kb.model.iris import EVENT_PREFIX

    ids = {ev.iri.removeprefix(EVENT_PREFIX) for ev in events}
    rows = []
    for m in reading.actors:
        query = asker.query([m], "statement", DATE_MIN, DATE_MAX)
        said = asker.events([x["event"] for x in asker.run(query).records])
        for ev in said:
            speakers = [p for p, acts in ev.acting_for.items() if asker.actor_iri(m.actor) in acts]
            if ids & set(ev.about) and speakers:
                rows.append({"who": ", ".join(sorted(speakers)), **asker.event_row(ev)})
    return rows


def _who_in(asker: _Asker, reading: Reading, ev: TimelineEvent, named: list[str]) -> list[str]:
    focus = reading.focus
    kind = reading.types[0] if reading.types else None
    asked = {asker.label(n) for n in named} | {a.name for a in reading.left_out}
    if focus == "represented":
        # whom they act for: the name after "for" or the verb ("who represented Israel in talks with Syria")
        targets = [
            asker.actor_iri(m.actor)
            for m in reading.actors
            if m.before in ("for", "represented", "represent", "represents")
        ]
        targets = targets or named[:1]
        if targets:
            return sorted(p for p, reps in ev.acting_for.items() if any(t in reps for t in targets) and p not in asked)
        # no one to act for: "which countries took part in the Abu Dhabi talks" asks for the sides
        if any(W.ACTOR_KINDS.get(w) == "state" for w in reading.words):
            focus = "parties"
    if reading.actor_kind == "person":  # "which minister signed": the persons it names in any part (_of_kind)
        return sorted({n for names in ev.roles.values() for n in names} - asked)
    if focus == "parties" or (kind in ("agreement", "ceasefire") and "signed" in reading.statuses):
        # ... not the side a person asked about acts for ("with whom did Sharaa meet" named Syria beside Israel)
        own = {r for n in named for r in _acts_for(asker, ev, n) if r != n}
        return sorted({asker.label(i) for i in ev.actor_iris.get("parties", ()) if i not in own} - asked)
    object_asked = focus == "object" or (
        focus != "doer"
        and not any(m.roles and m.roles != ("about",) for m in reading.actors)
        and _verb_after_wh(reading.words) in ("was", "were")
    )
    if object_asked:  # "who was overthrown": the one the action was done to
        return sorted(set(ev.roles.get("subject", [])) | set(ev.roles.get("target", [])))
    for role, done_to in (("attacker", "target"), ("proposer", "addressee"), ("speaker", "subject")):
        if ev.roles.get(role):
            doers = set(ev.roles[role]) - asked
            if not doers and ev.roles.get(done_to):  # "who did Pakistan strike": the doer was asked about
                return sorted(set(ev.roles[done_to]) - asked)
            return sorted(doers)
    # who met / took part: the others there, a person rather than the actor they act for — but the other sides
    # when the question names only states and organisations ("who did Germany hold talks with": the GNA, not
    # the person who led its delegation)
    present = [n for role in ("parties", "participants") for n in ev.roles.get(role, ())]
    sides = {r for n in named for r in _acts_for(asker, ev, n)}
    if reading.actors and all(m.actor.type != "person" for m in reading.actors if m.actor is not None):
        others = {asker.label(i) for i in ev.actor_iris.get("parties", ()) if i not in sides} - asked
        if others:
            return sorted(others)
    if reading.actor_kind not in (None, "person"):  # "which countries met in Abu Dhabi": the states, whose
        # delegates stood in for them above (it named the United States alone, the one sent no one named);
        # another kind also by their own names ("which organisation took part": the army, not the state it is of)
        views = (ev.actor_iris,) if reading.actor_kind == "state" else (ev.actor_iris, ev.actor_nodes)
        return sorted(
            {asker.label(i) for v in views for role in ("parties", "participants") for i in v.get(role, ())} - asked
        )
    acted_for = {asker.label(r) for reps in ev.acting_for.values() for r in reps}
    return sorted(
        {n for n in present if n not in asked and n not in acted_for and not (ev.acting_for.get(n, set()) & sides)}
    )


def _acts_for(asker: _Asker, ev: TimelineEvent, iri: str) -> set[str]:
    """The actors ``iri`` stands for in ``ev``: whom the person represents, or itself."""
    label = asker.label(iri)
    return set(ev.acting_for.get(label, ())) or {iri}
