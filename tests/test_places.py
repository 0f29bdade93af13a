"""Places: a gazetteer with countries and cities, and --place finding cities by country."""

from __future__ import annotations

import pytest

from kb import KnowledgeBase
from kb.model.actors import Registry
from kb.model.places import Gazetteer

GAZ = Gazetteer(Registry.bundled())


@pytest.mark.parametrize("text,kind,name,country", [
    ("Paris", "city", "Paris", "France"),
    ("Damascus", "city", "Damascus", "Syria"),  # a capital named alone is the city, not the state
    ("Damascus, United States", "city", "Damascus", "United States"),
    ("Baku", "city", "Baku", "Azerbaijan"),
    ("Sweida", "city", "As-Suwayda", "Syria"),
    ("London", "city", "London", "United Kingdom"),
    ("Tel Aviv", "city", "Tel Aviv", "Israel"),
    ("Syria", "country", "Syria", "Syria"),
    ("Syrian Arab Republic", "country", "Syria", "Syria"),
    ("France", "country", "France", "France"),
    ("Mount Hermon", "unknown", "Mount Hermon", None),
])
def test_gazetteer(text, kind, name, country):
    place = GAZ.resolve(text)
    assert (place.kind, place.name, place.country.name if place.country else None) == (kind, name, country)


def test_cities_have_coordinates():
    paris = GAZ.resolve("Paris")
    assert (round(paris.latitude), round(paris.longitude), paris.geonames_id) == (49, 2, 2988507)


def test_timeline_place_france_lists_the_paris_talks(kb_examples):
    events = kb_examples.timeline(place="France")
    assert [e.id for e in events] == ["today-headline-2025-07-30/paris-meeting",
                                      "washington-examiner-2026-01-06/paris-talks"]
    assert [e.id for e in kb_examples.timeline(place="Paris")] == [e.id for e in events]
    assert [e.id for e in kb_examples.timeline(place="Baku")] == ["syrian-observer-2025-07-16/baku-meeting"]
    syria = {e.id for e in kb_examples.timeline(place="Syria", include_uncertain=True)}
    assert {"washington-examiner-2026-01-06/israeli-attacks", "signal-scv-2025-07-16/damascus-strike",
            "signal-scv-2025-07-16/sweida-strike"} <= syria  # the country's own place and its cities
    assert "today-headline-2025-07-30/paris-meeting" not in syria


def test_cli_place(run, ingested):
    assert "Paris" in run("timeline", "--place", "France").output
    assert run("timeline", "--place", "Germany").output == "no events match\n"


def test_unknown_place_is_kept_with_a_warning(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("article: {title: T, publisher: P, published: 2025-09-18}\n"
                    "events:\n  - {id: hermon, type: military-action, subtype: occupation, date: December 2024,\n"
                    "     attacker: Israel, place: Mount Hermon, quote: q}\n", encoding="utf-8")
    kb = KnowledgeBase.memory()
    report = kb.ingest([path])
    assert report.warnings == [f"{path}: event 1 (hermon): place: 'Mount Hermon' is not in the gazetteer; "
                               "kept as a label"]
    [event] = kb.timeline(place="Mount Hermon")
    assert event.place == "Mount Hermon"


def test_place_triples(kb_examples):
    nt = kb_examples.export("nt").decode()
    assert ("<https://w3id.org/conflict-kb/id/place/paris-fr> <https://w3id.org/conflict-kb/ontology#country> "
            "<https://w3id.org/conflict-kb/id/actor/france>") in nt
    assert "<https://sws.geonames.org/2988507/>" in nt


@pytest.mark.parametrize("text,name,country", [
    ("North Darfur", "North Darfur", "Sudan"), ("Ituri", "Ituri", "DR Congo"), ("Kachin", "Kachin", "Myanmar"),
    ("North Gaza, Palestine", "North Gaza", "Palestine"),
])
def test_regions_beyond_cities(text, name, country):
    place = Gazetteer(Registry.bundled()).resolve(text)
    assert (place.kind, place.name, place.country.name) == ("region", name, country)


def test_a_region_in_a_timeline_counts_for_its_country(tmp_path):
    from kb import KnowledgeBase

    path = tmp_path / "darfur.yaml"
    path.write_text("""article: {id: darfur, title: T, publisher: P, published: 2024-05-10}
events:
  - {id: x, type: military-action, date: 2024-05-09, place: North Darfur, attacker: Sudan, quote: "Fighting."}
""", encoding="utf-8")
    kb = KnowledgeBase.memory()
    assert kb.ingest([path]).warnings == []
    assert [e.place for e in kb.timeline(place="Sudan")] == ["North Darfur"]


def test_the_city_index_is_cached_and_rebuilt_when_damaged(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    probe = ("from kb.model.places import Gazetteer; from kb.model.actors import Registry; "
             "print(Gazetteer(Registry.bundled()).resolve('Damascus').key)")

    def run() -> str:
        return subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True,
                              check=True).stdout.strip()

    assert run() == "damascus-sy"
    [cache] = (tmp_path / "conflict-kb").glob("cities-*")
    assert cache.suffix == ".sqlite"
    cache.write_bytes(b"not a city index")
    assert run() == "damascus-sy"
    assert cache.read_bytes()[:16] == b"SQLite format 3\x00"  # rebuilt whole
    assert not list((tmp_path / "conflict-kb").glob("*.tmp"))  # no temporary file left
    # where the cache cannot be written (its folder would be under a file), the index is built in memory
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    env["XDG_CACHE_HOME"] = str(blocker / "cache")
    assert run() == "damascus-sy"
