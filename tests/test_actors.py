"""The actor registry: names people use, people acting for states, and the errors."""

from __future__ import annotations

import json

import pytest

from kb import ActorError, FactFileError, KnowledgeBase
from kb.model.actors import Registry

from helpers import SEED

REGISTRY = Registry.bundled()

# name as people write it -> the actor it means
ALIASES = {
    "US": "United States", "U.S.": "United States", "the US": "United States", "USA": "United States",
    "United States of America": "United States", "Washington": "United States", "America": "United States",
    "the Trump administration": "United States", "American": "United States", "u.s.a.": "United States",
    "Syria": "Syria", "Syrian Arab Republic": "Syria", "Damascus": "Syria", "syrian": "Syria", "SYR": "Syria",
    "Israel": "Israel", "State of Israel": "Israel", "Israeli": "Israel", "the Jewish state": "Israel",
    "Turkey": "Türkiye", "Turkiye": "Türkiye", "Türkiye": "Türkiye", "Ankara": "Türkiye",
    "Moscow": "Russia", "Russian Federation": "Russia", "the Kremlin": "Russia",
    "Tehran": "Iran", "Islamic Republic of Iran": "Iran",
    "UK": "United Kingdom", "Britain": "United Kingdom", "London": "United Kingdom",
    "Beijing": "China", "Kyiv": "Ukraine", "Baku": "Azerbaijan", "Amman": "Jordan", "Cairo": "Egypt",
    "Holy See": "Vatican", "State of Palestine": "Palestine", "Brazzaville": "Congo Republic",
    "Democratic Republic of the Congo": "DR Congo", "Kinshasa": "DR Congo", "Sudan": "Sudan",
    "South Sudan": "South Sudan", "Côte d'Ivoire": "Côte d'Ivoire", "Cote d'Ivoire": "Côte d'Ivoire",
    "UN": "United Nations", "U.N.": "United Nations", "UN Security Council": "United Nations Security Council",
    "EU": "European Union", "North Atlantic Treaty Organization": "NATO", "League of Arab States": "Arab League",
    "GCC": "Gulf Cooperation Council", "ICRC": "International Committee of the Red Cross", "AU": "African Union",
    "Ansar Allah": "Houthis", "the Houthis": "Houthis", "HTS": "Hayat Tahrir al-Sham", "SDF": "Syrian Democratic Forces",
    "RSF": "Rapid Support Forces", "M23": "M23", "Hizbollah": "Hezbollah", "Hamas": "Hamas", "ISIS": "Islamic State",
    "al Sharaa": "Ahmed al-Sharaa", "al-Sharaa": "Ahmed al-Sharaa", "Ahmed al-Sharaa": "Ahmed al-Sharaa",
    "Ahmad al-Sharaa": "Ahmed al-Sharaa", "AHMED AL SHARAA": "Ahmed al-Sharaa", "Asaad al-Shibani": "Asaad al-Shaibani",
    "al-Sheibani": "Asaad al-Shaibani", "Barrack": "Tom Barrack", "Steven Witkoff": "Steve Witkoff",
    "Netanyahu": "Benjamin Netanyahu", "Bashar al Assad": "Bashar al-Assad", "Assad": "Bashar al-Assad",
    "Gideon Sa’ar": "Gideon Saar", "Ron Dermer": "Ron Dermer",
}


def test_the_alias_table_is_large_enough():
    assert len(ALIASES) >= 50


@pytest.mark.parametrize("name,expected", sorted(ALIASES.items()), ids=sorted(ALIASES))
def test_alias_resolves(name, expected):
    assert REGISTRY.resolve(name).name == expected


def test_every_un_member_and_observer_is_there():
    states = [a for a in REGISTRY if a.type == "state"]
    assert sum(a.un == "member" for a in states) == 193
    assert {a.name for a in states if a.un == "observer"} == {"Vatican", "Palestine"}
    assert all(a.iso and len(a.iso) == 2 for a in states)


def test_ambiguous_name_lists_the_candidates():
    with pytest.raises(ActorError) as info:
        REGISTRY.resolve("Congolese")
    assert str(info.value) == "'Congolese' is ambiguous: it could be Congo Republic or DR Congo; use the full name"
    with pytest.raises(ActorError, match="'Jerusalem' is ambiguous: it could be Israel or Palestine"):
        REGISTRY.resolve("Jerusalem")


def test_unknown_name_suggests_close_matches():
    with pytest.raises(ActorError) as info:
        REGISTRY.resolve("Netanyahoo")
    assert str(info.value).startswith("unknown actor 'Netanyahoo'; did you mean 'Benjamin Netanyahu'?")
    with pytest.raises(ActorError, match=r"^unknown actor 'Qwertyland' \(declare it"):
        REGISTRY.resolve("Qwertyland")


def test_washington_damascus_is_the_same_question(kb_examples):
    assert kb_examples.mediators("Washington", "Damascus", after="2024-12") == kb_examples.mediators(
        "United States", "Syria", after="2024-12")
    assert kb_examples.mediators("Jerusalem" if False else "State of Israel", "Damascus", after="2024-12") == \
        kb_examples.mediators("Israel", "Syria", after="2024-12")


def test_roll_up_counts_an_envoys_event_for_the_state(tmp_path):
    path = tmp_path / "envoy.yaml"
    path.write_text("article: {title: T, publisher: P, published: 2025-09-18}\n"
                    "events:\n  - {id: london, type: mediation, date: Wednesday, place: London,\n"
                    "     mediator: Tom Barrack, parties: [Asaad al-Shaibani, Ron Dermer], quote: q}\n",
                    encoding="utf-8")
    kb = KnowledgeBase.memory()
    kb.ingest([path])
    [answer] = kb.mediators("Israel", "Syria")
    assert (answer.mediator, answer.via) == ("United States", ["Tom Barrack"])
    assert [e.id.rsplit("/", 1)[1] for e in kb.timeline(actors=["Syria", "United States"])] == ["london"]
    [talks] = kb.timeline(actors=["Israel"])
    assert talks.roles["parties"] == ["Asaad al-Shaibani", "Ron Dermer"]  # answers still show the persons


def test_a_states_armed_forces_count_for_the_state(tmp_path):
    """ "The IDF struck" is Israel's military action, as event datasets code it; the answer still says IDF."""
    path = tmp_path / "strike.yaml"
    path.write_text("article: {title: T, publisher: P, published: 2025-07-17}\n"
                    "actors:\n  - {name: Fifth Guard, type: organisation, represents: Syria}\n"
                    "events:\n  - {id: strike, type: military-action, subtype: airstrike, date: Wednesday,\n"
                    "     attacker: Israeli army, target: Fifth Guard, quote: q}\n", encoding="utf-8")
    kb = KnowledgeBase.open(tmp_path / "store")
    kb.ingest([path])
    [strike] = kb.timeline(actors=["Israel", "Syria"], since="2025-07", until="2025-07")  # the index path
    assert strike.roles == {"attacker": ["Israel Defense Forces"], "target": ["Fifth Guard"]}
    assert kb.timeline(actors=["Israel", "Syria"]) == [strike]  # the scan path
    assert Registry.bundled().rolled_up(Registry.bundled().resolve("IDF")) == {"israel"}


@pytest.mark.parametrize("kind", ["state", "armed-group"])
def test_only_persons_and_organisations_represent(tmp_path, kind):
    path = tmp_path / "f.yaml"
    path.write_text("article: {title: T, publisher: P, published: 2025-07-17}\n"
                    f"actors:\n  - {{name: Proxy Land, type: {kind}, represents: Syria}}\n"
                    "events:\n  - {id: x, type: talks, date: 2025, parties: [Proxy Land, Israel], quote: q}\n",
                    encoding="utf-8")
    with pytest.raises(FactFileError, match=r"actor 1 \(Proxy Land\): represents: only a person or an organisation"):
        KnowledgeBase.memory().ingest([path])


def test_a_person_in_two_articles_is_one_node(tmp_path):
    first = tmp_path / "a.yaml"
    first.write_text("article: {title: A, publisher: P, published: 2025-07-30}\n"
                     "actors:\n  - {name: Ahmad Example, type: person, title: envoy, represents: Syria,"
                     " aliases: [Example]}\n"
                     "events:\n  - {id: x, type: talks, date: 2025-07-24, parties: [Ahmad Example, Israel], quote: q}\n",
                     encoding="utf-8")
    second = tmp_path / "b.yaml"
    second.write_text("article: {title: B, publisher: Q, published: 2025-08-02}\n"
                      "events:\n  - {id: y, type: talks, date: 2025-07-31, parties: [Example, Israel], quote: q}\n",
                      encoding="utf-8")
    kb = KnowledgeBase.open(tmp_path / "store")
    kb.ingest([first])
    kb.ingest([second])  # a later batch: the person is known from the store
    rows = kb.query("SELECT DISTINCT ?p WHERE { ?e ckb:party ?p . ?p a ckb:Person }").rows
    assert [r["p"].value for r in rows] == ["https://w3id.org/conflict-kb/id/actor/ahmad-example"]
    info = kb.actor("Ahmad Example")
    assert [e.id.rsplit("/", 1)[1] for e in info.events] == ["x", "y"]
    assert info.titles == [{"title": "envoy", "source": kb.actor("Ahmad Example").titles[0]["source"]}]
    assert [e.id.rsplit("/", 1)[1] for e in kb.timeline(actors=["Syria"])] == ["x", "y"]  # rolled up


def test_new_actors_are_created_and_reported(tmp_path):
    path = tmp_path / "new.yaml"
    path.write_text("article: {title: T, publisher: P, published: 2025-07-30}\n"
                    "events:\n  - {id: x, type: talks, date: 2025, parties: [Israel, Free Vale Council], quote: q}\n",
                    encoding="utf-8")
    kb = KnowledgeBase.memory()
    with pytest.raises(FactFileError, match="unknown actor 'Free Vale Council'"):
        kb.ingest([path])
    report = kb.ingest([path], new_actors=True)
    assert report.created == ["Free Vale Council"]
    assert report.warnings == [f"{path}: event 1 (x): parties: new actor 'Free Vale Council' created (type unknown; "
                               "declare it in actors: to give it one)"]
    assert kb.resolve_actor("free vale council").type == "actor"
    assert len(kb.timeline(actors=["Free Vale Council"])) == 1
    # it represents nobody (an unbound ?rep once matched every label in the store)
    assert kb.resolve_actor("free vale council").mandates == ()


def test_ambiguous_names_stay_errors_with_new_actors(tmp_path):
    path = tmp_path / "amb.yaml"
    path.write_text("article: {title: T, publisher: P, published: 2025-07-30}\n"
                    "events:\n  - {id: x, type: talks, date: 2025, parties: [Israel, Congolese], quote: q}\n",
                    encoding="utf-8")
    with pytest.raises(FactFileError, match="'Congolese' is ambiguous"):
        KnowledgeBase.memory().ingest([path], new_actors=True)


def test_cli_new_actors_warns(run, tmp_path):
    path = tmp_path / "new.yaml"
    path.write_text("article: {title: T, publisher: P, published: 2025-07-30}\n"
                    "events:\n  - {id: x, type: talks, date: 2025, parties: [Israel, Free Vale Council], quote: q}\n",
                    encoding="utf-8")
    result = run("ingest", "--new-actors", path)
    assert result.exit_code == 0
    assert f"warning: {path}: event 1 (x): parties: new actor 'Free Vale Council' created" in result.output


def test_actors_add_persists_in_the_store(run, store):
    assert run("ingest", SEED).exit_code == 0
    result = run("actors", "add", "Yechiel Example", "--type", "person", "--represents", "Israel",
                 "--title", "ambassador", "--from", "2025-01", "--alias", "Y. Example")
    assert (result.exit_code, result.output) == (0, "added person Yechiel Example (represents Israel)\n")
    assert (store / "actors.yaml").exists()
    listed = json.loads(run("actors", "example", "--format", "json").output)
    assert [a["name"] for a in listed] == ["Yechiel Example"]
    shown = run("actor", "Y. Example").output
    assert "represents: Israel as ambassador, from 2025-01-01  [actors.yaml]" in shown
    clash = run("actors", "add", "Someone", "--type", "person", "--alias", "US")
    assert clash.exit_code == 1 and clash.output.startswith("error: 'US' already names United States")
    bad = run("actors", "add", "X Y", "--type", "person", "--represents", "Atlantis")
    assert bad.exit_code == 1 and bad.output.startswith("error: unknown actor 'Atlantis'")


def test_actors_listing_and_filters(kb_examples):
    assert {a.name for a in kb_examples.actors(type="armed-group")} >= {"Hamas", "Hezbollah", "Houthis", "M23",
                                                                       "Rapid Support Forces", "Syrian Democratic Forces",
                                                                       "Hayat Tahrir al-Sham"}
    assert [a.name for a in kb_examples.actors("sharaa")] == ["Ahmed al-Sharaa"]
    with pytest.raises(Exception, match="unknown actor type 'city'"):
        kb_examples.actors(type="city")


def test_actor_shows_titles_mandates_and_timeline(kb_examples):
    info = kb_examples.actor("Barrack")
    assert {t["title"] for t in info.titles} >= {"U.S. special envoy for Syria", "U.S. special envoy for Syria and Turkey",
                                                 "ambassador to Türkiye", "US Special Envoy for the Middle East"}
    assert {"source": "asharq-al-awsat-2026-01-06", "title": "ambassador to Türkiye"} in info.titles
    assert {m["actor"] for m in info.mandates} == {"United States"}
    assert any(e.id.endswith("/paris-talks") for e in info.events)
    assad = kb_examples.actor("Assad")
    assert assad.mandates[0]["from"].isoformat() == "2000-07-17" and assad.mandates[0]["until"].isoformat() == "2024-12-08"


def test_registry_graph_is_loaded_and_exported(kb_examples):
    ttl = kb_examples.export("nt").decode()
    assert '<https://w3id.org/conflict-kb/id/actor/syria> <https://w3id.org/conflict-kb/ontology#isoCode> "SY"' in ttl
    assert "<http://www.wikidata.org/entity/Q858>" in ttl
