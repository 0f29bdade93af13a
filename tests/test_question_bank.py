"""The kb ask question bank (tests/questions/bank.yaml): well-formed, and answered at least as well as measured.

Issue 19's targets are >= 95 % right on the tuning split, >= 85 % on the frozen split and no wrong answer;
the floors below are what the understander reached when it was last measured (BENCHMARKS.md), so a change
that answers worse fails here. The frozen split's answers are scored, never printed.
"""

from __future__ import annotations

import sys

from helpers import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from ask_eval import EXPECTATIONS, evaluate, event_ref, load_bank, split_of, summary  # noqa: E402

# frozen: 84/101 right and 10 wrong since session 9 added 250 questions (its first 51 stay at 42 right, 5 wrong);
# 93/111 and 7 wrong after session 10's first 50 (a window vague dates may or may not reach is a refusal, not
# "no"); its third batch's five frozen questions scored 3 right / 1 refused / 1 wrong (the 111 before them
# unchanged), so 96/116 and 8 wrong; after the fourth batch (its five frozen all right, and one earlier frozen
# answer no longer wrong) 102/121 and 7 wrong. Session 11's two batches (606-655) added ten frozen questions:
# 6 right, 3 refused, 1 wrong; a country after "in" whose events name neither it nor a place became a refusal,
# which took two earlier frozen answers from wrong to refused: 108/131 (0.824) and 6 wrong; the third batch
# (656-680) five frozen, all right: 113/136 (0.831) and 6 wrong; the fourth (681-705) five frozen, all right:
# 118/141 (0.837) and 6 wrong; "peace" before an agreement noun must be in the sources' words (it answered
# "yes" to a peace treaty between Israel and Syria), which made one frozen answer a refusal: 117/141 (0.830)
# Probing with questions outside the bank then found silent wrong answers (negations, "confirmed", "before the
# ceasefire" dropped, comparisons, titles); after those rules one frozen answer went from wrong to right: 118/141
# The fifth batch (706-730), aimed at imperatives and persons' parts, scored 2 right / 1 refused / 2 wrong on its
# five frozen questions at first; after its tuning rules 120/146 (0.822) and 6 wrong
# Session 12's sixth batch (731-780), first run: tuning 20/40 right and 7 wrong, frozen 7/10 right, 0 wrong. After its
# tuning rules (no-role verbs refused, outcomes of talks, vague dates answered with a caveat, passive attacks, "which
# forces", "ended the war") tuning 588/624 (0.942, was 0.95 before the 40 new ones) and 0 wrong; frozen 130/156
# (0.833) and 6 wrong — the floor for tuning is what it reaches, below issue 19's 0.95
# Session 13's batch (781-830), first run: tuning 21/40 right and 3 wrong, frozen 5/10 right and 1 wrong. After its
# tuning rules and rules found by probing: tuning 631/664 (0.950) and 0 wrong; frozen 138/166 (0.831) and 6 wrong
# session 14 (rules found by probing new shapes and by rephrasing the tuning questions; bank unchanged): tuning
# 632/664 (0.952) and 0 wrong; frozen 140/166 (0.843) and 3 wrong. Session 16 (the Sudanese army represents Sudan,
# a named event's summary phrases, "which minister"; the grader counts an organ of a state as the state): tuning
# 635/664 (0.956) and 0 wrong; frozen 142/166 (0.855) and 3 wrong. Session 17 (passives, "do the sources say",
# terse role nouns, clauses without "that", every window form): tuning 636/664 (0.958), frozen 143/166 (0.861), 3 wrong
FLOORS = {"tuning": {"right": 0.95, "wrong": 0}, "frozen": {"right": 0.85, "wrong": 3}}


def test_the_bank_is_well_formed(kb_all_examples):
    today, questions = load_bank()
    assert len(questions) >= 250
    assert [q["id"] for q in questions] == list(range(1, len(questions) + 1))
    assert sum(split_of(q) == "frozen" for q in questions) >= len(questions) // 5
    rows = kb_all_examples.query("SELECT DISTINCT ?e WHERE { ?c ckb:claimOf ?e }").rows
    stored = {event_ref(r["e"].value) for r in rows}
    for q in questions:
        expect = q["expect"]
        assert expect and set(expect) <= EXPECTATIONS, q["id"]
        for ref in expect.get("events", []):
            assert ref in stored, (q["id"], ref)  # every expected event is in the examples
        for name in expect.get("mediators", []) + expect.get("who", []):
            kb_all_examples.resolve_actor(name)  # every expected name is known
    assert {q["q"] for q in questions}.__len__() == len(questions)  # no question twice


def test_the_bank_is_answered_at_least_as_well_as_measured(kb_all_examples):
    scores = summary(evaluate(kb_all_examples))
    for split, floor in FLOORS.items():
        s = scores[split]
        assert s["right_rate"] >= floor["right"], (split, s)
        assert s["wrong"] <= floor["wrong"], (split, s)
