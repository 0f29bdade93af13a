"""Issue 18 item 5: with `article: text-file:`, every quote must be in the article's text.

White space and the typesetting of quote marks and apostrophes do not count; a mistyped or paraphrased
quote is an error naming the event, and nothing is stored.
"""

from __future__ import annotations

import pytest

from kb import FactFileError, KnowledgeBase

TEXT = "Title\n\nThe talks between Israel and Syria were held in “Paris” on   Tuesday.\nIsraelʼs envoy said so.\n"
FILE = """article: {{id: q, title: T, publisher: P, published: 2026-01-06, text-file: {text}}}
events:
  - {{id: t, type: talks, date: Tuesday, parties: [Israel, Syria], quote: '{quote}'}}
"""
SAID = 'The talks between Israel and Syria were held in "Paris" on Tuesday.'


def _write(tmp_path, quote: str, text: str = "article.txt"):
    (tmp_path / "article.txt").write_text(TEXT, encoding="utf-8")
    path = tmp_path / "facts.yaml"
    path.write_text(FILE.format(text=text, quote=quote), encoding="utf-8")
    return path


@pytest.mark.parametrize("quote", [SAID, "Israel’s envoy said so.", "Israel''s  envoy said so."])  # '' : YAML's quote
def test_a_quote_in_the_text_passes_whatever_its_quote_marks_and_spaces(tmp_path, quote):
    kb = KnowledgeBase.memory()
    assert kb.ingest([_write(tmp_path, quote)]).events == 1


def test_a_quote_not_in_the_text_is_refused_naming_the_event(tmp_path):
    path = _write(tmp_path, SAID.replace("held", "hosted"))
    kb = KnowledgeBase.memory()
    before = kb.store.quad_count()
    with pytest.raises(FactFileError) as info:
        kb.ingest([path])
    assert str(info.value).startswith(f"{path}: event 1 (t): quote: not found in the article's text (")
    assert kb.store.quad_count() == before


def test_a_missing_text_file_is_refused_naming_the_field(tmp_path, run):
    path = _write(tmp_path, SAID, text="nowhere.txt")
    done = run("ingest", path)
    assert done.exit_code == 1 and f"error: {path}: article.text-file: " in done.output
    assert "no such file" in done.output and "Traceback" not in done.output
