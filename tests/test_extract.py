"""`kb extract`: draft fact files from the shared articles' text, read from ../shared/articles/."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from kb import ExtractError, KnowledgeBase
from kb.model.actors import Registry
from kb.extract import extract, read_article, split_sentences, to_yaml

from helpers import ARTICLES, ROOT, requires_articles

pytestmark = requires_articles

SEED_TEXT = ARTICLES / "00-washington-examiner-israel-syria-security-deal.txt"


@pytest.fixture(scope="module")
def seed_draft() -> dict:
    article = read_article(SEED_TEXT, published="2026-01-06")
    return yaml.safe_load(to_yaml(article, extract(article, Registry.bundled())))


def _events(draft: dict, kind: str) -> list[dict]:
    return [e for e in draft["events"] if e["type"] == kind]


def test_seed_article_gives_the_founding_facts(seed_draft):
    [talks] = _events(seed_draft, "mediation")
    assert (talks["date"], talks["place"], talks["mediator"], sorted(talks["parties"])) == (
        "Tuesday", "Paris", ["United States"], ["Israel", "Syria"])
    assert "Delegates from both sides met in Paris on Tuesday to hash out some details of a broader security deal." \
        in talks["quote"]
    [deal] = _events(seed_draft, "agreement")
    assert sorted(deal["parties"]) == ["Israel", "Syria"] and deal["status"] == "agreed"
    assert any("dedicated communication cell" in q for q in deal["quote"])
    [proposal] = _events(seed_draft, "proposal")
    assert proposal["proposer"] == ["United States"] and "demilitarized economic zone" in proposal["quote"][0]
    [demand] = _events(seed_draft, "demand")
    assert (demand["proposer"], demand["addressee"]) == (["Syria"], ["Israel"])
    assert demand["quote"][0].startswith("Syria is demanding Israel halt all military activity")


def test_every_quote_is_a_sentence_of_the_article(seed_draft):
    text = SEED_TEXT.read_text(encoding="utf-8")
    for ev in seed_draft["events"]:
        for quote in ev["quote"]:
            assert quote in text
            assert ev["confidence"] in ("confirmed", "reported", "claimed", "rumoured")


def test_the_draft_ingests_unchanged(tmp_path):
    kb = KnowledgeBase.memory()
    text, count = kb.extract(SEED_TEXT, published="2026-01-06")
    draft = tmp_path / "draft.yaml"
    draft.write_text(text, encoding="utf-8")
    report = kb.ingest([draft])
    assert report.events == count >= 4
    [answer] = kb.mediators("Israel", "Syria", since="2026-01", until="2026-01")
    assert answer.mediator == "United States"


def test_reported_speech_is_attribution_not_an_actor(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("publisher: Wire\npublished: 2025-07-16\n\nIsrael strikes Damascus\n\n"
                    "Israel said on Wednesday it launched airstrikes in the Syrian capital. "
                    "Turkey and Qatar held talks in Doha on Monday, according to Egypt.\n", encoding="utf-8")
    article = read_article(path)
    events = extract(article, Registry.bundled())
    strike = next(e for e in events if e.type == "military-action")
    assert [a.name for a in strike.roles["attacker"]] == ["Israel"]  # "it" is the speaker: the one role they take
    assert [a.name for a in strike.roles["target"]] == ["Syria"] and strike.date == "Wednesday"
    talks = next(e for e in events if e.type == "talks")
    assert sorted(a.name for a in talks.roles["parties"]) == ["Qatar", "Türkiye"]  # Egypt only says so
    assert talks.attribution == ["Egypt"] and talks.place == "Doha"
    assert strike.confidence == talks.confidence == "claimed"  # someone says so: the format's "claimed"


def test_hedged_reports_are_rumoured(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("publisher: Wire\npublished: 2025-07-16\n\nHeadline\n\n"
                    "Turkey and Qatar reportedly met in Doha on Monday. Egypt and Jordan signed a deal in Amman.\n",
                    encoding="utf-8")
    events = extract(read_article(path), Registry.bundled())
    assert [(e.type, e.confidence) for e in events] == [("talks", "rumoured"), ("agreement", "reported")]
    assert events[1].status == "signed" and events[1].date == "until today" and not events[1].dated


def test_nothing_invented(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("publisher: Wire\npublished: 2025-07-16\n\nHeadline\n\n"
                    "The Zorblax Front struck a village. Officials will meet next week in Geneva. "
                    "Both sides agreed to talk.\n", encoding="utf-8")
    events = extract(read_article(path), Registry.bundled())
    # an unknown attacker is no actor; a future meeting is not an event; "both sides" with no pair in view is nobody
    assert events == []


def test_sentences_are_exact_substrings():
    text = "The U.S. envoy met Gen. Smith on Jan. 6. He said “they agreed.” Then they left! Done"
    assert split_sentences(text) == ["The U.S. envoy met Gen. Smith on Jan. 6.", "He said “they agreed.”",
                                     "Then they left!", "Done"]


@pytest.mark.parametrize("content, message", [
    (b"", "the file is empty"),
    (b"   \n\n", "the file is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a binary file, not a plain-text article"),
    (b"\xff\xfe\xfa text", "not UTF-8 text"),
    ("publisher: Wire\n\nHeadline\n\nIsrael struck Syria.\n".encode(), "no publication date"),
    ("publisher: Wire\npublished: soon\n\nHeadline\n\nIsrael struck Syria.\n".encode(), "'soon' is not a date"),
])
def test_bad_input_is_a_clear_error(tmp_path, content, message):
    path = tmp_path / "a.txt"
    path.write_bytes(content)
    with pytest.raises(ExtractError, match=message) as info:
        read_article(path)
    assert str(info.value).startswith(str(path))


def test_cli_extract_and_errors(tmp_path):
    from click.testing import CliRunner

    from kb.cli import cli

    runner = CliRunner()
    out = tmp_path / "draft.yaml"
    result = runner.invoke(cli, ["--store", str(tmp_path / "s"), "extract", str(SEED_TEXT), "--published",
                                 "2026-01-06", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "events drafted from" in result.output and yaml.safe_load(out.read_text())["events"]
    missing = runner.invoke(cli, ["extract", str(SEED_TEXT)])
    assert missing.exit_code == 1
    assert missing.output.startswith(f"error: {SEED_TEXT}: published: no publication date")
    assert "Traceback" not in missing.output
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = runner.invoke(cli, ["extract", str(empty), "-o", str(tmp_path / "never.yaml")])
    assert result.exit_code == 1 and result.output == f"error: {empty}: the file is empty\n"
    assert not (tmp_path / "never.yaml").exists()


def test_ingest_from_text_marks_machine_extraction(kb_exe, tmp_path):
    result = kb_exe("ingest", "--from-text", str(SEED_TEXT), "--published", "2026-01-06")
    assert result.returncode == 0, result.stderr
    assert "ingested 1 article" in result.stdout
    marked = kb_exe("query", "SELECT ?by WHERE { ?a ckb:extractedBy ?by }", "--format", "json")
    [row] = json.loads(marked.stdout)["results"]["bindings"]
    assert row["by"]["value"].startswith("kb extract ")
    refused = kb_exe("ingest", "--from-text", str(SEED_TEXT))
    assert refused.returncode == 1 and "no publication date" in refused.stderr


def test_the_evaluation_runs_and_reports_scores():
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "extract_eval.py"), "--json"],
                         capture_output=True, text=True, timeout=300, check=True)
    scores = json.loads(out.stdout)
    assert scores["gold_all"] >= 50 and scores["gold"] >= 40 and len(scores["articles"]) == 13
    # a floor under today's measured scores (BENCHMARKS.md), so a rule change that loses ground fails here
    assert scores["precision"] >= 0.8 and scores["recall"] >= 0.65  # issue 8: P >= 0.8, R >= 0.6
    print(f"extract: precision {scores['precision']:.2f}, recall {scores['recall']:.2f}")


def test_ingest_from_text_on_a_folder(kb_exe, tmp_path):
    """A folder of articles: one draft each, a quiet article skipped with a warning, the drafted types said."""
    import shutil

    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("04-shafaq-news-us-envoy-israel-syria-ceasefire.txt",
                 "05-today-headline-syrian-israeli-ministers-baku-meeting.txt"):
        shutil.copy(ARTICLES / name, folder / name)
    (folder / "quiet.txt").write_text("published: 2025-07-30\npublisher: Nobody\n\nThe weather was fine today.\n",
                                      encoding="utf-8")
    result = kb_exe("ingest", "--from-text", str(folder))
    assert result.returncode == 0, result.stderr
    assert "ingested 2 articles" in result.stdout
    assert f"{folder / 'quiet.txt'}: no events found" in result.stderr
    summary = next(line for line in result.stderr.splitlines() if line.startswith("drafted "))
    assert summary.startswith("drafted ") and "from 3 articles: " in summary and "ceasefire" in summary
    marked = kb_exe("query", "SELECT DISTINCT ?by WHERE { ?a ckb:extractedBy ?by }", "--format", "json")
    assert [r["by"]["value"] for r in json.loads(marked.stdout)["results"]["bindings"]] == ["kb extract 0.1.0 (parse)"]  # the default engine
    (folder / "04-shafaq-news-us-envoy-israel-syria-ceasefire.txt").unlink()
    (folder / "05-today-headline-syrian-israeli-ministers-baku-meeting.txt").unlink()
    nothing = kb_exe("ingest", "--from-text", str(folder))  # only the quiet article: nothing to store
    assert nothing.returncode == 1 and "no events found in any article" in nothing.stderr


def test_ingest_text_in_the_library_counts_the_drafts_by_type(tmp_path):
    import shutil

    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEED_TEXT, folder / SEED_TEXT.name)
    calls = []
    report = KnowledgeBase.memory().ingest_text([folder], published="2026-01-06", progress=lambda: calls.append(1))
    assert report.articles == 1 and calls == [1]
    assert report.drafted and sum(report.drafted.values()) == report.events


def test_two_reports_of_one_outlet_on_one_day_are_two_articles(tmp_path):
    """A draft's id is its publisher and day; a second article of the same outlet and day (in the batch or in
    the store, another URL) gets '-2', '-3'; the same URL again keeps its id and replaces its earlier version."""
    folder = tmp_path / "articles"
    folder.mkdir()
    header = "url: https://example.org/{0}\npublisher: Example Wire\npublished: 2025-05-14\n\nReport {0}\n\n"
    (folder / "a.txt").write_text(header.format("a") + "Israel and Syria met in Doha on Tuesday.\n", encoding="utf-8")
    (folder / "b.txt").write_text(header.format("b") + "Israel and Syria met in Paris on Monday.\n", encoding="utf-8")
    later = tmp_path / "c.txt"
    later.write_text(header.format("c") + "Israel and Syria met in Baku on Sunday.\n", encoding="utf-8")
    kb = KnowledgeBase.memory()
    assert kb.ingest_text([folder], engine="rules").articles == 2
    assert kb.ingest_text([later], engine="rules").articles == 1
    again = kb.ingest_text([folder / "a.txt"], engine="rules")
    assert again.replaced == 1
    ids = sorted(r["a"].value.rsplit("/", 1)[-1] for r in kb.query("SELECT ?a WHERE { ?a a ckb:Article }").rows)
    assert ids == ["example-wire-2025-05-14", "example-wire-2025-05-14-2", "example-wire-2025-05-14-3"]
    drafts = [text for _, text, _ in kb.extract_folder(folder, engine="rules")]  # drafts only: the same ids
    assert ["  id: example-wire-2025-05-14" in drafts[0], "  id: example-wire-2025-05-14-2" in drafts[1]] == [True] * 2


def test_without_spacy_kb_extract_says_how_to_install_it_or_draft_by_rules(tmp_path):
    """A light install (no `extract` extra): the default engine says what to do, no traceback; --engine rules
    drafts as before. spaCy is hidden by a package of that name that cannot be imported, first on the path."""
    hidden = tmp_path / "nospacy" / "spacy"
    hidden.mkdir(parents=True)
    (hidden / "__init__.py").write_text("raise ImportError('not installed here')\n", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("published: 2025-05-14\npublisher: Example Wire\n\nTalks\n\n"
                       "Israel and Syria met in Paris on Tuesday.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(hidden.parent), "KB_STORE": str(tmp_path / "store")}
    exe = str(Path(sys.executable).with_name("kb"))
    parsed = subprocess.run([exe, "extract", str(article)], capture_output=True, text=True, env=env, timeout=120)
    assert parsed.returncode == 1 and "Traceback" not in parsed.stderr
    assert "pip install 'conflict-kb[extract]'" in parsed.stderr and "--engine rules" in parsed.stderr
    ruled = subprocess.run([exe, "extract", str(article), "--engine", "rules"], capture_output=True, text=True,
                           env=env, timeout=120)
    assert ruled.returncode == 0 and "type: talks" in ruled.stdout
