"""Places no shipped gazetteer holds, declared by a fact file's places: block (issue 14 item 3).

The declaration is stored in its article's graph, so later files, later
batches, the bulk path, `kb validate` and `--place` all know it, and it goes
when that article goes.
"""

from __future__ import annotations

import json

import pytest
from rdflib import RDF, Literal

from kb import KnowledgeBase
from kb.errors import FactFileError
from helpers import RCKB as CKB  # rdflib terms, for rdflib graphs

ARTICLE = "article: {{id: {id}, title: T {id}, publisher: P, published: 2025-09-18}}\n"
EVENT = ("events:\n  - {{id: e1, type: military-action, subtype: occupation, date: December 2024,\n"
         "     attacker: Israel, target: Syria, place: {place}, quote: q}}\n")
HERMON = "places:\n  - {name: Mount Hermon, aliases: [Jabal El Sheikh], country: Syria, latitude: 33.4, longitude: 35.86}\n"


def fact_file(tmp_path, name: str, *, places: str = "", place: str = "Mount Hermon", article: str | None = None):
    path = tmp_path / f"{name}.yaml"
    path.write_text(ARTICLE.format(id=article or name) + places + EVENT.format(place=place), encoding="utf-8")
    return path


def test_a_declared_place_is_known_with_its_names_country_and_coordinates(tmp_path):
    kb = KnowledgeBase.memory()
    report = kb.ingest([fact_file(tmp_path, "a", places=HERMON)])
    assert report.warnings == []  # not "not in the gazetteer"
    place = kb.gazetteer.resolve("Jabal El Sheikh")
    assert (place.kind, place.name, place.country.name, place.latitude, place.longitude) == (
        "declared", "Mount Hermon", "Syria", 33.4, 35.86)
    iri = kb.graph.value(predicate=CKB.alias, object=Literal("Jabal El Sheikh"))
    assert (iri, RDF.type, CKB.DeclaredPlace) in kb.graph
    # the place lies in Syria: asking for Syria finds the event, as for a city
    assert [e.id for e in kb.timeline(place="Syria", include_uncertain=True)] == ["a/e1"]
    assert [e.id for e in kb.timeline(place="Jabal El Sheikh")] == ["a/e1"]


def test_later_files_and_later_batches_name_it_without_declaring_it(tmp_path):
    kb = KnowledgeBase.memory()
    # in one batch: the second file uses the first one's declaration, by an alias
    report = kb.ingest([fact_file(tmp_path, "a", places=HERMON), fact_file(tmp_path, "b", place="Jabal El Sheikh")])
    assert report.warnings == []
    # in a later batch: read back from the store
    report = kb.ingest([fact_file(tmp_path, "c")])
    assert report.warnings == []
    assert {e.id for e in kb.timeline(place="Mount Hermon")} == {"a/e1", "b/e1", "c/e1"}
    # kb validate sees what ingest sees, both from the store and from earlier files of the same call
    assert kb.validate([fact_file(tmp_path, "d", place="Jabal El Sheikh")]) == []
    fresh = KnowledgeBase.memory()
    assert fresh.validate([fact_file(tmp_path, "e", places=HERMON), fact_file(tmp_path, "f")]) == []


def test_without_its_declaring_article_the_place_is_unknown_again(tmp_path):
    kb = KnowledgeBase.memory()
    kb.ingest([fact_file(tmp_path, "a", places=HERMON)])
    kb.remove("a")
    report = kb.ingest([fact_file(tmp_path, "b")])
    assert [w.split(": ", 3)[-1] for w in report.warnings] == ["'Mount Hermon' is not in the gazetteer; kept as a label"]


def test_the_bulk_path_knows_declared_places(tmp_path):
    kb = KnowledgeBase.memory()
    kb.ingest([fact_file(tmp_path, "a", places=HERMON)])
    lines = tmp_path / "events.jsonl"
    lines.write_text(json.dumps({
        "article": {"id": "bulk", "title": "T", "publisher": "P", "published": "2025-09-18"},
        "id": "e1", "type": "military-action", "date": "December 2024", "attacker": "Israel",
        "target": "Syria", "place": "Jabal El Sheikh", "quote": "q"}) + "\n", encoding="utf-8")
    report = kb.ingest([lines])
    assert report.warnings == []
    assert {e.id for e in kb.timeline(place="Syria", include_uncertain=True)} >= {"a/e1", "bulk/e1"}


def test_export_and_load_keep_declarations(tmp_path):
    kb = KnowledgeBase.memory()
    kb.ingest([fact_file(tmp_path, "a", places=HERMON)])
    kb.export("trig", tmp_path / "kb.trig")
    copy = KnowledgeBase.memory()
    copy.load([tmp_path / "kb.trig"])
    assert copy.gazetteer.resolve("Jabal El Sheikh").kind == "declared"
    assert copy.ingest([fact_file(tmp_path, "b")]).warnings == []


@pytest.mark.parametrize("places,message", [
    ("places:\n  - {name: Damascus}\n",
     "place 1 (Damascus): name: 'Damascus' is in the gazetteer already (a city in Syria: Damascus); "
     "name it in events without declaring it, or declare a more specific name"),
    ("places:\n  - {name: Mount Hermon, aliases: [Syria]}\n",
     "place 1 (Mount Hermon): aliases: 'Syria' is in the gazetteer already (a country)"),
    ("places:\n  - {name: Mount Hermon, latitude: 95, longitude: 35}\n",
     "place 1 (Mount Hermon): latitude: expected decimal degrees from -90 to 90, got 95"),
    ("places:\n  - {name: Mount Hermon, latitude: 33.4}\n",
     "place 1 (Mount Hermon): longitude: give latitude and longitude together"),
    ("places:\n  - {name: Mount Hermon, longitude: east}\n",
     "place 1 (Mount Hermon): longitude: expected decimal degrees (a number), got a string"),
    ("places:\n  - {name: Mount Hermon, country: Ahmed al-Sharaa}\n",
     "place 1 (Mount Hermon): country: 'Ahmed al-Sharaa' is Ahmed al-Sharaa, a person; a place lies in a state"),
    ("places:\n  - {name: Mount Hermon, country: Atlantis}\n",
     "place 1 (Mount Hermon): country: unknown actor 'Atlantis'"),
    ("places:\n  - {name: Mount Hermon, height: 2814}\n",
     "place 1 (Mount Hermon): unknown key(s) 'height'"),
    ("places:\n  - {name: Mount Hermon, geonames: -3}\n",
     "place 1 (Mount Hermon): geonames: expected a GeoNames id (a positive whole number), got -3"),
    ("places:\n  - {name: Mount Hermon}\n  - {name: Hermon, aliases: [mount hermon]}\n",
     "place 2 (Hermon): aliases: 'mount hermon' names place 1 too"),
    ("places:\n  - Mount Hermon\n", "place 1: expected a mapping with a name, got a string"),
])
def test_bad_declarations_name_the_file_place_and_field(tmp_path, places, message):
    path = fact_file(tmp_path, "a", places=places)
    kb = KnowledgeBase.memory()
    with pytest.raises(FactFileError) as caught:
        kb.ingest([path])
    assert str(caught.value).startswith(f"{path}: {message}")
    assert kb.stats()["articles"] == 0  # nothing half-written


def test_a_contradicting_declaration_names_the_earlier_one(tmp_path, run):
    assert run("ingest", fact_file(tmp_path, "a", places=HERMON)).exit_code == 0
    other = fact_file(tmp_path, "b", places="places:\n  - {name: Mount Hermon, country: Lebanon}\n")
    result = run("ingest", other)
    assert result.exit_code == 1
    assert result.output == (
        f"error: {other}: place 1 (Mount Hermon): country: 'Mount Hermon' is declared differently in article a "
        "(Mount Hermon in Syria at 33.4, 35.86); declare it the same way there and here, or leave this "
        "declaration out\n")
    # a declaration that agrees, or adds what the earlier one left out, is accepted
    agrees = fact_file(tmp_path, "c", places="places:\n  - {name: Mount Hermon, country: Syria, geonames: 294021}\n")
    assert run("ingest", agrees).exit_code == 0


def test_kb_validate_reports_a_bad_declaration_with_exit_status(tmp_path, kb_exe):
    path = fact_file(tmp_path, "a", places="places:\n  - {name: Paris}\n")
    done = kb_exe("validate", path)
    assert done.returncode == 1
    assert done.stdout + done.stderr == (
        f"{path}: place 1 (Paris): name: 'Paris' is in the gazetteer already (a city in France: Paris); "
        "name it in events without declaring it, or declare a more specific name\nerror: 1 violation\n")


def test_kb_extract_drafts_a_declared_place(tmp_path):
    article = tmp_path / "hermon.txt"
    article.write_text("Israel strikes near Hermon\n\n"
                       "Israeli jets struck Syrian army positions at Mount Hermon on Monday, the army said.\n",
                       encoding="utf-8")
    kb = KnowledgeBase.memory()
    draft, _ = kb.extract(article, published="2025-09-18", publisher="X")
    assert "place:" not in draft  # unknown to the shipped gazetteer: not drafted
    kb.ingest([fact_file(tmp_path, "a", places=HERMON)])
    draft, _ = kb.extract(article, published="2025-09-18", publisher="X")
    assert '    place: "Mount Hermon"\n' in draft


def test_kb_places_says_what_each_name_is_and_lists_declarations(tmp_path, run):
    assert run("ingest", fact_file(tmp_path, "a", places=HERMON)).exit_code == 0
    result = run("places", "Sweida", "Jabal El Sheikh", "Kilometre 101")
    assert result.exit_code == 0
    rows = [line.split("  ")[0] for line in result.output.splitlines()[2:]]
    assert rows == ["As-Suwayda", "Mount Hermon (Jabal El Sheikh)", "Kilometre 101"]
    assert "declared  Syria    33.4, 35.86" in result.output and "article a" in result.output
    assert "Kilometre 101                   unknown" in result.output
    listed = json.loads(run("places", "--format", "json").output)
    assert [(p["name"], p["kind"], p["declared_in"]) for p in listed] == [("Mount Hermon", "declared", "article a")]


def test_kb_places_without_a_store_uses_the_shipped_gazetteer(tmp_path, kb_exe):
    done = kb_exe("places", "Paris", "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1] == "Paris,city,France,\"48.85341, 2.3488\",2988507,"
