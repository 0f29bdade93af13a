"""Resolve the names people use ("U.S.", "Damascus", "al Sharaa") to actors.

The registry is the bundled list in ``kb/data/actors.yaml`` plus whatever a
fact file's ``actors:`` block declares. Names are compared after folding case,
diacritics and punctuation, so "Ahmed al Sharaa" and "Ahmed al-Sharaa" are
one key; a name that matches nothing raises :class:`~kb.errors.ActorError`
with the closest known names, and one that matches two actors lists both.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from .errors import ActorError

__all__ = ["Actor", "Registry", "ACTOR_TYPES", "normalise", "slug"]

ACTOR_TYPES = ("state", "organisation", "armed-group", "person")


def normalise(name: str) -> str:
    """The key a name is matched by: no case, accents, dots or dashes.

    >>> normalise("U.S.") == normalise("US")
    True
    >>> normalise("Ahmed al-Sharaa") == normalise("ahmed al sharaa")
    True
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"['’‘`.]", "", text)
    text = re.sub(r"[^\w]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def slug(name: str) -> str:
    """A readable, stable IRI segment: ``"Ahmed al-Sharaa"`` → ``ahmed-al-sharaa``."""
    return normalise(name).replace(" ", "-") or "unnamed"


@dataclass(frozen=True)
class Actor:
    """One actor as the registry knows it; ``represents`` is another actor's name."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    title: str | None = None
    represents: str | None = None
    iso: str | None = None
    declared_in: str | None = field(default=None, compare=False)

    @property
    def key(self) -> str:
        return slug(self.name)


class Registry:
    """Names and aliases of known actors, looked up case- and accent-blind."""

    def __init__(self, actors: list[Actor] | tuple[Actor, ...] = ()) -> None:
        self._actors: dict[str, Actor] = {}
        self._index: dict[str, set[str]] = {}
        for actor in actors:
            self.add(actor)

    @classmethod
    def bundled(cls) -> "Registry":
        """A fresh copy of the bundled registry (callers may add to it)."""
        return cls(_bundled_actors())

    def __iter__(self):
        return iter(self._actors.values())

    def __len__(self) -> int:
        return len(self._actors)

    def add(self, actor: Actor) -> None:
        """Add or replace an actor; its name and aliases all become keys."""
        if actor.type not in ACTOR_TYPES:
            raise ActorError(f"unknown actor type '{actor.type}'; expected one of {', '.join(ACTOR_TYPES)}")
        old = self._actors.get(actor.key)
        if old is not None:
            # A fact file re-declaring a known person keeps the registry's aliases.
            actor = Actor(actor.name, actor.type, tuple(dict.fromkeys(old.aliases + actor.aliases)),
                          actor.title or old.title, actor.represents or old.represents,
                          actor.iso or old.iso, actor.declared_in)
        self._actors[actor.key] = actor
        for alias in (actor.name, *actor.aliases):
            self._index.setdefault(normalise(alias), set()).add(actor.key)

    def get(self, key: str) -> Actor:
        return self._actors[key]

    def resolve(self, name: str) -> Actor:
        """The one actor ``name`` means, or an :class:`ActorError` saying why not.

        >>> Registry.bundled().resolve("U.S.").name
        'United States'
        """
        if not isinstance(name, str) or not name.strip():
            raise ActorError("an actor name must be a non-empty string")
        keys = self._index.get(normalise(name), set())
        if len(keys) == 1:
            return self._actors[next(iter(keys))]
        if keys:
            names = sorted(self._actors[k].name for k in keys)
            raise ActorError(f"'{name}' is ambiguous: it could be {' or '.join(names)}; use the full name")
        close = difflib.get_close_matches(normalise(name), list(self._index), n=3, cutoff=0.75)
        hint = ""
        if close:
            suggestions = sorted({self._actors[k].name for c in close for k in self._index[c]})
            hint = f"; did you mean {' or '.join(repr(s) for s in suggestions)}?"
        raise ActorError(f"unknown actor '{name}'{hint} (declare it in the file's actors: block)")


@lru_cache(maxsize=1)
def _bundled_actors() -> tuple[Actor, ...]:
    text = resources.files("kb.data").joinpath("actors.yaml").read_text(encoding="utf-8")
    return tuple(
        Actor(
            name=item["name"],
            type=item["type"],
            aliases=tuple(item.get("aliases", ())),
            title=item.get("title"),
            represents=item.get("represents"),
            iso=item.get("iso"),
        )
        for item in yaml.safe_load(text)
    )
