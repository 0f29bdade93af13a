"""Read fact files: the YAML (or JSON) a person writes about one article.

This module only checks shape — which keys exist, which values are strings
or lists, which event types and roles are known — and hands on plain
dataclasses. Names and dates are resolved in :mod:`kb.ingest.resolve`. Every problem
is a :class:`~kb.errors.FactFileError` that names the file, the event and the
field, because the person fixing it has the file open, not the code.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kb.errors import FactFileError, FactFileErrors
from kb.ingest.inputs import read_bounded
from kb.model.actors import (
    ACTOR_TYPES,
    NOT_REPRESENTING,
    REPRESENTING_TYPES,
    Actor,
    actor_from_dict,
    normalise,
    slug,
)
from kb.model.vocab import AGREEMENT_STATUSES, CONFIDENCES, EVENT_TYPES, OCCURRENCE_STATUSES, ROLES, STATUSES

__all__ = [
    "Article",
    "ActorDecl",
    "PlaceDecl",
    "EventFacts",
    "FactFile",
    "load",
    "loads",
    "find_fact_files",
    "FACT_FILE_SUFFIXES",
    "BULK_SUFFIXES",
]

FACT_FILE_SUFFIXES = (".yaml", ".yml", ".json", ".jsonl", ".ndjson")  # the last two: the bulk path
BULK_SUFFIXES = (".jsonl", ".ndjson")  # JSON Lines: streamed by kb.ingest.bulk
MAX_FILE_BYTES = 5 * 1024 * 1024  # a fact file describes one article; more is a mistake
_SURROGATE = re.compile("[\ud800-\udfff]")
MAX_DEPTH = 32  # a fact file nests four levels deep; more is a mistake or an attack
MAX_ALIASES = 100  # YAML aliases (*x); a "billion laughs" file uses them to explode in size
MAX_EXPANDED = 2 * MAX_FILE_BYTES  # text the aliases may add: 99 aliases of one 4 MB quote would be 400 MB


class _LimitedLoader(yaml.SafeLoader):
    """PyYAML's safe loader (no Python objects), with limits on nesting and aliases."""

    def __init__(self, stream) -> None:
        super().__init__(stream)
        self._depth = 0
        self._aliases = 0
        self._expanded = 0  # characters the aliases so far repeat
        self._sizes: dict[int, int] = {}

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise _Limit(f"more than {MAX_ALIASES} YAML aliases (*name); write the values out")
            anchored = self.anchors.get(self.peek_event().anchor)
            if anchored is not None:
                self._expanded += _size(anchored, self._sizes)
                if self._expanded > MAX_EXPANDED:
                    raise _Limit(
                        f"YAML aliases (*name) would repeat more than {MAX_EXPANDED:,} characters of "
                        "text; write the values out"
                    )
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Limit(f"nested more than {MAX_DEPTH} levels deep")
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _size(node: yaml.Node, sizes: dict[int, int]) -> int:
    """Characters of scalar text in a composed node, counting each repetition (memoised per node)."""
    known = sizes.get(id(node))
    if known is not None:
        return known
    if isinstance(node, yaml.ScalarNode):
        total = len(node.value)
    elif isinstance(node, yaml.MappingNode):
        total = sum(_size(k, sizes) + _size(v, sizes) for k, v in node.value)
    else:
        total = sum(_size(item, sizes) for item in node.value)
    sizes[id(node)] = total
    return total


class _Limit(Exception):
    pass


def _yaml(text: str) -> Any:
    """Safe-load YAML with libyaml (ten times faster than PyYAML's Python parser), limits checked first.

    libyaml's composer is C, so the limits are checked on its event stream
    (:func:`_check_events`) before it loads. On a syntax error the Python
    parser reads the text again, to report it: it finds the same error at
    the same place and says more ("found character '\\t' that cannot start
    any token", where libyaml leaves out the character).
    """
    if getattr(yaml, "__with_libyaml__", False):
        try:
            _check_events(yaml.parse(text, Loader=yaml.CSafeLoader))
            return yaml.load(text, Loader=yaml.CSafeLoader)  # noqa: S506 (a safe loader)
        except yaml.YAMLError:
            pass
    return yaml.load(text, Loader=_LimitedLoader)  # noqa: S506 (a SafeLoader)


def _check_events(events) -> None:
    """:class:`_LimitedLoader`'s limits — nesting, aliases, text aliases repeat — on a parser's events."""
    depth = aliases = expanded = 0
    sizes: dict[str, int] = {}  # anchor -> characters of scalar text in its node, repetitions included
    open_anchors: list[list] = []  # [anchor, characters so far, depth] of anchored collections being read
    for event in events:
        if isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                raise _Limit(f"more than {MAX_ALIASES} YAML aliases (*name); write the values out")
            size = sizes.get(event.anchor or "", 0)
            expanded += size
            if expanded > MAX_EXPANDED:
                raise _Limit(
                    f"YAML aliases (*name) would repeat more than {MAX_EXPANDED:,} characters of text; "
                    "write the values out"
                )
            for anchored in open_anchors:
                anchored[1] += size
        elif isinstance(event, yaml.ScalarEvent):
            if depth + 1 > MAX_DEPTH:
                raise _Limit(f"nested more than {MAX_DEPTH} levels deep")
            for anchored in open_anchors:
                anchored[1] += len(event.value)
            if event.anchor:
                sizes[event.anchor] = len(event.value)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise _Limit(f"nested more than {MAX_DEPTH} levels deep")
            if event.anchor:
                open_anchors.append([event.anchor, 0, depth])
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            if open_anchors and open_anchors[-1][2] == depth:
                anchor, size, _ = open_anchors.pop()
                sizes[anchor] = size
            depth -= 1


_EVENT_KEYS = frozenset(
    {
        "id",
        "type",
        "subtype",
        "date",
        "start",
        "end",
        "place",
        "status",
        "name",
        "result-of",
        "summary",
        "quote",
        "same-as",
        "about",
        "content",
        "confidence",
        "claimed-by",
        *ROLES,
    }
)
_ARTICLE_KEYS = frozenset({"id", "title", "publisher", "published", "url", "extracted-by", "text-file"})
_ACTOR_KEYS = frozenset({"name", "type", "title", "represents", "from", "until", "aliases"})
_MANDATE_KEYS = frozenset({"actor", "title", "from", "until"})
_PLACE_KEYS = frozenset({"name", "aliases", "country", "latitude", "longitude", "geonames"})
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def valid_id(text: str) -> bool:
    """Whether ``text`` could be an article or event id (letters, digits, '-', '_', '.')."""
    return bool(_ID.fullmatch(text))


DateValue = str | int | dt.date


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    publisher: str
    published: dt.date
    url: str | None = None
    extracted_by: str | None = None  # the program that drafted these facts unreviewed (kb ingest --from-text)
    text_file: str | None = None  # the article's text, as written in the file (every quote is checked against it)


@dataclass(frozen=True)
class ActorDecl:
    actor: Actor
    index: int  # 1-based position in the actors: block, for messages


@dataclass(frozen=True)
class PlaceDecl:
    """A place no shipped gazetteer holds, as a fact file's ``places:`` block describes it."""

    index: int  # 1-based position in the places: block, for messages
    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None  # a state's name, resolved through the registry
    latitude: float | None = None
    longitude: float | None = None
    geonames: int | None = None  # its GeoNames id, when it has one


@dataclass(frozen=True)
class EventFacts:
    index: int  # 1-based position in the file, for messages
    id: str
    type: str
    subtype: str | None
    date: DateValue | None
    start: DateValue | None
    end: DateValue | None
    place: str | None
    roles: dict[str, tuple[str, ...]]
    status: str | None
    name: str | None
    result_of: str | None
    summary: str | None
    quotes: tuple[str, ...]  # one sentence each, verbatim
    same_as: str | None = None  # an event already in the store: "article-id/event-id" or its IRI
    about: tuple[str, ...] = ()  # events a statement is about: ids in this file or store references
    content: str | None = None
    confidence: str | None = None
    claimed_by: tuple[str, ...] = ()  # who claims it (confidence claimed)


@dataclass(frozen=True)
class FactFile:
    path: str
    article: Article
    actors: tuple[ActorDecl, ...] = ()
    events: tuple[EventFacts, ...] = field(default=())
    places: tuple[PlaceDecl, ...] = ()


def find_fact_files(paths: list[str | Path]) -> list[Path]:
    """Expand folders into the fact files below them, sorted for stable order."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in FACT_FILE_SUFFIXES))
        elif path.is_file():
            found.append(path)
        elif path.exists():
            raise FactFileError(
                "not a regular file (a device, pipe or socket); give a fact file or a folder", file=str(path)
            )
        else:
            raise FactFileError("no such file or folder", file=str(path))
    return found


def load(path: str | Path) -> FactFile:
    """Read and check one fact file.

    >>> load("examples/israel-syria/00-washington-examiner-israel-syria-security-deal.yaml").article.published
    datetime.date(2026, 1, 6)
    """
    path = Path(path)
    raw = read_bounded(path, MAX_FILE_BYTES, what="fact file", error=FactFileError)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FactFileError(f"not UTF-8 text (byte {exc.start})", file=str(path)) from None
    ff = loads(text, name=str(path), json_syntax=path.suffix.lower() == ".json")
    if ff.article.text_file is not None:
        check_quotes(ff, path.parent / ff.article.text_file)
    return ff


# Quote marks and apostrophes as typesetting varies them, and runs of white space, do not make a quote another.
_QUOTE_MARKS = str.maketrans({c: '"' for c in "“”„‟«»″"} | {c: "'" for c in "‘’‚‛ʼ′`"})


def _comparable(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(_QUOTE_MARKS)).strip()


def check_quotes(ff: FactFile, text_path: Path) -> None:
    """Every quote of ``ff`` is in the article's text (white space and quote marks aside), or a located error.

    A fact file names its article's text with ``article: text-file:`` (relative to the fact file); a quote
    mistyped, shortened or paraphrased is then refused, naming the event, instead of being stored as evidence.
    """
    try:
        raw = read_bounded(text_path, MAX_FILE_BYTES, what="article text", error=FactFileError)
        text = _comparable(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise FactFileError(f"{text_path}: not UTF-8 text", file=ff.path, field="article.text-file") from None
    except FactFileError as exc:
        raise FactFileError(str(exc), file=ff.path, field="article.text-file") from None
    for ev in ff.events:
        for quote in ev.quotes:
            if _comparable(quote) not in text:
                raise FactFileError(
                    f"not found in the article's text ({text_path}): {quote[:80]!r}",
                    file=ff.path,
                    index=ev.index,
                    event_id=ev.id,
                    field="quote",
                )


def loads(text: str, *, name: str = "<string>", json_syntax: bool = False) -> FactFile:
    """Check a fact file given as text; ``name`` is used in messages."""
    try:
        data = _json(text) if json_syntax else _yaml(text)
    except _Limit as exc:
        raise FactFileError(f"refused: {exc}", file=name) from None
    except json.JSONDecodeError as exc:
        raise FactFileError(f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}", file=name) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise FactFileError(f"invalid YAML{where}: {problem}", file=name) from None
    except RecursionError:
        raise FactFileError("the document is nested too deeply", file=name) from None
    except (ValueError, OverflowError) as exc:  # PyYAML builds dates itself: 2025-02-30 raises here
        raise FactFileError(f"invalid value: {exc}", file=name) from None
    if data is None:
        raise FactFileError("the file is empty; expected article: and events:", file=name)
    if not isinstance(data, dict):
        raise FactFileError(f"expected a mapping with article: and events:, got {_kind(data)}", file=name)
    unknown = set(data) - {"article", "actors", "places", "events"}
    if unknown:
        raise FactFileError(
            f"unknown top-level key(s) {_names(unknown)}; expected article, actors, places, events", file=name
        )

    article = _article(data.get("article"), name)
    actors = tuple(_actor(item, i, name) for i, item in enumerate(_list(data.get("actors"), name, "actors"), 1))
    places = tuple(_place(item, i, name) for i, item in enumerate(_list(data.get("places"), name, "places"), 1))
    seen_places: dict[str, int] = {}
    for decl in places:
        for written in (decl.name, *decl.aliases):
            other = seen_places.setdefault(normalise(written), decl.index)
            if other != decl.index:
                raise FactFileError(
                    f"'{written}' names place {other} too",
                    file=name,
                    index=decl.index,
                    section="place",
                    event_id=decl.name,
                    field="name" if written == decl.name else "aliases",
                )
    events_raw = _list(data.get("events"), name, "events")
    if not events_raw:
        raise FactFileError("no events: a fact file states at least one event", file=name, field="events")
    errors: list[FactFileError] = []  # every event's problems, reported together
    checked = []
    for i, item in enumerate(events_raw, 1):
        try:
            checked.append(_event(item, i, name))
        except FactFileError as exc:
            errors.append(exc)
    events = tuple(checked)
    seen: dict[str, int] = {}
    for ev in events:
        if ev.id in seen:
            errors.append(
                FactFileError(
                    f"duplicate id; event {seen[ev.id]} has it too",
                    file=name,
                    index=ev.index,
                    event_id=ev.id,
                    field="id",
                )
            )
        seen.setdefault(ev.id, ev.index)
    ids = seen if len(events) == len(events_raw) else {str(e.get("id")) for e in events_raw if isinstance(e, dict)}
    for ev in events:
        if ev.result_of is not None and ev.result_of not in ids:
            errors.append(
                FactFileError(
                    f"no event with id '{ev.result_of}' in this file",
                    file=name,
                    index=ev.index,
                    event_id=ev.id,
                    field="result-of",
                )
            )
        if ev.same_as is not None and ev.same_as in ids:
            errors.append(
                FactFileError(
                    "same-as names an event of this file; two events of one article are two events",
                    file=name,
                    index=ev.index,
                    event_id=ev.id,
                    field="same-as",
                )
            )
    if errors:
        raise FactFileErrors.of(sorted(errors, key=lambda e: e.index or 0))
    return FactFile(name, article, actors, events, places)


def _json(text: str) -> Any:
    data = json.loads(text)
    _check_depth(data)
    return data


def _check_depth(data: Any) -> None:
    """The same nesting limit as for YAML."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise _Limit(f"nested more than {MAX_DEPTH} levels deep")
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)


def check_depth(data: Any) -> None:
    """Refuse JSON (one JSON Lines event, say) nested deeper than a fact file ever is."""
    try:
        _check_depth(data)
    except _Limit as exc:
        raise FactFileError(f"refused: {exc}") from None


def article_from(value: Any, where: str) -> Article:
    """Check one article mapping, as in a fact file (the bulk path reads them one per line)."""
    return _article(value, where)


def event_from(value: Any, index: int, where: str) -> EventFacts:
    """Check one event mapping, as in a fact file (the bulk path reads them one per line)."""
    return _event(value, index, where)


def _kind(value: Any) -> str:
    return {
        list: "a list",
        dict: "a mapping",
        str: "a string",
        int: "a number",
        float: "a number",
        bool: "true/false",
    }.get(type(value), type(value).__name__)


def _names(keys) -> str:
    return ", ".join(f"'{k}'" for k in sorted(map(str, keys)))


def _list(value: Any, file: str, key: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise FactFileError(f"expected a list, got {_kind(value)}", file=file, field=key)
    return value


def _text(value: Any, err) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise err(f"expected text, got {_kind(value)}")
    text = str(value).strip()
    if not text:
        raise err("is empty")
    if _SURROGATE.search(text):  # JSON's \ud800 escapes make text no RDF store can hold
        raise err("text that is not valid Unicode (a lone surrogate such as \\ud800)")
    return text


def _article(value: Any, file: str) -> Article:
    def err(message: str, key: str | None = None) -> FactFileError:
        return FactFileError(message, file=file, field=f"article.{key}" if key else "article")

    if not isinstance(value, dict):
        raise err("missing or not a mapping; expected {title, publisher, published, url}")
    unknown = set(value) - _ARTICLE_KEYS
    if unknown:
        raise err(f"unknown key(s) {_names(unknown)}; expected {_names(_ARTICLE_KEYS)}")
    title = _text(value.get("title"), lambda m: err(m, "title"))
    publisher = _text(value.get("publisher"), lambda m: err(m, "publisher"))
    if title is None:
        raise err("is required", "title")
    if publisher is None:
        raise err("is required", "publisher")
    published = _published(value.get("published"), lambda m: err(m, "published"))
    url = _text(value.get("url"), lambda m: err(m, "url"))
    if url is not None and not re.match(r"https?://\S+$", url):
        raise err("must be an http(s) URL", "url")
    given_id = _text(value.get("id"), lambda m: err(m, "id"))
    if given_id is not None and not _ID.fullmatch(given_id):
        raise err("use letters, digits, '-', '_' and '.' only", "id")
    article_id = given_id or _default_article_id(publisher, published, url or title)
    extracted_by = _text(value.get("extracted-by"), lambda m: err(m, "extracted-by"))
    text_file = _text(value.get("text-file"), lambda m: err(m, "text-file"))
    return Article(article_id, title, publisher, published, url, extracted_by, text_file)


def _default_article_id(publisher: str, published: dt.date, key: str) -> str:
    """Readable and stable: the same article always gets the same id (and IRIs)."""
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:6]
    return f"{published.isoformat()}-{slug(publisher)[:40].strip('-')}-{digest}"


def _published(value: Any, err) -> dt.date:
    if value is None:
        raise err("is required: relative dates in the events are resolved against it")
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise err(f"expected an ISO day such as 2026-01-06, got {value!r}")


def _declaration(
    value: Any, index: int, file: str, section: str, keys: frozenset[str], what: str
) -> tuple[dict, Callable[..., FactFileError]]:
    """What every entry of an ``actors:`` or ``places:`` block must be: a mapping of known keys with a name.

    Returns it with the error maker that locates its problems (``FILE: actor N (name): field: message``).
    """
    name = value.get("name") if isinstance(value, dict) else None

    def err(message: str, key: str | None = None) -> FactFileError:
        return FactFileError(
            message,
            file=file,
            index=index,
            section=section,
            event_id=name if isinstance(name, str) else None,
            field=key,
        )

    if not isinstance(value, dict):
        raise err(f"expected a mapping with {what}, got {_kind(value)}")
    unknown = set(value) - keys
    if unknown:
        raise err(f"unknown key(s) {_names(unknown)}; expected {_names(keys)}")
    if _text(value.get("name"), lambda m: err(m, "name")) is None:
        raise err("is required", "name")
    return value, err


def _actor(value: Any, index: int, file: str) -> ActorDecl:
    value, err = _declaration(value, index, file, "actor", _ACTOR_KEYS, "name and type")
    kind = _text(value.get("type"), lambda m: err(m, "type"))
    if kind not in ACTOR_TYPES:
        raise err(f"expected one of {', '.join(ACTOR_TYPES)}, got {kind!r}", "type")
    for key in ("title", "from", "until"):
        if key in value and not isinstance(value[key], (dt.date, int)):
            _text(value[key], lambda m, k=key: err(m, k))
    for alias in _list(value.get("aliases"), file, "aliases"):
        _text(alias, lambda m: err(m, "aliases"))
    represents = value.get("represents")
    if represents is not None:
        if kind not in REPRESENTING_TYPES:
            raise err(NOT_REPRESENTING, "represents")
        for item in represents if isinstance(represents, list) else [represents]:
            if isinstance(item, dict):
                extra = set(item) - _MANDATE_KEYS
                if extra or "actor" not in item:
                    raise err(f"a mandate is {{actor, title, from, until}}; got {_names(item)}", "represents")
                _text(item["actor"], lambda m: err(m, "represents"))
            else:
                _text(item, lambda m: err(m, "represents"))
    elif "from" in value or "until" in value:
        raise err("from/until date a mandate: give represents too", "from" if "from" in value else "until")
    return ActorDecl(actor_from_dict({k: v for k, v in value.items()}, source=file), index)


def _place(value: Any, index: int, file: str) -> PlaceDecl:
    value, err = _declaration(value, index, file, "place", _PLACE_KEYS, "a name")
    text = str(value["name"]).strip()
    aliases = value.get("aliases", [])
    if not isinstance(aliases, list):
        aliases = [aliases]
    written = tuple(a for a in (_text(a, lambda m: err(m, "aliases")) for a in aliases) if a)
    coordinates: dict[str, float] = {}
    for key, bound in (("latitude", 90), ("longitude", 180)):
        raw = value.get(key)
        if raw is None:
            continue
        if isinstance(raw, bool) or not isinstance(raw, (int, float)):
            raise err(f"expected decimal degrees (a number), got {_kind(raw)}", key)
        if not -bound <= raw <= bound:
            raise err(f"expected decimal degrees from -{bound} to {bound}, got {raw}", key)
        coordinates[key] = float(raw)
    if len(coordinates) == 1:
        missing = "longitude" if "latitude" in coordinates else "latitude"
        raise err("give latitude and longitude together", missing)
    geonames = value.get("geonames")
    if geonames is not None and (isinstance(geonames, bool) or not isinstance(geonames, int) or geonames <= 0):
        raise err(f"expected a GeoNames id (a positive whole number), got {geonames!r}", "geonames")
    return PlaceDecl(
        index,
        text,
        written,
        _text(value.get("country"), lambda m: err(m, "country")),
        coordinates.get("latitude"),
        coordinates.get("longitude"),
        geonames,
    )


def _event(value: Any, index: int, file: str) -> EventFacts:
    event_id = value.get("id") if isinstance(value, dict) else None
    event_id = str(event_id) if isinstance(event_id, (str, int)) and not isinstance(event_id, bool) else f"e{index}"

    def err(message: str, key: str | None = None) -> FactFileError:
        return FactFileError(message, file=file, index=index, event_id=event_id, field=key)

    if not isinstance(value, dict):
        raise err(f"expected a mapping with type, date, roles and quote, got {_kind(value)}")
    unknown = set(value) - _EVENT_KEYS
    if unknown:
        raise err(
            f"unknown key(s) {_names(unknown)}; expected type, date/start/end, place, "
            f"{', '.join(ROLES)}, status, name, result-of, summary, quote, same-as, about, content, "
            "confidence, claimed-by"
        )
    if not _ID.fullmatch(event_id):
        raise err("use letters, digits, '-', '_' and '.' only", "id")

    kind = _text(value.get("type"), lambda m: err(m, "type"))
    if kind is None:
        raise err(f"is required; one of {', '.join(EVENT_TYPES)}", "type")
    if kind not in EVENT_TYPES:
        raise err(f"unknown event type '{kind}'; expected one of {', '.join(EVENT_TYPES)}", "type")
    subtype = _text(value.get("subtype"), lambda m: err(m, "subtype"))
    if subtype is not None and subtype not in EVENT_TYPES[kind].subtypes:
        allowed = list(EVENT_TYPES[kind].subtypes)
        raise err(
            f"unknown subtype '{subtype}' for {kind}"
            + (f"; expected one of {', '.join(allowed)}" if allowed else f"; {kind} has no subtypes"),
            "subtype",
        )

    roles: dict[str, tuple[str, ...]] = {}
    for role in ROLES:
        raw = value.get(role)
        if raw is None:
            continue
        items = raw if isinstance(raw, list) else [raw]
        names = tuple(_text(n, lambda m, r=role: err(m, r)) for n in items)
        given = tuple(n for n in names if n is not None)
        if len(given) != len(names):
            raise err("a name in the list is empty", role)
        if len(set(given)) != len(given):
            raise err("names the same actor twice", role)
        roles[role] = given
    for role, fewest in EVENT_TYPES[kind].required.items():
        have = len(roles.get(role, ()))
        if have < fewest:
            need = "is required" if have == 0 else f"needs at least {fewest} actors, got {have}"
            raise err(f"{need} for a {kind} event", role)

    status = _text(value.get("status"), lambda m: err(m, "status"))
    if status is not None:
        if status not in STATUSES:
            raise err(f"unknown status '{status}'; expected one of {', '.join(STATUSES)}", "status")
        if status in AGREEMENT_STATUSES and not EVENT_TYPES[kind].agreement_status:
            with_status = [t.key for t in EVENT_TYPES.values() if t.agreement_status]
            raise err(
                f"only {', '.join(with_status)} events have an agreement status; any event may be "
                f"{', '.join(OCCURRENCE_STATUSES)}",
                "status",
            )

    date, start, end = (value.get(k) for k in ("date", "start", "end"))
    for key, val in (("date", date), ("start", start), ("end", end)):
        if val is not None and (isinstance(val, bool) or not isinstance(val, (str, int, dt.date))):
            raise err(f"expected a date expression, got {_kind(val)}", key)
    if date is None and start is None and end is None:
        raise err("is required (or start/end): when did it happen, as the article says?", "date")
    if date is not None and (start is not None or end is not None):
        raise err("give either date or start/end, not both", "date")

    raw_quote = value.get("quote")
    quotes = tuple(
        _text(q, lambda m: err(m, "quote")) for q in (raw_quote if isinstance(raw_quote, list) else [raw_quote])
    )
    if not quotes or any(q is None for q in quotes):
        raise err("is required: the sentence of the article that states the event", "quote")
    result_of = _text(value.get("result-of"), lambda m: err(m, "result-of"))
    confidence = _text(value.get("confidence"), lambda m: err(m, "confidence"))
    if confidence is not None and confidence not in CONFIDENCES:
        raise err(f"unknown confidence '{confidence}'; expected one of {', '.join(CONFIDENCES)}", "confidence")
    raw_claimants = value.get("claimed-by")
    claimants = tuple(
        _text(c, lambda m: err(m, "claimed-by"))
        for c in (raw_claimants if isinstance(raw_claimants, list) else [raw_claimants] if raw_claimants else [])
    )
    if any(c is None for c in claimants):
        raise err("a name in the list is empty", "claimed-by")
    if claimants:  # whose claim it is: the event is reported as a claim, nothing firmer
        if confidence not in (None, "claimed"):
            raise err(f"says whose claim the event is, so the confidence is claimed, not {confidence}", "claimed-by")
        confidence = "claimed"
    raw_about = value.get("about")
    about = tuple(
        _text(a, lambda m: err(m, "about"))
        for a in (raw_about if isinstance(raw_about, list) else [raw_about] if raw_about is not None else [])
    )
    if any(a is None for a in about):
        raise err("an event reference in the list is empty", "about")
    return EventFacts(
        index=index,
        id=event_id,
        type=kind,
        subtype=subtype,
        date=date,
        start=start,
        end=end,
        place=_text(value.get("place"), lambda m: err(m, "place")),
        roles=roles,
        status=status,
        name=_text(value.get("name"), lambda m: err(m, "name")),
        result_of=result_of,
        summary=_text(value.get("summary"), lambda m: err(m, "summary")),
        quotes=tuple(q for q in quotes if q is not None),
        same_as=_text(value.get("same-as"), lambda m: err(m, "same-as")),
        about=tuple(a for a in about if a is not None),
        content=_text(value.get("content"), lambda m: err(m, "content")),
        confidence=confidence,
        claimed_by=tuple(c for c in claimants if c is not None),
    )
