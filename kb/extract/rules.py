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
import json
import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from kb.errors import DateError, ExtractError, KBError
from kb.ingest.inputs import read_bounded
from kb.model.actors import Actor, Registry, normalise, slug
from kb.model.dates import resolve_when
from kb.model.places import Gazetteer
from kb.model.vocab import REQUIRED_ROLES

__all__ = ["ArticleText", "DraftEvent", "read_article", "split_sentences", "extract", "to_yaml", "lexicon"]

MAX_BYTES = 2_000_000

# -- reading --------------------------------------------------------------

_HEADER = re.compile(r"^(url|publisher|published|title|excerpt):\s*(.*)$")
_INDEX_PREFIX = re.compile(r"^\s*date \d{4}-\d{2}-\d{2}\s*")  # the page index's own prefix (articles README)


@dataclass
class ArticleText:
    path: str
    title: str
    publisher: str
    published: dt.date
    url: str | None
    paragraphs: list[list[str]]  # sentences, exact substrings of the text

    @property
    def id(self) -> str:
        return f"{slug(self.publisher)}-{self.published.isoformat()}"


def read_article(
    path: str | Path,
    *,
    published: str | dt.date | None = None,
    publisher: str | None = None,
    title: str | None = None,
    url: str | None = None,
) -> ArticleText:
    """Read a plain-text article; the options override its header (``published:``, ``publisher:``, ...)."""
    path = Path(path)
    where = str(path)
    raw = read_bounded(path, MAX_BYTES, what="plain-text article", error=ExtractError)
    if b"\x00" in raw:
        raise ExtractError("a binary file, not a plain-text article", file=where)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ExtractError(
            f"not UTF-8 text (byte {exc.start}): a binary file, or save it as UTF-8", file=where
        ) from None
    if not text.strip():
        raise ExtractError("the file is empty", file=where)
    lines = text.splitlines()
    header: dict[str, str] = {}
    while lines and (m := _HEADER.match(lines[0].strip())):
        header[m.group(1)] = m.group(2).strip()
        lines.pop(0)
    body = [
        _INDEX_PREFIX.sub("", line) if n == 0 else line
        for n, line in enumerate([line for line in lines if line.strip()])
    ]
    publisher = publisher or header.get("publisher")
    if body and publisher and normalise(body[0]) == normalise(publisher):
        body.pop(0)  # a masthead line
    elif body and not publisher and len(body) > 2 and len(body[0].split()) <= 4 and not body[0].rstrip().endswith("."):
        publisher = body.pop(0).strip()  # a short masthead line before the headline
    if not body:
        raise ExtractError("no article text after the header", file=where)
    if title is None:
        title = header.get("title") or (body[0].strip() if _is_headline(body[0]) else body[0].strip()[:120])
        if _is_headline(body[0]):
            body.pop(0)
    if body and normalise(body[0]) == normalise(title):
        body.pop(0)  # headline repeated
    when = published or header.get("published")
    if not when or str(when).strip().lower() in ("unknown", "none", "?"):
        raise ExtractError(
            "no publication date: the text has no 'published:' header; pass --published DATE "
            "(relative dates such as 'on Tuesday' count from it)",
            file=where,
            field="published",
        )
    try:
        day = when if isinstance(when, dt.date) else dt.date.fromisoformat(str(when).strip())
    except ValueError:
        hint = "" if published else " in the 'published:' header; fix it, or pass --published YYYY-MM-DD"
        raise ExtractError(
            f"'{when}' is not a date (expected YYYY-MM-DD){hint}", file=where, field="published"
        ) from None
    if not publisher:
        raise ExtractError(
            "no publisher: the text has no 'publisher:' header; pass --publisher NAME", file=where, field="publisher"
        )
    paragraphs = [s for s in (split_sentences(p) for p in body) if s]
    return ArticleText(where, title, publisher, day, url or header.get("url"), paragraphs)


def _is_headline(line: str) -> bool:
    line = line.strip()
    return len(line.split()) <= 25 and not re.search(r"[.!?][”\"’]?$", line)


_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "gen",
    "sen",
    "rep",
    "gov",
    "lt",
    "col",
    "maj",
    "capt",
    "st",
    "no",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "vs",
    "etc",
    "inc",
    "corp",
    "jr",
    "sr",
    "prof",
    "pres",
}
_BOUNDARY = re.compile(r"[.!?][”\"’')\]]*\s+(?=[“\"'‘(\[]?[A-Z0-9])")


def split_sentences(paragraph: str) -> list[str]:
    """Sentences as exact substrings of ``paragraph`` (so a quote can be checked against the article)."""
    out, start = [], 0
    for m in _BOUNDARY.finditer(paragraph):
        before = paragraph[start : m.start() + 1]
        word = re.search(r"([\w.]+)\.$", before)
        if word:
            w = word.group(1).lower()
            if w in _ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)*[a-z]", w):  # "Gen.", "U.S.", "J."
                continue
        sentence = paragraph[start : m.end()].strip()
        if sentence:
            out.append(sentence)
        start = m.end()
    tail = paragraph[start:].strip()
    if tail:
        out.append(tail)
    return out


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


# -- actors in a sentence ---------------------------------------------------

_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\w+(?:[’']\w+)*")
_NAME_PARTICLES = {"al", "el", "bin", "ibn", "abu", "de", "van", "von"}
_PAIR = re.compile(
    r"\b(?:both (?:sides|countries|nations|parties|governments)|the (?:two )?(?:sides|countries|nations|"
    r"parties|governments|neighbou?rs))\b",
    re.I,
)
_STATE_LIKE = ("state", "organisation", "armed-group")


@dataclass
class Mention:
    actor: Actor
    start: int
    end: int
    text: str


class ActorFinder:
    """Registry names found in text: longest first, capitalised, never ambiguous."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.longest = min(6, max((len(n.split()) for n in registry.names()), default=1))

    def find(self, sentence: str) -> list[Mention]:
        tokens = list(_TOKEN.finditer(sentence))
        out: list[Mention] = []
        i = 0
        while i < len(tokens):
            hit = None
            if tokens[i].group()[0].isupper() or tokens[i].group().lower() in _NAME_PARTICLES:
                for j in range(min(len(tokens), i + self.longest) - 1, i - 1, -1):
                    text = sentence[tokens[i].start() : tokens[j].end()]
                    for candidate in (text, re.sub(r"[’']s$", "", text)):
                        found = self.registry.candidates(candidate)
                        if len(found) == 1:
                            hit = Mention(found[0], tokens[i].start(), tokens[j].end(), text)
                            break
                    if hit:
                        break
            # "met in Paris", "in Baku, Azerbaijan": a place here, not an actor
            place_here = bool(
                hit
                and hit.actor.type == "state"
                and (
                    (
                        re.search(r"\b(?:in|at|near|from|to)\s+$", sentence[: hit.start])
                        and normalise(hit.text) != normalise(hit.actor.name)
                    )
                    or re.search(r"\b(?:in|at|near)\s+[A-Z][\w’'-]+,\s*$", sentence[: hit.start])
                )
            )
            if hit:
                if not place_here:
                    out.append(hit)
                while i < len(tokens) and tokens[i].start() < hit.end:
                    i += 1
            else:
                i += 1
        return self._without_modifiers(sentence, out)

    def _without_modifiers(self, sentence: str, mentions: list[Mention]) -> list[Mention]:
        """Drop a state named only as a person's modifier: "Israeli Prime Minister Benjamin Netanyahu"."""
        keep = []
        for n, m in enumerate(mentions):
            nxt = mentions[n + 1] if n + 1 < len(mentions) else None
            if (
                nxt is not None
                and m.actor.type == "state"
                and nxt.actor.type == "person"
                and nxt.start - m.end <= 45
                and not re.search(r",|\band\b|\bwith\b", sentence[m.end : nxt.start])
                and m.actor in self.registry.represented(nxt.actor)
            ):
                continue
            keep.append(m)
        return keep


# -- dates ----------------------------------------------------------------------

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DATE = re.compile(
    rf"\b(?:(?:since|until|from) )?(?:(?:early|late|mid)[- ])?(?:"
    rf"{_MONTH} \d{{1,2}},? \d{{4}}|\d{{1,2}} {_MONTH},? \d{{4}}|{_MONTH},? \d{{4}}|{_MONTH} \d{{1,2}}\b|"
    rf"\d{{4}}-\d{{2}}-\d{{2}}|(?:last|this|next) {_WEEKDAY}|{_WEEKDAY}|"
    rf"(?:late |early )?(?:last|this) (?:week|month|year)|earlier this (?:week|month|year)|yesterday|"
    rf"(?:in|since) (?:19|20)\d{{2}}\b|(?:in|since) {_MONTH}\b(?!,? \d{{4}}))"
)
_FUTURE = re.compile(
    r"\b(?:will|would|to (?:meet|hold|sign|visit|resume|begin|start|launch|open)|set to|expected to|plans? to|"
    r"scheduled to|is to|are to|next (?:week|month)|set to take place|to take place)\b",
    re.I,
)


def _dates(sentence: str, published: dt.date) -> list[tuple[int, int, str]]:
    found = []
    for m in _DATE.finditer(sentence):
        text = m.group().strip()
        text = re.sub(r"^in (?=\d{4}$)", "", text)
        try:
            resolve_when(text, ref=published)
        except (DateError, ValueError):
            continue
        found.append((m.start(), m.end(), text))
    return found


# -- events -----------------------------------------------------------------------


@dataclass
class DraftEvent:
    type: str
    roles: dict[str, list[Actor]]
    date: str
    quotes: list[str]
    notes: list[str] = field(default_factory=list)
    subtype: str | None = None
    status: str | None = None
    place: str | None = None
    confidence: str = "reported"
    attribution: list[str] = field(default_factory=list)
    dated: bool = True  # False when the sentence gave no date ("until today")
    trigger: tuple[int, int] = (0, 0)  # where its trigger stands in the sentence

    def key_actors(self) -> frozenset[str]:
        return frozenset(a.key for role in REQUIRED_ROLES[self.type] for a in self.roles.get(role, ()))


_ACCORDING = re.compile(r"\b(?:according to|citing|cited by)\b[^,.;]*", re.I)
_SAID = re.compile(
    r"\b(?:said|says|stated|announced|argued|argues|warned|told|added|noted|insisted|claimed)\b"
    r"(?:\s+(?:on|in)\s+[\w ,]{3,25}?(?=\s+(?:that|it|they|he|she)\b))?(?:\s+that)?",
    re.I,
)
_NEGATION = re.compile(r"\b(?:not|never|no longer|n't|denied|refrain(?:ed)? from)\b", re.I)
_PRONOUN = re.compile(r"\s+(it|they|he|she)\b", re.I)
_QUOTED = re.compile(r"[“\"][^”\"]+[”\"]")
_RUMOURED = re.compile(r"\b(?:reportedly|rumou?r\w*|unconfirmed|allegedly)\b", re.I)


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
    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.finder = ActorFinder(registry)
        self.gazetteer = Gazetteer(registry)

    def _pair(self, context: list[tuple[str, list[Mention]]], exclude: AbstractSet[str] = frozenset()) -> list[Actor]:
        """The two sides the text is about, seen from here: the nearest earlier pair written as one
        ("Israel and Syria", "Israel-Syria"), else the nearest sentence naming exactly two states.
        Actors already in another role (the mediator) are no side. Nothing when that is not clear."""
        seen_states = False
        for sentence, mentions in reversed(context):
            states = [m for m in mentions if m.actor.type in _STATE_LIKE and m.actor.key not in exclude]
            joined = _joined_pairs(sentence, states)
            if len(joined) == 1:
                return joined[0]
            seen_states = seen_states or bool(joined)
        for _sentence, mentions in reversed(context):
            keys = list(
                dict.fromkeys(
                    m.actor.key for m in mentions if m.actor.type in _STATE_LIKE and m.actor.key not in exclude
                )
            )
            if len(keys) == 2 and not seen_states:
                return [self.registry.get(k) for k in keys]
            if keys:
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
        if letters and sum(c.isupper() for c in letters) > 0.6 * len(letters):
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
        dates = _dates(sentence, published)
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
            if _RUMOURED.search(sentence):
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
            return self._pair(context, taken) if _PAIR.search(sentence) or _TALKS_BACK.search(sentence) else []
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


def _merge(events: list[DraftEvent], published: dt.date, rolled) -> list[DraftEvent]:
    """Several sentences about one meeting or deal become one event with several quotes.

    Sides are compared as the queries compare them: a minister counts as the state."""
    out: list[DraftEvent] = []
    for ev in events:
        for old in out:
            if _FAMILY.get(old.type, old.type) != _FAMILY.get(ev.type, ev.type):
                continue
            parties = lambda e: frozenset(k for a in e.roles.get("parties", ()) for k in rolled(a))  # noqa: E731
            if old.type in ("talks", "mediation", "agreement") and parties(old) != parties(ev):
                continue
            if old.type not in ("talks", "mediation", "agreement") and (
                old.key_actors() != ev.key_actors() or old.date != ev.date
            ):
                continue
            if old.place and ev.place and old.place != ev.place:
                continue
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


def extract(article: ArticleText, registry: Registry) -> list[DraftEvent]:
    """The events the article's sentences state, merged where several sentences tell of one."""
    ex = Extractor(registry)
    context: list[tuple[str, list[Mention]]] = [(article.title, ex.finder.find(article.title))]
    events: list[DraftEvent] = []
    for paragraph in article.paragraphs:
        for sentence in paragraph:
            if len(paragraph) == 1 and _is_headline(sentence) and len(sentence.split()) <= 8:
                context.append((sentence, ex.finder.find(sentence)))
                continue  # a subheading ("Israeli strikes") names a topic; it reports nothing
            found, mentions = ex.sentence_events(sentence, article.published, context)
            events += found
            context.append((sentence, mentions))
    # a mediation a sentence gives without parties may still be the meeting's: roles come from each sentence
    return _merge(events, article.published, ex.registry.rolled_up)


# -- writing -----------------------------------------------------------------------


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def to_yaml(article: ArticleText, events: list[DraftEvent], *, extracted_by: str | None = None) -> str:
    """The draft fact file: the normal format, with ``# extract:`` comments on every choice."""
    lines = [
        f"# Draft facts extracted by `kb extract` from {article.path}.",
        "# Review each event against its quote before ingesting; '# extract:' lines say why it is here.",
        "article:",
        f"  id: {article.id}",
        f"  title: {_q(article.title)}",
        f"  publisher: {_q(article.publisher)}",
        f"  published: {article.published.isoformat()}",
    ]
    if article.url:
        lines.append(f"  url: {_q(article.url)}")
    if extracted_by:
        lines.append(f"  extracted-by: {_q(extracted_by)}")
    lines += ["", "events:"] if events else ["", "events: []  # no event trigger with enough known actors"]
    counts: dict[str, int] = {}
    for ev in events:
        counts[ev.type] = counts.get(ev.type, 0) + 1
        lines.append(f"  - id: {ev.type}-{counts[ev.type]}")
        for note in ev.notes:
            lines.append(f"    # extract: {note}")
        if ev.attribution:
            lines.append(
                f"    # extract: attributed to {', '.join(dict.fromkeys(ev.attribution))} (reported speech, "
                "not an actor)"
            )
        lines.append(f"    type: {ev.type}")
        if ev.subtype:
            lines.append(f"    subtype: {ev.subtype}")
        if ev.status:
            lines.append(f"    status: {ev.status}")
        lines.append(f"    date: {_q(ev.date)}")
        if ev.place:
            lines.append(f"    place: {_q(ev.place)}")
        for role, actors in ev.roles.items():
            lines.append(f"    {role}: [{', '.join(_q(a.name) for a in actors)}]")
        lines.append(f"    confidence: {ev.confidence}")
        lines.append("    quote:")
        lines += [f"      - {_q(q)}" for q in ev.quotes]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
