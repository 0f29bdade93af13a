"""Fuzzing the fact-file path: every input ends in success or one error type with a message.

Bounded (a few hundred examples per property) so it runs in CI; what it ever
found is kept in tests/fixtures/fuzz/ and replayed here as regression tests
(the first find: "published: 2025-02-30" made PyYAML raise a bare ValueError).
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb import KBError, KnowledgeBase
from kb.ingest.factfile import FactFile, loads

from helpers import FIXTURES

CORPUS = sorted((FIXTURES / "fuzz").glob("*"))
FUZZ = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _ends_well(run) -> None:
    try:
        result = run()
    except KBError as exc:
        assert str(exc).strip(), "an error without a message"
        return
    assert result is not None


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_corpus_of_past_findings(path):
    _ends_well(lambda: KnowledgeBase.memory().ingest([path]))


@FUZZ
@given(st.text(max_size=400))
def test_any_text(text):
    _ends_well(lambda: loads(text, name="fuzz.yaml"))


@FUZZ
@given(st.text(max_size=400))
def test_any_text_as_json(text):
    _ends_well(lambda: loads(text, name="fuzz.json", json_syntax=True))


@FUZZ
@given(st.binary(max_size=400))
def test_any_bytes(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "bytes.yaml"
    path.write_bytes(data)
    _ends_well(lambda: KnowledgeBase.memory().ingest([path]))


SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
                    st.text(max_size=30), st.dates().map(dt.date.isoformat),
                    st.sampled_from(["Israel", "Syria", "US", "Tuesday", "2024-12", "since 2025", "talks",
                                     "mediation", "agreed", "paris-talks", "Paris", "e1"]))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                       st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                      max_leaves=6)
EVENT_KEYS = ["id", "type", "subtype", "date", "start", "end", "place", "status", "name", "result-of", "summary",
              "quote", "same-as", "about", "content", "confidence", "parties", "mediator", "participants",
              "attacker", "target", "speaker", "proposer", "addressee", "subject", "bogus"]
EVENTS = st.lists(st.dictionaries(st.sampled_from(EVENT_KEYS), VALUES, max_size=8), max_size=3)
ARTICLES = st.dictionaries(st.sampled_from(["id", "title", "publisher", "published", "url", "x"]), VALUES, max_size=5)


@FUZZ
@given(ARTICLES, EVENTS, st.lists(st.dictionaries(st.sampled_from(["name", "type", "title", "represents", "aliases",
                                                                  "from", "until"]), VALUES, max_size=5), max_size=2))
def test_fact_shaped_documents_through_the_whole_pipeline(tmp_path_factory, article, events, actors):
    doc = {"article": article, "events": events}
    if actors:
        doc["actors"] = actors
    path = tmp_path_factory.mktemp("fuzz") / "doc.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    _ends_well(lambda: KnowledgeBase.memory().ingest([path]))


def test_a_valid_document_survives_the_fuzz_harness(tmp_path):
    """The harness can succeed too: a test that could only fail would prove nothing."""
    ff = loads("article: {title: T, publisher: P, published: 2025-01-01}\n"
               "events: [{type: talks, date: 2025, parties: [Israel, Syria], quote: q}]\n")
    assert isinstance(ff, FactFile)
