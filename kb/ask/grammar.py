"""``kb ask``: the questions people type, answered by named SPARQL they can see.

A small grammar, not a language model: each form below is a pattern over the
question, a named query in ``kb/ask/queries/`` and the values it binds.
Actor names go through the registry (aliases, demonyms, "Israel–Syria",
"Israeli-Syrian", "between Israel and Syria"); dates through the time rules,
counted from today. The values are written into the query as RDF terms (IRIs
from the registry, typed dates; :func:`kb.read.binding.bind`), never as the
user's text, and that filled-in query is both what runs and what ``--show-sparql`` prints,
so it can be run again with ``kb query``. A question outside the grammar gets
the closest supported forms, never a guess.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from kb.errors import ActorError, DateError, KBError
from kb.model.dates import window
from kb.model.namespace import CKB
from kb.model.vocab import CONFIDENCES
from kb.read.binding import bind
from kb.read.query import with_includes

__all__ = ["Answer", "FORMS", "ask"]

# columns the queries build with GROUP_CONCAT, whose order SPARQL leaves open: sorted here
_LISTS = {"via": ", ", "for_a": ", ", "sources": "; ", "status": ", ", "who": ", ", "to_whom": ", "}
_DATE = r"(?P<window> (?:after|before|since|until|in|during) .+| between .+ and .+)?"
_MEET = r"(?:meet|met|hold talks|held talks|talk|negotiate)"


@dataclass(frozen=True)
class Form:
    name: str
    query: str  # kb/ask/queries/<query>.rq
    example: str
    patterns: tuple[str, ...]
    columns: tuple[str, ...]
    binds: Callable[[dict[str, str]], dict[str, Any]] = field(default=lambda m: {})
    pick: str | None = None  # "first" / "last": keep one row


def _kind(m: dict[str, str]) -> dict[str, Any]:
    word = (m.get("kind") or "").rstrip("s")
    kinds = {
        "airstrike": CKB.Airstrike,
        "air strike": CKB.Airstrike,
        "strike": CKB.MilitaryAction,
        "occupation": CKB.Occupation,
        "ground incursion": CKB.GroundIncursion,
        "incursion": CKB.GroundIncursion,
        "shelling": CKB.Shelling,
        "attack": CKB.MilitaryAction,
        "military action": CKB.MilitaryAction,
    }
    return {"kind": kinds.get(word, CKB.MilitaryAction)}


FORMS = (
    Form(
        "mediated",
        "mediated",
        "who mediated Israel–Syria talks after Dec 2024",
        (
            rf"who (?:mediated|brokered|hosted|oversaw|facilitated)(?: the)? (?P<pair>.+?) "
            rf"(?:talks|negotiations|meetings?){_DATE}",
            rf"who (?:mediated|brokered|hosted|oversaw|facilitated)(?: the)? (?:talks|negotiations|meetings?)? ?"
            rf"between (?P<a>.+?) and (?P<b>.+?){_DATE}",
        ),
        ("mediator", "via", "when", "place", "label", "sources", "confidence", "articles"),
    ),
    Form(
        "agreements",
        "agreements",
        "what agreements did Israel and Syria reach since 2025",
        (
            rf"(?:what|which) (?:agreements?|deals?) (?:did|have) (?P<a>.+?) and (?P<b>.+?) "
            rf"(?:reach|reached|sign|signed|make|made|conclude|concluded|agree on|agreed on){_DATE}",
        ),
        ("when", "agreement", "status", "sources", "confidence", "articles"),
    ),
    Form(
        "military",
        "military",
        "which airstrikes did Israel carry out in Syria in 2025",
        (
            rf"(?:which|what) (?P<kind>military actions?|air ?strikes?|strikes?|occupations?|ground incursions?|"
            rf"incursions?|shelling|attacks?) (?:did|has|have) (?P<a>.+?) "
            rf"(?:carry out|carried out|launch|launched|make|conduct|conducted) (?:in|against|on) (?P<b>.+?){_DATE}",
        ),
        ("when", "type", "action", "place", "sources", "confidence", "articles"),
        _kind,
    ),
    Form(
        "where",
        "meetings",
        "where did Israel and Syria meet in 2025",
        (rf"where (?:did|have) (?P<a>.+?) and (?P<b>.+?) {_MEET}{_DATE}",),
        ("when", "place", "talks", "sources", "confidence", "articles"),
    ),
    Form(
        "represented",
        "meetings",
        "who represented Israel in talks with Syria",
        (
            rf"who (?:represented|spoke for|negotiated for|led the delegation of) (?P<a>.+?) in (?:the )?"
            rf"(?:talks|negotiations|meetings?) with (?P<b>.+?){_DATE}",
        ),
        ("when", "for_a", "place", "talks", "sources", "confidence", "articles"),
    ),
    Form(
        "last",
        "meetings",
        "when did Israel and Syria last meet",
        (
            rf"when (?:did|have) (?P<a>.+?) and (?P<b>.+?) last {_MEET}{_DATE}",
            rf"when was the last meeting between (?P<a>.+?) and (?P<b>.+?){_DATE}",
        ),
        ("when", "place", "talks", "sources", "confidence", "articles"),
        pick="last",
    ),
    Form(
        "first",
        "meetings",
        "when did Israel and Syria first meet",
        (
            rf"when (?:did|have) (?P<a>.+?) and (?P<b>.+?) first {_MEET}{_DATE}",
            rf"when was the first meeting between (?P<a>.+?) and (?P<b>.+?){_DATE}",
        ),
        ("when", "place", "talks", "sources", "confidence", "articles"),
        pick="first",
    ),
    Form(
        "happened",
        "happened",
        "what happened between Israel and Syria since 2025",
        (rf"what (?:happened|has happened|went on|occurred) between (?P<a>.+?) and (?P<b>.+?){_DATE}",),
        ("when", "type", "what", "place", "sources", "confidence", "articles"),
    ),
    Form(
        "proposed",
        "proposals",
        "who proposed what to whom since 2025",
        (
            rf"who (?P<verb>proposed|suggested|offered|demanded|called for|asked for) what"
            rf"(?: to whom| of whom| from whom)?{_DATE}",
        ),
        ("when", "who", "what", "to_whom", "sources", "confidence", "articles"),
        lambda m: {"kind": CKB.Demand if m.get("verb") in ("demanded", "called for", "asked for") else CKB.Proposal},
    ),
)


@dataclass
class Answer:
    """The rows, the query that found them (runnable with ``kb query``), and how the question was read."""

    question: str
    form: str
    columns: list[str]
    rows: list[dict[str, Any]]
    sparql: str
    bound: dict[str, str]  # variable -> value as the user means it (actor name, date)

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "form": self.form,
            "bound": self.bound,
            "columns": self.columns,
            "rows": self.rows,
            "sparql": self.sparql,
        }


@cache
def _query_text(name: str) -> str:
    """A form's query, with each ``#include NAME`` line replaced by ``NAME.rqi`` (kb/read/query.with_includes).

    The six queries share what "happened" means, how confidence is ranked, which label is shown and what an
    event's window is; they say it once, in the fragments, and ``--show-sparql`` prints the query whole.
    """
    text = resources.files("kb.ask.queries").joinpath(f"{name}.rq").read_text(encoding="utf-8")
    return with_includes(text, "kb.ask.queries")


def _normalise(question: str) -> str:
    q = question.strip().lower()
    q = re.sub(r"[–—‐‑]", "-", q)  # en dash, em dash, hyphens
    q = re.sub(r"[?.!]+$", "", q).strip()
    q = re.sub(r"\s+", " ", q)
    q = re.sub(r"^(?:please )?(?:tell me |show me )?", "", q)
    return q


def _split_pair(text: str, resolve, resolve_first: Callable[[str], Any] | None = None) -> tuple[Any, Any]:
    """'israel-syria', 'israeli-syrian', 'indo-pakistani', 'israel and syria': the one split where both sides
    are actors (before a hyphen, a combining form such as 'indo' or 'sino' counts: ``resolve_first``)."""
    text = re.sub(r"^(?:the )", "", text.strip())
    found = []
    for m in re.finditer(r" ?(?:-|/| and | & ) ?", text):
        left, right = text[: m.start()].strip(), text[m.end() :].strip()
        first = resolve_first if resolve_first is not None and m.group().strip() == "-" else resolve
        try:
            found.append((first(left), resolve(right)))
        except ActorError:
            continue
    if len(found) == 1:
        return found[0]
    if not found:
        raise KBError(f"cannot read two actors in '{text}'; write them as 'Israel–Syria' or 'Israel and Syria'")
    raise KBError(f"'{text}' can be read as two actors in more than one way; write 'A and B'")


def _window(text: str | None, today: dt.date | None) -> tuple[dt.date, dt.date, str | None]:
    if not text:
        return dt.date(1, 1, 1), dt.date(9999, 12, 31), None
    text = text.strip()
    m = re.fullmatch(r"between (.+) and (.+)", text)
    try:
        if m:
            win = window(since=m.group(1), until=m.group(2), ref=today)
        else:
            word, value = text.split(" ", 1)
            key = {"after": "after", "before": "before", "since": "since", "until": "until"}.get(word)
            win = window(**{key: value}, ref=today) if key else window(since=value, until=value, ref=today)
    except DateError as exc:
        raise KBError(f"in '{text}': {exc}") from None
    return max(win.first, dt.date(1, 1, 1)), min(win.last, dt.date(9999, 12, 31)), text


def closest_forms(question: str, n: int = 3) -> list[str]:
    examples = [f.example for f in FORMS]
    close = difflib.get_close_matches(_normalise(question), [_normalise(e) for e in examples], n=n, cutoff=0)
    return [examples[[_normalise(e) for e in examples].index(c)] for c in close]


def ask(
    question: str,
    *,
    resolve: Callable[[str], Any],
    actor_iri: Callable[[Any], Any],
    run: Callable[[str], Any],
    today: dt.date | None = None,
    resolve_first: Callable[[str], Any] | None = None,
) -> Answer:
    """Answer ``question`` with the form it matches; :class:`KBError` when it matches none.

    ``resolve_first`` reads the first half of a hyphenated pair ("indo" in "indo-pakistani").
    """
    q = _normalise(question)
    for form in FORMS:
        for pattern in form.patterns:
            m = re.fullmatch(pattern, q)
            if m is None:
                continue
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            return _answer(question, form, groups, resolve, actor_iri, run, today, resolve_first)
    suggestions = "\n".join(f"  {e}" for e in closest_forms(question))
    raise KBError(
        f"cannot answer '{question.strip()}': it matches none of the question forms kb ask knows. "
        f"The closest are:\n{suggestions}\n(all forms: kb ask --help)"
    )


def _answer(question, form: Form, groups, resolve, actor_iri, run, today, resolve_first=None) -> Answer:
    bound: dict[str, str] = {}
    values: dict[str, Any] = {}
    if "pair" in groups:
        a, b = _split_pair(groups["pair"], resolve, resolve_first)
    elif "a" in groups:
        a = resolve(groups["a"].removeprefix("the ").strip())
        b = resolve(groups["b"].removeprefix("the ").strip())
    else:
        a = b = None
    if a is not None:
        if a.key == b.key:
            raise KBError(f"'{a.name}' twice: name two different actors")
        values.update(a=actor_iri(a), b=actor_iri(b))
        bound.update(a=a.name, b=b.name)
    first, last, window_text = _window(groups.get("window"), today)
    values.update(first=first, last=last)
    if window_text:
        bound["window"] = window_text
    values.update(form.binds(groups))
    sparql = bind(_query_text(form.query), values)
    result = run(sparql)
    rows: list[dict[str, Any]] = result.records  # plain Python values, as QueryResult.records
    for row in rows:
        for column, sep in _LISTS.items():
            if row.get(column):
                row[column] = sep.join(sorted(row[column].split(sep)))
            elif column in row:
                row[column] = None
        # how sure: the firmest confidence any source gives (unstated counts as reported), and how many
        # articles report it, so a claim only one side makes reads as one
        row["confidence"] = list(CONFIDENCES)[int(row.pop("firmest"))]
        claimants = row.pop("claimedBy", None)
        if row["confidence"] == "claimed" and claimants:  # whose claim, as the fact file's claimed-by says
            row["confidence"] = "claimed by " + ", ".join(sorted(claimants.split(", ")))
        row["articles"] = int(row["articles"])
    if form.pick and rows:  # the first or last day, with every meeting held on it
        edge = rows[0 if form.pick == "first" else -1]["when"]
        rows = [r for r in rows if r["when"] == edge]
    if form.name == "represented":
        rows = [r for r in rows if r.get("for_a")]
    return Answer(question.strip(), form.name, list(form.columns), rows, sparql, bound)
