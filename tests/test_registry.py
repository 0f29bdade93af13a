"""The generated state list is what its generator makes from the maintained packages."""

from __future__ import annotations

import pytest

from kb.model.actors import Registry
from kb.errors import ActorError
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
    ("PRC", "China"), ("ROK", "South Korea"), ("FYROM", "North Macedonia"),
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

    for state in (a for a in registry if a.type == "state"):
        code = pycountry.countries.get(alpha_2=state.iso).alpha_3
        assert registry.resolve(code).key == state.key, code
