"""kb ask: each question form in at least five phrasings, the refusals, and the SPARQL it shows."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from kb import KBError
from kb.ask.grammar import FORMS

TODAY = dt.date(2026, 11, 26)
PARIS = "https://w3id.org/conflict-kb/id/event/washington-examiner-2026-01-06/paris-talks"

# form -> phrasings that must all give the same answer
PHRASINGS = {
    "mediated": [
        "who mediated Israel–Syria talks after Dec 2024",
        "Who mediated the Israeli-Syrian talks after December 2024?",
        "who mediated talks between Israel and Syria after 2024-12",
        "who brokered the Israel-Syria talks after Dec 2024",
        "who mediated Israel and Syria talks after 2024-12",
        "who mediated the US-ally Israel–Syrian Arab Republic talks after Dec 2024".replace("US-ally ", ""),
        "who mediated Israel/Syria talks after last year".replace("last year", "2024-12"),
    ],
    "agreements": [
        "what agreements did Israel and Syria reach since 2025",
        "What agreements did Israel and Syria sign since 2025?",
        "which agreements did the State of Israel and Syria reach since January 2025",
        "what deals did Israel and Damascus reach since 2025",
        "which agreements have Israel and the Syrian Arab Republic reached since 2025-01",
    ],
    "military": [
        "which airstrikes did Israel carry out in Syria",
        "Which air strikes did Israel carry out against Syria?",
        "what airstrikes did the State of Israel carry out in the Syrian Arab Republic",
        "which airstrikes did Israel launch against Syria",
        "which airstrikes has Israel carried out in Syria",
    ],
    "where": [
        "where did Israel and Syria meet in 2025",
        "Where did Israel and Syria hold talks in 2025?",
        "where did Israel and Damascus meet during 2025",
        "where did the State of Israel and Syria talk in 2025",
        "where have Israel and Syria met in 2025",
    ],
    "represented": [
        "who represented Israel in talks with Syria",
        "Who represented Israel in the talks with Syria?",
        "who spoke for Israel in talks with Syria",
        "who represented the State of Israel in negotiations with Syria",
        "who represented Israel in talks with the Syrian Arab Republic",
    ],
    "last": [
        "when did Israel and Syria last meet",
        "When did Israel and Syria last hold talks?",
        "when was the last meeting between Israel and Syria",
        "when did the State of Israel and Syria last meet",
        "when have Israel and Syria last met",
    ],
    "first": [
        "when did Israel and Syria first meet",
        "When did Israel and Syria first hold talks?",
        "when was the first meeting between Israel and Syria",
        "when did Israel and Damascus first meet",
        "when did the State of Israel and Syria first talk",
    ],
    "happened": [
        "what happened between Israel and Syria since 2026",
        "What happened between Israel and Syria since January 2026?",
        "what has happened between Israel and Syria since 2026-01",
        "what went on between Israel and Syria since 2026",
        "what happened between the State of Israel and Damascus since 2026",
    ],
    "proposed": [
        "who proposed what to whom",
        "Who proposed what to whom?",
        "who suggested what to whom",
        "who offered what",
        "who proposed what",
    ],
    "demanded": [
        "who demanded what to whom",
        "who demanded what from whom",
        "Who called for what?",
        "who asked for what of whom",
        "who demanded what",
    ],
}
EXPECTED = {
    "mediated": ("mediator", {"United States"}),
    "agreements": ("agreement", {"proposed security agreement between Israel and Syria",
                                 "joint fusion mechanism (dedicated communication cell)",
                                 "Netanyahu and al-Sharaa agree to a US-backed ceasefire, as announced by Tom Barrack"}),
    "where": ("place", {"Baku", "Paris", "London"}),
    "represented": ("for_a", {"Ron Dermer", "Gil Reich, Roman Gofman, Yechiel Leiter"}),
    "last": ("when", {"2026-01-05..2026-01-06"}),
    "proposed": ("who", {"Israel", "United States"}),
    "demanded": ("who", {"Ahmed al-Sharaa", "Syria"}),
}


@pytest.mark.parametrize("form", PHRASINGS)
def test_every_phrasing_of_a_form_gives_the_same_answer(kb_examples, form):
    answers = [kb_examples.ask(q, today=TODAY) for q in PHRASINGS[form]]
    assert len(PHRASINGS[form]) >= 5
    assert {a.form for a in answers} == {"proposed" if form == "demanded" else form}
    first = answers[0]
    assert first.rows, f"{form}: no answer on the examples"
    for other in answers[1:]:
        assert other.rows == first.rows, other.question
    if form in EXPECTED:
        column, values = EXPECTED[form]
        assert {r[column] for r in first.rows} == values


def test_the_founding_question(kb_examples):
    answer = kb_examples.ask("who mediated Israel–Syria talks after Dec 2024", today=TODAY)
    [paris] = [r for r in answer.rows if r["event"] == PARIS]
    assert (paris["mediator"], paris["place"]) == ("United States", "Paris")
    assert paris["via"] == "Jared Kushner, Steve Witkoff, Tom Barrack"
    assert "2026-01-06" in paris["when"]
    assert set(paris["sources"].split("; ")) >= {"Washington Examiner", "Al Jazeera"}


def test_windows_follow_the_time_rules(kb_examples):
    after = kb_examples.ask("who mediated Israel–Syria talks after Dec 2025", today=TODAY)
    assert {r["event"] for r in after.rows} == {PARIS, PARIS.replace("paris-talks", "communication-cell")}
    assert kb_examples.ask("who mediated Israel–Syria talks after 2026-02", today=TODAY).rows == []
    between = kb_examples.ask("who mediated Israel–Syria talks between July 2025 and August 2025", today=TODAY)
    assert {r["label"] for r in between.rows} == {"Shaibani and Dermer meet in Paris",
                                                  "Netanyahu and al-Sharaa agree to a US-backed ceasefire, as "
                                                  "announced by Tom Barrack"}
    last_year = kb_examples.ask("who mediated Israel–Syria talks in last year", today=dt.date(2026, 3, 1))
    assert last_year.bound["window"] == "in last year" and len(last_year.rows) == 3  # the 2025 rounds


def test_the_shown_sparql_runs_as_is(kb_examples):
    answer = kb_examples.ask("what agreements did Israel and Syria reach since 2025", today=TODAY)
    again = kb_examples.query(answer.sparql)
    assert [r["event"].value for r in again.rows] == [r["event"] for r in answer.rows]
    assert [r["agreement"].value for r in again.rows] == [r["agreement"] for r in answer.rows]
    assert "<https://w3id.org/conflict-kb/id/actor/israel>" in answer.sparql
    assert '"2025-01-01"^^<http://www.w3.org/2001/XMLSchema#date>' in answer.sparql


@pytest.mark.parametrize("question,message", [
    ("how many tanks does Syria have", "matches none of the question forms"),
    ("who mediated the Atlantis–Syria talks", "cannot read two actors in 'atlantis-syria'"),
    ("what agreements did Israel and Atlantis reach", "unknown actor 'atlantis'"),
    ("who mediated Israel–Syria talks after soon", "in 'after soon': cannot resolve 'soon'"),
    ("what happened between Israel and Israel", "'Israel' twice"),
    ("", "matches none of the question forms"),
    ('who mediated the Israel–Syria"} ; DROP ALL ; {" talks', "cannot read two actors"),
])
def test_refusals(kb_examples, question, message):
    with pytest.raises(KBError, match=message.replace("(", r"\(").replace(")", r"\)")):
        kb_examples.ask(question, today=TODAY)


def test_refusal_lists_the_closest_forms(kb_examples):
    with pytest.raises(KBError) as info:
        kb_examples.ask("who negotiated the Israel–Syria deal", today=TODAY)
    suggestions = str(info.value).splitlines()[1:4]
    assert all(s.strip() in {f.example for f in FORMS} for s in suggestions)


def test_cli(run, ingested):
    table = run("ask", "who mediated Israel–Syria talks after Dec 2024")
    assert table.exit_code == 0 and table.output.startswith("mediator")
    shown = run("ask", "when did Israel and Syria last meet", "--show-sparql")
    assert shown.output.startswith("# ask/meetings.rq")
    assert "(<https://w3id.org/conflict-kb/id/actor/israel> AS ?a)" in shown.output  # bound as RDF terms
    sparql = json.loads(run("ask", "when did Israel and Syria last meet", "--format", "json").output)["sparql"]
    assert shown.output.startswith(sparql.rstrip("\n") + "\n")  # what ran, then the answer's table
    again = json.loads(run("query", sparql, "--format", "json").output)
    assert again["results"]["bindings"], "the printed query runs and answers"
    data = json.loads(run("ask", "who represented Israel in talks with Syria", "--format", "json").output)
    assert data["form"] == "represented" and data["bound"] == {"a": "Israel", "b": "Syria"}
    refused = run("ask", "how many tanks does Syria have")
    assert refused.exit_code == 1 and refused.output.startswith("error: cannot answer")
