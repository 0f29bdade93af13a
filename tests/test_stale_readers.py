"""A reader that stays open (kb serve, a notebook) sees what a writer ingests after it opened.

A read-only store is a snapshot of the files it opened; it answered from the store as it was, with no error,
after another handle ingested more (found in session 13). Both the library's reads and the query processes
started ahead for kb serve's /sparql (`keep_spare`) open again when the store's files changed.
"""

from __future__ import annotations

import time

from kb import KnowledgeBase
from kb.read import query_process
from kb.read.limits import DEFAULT_LIMITS

from helpers import EXAMPLES, ROOT

WORLD = ROOT / "examples" / "world"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def test_a_reader_sees_what_was_ingested_after_it_opened(tmp_path):
    writer = KnowledgeBase.open(tmp_path / "store")
    writer.ingest([EXAMPLES])
    writer.store.flush()
    reader = KnowledgeBase.open(tmp_path / "store", read_only=True)
    before = reader.stats()["events"]
    writer.ingest([WORLD])
    writer.store.flush()
    assert reader.stats()["events"] == writer.stats()["events"] > before
    assert "Tigray forces" in {a.name for a in reader.actors()}  # a declared actor of the new files, too


def test_a_query_process_started_ahead_does_not_answer_from_an_old_store(tmp_path):
    writer = KnowledgeBase.open(tmp_path / "store")
    writer.ingest([EXAMPLES])
    writer.store.flush()
    path = writer.store.folder
    query_process.keep_spare(path)
    try:
        first = query_process.run_in_process(path, COUNT, {}, DEFAULT_LIMITS)["rows"][0]["n"].value
        for _ in range(100):  # the next spare opens the store beside that query
            if query_process._spare is not None:
                break
            time.sleep(0.05)
        assert query_process._spare is not None
        writer.ingest([WORLD])
        writer.store.flush()
        after = query_process.run_in_process(path, COUNT, {}, DEFAULT_LIMITS)["rows"][0]["n"].value
    finally:
        query_process.keep_spare(None)
        query_process._drop_spare()
    assert int(after) > int(first)  # the spare opened before the ingest answered the old count
