"""Reading an article's text for ``kb extract``: its header, its paragraphs, and its sentences as exact substrings.

Sentences are cut where a sentence ends, never inside "U.S." or "Mr.", and
kept as exact substrings of the text, so each draft's quote is found verbatim
in the article.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from kb.errors import ExtractError
from kb.ingest.inputs import read_bounded
from kb.model.actors import normalise, slug

__all__ = ["ArticleText", "LINK_TEXT", "read_article", "article_files", "split_sentences", "is_headline", "MAX_BYTES"]

MAX_BYTES = 2_000_000

# -- reading --------------------------------------------------------------

_HEADER = re.compile(r"^(url|publisher|published|title|excerpt):\s*(.*)$")
_INDEX_PREFIX = re.compile(r"^\s*date \d{4}-\d{2}-\d{2}\s*")  # the page index's own prefix (articles README)


@dataclass
class ArticleText:
    path: str
    title: str
    publisher: str
    published: dt.date
    url: str | None
    paragraphs: list[list[str]]  # sentences, exact substrings of the text
    given_id: str | None = None  # an id chosen for it (a second report of one outlet on one day: "-2")

    @property
    def id(self) -> str:
        """Its publisher and day, unless an id was chosen for it."""
        return self.given_id or f"{slug(self.publisher)}-{self.published.isoformat()}"


def article_files(folder: str | Path) -> list[Path]:
    """The articles (``*.txt``) of a folder, in name order."""
    return sorted(p for p in Path(folder).glob("*.txt") if p.is_file())


def read_article(
    path: str | Path,
    *,
    published: str | dt.date | None = None,
    publisher: str | None = None,
    title: str | None = None,
    url: str | None = None,
) -> ArticleText:
    """Read a plain-text article; the options override its header (``published:``, ``publisher:``, ...)."""
    path = Path(path)
    where = str(path)
    raw = read_bounded(path, MAX_BYTES, what="plain-text article", error=ExtractError)
    if b"\x00" in raw:
        raise ExtractError("a binary file, not a plain-text article", file=where)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ExtractError(
            f"not UTF-8 text (byte {exc.start}): a binary file, or save it as UTF-8", file=where
        ) from None
    if not text.strip():
        raise ExtractError("the file is empty", file=where)
    lines = text.splitlines()
    header: dict[str, str] = {}
    while lines and (m := _HEADER.match(lines[0].strip())):
        header[m.group(1)] = m.group(2).strip()
        lines.pop(0)
    body = [
        _INDEX_PREFIX.sub("", line) if n == 0 else line
        for n, line in enumerate([line for line in lines if line.strip()])
    ]
    publisher = publisher or header.get("publisher")
    if body and publisher and normalise(body[0]) == normalise(publisher):
        body.pop(0)  # a masthead line
    elif body and not publisher and len(body) > 2 and len(body[0].split()) <= 4 and not body[0].rstrip().endswith("."):
        publisher = body.pop(0).strip()  # a short masthead line before the headline
    if not body:
        raise ExtractError("no article text after the header", file=where)
    if title is None:
        title = header.get("title") or (body[0].strip() if is_headline(body[0]) else body[0].strip()[:120])
        if is_headline(body[0]):
            body.pop(0)
    if body and normalise(body[0]) == normalise(title):
        body.pop(0)  # headline repeated
    when = published or header.get("published")
    if not when or str(when).strip().lower() in ("unknown", "none", "?"):
        raise ExtractError(
            "no publication date: the text has no 'published:' header; pass --published DATE "
            "(relative dates such as 'on Tuesday' count from it)",
            file=where,
            field="published",
        )
    try:
        day = when if isinstance(when, dt.date) else dt.date.fromisoformat(str(when).strip())
    except ValueError:
        hint = "" if published else " in the 'published:' header; fix it, or pass --published YYYY-MM-DD"
        raise ExtractError(
            f"'{when}' is not a date (expected YYYY-MM-DD){hint}", file=where, field="published"
        ) from None
    if not publisher:
        raise ExtractError(
            "no publisher: the text has no 'publisher:' header; pass --publisher NAME", file=where, field="publisher"
        )
    paragraphs = [s for s in (split_sentences(p) for p in body) if s]
    return ArticleText(where, title, publisher, day, url or header.get("url"), paragraphs)


# a link to another story inside the text ("Also Read: Iran first denies Trump's ceasefire claim"), or a photo's
# caption ending in its credit ("... in Paris last week [Getty]"): not the report's own sentences
LINK_TEXT = re.compile(
    r"\s*(also read|read more|read also|related|see also|recommended|watch)\s*[:|–—-]"
    r"|.*[\[(](?:photo:?\s*)?(?:getty|getty images|afp|reuters|ap|epa|anadolu|file photo)[^\])]*[\])]\s*$",
    re.I,
)


def is_headline(line: str) -> bool:
    line = line.strip()
    return len(line.split()) <= 25 and not re.search(r"[.!?][”\"’]?$", line)


_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "gen",
    "sen",
    "rep",
    "gov",
    "lt",
    "col",
    "maj",
    "capt",
    "st",
    "no",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "vs",
    "etc",
    "inc",
    "corp",
    "jr",
    "sr",
    "prof",
    "pres",
}
_BOUNDARY = re.compile(r"[.!?][”\"’')\]]*\s+(?=[“\"'‘(\[]?[A-Z0-9])")


def split_sentences(paragraph: str) -> list[str]:
    """Sentences as exact substrings of ``paragraph`` (so a quote can be checked against the article)."""
    out, start = [], 0
    for m in _BOUNDARY.finditer(paragraph):
        before = paragraph[start : m.start() + 1]
        word = re.search(r"([\w.]+)\.$", before)
        if word:
            w = word.group(1).lower()
            if w in _ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)*[a-z]", w):  # "Gen.", "U.S.", "J."
                continue
        sentence = paragraph[start : m.end()].strip()
        if sentence:
            out.append(sentence)
        start = m.end()
    tail = paragraph[start:].strip()
    if tail:
        out.append(tail)
    return out
