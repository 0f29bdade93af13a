"""From article text to a draft fact file: ``kb extract``.

A rule-based event coder in the tradition of TABARI and PETRARCH, but
writing this project's fact files: every event carries the exact sentence
it came from, dates resolved by the same rules as hand-written files
(:mod:`kb.model.dates`, relative to ``published``), and only actors the registry
knows. It never invents: an actor, date or role the sentence does not give
is left out (a missing date becomes ``until today``, which says no more
than that the article reports it), and each choice is explained in a
``# extract:`` comment for the analyst who reviews the draft.

The steps: read the text and its header → split sentences (exact
substrings, so quotes verify) → find actor mentions through the registry
(longest name first; "the two sides" becomes the pair the paragraph is
about when that is unambiguous) → find triggers from the lexicon
(``kb/data/lexicon.yaml``) → give actors roles by where they stand → date
and place each event → merge reports of the same meeting or deal → write
YAML.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from kb.errors import DateError, KBError
from kb.extract.drafts import DraftEvent
from kb.extract.mentions import PAIR, STATE_LIKE, ActorFinder, Mention
from kb.extract.reader import LINK_TEXT, ArticleText, is_headline
from kb.model.actors import Actor, Registry
from kb.model.dates import resolve_when
from kb.model.places import Gazetteer
from kb.model.vocab import REQUIRED_ROLES

__all__ = ["extract", "lexicon", "Rule", "Extractor", "dates_in", "merge_events", "RUMOURED"]

# -- the lexicon ------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    type: str
    trigger: re.Pattern
    roles: dict[str, list[str]]
    status: dict[str, str]
    subtypes: dict[str, re.Pattern]
    suppresses: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def lexicon() -> tuple[Rule, ...]:
    """The rules of ``kb/data/lexicon.yaml``, in file order (earlier types win ties)."""
    data = yaml.safe_load(resources.files("kb.data").joinpath("lexicon.yaml").read_text(encoding="utf-8"))
    rules = []
    for kind, spec in data.items():
        words = "|".join(spec["triggers"])
        subtypes = {
            name: re.compile(rf"\b(?:{'|'.join(pats)})\b", re.I) for name, pats in spec.get("subtypes", {}).items()
        }
        rules.append(
            Rule(
                kind,
                re.compile(rf"\b(?:{words})\b", re.I),
                spec["roles"],
                spec.get("status", {}),
                subtypes,
                tuple(spec.get("suppresses", ())),
            )
        )
    return tuple(rules)


# -- dates ----------------------------------------------------------------------

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"  # "5th June, 2025", "June 5th"
_DATE = re.compile(
    rf"\b(?:(?:since|until|from) )?(?:(?:early|late|mid)[- ])?(?:"
    rf"{_MONTH} {_DAY},? \d{{4}}|{_DAY} {_MONTH},? \d{{4}}|{_MONTH},? \d{{4}}|{_MONTH} {_DAY}\b|"
    rf"{_DAY} {_MONTH}\b|"  # "on 11 July"
    rf"(?:between|from) (?:19|20)\d{{2}} (?:and|to) (?:19|20)\d{{2}}\b|"  # "rounds between 2021 and 2022"
    rf"\d{{4}}-\d{{2}}-\d{{2}}|(?:last|this|next) {_WEEKDAY}|{_WEEKDAY}|"
    rf"(?:late |early )?(?:last|this|next) (?:week|month|year)|earlier this (?:week|month|year)|yesterday|"
    rf"(?:in|since|of) (?:19|20)\d{{2}}\b|(?:in|since) {_MONTH}\b(?!,? \d{{4}}))"  # "the treaty of 1979"
)
_FUTURE = re.compile(
    r"\b(?:will|would|to (?:meet|hold|sign|visit|resume|begin|start|launch|open)|set to|expected to|plans? to|"
    r"scheduled to|is to|are to|next (?:week|month)|set to take place|to take place)\b",
    re.I,
)


def dates_in(sentence: str, published: dt.date) -> list[tuple[int, int, str]]:
    found = []
    for m in _DATE.finditer(sentence):
        text = m.group().strip()
        text = re.sub(r"^(?:in|of) (?=\d{4}$)", "", text)
        try:
            resolve_when(text, ref=published)
        except (DateError, ValueError):
            continue
        found.append((m.start(), m.end(), text))
    return found


# -- events -----------------------------------------------------------------------


_ACCORDING = re.compile(r"\b(?:according to|citing|cited by)\b[^,.;]*", re.I)
_SAID = re.compile(
    r"\b(?:said|says|stated|announced|argued|argues|warned|told|added|noted|insisted|claimed)\b"
    r"(?:\s+(?:on|in)\s+[\w ,]{3,25}?(?=\s+(?:that|it|they|he|she)\b))?(?:\s+that)?",
    re.I,
)
_NEGATION = re.compile(r"\b(?:not|never|no longer|n't|denied|refrain(?:ed)? from)\b", re.I)
_PRONOUN = re.compile(r"\s+(it|they|he|she)\b", re.I)
_QUOTED = re.compile(r"[“\"][^”\"]+[”\"]")
RUMOURED = re.compile(r"\b(?:reportedly|rumou?r\w*|unconfirmed|allegedly)\b", re.I)


def _joined_pairs(sentence: str, mentions: list[Mention]) -> list[list[Actor]]:
    """Two different actors written as one: "Israel and Syria", "Israeli-Syrian", "Israel–Syria"."""
    pairs = []
    for n, (a, b) in enumerate(zip(mentions, mentions[1:], strict=False)):
        if n and re.fullmatch(r"\s*,\s*", sentence[mentions[n - 1].end : a.start]):
            continue  # the end of a longer list ("Israel, Syria and the United States") is no pair
        if a.actor.key != b.actor.key and re.fullmatch(r"\s*(?:and|[-‐–/])\s*", sentence[a.end : b.start]):
            if [a.actor, b.actor] not in pairs:
                pairs.append([a.actor, b.actor])
    return pairs


def _fused(sentence: str, trigger: re.Match, mentions: list[Mention]) -> list[Actor]:
    """A pair written just before the trigger: "the Israel-Syria agreement", "Israeli-Syrian talks"."""
    before = [m for m in mentions if m.end <= trigger.start() and trigger.start() - m.end <= 12]
    for pair in _joined_pairs(sentence, before[-2:]):
        return pair
    return []


_BACK_REFERENCE = re.compile(r"\b(?:the|this|that|these|those|its|their)\s+((?:[\w-]+\s+){0,2})$", re.I)
_TALKS_BACK = re.compile(r"\b(?:the|these|those)\s+(?:[\w-]+\s+)?(?:talks|negotiations|meeting)\b", re.I)
_CLAUSE_START = re.compile(r"[,;]|\b(?:that|which|who)\b")
_CLAUSE_END = re.compile(r",|;|\bthat\b|\bwhich\b|\bwho\b|\bafter\b|\bfollowing\b|\bwhile\b|\bbefore\b")


def _object(sentence: str, trigger: re.Match, mentions: list[Mention], *, commas: bool = False) -> list[Actor]:
    """Actors after the trigger, up to the end of its clause."""
    tail = sentence[trigger.end() :]
    stop = _CLAUSE_END.search(tail.replace(",", " ") if commas else tail)
    end = trigger.end() + (stop.start() if stop else len(tail))
    return [m.actor for m in mentions if trigger.end() <= m.start < end]


def _between(sentence: str, trigger: re.Match, mentions: list[Mention]) -> list[Actor]:
    """ "between A and B" just after the trigger: the last actor before "and", the first after it
    ("between Syrian Foreign Minister Asaad al-Shaibani and Israeli ..." gives al-Shaibani, not "Syrian")."""
    m = re.compile(r"\bbetween\b").search(sentence, trigger.end())
    if not m or m.start() - trigger.end() > 40:
        return []
    conj = re.compile(r"\s+and\s+").search(sentence, m.end())
    if not conj:
        return []
    left = [x for x in mentions if m.end() <= x.start < conj.start()]
    right = [x for x in mentions if x.start >= conj.end()]
    return [left[-1].actor, right[0].actor] if left and right else []


def _by(sentence: str, trigger: re.Match, mentions: list[Mention]) -> list[Actor]:
    m = re.compile(r"\s+by\s+").match(sentence, trigger.end())
    if not m:
        return []
    first = [x for x in mentions if x.start >= m.end() and x.start - m.end() <= 20]
    return [first[0].actor] if first else []


def _prefix(sentence: str, trigger: re.Match, mentions: list[Mention]) -> list[Actor]:
    return [x.actor for x in mentions if x.end == trigger.start() - 1 and sentence[x.end] in "-‐"]


class Extractor:
    def __init__(self, registry: Registry, gazetteer: Gazetteer | None = None) -> None:
        self.registry = registry
        self.finder = ActorFinder(registry)
        self.gazetteer = gazetteer or Gazetteer(registry)

    def _pair(self, context: list[tuple[str, list[Mention]]], exclude: AbstractSet[str] = frozenset()) -> list[Actor]:
        """The two sides the text is about, seen from here: the nearest earlier pair written as one
        ("Israel and Syria", "Israel-Syria"), else the nearest sentence naming exactly two states.
        Actors already in another role (the mediator) are no side. Nothing when that is not clear."""
        seen_states = False
        for sentence, mentions in reversed(context):
            states = [
                m
                for m in mentions
                if m.actor.type in STATE_LIKE and m.actor.key not in exclude and not _BROKERING.match(sentence, m.end)
            ]
            joined = _joined_pairs(sentence, states)
            if len(joined) == 1:
                return joined[0]
            seen_states = seen_states or bool(joined)
        for text, mentions in reversed(context):
            named = {  # (an actor the parse proposed is not in the registry: its mention holds it)
                m.actor.key: m.actor
                for m in mentions
                if m.actor.type in STATE_LIKE and m.actor.key not in exclude and not _BROKERING.match(text, m.end)
            }
            if len(named) == 2 and not seen_states:
                return list(named.values())
            if named:
                return []
        return []

    def _place(self, sentence: str, trigger: re.Match) -> str | None:
        for m in re.finditer(r"\b(?:in|at)\s+((?:[A-Z][\w’'-]+)(?:\s+[A-Z][\w’'-]+){0,2})", sentence):
            if abs(m.start() - trigger.start()) > 60:
                continue
            name = m.group(1)
            place = self.gazetteer.resolve(name)
            if place.kind != "unknown":
                return place.name
        return None

    def sentence_events(
        self, sentence: str, published: dt.date, context: list[tuple[str, list[Mention]]]
    ) -> tuple[list[DraftEvent], list[Mention]]:
        mentions = self.finder.find(sentence)
        letters = [c for c in sentence if c.isalpha()]
        if (letters and sum(c.isupper() for c in letters) > 0.6 * len(letters)) or LINK_TEXT.match(sentence):
            return [], mentions  # a shouted headline or link text, not a sentence of the report
        # Reported speech: who says so is the attribution, not an actor of the events reported.
        # "according to Y"; "“…,” Y said"; "Y said (that) CONTENT" (then "it"/"they" opening the
        # content stand for Y, the one place a speaker may take a role).
        quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(sentence)]
        spans = [(m.start(), m.end()) for m in _ACCORDING.finditer(sentence)]
        said = next((m for m in _SAID.finditer(sentence) if not any(qs <= m.start() < qe for qs, qe in quoted)), None)
        speaker: Mention | None = None
        if said:
            ends = [qe for qs, qe in quoted if qe <= said.start()]
            begin = ends[-1] if ends else max(sentence.rfind(",", 0, said.start()) + 1, 0)
            if ends or said.start() - begin <= 80:
                spans.append((begin, said.start()))
                before = [m for m in mentions if begin <= m.start < said.start()]
                speaker = before[-1] if before else None
        outside = [m for m in mentions if any(s <= m.start < e for s, e in spans)]
        attribution = [m.text for m in outside]
        actors = [m for m in mentions if m not in outside]
        if said and speaker and (p := _PRONOUN.match(sentence, said.end())):
            actors.append(Mention(speaker.actor, p.start(1), p.end(1), p.group(1)))
            actors.sort(key=lambda m: m.start)
        dates = dates_in(sentence, published)
        events: list[DraftEvent] = []
        fired: set[int] = set()
        suppressed: set[str] = set()
        for rule in lexicon():
            if rule.type in suppressed:
                continue
            for trig in rule.trigger.finditer(sentence):
                if any(s <= trig.start() < e for s, e in spans) or trig.start() in fired:
                    continue
                back = _BACK_REFERENCE.search(sentence[: trig.start()])
                if back and (
                    rule.type in ("talks", "ceasefire") or (rule.type == "military-action" and not back.group(1))
                ):
                    continue  # "the meeting", "the occupied territory": refers to an event, does not report one
                ev = self._event(rule, trig, sentence, actors, context, dates, published)
                if ev is None:
                    continue
                fired.add(trig.start())
                if _FUTURE.search(sentence[max(0, trig.start() - 40) : trig.end() + 25]):
                    continue  # announced, not happened: no event yet
                if _NEGATION.search(sentence[max(0, trig.start() - 40) : trig.start()]):
                    continue  # "did not say Israel would refrain from strikes": nothing happened
                ev.attribution = attribution
                same = next((e for e in events if e.type == ev.type), None)
                if same is not None:  # a second trigger of the same kind in one sentence: one event
                    for role, found in ev.roles.items():
                        same.roles.setdefault(role, found)
                    continue
                events.append(ev)
                suppressed.update(rule.suppresses)
        events = [e for e in events if e.type not in suppressed]
        for ev in events:  # dates last: each date expression goes to the event whose trigger is nearest
            self._dated(ev, dates, published, [e.trigger for e in events])
        for ev in events:  # as the fact-file format defines the levels
            if RUMOURED.search(sentence):
                ev.confidence = "rumoured"
            elif ev.attribution:
                ev.confidence = "claimed"  # someone says so ("Israel says", "according to ...")
            elif re.search(r"\bconfirm", sentence, re.I):
                ev.confidence = "confirmed"
        return events, mentions

    def _event(
        self,
        rule: Rule,
        trig: re.Match,
        sentence: str,
        mentions: list[Mention],
        context: list[tuple[str, list[Mention]]],
        dates,
        published,
    ) -> DraftEvent | None:
        roles: dict[str, list[Actor]] = {}
        notes = [f'trigger "{trig.group()}" ({rule.type})']
        modifiers = {m.actor.key for m in mentions if re.match(r"[-‐][a-z]", sentence[m.end : m.end + 2])}
        taken: set[str] = set()
        for role, places in rule.roles.items():
            need = REQUIRED_ROLES.get(rule.type, {}).get(role, 1)
            for where in places:
                found = self._look(
                    where, trig, sentence, [m for m in mentions if m.actor.key not in taken], context, taken
                )
                found = list({a.key: a for a in found}.values())
                if where == "all":  # modifiers ("US-backed") are not participants; people count as whom they represent
                    found = [a for a in found if a.key not in modifiers]
                sides = {k for a in found for k in self.registry.rolled_up(a)}
                if where == "all" and len(sides) > max(need, 2):
                    notes.append(f"{role}: too many actors in the sentence to tell ({len(found)})")
                    continue
                if rule.type == "regime-change":
                    found = [a for a in found if a.type == "person"]
                if role in ("attacker", "proposer", "speaker", "mediator") and found:
                    found = found[:1]  # the clause's subject, not an actor in an apposition after it
                if role == "subject" and found:
                    found = found[:1]
                if len(found) >= need:
                    roles[role] = found
                    taken.update(a.key for a in found)
                    notes.append(f"{role}: {where}" + (" (the pair the paragraph is about)" if where == "pair" else ""))
                    break
        for role, fewest in REQUIRED_ROLES[rule.type].items():
            if len(roles.get(role, ())) < fewest:
                return None
        ev = DraftEvent(rule.type, roles, "", [sentence], notes)
        for name, pattern in rule.subtypes.items():
            if pattern.fullmatch(trig.group()):
                ev.subtype = name
        if rule.status:
            ev.status = next(
                (v for k, v in rule.status.items() if k != "default" and k in trig.group().lower()),
                rule.status.get("default"),
            )
        ev.place = self._place(sentence, trig)
        ev.trigger = (trig.start(), trig.end())
        return ev

    def _look(
        self,
        where: str,
        trig: re.Match,
        sentence: str,
        mentions: list[Mention],
        context: list[tuple[str, list[Mention]]],
        taken: set[str],
    ) -> list[Actor]:
        if where == "subject":  # in the trigger's own clause if it names anyone, else before it
            before = [m for m in mentions if m.end <= trig.start()]
            cut = max((m.start() for m in _CLAUSE_START.finditer(sentence, 0, trig.start())), default=-1)
            own = [m for m in before if m.start > cut]
            if not own:  # the sentence's subject, when the trigger's clause has none ("X, the envoy, hailed")
                first = next((m.start() for m in _CLAUSE_START.finditer(sentence)), len(sentence))
                before = [m for m in before if m.start < first]
            while (
                own
                and (earlier := [m for m in before if m.end <= own[0].start])
                and re.fullmatch(r",\s*", sentence[earlier[-1].end : own[0].start])
            ):
                own.insert(0, earlier[-1])  # a list: "Israel, Syria and the United States agreed"
            return [m.actor for m in (own or before)]
        if where == "object":
            return _object(sentence, trig, mentions)
        if where == "object-appositive":
            return _object(sentence, trig, mentions, commas=True)
        if where == "fused":
            return _fused(sentence, trig, mentions)
        if where == "all":
            return [m.actor for m in mentions]
        if where == "by":
            return _by(sentence, trig, mentions)
        if where == "prefix":
            return _prefix(sentence, trig, mentions)
        if where == "between":
            return _between(sentence, trig, mentions)
        if where == "pair":  # "both sides", or "the talks" the article is about
            return self._pair(context, taken) if PAIR.search(sentence) or _TALKS_BACK.search(sentence) else []
        raise KBError(f"lexicon: unknown role place '{where}'")

    @staticmethod
    def _dated(ev: DraftEvent, dates, published, triggers: list[tuple[int, int]]) -> DraftEvent:
        """The date expression nearest the event's trigger, if no other event's trigger in the sentence
        is nearer to it ("mediated by Washington ... after a meeting last week": last week is the meeting's)."""

        def distance(d, span) -> int:
            return min(abs(d[0] - span[1]), abs(span[0] - d[1]))

        mine = ev.trigger
        dates = [d for d in dates if all(distance(d, mine) <= distance(d, other) for other in triggers)]
        if dates:
            start, end, text = min(dates, key=lambda d: distance(d, mine))
            ev.date = text
            ev.notes.append(f'date: "{text}", relative to the publication date')
        else:
            ev.date, ev.dated = "until today", False
            ev.notes.append("date: the sentence gives none; 'until today' says only that it happened by publication")
        return ev


def _bounds(ev: DraftEvent, published: dt.date) -> tuple[dt.date, dt.date]:
    w = resolve_when(ev.date, ref=published)
    return (w.earliest_begin or dt.date.min, w.latest_end or dt.date.max)


_FAMILY = {"mediation": "talks", "talks": "talks"}
# one pair's talks or accord told of again without its day is the same one (a ceasefire "signed" in one sentence,
# agreed "on Wednesday" in another); strikes are not: "repeated attacks" beside Tuesday's strike are two
_ACCORDS = ("talks", "mediation", "agreement", "ceasefire", "prisoner-exchange")
# "US- and Saudi-brokered negotiations": the names a go-between's participle follows are no pair of sides
_BROKERING = re.compile(r"-?\s*(?:and\s+[\w’'.]+-)?(?:brokered|mediated|led|backed|hosted|sponsored|facilitated)\b")


def merge_events(events: list[DraftEvent], published: dt.date, rolled) -> list[DraftEvent]:
    """Several sentences about one meeting or deal become one event with several quotes.

    Sides are compared as the queries compare them: a minister counts as the state."""

    def rolled_up(e: DraftEvent, roles) -> frozenset[str]:  # the actors in those roles, as the queries count them
        return frozenset(k for role in roles for a in e.roles.get(role, ()) for k in rolled(a))

    out: list[DraftEvent] = []
    for ev in events:
        for old in out:
            if _FAMILY.get(old.type, old.type) != _FAMILY.get(ev.type, ev.type) or old.distinct or ev.distinct:
                continue
            if old.type in _ACCORDS and rolled_up(old, ["parties"]) != rolled_up(ev, ["parties"]):
                continue
            # the same actors, or on one given day the same once rolled up (the IDF's strike on Tuesday is Israel's);
            # undated, only the very same names ("convoy strikes" beside another undated strike are two)
            key_roles = REQUIRED_ROLES[old.type]
            alike = old.key_actors() == ev.key_actors() or (
                old.dated and ev.dated and rolled_up(old, key_roles) == rolled_up(ev, key_roles)
            )
            if old.type not in _ACCORDS and (not alike or old.date != ev.date):
                continue
            if old.type in ("demand", "proposal") and old.quotes != ev.quotes:
                continue  # "he demanded that observers return. He insisted that Israel respect ...": two demands
            if old.place and ev.place and old.place != ev.place:
                continue
            if old.subtype and ev.subtype and old.subtype != ev.subtype:
                continue  # airstrikes and a ground incursion by one army are two actions
            if (old.subtype == "occupation") != (ev.subtype == "occupation"):
                continue  # holding land is no attack: "attacks in Syria" and "the territory it seized" are two
            if (old.status == "planned") != (ev.status == "planned"):
                continue  # "is set to meet on Thursday" and the talks already held are two
            brokers = rolled_up(old, ["mediator"]), rolled_up(ev, ["mediator"])
            if all(brokers) and not brokers[0] & brokers[1]:
                continue  # rounds hosted by Iraq and Oman, talks hosted by China: two mediations of one pair
            (ob, oe), (eb, ee) = _bounds(old, published), _bounds(ev, published)
            if ob > ee or eb > oe or (old.dated and ev.dated and old.date != ev.date):
                continue
            if ev.type == "mediation" and old.type == "talks":
                old.type = "mediation"
            for role, actors in ev.roles.items():
                have = {a.key for a in old.roles.get(role, ())}
                old.roles.setdefault(role, []).extend(a for a in actors if a.key not in have)
            if ev.dated and not old.dated:
                old.date, old.dated = ev.date, True
            old.place = old.place or ev.place
            old.quotes += [q for q in ev.quotes if q not in old.quotes]
            old.notes += [n for n in ev.notes if n not in old.notes]
            old.attribution += [a for a in ev.attribution if a not in old.attribution]
            break
        else:
            out.append(ev)
    return out


def extract(article: ArticleText, registry: Registry, gazetteer: Gazetteer | None = None) -> list[DraftEvent]:
    """The events the article's sentences state, merged where several sentences tell of one.

    ``gazetteer`` may add the places a store's articles declared to the shipped ones.
    """
    ex = Extractor(registry, gazetteer)
    context: list[tuple[str, list[Mention]]] = [(article.title, ex.finder.find(article.title))]
    events: list[DraftEvent] = []
    for paragraph in article.paragraphs:
        for sentence in paragraph:
            if len(paragraph) == 1 and is_headline(sentence) and len(sentence.split()) <= 8:
                context.append((sentence, ex.finder.find(sentence)))
                continue  # a subheading ("Israeli strikes") names a topic; it reports nothing
            found, mentions = ex.sentence_events(sentence, article.published, context)
            events += found
            context.append((sentence, mentions))
    # a mediation a sentence gives without parties may still be the meeting's: roles come from each sentence
    return merge_events(events, article.published, ex.registry.rolled_up)
