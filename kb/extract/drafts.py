"""What ``kb extract`` drafts: events with the reasons for each choice, written as a fact file to review."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from kb.extract.reader import ArticleText
from kb.model.actors import Actor
from kb.model.vocab import REQUIRED_ROLES

__all__ = ["DraftEvent", "to_yaml"]


@dataclass
class DraftEvent:
    type: str
    roles: dict[str, list[Actor]]
    date: str
    quotes: list[str]
    notes: list[str] = field(default_factory=list)
    subtype: str | None = None
    status: str | None = None
    place: str | None = None
    confidence: str = "reported"
    attribution: list[str] = field(default_factory=list)
    dated: bool = True  # False when the sentence gave no date ("until today")
    trigger: tuple[int, int] = (0, 0)  # where its trigger stands in the sentence
    distinct: bool = False  # "a previous ceasefire": another event than any the article tells, never merged

    def key_actors(self) -> frozenset[str]:
        return frozenset(a.key for role in REQUIRED_ROLES[self.type] for a in self.roles.get(role, ()))


# -- writing -----------------------------------------------------------------------


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def to_yaml(article: ArticleText, events: list[DraftEvent], *, extracted_by: str | None = None) -> str:
    """The draft fact file: the normal format, with ``# extract:`` comments on every choice."""
    lines = [
        f"# Draft facts extracted by `kb extract` from {article.path}.",
        "# Review each event against its quote before ingesting; '# extract:' lines say why it is here.",
        "article:",
        f"  id: {article.id}",
        f"  title: {_q(article.title)}",
        f"  publisher: {_q(article.publisher)}",
        f"  published: {article.published.isoformat()}",
    ]
    if article.url:
        lines.append(f"  url: {_q(article.url)}")
    if extracted_by:
        lines.append(f"  extracted-by: {_q(extracted_by)}")
    proposed = {
        a.key: a
        for ev in events
        for actors in ev.roles.values()
        for a in actors
        if a.source and "kb extract" in a.source
    }
    if proposed:
        lines += ["", "actors:  # names the registry does not know, proposed from the parse: check each"]
        for a in proposed.values():
            represents = f", represents: {_q(a.represents[0])}" if a.represents else ""
            lines.append(f"  - {{name: {_q(a.name)}, type: {a.type}{represents}}}")
    lines += ["", "events:"] if events else ["", "events: []  # no event trigger with enough known actors"]
    counts: dict[str, int] = {}
    for ev in events:
        counts[ev.type] = counts.get(ev.type, 0) + 1
        lines.append(f"  - id: {ev.type}-{counts[ev.type]}")
        for note in ev.notes:
            lines.append(f"    # extract: {note}")
        if ev.attribution:
            lines.append(
                f"    # extract: attributed to {', '.join(dict.fromkeys(ev.attribution))} (reported speech, "
                "not an actor)"
            )
        lines.append(f"    type: {ev.type}")
        if ev.subtype:
            lines.append(f"    subtype: {ev.subtype}")
        if ev.status:
            lines.append(f"    status: {ev.status}")
        lines.append(f"    date: {_q(ev.date)}")
        if ev.place:
            lines.append(f"    place: {_q(ev.place)}")
        for role, actors in ev.roles.items():
            lines.append(f"    {role}: [{', '.join(_q(a.name) for a in actors)}]")
        lines.append(f"    confidence: {ev.confidence}")
        lines.append("    quote:")
        lines += [f"      - {_q(q)}" for q in ev.quotes]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
