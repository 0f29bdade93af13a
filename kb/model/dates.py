"""Resolve date expressions as news gives them into uncertain bounds.

A source rarely says "2026-01-06"; it says "on Tuesday", "in December 2024",
"early 2025" or "since Assad's fall". Each expression names a *period*: the
first and last day it could mean, and how precise it is. An event's time is
then four bounds (earliest/latest begin, earliest/latest end), so nothing is
made more precise than the source made it. An expression this module cannot
resolve raises :class:`~kb.errors.DateError`: it never guesses.

Calendar arithmetic is python-dateutil's (``relativedelta``, weekday
offsets, and ``parser`` for written-out dates); this module only decides which
period a phrase names. The rules are tabulated in docs/dates.md.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from typing import NoReturn

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta, weekday

from kb.errors import DateError

__all__ = ["Precision", "Period", "When", "Window", "parse_period", "resolve_when", "window", "describe"]


class Precision(enum.IntEnum):
    """How precise the source was; the order is the timeline's tie-break."""

    DAY = 1
    WEEK = 2
    MONTH = 3
    PART_OF_YEAR = 4
    YEAR = 5


@dataclass(frozen=True)
class Period:
    """The days an expression may mean, first and last included."""

    start: dt.date
    end: dt.date
    precision: Precision

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise DateError(f"the period ends ({self.end}) before it starts ({self.start})")


@dataclass(frozen=True)
class When:
    """An event's time: bounds of its begin and end, and the text as written.

    ``None`` is an open bound: no earliest begin for "until March 2025", no
    latest end for "since December 2024" (still going on).
    """

    text: str
    earliest_begin: dt.date | None
    latest_begin: dt.date | None
    earliest_end: dt.date | None
    latest_end: dt.date | None
    precision: Precision

    @property
    def lo(self) -> dt.date:
        """The first day the event may touch (or the dawn of time)."""
        return self.earliest_begin or dt.date.min

    @property
    def hi(self) -> dt.date:
        """The last day the event may touch (or the end of time)."""
        return self.latest_end or dt.date.max


_WEEKDAYS: dict[str, weekday] = {
    "monday": MO,
    "tuesday": TU,
    "wednesday": WE,
    "thursday": TH,
    "friday": FR,
    "saturday": SA,
    "sunday": SU,
}
_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9}  # first month; northern hemisphere
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_ORDINAL_HALF = {"first": 1, "1st": 1, "second": 2, "2nd": 2}
_ORDINAL_QUARTER = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": 4}
# early / mid / late split a year into thirds and a month into 1-10, 11-20, 21-end.
_PART_OF_YEAR = {"early": (1, 4), "mid": (5, 8), "middle": (5, 8), "late": (9, 12)}
_PART_OF_MONTH = {"early": (1, 10), "mid": (11, 20), "middle": (11, 20), "late": (21, 31)}


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, 1) + relativedelta(months=1, days=-1)


def _month(year: int, month: int) -> Period:
    return Period(dt.date(year, month, 1), _month_end(year, month), Precision.MONTH)


def _months(year: int, first: int, last: int, precision: Precision) -> Period:
    return Period(dt.date(year, first, 1), _month_end(year, last), precision)


def _year(year: int) -> Period:
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), Precision.YEAR)


def _day(day: dt.date) -> Period:
    return Period(day, day, Precision.DAY)


def _week_of(day: dt.date) -> Period:
    monday = day + relativedelta(weekday=MO(-1))
    return Period(monday, monday + dt.timedelta(days=6), Precision.WEEK)


# Set by resolve_when(future=True): a date without a year (or a bare weekday) is the next one on or
# after the reference day, not the last one on or before it ("will meet again on May 12").
_FUTURE: ContextVar[bool] = ContextVar("kb_dates_future", default=False)


def _last_month_named(month: int, ref: dt.date) -> int:
    """The year of the last such month on or before ``ref`` ("in December"); the next one for a plan."""
    if _FUTURE.get():
        return ref.year if month >= ref.month else ref.year + 1
    return ref.year if month <= ref.month else ref.year - 1


def _year_of_day(month: int, day: int, ref: dt.date) -> int:
    """The year of the last such day on or before ``ref`` ("6 January"); the next one for a plan."""
    if _FUTURE.get():
        return ref.year if (month, day) >= (ref.month, ref.day) else ref.year + 1
    return ref.year if (month, day) <= (ref.month, ref.day) else ref.year - 1


def _number(token: str) -> int:
    return int(token) if token.isdigit() else _NUMBERS[token]


@lru_cache(maxsize=65536)  # date texts repeat across events; five substitutions a call were 6% of a bulk load
def _clean(text: str) -> str:
    text = text.strip().lower()
    text = re.sub(r"(?<!\.)[.,;]$", "", text)  # a closing full stop, but not the ".." of an open range
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\b(jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.", r"\1", text)  # news style: "Aug. 6"
    text = re.sub(r"^(on|in|during|at|by|around|about|the) ", "", text)
    text = re.sub(r"^(the) ", "", text)
    return text


def _relative(text: str, ref: dt.date) -> Period | None:
    """Expressions that only mean something against the reference day."""
    if text == "today":
        return _day(ref)
    if text == "yesterday":
        return _day(ref - dt.timedelta(days=1))
    if text == "tomorrow":
        return _day(ref + dt.timedelta(days=1))

    m = re.fullmatch(r"(last|next|this|past|on)? ?(" + "|".join(_WEEKDAYS) + r")", text)
    if m:
        which, wd = m.group(1), _WEEKDAYS[m.group(2)]
        if which == "next":  # strictly after the reference day
            return _day(ref + relativedelta(days=1, weekday=wd(+1)))
        if which in ("last", "past"):  # strictly before: "last Friday" said on a Friday is a week ago
            return _day(ref - relativedelta(days=1) + relativedelta(weekday=wd(-1)))
        if _FUTURE.get():
            return _day(ref + relativedelta(weekday=wd(+1)))  # on or after: a plan
        return _day(ref + relativedelta(weekday=wd(-1)))  # on or before

    m = re.fullmatch(r"(\d+|" + "|".join(_NUMBERS) + r") (day|week|month|year)s? ago", text)
    if m:
        n, unit = _number(m.group(1)), m.group(2)
        if unit == "day":
            return _day(ref - dt.timedelta(days=n))
        if unit == "week":
            return _week_of(ref - dt.timedelta(weeks=n))
        if unit == "month":
            d = ref - relativedelta(months=n)
            return _month(d.year, d.month)
        return _year(ref.year - n)

    # "the past two years", "the last 18 months": the days from that far back up to the reference day (a span
    # that rolls with it, not calendar units as "last year" is)
    m = re.fullmatch(r"(?:last|past) (\d+|" + "|".join(_NUMBERS) + r") (day|week|month|year)s", text)
    if m:
        n, unit = _number(m.group(1)), m.group(2)
        back = {
            "day": relativedelta(days=n),
            "week": relativedelta(weeks=n),
            "month": relativedelta(months=n),
            "year": relativedelta(years=n),
        }
        start = ref - back[unit] + dt.timedelta(days=1)
        precision = {"day": Precision.DAY, "week": Precision.WEEK}.get(unit, Precision.MONTH)
        return Period(start, ref, precision)

    m = re.fullmatch(r"(last|this|next|past) (week|month|year)", text)
    if m:
        step = {"last": -1, "past": -1, "this": 0, "next": 1}[m.group(1)]
        unit = m.group(2)
        if unit == "week":
            return _week_of(ref + dt.timedelta(weeks=step))
        if unit == "month":
            d = ref + relativedelta(months=step)
            return _month(d.year, d.month)
        return _year(ref.year + step)

    m = re.fullmatch(r"earlier this (week|month|year)", text)
    if m:
        start = {
            "week": _week_of(ref).start,
            "month": ref.replace(day=1),
            "year": ref.replace(month=1, day=1),
        }[m.group(1)]
        precision = {"week": Precision.WEEK, "month": Precision.MONTH, "year": Precision.PART_OF_YEAR}[m.group(1)]
        return Period(start, max(start, ref - dt.timedelta(days=1)), precision)

    m = re.fullmatch(r"(last|this|next) (" + _MONTH_RE + ")", text)
    if m:
        month = _MONTHS[m.group(2)]
        if m.group(1) == "this":
            year = ref.year
        elif m.group(1) == "last":  # strictly before this month: "last December" in December is a year ago
            year = ref.year if month < ref.month else ref.year - 1
        else:
            year = ref.year if month > ref.month else ref.year + 1
        return _month(year, month)

    m = re.fullmatch(r"(early|mid|middle|late) ?-? ?(last|this|next) (year|month)", text)
    if m:
        step = {"last": -1, "this": 0, "next": 1}[m.group(2)]
        if m.group(3) == "year":
            first, last = _PART_OF_YEAR[m.group(1)]
            return _months(ref.year + step, first, last, Precision.PART_OF_YEAR)
        d = ref + relativedelta(months=step)
        return _part_of_month(m.group(1), d.year, d.month)
    return None


def _part_of_month(part: str, year: int, month: int) -> Period:
    first, last = _PART_OF_MONTH[part]
    return Period(
        dt.date(year, month, first),
        min(_month_end(year, month), dt.date(year, month, 1) + dt.timedelta(days=last - 1)),
        Precision.MONTH,
    )


def _approximate(text: str, ref: dt.date, year_hint: int | None) -> Period | None:
    """Parts of years and months: "early 2025", "Q3 2025", "spring", "early January"."""
    m = re.fullmatch(r"(early|mid|middle|late) ?-? ?(\d{4})", text)
    if m:
        first, last = _PART_OF_YEAR[m.group(1)]
        return _months(int(m.group(2)), first, last, Precision.PART_OF_YEAR)

    m = re.fullmatch(r"(early|mid|middle|late) ?-? ?(" + _MONTH_RE + r")(?:,? (\d{4}))?", text)
    if m:
        month = _MONTHS[m.group(2)]
        year = int(m.group(3)) if m.group(3) else year_hint or _last_month_named(month, ref)
        return _part_of_month(m.group(1), year, month)

    m = re.fullmatch(
        r"q([1-4])(?: of)? (\d{4})|(first|1st|second|2nd|third|3rd|fourth|4th|last) quarter(?: of)? (\d{4})", text
    )
    if m:
        quarter = int(m.group(1)) if m.group(1) else _ORDINAL_QUARTER[m.group(3)]
        year = int(m.group(2) or m.group(4))
        return _months(year, 3 * quarter - 2, 3 * quarter, Precision.PART_OF_YEAR)

    m = re.fullmatch(r"h([12]) (\d{4})|(first|1st|second|2nd) half(?: of)? (\d{4})", text)
    if m:
        half = int(m.group(1)) if m.group(1) else _ORDINAL_HALF[m.group(3)]
        year = int(m.group(2) or m.group(4))
        return _months(year, 6 * half - 5, 6 * half, Precision.PART_OF_YEAR)

    m = re.fullmatch(r"(spring|summer|autumn|fall|winter)(?: of)?(?: (\d{4}))?", text)
    if m:
        if m.group(1) == "winter":
            raise DateError(
                f"'{text}' is ambiguous (which December to February?); write it as a range such as 2024-12..2025-02"
            )
        first = _SEASONS[m.group(1)]
        if m.group(2):
            year = int(m.group(2))
        else:
            year = year_hint or _last_month_named(first, ref)
        return _months(year, first, first + 2, Precision.PART_OF_YEAR)
    return None


_WEEKDAY_AND_DATE = re.compile(r"(" + "|".join(_WEEKDAYS) + r"),? (?:the )?(\d.*|[a-z]+ \d.*)")
_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_WRITTEN = re.compile(
    r"(?:(\d{1,2})(?:st|nd|rd|th)? (?:of )?("
    + _MONTH_RE
    + r")|("
    + _MONTH_RE
    + r") (\d{1,2})(?:st|nd|rd|th)?|("
    + _MONTH_RE
    + r"))(?:,? (\d{4}))?"
)


def _absolute(text: str, ref: dt.date, year_hint: int | None) -> Period | None:
    """ISO dates of any precision and written-out dates ("6 January 2026")."""
    m = _ISO.fullmatch(text)
    if m:
        year_text, month_text, day_text = m.groups()
        year = int(year_text)
        try:
            if day_text:
                return _day(dt.date(year, int(month_text), int(day_text)))
            if month_text:
                return _month(year, int(month_text))
        except ValueError as exc:
            raise DateError(f"'{text}' is not a calendar date ({exc})") from None
        return _year(year)

    if not _WRITTEN.fullmatch(text):
        return None
    # dateutil reads the written date; parsing it against two different
    # defaults shows which parts the text gave and which were filled in.
    # (Imported here: its parser is most of this module's import time, and most commands never need it.)
    from dateutil import parser as dateparser

    try:
        a = dateparser.parse(text, default=dt.datetime(2000, 1, 1))
        b = dateparser.parse(text, default=dt.datetime(2004, 2, 2))
    except (ValueError, OverflowError) as exc:
        raise DateError(f"'{text}' is not a calendar date ({exc})") from None
    has_year, has_day = a.year == b.year, a.day == b.day
    if has_year:
        year = a.year
    elif has_day:
        year = year_hint or _year_of_day(a.month, a.day, ref)
    else:
        year = year_hint or _last_month_named(a.month, ref)
    if has_day:
        try:
            return _day(dt.date(year, a.month, a.day))
        except ValueError as exc:
            raise DateError(f"'{text}' is not a calendar date ({exc})") from None
    return _month(year, a.month)


def parse_period(text: str | int | dt.date, ref: dt.date | None = None, *, year_hint: int | None = None) -> Period:
    """Resolve one date expression to the period it names.

    ``ref`` is the day relative expressions count from: the article's
    publication day in fact files, today in queries. ``year_hint`` fills in
    a missing year, as "July" does in "July to August 2025".

    >>> parse_period("Tuesday", dt.date(2026, 1, 6))
    Period(start=datetime.date(2026, 1, 6), end=datetime.date(2026, 1, 6), precision=<Precision.DAY: 1>)
    >>> parse_period("Dec 2024").end
    datetime.date(2024, 12, 31)
    """
    if isinstance(text, dt.datetime):
        return _day(text.date())
    if isinstance(text, dt.date):
        return _day(text)
    if isinstance(text, int) and not isinstance(text, bool):
        return _year(text) if 1 <= text <= 9999 else _fail(str(text))
    if not isinstance(text, str):
        raise DateError(f"expected a date expression, got {type(text).__name__}")
    ref = ref or dt.date.today()
    cleaned = _clean(text)
    if not cleaned:
        raise DateError("the date is empty")
    m = _WEEKDAY_AND_DATE.fullmatch(cleaned)
    if m:  # "Friday, June 27": the day the date names, which must fall on that weekday
        period = parse_period(m.group(2), ref, year_hint=year_hint)
        if period.precision is not Precision.DAY:
            _fail(text)
        if period.start.weekday() != list(_WEEKDAYS).index(m.group(1)):
            raise DateError(
                f"'{text}': {period.start.isoformat()} is a {period.start.strftime('%A')}, "
                f"not a {m.group(1).capitalize()}"
            )
        return period
    found = _relative(cleaned, ref) or _approximate(cleaned, ref, year_hint) or _absolute(cleaned, ref, year_hint)
    if found is None:
        _fail(text)
    return found


def _fail(text: str) -> NoReturn:
    raise DateError(
        f"cannot resolve '{text}' to a date; use an ISO date (2026-01-06, 2024-12, 2025), "
        "a weekday, a month name, or an expression listed in docs/dates.md"
    )


_RANGE = re.compile(r"(?:from |since )?(.+?) ?(?:\.\.| to | until | till | through | – | — )(.+)")
_BETWEEN = re.compile(r"between (.+?) and (.+)")
_SINCE = re.compile(r"(?:since|from|starting|beginning) (.+)")
_UNTIL = re.compile(r"(?:until|till|up to|through|before the end of) (.+)")
OPEN_WORDS = frozenset({"ongoing", "present", "now", "still ongoing"})


def _pair(first: str, second: str, ref: dt.date) -> tuple[Period, Period]:
    """Two ends of a range; the second's year completes the first ("July to August 2025")."""
    b = parse_period(second, ref)
    try:
        a = parse_period(first, ref, year_hint=b.start.year if not re.search(r"\d{4}", first) else None)
    except DateError:
        raise
    if a.start > b.end:
        raise DateError(f"'{first}' comes after '{second}'")
    return a, b


def resolve_when(
    date: str | int | dt.date | None = None,
    *,
    start: str | int | dt.date | None = None,
    end: str | int | dt.date | None = None,
    ref: dt.date | None = None,
    future: bool = False,
) -> When:
    """An event's time from a fact file's ``date``, or its ``start``/``end``.

    ``date`` may itself be a span: ``2025-07..2025-08`` and ``from July to
    August`` give a begin in the first period and an end in the second;
    ``between July and August`` a single occurrence somewhere in both;
    ``since 2024-12`` an open end, ``until 2025-03`` an open begin. A date
    that would fall outside the years 1-9999 (``next year`` said on
    9999-12-31) is a :class:`DateError`, as any other unresolvable one.

    A day, month or season without a year, and a bare weekday, is the last
    one on or before ``ref`` — or, with ``future`` (the source speaks of a
    plan: "will meet again on May 12"), the next one on or after it.

    >>> w = resolve_when("since 2024-12", ref=dt.date(2026, 1, 6))
    >>> (w.earliest_begin, w.latest_end)
    (datetime.date(2024, 12, 1), None)
    """
    try:
        return _resolve_when(date, start=start, end=end, ref=ref, future=future)
    except (OverflowError, ValueError) as exc:
        if isinstance(exc, DateError):
            raise
        said = date if date is not None else f"{start} .. {end}"
        raise DateError(f"'{said}' falls outside the years 1-9999 when counted from {ref}") from None


@lru_cache(maxsize=1 << 16)  # pure; a bulk ingest meets the same date texts again and again
def _resolve_when(
    date: str | int | dt.date | None = None,
    *,
    start: str | int | dt.date | None = None,
    end: str | int | dt.date | None = None,
    ref: dt.date | None = None,
    future: bool = False,
) -> When:
    """See :func:`resolve_when`."""
    token = _FUTURE.set(future)
    try:
        return _resolve_when_now(date, start=start, end=end, ref=ref)
    finally:
        _FUTURE.reset(token)


def _resolve_when_now(
    date: str | int | dt.date | None = None,
    *,
    start: str | int | dt.date | None = None,
    end: str | int | dt.date | None = None,
    ref: dt.date | None = None,
) -> When:
    ref = ref or dt.date.today()
    if date is not None and (start is not None or end is not None):
        raise DateError("give either date or start/end, not both")
    if date is None:
        if start is None and end is None:
            raise DateError("no date given")
        text = (
            f"{start} .. {end}"
            if start is not None and end is not None
            else f"from {start}"
            if start is not None
            else f"until {end}"
        )
        a = parse_period(start, ref) if start is not None else None
        b = None if end is None or (isinstance(end, str) and _clean(end) in OPEN_WORDS) else parse_period(end, ref)
        if a and b and a.start > b.end:
            raise DateError(f"start ({start}) comes after end ({end})")
        return _span(text, a, b)

    if not isinstance(date, str):
        p = parse_period(date, ref)
        return When(str(date), p.start, p.end, p.start, p.end, p.precision)

    text = date.strip()
    cleaned = _clean(text)
    if cleaned.endswith("...") or cleaned.startswith("..."):
        _fail(text)
    if cleaned.endswith("..") and cleaned != "..":  # EDTF-style open end: "2024-12.."
        return _span(text, parse_period(cleaned[:-2], ref), None)
    if cleaned.startswith("..") and cleaned != "..":
        return _span(text, None, parse_period(cleaned[2:], ref))
    m = _BETWEEN.fullmatch(cleaned)
    if m:
        a, b = _pair(m.group(1), m.group(2), ref)
        return When(text, a.start, b.end, a.start, b.end, max(a.precision, b.precision))
    m = _RANGE.fullmatch(cleaned)
    if m and not _ISO.fullmatch(cleaned):
        if _clean(m.group(2)) in OPEN_WORDS:
            return _span(text, parse_period(m.group(1), ref), None)
        a, b = _pair(m.group(1), m.group(2), ref)
        return _span(text, a, b)
    m = _SINCE.fullmatch(cleaned)
    if m:
        return _span(text, parse_period(m.group(1), ref), None)
    m = _UNTIL.fullmatch(cleaned)
    if m:
        return _span(text, None, parse_period(m.group(1), ref))
    p = parse_period(text, ref)
    return When(text, p.start, p.end, p.start, p.end, p.precision)


def _span(text: str, a: Period | None, b: Period | None) -> When:
    """Begin somewhere in ``a``, end somewhere in ``b``; ``None`` is open."""
    if a is None and b is None:
        raise DateError(f"'{text}' leaves both ends open")
    given = a if a is not None else b
    assert given is not None  # both open is refused above
    precision = given.precision
    return When(
        text,
        a.start if a else None,
        a.end if a else (b.end if b else None),
        (a.start if a else None) if b is None else b.start,
        b.end if b else None,
        precision,
    )


@dataclass(frozen=True)
class Window:
    """A query's date window: the days an event must lie within, inclusive."""

    first: dt.date
    last: dt.date


def window(*, since=None, after=None, until=None, before=None, ref: dt.date | None = None) -> Window:
    """Turn ``--since/--after/--until/--before`` of any precision into days.

    ``since P`` starts on P's first day, ``after P`` the day after P's last
    day; ``until P`` ends on P's last day, ``before P`` the day before its
    first. So ``after 2024-12`` starts on 2025-01-01 and ``since 2024-12`` on
    2024-12-01.

    >>> window(after="2024-12").first
    datetime.date(2025, 1, 1)
    """
    first, last = dt.date.min, dt.date.max
    if since is not None and after is not None:
        raise DateError("give --since or --after, not both")
    if until is not None and before is not None:
        raise DateError("give --until or --before, not both")
    if since is not None:
        first = parse_period(since, ref).start
    if after is not None:
        first = parse_period(after, ref).end + dt.timedelta(days=1)
    if until is not None:
        last = parse_period(until, ref).end
    if before is not None:
        last = parse_period(before, ref).start - dt.timedelta(days=1)
    if first > last:
        raise DateError(f"the window is empty: it starts {first} and ends {last}")
    return Window(first, last)


def _period_text(a: dt.date, b: dt.date) -> str:
    if a == b:
        return a.isoformat()
    if a.day == 1 and b == _month_end(a.year, a.month):
        return f"{a.year:04d}-{a.month:02d}"
    if (a.month, a.day) == (1, 1) and b == dt.date(a.year, 12, 31):
        return f"{a.year:04d}"
    if a.weekday() == 0 and b - a == dt.timedelta(days=6):  # a Monday-to-Sunday week: ISO 8601 week
        year, week, _ = a.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return f"{a.isoformat()}~{b.isoformat()}"


def describe(
    earliest_begin: dt.date | None,
    latest_begin: dt.date | None,
    earliest_end: dt.date | None,
    latest_end: dt.date | None,
) -> str:
    """The bounds written back as briefly as they allow, for tables and JSON.

    A single period keeps its precision ("2026-01-06", "2024-12", "2025",
    the ISO week "2025-W30"); a period that is no calendar unit is
    ``first~last``; a span is
    ``begin..end`` with an open side left empty ("2024-12..").

    >>> describe(dt.date(2024, 12, 1), dt.date(2024, 12, 31), dt.date(2024, 12, 1), dt.date(2024, 12, 31))
    '2024-12'
    >>> describe(dt.date(2024, 12, 1), dt.date(2024, 12, 31), dt.date(2024, 12, 1), None)
    '2024-12..'
    """
    if earliest_begin and latest_end and earliest_begin == earliest_end and latest_begin == latest_end:
        return _period_text(earliest_begin, latest_end)
    begin = _period_text(earliest_begin, latest_begin) if earliest_begin and latest_begin else ""
    end = _period_text(earliest_end, latest_end) if earliest_end and latest_end else ""
    return f"{begin}..{end}"
