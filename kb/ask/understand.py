"""How ``kb ask`` reads a question: its parts, not its shape.

A question is read in three passes over its words, each taking what it
understands out of the way of the next:

1. the time window — a date phrase after a preposition ("in July 2025",
   "since Dec 2024", "between April and June 2025"), or a relative one
   ("last month"), read by the same date rules as fact files
   (:mod:`kb.model.dates`, counted from ``today``), or "since the
   ceasefire" (an anchor: the last such event of the question's actors;
   "before the ceasefire": the one such event, refused when there are several);
2. names — the longest run of words the actor registry (with the store's
   declared actors) or the gazetteer knows, a hyphenated pair
   ("Israel–Syria", "Indo-Pakistani"), or a known person's surname;
3. the rest — the question word (who / what / when / where / how many / did),
   the verbs and nouns of :mod:`kb.ask.words` (event types, mediating, acting
   for someone, signing), fillers; what is left is *not understood*.

Actors are given roles by where they stand: before the verb they are its
doer (the mediator of "did the US mediate", the attacker of "did Israel
strike"), after "between" the sides, after "to"/"of"/"from" a proposal's or
demand's addressee, after "for" whom someone acts for, after the verb its
object. Words not understood are kept: :mod:`kb.ask.answer` only answers
when they are found in the events' own labels, and refuses naming them
otherwise. spaCy's parse is not used here: questions are short, their parts
are names, dates and a verb, and loading the model (~0.9 s) would more than
double every ``kb ask`` process.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from kb.ask import words as W
from kb.errors import ActorError, DateError, KBError
from kb.model.actors import COMBINING_FORMS, Actor, Registry, normalise
from kb.model.dates import window

__all__ = ["Mention", "Reading", "closest_questions", "understand"]

DATE_MIN, DATE_MAX = dt.date(1, 1, 1), dt.date(9999, 12, 31)


@dataclass
class Mention:
    """A name in the question: an actor, or a place (or both: a country)."""

    text: str
    start: int  # token index
    end: int
    actor: Actor | None = None
    place: Any = None  # the gazetteer's reading (kb.model.places), for a place
    before: str | None = None  # the word before it
    after: str | None = None  # the word after it ("the Sudan talks": a name used to describe)
    roles: tuple[str, ...] = ()  # the roles it may take in the event; () = any
    names_event: str | None = None  # "the Doha accord": a place naming an event, with the noun after it
    topic: bool = False  # "the conference on Libya": after an event noun and "on" / "over"
    there: bool = False  # "strikes on Damascus": the state its name stands for, and the event in the city too
    struck: bool = False  # "did the US strike Yemen": the target, or the place of the strike
    people: bool = False  # "the Americans": a state's people (a plural demonym), who may be persons acting for it
    title_words: tuple[str, ...] = ()  # "Pakistan's defence minister": persons of it, so titled, are asked about
    fixed: bool = False  # its role named by a noun ("the attacker"), not read from word order

    @property
    def name(self) -> str:
        return self.actor.name if self.actor is not None else self.text

    loose: bool = False  # "in Syria": taking part, or the place being there, either will do
    sited: bool = False  # "took place in Syria": there, not Syria taking part elsewhere


@dataclass
class Reading:
    """What a question asks: the parts :mod:`kb.ask.answer` turns into a query and an answer."""

    question: str
    intent: str  # mediators / who / events / where / when / yesno / count
    focus: str | None = None  # for "who": mediator / parties / represented / doer / object / counterpart
    types: list[str] = field(default_factory=list)
    statuses: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    first: dt.date = DATE_MIN
    last: dt.date = DATE_MAX
    window_text: str | None = None
    anchor: tuple[str, str] | None = None  # ("since", type): after the last such event of the question's actors;
    # ("before", type): before the one such event; type "" (with anchor_place): an event of any kind there
    anchor_place: Any = None  # "after the Ohrid meeting": the anchor is such an event there (the gazetteer's Place)
    anchor_words: str | None = None  # how the question named it ("the ohrid meeting"), for notes and refusals
    anchor_date: tuple[dt.date, dt.date] | None = None  # "before the July 2025 ceasefire": the one begun then
    picked: list[str] = field(default_factory=list)  # names of several actors read as the one stored, in words
    pick: str | None = None  # "first" / "last"
    future: bool = False  # asks about what is planned
    unknown: list[str] = field(default_factory=list)
    verb_type: str | None = None  # the type the main verb names
    actor_kind: str | None = None  # "which countries", "which organisations": the kind of actor asked for
    title_asked: tuple[str, ...] = ()  # "which minister signed": the title the persons asked for hold
    about_types: list[str] = field(default_factory=list)  # "what did X say about the ceasefire": the topic's types
    about_words: list[str] = field(default_factory=list)  # ... and the words that named them
    words: list[str] = field(default_factory=list, repr=False)  # the question's words as read (typos mended)
    terse: bool = False  # names alone ("US Houthis"): how they relate is not said, so nothing found is no answer
    excluded_statuses: set[str] = field(default_factory=set)  # "agreed" is not "proposed"
    excluded_types: set[str] = field(default_factory=set)  # "how many times did Israel strike": no occupation
    confidences: set[str] = field(default_factory=set)  # "which strikes were confirmed": the firmest a source gives
    hosting: bool = False  # "who hosted": a go-between, or the country the talks were held in
    topic_asked: bool = False  # "which ceasefire did X announce": the events the statements are about
    outcome_of: str | None = None  # "what was agreed at the talks": the talks noun (nothing found is refused)
    unknown_part: str | None = None  # "who chaired the meeting": a verb that is no role the sources record
    left_out: list[Actor] = field(default_factory=list)  # "who else ... besides the United States": not an answer

    @property
    def actors(self) -> list[Mention]:
        return [m for m in self.mentions if m.actor is not None]

    @property
    def places(self) -> list[Mention]:
        return [m for m in self.mentions if m.actor is None and m.place is not None]

    def slots(self) -> dict[str, Any]:
        """The reading as plain values: what the answer says it understood."""
        out: dict[str, Any] = {"intent": self.intent}
        if self.focus:
            out["focus"] = self.focus
        if self.types:
            out["types"] = list(self.types)
        if self.statuses:
            out["status"] = sorted(self.statuses)
        if self.confidences:
            out["confidence"] = sorted(self.confidences)
        actors = [
            {
                "name": m.name,
                **({"roles": list(m.roles)} if m.roles else {}),
                **({"or place": True} if m.loose else {}),
            }
            for m in self.actors
        ]
        if actors:
            out["actors"] = actors
        if self.places:
            out["places"] = [m.place.name if hasattr(m.place, "name") else m.text for m in self.places]
        if self.window_text:
            out["window"] = self.window_text
        if self.about_types:
            out["about"] = list(self.about_types)
        if self.anchor:
            if self.anchor_words:
                out[self.anchor[0]] = self.anchor_words
            elif self.anchor[0] == "before":
                out["before"] = f"the {self.anchor[1]}"
            else:
                out["after"] = f"the last {self.anchor[1]}"
        if self.pick:
            out["pick"] = self.pick
        if self.future:
            out["planned"] = True
        if self.unknown:
            out["words matched in labels"] = list(self.unknown)
        return out


_TOKEN = re.compile(r"[\w][\w.'’\-]*")
_MEDIATION_SUFFIX = re.compile(
    "\\w-(" + "|".join(sorted(w for w in W.MEDIATION_VERBS if w.endswith("ed"))) + ")$", re.IGNORECASE
)


def tokens(question: str) -> tuple[list[str], list[str]]:
    """The question's words, lower-cased (possessives and end dots dropped, a polite wrapper too), and as typed."""
    text = re.sub(r"[–—‐‑]", "-", question)
    # "In 2023, did China host ...": a window put first is read where it usually stands (it was read as a list)
    text = _FRONTED.sub(lambda m: f"{m.group(2).rstrip('?!. ')} {m.group(1)}", text)
    raw = [t.rstrip(".").rstrip("'’") for t in _TOKEN.findall(text)]
    raw = [re.sub(r"['’][sS]$", "", t) for t in raw]  # ("MYANMAR'S" too)
    raw = [t for t in raw if t]
    # "Qatar-mediated agreements", "US-brokered deals": the name and the verb (the suffix was a word the labels
    # had to hold, so "US-brokered" listed the US's Oman-brokered ceasefire)
    raw = [p for t in raw for p in (t.rsplit("-", 1) if _MEDIATION_SUFFIX.search(t) else (t,))]
    # "sign off on": to sign ("off" was not understood)
    raw = [t for k, t in enumerate(raw) if not (t.lower() == "off" and k and raw[k - 1].lower().startswith("sign"))]
    # "in March of 2023": the month of that year (the year was a word not understood, and March this year's)
    raw = [
        t
        for k, t in enumerate(raw)
        if not (
            t.lower() == "of"
            and 0 < k < len(raw) - 1
            and raw[k - 1].lower() in W.MONTHS
            and re.fullmatch(r"\d{4}", raw[k + 1])
        )
    ]
    letters = [c for t in raw for c in t if c.isalpha()]
    if len(letters) > 8 and all(c.isupper() for c in letters):
        # a question typed in capitals says nothing by them: read as typed in lower case ("ARE THERE TALKS" read
        # "ARE" as the code of the United Arab Emirates)
        raw = [t.lower() for t in raw]
    return _unwrapped(*_rephrased([t.lower() for t in raw], raw))


_FRONTED = re.compile(r"^\s*((?:in|during|since|after|before|on|by|until|from)\s[^,?!]{1,40}?),\s*(.+)$", re.I | re.S)
# phrases said otherwise, as the rest of the reading knows them
_REPHRASED: dict[tuple[str, ...], tuple[str, ...]] = {
    ("what", "number", "of"): ("how", "many"),
    ("what", "is", "the", "number", "of"): ("how", "many"),
    ("what", "was", "the", "number", "of"): ("how", "many"),
    ("in", "what", "place"): ("where",),  # (it listed every event of the kind)
    ("at", "what", "place"): ("where",),
    # "what kind of agreement did they reach": which agreement (the kind is in its row)
    **{(wh, kind, "of"): (wh,) for wh in ("what", "which") for kind in ("kind", "type", "sort", "kinds", "types")},
    ("back", "in"): ("in",),  # "agreed to back in 2025": then, not support (a word the labels had to hold)
    ("is", "it", "true", "that"): ("did",),  # "is it true that Israel struck Damascus": did it
    # "which strikes were only claimed": claimed ("only" was not understood)
    **{("only", w): (w,) for w in ("claimed", "alleged", "rumoured", "rumored", "reported")},
    # where the answer comes from is always the sources: "... according to the sources", "in the knowledge base"
    **{
        (*lead, *the, src): ()
        for lead in (("according", "to"), ("in",), ("on",), ("by",))
        for the in ((), ("the",))
        for src in ("sources", "reports", "records", "record", "data", "kb", "database")
    },
    ("according", "to", "the", "knowledge", "base"): (),
    ("in", "the", "knowledge", "base"): (),
    **{(w,): () for w in ("really", "actually", "exactly", "indeed", "truly", "formally")},  # "who exactly mediated"
}


_SOURCES_SAY = re.compile(
    r"^(?:(?:do|does|did) (?:the |any |all )?(?:sources?|reports?|articles?|records?) (?:say|state|show|report)"
    r"|(?:is|was) it (?:reported|said|recorded|stated)) (?:that )?"
    r"(?!(?:who|whom|what|which|when|where|how|why|if|whether) )"
)


def _rephrased(words: list[str], typed: list[str]) -> tuple[list[str], list[str]]:
    # "do the sources say (that) Oman mediated ...", "is it reported that ...": did it (it answered "no", reading
    # "say" as a statement asked for); "do the sources say who ..." is left to the question word
    lead = _SOURCES_SAY.match(" ".join(words))
    if lead is not None:
        n = len(lead.group(0).split())
        words, typed = ["did", *words[n:]], ["did", *typed[n:]]
    # "were was the ceasefire agreed", "were did they meet": two auxiliaries running is a slip of "where" (it
    # answered "yes")
    if words[:1] == ["were"] and words[1:2] and words[1] in W.AUX_WORDS:
        words, typed = ["where", *words[1:]], ["where", *typed[1:]]
    # "count the meetings between Russia and the US": how many ("count" was not understood)
    if words[:1] == ["count"] and len(words) > 1:
        k = 1 + (words[1] in ("the", "all"))
        words, typed = ["how", "many", *words[k:]], ["how", "many", *typed[k:]]
    # "the Karabakh ceasefire was mediated by whom": asked as "by whom was ..." (it listed the ceasefire)
    if words[-2:] in (["by", "whom"], ["by", "who"]) and words[0] not in W.WH_WORDS:
        words, typed = ["by", "whom", *words[:-2]], ["by", "whom", *typed[:-2]]
    for phrase, said in _REPHRASED.items():
        n = len(phrase)
        for k in range(len(words) - n + 1):
            if tuple(words[k : k + n]) == phrase:
                words = [*words[:k], *said, *words[k + n :]]
                typed = [*typed[:k], *said, *typed[k + n :]]
                break
    return words, typed


_UNITS = frozenset("day days week weeks month months year years".split())


def _is_datey(words: list[str]) -> bool:
    return any(
        w.isdigit()
        or re.fullmatch(r"\d{4}-\d{2}(-\d{2})?|(?:early|mid|late)-\d{4}", w)
        or w in W.MONTHS
        or w in W.RELATIVE_DATE_WORDS
        for w in words
    )


# filler nouns ("officials", "place", "year"): a word mended into one would vanish from the question unread
# ("palace" became "place", and "did Israel attack the presidential palace" answered yes for any strike)
_NOUN_FILLER = (
    W.FILLER
    - W.WH_WORDS
    - W.AUX_WORDS
    - W.DATE_PREPOSITIONS
    - frozenset(
        "between against about with among involving including besides except excluding other again since".split()
    )
)


@lru_cache(maxsize=1)
def _known_words() -> tuple[str, ...]:
    return tuple(
        w
        for w in {
            *W.FILLER,
            *W.TYPE_WORDS,
            *W.MEDIATION_VERBS,
            *W.REPRESENT_WORDS,
            *W.SIGN_WORDS,
            *W.AGREE_WORDS,
            *W.MONTHS,
            *W.FUTURE_WORDS,
            *(w for phrase in W.STATUS_PHRASES for w in phrase),
            # the words of phrases, each read only beside its partner: "ground" in "ground incursions" was
            # "mended" to "round" (of talks), and a question about incursions listed talks
            *(w for table in (W.TYPE_PHRASES, W.REPRESENT_PHRASES, W.LINK_PHRASES) for pair in table for w in pair),
            *_DOER_NOUNS,
            # words read elsewhere than here: "started" was "mended" to "stated" (a statement) and "who started talks
            # with the ELN" was refused naming Syria's demands
            *W.FIRST_WORDS,
            *W.LAST_WORDS,
            *W.COUNTED_THINGS,
            *W.RANKING_WORDS,
            *W.DENY_WORDS,
            *W.STATUS_WORDS,
            *W.CONFIDENCE_WORDS,
            *W.NEGATIONS,
            *W.ACCEPT_WORDS,
            *W.ACTOR_KINDS,
            *W.GENERIC_PERSONS,
            *W.PLAIN_VERBS,
            *W.SUPERLATIVES,
            *(w for words in W.SPEECH_ACTS.values() for w in words),
            # ordinals are read in the events' labels ("the fifth round"): "fifht" was "mended" to "fight", and
            # the question listed both Paris rounds
            *"second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split(),
        }  # fmt: skip
        if len(w) >= 5
    )


def _mend_typos(
    words: list[str],
    registry: Registry,
    gazetteer: Any,
    *,
    typed: list[str] | None = None,
    question: str = "",
    names: _Names | None = None,
) -> None:
    """ "betwen", "negotations": a word of five letters or more that is no word kb ask knows and no name of
    an actor or a place, one letter away from a word it knows, is read as that word; "Wikoff", "israael": a
    name one slip of the keyboard from an actor's the knowledge base holds events of, as that name."""
    known = _known_words()
    typed = typed or words
    if words and words[0] not in (*W.WH_WORDS, *W.AUX_WORDS, *W.FILLER) and not registry.candidates(words[0]):
        # the opening word, however short: "wich ceasefires", "wat happened"
        opener = difflib.get_close_matches(words[0], sorted(W.WH_WORDS), n=1, cutoff=0.85)
        if opener:
            words[0] = opener[0]
    names = names or _Names(registry, gazetteer)
    for i, w in enumerate(words):
        if len(w) < 4 or not w.isalpha() or w in known or registry.candidates(w):
            continue
        place = gazetteer.resolve(w).kind != "unknown"
        word = _known_slip(w, known) if len(w) >= 5 and not place else None
        if word is not None:
            words[i] = word
            continue
        capital = bool(i and typed[i][:1].isupper())
        if not (capital or (len(w) >= 5 and not place)):
            continue  # only a name, capitalised past the first word (or a longer word), is mended to an actor's
        if place and i and words[i - 1] in _PLACE_PREPOSITIONS:
            continue  # "in Pace": the town
        slips = _name_slips(i, words, typed, names, capital)
        meant = {a.key for n in slips for a in registry.candidates(n)}
        if len(slips) > 1 and len(meant) == 1:
            # "Israei": Israel or Israeli, one actor — the name with the letter dropped put back, if one is
            slips = {min(slips, key=lambda n: (len(n) != len(w) + 1, n))}
        if len(slips) == 1:
            words[i] = slips.pop()
        elif slips and place:  # "Seria": a town in Brunei, or Serbia, or Syria
            raise KBError(
                f"cannot answer '{question or ' '.join(words)}': '{w}' is the name of a town, and a letter away from "
                f"{' and from '.join(sorted(slips))}; which is meant is not clear — check the spelling"
            )
        elif slips:  # a letter away from two actors' names: read as a word of the labels, it answered for neither
            raise KBError(
                f"cannot answer '{question or ' '.join(words)}': '{w}' is a letter away from "
                f"{' and from '.join(sorted(slips))}; which is meant is not clear — check the spelling"
            )


def _meaning(word: str) -> tuple[str, ...]:
    """What a known word contributes, for slips: the forms of one verb of mediating, or words of one event type,
    are one meaning; any other word is its own."""
    if word in W.MEDIATION_VERBS and word not in _MEDIATOR_NOUNS:
        return ("mediating",)
    if word in W.TYPE_WORDS and word not in W.COUNTED_THINGS:
        return ("type", W.TYPE_WORDS[word])
    return ("word", word)


_NOT_MENDED_INTO = W.PLAIN_VERBS | W.SUPERLATIVES  # known only to make a slip near one of them ambiguous


def _known_slip(w: str, known: tuple[str, ...]) -> str | None:
    """The word kb ask knows that ``w`` is a slip of, if one is clearly meant."""
    # typists rarely miss the first letter; an English word a letter away from a known one mostly begins
    # otherwise ("ground" is not "round"), so only a word with the same first letter is mended
    # (not into a filler noun, which would vanish unread — a person noun is read: "officoals" is officials)
    pool = [k for k in known if k[0] == w[0] and (k not in _NOUN_FILLER or k in _PERSONS)]
    slipped = _slips(w, pool)
    # one word a single slip away is the one meant ("deined": denied — difflib scored "detained" higher)
    close = [next(iter(slipped))] if len(slipped) == 1 else difflib.get_close_matches(w, pool, n=1, cutoff=0.85)
    if not close or close[0] in _NOT_MENDED_INTO:
        return None  # (a plain verb is read in the sources' words as typed: listed only to make "fered" two words)
    same = close[0].replace("-", "")
    one_meaning = len({_meaning(k) for k in slipped | {close[0]}}) == 1  # "mediatde": mediated, mediate, mediatd
    if not one_meaning and any(not (k.replace("-", "").startswith(same) or same.startswith(k)) for k in slipped):
        return None  # a slip from two words ("fered": fired or freed) — which is meant is not known
    # a known word with an ending added is another word ("national" is not "nation"; "targets" is target)
    return None if w.startswith(close[0]) and len(w) - len(close[0]) >= 2 else close[0]


def _name_slips(i: int, words: list[str], typed: list[str], names: _Names, capital: bool) -> set[str]:
    """The names of held actors words[i] is a slip of ("Wikoff", "Seria", "Netanyau": a town of that spelling
    was read — Wyckoff, Seria in Brunei — and the answer was "no"), alone or with the word beside it
    ("Saudi Arabiia", "sudaense army")."""
    registry = names.registry
    singles, every = names.name_words
    w = normalise(words[i])  # ("Türkie": turkiye)
    if w in every or (w.endswith("s") and w[:-1] in every):
        return set()  # a word of a name as written ("Angela"), or its people ("Armenians")

    def likely(n: str) -> bool:
        # in lower case, a word of 7 letters or more, or one keeping the name's first five ("israael", "ukraie" —
        # "sharia" is a word); a final "s" more or less is another name (the Islamic Emirate is not the Emirates)
        return (capital or len(w) >= 7 or n[:5] == w[:5]) and n not in (w + "s", w[:-1])

    slips = {n for n in _slips(w, [n for n in singles if n[:1] == w[:1]]) if likely(n) and names.held(n)}
    beside = [k for k in (i - 1, i + 1) if 0 < k < len(words) and typed[k][:1].isupper()]
    if any(not registry.candidates(words[k]) for k in beside):
        slips = set()  # one of a name's words the registry does not know ("the Islamic Emirate" is no Emirati)
    if slips:
        return slips
    pairs = [(k, k + 1) for k in (i - 1, i) if 0 <= k and k + 1 < len(words)]
    return {
        n
        for n in _slips(w, [n for n in every if n[:1] == w[:1] and len(n) >= 4])
        if likely(n)
        for a, b in pairs
        for phrase in [" ".join(n if k == i else words[k] for k in (a, b))]
        if registry.candidates(phrase) and names.held(phrase)
    }


def _slips(word: str, candidates: list[str]) -> set[str]:
    """The candidates a single typing slip away from ``word``: a letter dropped, added, changed, or two swapped
    ("bfeore")."""
    return {c for c in candidates if _slip(word, c)}


def _slip(a: str, b: str) -> bool:
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [k for k in range(len(a)) if a[k] != b[k]]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:k] + long[k + 1 :] == short for k in range(len(long)))


def _find_window(words: list[str], today: dt.date | None) -> tuple[dt.date, dt.date, str | None, set[int]]:
    """The window a question names, and the token positions its phrase took (empty: no window)."""

    def parse(prep: str, phrase: str) -> tuple[dt.date, dt.date]:
        if prep in ("after", "before", "since", "until"):
            w = window(**{prep: phrase}, ref=today)
        elif prep == "by":
            w = window(until=phrase, ref=today)
        else:  # in, on, during, from (a single date), or none: the phrase's own span
            w = window(since=phrase, until=phrase, ref=today)
        return max(w.first, DATE_MIN), min(w.last, DATE_MAX)

    n = len(words)
    for i, word in enumerate(words):
        if word == "between" or word == "from":
            # between X and Y / from X to Y: both sides dates; a year given once counts for both
            joiner = "and" if word == "between" else "to"
            for k in range(i + 2, min(i + 6, n)):
                if words[k] != joiner:
                    continue
                left = words[i + 1 : k]
                for j in range(min(k + 5, n), k + 1, -1):
                    right = words[k + 1 : j]
                    if not (_is_datey(left) and _is_datey(right)):
                        continue
                    lt, rt = " ".join(left), " ".join(right)
                    years = [w for w in right if re.fullmatch(r"\d{4}", w)]
                    if len(left) == 1 and left[0].isdigit() and len(right) > 1 and right[0].isdigit():
                        lt = " ".join([lt, *right[1:]])  # "between 1 and 20 July 2025": the 1st of that month
                    elif years and not any(re.fullmatch(r"\d{4}", w) for w in left):
                        lt = f"{lt} {years[-1]}"
                    try:
                        w = window(since=lt, until=rt, ref=today)
                    except DateError:
                        continue
                    return max(w.first, DATE_MIN), min(w.last, DATE_MAX), " ".join(words[i:j]), set(range(i, j))
        if word in W.DATE_PREPOSITIONS:
            for j in range(min(i + 7, n), i + 1, -1):  # ("in the first half of 2025": six words)
                phrase = words[i + 1 : j]
                if not _is_datey(phrase):
                    continue
                try:
                    first, last = parse(word, " ".join(phrase))
                except DateError:
                    continue
                return first, last, " ".join(words[i:j]), set(range(i, j))
    for i in range(n - 1):  # "last month", "this year", "the past two years" without a preposition
        if words[i] in ("last", "this", "past") and words[i + 1] in ("week", "month", "year"):
            j = i + 2
        elif words[i] in ("last", "past") and set(words[i + 2 : i + 3]) & _UNITS:
            j = i + 3
        elif set(words[i + 1 : i + 2]) & _UNITS and words[i + 2 : i + 3] == ["ago"]:
            j = i + 3  # "two years ago" ("ago" was read as Angola's code)
        else:
            continue
        try:
            first, last = parse("in", " ".join(words[i:j]))
        except DateError:
            continue
        # "over the past year": "over" says when too (it was a word the labels had to hold)
        k = i - (i >= 1 and words[i - 1] == "the")
        lead = {k - 1} if k >= 1 and words[k - 1] in ("over", "within", "throughout") else set()
        return first, last, " ".join(words[i:j]), set(range(i, j)) | lead
    for i in range(n):  # a terse "..., september 2023" or "ceasefires 2025": a date with its year, no preposition
        if not (words[i] in W.MONTHS or re.fullmatch(r"\d{4}", words[i])):
            continue
        for j in range(min(i + 3, n), i, -1):
            phrase = words[i:j]
            if not (_is_datey(phrase) and any(re.fullmatch(r"\d{4}", w) for w in phrase)):
                continue
            try:
                first, last = parse("in", " ".join(phrase))
            except DateError:
                continue
            return first, last, " ".join(phrase), set(range(i, j))
    return DATE_MIN, DATE_MAX, None, set()


def _dated_anchor(words: list[str], today: dt.date | None) -> tuple[int, int, tuple[dt.date, dt.date]] | None:
    """ "before the July 2025 ceasefire", "since the 2023 talks": an anchor (_find_anchor) singled out by the
    date its event began in — the positions of that date's words and its span, or None."""
    for i, word in enumerate(words[:-2]):
        if word not in ("before", "after", "since"):
            continue
        at = i + 2 if words[i + 1] == "the" else i + 1  # ("before July 2025 ceasefire": no "the")
        for k in (at + 1, at + 2):  # one or two date words, then the event noun
            phrase = words[at:k]
            if k < len(words) and words[k] in W.TYPE_WORDS and all(_is_datey([w]) for w in phrase):
                try:
                    span = window(since=" ".join(phrase), until=" ".join(phrase), ref=today)
                except DateError:
                    return None
                return at, k, (span.first, span.last)
    return None


def _refuse_event_dated_window(question: str, words: list[str], gazetteer: Any) -> None:
    """ "until the July 2025 ceasefire", "after Trump announced the ceasefire": a window placed by an event
    kb ask does not look up (read as "until July 2025" it answered "no" to a meeting a week before that
    ceasefire; "before/after/since the July 2025 ceasefire" is looked up: _dated_anchor). Refused, saying how
    to ask."""
    for i, word in enumerate(words[:-2]):
        if word in ("before", "after", "since", "until") and words[i + 1] not in W.FILLER:
            # "after Trump announced the ceasefire", "since Assad fell": a clause places the window (it listed
            # Trump's statement of May about another ceasefire)
            done = next((w for w in words[i + 2 : i + 5] if w.endswith("ed") or w in _CLAUSE_VERBS), None)
            if done is not None:
                raise KBError(
                    f"cannot answer '{question.strip()}': '{word} ... {done}' places the window by what someone did, "
                    "which kb ask does not look up; ask with the day instead"
                )
        if word not in ("before", "after", "since", "until", "by") or words[i + 1] != "the":
            continue
        # "since the ceasefire", "before the ceasefire" are anchors (such an event of the question's actors); any
        # other event placing the window — dated, or named by a place ("after the Paris talks") — is not looked up
        # (the window was dropped: it listed the Paris talks themselves)
        first = i + 2 if word in ("since", "after", "before") else i + 1
        for j in range(first + 1, min(i + 6, len(words))):
            if words[j] in W.TYPE_WORDS:
                if word in ("since", "after", "before") and _city(words[i + 2 : j], gazetteer) is not None:
                    break  # "after the Ohrid meeting": such an event there, looked up (_find_anchor)
                phrase = " ".join(words[i : j + 1])
                anchor = f" or '{word} the {words[j]}'" if word in ("since", "after", "before") else ""
                raise KBError(
                    f"cannot answer '{question.strip()}': '{phrase}' places the window by an event, which kb ask "
                    f"does not look up; ask with the day instead{anchor}"
                )
            if (words[j] in W.FILLER and words[j] != "the") or words[j] in W.WH_WORDS:
                break  # the phrase ended before any event noun


_CLAUSE_VERBS = frozenset("fell fall met took began begun struck signed held won left came broke".split())
_SPANS = frozenset("day days week weeks month months year years hours hour".split())


def _find_anchor(
    words: list[str], taken: set[int], gazetteer: Any, skip: set[int] | frozenset[int] = frozenset()
) -> tuple[tuple[str, str] | None, Any, set[int]]:
    """ "since the ceasefire", "after the talks": the window starts on the first day of the last such event;
    "before the ceasefire": it ends the day before the one such event (several: refused). "after the Ohrid
    meeting": such an event in that city (its Place, second). ``skip``: a date's words before the noun
    (_dated_anchor)."""
    for i, word in enumerate(words):
        if word in ("since", "after", "before") and i not in taken:
            if i > 0 and words[i - 1] in _SPANS:  # "a day after the offensive": it listed the offensive
                raise KBError(
                    f"cannot answer '{' '.join(words)}': kb ask does not count {words[i - 1]} from an event; "
                    f"ask what happened {word} it"
                )
            j = i + 1
            if j < len(words) and words[j] == "the":
                j += 1
            while j in skip:
                j += 1
            for k in (j, j + 1, j + 2):  # the noun, or a city of one or two words before it
                if k < len(words) and words[k] in W.TYPE_WORDS:
                    place = _city(words[j:k], gazetteer) if k > j else None
                    if k == j or place is not None:
                        return (word, W.TYPE_WORDS[words[k]]), place, set(range(i, k + 1))
                    verb = _past(words[k])  # "after Trump announced the ..."
                    if not verb and not any(w in W.FILLER or w in W.TYPE_WORDS for w in words[j:k]):
                        # "after Azerbaijan's offensive": that side's, the name read as one of the question's
                        # (the window was not seen and the offensive itself was listed)
                        return (word, W.TYPE_WORDS[words[k]]), None, {i, k}
            for k in (j + 2, j + 1):  # "met again after Baku": an event of any kind there
                place = _city(words[j:k], gazetteer) if k <= len(words) else None
                if place is not None and (k == len(words) or words[k] not in W.TYPE_WORDS):
                    return (word, ""), place, set(range(i, k))
    return None, None, set()


def _refuse_places_as_sides(question: str, mentions: list[Mention]) -> None:
    """ "talks between Belgrade and Pristina": a side named by a city no actor is known by (Kosovo's capital, Kosovo
    not a state of the registry) would be read as where the talks were, and nothing is there — an empty answer,
    "no one". Refused, saying to name the side."""
    previous: Mention | None = None
    for m in mentions:
        paired = m.before == "between" or (
            m.before in ("and", "or") and previous is not None and previous.before == "between"
        )
        if paired and m.actor is None and m.place is not None:
            raise KBError(
                f"cannot answer '{question.strip()}': '{m.text}' names a place, not a side kb ask knows; "
                "ask with the side's name"
            )
        previous = m


_GOVERNING = frozenset("government governments authorities regime administration cabinet".split())


def _refuse_groups_as_governments(question: str, mentions: list[Mention], words: list[str]) -> None:
    """ "the Taliban government": a group named as the government of a state the registry does not tie it to
    (it answered "no" about the Taliban, the ceasefire being Afghanistan's). Refused, saying to name the state."""
    for m in mentions:
        if m.actor is None or m.actor.type in ("state", "person") or words[m.end : m.end + 1] == []:
            continue
        if words[m.end] in _GOVERNING:
            raise KBError(
                f"cannot answer '{question.strip()}': the registry does not say which state's "
                f"{words[m.end]} {m.actor.name} is; ask about that state by name"
            )


def _title_after_name(words: list[str], end: int, taken: set[int]) -> tuple[str, ...]:
    """The words of a person's title right after a name, up to its person noun ("Pakistan's defence minister",
    "Syrian officials"); () when no person noun follows within three words."""
    for k in range(end, min(end + 3, len(words))):
        if k in taken or words[k] in W.TYPE_WORDS or words[k] in ("and", "or"):
            return ()
        if words[k] in _PERSONS:
            return tuple(words[end : k + 1])
    return ()


def _city(span: list[str], gazetteer: Any) -> Any:
    """The city ``span`` names ("ohrid", "abu dhabi"), or None."""
    if not span or any(w in W.FILLER or w in W.TYPE_WORDS for w in span):
        return None
    place = gazetteer.resolve(" ".join(span))
    return place if place.kind == "city" else None


# the particles of Arabic, Dutch, Spanish... names: part of a surname ("Al Khulaifi"), never a given name alone
_PARTICLES = frozenset("al el bin ibn abu ben de del der van von da di du le la".split())


_CONTINENTS = frozenset(
    (
        *"africa asia europe america americas oceania antarctica balkans caucasus sahel levant".split(),
        *("middle east", "latin america", "south america", "north america", "central asia", "southeast asia"),
        *("east africa", "west africa", "north africa", "horn of africa", "gulf"),
    )
)


class _Names:
    """Names read against the registry and the gazetteer (and a surname index of the registry's people)."""

    def __init__(self, registry: Registry, gazetteer: Any, stored: Callable[[Actor], bool] | None = None) -> None:
        self.registry = registry
        self.gazetteer = gazetteer
        self.stored = stored  # whether an actor takes part in a stored event: picks among a name's actors
        self.picked: list[str] = []  # how an ambiguous name was read, for the answer's note
        self.surnames: dict[str, set[str]] = {}  # a person's last name -> who has it
        self.given_names: dict[str, set[str]] = {}  # a person's first name -> who has it ("Abiy")
        self.first_words: dict[str, set[str]] = {}  # a group's or state's first word -> whose it is
        for actor in registry:
            parts = normalise(actor.name).split()
            if len(parts) < 2:
                continue
            if actor.type == "person":
                self.surnames.setdefault(parts[-1], set()).add(actor.key)
                if len(parts) > 2 and parts[-2] in _PARTICLES:  # "Al Khulaifi" ("al" was Al Haj Murad Ebrahim)
                    self.surnames.setdefault(" ".join(parts[-2:]), set()).add(actor.key)
                if parts[0] not in _PARTICLES:
                    self.given_names.setdefault(parts[0], set()).add(actor.key)
            else:
                self.first_words.setdefault(parts[0], set()).add(actor.key)

    @cached_property
    def name_words(self) -> tuple[list[str], set[str]]:
        """The one-word names and aliases of actors and persons' surnames (what a slip of the keyboard is mended
        to), and every word of every name (what is no slip)."""
        out: set[str] = set()
        every: set[str] = set()
        for actor in self.registry:
            for name in (actor.name, *actor.aliases):
                parts = normalise(name).split()
                every.update(parts)
                if len(parts) == 1:
                    out.update((parts[0], parts[0] + "s"))  # ("Americasn": American or Americans — not mended)
                elif actor.type == "person":
                    out.add(parts[-1])
        return sorted(n for n in out if n.isalpha() and len(n) >= 4), every

    def held(self, name: str) -> bool:
        """Whether a name (or a person's surname) is of an actor the knowledge base holds events of: what a slip
        may be meant for ("Maduro" is no slip for Majuro, the Marshall Islands' capital)."""
        if self.stored is None:
            return True
        actors = self.registry.candidates(name) or [self.registry.get(k) for k in self.surnames.get(name, ())]
        return any(self.stored(a) for a in actors)

    def actor(self, phrase: str) -> Actor | None:
        found = self.registry.candidates(phrase)
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            # "Congo and the M23": of Congo Republic and DR Congo, the one the knowledge base knows, said in the note
            held = [a for a in found if self.stored(a)] if self.stored is not None else []
            if len(held) != 1:
                raise KBError(f"'{phrase}' could be {' or '.join(a.name for a in found)}; write the full name")
            note = f"'{phrase}' read as {held[0].name}: of {' and '.join(a.name for a in found)}, the only one stored"
            if note not in self.picked:
                self.picked.append(note)
            return held[0]
        keys = self.surnames.get(normalise(phrase), set())
        if len(keys) == 1 and (" " not in phrase.strip() or normalise(phrase).split()[0] in _PARTICLES):
            return self.registry.get(next(iter(keys)))
        if not keys and " " not in phrase.strip() and self.gazetteer.resolve(phrase).kind != "country":
            # "what did Abiy say": the one person of that first name, before a town sharing it (Ābīy Ādī)
            keys = self.given_names.get(normalise(phrase), set())
            if len(keys) == 1:
                return self.registry.get(next(iter(keys)))
        word = phrase.strip()
        if " " not in word and len(word) > 4 and word.endswith("s"):  # "the Saudis", "Americans": a state's people
            states = [a for a in self.registry.candidates(word[:-1]) if a.type == "state"]
            if len(states) == 1:
                return states[0]
        if " " not in word and len(word) > 3:  # "Houthi targets": a group named in the plural, as an adjective
            groups = [a for a in self.registry.candidates(word + "s") if a.type in ("armed-group", "organisation")]
            if len(groups) == 1:
                return groups[0]
        return None

    def beginning(self, phrase: str) -> Actor | None:
        """The one group or state whose name begins with ``phrase`` ("Karabakh Armenian": Karabakh Armenian
        forces), for a place name followed by a people's word."""
        key = normalise(phrase)
        found = {a.key: a for a in self.registry if a.type != "person" and normalise(a.name).startswith(key + " ")}
        return next(iter(found.values())) if len(found) == 1 else None

    def place(self, phrase: str) -> Any:
        if normalise(re.sub(r"^the ", "", phrase)) in _CONTINENTS:
            return None  # "did Qatar mediate in Africa": a continent, not the town so called (it was Mahdia)
        found = self.gazetteer.resolve(re.sub(r"^the ", "", phrase))
        return None if found.kind == "unknown" else found


def _find_names(
    words: list[str], typed: list[str], taken: set[int], names: _Names, leftover: list[str]
) -> list[Mention]:
    out: list[Mention] = []
    i, n = 0, len(words)
    while i < n:
        if i in taken:
            i += 1
            continue
        hit, pair = None, None
        dashed = _two_word_compound(words, i, taken, names)
        if dashed:  # "Saudi Arabia-Iran talks": a two-word name before the dash ("arabia" was not understood)
            out += [Mention(f"{words[i]} {words[i + 1]}", i, i + 2, actor=a, before=words[i - 1] if i else None)
                    for a in dashed]  # fmt: skip
            i += 2
            continue
        for j in range(min(i + 6, n), i, -1):
            if any(k in taken for k in range(i, j)):
                continue
            span = words[i:j]
            phrase = " ".join(span)
            bare = span[1:] if span[0] == "the" else span
            # "which us officials", "us strikes": the US before a person's or an event's noun, typed in lower case
            us_before = bare == ["us"] and j < n and (words[j] in _PERSONS or words[j] in W.TYPE_WORDS)
            # ... or joined to another actor ("did russia and us meet", "us and russia"): not the pronoun
            us_before = us_before or (
                bare == ["us"]
                and (
                    (i >= 2 and words[i - 1] in ("and", "&") and bool(names.registry.candidates(words[i - 2])))
                    or (j + 1 < n and words[j] in ("and", "&") and bool(names.registry.candidates(words[j + 1])))
                )
            )
            if not bare or (len(bare) == 1 and not _may_be_name(bare[0], typed[j - 1], span[0] == "the" or us_before)):
                continue
            titled = i > 0 and all(t[:1].isupper() or t in ("of", "for", "and") for t in typed[i:j])
            titled = titled or (j - i >= 3 and names.actor(phrase) is not None)  # (three words: no accident)
            if j - i > 1 and span[0] in W.FILLER - {"the"} and not titled:
                continue  # ("Government of National Accord": a name typed as one, with "the" or without)
            # "the Brussels agreement", "in Brussels": a name of two actors, but a city there
            # ... but the subject of a verb after "did" ("did Jerusalem strike Damascus": it read the city, and "no")
            subject = i > 0 and words[i - 1] in _DO
            placed = (j < n and words[j] in W.TYPE_WORDS and not subject) or (
                i > 0 and words[i - 1] in _PLACE_PREPOSITIONS
            )
            city = getattr(names.place(phrase), "kind", "") == "city"
            two = len(names.registry.candidates(phrase)) > 1
            actor = None if placed and two and city else names.actor(phrase)
            place = names.place(phrase) if j - i < 5 else None
            if actor is None and place is not None and not _placed(words, typed, i, j, place.name):
                place = None  # "did missiles hit israel": a town called Hit is not meant
            if actor is None and place is None:
                continue
            if actor is None and place is not None and j < n and j not in taken and words[j].endswith("s"):
                group = names.beginning(" ".join([*bare, words[j][:-1]]))
                if group is not None:  # "the Karabakh Armenians": the group whose name begins so, not the place
                    hit = Mention(" ".join(words[i : j + 1]), i, j + 1, actor=group, before=words[i - 1] if i else None)
                    break
            people = actor is not None and bare[-1].endswith("s") and not names.registry.candidates(phrase)
            if people and i > 1 and typed[i - 1][:1].isupper() and words[i - 1] not in W.FILLER:
                continue  # "the Karabakh Armenians", "Kosovo Serbs": people of a place, not the state
            hit = Mention(phrase, i, j, actor=actor, place=place, before=words[i - 1] if i else None)
            hit.people = people
            break
        if hit is None and "-" in words[i] and i not in taken:
            # the right half may run on: "Israel–Syrian Arab Republic"
            for j in range(min(i + 4, n), i, -1):
                if any(k in taken for k in range(i + 1, j)):
                    continue
                joined = " ".join(words[i:j])
                pair = _compound(joined, names) or (_half_compound_pair(joined, names) if j == i + 1 else None)
                if pair:
                    for actor in pair:
                        out.append(Mention(joined, i, j, actor=actor, before=words[i - 1] if i else None))
                    break
            if pair:
                i = out[-1].end
                continue
            half = _half_compound(words[i], names)
            if half is not None:  # "ethiopia-tigray": Ethiopia, and a word the labels must hold
                actor, other = half
                out.append(Mention(words[i], i, i + 1, actor=actor, before=words[i - 1] if i else None))
                leftover.append(other)
                i += 1
                continue
        if hit is None:
            i += 1
            continue
        out.append(_actor_or_place(hit, words))
        i = hit.end
    return out


# auxiliaries after which a name is the subject of a verb in its base form ("did the UN say", "did Jerusalem strike")
_DO = frozenset("did does do will would can could has have had".split())
_PLACE_PREPOSITIONS = frozenset("in at near from to outside inside into".split())


def _placed(words: list[str], typed: list[str], i: int, j: int, name: str) -> bool:
    """Whether words[i:j], which a gazetteer place is called, stands as a place: capitalised as typed, after
    "in"/"at"/..., or naming an event by the place's own name ("the doha accord"; "a port deal" is no deal
    of Le Port). Many towns share a name with an English word."""
    if any(t[:1].isupper() for t in typed[i:j]):
        return True
    start = i + 1 if words[i] == "the" else i
    if start > 0 and (words[start - 1] in _PLACE_PREPOSITIONS or _attack_word(words[start - 1])):
        return True  # "in sweida", "did israel bomb sweida" (typed in lower case, it was a word of the labels)
    return j < len(words) and words[j] in W.TYPE_WORDS and normalise(" ".join(words[start:j])) == normalise(name)


def _may_be_name(word: str, typed: str, after_the: bool = False) -> bool:
    """A single word the question uses as a name: not a filler or question word ("US" only as typed so, or
    after "the": "the us and the taliban")."""
    if word == "us":
        return after_the or typed in ("US", "U.S") or typed.startswith("U.S")
    if word in W.CODE_WORDS and not typed.isupper():
        return False
    if word in W.RANKING_WORDS:  # "involved in the most talks": a ranking (refused as such), not Most, Czechia
        return False
    return word not in W.FILLER and word not in W.TYPE_WORDS and word not in W.MEDIATION_VERBS and len(word) > 1


def _two_word_compound(words: list[str], i: int, taken: set[int], names: _Names) -> list[Actor] | None:
    """ "saudi" + "arabia-iran": the two actors when the name before the dash is two words long, else None."""
    if i + 1 >= len(words) or i in taken or i + 1 in taken or "-" not in words[i + 1]:
        return None
    head, rest = words[i + 1].split("-", 1)
    try:
        left, right = names.actor(f"{words[i]} {head}"), names.actor(rest)
    except KBError:
        return None
    if left is None or right is None or left.key == right.key or names.actor(head) == left:
        return None  # ("the israel-syrian ...": the word before the dash is the name by itself)
    return [left, right]


def _compound(word: str, names: _Names) -> list[Actor] | None:
    """ "israel-syria", "indo-pakistani", "us-taliban": the one split where both halves are actors."""
    head, _, tail = word.partition(" ")
    parts = head.split("-")
    if tail:
        parts[-1] = f"{parts[-1]} {tail}"
    found = []
    for k in range(1, len(parts)):
        left, right = "-".join(parts[:k]), "-".join(parts[k:])
        try:
            a = (
                names.registry.resolve_first_of_compound(left)
                if left in COMBINING_FORMS
                else names.registry.resolve(left)
            )
            b = names.registry.resolve(right)
        except ActorError:
            continue
        if a.key != b.key:
            found.append([a, b])
    return found[0] if len(found) == 1 else None


def _half_compound(word: str, names: _Names) -> tuple[Actor, str] | None:
    """A hyphenated pair where one half is an actor and the other is not known: that actor and the other word."""
    parts = word.split("-")
    if len(parts) != 2 or not all(parts):
        return None
    for known, other in ((parts[0], parts[1]), (parts[1], parts[0])):
        try:
            actor = (
                names.registry.resolve_first_of_compound(known) if known == parts[0] else names.registry.resolve(known)
            )
        except ActorError:
            continue
        if not names.registry.candidates(other):
            return actor, other
    return None


def _half_compound_pair(word: str, names: _Names) -> list[Actor] | None:
    """ "ethiopia-tigray": a hyphenated pair whose unknown half begins one actor's name."""
    half = _half_compound(word, names)
    if half is None:
        return None
    other = _first_word_of(half[1], names)
    return [half[0], other] if other is not None and other.key != half[0].key else None
    return None


_BASE_VERBS = frozenset(
    "say tell announce agree sign meet mediate broker host facilitate propose demand strike attack hit bomb "
    "invade shell raid".split()
)
_HEARING = frozenset("tell told inform informed brief briefed".split())
_SPEECH_VERBS = frozenset("say says said tell tells told announce announced".split())
_ORDINALS = frozenset("first second third last latest next previous recent most".split())


# what is held at a place as an event is ("did Pompeo attend the Doha signing": Doha was read as Qatar, a side)
_CEREMONIES = frozenset("signing signings ceremony ceremonies".split())
# words that qualify an event's noun between a place's name and it ("the Pretoria peace talks")
_EVENT_MODIFIERS = frozenset("peace security trilateral bilateral direct indirect".split())


def _actor_or_place(m: Mention, words: list[str]) -> Mention:
    """A name that is both an actor and a place: a city after "in"/"at" or before an event noun is the place
    ("talks in Doha", "the Jeddah talks"); a capital elsewhere is its state ("Kabul and Islamabad")."""
    # the event noun it describes, right after it or after a few words of its own ("the Berlin arms embargo
    # agreement"), none of them a filler word
    ahead = words[m.end : m.end + 4]
    at = next((k for k, w in enumerate(ahead) if w in W.TYPE_WORDS or w in _CEREMONIES), None)
    noun = ahead[at] if at is not None and not any(w in W.FILLER - _EVENT_MODIFIERS for w in ahead[:at]) else None
    kind = getattr(m.place, "kind", None)
    # done to it: after an attack word, or after on/against in a question about attacks ("meetings on Myanmar" is
    # a topic)
    struck = _attack_word(m.before) or (m.before in ("on", "against", "into") and any(_attack_word(w) for w in words))
    # ... but not the doer of a clause without "that" ("the strikes Israel carried out": Israel struck)
    struck = struck and not (_attack_word(m.before) and _verb_after(words, m.end))
    # ... or the subject of a passive ("was Damascus struck by Israel": it was Syria, and every Israeli action there)
    done = words[m.end] if m.end < len(words) else ""  # a participle: "struck", "bombed" ("is Iranian missile fire")
    passive = (
        m.before in ("was", "were", "is", "are", "been") and _attack_word(done) and done.endswith(("ed", "uck", "it"))
    )
    struck = struck or (passive and kind != "country")  # (a state so named is the target already)
    if m.actor is not None and m.actor.type == "person":
        m.place = None  # "Pompeo statements": the person, not Pompéu (Brazil) — a town sharing a surname
        return m
    if m.actor is not None and kind in ("city", "declared", "region"):
        k = m.start - 1  # "the last Baku meeting": past the ordinal, to "the"
        while k >= 0 and words[k] in _ORDINALS:
            k -= 1
        before = words[k] if k >= 0 and k < m.start - 1 else m.before
        # ... not the subject of a verb ("what did the UN say": the town of Un, India, was read, and nothing there)
        do = m.before in _DO
        verb = noun in _SPEECH_VERBS or (do and noun in _BASE_VERBS)  # ("did the London talks ...": a noun)
        # ... and right before its noun with no "the" ("who mediated Ankara declaration" read Türkiye as a side),
        # unless joined to another side ("Washington and Moscow talks") or struck ("Kabul strikes")
        bare = (
            at == 0
            and not do
            and before not in ("and", "or", "between", "with", "versus", "vs")
            and not _attack_word(noun)
        )
        # ("signatories Berlin arms embargo agreement": a terse role noun stands where "the" would)
        opening = before in ("the", None) or before in _MEDIATOR_NOUNS or before == "signatories"
        attributive = noun is not None and not verb and (opening or m.text.startswith("the ") or bare)
        # "did al-Sharaa go to Baku", "travelled to Paris": a journey's end is the place (it was Azerbaijan: "no")
        journey = m.before == "to" and m.start >= 2 and words[m.start - 2] in _MOTION
        if m.before in ("in", "at") or attributive or journey:
            m.actor = None
            if attributive:
                m.names_event = noun
        elif struck:
            # "strikes on Damascus", "did Israel strike Damascus": the city, or the state its name stands for;
            # only events that are both (done to the state, there) answer either reading — every strike on
            # Syria answered the city's
            m.there = True
            return m
        else:
            m.place = None
    sited = m.before in ("in", "at") and m.start >= 2 and words[m.start - 2] in _SITED
    if m.actor is not None and kind == "country" and sited:
        m.actor, m.sited = None, True  # "which talks took place in Syria": there (it listed Syria's talks in Paris)
    elif m.actor is not None and kind == "country" and m.before in ("in", "at"):
        m.loose = True  # "airstrikes in Syria": against it, or there
    elif m.actor is not None and kind == "country" and struck:
        m.loose = m.struck = True  # "did the US strike Yemen": the state struck, or someone struck there
    if m.actor is not None and kind not in ("country", None) and m.place is not None:
        m.place = None
    return m


def _after_but(words: list[str], start: int) -> bool:
    """A name after "besides", "except", "other than", "apart from" (a "the" between): one the answer leaves out."""
    k = start - (1 if start > 0 and words[start - 1] == "the" else 0)
    return (k >= 1 and words[k - 1] in _BUT) or (k >= 2 and words[k - 2 : k] in _BUT_PAIRS)


_BUT = ("besides", "except", "excluding")
_BUT_PAIRS = (["other", "than"], ["apart", "from"], ["aside", "from"])


def _refuse_left_out_events(question: str, words: list[str], left_out: list[Mention]) -> None:
    """ "which agreements besides the Doha accord did the Taliban sign": what is left out is an event, not an
    actor — the answer listed the Doha accord. Only actors are left out; otherwise refused."""
    for k, word in enumerate(words):
        if word in _BUT or words[k : k + 2] in _BUT_PAIRS:
            j = k + (1 if word in _BUT else 2)
            j += words[j : j + 1] == ["the"]
            if not any(k < m.start <= j for m in left_out):  # ("the US" may start at "the")
                said = " ".join(words[k : j + 2])
                raise KBError(
                    f"cannot answer '{question.strip()}': '{said}' leaves out something other than an actor; "
                    "kb ask leaves out only actors named after it ('who besides Qatar mediated ...')"
                )


_STILL = ("only", "still", "just", "already")
_COPULAS = ("is", "are", "was", "were", "been", "be")


def _status_participle(reading: Reading, words: list[str], i: int) -> bool:
    """ "proposed" after is/are/was/were (an "only", "still" between) while agreements are asked about: their
    status, not a proposal of their own ("which agreements are only proposed"). ("agreed" stays as it was: at
    least agreed, so signed and in-force ones too.)"""
    if words[i] != "proposed" or not reading.types:
        return False
    if W.BROADER.get(reading.types[0], reading.types[0]) != "agreement":
        return False
    k = i - 1
    while k >= 0 and words[k] in _STILL:
        k -= 1
    return k >= 0 and words[k] in _COPULAS


# nouns that name a part in an attack: "was Israel the attacker", "who was the aggressor"
_DOER_NOUNS = {"attacker": "attacker", "attackers": "attacker", "aggressor": "attacker", "victim": "target"}
# filler where they say whose (the ministry "said"), but after an attack word they say what was hit
_INSTITUTIONS = frozenset("ministry ministries defence defense foreign office".split())


def _struck_institution(words: list[str], i: int) -> bool:
    """Whether the ministry or office at ``i`` is what was hit: an attack word before it ("did Israel strike the
    defence ministry"), or after it with nothing said ("when was the defence ministry hit": it listed every strike).
    """
    if any(_attack_word(v) for v in words[:i]):
        return True
    return any(_attack_word(v) for v in words[i + 1 :]) and not any(W.TYPE_WORDS.get(v) == "statement" for v in words)


def _before_noun(words: list[str], i: int, positions: list[int]) -> bool:
    """Whether words[i] stands before an event noun as its adjective, with only a name or "air"/"ground"
    between ("claimed attacks", "confirmed Israeli air strikes"; not "who confirmed the ceasefire")."""
    for k in range(i + 1, min(i + 5, len(words))):
        if words[k] in W.TYPE_WORDS:
            return True
        if words[k] in ("the", "a", "an", "its", "their", "this", "that"):
            return False  # "confirmed the (Doha) ceasefire": a verb and its object
        if k in positions and words[k] not in ("air", "ground", "drone", "missile"):
            return False  # a word of its own between: a verb's object, not an adjective's noun
    return False


def _next_word(words: list[str], end: int) -> str | None:
    """The word after a name, past "air"/"ground"/"drone" ("US air strikes": strikes)."""
    k = end + (end < len(words) and words[end] in ("air", "ground", "drone", "missile", "military"))
    return words[k] if k < len(words) else None


_IRREGULAR_PARTICIPLES = frozenset("struck hit shot held taken seized fought begun".split())


def _participle(word: str | None) -> bool:
    """ "attacked", "struck": a verb after "was"/"were" makes the clause passive; "strikes" is a noun."""
    return word is not None and (word.endswith("ed") or word in _IRREGULAR_PARTICIPLES)


def _attack_word(word: str | None) -> bool:
    """A word of attacking after a name makes it the attacker ("Israeli strikes"); "TTP targets" are targets."""
    return word not in ("target", "targets") and _family(word) == "military-action"


# the words that only wrap a question: "can you tell me who ...", "please, who ...", "i'd like to know when"
_ASKING: tuple[tuple[str, ...], ...] = (
    ("can", "you", "tell", "me"), ("could", "you", "tell", "me"), ("would", "you", "tell", "me"),
    ("can", "you", "please", "tell", "me"), ("could", "you", "please", "tell", "me"), ("please", "tell", "me"),
    ("tell", "me"), ("show", "me"), ("do", "you", "know"), ("i", "want", "to", "know"), ("i'd", "like", "to", "know"),
    ("i", "would", "like", "to", "know"), ("please",),
)  # fmt: skip
# ... and to us ("tell us what happened": "us" was read as a word the labels must hold, the US)
_ASKING = (*_ASKING, *(tuple("us" if w == "me" else w for w in wrapper) for wrapper in _ASKING if "me" in wrapper))


def _unwrapped(words: list[str], typed: list[str]) -> tuple[list[str], list[str]]:
    """The question inside a polite wrapper, when a question word follows it ("can you tell me who mediated" was
    refused: it starts with 'can'); a closing "please" dropped."""
    if words[-1:] == ["please"]:
        words, typed = words[:-1], typed[:-1]
    # "could you list the strikes ...", "can you please show ...": the listing verb is the question's head
    n = 2 + (words[2:3] == ["please"])
    if (
        words[:1] in (["can"], ["could"], ["would"])
        and words[1:2] == ["you"]
        and words[n : n + 1]
        and (words[n] in ("list", "show", "give", "name", "identify", "find"))
    ):
        return words[n:], typed[n:]
    for wrapper in _ASKING:
        n = len(wrapper)
        if tuple(words[:n]) != wrapper or not words[n:]:
            continue
        asks = words[n] in W.WH_WORDS or words[n] in W.AUX_WORDS or words[n + 1 : n + 2] and words[n + 1] in W.WH_WORDS
        if asks or wrapper == ("please",):  # ("... between whom", "... in which city")
            return words[n:], typed[n:]
        if words[n] in ("if", "whether"):  # "can you tell me whether Oman mediated ...": did it
            return ["did", *words[n + 1 :]], ["did", *typed[n + 1 :]]
    return words, typed


def _refuse_two_questions(question: str, words: list[str]) -> None:
    """ "who brokered the ceasefire and when was it signed", "who mediated and where did they meet": a second
    question after "and" (a wh-word, or an auxiliary before a pronoun) — only the first was answered, or the two
    were read as one (an empty answer). Refused, saying to ask one at a time."""
    for k in range(1, len(words) - 1):
        if words[k] not in ("and", "but"):
            continue
        after = words[k + 1]
        # ("when and where did they meet", "who mediated, and when": one question, its rows say both)
        paired = words[k - 1] in W.WH_WORDS or k + 2 == len(words)
        clause = after in W.WH_WORDS and not paired
        if clause or (after in W.AUX_WORDS and words[k + 2 : k + 3] in (["they"], ["it"], ["he"], ["she"])):
            raise KBError(
                f"cannot answer '{question.strip()}': it asks two questions ('{words[k]} {after} ...'); "
                "ask them one at a time"
            )


def understand(
    question: str,
    *,
    registry: Registry,
    gazetteer: Any,
    today: dt.date | None = None,
    stored: Callable[[Actor], bool] | None = None,
) -> Reading:
    """The reading of ``question``; :class:`KBError` for one with nothing to ask about. ``stored`` tells whether
    an actor takes part in a stored event: a name of several actors is read as the one that does."""
    words, typed = tokens(question)
    if not words:
        raise KBError("the question is empty")
    if words[:1] == ["tell"] and words[1:2] in (["me"], ["us"]) and words[2:3] == ["about"]:
        words[:3], typed[:3] = ["list"], ["list"]  # "tell me about the talks in Ohrid": list them (no statement topic)
    names = _Names(registry, gazetteer, stored)
    _mend_typos(words, registry, gazetteer, typed=typed, question=question, names=names)
    for k in range(1, len(words) - 1):
        # "Erdogan statements on Somalia and Ethiopia", "remarks regarding the truce": what was said is about them
        # (the sides were read as struck, and the answer was empty); "statements on Tuesday" is a day
        if words[k] in ("on", "over") and not _is_datey(words[k + 1 : k + 3]):
            said = next((j for j in range(k - 1, max(0, k - 5) - 1, -1) if words[j] in _SAID_NOUNS), None)
            topical = said is not None and (said == k - 1 or words[said + 1] == "by")  # ("statements by X on ...")
        else:
            topical = words[k] in ("regarding", "concerning")
        if topical:
            words[k] = typed[k] = "about"
    negated = next((w for w in words if w in W.NEGATIONS or w.endswith("n't")), None)
    if negated is not None:  # "which strikes were not confirmed" listed what held the word "not"
        raise KBError(
            f"cannot answer '{question}': kb ask does not answer negated questions ('{negated}'); it lists what "
            "the sources say — ask for those events and compare"
        )
    _refuse_two_questions(question, words)
    cited = next(
        (
            k
            for k in range(len(words) - 2)
            if words[k : k + 2] == ["according", "to"] and words[k + 2] not in W.WH_WORDS
        ),
        None,
    )
    if cited is not None:  # "did Israel strike Damascus according to SANA": SANA was read as Sanaa, and "no"
        raise KBError(
            f"cannot answer '{question}': kb ask does not choose events by who reported them "
            f"('according to {' '.join(words[cited + 2 :])}'); each answer names its sources and whose claim it is "
            "— ask without it"
        )
    dated = _dated_anchor(words, today)
    dated_at = set(range(dated[0], dated[1])) if dated else set()
    if not dated:
        _refuse_event_dated_window(question, words, gazetteer)
    # the anchor's date is not the question's window ("before the July 2025 ceasefire" is not "before July 2025")
    first, last, window_text, taken = _find_window([w if k not in dated_at else "" for k, w in enumerate(words)], today)
    anchor, anchor_place, anchored = _find_anchor(words, taken, gazetteer, skip=dated_at)
    taken |= anchored | dated_at
    leftover: list[str] = []
    mentions = _find_names(words, typed, taken, names, leftover)
    for m in mentions:
        taken |= set(range(m.start, m.end))
        m.after = words[m.end] if m.end < len(words) else None
        # "the conference on Libya", "talks over Sudan": the name says what the event is about
        m.topic = m.start >= 2 and words[m.start - 1] in ("on", "over") and words[m.start - 2] in W.TYPE_WORDS
    for m in mentions:  # (once every name's words are taken)
        m.title_words = _title_after_name(words, m.end, taken)
    left_out = [m for m in mentions if m.actor is not None and _after_but(words, m.start)]
    mentions = [m for m in mentions if m not in left_out]
    _refuse_left_out_events(question, words, left_out)
    reading = Reading(
        question.strip(), intent="", mentions=mentions, first=first, last=last, window_text=window_text, anchor=anchor
    )
    reading.left_out = [m.actor for m in left_out if m.actor is not None]
    reading.words = list(words)
    _refuse_places_as_sides(question, mentions)
    _refuse_groups_as_governments(question, mentions, words)
    reading.picked = names.picked
    if dated and anchor is not None:
        reading.anchor_date = dated[2]
        reading.anchor_words = " ".join(words[dated[0] - (words[dated[0] - 1] == "the") : dated[1] + 1])
    if anchor_place is not None:
        reading.anchor_place = anchor_place
        reading.anchor_words = " ".join(words[min(anchored) + 1 : max(anchored) + 1])
    about_at = words.index("about") if "about" in words else None
    if about_at is not None:  # the topic of what was said: its names and event nouns describe what it is about
        for m in mentions:
            if m.start > about_at:
                m.roles = ("about",)
        topic = [w for i, w in enumerate(words) if i > about_at and i not in taken]
        reading.about_types = [W.TYPE_WORDS[w] for w in topic if w in W.TYPE_WORDS]
        reading.about_words = [w for w in topic if w in W.TYPE_WORDS]
        taken |= {i for i, w in enumerate(words) if i > about_at and w in W.TYPE_WORDS}
    rest = [(i, w) for i, w in enumerate(words) if i not in taken]
    verbs = _read_words(reading, rest, words, typed, names)
    if about_at is not None:  # a name found by its first word ("the Druze") after "about" is the topic's too
        for m in reading.mentions:
            if m.start > about_at and not m.roles:
                m.roles = ("about",)
    speech = next((k for k in _SPEECH if k in reading.types), None)
    if speech == "statement":
        said = _said_at(words, rest, speech)
        if (
            said
            and words[said] in ("say", "says", "said")
            and W.TYPE_WORDS.get(words[said - 1]) not in (None, *_SPEECH)
        ):
            # "what does the Doha accord say": the accord's own words, not statements about it (it listed Pompeo's,
            # and nothing for "what did the Mozambique-Renamo memorandum say")
            reading.types = [t for t in reading.types if t not in _SPEECH]
            speech = None
    if speech is None and "proposal" in reading.types and _proposing_verb(words):
        speech = "proposal"  # "who proposed the normalization agreement": proposals of one (it named its sides)
    if speech is not None and set(reading.types) - _SPEECH and not reading.about_types:
        # "who confirmed the ceasefire": statements about a ceasefire, not every statement and every ceasefire;
        # "who demanded a ceasefire": demands (it named the ceasefire's sides)
        reading.about_types = [t for t in reading.types if t not in _SPEECH and t != speech]
        reading.about_words = [w for _, w in rest if W.TYPE_WORDS.get(w) in reading.about_types]
        reading.types = [speech]
        said_at = _said_at(words, rest, speech)
        # "which ceasefire did Trump announce": the ceasefire is asked for, the statement is how it is found
        reading.topic_asked = (
            words[:1] in (["which"], ["what"])
            and W.TYPE_WORDS.get(words[1] if len(words) > 1 else "") in reading.about_types
        )
        for m in mentions:  # "announced the Israel–Syria ceasefire", "the Doha ceasefire": the topic's names
            if m.start > said_at and (speech == "statement" or m.before not in ("to", "of", "from")):
                m.roles = ("about",)  # (a demand's "from X" is its addressee)
    reading.unknown += leftover
    _intent(reading, words)
    if reading.intent == "yesno":
        reading.excluded_types.clear()  # "did Israel attack Syria in 1967": its occupation since then may tell
    _unrecorded_parts(reading, words, typed)
    _refuse_cause_and_holding(reading, words)
    _refuse_yes_no_over_alternatives(reading, words)
    _refuse_what_is_not_recorded(reading, words)
    _talks_that_agreed(reading, words)
    _kind_of_acting_for(reading, words)
    if reading.about_types and reading.verb_type == "mediation" and set(reading.types) <= _SPEECH:
        # "who announced the Oman-brokered ceasefire": the brokering is the topic's, and a statement has no
        # go-between (the answer was empty)
        reading.verb_type = None
    if reading.intent == "who" and _NEGOTIATE_VERBS & set(words):
        _add_type(reading, "agreement")  # "who negotiated for the US in Doha": the accord's negotiators too
    _roles(reading, words, verbs)
    return reading


def _refuse_yes_no_over_alternatives(reading: Reading, words: list[str]) -> None:
    """ "was the ceasefire signed or only announced" answered "no" (not signed; "announced" unread); "did all the
    parties sign the grain deal" answered "yes" from one side's signature. A yes or no cannot answer which of two,
    nor check every member of a group: refused. Names joined by "or" stay one question ("did Qatar or Türkiye
    mediate": either)."""
    if reading.intent != "yesno":
        return
    named = {k for m in reading.mentions for k in range(m.start, m.end)}
    for k in range(1, len(words) - 1):
        if words[k] == "or" and not ({k - 1, k + 1} & named):
            raise KBError(
                f"cannot answer '{reading.question}': a yes or no cannot say which of "
                f"'{words[k - 1]} or {words[k + 1]}'; ask about each"
            )
    every = next(  # ("at all", "each other" are no group)
        (w for k, w in enumerate(words) if w in ("all", "every", "each") and words[k - 1 : k] != ["at"]
         and words[k + 1 : k + 2] != ["other"]),
        None,
    )  # fmt: skip
    if every is not None:
        raise KBError(
            f"cannot answer '{reading.question}': '{every}' asks about each member of a group, which kb ask does "
            "not check one by one; ask who did it"
        )


_HAPPENING = frozenset("happen happened occur occurred place held ahead".split())  # "take place", "go ahead"


def _refuse_what_is_not_recorded(reading: Reading, words: list[str]) -> None:
    """ "did the planned meeting in Baku take place": the sources say it was planned, not whether it happened (it
    answered yes, from the plan); "what was agreed at the first meeting": the ordinal picks the meeting, and no
    agreement is tied to the talks it came out of (it gave the first agreement of all)."""
    q = reading.question
    if reading.intent == "yesno" and reading.future and "will" not in words and _HAPPENING & set(words):
        raise KBError(
            f"cannot answer '{q}': the sources record planned events as planned; whether one took place is not "
            "recorded — ask about planned ones, or what happened in a window"
        )
    if reading.outcome_of and reading.pick:
        raise KBError(
            f"cannot answer '{q}': the knowledge base does not tie an agreement to the {reading.outcome_of} it came "
            f"out of, so not to the {reading.pick} one; ask what the sides agreed, with a date"
        )
    named = {k for m in reading.actors for k in range(m.start, m.end)}
    if (
        words[:1] == ["what"]
        and words[1:2]
        and words[1] in _COPULAS
        and named
        and all(k in named or w == "the" for k, w in enumerate(words[2:], 2))
    ):  # "what is M23", "what are the Houthis": what an actor is (it listed the actor's events)
        raise KBError(
            f"cannot answer '{q}': kb ask answers about events, not what an actor is; kb actors shows what fact "
            f"files say of it — or ask what happened with {reading.actors[0].name}"
        )


_HOLDING = frozenset("hold holds held holding".split())
_LEADING = frozenset("lead leads led leading".split())


def _refuse_cause_and_holding(reading: Reading, words: list[str]) -> None:
    """ "what led to the Doha agreement": a cause, which no source records as such (it listed the agreements in
    Doha); "which ceasefires held", "did the truce hold": lasting, not taking place (it listed every ceasefire,
    the collapsed one too). Refused; "were held" keeps its sense of taking place."""
    q = reading.question
    led = next((k for k, w in enumerate(words[:-1]) if w in _LEADING and words[k + 1] == "to"), None)
    if led is not None and words[led - 1] in ("that", "which") and any(w in W.TYPE_WORDS for w in words[:led]):
        led = None  # "the talks that led to the Ankara declaration": those talks (_talks_that_agreed)
    if led is not None:
        raise KBError(
            f"cannot answer '{q}': '{words[led]} to' asks for a cause or an outcome, which kb ask does not record; "
            "ask what happened between the sides, in a window"
        )
    lasting = [k for k, w in enumerate(words) if w in _HOLDING and (k == 0 or words[k - 1] not in _COPULAS)]
    kinds = {_family(t) for t in reading.types}
    if lasting and reading.types and kinds <= {"agreement"} and "talks" not in words[lasting[0] :]:
        raise KBError(
            f"cannot answer '{q}': whether an agreement or ceasefire '{words[lasting[0]]}' is recorded only as "
            "its status (in force, collapsed, violated); ask which ceasefires are in force, or which collapsed"
        )


def _said_at(words: list[str], rest: list[tuple[int, str]], kind: str) -> int:
    """Where the word of saying or demanding stands: a word of that kind, or the first of a two-word phrase of it
    ("who called for a ceasefire between Armenia and Azerbaijan": a traceback, no one word being a demand)."""
    single = [i for i, w in rest if W.TYPE_WORDS.get(w) == kind]
    paired = [i for i in range(len(words) - 1) if W.TYPE_PHRASES.get((words[i], words[i + 1])) == kind]
    return min(single + paired, default=0)


_SAID_NOUNS = frozenset("statement statements remarks comments comment announcement announcements".split())
_NEGOTIATE_VERBS = frozenset("negotiate negotiated negotiates".split())
_BLOWS = frozenset(
    "strike strikes struck striking hit hits attack attacks attacked attacking raid raids raided fire fired "
    "firing".split()
)  # acts of striking: an occupation (holding land) is none of them
_MOTION = frozenset(
    "go goes went gone come came travel travels travelled traveled fly flew flown head headed visit return "
    "returned delegation delegations trip mission journey".split()
)
_LIGHT_VERBS = frozenset("set sets lay laid lays issue issued issues pose posed poses put puts".split())
_MEDIATOR_NOUNS = frozenset(
    "mediator mediators go-between go-betweens intermediary intermediaries facilitator facilitators".split()
)
_SPEECH = frozenset({"statement", "demand"})  # said or asked for, about another event ("proposed" is often a status)


def _proposing_verb(words: list[str]) -> bool:
    """Whether a word of proposing is the verb whose doer is asked for ("who proposed", "which country suggested"),
    not a status ("the proposed agreement", "was it proposed")."""
    return any(
        W.TYPE_WORDS.get(w) == "proposal" and k > 0 and (words[k - 1] in ("who", "whom") or words[k - 1] in _PEOPLE)
        for k, w in enumerate(words)
    )


_OUTCOME_AT = frozenset("at during in from after".split())


def _family(word: str | None) -> str | None:
    """The broad type an event word names ("ceasefire": agreement, "summit": talks), or None."""
    kind = W.TYPE_WORDS.get(word or "")
    return W.BROADER.get(kind, kind) if kind else None


_SPEAKING = frozenset("spoke speak speaks spoken spokesman spokesperson".split())
_AT_TABLE = frozenset("delegation delegations delegate delegates negotiator negotiators".split())


def _kind_of_acting_for(reading: Reading, words: list[str]) -> None:
    """Who acted for a side, where the question's own words say in what: "who led the Ukrainian delegation" (at
    talks or a signing; it named every Ukrainian who made a statement), "who spoke for the Kremlin" (statements,
    unless a place says which meeting; it named Putin at talks and a peacekeeping contingent)."""
    if reading.intent != "who" or reading.focus != "represented" or reading.types:
        return
    if _AT_TABLE & set(words):
        # met, or signed ("who led the Taliban delegation in Doha"); "who were the Ukrainian delegates" named
        # those who only made statements, and "the Israeli negotiators" the minister who ordered strikes
        reading.types = ["talks", "agreement"]
    elif not reading.places and any(w in _SPEAKING for w in words):
        reading.types = ["statement"]


def _talks_that_agreed(reading: Reading, words: list[str]) -> None:
    """ "What did the Berlin summit agree": the talks are the doer, what they agreed is asked for (it listed the
    summit's meetings beside its agreement)."""
    if reading.intent not in ("events", "when", "where") or "agreement" not in reading.types:
        return
    talks = [k for k, w in enumerate(words) if _family(w) == "talks"]
    agreed = [k for k, w in enumerate(words) if w in W.AGREE_WORDS]
    if talks and agreed and max(talks) < min(agreed) and words[0] in ("what", "which", "when", "where"):
        reading.types = [t for t in reading.types if W.BROADER.get(t, t) != "talks"]


# words after which "in <country>" is where the event was, not a side: "took place in", "was held in"
_SITED = frozenset("place held convened located hosted staged signed".split())
_TAKE = frozenset("take takes took taken taking".split())
_OBJECT_STARTS = frozenset("the a an them it him her their its his both".split())


def _filler_as_verb(reading: Reading, words: list[str], typed: list[str]) -> str | None:
    """A word the tables skip as a modifier used as the verb: "who armed the Houthis" (it listed who attacked
    them), "who took the prisoners" (it listed the swaps' sides) — supplying arms and capturing are no part the
    sources record. "armed groups", "the Sudanese Armed Forces", "take part", "which strikes did Israel take" stay
    what they were."""
    named = {k for m in reading.actors for k in range(m.start, m.end)}
    for k, w in enumerate(words):
        nxt = words[k + 1] if k + 1 < len(words) else None
        if w == "armed" and 0 < k and k not in named and not typed[k][:1].isupper():
            if nxt is None or nxt in _OBJECT_STARTS or typed[k + 1][:1].isupper():
                return w
    if words[:1] in (["who"], ["whom"]) and len(words) > 2 and words[1] in _TAKE and words[2] not in ("part", "place"):
        return words[1]
    return None


def _unrecorded_parts(reading: Reading, words: list[str], typed: list[str]) -> None:
    """Mark shapes whose answer was confident and wrong.

    "Who armed the Houthis": a word skipped as a modifier is the verb (see
    :func:`_filler_as_verb`). "Who chaired the ASEAN meeting": the verb names a part the sources do not
    record as a role (chair, accompany); matching it in a label found the
    meeting and then named its other side, so the answer refuses it. "What
    was agreed at the Beijing talks": the agreement is asked for, the talks
    only say where it came from (the talks were listed); the knowledge base
    does not link the two, so an agreement placed there answers, and nothing
    found is a refusal.
    """
    verb = words[1] if len(words) > 1 and words[0] in ("who", "whom") else None
    filler_verb = _filler_as_verb(reading, words, typed)
    if filler_verb:
        reading.unknown_part = filler_verb
    elif reading.intent == "who" and verb in reading.unknown:
        reading.unknown_part = verb  # refused by the answer, with questions it can answer
    elif reading.intent == "who" and verb in ("did", "does", "do", "has", "have") and (_HEARING & set(words)):
        # "who did Aliyev tell about the operation": whom he told (Blinken), which no role records — it named the
        # addressee of his demand, the separatists
        reading.unknown_part = next(w for w in words if w in _HEARING)
    elif (
        reading.intent == "who"
        and verb in _MOTION
        and any(w == "with" and words[k - 1] not in W.TYPE_WORDS for k, w in enumerate(words[2:], 2))
    ):
        # "who went (to Baku) with Sharaa": his companions, which no role records (it named Israel, met there)
        reading.unknown_part = f"{verb} with"
    outcome = any(w in W.AGREE_WORDS or w in W.SIGN_WORDS for w in words)
    for i, w in enumerate(words[1:], 1):
        kind = W.TYPE_WORDS.get(w)
        if outcome and kind is not None and W.BROADER.get(kind, kind) == "talks" and "agreement" in reading.types:
            before = words[max(0, i - 3) : i]
            if any(b in _OUTCOME_AT for b in before) and "the" in before:
                reading.outcome_of = w  # the agreements are asked for; the talks only say where
                reading.types = [t for t in reading.types if W.BROADER.get(t, t) != "talks"]


def _read_words(
    reading: Reading,
    rest: list[tuple[int, str]],
    words: list[str],
    typed: list[str],
    reading_names: _Names | None = None,
) -> list[int]:
    """Types, statuses, time words and unknown words from what names and dates left; where the verbs and
    event nouns stand (the roles of the names around them depend on it)."""
    verbs: list[int] = []
    skip: set[int] = set()
    positions = [i for i, _ in rest]
    for i, w in rest:
        if i in skip:
            continue
        nxt = words[i + 1] if i + 1 < len(words) and (i + 1) in positions else None
        nxt2 = words[i + 2] if i + 2 < len(words) and (i + 2) in positions else None
        if nxt is not None and (w, nxt) in W.TYPE_PHRASES:
            if not (nxt == "out" and any(W.TYPE_WORDS.get(v) for v in words)):
                # "who carried out the prisoner exchange": the noun says what was done (it added strikes)
                _add_type(reading, W.TYPE_PHRASES[(w, nxt)])
            verbs.append(i)
            skip.add(i + 1)
            continue
        if nxt in ("of", "the") and nxt2 is not None and (w, nxt2) in W.TYPE_PHRASES:  # "ended the war"
            _add_type(reading, W.TYPE_PHRASES[(w, nxt2)])
            skip |= {i + 1, i + 2}
            continue
        ahead = [k for k in range(i + 1, min(i + 5, len(words))) if words[k] not in ("of", "the")]
        if (
            nxt in ("of", "the")
            and len(ahead) >= 2
            and (w, words[ahead[1]]) in W.TYPE_PHRASES
            and all(k in positions for k in ahead[:2])
            and words[ahead[1]] in ("war", "fighting")
        ):  # "the end of the 12-day war": the war's adjective stays a word the labels must hold
            _add_type(reading, W.TYPE_PHRASES[(w, words[ahead[1]])])
            skip |= {k for k in range(i + 1, ahead[1] + 1) if k != ahead[0]}
            continue
        if w in W.CONFIDENCE_WORDS and (
            (i > 0 and words[i - 1] in _COPULAS)
            or _before_noun(words, i, positions)  # "claimed (Israeli) strikes"
            or (words[0] in _COPULAS and i == len(words) - 1)
        ):  # "which strikes were confirmed", "claimed attacks", "was the meeting confirmed": how sure, no statement
            reading.confidences.add(W.CONFIDENCE_WORDS[w])
            continue
        if w == "reported" and i > 0 and words[i - 1] in _COPULAS:
            continue  # "which strikes were reported": every stored event is
        if _status_participle(reading, words, i):  # "which agreements are (only) proposed": how far they came
            reading.statuses.add(w)
            continue
        if w == "proposed" and _family(nxt) == "agreement":
            # "what proposed agreements are there": their status (it listed every agreement and proposal)
            reading.statuses.add(w)
            continue
        if w in _STILL and nxt is not None and _status_participle(reading, words, i + 1):
            continue
        if nxt is not None and (w, nxt) in W.STATUS_PHRASES:
            reading.statuses.add(W.STATUS_PHRASES[(w, nxt)])
            skip.add(i + 1)
            continue
        if nxt is not None and (w, nxt) in W.LINK_PHRASES:
            skip.add(i + 1)
            continue
        if nxt is not None and (w, nxt) in W.REPRESENT_PHRASES:
            reading.focus = reading.focus or "represented"
            if w in W.SIGN_WORDS:  # "who signed for Ukraine": at a signing (it named Ukraine's persons anywhere)
                reading.statuses.add("signed")
                _add_type(reading, "agreement")
            verbs.append(i)
            skip.add(i + 1)
            continue
        if w in _MEDIATOR_NOUNS and any(W.TYPE_WORDS.get(v) == "statement" for v in words[:i]):
            reading.unknown.append(w)  # "who thanked the mediators": what was said names them; no mediation asked
            continue
        if w in W.MEDIATION_VERBS:
            reading.verb_type = reading.verb_type or "mediation"
            reading.hosting = reading.hosting or w.startswith("host")
            verbs.append(i)
            continue
        if w in W.REPRESENT_WORDS:
            reading.focus = reading.focus or "represented"
            verbs.append(i)
            continue
        if w in _LIGHT_VERBS and any(W.TYPE_WORDS.get(v) in ("demand", "proposal", "statement") for v in words):
            continue  # "what condition did X set", "which demands did they lay down": the noun says what was done
        if w in W.ACCEPT_WORDS and any(_family(v) == "agreement" for v in words):
            reading.excluded_statuses.add("proposed")
            verbs.append(i)
            continue
        if w in W.AGREE_WORDS:
            reading.excluded_statuses.add("proposed")
        if w in W.SIGN_WORDS:
            reading.statuses.add("signed")
            _add_type(reading, "agreement")
            verbs.append(i)
            continue
        if w in ("signatories", "signatory"):  # those who signed (it named the sides of an unsigned ceasefire too)
            reading.statuses.add("signed")
            _add_type(reading, "agreement")
        if w in W.STATUS_WORDS:
            reading.statuses.add(W.STATUS_WORDS[w])
            verbs.append(i)
            continue
        if w in W.TYPE_WORDS:
            _add_type(reading, W.TYPE_WORDS[w])
            if w in _BLOWS and not any(W.TYPE_WORDS.get(v) == "occupation" for v in words):
                reading.excluded_types.add("occupation")  # holding the Golan since 1967 is no strike or attack
            verbs.append(i)
            continue
        if w in W.RANKING_WORDS:
            if nxt in W.LAST_WORDS or nxt in W.FIRST_WORDS:
                continue  # "the most recent meeting": the last one
            raise KBError(
                f"cannot answer '{reading.question}': kb ask lists and counts events, it does not rank or compare "
                f"them ('{w}'); ask how many, or list them"
            )
        if w in W.FUTURE_WORDS:
            # "did the Jeddah talks resume", "have they resumed": whether they did — the sources may only say they
            # were to (it answered yes from the planned round); "will they resume", "the resumed talks": planned
            resumed = w.startswith("resum") and words[0] in ("did", "has", "have", "had") and "will" not in words
            if resumed:
                reading.unknown.append(w)  # a word the events must hold: not the first round's
            reading.future = reading.future or not resumed
            continue
        if w in W.FIRST_WORDS:
            begun = w not in ("first", "earliest", "oldest") and i > 0 and words[i - 1] in W.TYPE_WORDS
            if begun and (nxt is None or (nxt not in W.TYPE_WORDS and not nxt.endswith("ing"))):
                continue  # "when did the ceasefire start": its own start, not the first of them (it gave 2017's)
            reading.pick = "first"
            continue
        if w in W.LAST_WORDS:
            reading.pick = "last"
            continue
        if w in _DOER_NOUNS:  # "was Israel the attacker": the name before it did it (no passive)
            before = [m for m in reading.actors if m.end <= i]
            if before:
                before[-1].roles = (_DOER_NOUNS[w],)
                before[-1].fixed = True
            else:  # "who was the aggressor": the doer is asked for (or the one done to, "who was the victim")
                reading.focus = reading.focus or ("doer" if _DOER_NOUNS[w] == "attacker" else "object")
            _add_type(reading, "military-action")
            continue
        if w in ("party", "signatory") and words[:1] and words[0] in W.AUX_WORDS and words[i - 1] in ("a", "the"):
            # "was Qatar a party to the Doha declaration": a side, not any part (it said yes: Qatar mediated it)
            before = [m for m in reading.actors if m.end <= i]
            if before:
                before[-1].roles = ("parties",)
                before[-1].fixed = True
            continue
        if w == "peace" and nxt is not None and W.TYPE_WORDS.get(nxt) == "agreement":
            reading.unknown.append(w)  # "a peace treaty" is not any agreement: the sources must call it so
            continue
        if w in _INSTITUTIONS and _struck_institution(words, i):
            reading.unknown.append(w)  # "did Israel strike the foreign ministry": that ministry, not any target
            continue
        if w in W.FILLER or w in W.WH_WORDS or w in W.AUX_WORDS:
            continue
        actor = _first_word_of(w, reading_names) if reading_names is not None and typed[i][:1].isupper() else None
        named_on = i + 1 < len(words) and typed[i + 1][:1].isupper() and words[i + 1] not in W.FILLER
        if actor is not None and named_on and words[i + 1] not in normalise(actor.name).split():
            actor = None  # "the Islamic Emirate" is not the Islamic State (it answered "no": the State is in nothing)
        kind = words[i + 1] if i + 1 < len(words) else None
        # ("the uinted states": a slip, left as not understood; "did any Gulf state mediate" answered "no")
        asked = i >= 1 and words[i - 1] in ("which", "what", "any", "a", "an", "some", "every", "all", "no")
        if asked and W.ACTOR_KINDS.get(kind or "") == "state" and (actor is None or actor.type != "state"):
            # "which African countries", "which Gulf states": a region's, not the African Union's or the Gulf
            # Cooperation Council's (it named Ethiopia, a side of talks the AU mediated); "which arab states" is no
            # word the labels must hold ("Arabia" held it, and China was named)
            raise KBError(
                f"cannot answer '{reading.question}': kb ask does not know which {kind} "
                f"{'are' if (kind or '').endswith('s') else 'is'} '{typed[i]}'; "
                f"ask about each by name"
            )
        if actor is not None:  # "Tigray": the one actor whose name starts so ("Tigray forces")
            reading.mentions.append(Mention(w, i, i + 1, actor=actor, before=words[i - 1] if i else None))
            reading.mentions.sort(key=lambda m: m.start)
            continue
        reading.unknown.append(w)
    return verbs


def _first_word_of(word: str, names: _Names) -> Actor | None:
    """The one actor (not a person) whose name begins with ``word`` or the word a demonym is made from
    ("Tigray", "Tigrayan": Tigray forces), for a word of 4 letters or more."""
    if len(word) < 4:
        return None
    for stem in dict.fromkeys([word, *(word[: -len(end)] for end in ("ian", "an", "ese", "i") if word.endswith(end))]):
        found = names.first_words.get(stem, set())
        if len(found) == 1:
            return names.registry.get(next(iter(found)))
    return None


def _add_type(reading: Reading, key: str) -> None:
    """Add a type unless a narrower one is already there (or replace a broader one): "ceasefire agreement"
    asks for ceasefires, "talks mediated" for mediations."""
    broader = W.BROADER
    if key in reading.types or broader.get(key) is None and any(broader.get(t) == key for t in reading.types):
        return
    reading.types = [t for t in reading.types if broader.get(key) != t]
    reading.types.append(key)


def _intent(reading: Reading, words: list[str]) -> None:
    head = words[0]
    if head in ("please", "tell", "show", "give") and len(words) > 1:
        head = next((w for w in words[1:] if w not in ("me", "us", "please", "tell", "show", "give")), head)
    start = words.index(head)
    if head in ("in", "on", "at", "for", "with", "by", "from") and words[start + 1 : start + 3] == ["how", "many"]:
        head, start = "how", start + 1  # "in how many talks did Qatar act as mediator"
    two = words[start : start + 2]
    # "what" before a noun of actors asks as "which" does ("what country mediated": it listed events, no mediator)
    which = head == "which" or (
        head == "what"
        and (
            any(w in _ROLE_NOUNS or w in ("conflicts", "conflict") for w in words[start + 1 : start + 3])
            or any(m.start == start + 1 and (m.people or _verb_after(words, m.end)) for m in reading.actors)
        )
    )
    if two == ["how", "many"] or two == ["number", "of"]:
        reading.intent = "count"
        _counts_events(reading, words[start + 2 :])
    elif two == ["how", "often"]:
        reading.intent = "count"  # "how often did Dermer meet Shaibani": how many times
    elif head in W.AUX_WORDS:
        reading.intent = "yesno"
    elif head == "where" or (head == "in" and words[start + 1 : start + 2] == ["which"] and _asks_where(words)):
        reading.intent = "where"  # "in which city did they agree"
    elif head == "which" and words[start + 1 : start + 2] in (["city"], ["town"], ["place"]) and reading.hosting:
        # "which city hosted the trilateral talks": where they were, not who mediated them
        reading.intent, reading.hosting, reading.verb_type = "where", False, None
    elif head in ("when", "dates", "date") or (
        head in ("what", "since") and words[start + 1 : start + 2] in [*_WHEN_NOUNS, ["when"]]
    ):  # "what year did they sign", "since when has Israel held Mount Hermon"
        reading.intent = "when"  # "what year did they sign"
    elif head in ("who", "whom") or (
        which
        and (_asks_for_people(words[start + 1 :]) or any(m.people and m.start == start + 1 for m in reading.actors))
    ):  # "which Americans took part": persons acting for the United States
        reading.intent = "who"
    elif which and any(m.start == start + 1 and _verb_after(words, m.end) for m in reading.actors):
        reading.intent, reading.focus = "who", "represented"  # "which Colombian signed": a person acting for it
    elif head in ("name", "identify") and _ROLE_NOUNS & set(words[start + 1 :]):
        reading.intent = "who"  # "name the go-between in the truce", "name the Houthi ceasefire's mediator"
    elif head in ("list", "show") and next((w for w in words[start + 1 :] if w not in ("the", "all")), None) in (
        _ROLE_NOUNS
    ):
        reading.intent = "who"  # "list the mediators of 2023": actors, not events
    elif head in _MEDIATOR_NOUNS or head == "signatories":
        reading.intent = "who"  # "mediators of the Ankara declaration": terse for "who were" (it listed the event)
    elif head in ("what", "which", "list", "find", "events", "event", "everything", "anything") or head in W.TYPE_WORDS:
        reading.intent = "events"
        if which and len(words) > start + 1 and words[start + 1] in ("conflicts", "conflict"):
            reading.intent = "who"
            reading.focus = "parties"
    elif head in ("with", "between") and len(words) > start + 1 and words[start + 1] == "whom":
        reading.intent, reading.focus = "who", "parties"  # "with whom did the UAE mediate"
    elif head == "by" and len(words) > start + 1 and words[start + 1] == "whom":
        reading.intent = "who"  # "by whom was the Doha declaration mediated": the doer
    elif "between" in words and "whom" in words:
        reading.intent, reading.focus = "who", "parties"
    elif reading.types and head not in ("why", "how"):
        reading.intent = "events"  # a terse listing: "israeli air strikes on syria in july 2025"
    elif head not in ("why", "how") and (reading.mentions or "timeline" in words) and _names_only(reading, words):
        reading.intent = "events"  # "Israel Syria 2025", "a timeline of Kosovo–Serbia": their events (was refused)
        reading.terse = True
        if _MEDIATOR_NOUNS & set(words) and len(reading.actors) >= 2:
            # "mediators Saudi Arabia Iran", "Kosovo Serbia mediator": who mediated between them (it listed their
            # events, or read one side as the mediator and found nothing)
            reading.intent, reading.terse = "who", False
    else:
        raise KBError(f"cannot tell what '{reading.question}' asks: it starts with '{words[0]}'")
    if (
        reading.intent == "who"
        and reading.verb_type == "mediation"
        and not reading.focus
        and words[start : start + 2] in (["who", "did"], ["whom", "did"], ["who", "has"], ["whom", "has"])
        and words[start + 2 : start + 3] != []
        and words[start + 2] not in W.MEDIATION_VERBS  # ("who has mediated")
    ):
        reading.focus = "parties"  # "who did Turkey host": whom it hosted (Türkiye was read as a side: refused)
    if reading.intent == "who" and "between" in words:
        after = words.index("between")
        # ("by whom was the ceasefire between A and B brokered": the doer, not the sides)
        by_whom = words[start : start + 2] == ["by", "whom"]
        if ("whom" in words and not by_whom) or not any(m.start > after for m in reading.actors):
            reading.focus = "parties"  # "between whom has Qatar mediated", "which countries did it mediate between"
    if which and reading.intent == "who":
        reading.actor_kind = next((W.ACTOR_KINDS[w] for w in words[start + 1 : start + 3] if w in W.ACTOR_KINDS), None)
        # "which mediators are organisations", "... were armed groups": the kind after the copula (it listed every
        # mediator, states too)
        after_copula = [w for k, w in enumerate(words) if w in W.ACTOR_KINDS and set(_COPULAS) & set(words[k - 2 : k])]
        reading.actor_kind = reading.actor_kind or (W.ACTOR_KINDS[after_copula[0]] if after_copula else None)
        qualified = next((m for m in reading.actors if m.start == start + 1), None)
        # "which minister signed the grain deal", "which Philippine official" (a word not understood before it):
        # persons (it named the states that signed), titled so when titles are known
        asked = next((w for w in words[start + 1 : start + 3] if w in _PERSONS), None)
        if reading.actor_kind is None and qualified is None and asked is not None:
            reading.actor_kind = "person"
            reading.title_asked = () if asked in W.GENERIC_PERSONS else (asked,)
        if qualified is not None and (qualified.people or _PERSONS & set(words[qualified.end : qualified.end + 2])):
            # "which Syrian minister met Ron Dermer": a person acting for Syria, not the others in the room
            reading.focus = reading.focus or "represented"
    if reading.intent == "who" and not reading.focus:
        # "name Moscow's delegates", "who were Russia's negotiators": the persons asked for are the named actor's,
        # when only "the" or a copula stands between the question word and the name (it named the other sides)
        owner = next((m for m in reading.actors if m.start > start), None)
        if (
            owner is not None
            and all(w in ("the", *_COPULAS) for w in words[start + 1 : owner.start])
            and owner.end < len(words)
            and words[owner.end] in _PERSONS
        ) or (
            # "who was in the Ukrainian delegation": its members (refused as a question about a title)
            owner is not None
            and [w for w in words[start + 1 : owner.start] if w != "the"] in (["was", "in"], ["were", "in"])
            and _AT_TABLE & set(words[owner.end : owner.end + 1])
        ):
            reading.focus = "represented"
    if (
        reading.intent == "who"
        and not (reading.types or reading.verb_type or reading.focus)
        and len(words) > start + 1
        and words[start + 1] in _COPULAS
    ):  # "who is the president of Syria": a title, not an event (it named everyone in Syria's events)
        raise KBError(
            f"cannot answer '{reading.question}': kb ask answers about events, not who holds a title; "
            "kb actors shows the titles fact files give"
        )
    if reading.intent == "who" and not reading.focus and {"parties", "sides", "signatories"} & set(words):
        reading.focus = "parties"  # "who were the parties to the Doha accord"
    if reading.intent == "who" and any(m.before == "for" for m in reading.actors):
        reading.focus = "represented"  # "who signed the ceasefire for the ELN": who acted for it


def _counts_events(reading: Reading, after: list[str]) -> None:
    """ "how many prisoners did they exchange" counts people, not exchanges: no event records that number,
    so counting events would answer another question. "how many prisoner swaps" counts swaps."""
    for k, w in enumerate(after):
        if w in W.COUNTED_THINGS:
            nxt = after[k + 1] if k + 1 < len(after) else None
            if nxt is not None and nxt in W.TYPE_WORDS and nxt not in W.COUNTED_THINGS:
                return  # a compound: "prisoner swaps", "missile strikes"
            named = w in W.ACTOR_KINDS or w in ("parties", "sides", "mediators", "signatories", "participants")
            raise KBError(
                f"cannot answer '{reading.question}': kb ask counts events (meetings, agreements, strikes...), "
                f"not {w}; "
                + (f"ask which {w}" if named else f"the number of {w} is in the events' own words: ask what happened")
            )
        if w in W.TYPE_WORDS or w in ("times", "events"):
            return


def _verb_after(words: list[str], end: int) -> bool:
    """Whether a verb in the past follows a name directly ("which Colombian signed"), so the name, a demonym,
    stands for a person: "which Syrian talks" is followed by a noun."""
    nxt = _next_word(words, end)
    if nxt is None or not _past(nxt):
        return False
    # "which US brokered talks": a participle — of a go-between's verb; "which Colombian signed ceasefire",
    # "which American attended talks" are a person's deeds (they listed events)
    return nxt not in W.MEDIATION_VERBS or _next_word(words, end + 1) not in W.TYPE_WORDS


_PAST_VERBS = frozenset("met took spoke led said made signed broke sought won gave held".split())


def _past(word: str) -> bool:
    """A verb in the past, as a question types one: "announced", "met"."""
    return word.endswith("ed") or word in _PAST_VERBS


_WHEN_NOUNS = (["year"], ["month"], ["day"], ["date"])


def _asks_where(words: list[str]) -> bool:
    return bool({"city", "country", "place", "town", "capital"} & set(words[:5]))


_PASSIVE_AUX = frozenset("was were is are been".split())


_PEOPLE = frozenset(
    "country countries state states officials official leaders leader ministers minister diplomats "
    "diplomat envoys envoy delegates negotiators people persons mediators organisation organisations "
    "organization organizations bloc blocs body bodies group groups forces factions militias".split()
)


_PERSONS = frozenset(
    "officials official leaders leader ministers minister diplomats diplomat envoys envoy delegates delegate "
    "negotiators negotiator president prime people persons representative representatives secretary-general "
    "secretary chief chairman chairwoman chairperson commissioner commander commanders".split()
)

# what "name the ..." asks for when it asks for actors: their part in an event, or the actors themselves
_ROLE_NOUNS = (
    _PEOPLE
    | _PERSONS
    | frozenset(
        "mediator mediators go-between go-betweens intermediary intermediaries facilitator facilitators broker "
        "brokers parties party signatories sides participants actor actors entity entities".split()
    )
)


def _names_only(reading: Reading, words: list[str]) -> bool:
    """Whether every word is a name, a date's or a filler ("US Houthis", "Taliban US Doha 2020")."""
    named = {k for m in reading.mentions for k in range(m.start, m.end)}
    return all(k in named or w in W.FILLER or _is_datey([w]) or w == "timeline" for k, w in enumerate(words))


def _asks_for_people(after: list[str]) -> bool:
    """ "which countries", "which US officials": a "which" that asks for actors, not events."""
    return any(w in _ROLE_NOUNS for w in after[:4]) and not any(w in W.TYPE_WORDS for w in after[:1])


def _roles(reading: Reading, words: list[str], verbs: list[int]) -> None:
    """Each actor's role from where it stands in the clause. The main verb is the first verb or event noun
    after the auxiliary ("which airstrikes did Israel carry out": carry); names between the auxiliary and
    it are its doer — or, in the passive ("when was Assad overthrown"), its object; after the verb, "between"
    names the sides, "to"/"of"/"from" a proposal's or demand's addressee, "by" the doer, others the object."""
    kind = reading.verb_type or (reading.types[0] if reading.types else None)
    family = W.BROADER.get(kind or "", kind)
    aux = next((k for k, w in enumerate(words) if w in W.AUX_WORDS), None)
    main = next(
        (v for v in verbs if aux is None or v > aux), None if aux is not None else (verbs[0] if verbs else None)
    )
    if main is None and aux is not None:
        main = len(words)  # "which proposals did Israel make to Syria": the doer runs to the end
    copula = aux is not None and main is not None and aux < main and words[aux] in _PASSIVE_AUX
    if (aux is None or copula) and main is not None and main < len(words) and words[main] in W.TYPE_WORDS:
        # "the ceasefires the United States brokered", "proposals Israel made to Syria": a clause with no "that",
        # whose names are the doer of the verb after them (the US was read as a side, Israel as the addressee)
        named = {k for m in reading.actors for k in range(m.start, m.end)}
        end = main + 1 + (words[main + 1 : main + 2] in (["that"], ["which"]))  # ("ceasefires that the US ...")
        while end < len(words) and (end in named or words[end] == "the"):
            end += 1
        after = words[end] if end < len(words) else ""
        # (a past verb, "met" and "said" too, but no other event word: "the strikes Israel attacked" is none)
        past = after in _PAST_VERBS or (after.endswith("ed") and after not in W.TYPE_WORDS)
        if end > main + 1 and named & set(range(main + 1, end)) and past:
            main = end
    # "was Israel attacked (by Syria)": the names before the participle are its object; "is Israel attacking
    # Syria" is active
    passive = (
        aux is not None
        and words[aux] in _PASSIVE_AUX
        and not (main is not None and main < len(words) and words[main].endswith("ing"))
    )
    pairs = zip(words, words[1:], strict=False)
    any_role = reading.intent != "who" and any(pair in W.REPRESENT_PHRASES for pair in pairs)
    in_between = False
    previous: Mention | None = None
    for m in reading.actors:
        if m.roles == ("about",) or m.fixed:
            continue
        if (
            m.after in W.TYPE_WORDS
            and getattr(m.place, "kind", None) == "country"
            and (m.before in (None, "the") or m.text.startswith("the "))
            and normalise(m.text.removeprefix("the ")) == normalise(m.actor.name if m.actor else "")
            and not _attack_word(m.after)
        ):  # "the Myanmar coup", "the Sudan talks": a side, or where it was (it named no one: an empty answer)
            m.loose = True
            previous = m
            continue
        # "between X and Y" holds the names coordinated after it, not a later clause's doer ("which agreements
        # between Kosovo and Serbia did the EU mediate")
        listed = m.before in ("and", "or") or (previous is not None and m.start == previous.end)  # "X, Y and Z"
        in_between = m.before == "between" or (in_between and listed)
        spoken_of = previous is not None and previous.roles == ("about",)
        previous = m
        doer_slot = (
            main is not None
            and m.start < main
            and (aux is None or m.start > aux)
            and m.before not in ("against", "on", "in", "at", "to", "of", "from", "with", "for")
        )
        if (
            family == "military-action"
            and not m.loose
            and _attack_word(_next_word(words, m.end))
            and not (passive and doer_slot and _participle(_next_word(words, m.end)))  # "was Israel attacked"
        ):
            m.roles = ("attacker",)  # "Israeli strikes", "US air strikes": whose strikes they are
            continue
        if _next_word(words, m.end) in ("mediation", "mediations") and not m.loose:
            m.roles = ("mediator",)  # "Emirati mediation", "Turkish mediation": whose mediation it is
            continue
        if reading.verb_type == "mediation":
            by_passive = aux is not None and words[aux] in _PASSIVE_AUX and "by" in words
            by_at = m.start - 1 - (m.start >= 2 and words[m.start - 1] == "the")  # where "by" stands, if it does
            reduced = m.before == "by" and by_at >= 1 and words[by_at - 1] in W.MEDIATION_VERBS
            if m.before == "by" and (by_passive or reduced):
                m.roles = ("mediator",)  # "was the ceasefire brokered by the US", "agreements mediated by China"
            elif (
                doer_slot
                and not in_between
                and not by_passive
                and (reading.intent != "who" or reading.focus == "parties")
            ):
                m.roles = ("mediator",)
            else:
                m.roles = ("parties", "participants")
            continue
        if any_role:
            continue  # "how many mediations did Qatar take part in": in any role
        spoken_to = (  # "did Moscow thank the UAE", "which Israeli minister threatened Syria": what it is about
            family == "statement"
            and not doer_slot
            and main is not None
            and m.start > main
            and m.before not in ("with", "between", "to", "in", "at", "on", "for", "by")  # "statements by Akar"
            and (m.before not in ("and", "or") or (listed and spoken_of))  # "congratulated Saudi Arabia and Iran"
        )
        if spoken_to and not m.loose:
            m.roles = ("about",)
            continue
        if m.loose or (reading.focus == "represented" and reading.intent == "who"):
            continue  # "in Syria"; the one acted for (a person acting for it takes part in any role)
        sides = family in ("talks", "agreement", "prisoner-exchange")
        if sides and (m.before == "with" or (doer_slot and not passive)):
            m.roles = ("parties", "participants")  # "what did the Houthis agree with Oman": sides, not go-betweens
        elif m.before in ("to", "of", "from") and family in ("proposal", "demand"):
            m.roles = W.OBJECT_ROLES[family]
        elif m.before == "about":
            m.roles = ("about",)
        elif m.before == "by" and family in W.SUBJECT_ROLES:
            m.roles = W.SUBJECT_ROLES[family]
        elif doer_slot and passive and family in W.OBJECT_ROLES and family != "statement":
            m.roles = W.OBJECT_ROLES[family]
        elif (
            doer_slot
            and not passive
            and family in ("military-action", "statement", "proposal", "demand", "regime-change")
        ):
            m.roles = W.SUBJECT_ROLES[family]
        elif (
            not doer_slot
            and main is not None
            and m.start > main
            and family in W.OBJECT_ROLES
            and family != "statement"
            and m.before not in ("and", "with", "between")
        ):
            m.roles = W.OBJECT_ROLES[family]


def closest_questions(names: list[str], window_text: str | None) -> list[str]:
    """Two questions kb ask can answer, built from the user's own actors and window."""
    when = f" {window_text}" if window_text else ""
    if len(names) >= 2:
        a, b = names[0], names[1]
        return [f"who mediated between {a} and {b}{when}", f"what happened between {a} and {b}{when}"]
    if len(names) == 1:
        return [f"what agreements did {names[0]} sign{when}", f"what did {names[0]} say{when}"]
    return [f"list ceasefires{when or ' in 2025'}", f"what agreements were signed{when or ' in 2025'}"]
