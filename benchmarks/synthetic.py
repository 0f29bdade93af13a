"""Seeded synthetic fact files: realistic shapes, many events, no real claims.

Used by the benchmarks only. Actors are drawn Zipf-skewed from the bundled
registry, dates are a mix of exact days, months, spans and open spans, and
every event type appears.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

from kb.model.actors import Registry

TYPES = ["talks", "mediation", "agreement", "military-action", "ceasefire", "statement", "proposal", "demand",
         "regime-change"]
SUBTYPES = [None, "airstrike", "ground-incursion", "occupation", "shelling"]


def _zipf_choice(rng: random.Random, items: list[str], s: float = 1.1) -> str:
    weights = [1 / (i + 1) ** s for i in range(len(items))]
    return rng.choices(items, weights)[0]


def _date(rng: random.Random, published: dt.date) -> str:
    day = published - dt.timedelta(days=rng.randint(0, 60))
    kind = rng.random()
    if kind < 0.55:
        return day.isoformat()
    if kind < 0.75:
        return f"{day.year:04d}-{day.month:02d}"
    if kind < 0.85:
        return f"since {day.year:04d}-{day.month:02d}"
    if kind < 0.95:
        return f"{day.isoformat()}..{published.isoformat()}"
    return str(day.year)


def _event(rng: random.Random, i: int, published: dt.date, states: list[str], people: list[str]) -> dict:
    kind = rng.choice(TYPES)
    a, b, c = rng.sample(states, 3)
    if kind in ("talks", "mediation", "military-action") and rng.random() < 0.2:
        a, b = "Israel", "Syria"  # one well-known pair, so pair queries have answers
        c = rng.choice([s for s in states if s not in (a, b)])
    ev: dict = {"id": f"e{i}", "type": kind, "date": _date(rng, published), "quote": f"Synthetic sentence {i}."}
    if kind in ("talks", "mediation", "agreement", "ceasefire"):
        ev["parties"] = [a, b]
    if kind == "mediation":
        ev["mediator"] = c
        ev["participants"] = rng.sample(people, 2)
    if kind == "military-action":
        ev["attacker"], ev["target"] = a, b
        sub = rng.choice(SUBTYPES)
        if sub:
            ev["subtype"] = sub
    if kind == "statement":
        ev["speaker"] = a
    if kind in ("proposal", "demand"):
        ev["proposer"], ev["addressee"] = a, b
    if kind == "regime-change":
        ev["subject"] = a
    if rng.random() < 0.5:
        ev["place"] = rng.choice(["Paris", "Baku", "London", "Damascus", "Geneva", "Doha", "Cairo"])
    return ev


def write_fact_files(folder: Path, events: int, *, per_file: int = 100, seed: int = 7) -> list[Path]:
    """Write ``events`` synthetic events as JSON fact files of ``per_file`` events each."""
    rng = random.Random(seed)
    registry = Registry.bundled()
    states = [a.name for a in registry if a.type in ("state", "organisation", "armed-group")]
    people = [a.name for a in registry if a.type == "person"]
    rng.shuffle(states)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for f in range((events + per_file - 1) // per_file):
        published = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randint(0, 6 * 365))
        n = min(per_file, events - f * per_file)
        doc = {
            "article": {"id": f"synthetic-{f:06d}", "title": f"Synthetic article {f}", "publisher": "Synthetic Wire",
                        "published": published.isoformat()},
            "events": [_event(rng, i, published, states, people) for i in range(n)],
        }
        # Zipf skew: the first names in `states` take part far more often
        for ev in doc["events"]:
            for role in ("parties",):
                if role in ev and rng.random() < 0.6:
                    first = _zipf_choice(rng, states)
                    if first not in ev[role]:
                        ev[role][0] = first
        path = folder / f"synthetic-{f:06d}.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        paths.append(path)
    return paths


def _names(rng: random.Random, registry: Registry, actors: int) -> list[str]:
    real = [a.name for a in registry if a.type in ("state", "organisation", "armed-group")]
    names = (real + [f"Synthetic Group {i:04d}" for i in range(max(actors - len(real), 0))])[:actors]
    rng.shuffle(names)
    return names


def zipf_ranked(actors: int = 2000, seed: int = 7) -> list[str]:
    """The actor names of ``write_jsonl(..., actors, seed)``, most frequent first (before Israel–Syria)."""
    return _names(random.Random(seed), Registry.bundled(), actors)


def write_jsonl(path: Path, events: int, *, per_article: int = 10, actors: int = 2000, seed: int = 7) -> Path:
    """``events`` synthetic events as JSON Lines, over ``actors`` Zipf-skewed actor names.

    The actors are written beside it as a registry file (``<path>.actors.yaml``) for the store's
    actors.yaml, so names resolve; each article is given in full on its first line, then by id.
    """
    rng = random.Random(seed)
    registry = Registry.bundled()
    names = _names(rng, registry, actors)
    people = [a.name for a in registry if a.type == "person"]
    extra = [n for n in names if n.startswith("Synthetic")]
    path.with_suffix(".actors.yaml").write_text(
        "".join(f"- {{name: {n}, type: armed-group}}\n" for n in extra), encoding="utf-8")
    weights = [1 / (i + 1) ** 1.1 for i in range(len(names))]
    with path.open("w", encoding="utf-8") as out:
        for a in range((events + per_article - 1) // per_article):
            published = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randint(0, 6 * 365))
            article = {"id": f"s{a:07d}", "title": f"Synthetic article {a}", "publisher": f"Wire {a % 50}",
                       "published": published.isoformat()}
            for i in range(min(per_article, events - a * per_article)):
                trio = list(dict.fromkeys(rng.choices(names, weights, k=6)))[:3]
                while len(trio) < 3:
                    trio.append(rng.choice(names))
                    trio = list(dict.fromkeys(trio))
                ev = _event(rng, i, published, trio + [n for n in rng.sample(names, 3) if n not in trio], people)
                ev["article"] = article if i == 0 else article["id"]
                out.write(json.dumps(ev) + "\n")
    return path
