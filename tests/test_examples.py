"""The bundled examples: faithful to their articles, and answering the founding question."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import yaml

from kb import KnowledgeBase

from helpers import ALL_EXAMPLES, ARTICLES, EXAMPLES, SEED

FACT_FILES = sorted(EXAMPLES.glob("*.yaml"))
ALL_FACT_FILES = sorted(ALL_EXAMPLES.rglob("*.yaml"))  # with examples/world: twenty other conflicts


def _quotes(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for event in data["events"]:
        quotes = event["quote"] if isinstance(event["quote"], list) else [event["quote"]]
        for q in quotes:
            yield event.get("id"), q


@pytest.mark.parametrize("path", ALL_FACT_FILES, ids=[p.name for p in ALL_FACT_FILES])
def test_every_quote_is_one_verbatim_sentence_of_its_article(path):
    if not ARTICLES.is_dir():
        pytest.skip(f"the shared articles are not beside this checkout ({ARTICLES})")
    article = ARTICLES / (path.stem + ".txt")
    text = re.sub(r"\s+", " ", article.read_text(encoding="utf-8"))
    for event_id, quote in _quotes(path):
        assert quote in text, f"{path.name}: {event_id}: quote not found verbatim in {article.name}"
        assert len(quote) < 600, f"{path.name}: {event_id}: a quote is one sentence, not a passage"


def test_examples_ingest(kb_examples):
    assert kb_examples.stats()["articles"] == len(FACT_FILES)


@pytest.fixture(scope="module")
def world() -> KnowledgeBase:
    kb = KnowledgeBase.memory()
    report = kb.ingest([ALL_EXAMPLES])
    assert report.articles == len(ALL_FACT_FILES) and report.failed == []
    return kb


def test_every_bundled_example_ingests_and_validates_together(world):
    assert world.validate(store=True) == []
    assert world.stats()["articles"] == len(ALL_FACT_FILES) == 33


@pytest.mark.parametrize("a,b,mediators", [
    ("Afghanistan", "Pakistan", {"Qatar", "Türkiye"}),
    ("Russia", "Ukraine", {"United Arab Emirates"}),
    ("Somalia", "Ethiopia", {"Türkiye"}),
    ("DR Congo", "M23", {"Qatar"}),
    ("Ethiopia", "Tigray forces", {"African Union"}),
    ("Saudi Arabia", "Iran", {"China", "Iraq", "Oman"}),
    ("United States", "Houthis", {"Oman"}),
    ("Serbia", "Kosovo", {"European Union"}),
    ("Azerbaijan", "Karabakh Armenian forces", {"Russia"}),  # its peacekeeping contingent, rolled up
])
def test_the_other_conflicts_answer_who_mediated(world, a, b, mediators):
    assert {m.mediator for m in world.mediators(a, b)} == mediators


def test_founding_question(kb_examples):
    [answer] = kb_examples.mediators("Israel", "Syria", after="2024-12")
    assert answer.mediator == "United States"
    assert {"Tom Barrack", "Steve Witkoff", "Jared Kushner"} <= set(answer.via)
    [paris] = [e for e in answer.events if e.id == "washington-examiner-2026-01-06/paris-talks"]
    assert (paris.date, paris.place, paris.certain) == ("2026-01-06", "Paris", True)


def test_seed_tuesday_resolves_to_6_january(kb_examples):
    [talks] = [e for e in kb_examples.timeline(types=["mediation"]) if e.id.endswith("/paris-talks")]
    [claim] = [c for c in talks.dates if c.publisher == "Washington Examiner"]
    assert (claim.start, claim.end, claim.date_text) == (dt.date(2026, 1, 6), dt.date(2026, 1, 6), "Tuesday")


def test_december_2024_matches_since_but_not_after(kb_examples):
    def labels(**window):
        return {e.label for e in kb_examples.timeline(types=["regime-change"], **window)}

    overthrow = "Overthrow of Syria's former leader Bashar al-Assad"
    assert overthrow in labels(since="2024-12")
    assert overthrow not in labels(after="2024-12")
    assert overthrow not in labels(after="2024-12", include_uncertain=True)


@pytest.mark.parametrize("a,b", [("Israel", "Syrian Arab Republic"), ("Israel", "syria"),
                                 ("State of Israel", "Syria"), ("Syria", "Israel")])
def test_aliases_of_the_parties_give_the_same_answer(kb_examples, a, b):
    assert kb_examples.mediators(a, b, after="2024-12") == kb_examples.mediators("Israel", "Syria", after="2024-12")


@pytest.mark.parametrize("alias", ["US", "U.S.", "United States of America", "u.s.a."])
def test_aliases_of_the_mediator_resolve_alike(kb_examples, alias):
    assert kb_examples.resolve_actor(alias).name == "United States"
    canonical = kb_examples.timeline(actors=["United States", "Syria"])
    assert canonical and kb_examples.timeline(actors=[alias, "Syria"]) == canonical


def test_after_february_2026_is_empty(kb_examples):
    assert kb_examples.mediators("Israel", "Syria", after="2026-02") == []


def test_example_query_names_the_same_mediator(kb_examples):
    query = (ALL_EXAMPLES / "queries" / "who-mediated-israel-syria-after-2024-12.rq").read_text(encoding="utf-8")
    result = kb_examples.query(query)
    mediators = {row["mediator"].value for row in result.rows}
    assert mediators == {m.mediator for m in kb_examples.mediators("Israel", "Syria", after="2024-12")}
    assert mediators == {"United States"}


@pytest.mark.parametrize("path", sorted((ALL_EXAMPLES / "queries").glob("*.rq")), ids=lambda p: p.name)
def test_every_example_query_runs_and_answers(kb_examples, path):
    result = kb_examples.query(path.read_text(encoding="utf-8"))
    assert result.rows or result.boolean or result.triples, f"{path.name} gave no answer on the examples"


def test_ingesting_twice_changes_no_count(tmp_path):
    kb = KnowledgeBase.open(tmp_path / "store")
    kb.ingest([EXAMPLES])
    first = kb.stats(), kb.export("nq")
    report = kb.ingest([EXAMPLES])
    assert report.replaced == report.articles == len(FACT_FILES)
    assert (kb.stats(), kb.export("nq")) == first


def test_same_input_same_triples():
    a, b = KnowledgeBase.memory(), KnowledgeBase.memory()
    a.ingest([SEED])
    b.ingest([SEED])
    assert a.export("nq") == b.export("nq")
