"""Actors in a sentence, for ``kb extract``: registry names found in text, longest first, never ambiguous."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.model.actors import COMBINING_FORMS, Actor, Registry, normalise

__all__ = ["Mention", "ActorFinder"]

# -- actors in a sentence ---------------------------------------------------

_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\w+(?:[’']\w+)*")
_NAME_PARTICLES = {"al", "el", "bin", "ibn", "abu", "de", "van", "von"}
PAIR = re.compile(
    r"\b(?:both (?:sides|countries|nations|parties|governments)|the (?:two )?(?:sides|countries|nations|"
    r"parties|governments|neighbou?rs))\b",
    re.I,
)
STATE_LIKE = ("state", "organisation", "armed-group")


@dataclass
class Mention:
    actor: Actor
    start: int
    end: int
    text: str


def _code_in_lower_case(actor: Actor, text: str) -> bool:
    """ "Mar" in "Mar-a-Lago" is not MAR (Morocco): a name that matches only a code written in capitals
    ("MAR", "COD", "UAE") must be written in capitals too."""
    key = normalise(text)
    written = [a for a in (actor.name, *actor.aliases) if normalise(a) == key]
    return bool(written) and all(a.isupper() for a in written) and not text.isupper()


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
                    for candidate in (text, re.sub(r"[’'ʼ]s$", "", text)):
                        found = self.registry.candidates(candidate)
                        if len(found) == 1 and not _code_in_lower_case(found[0], candidate):
                            hit = Mention(found[0], tokens[i].start(), tokens[j].end(), text)
                            break
                    if hit:
                        break
                word = tokens[i].group()
                if hit is None and word.lower() in COMBINING_FORMS and sentence[tokens[i].end() :][:1] in "-‐–":
                    # "Indo-Pakistani talks": a combining form before a hyphen names its state
                    actor = self.registry.resolve_first_of_compound(word)
                    hit = Mention(actor, tokens[i].start(), tokens[i].end(), word)
            # "met in Paris", "in Baku, Azerbaijan": a place here, not an actor
            place_here = bool(
                hit
                and hit.actor.type == "state"
                and (
                    (
                        # ("thanks to Qatar’s mediation", "due to Qatar’s efforts": no place)
                        re.search(
                            r"\b(?:in|at|near|from|(?<![Tt]hanks )(?<![Dd]ue )to)\s+$",
                            sentence[: hit.start],
                        )
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
