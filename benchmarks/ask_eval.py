"""How well `kb ask` answers the question bank: right, refused, wrong — per split.

    python benchmarks/ask_eval.py [--split tuning|frozen|all] [--show wrong|refused|right] [--json]

The bank (tests/questions/bank.yaml) holds questions written from the 33
development articles, each with what the answer must contain according to
the fact files in examples/. Every fifth question (id divisible by 5) is
the frozen split: score it, never read its answers while tuning (``--show``
refuses to print frozen questions). Each question is asked of a knowledge
base holding every fact file of examples/, with the bank's ``today``.

An answer is *right* when every expectation holds, *refused* when ``kb
ask`` declines (a :class:`~kb.errors.KBError`), and *wrong* otherwise — the
outcome issue 19 allows none of. Names in expectations and answers are
compared as the registry resolves them (a person as themself, "the US" as
United States, an organ of a state such as its armed forces as the state it
represents, as answers roll it up); events as ``article-id/event-id`` of their IRI.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kb import KnowledgeBase  # noqa: E402
from kb.errors import KBError  # noqa: E402
from kb.model.iris import EVENT_PREFIX  # noqa: E402

BANK = ROOT / "tests" / "questions" / "bank.yaml"
EXAMPLES = ROOT / "examples"
SPLITS = ("tuning", "frozen")
EXPECTATIONS = frozenset({"events", "mediators", "who", "answer", "count", "none", "refuse"})
# answer columns that name the actors a question asks "who" about, comma-separated in kb ask's rows
WHO_COLUMNS = ("who", "for_a", "subjects")


@dataclass
class Graded:
    id: int
    split: str
    question: str
    outcome: str  # right / refused / wrong
    detail: str


def load_bank(path: Path = BANK) -> tuple[dt.date, list[dict[str, Any]]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data["today"], data["questions"]


def split_of(question: dict[str, Any]) -> str:
    return "frozen" if question["id"] % 5 == 0 else "tuning"


def event_ref(iri: str) -> str:
    """``article-id/event-id`` of an event IRI (what the bank writes)."""
    return iri[len(EVENT_PREFIX) :] if iri.startswith(EVENT_PREFIX) else iri


def _names(kb: KnowledgeBase, values: list[str]) -> set[str]:
    """Names as the registry (and the store's declared actors) resolves them; unknown ones as written."""
    out = set()
    for v in values:
        try:
            actor = kb.resolve_actor(v)
        except KBError:
            out.add(v.strip().lower())
            continue
        # an organ of a state (its armed forces) counts as the state; a person stays themself
        out |= kb.registry.rolled_up(actor) if actor.type == "organisation" else {actor.key}
    return out


def _split_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    return [part.strip() for part in str(value).replace(";", ",").split(",") if part.strip()]


def reading(answer: Any) -> dict[str, Any]:
    """What an answer says, in the bank's terms: its events, mediators, who, verdict and count."""
    data = answer.to_dict() if hasattr(answer, "to_dict") else dict(answer)
    rows = data.get("rows") or []
    events = {event_ref(str(r["event"])) for r in rows if r.get("event")}
    who = data.get("who")
    if who is None:
        who = [name for r in rows for c in WHO_COLUMNS for name in _split_list(r.get(c))]
    return {
        "events": events,
        "mediators": [str(r["mediator"]) for r in rows if r.get("mediator")],
        "who": who,
        "verdict": data.get("verdict"),
        "count": data.get("count", len(events) if rows else 0),
        "rows": len(rows),
    }


def grade(kb: KnowledgeBase, question: dict[str, Any], today: dt.date) -> Graded:
    expect = question["expect"]
    try:
        said = reading(kb.ask(question["q"], today=today))
    except KBError as exc:
        outcome = "right" if expect.get("refuse") else "refused"
        return Graded(question["id"], split_of(question), question["q"], outcome, str(exc).splitlines()[0])
    if expect.get("refuse"):
        return Graded(question["id"], split_of(question), question["q"], "wrong", "answered outside the data")
    problems = []
    if expect.get("none") and (said["rows"] or said["verdict"] == "yes"):
        problems.append(f"expected nothing found, got {said['rows']} rows")
    if "events" in expect and said["events"] != set(expect["events"]):
        missing = set(expect["events"]) - said["events"]
        extra = said["events"] - set(expect["events"])
        problems.append(f"events: missing {sorted(missing)}, extra {sorted(extra)}")
    if "mediators" in expect and _names(kb, said["mediators"]) != _names(kb, expect["mediators"]):
        problems.append(f"mediators {sorted(set(said['mediators']))}, expected {expect['mediators']}")
    if "who" in expect and _names(kb, said["who"]) != _names(kb, expect["who"]):
        problems.append(f"who {sorted(set(said['who']))}, expected {expect['who']}")
    if "answer" in expect and said["verdict"] != expect["answer"]:
        problems.append(f"verdict {said['verdict']!r}, expected {expect['answer']!r}")
    if "count" in expect and said["count"] != expect["count"]:
        problems.append(f"count {said['count']}, expected {expect['count']}")
    outcome = "wrong" if problems else "right"
    return Graded(question["id"], split_of(question), question["q"], outcome, "; ".join(problems))


def examples_kb() -> KnowledgeBase:
    kb = KnowledgeBase.memory()
    kb.ingest([EXAMPLES])
    return kb


def evaluate(kb: KnowledgeBase | None = None, path: Path = BANK) -> list[Graded]:
    today, questions = load_bank(path)
    kb = kb or examples_kb()
    return [grade(kb, q, today) for q in questions]


def summary(graded: list[Graded]) -> dict[str, dict[str, Any]]:
    out = {}
    for split in (*SPLITS, "all"):
        part = [g for g in graded if split == "all" or g.split == split]
        counts = Counter(g.outcome for g in part)
        out[split] = {
            "questions": len(part),
            **{k: counts.get(k, 0) for k in ("right", "refused", "wrong")},
            "right_rate": counts.get("right", 0) / len(part) if part else 0.0,
        }
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=(*SPLITS, "all"), default="all")
    ap.add_argument("--show", choices=("right", "refused", "wrong"), help="list the tuning split's questions so graded")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    graded = evaluate()
    scores = summary(graded)
    if args.json:
        print(json.dumps(scores, indent=2))
    else:
        print("| split | questions | right | refused | wrong | right rate |")
        print("|---|---|---|---|---|---|")
        for split, s in scores.items():
            if args.split in ("all", split):
                print(f"| {split} | {s['questions']} | {s['right']} | {s['refused']} | {s['wrong']} | "
                      f"{s['right_rate']:.2f} |")
    if args.show:
        for g in graded:
            if g.outcome == args.show and g.split == "tuning":  # the frozen split is scored, never shown
                print(f"{g.id:4} {g.question}\n       {g.detail}")


if __name__ == "__main__":
    main()
