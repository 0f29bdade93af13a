"""Fact files are read by libyaml with the limits checked on its event stream (issue 17 item 1).

The pure-Python loader (_LimitedLoader) is the reference: the fast path must
read every example to the same data and refuse every hostile input with the
same message.
"""

from __future__ import annotations

import pytest
import yaml

from kb.ingest import factfile
from kb.ingest.factfile import MAX_ALIASES, MAX_DEPTH, _check_events, _Limit, _LimitedLoader, _yaml

from helpers import EXAMPLES

pytestmark = pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML here is built without libyaml")


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem[:20])
def test_libyaml_reads_every_example_as_the_python_loader_does(path):
    text = path.read_text(encoding="utf-8")
    assert _yaml(text) == yaml.load(text, Loader=_LimitedLoader)  # noqa: S506


HOSTILE = {
    "deep": "a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n",
    "deep block": "".join(f"{'  ' * i}k{i}:\n" for i in range(MAX_DEPTH + 1)) + "  " * (MAX_DEPTH + 1) + "x\n",
    "many aliases": "a: &a x\nb: [" + ", ".join(["*a"] * (MAX_ALIASES + 1)) + "]\n",
    "laughs": "a: &a [" + ",".join(['"' + "x" * 1000 + '"'] * 9) + "]\n"
              + "".join(f"{c}: &{c} [" + ",".join([f"*{p}"] * 9) + "]\n" for p, c in zip("abcd", "bcde")),
    "anchored scalar": "a: &a '" + "x" * 1_000_000 + "'\nb: [" + ", ".join(["*a"] * 11) + "]\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_the_event_stream_check_refuses_what_the_python_loader_refuses(name):
    text = HOSTILE[name]
    with pytest.raises(_Limit) as reference:
        yaml.load(text, Loader=_LimitedLoader)  # noqa: S506
    with pytest.raises(_Limit) as fast:
        _check_events(yaml.parse(text, Loader=yaml.CSafeLoader))
    assert str(fast.value) == str(reference.value)


def test_a_syntax_error_is_reported_as_the_python_parser_words_it():
    with pytest.raises(factfile.FactFileError) as caught:
        factfile.loads("article:\n\ttitle: x\n", name="tabs.yaml")
    assert str(caught.value) == "tabs.yaml: invalid YAML at line 2, column 1: found character '\\t' that cannot start any token"
