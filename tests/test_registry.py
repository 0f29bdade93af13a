"""The generated state list is what its generator makes from the maintained packages."""

from __future__ import annotations

from kb.data import build_registry


def test_states_yaml_is_current():
    assert build_registry.OUTPUT.read_text(encoding="utf-8") == build_registry.build(), (
        "kb/data/states.yaml is stale: run python -m kb.data.build_registry")
