"""Opening a store: bundled graphs rewritten only when they change; article ids kept to one source."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kb import FactFileError, KnowledgeBase
from kb.ingest.mapping import bundled_registry_ntriples
from kb.model.iris import ONTOLOGY_GRAPH, REGISTRY_GRAPH
from kb.store.embedded import EmbeddedStore as Store, ontology_ntriples

from helpers import EXAMPLES

FIRST = EXAMPLES / "00-washington-examiner-israel-syria-security-deal.yaml"


def test_a_writable_open_in_another_process_rewrites_no_bundled_graph(tmp_path):
    store = tmp_path / "store"
    # made by another process: its blank-node labels and registry order are its own
    subprocess.run([sys.executable, "-c", f"from kb import KnowledgeBase; KnowledgeBase.open({str(store)!r}).close()"],
                   check=True)
    opened = Store.open(store)
    try:
        assert opened.ensure_graph(ONTOLOGY_GRAPH, ontology_ntriples()) is False
        assert opened.ensure_graph(REGISTRY_GRAPH, bundled_registry_ntriples()) is False
        # and a changed graph is still rewritten
        assert opened.ensure_graph(REGISTRY_GRAPH, bundled_registry_ntriples().split("\n", 1)[1]) is True
    finally:
        opened.close()


def _retitled(tmp_path, **article):
    text = FIRST.read_text(encoding="utf-8")
    for key, value in article.items():
        old = next(line for line in text.splitlines() if line.strip().startswith(f"{key}:"))
        text = text.replace(old, old.split(":", 1)[0] + f": {value}", 1)
    path = tmp_path / "other-source.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_article_id_from_another_source_is_refused_unless_replace(tmp_path):
    kb = KnowledgeBase.open(tmp_path / "store")
    kb.ingest([FIRST])
    before = kb.export("nq")
    other = _retitled(tmp_path, publisher="Another Paper")
    with pytest.raises(FactFileError, match="the store holds article 'washington-examiner-2026-01-06' from another "
                                            "source"):
        kb.ingest([other])
    assert kb.export("nq") == before
    jsonl = tmp_path / "other.jsonl"
    jsonl.write_text('{"type": "talks", "date": "2025", "parties": ["Israel", "Syria"], "quote": "q", "article": '
                     '{"id": "washington-examiner-2026-01-06", "title": "T", "publisher": "Someone Else", '
                     '"published": "2026-01-06"}}\n', encoding="utf-8")
    with pytest.raises(FactFileError, match="from another source"):
        kb.ingest([jsonl])
    assert kb.export("nq") == before
    # the same source again (a corrected title) is a new version, not another source
    assert kb.ingest([_retitled(tmp_path, title="A corrected headline")]).replaced == 1
    assert kb.ingest([other], replace=True).replaced == 1
    kb.close()


def test_new_graphs_load_in_one_transaction(tmp_path):
    """New articles take pyoxigraph's transactional N-Quads load (not a SPARQL update): all or nothing."""
    import pytest

    from kb.store.embedded import EmbeddedStore

    store = EmbeddedStore.open(tmp_path / "s")
    good = "<https://example.org/a> <https://example.org/p> \"x\" .\n"
    bad = "<https://example.org/b> <https://example.org/p> <not an iri> .\n"
    with pytest.raises(SyntaxError):
        store.replace_graphs({"https://example.org/g1": good, "https://example.org/g2": good + bad})
    assert not store.has_graph("https://example.org/g1") and len(store.embedded) == 0
    store.replace_graphs({"https://example.org/g1": good, "https://example.org/g2": good})
    assert store.has_graph("https://example.org/g1") and len(store.embedded) == 2
    # a graph that exists already is replaced through the update path, its old triples gone
    store.replace_graphs({"https://example.org/g1": good.replace('"x"', '"y"')})
    assert sorted(q.object.value for q in store.embedded) == ["x", "y"]
    store.close()


def test_the_load_path_keeps_literals_with_unicode_line_separators(tmp_path):
    """str.splitlines() would cut a triple at \\x1e, \\x85 or \\u2028, which N-Triples leaves unescaped."""
    import pyoxigraph as ox

    from kb.store.base import ntriples
    from kb.store.embedded import EmbeddedStore

    text = "a\x1cb\x1dc\x1ed\x85e\u2028f\u2029g\x0bh\x0ci"
    triple = ox.Triple(ox.NamedNode("https://example.org/a"), ox.NamedNode("https://example.org/p"), ox.Literal(text))
    store = EmbeddedStore.open(tmp_path / "s")
    store.replace_graphs({"https://example.org/g": ntriples([triple])})
    assert [q.object.value for q in store.embedded] == [text]
    store.close()
