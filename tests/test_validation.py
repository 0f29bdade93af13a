"""SHACL shapes: each one fails its fixture with the documented message; the examples conform."""

from __future__ import annotations

import re

import pytest
from rdflib import URIRef
from rdflib.namespace import RDFS

from kb import FactFileError, KnowledgeBase
from kb.ingest.factfile import load
from kb.ingest.mapping import map_file
from kb.ingest.resolve import resolve
from kb.ingest.validation import check_graph
from helpers import RCKB as CKB  # rdflib terms, for rdflib graphs

from helpers import EXAMPLES, FIXTURES, ROOT, SEED

SHACL = FIXTURES / "shacl"
FIXTURE_FILES = sorted(p for p in SHACL.glob("*.ttl") if p.name != "valid.ttl")


def _expect(path):
    return path.read_text(encoding="utf-8").splitlines()[0].removeprefix("# expect: ")


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=[p.stem for p in FIXTURE_FILES])
def test_each_shape_fails_its_fixture_with_the_documented_message(run, path):
    rel = path.relative_to(ROOT)
    result = run("validate", rel)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[-1] == "error: 1 violation"
    assert re.fullmatch(rf"{re.escape(str(rel))}: (event|article|actor|place) [^:]+: {re.escape(_expect(path))}",
                        lines[0]), lines[0]


def test_the_valid_fixture_conforms(run):
    result = run("validate", (SHACL / "valid.ttl").relative_to(ROOT))
    assert (result.exit_code, result.output) == (0, "conforms\n")


def test_every_shape_message_has_a_fixture():
    shapes = (ROOT / "ontology" / "shapes.ttl").read_text(encoding="utf-8")
    messages = set(re.findall(r'sh:message "([^"]+)"', shapes))
    expected = {_expect(p).split(": ", 1)[1] for p in FIXTURE_FILES}
    assert messages == expected


def test_examples_validate_clean(run):
    assert run("validate", EXAMPLES).output == "conforms\n"
    assert run("ingest", EXAMPLES).exit_code == 0
    assert run("validate", "--store").output == "conforms\n"


def test_validate_reports_fact_file_errors_too(run, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("article: {title: T, publisher: P, published: 2025-01-01}\n"
                   "events:\n  - {id: x, type: talks, date: soon, parties: [Israel, Syria], quote: q}\n", encoding="utf-8")
    result = run("validate", bad)
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith(f"{bad}: event 1 (x): date: cannot resolve 'soon'")


def test_ingest_checks_shapes_and_locates_the_event(tmp_path):
    """Fact-file checks catch most problems first; SHACL guards what mapping produces."""
    kb = KnowledgeBase.memory()
    ff = load(SEED)
    rf = resolve(ff, kb.registry, kb.gazetteer)
    _, mapped = map_file(rf)
    g = mapped.to_rdflib()  # rdflib's API to break it; the checks read an rdflib graph as well
    talks = URIRef(next(ev.node for ev in rf.events if ev.facts.id == "paris-talks"))
    g.remove((g.value(None, CKB.claimOf, talks), RDFS.label, None))  # what the article says of it: its claim
    with pytest.raises(FactFileError) as info:
        check_graph(g, rf)
    assert str(info.value) == (f"{ff.path}: event 1 (paris-talks): label: "
                               "an event has exactly one label (its name, summary or a generated one)")
