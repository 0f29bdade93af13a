"""--since/--until/--after/--before at day, month and year precision, certain and uncertain.

Each case lists the events certainly inside the window and those whose
uncertain bounds straddle it (shown only with include_uncertain, marked ~).
The same table is worked through in the README.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from kb import KnowledgeBase

from helpers import FIXTURES

FIXTURE = FIXTURES / "vague-dates.yaml"

# window -> (certain, uncertain), by event-id letter
CASES = {
    "since=2024-12": ("a b c h i", "d e f g"),
    "after=2024-12": ("c h i", "e f g"),
    "since=2024-12-15": ("a c h i", "b d e f g"),
    "after=2024-12-15": ("c h i", "b d e f g"),
    "until=2024": ("a b d", "e f g"),
    "before=2025": ("a b d", "e f g"),
    "before=2024-12": ("", "d e f g"),
    "until=2024-12-15": ("a", "b d e f g"),
    "since=2025,until=2025": ("c h i", "e f g"),
    "after=2024,before=2025-04": ("h i", "c e f g"),
}


def _window(spec: str) -> dict[str, str]:
    return dict(part.split("=") for part in spec.split(","))


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    kb = KnowledgeBase.memory()
    kb.ingest([FIXTURE])
    return kb


def _letters(events) -> str:
    return " ".join(sorted(e.id.rsplit("/", 1)[1][0] for e in events))


@pytest.mark.parametrize("spec", CASES)
def test_window_library(kb, spec):
    certain, uncertain = CASES[spec]
    window = _window(spec)
    assert _letters(kb.timeline(**window)) == certain
    both = kb.timeline(**window, include_uncertain=True)
    assert _letters(both) == " ".join(sorted((certain + " " + uncertain).split()))
    assert _letters(e for e in both if not e.certain) == uncertain


@pytest.mark.parametrize("spec", ["since=2024-12", "after=2024-12", "until=2024-12-15"])
def test_window_cli_marks_uncertain_rows(run, spec):
    run("ingest", FIXTURE)
    certain, uncertain = CASES[spec]
    args = [a for k, v in _window(spec).items() for a in (f"--{k}", v)]
    events = json.loads(run("timeline", *args, "--include-uncertain", "--format", "json").output)
    assert {e["id"].rsplit("/", 1)[1][0] for e in events if not e["certain"]} == set(uncertain.split())
    table = run("timeline", *args, "--include-uncertain").output
    assert sum(line.startswith("~") for line in table.splitlines()) == len(uncertain.split())


def test_mediators_use_the_same_window_semantics(tmp_path):
    mediated = tmp_path / "mediated.yaml"
    mediated.write_text(FIXTURE.read_text(encoding="utf-8").replace("type: talks,", "type: mediation, mediator: US,"),
                        encoding="utf-8")
    kb = KnowledgeBase.memory()
    kb.ingest([mediated])
    for spec, (certain, uncertain) in CASES.items():
        [answer] = kb.mediators("Israel", "Syria", **_window(spec), include_uncertain=True) or [None]
        if answer is None:
            assert not (certain + uncertain).strip(), spec
            continue
        got = sorted((e.id.rsplit("/", 1)[1][0], e.certain) for e in answer.events)
        want = sorted([(c, True) for c in certain.split()] + [(u, False) for u in uncertain.split()])
        assert got == want, spec
        strict = kb.mediators("Israel", "Syria", **_window(spec))
        assert sorted(e.id.rsplit("/", 1)[1][0] for a in strict for e in a.events) == certain.split()


def test_order_is_earliest_begin_then_exact_before_vague(kb):
    events = kb.timeline(include_uncertain=True)
    keys = [e.start or dt.date.min for e in events]
    assert keys == sorted(keys)
    dec = [e.id.rsplit("/", 1)[1] for e in events if e.start and e.start.isoformat() == "2024-12-01"]
    assert dec == ["b-month"]
    jan = [e.id.rsplit("/", 1)[1] for e in events if e.start and e.start.isoformat() == "2025-01-01"]
    assert jan == ["h-new-year", "i-q1", "c-year"]  # day, part of year, year
