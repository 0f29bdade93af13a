"""Bad fact files are refused whole: a message naming file, event and field; store unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb import FactFileError, KnowledgeBase
from kb.ingest.factfile import load, loads

from helpers import EXAMPLES, SEED

GOOD_EVENT = """\
  - id: talks
    type: talks
    date: 2025-07-26
    parties: [Israel, Syria]
    quote: "They met."
"""
HEAD = """\
article: {title: T, publisher: P, published: 2025-07-30}
events:
"""


def write(tmp_path: Path, text: str, name: str = "bad.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# (file text, expected message: exact after the file name)
CASES = {
    "broken-yaml": (HEAD + "  - id: [unclosed\n", "invalid YAML at line 4, column 1: expected ',' or ']', but got '<stream end>'"),
    "unknown-type": (HEAD + GOOD_EVENT + "  - {id: x, type: battle, date: 2025, attacker: Israel, quote: q}\n",
                     "event 2 (x): type: unknown event type 'battle'; expected one of talks, mediation, agreement, "
                     "military-action, ceasefire, statement, proposal, demand, regime-change, prisoner-exchange"),
    "bad-date": (HEAD + GOOD_EVENT + "  - {id: x, type: talks, date: since Assad's fall, parties: [Israel, Syria], quote: q}\n",
                 "event 2 (x): date: cannot resolve 'assad's fall' to a date; use an ISO date (2026-01-06, 2024-12, "
                 "2025), a weekday, a month name, or an expression listed in docs/dates.md"),
    "unknown-actor": (HEAD + "  - {id: x, type: talks, date: 2025, parties: [Israel, Syriaa], quote: q}\n",
                      "event 1 (x): parties: unknown actor 'Syriaa'; did you mean 'Syria'? "
                      "(declare it in an actors: block or with 'kb actors add', or ingest with --new-actors)"),
    "missing-role": (HEAD + "  - {id: x, type: mediation, date: 2025, parties: [Israel, Syria], quote: q}\n",
                     "event 1 (x): mediator: is required for a mediation event"),
    "one-party": (HEAD + "  - {type: talks, date: 2025, parties: Israel, quote: q}\n",
                  "event 1 (e1): parties: needs at least 2 actors, got 1 for a talks event"),
    "no-quote": (HEAD + "  - {id: x, type: talks, date: 2025, parties: [Israel, Syria]}\n",
                 "event 1 (x): quote: is required: the sentence of the article that states the event"),
    "no-date": (HEAD + "  - {id: x, type: talks, parties: [Israel, Syria], quote: q}\n",
                "event 1 (x): date: is required (or start/end): when did it happen, as the article says?"),
    "bad-status": (HEAD + "  - {id: x, type: agreement, status: maybe, date: 2025, parties: [Israel, Syria], quote: q}\n",
                   "event 1 (x): status: unknown status 'maybe'; expected one of proposed, agreed, signed, in-force, "
                   "violated, collapsed, planned, postponed, cancelled"),
    "bad-subtype": (HEAD + "  - {id: x, type: military-action, subtype: raid, date: 2025, attacker: Israel, quote: q}\n",
                    "event 1 (x): subtype: unknown subtype 'raid' for military-action; expected one of airstrike, "
                    "ground-incursion, occupation, shelling"),
    "unknown-key": (HEAD + "  - {id: x, type: talks, date: 2025, parties: [Israel, Syria], quote: q, when: 2025}\n",
                    "event 1 (x): unknown key(s) 'when'; expected type, date/start/end, place, parties, mediator, "
                    "participants, attacker, target, speaker, proposer, addressee, subject, status, name, result-of, "
                    "summary, quote, same-as, about, content, confidence, claimed-by"),
    "claimed-by-firmer": (HEAD + "  - {id: x, type: mediation, date: 2025, mediator: US, parties: [Israel, Syria], "
                          "quote: q, confidence: confirmed, claimed-by: Trump}\n",
                          "event 1 (x): claimed-by: says whose claim the event is, so the confidence is claimed, "
                          "not confirmed"),
    "claimed-by-unknown": (HEAD + "  - {id: x, type: mediation, date: 2025, mediator: US, parties: [Israel, Syria], "
                           "quote: q, claimed-by: Trumpp}\n",
                           "event 1 (x): claimed-by: unknown actor 'Trumpp'; did you mean 'Donald Trump'? (declare it in an "
                           "actors: block or with 'kb actors add', or ingest with --new-actors)"),
    "dangling-result-of": (HEAD + "  - {id: x, type: agreement, date: 2025, parties: [Israel, Syria], quote: q, result-of: y}\n",
                           "event 1 (x): result-of: no event with id 'y' in this file"),
    "duplicate-id": (HEAD + GOOD_EVENT + GOOD_EVENT, "event 2 (talks): id: duplicate id; event 1 has it too"),
    "same-actor-twice": (HEAD + "  - {id: x, type: talks, date: 2025, parties: [US, United States], quote: q}\n",
                         "event 1 (x): parties: names the same actor twice (under two of its names)"),
    "ambiguous-actor": ("article: {title: T, publisher: P, published: 2025-07-30}\n"
                        "actors:\n  - {name: Ali Hassan, type: person, aliases: [Hassan]}\n"
                        "  - {name: Omar Hassan, type: person, aliases: [Hassan]}\n"
                        "events:\n  - {id: x, type: statement, date: 2025, speaker: Hassan, quote: q}\n",
                        "event 1 (x): speaker: 'Hassan' is ambiguous: it could be Ali Hassan or Omar Hassan; use the full name"),
    "no-published": ("article: {title: T, publisher: P}\nevents:\n" + GOOD_EVENT,
                     "article.published: is required: relative dates in the events are resolved against it"),
    "bad-published": ("article: {title: T, publisher: P, published: last week}\nevents:\n" + GOOD_EVENT,
                      "article.published: expected an ISO day such as 2026-01-06, got 'last week'"),
    "no-events": ("article: {title: T, publisher: P, published: 2025-07-30}\n", "events: no events: a fact file states at least one event"),
    "empty": ("", "the file is empty; expected article: and events:"),
    "not-a-mapping": ("- 1\n- 2\n", "expected a mapping with article: and events:, got a list"),
    "event-not-mapping": (HEAD + "  - just text\n", "event 1 (e1): expected a mapping with type, date, roles and quote, got a string"),
    "bad-actor-type": ("article: {title: T, publisher: P, published: 2025-07-30}\n"
                       "actors:\n  - {name: X Y, type: alien}\nevents:\n" + GOOD_EVENT,
                       "actor 1 (X Y): type: expected one of state, organisation, armed-group, person, got 'alien'"),
    "bad-represents": ("article: {title: T, publisher: P, published: 2025-07-30}\n"
                       "actors:\n  - {name: X Y, type: person, represents: Atlantis}\nevents:\n" + GOOD_EVENT,
                       "actor 1 (X Y): represents: unknown actor 'Atlantis' (declare it in an actors: block or with 'kb actors add', or ingest with --new-actors)"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_library_refuses_with_location(tmp_path, name):
    text, expected = CASES[name]
    path = write(tmp_path, text)
    kb = KnowledgeBase.memory()
    before = kb.store.quad_count()
    with pytest.raises(FactFileError) as info:
        kb.ingest([path])
    assert str(info.value) == f"{path}: {expected}"
    assert kb.store.quad_count() == before


@pytest.mark.parametrize("name", ["broken-yaml", "unknown-type", "bad-date", "unknown-actor", "missing-role"])
def test_cli_refuses_without_traceback_and_leaves_store_unchanged(tmp_path, run, name):
    assert run("ingest", SEED).exit_code == 0
    before = run("stats", "--format", "json").output
    text, expected = CASES[name]
    path = write(tmp_path, text)
    result = run("ingest", EXAMPLES, path)  # good files in the same batch are not written either
    assert result.exit_code == 1
    assert result.output == f"error: {path}: {expected}\n"
    assert "Traceback" not in result.output
    assert run("stats", "--format", "json").output == before


def test_json_fact_file_is_accepted(tmp_path):
    import json

    import yaml

    data = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    data["article"]["published"] = data["article"]["published"].isoformat()
    path = tmp_path / "seed.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    from_json = KnowledgeBase.memory()
    from_json.ingest([path])
    from_yaml = KnowledgeBase.memory()
    from_yaml.ingest([SEED])
    assert from_json.export("nt") == from_yaml.export("nt")


def test_invalid_json_names_line_and_column(tmp_path):
    path = write(tmp_path, '{"article": {', "bad.json")
    with pytest.raises(FactFileError) as info:
        load(path)
    assert str(info.value) == f"{path}: invalid JSON at line 1, column 14: Expecting property name enclosed in double quotes"


def test_not_utf8(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("article: {title: caf\xe9}".encode("latin-1"))
    with pytest.raises(FactFileError, match=r"not UTF-8 text \(byte 20\)"):
        load(path)


def test_bom_and_crlf_are_fine():
    text = "\ufeff" + (HEAD + GOOD_EVENT).replace("\n", "\r\n")
    assert loads(text.lstrip("\ufeff")).events[0].id == "talks"


def test_missing_path(tmp_path):
    with pytest.raises(FactFileError, match="no such file or folder"):
        KnowledgeBase.memory().ingest([tmp_path / "nope.yaml"])


def test_two_files_for_one_article_are_refused(tmp_path):
    a = write(tmp_path, HEAD + GOOD_EVENT, "a.yaml")
    b = write(tmp_path, HEAD + GOOD_EVENT, "b.yaml")
    with pytest.raises(FactFileError, match=r"describes the same article .* as .*a\.yaml"):
        KnowledgeBase.memory().ingest([a, b])
