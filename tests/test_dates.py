"""Date expressions → bounds, against the table in docs/dates.md."""

from __future__ import annotations

import datetime as dt

import pytest

from kb.model.dates import Precision, describe, parse_period, resolve_when, window
from kb.errors import DateError

D = dt.date
TUE = D(2026, 1, 6)  # a Tuesday: the seed article's publication day

# (expression, published, first day, last day, precision)
PERIODS = [
    ("2026-01-06", TUE, D(2026, 1, 6), D(2026, 1, 6), Precision.DAY),
    ("2024-12", TUE, D(2024, 12, 1), D(2024, 12, 31), Precision.MONTH),
    ("2025", TUE, D(2025, 1, 1), D(2025, 12, 31), Precision.YEAR),
    ("2024-02", TUE, D(2024, 2, 1), D(2024, 2, 29), Precision.MONTH),  # leap year
    ("2025-02", TUE, D(2025, 2, 1), D(2025, 2, 28), Precision.MONTH),
    ("2024-02-29", TUE, D(2024, 2, 29), D(2024, 2, 29), Precision.DAY),
    ("6 January 2026", TUE, TUE, TUE, Precision.DAY),
    ("January 6, 2026", TUE, TUE, TUE, Precision.DAY),
    ("December 2024", TUE, D(2024, 12, 1), D(2024, 12, 31), Precision.MONTH),
    ("Dec 2024", TUE, D(2024, 12, 1), D(2024, 12, 31), Precision.MONTH),
    ("Dec. 2024", TUE, D(2024, 12, 1), D(2024, 12, 31), Precision.MONTH),  # news style abbreviations
    ("Aug. 6", D(2024, 8, 24), D(2024, 8, 6), D(2024, 8, 6), Precision.DAY),
    ("Sept. 12, 2024", TUE, D(2024, 9, 12), D(2024, 9, 12), Precision.DAY),
    ("in December", TUE, D(2025, 12, 1), D(2025, 12, 31), Precision.MONTH),  # year boundary
    ("in January", TUE, D(2026, 1, 1), D(2026, 1, 31), Precision.MONTH),  # the current month
    ("December", D(2025, 12, 15), D(2025, 12, 1), D(2025, 12, 31), Precision.MONTH),
    ("last December", TUE, D(2025, 12, 1), D(2025, 12, 31), Precision.MONTH),  # written in January
    ("last December", D(2025, 12, 20), D(2024, 12, 1), D(2024, 12, 31), Precision.MONTH),
    ("6 January", D(2026, 1, 5), D(2025, 1, 6), D(2025, 1, 6), Precision.DAY),  # not yet this year
    ("Tuesday", TUE, TUE, TUE, Precision.DAY),  # weekday on the same day
    ("on Tuesday", TUE, TUE, TUE, Precision.DAY),
    ("Monday", TUE, D(2026, 1, 5), D(2026, 1, 5), Precision.DAY),
    ("on Wednesday", TUE, D(2025, 12, 31), D(2025, 12, 31), Precision.DAY),  # across the year boundary
    ("last Tuesday", TUE, D(2025, 12, 30), D(2025, 12, 30), Precision.DAY),  # strictly before
    ("last Friday", TUE, D(2026, 1, 2), D(2026, 1, 2), Precision.DAY),
    ("next Tuesday", TUE, D(2026, 1, 13), D(2026, 1, 13), Precision.DAY),
    ("next Friday", TUE, D(2026, 1, 9), D(2026, 1, 9), Precision.DAY),
    ("Saturday", D(2025, 7, 16), D(2025, 7, 12), D(2025, 7, 12), Precision.DAY),
    ("Thursday", D(2024, 3, 1), D(2024, 2, 29), D(2024, 2, 29), Precision.DAY),  # leap day
    ("today", TUE, TUE, TUE, Precision.DAY),
    ("yesterday", D(2025, 1, 1), D(2024, 12, 31), D(2024, 12, 31), Precision.DAY),
    ("yesterday", D(2024, 3, 1), D(2024, 2, 29), D(2024, 2, 29), Precision.DAY),
    ("3 days ago", TUE, D(2026, 1, 3), D(2026, 1, 3), Precision.DAY),
    ("two days ago", TUE, D(2026, 1, 4), D(2026, 1, 4), Precision.DAY),
    ("2 weeks ago", TUE, D(2025, 12, 22), D(2025, 12, 28), Precision.WEEK),
    ("the past two years", TUE, D(2024, 1, 7), TUE, Precision.MONTH),  # rolling: up to the day, not calendar
    ("the last 18 months", D(2026, 11, 30), D(2025, 5, 31), D(2026, 11, 30), Precision.MONTH),
    ("past 10 days", TUE, D(2025, 12, 28), TUE, Precision.DAY),
    ("last week", TUE, D(2025, 12, 29), D(2026, 1, 4), Precision.WEEK),
    ("this week", TUE, D(2026, 1, 5), D(2026, 1, 11), Precision.WEEK),
    ("last month", TUE, D(2025, 12, 1), D(2025, 12, 31), Precision.MONTH),
    ("last month", D(2024, 3, 31), D(2024, 2, 1), D(2024, 2, 29), Precision.MONTH),
    ("this month", TUE, D(2026, 1, 1), D(2026, 1, 31), Precision.MONTH),
    ("earlier this month", D(2025, 7, 16), D(2025, 7, 1), D(2025, 7, 15), Precision.MONTH),
    ("last year", TUE, D(2025, 1, 1), D(2025, 12, 31), Precision.YEAR),
    ("this year", TUE, D(2026, 1, 1), D(2026, 12, 31), Precision.YEAR),
    ("late last year", TUE, D(2025, 9, 1), D(2025, 12, 31), Precision.PART_OF_YEAR),
    ("late 2024", TUE, D(2024, 9, 1), D(2024, 12, 31), Precision.PART_OF_YEAR),
    ("early 2025", TUE, D(2025, 1, 1), D(2025, 4, 30), Precision.PART_OF_YEAR),
    ("mid-2025", TUE, D(2025, 5, 1), D(2025, 8, 31), Precision.PART_OF_YEAR),
    ("early January", TUE, D(2026, 1, 1), D(2026, 1, 10), Precision.MONTH),
    ("late February 2024", TUE, D(2024, 2, 21), D(2024, 2, 29), Precision.MONTH),
    ("spring 2025", TUE, D(2025, 3, 1), D(2025, 5, 31), Precision.PART_OF_YEAR),
    ("summer", TUE, D(2025, 6, 1), D(2025, 8, 31), Precision.PART_OF_YEAR),
    ("the first half of 2025", TUE, D(2025, 1, 1), D(2025, 6, 30), Precision.PART_OF_YEAR),
    ("second half of 2024", TUE, D(2024, 7, 1), D(2024, 12, 31), Precision.PART_OF_YEAR),
    ("Q3 2025", TUE, D(2025, 7, 1), D(2025, 9, 30), Precision.PART_OF_YEAR),
    ("first quarter of 2024", TUE, D(2024, 1, 1), D(2024, 3, 31), Precision.PART_OF_YEAR),
]


@pytest.mark.parametrize("text,published,first,last,precision", PERIODS, ids=[f"{p[0]}@{p[1]}" for p in PERIODS])
def test_period(text, published, first, last, precision):
    p = parse_period(text, published)
    assert (p.start, p.end, p.precision) == (first, last, precision)


# (expression, published, earliest begin, latest begin, earliest end, latest end)
SPANS = [
    ("since 2024-12", TUE, D(2024, 12, 1), D(2024, 12, 31), D(2024, 12, 1), None),
    ("since December 2024", TUE, D(2024, 12, 1), D(2024, 12, 31), D(2024, 12, 1), None),
    ("until 2025-03", TUE, None, D(2025, 3, 31), D(2025, 3, 1), D(2025, 3, 31)),
    ("until today", TUE, None, TUE, TUE, TUE),
    ("2025-07..2025-08", TUE, D(2025, 7, 1), D(2025, 7, 31), D(2025, 8, 1), D(2025, 8, 31)),
    ("from 2025-07 to 2025-08", TUE, D(2025, 7, 1), D(2025, 7, 31), D(2025, 8, 1), D(2025, 8, 31)),
    ("from July to August 2025", TUE, D(2025, 7, 1), D(2025, 7, 31), D(2025, 8, 1), D(2025, 8, 31)),
    ("between July and August", TUE, D(2025, 7, 1), D(2025, 8, 31), D(2025, 7, 1), D(2025, 8, 31)),
    ("between December 2024 and today", TUE, D(2024, 12, 1), TUE, D(2024, 12, 1), TUE),
    ("2025-07 to ongoing", TUE, D(2025, 7, 1), D(2025, 7, 31), D(2025, 7, 1), None),
    ("Monday..Tuesday", TUE, D(2026, 1, 5), D(2026, 1, 5), TUE, TUE),
    ("2024-12..", TUE, D(2024, 12, 1), D(2024, 12, 31), D(2024, 12, 1), None),  # as `describe` writes it
    ("..2025-03", TUE, None, D(2025, 3, 31), D(2025, 3, 1), D(2025, 3, 31)),
]


@pytest.mark.parametrize("text,published,eb,lb,ee,le", SPANS, ids=[s[0] for s in SPANS])
def test_span(text, published, eb, lb, ee, le):
    w = resolve_when(text, ref=published)
    assert (w.earliest_begin, w.latest_begin, w.earliest_end, w.latest_end) == (eb, lb, ee, le)
    assert w.text == text


def test_start_and_end_fields():
    w = resolve_when(start="2025-07", end="ongoing", ref=TUE)
    assert (w.earliest_begin, w.latest_end) == (D(2025, 7, 1), None)
    w = resolve_when(start="Monday", end="Tuesday", ref=TUE)
    assert (w.earliest_begin, w.latest_end, w.precision) == (D(2026, 1, 5), TUE, Precision.DAY)


def test_yaml_values():
    assert resolve_when(D(2026, 1, 6), ref=TUE).latest_end == TUE
    assert resolve_when(2025, ref=TUE).precision is Precision.YEAR


@pytest.mark.parametrize("text", [
    "since Assad's fall", "soon", "2025-13", "2025-02-30", "winter 2025", "the other day", "",
    "2026-01-06..2025-01-01", "Tuesday-ish", "32 January 2025", "..", "2025-01-01...",
])
def test_unresolvable_is_an_error_not_a_guess(text):
    with pytest.raises(DateError):
        resolve_when(text, ref=TUE)


def test_window_precision():
    assert window(since="2024-12").first == D(2024, 12, 1)
    assert window(after="2024-12").first == D(2025, 1, 1)
    assert window(until="2025").last == D(2025, 12, 31)
    assert window(before="2025").last == D(2024, 12, 31)
    assert window(after="2024-12-31").first == D(2025, 1, 1)
    with pytest.raises(DateError):
        window(since="2025", before="2024")
    with pytest.raises(DateError):
        window(since="2025", after="2024")


@pytest.mark.parametrize("bounds,text", [
    ((D(2026, 1, 6),) * 4, "2026-01-06"),
    ((D(2024, 12, 1), D(2024, 12, 31), D(2024, 12, 1), D(2024, 12, 31)), "2024-12"),
    ((D(2025, 1, 1), D(2025, 12, 31), D(2025, 1, 1), D(2025, 12, 31)), "2025"),
    ((D(2024, 12, 1), D(2024, 12, 31), D(2024, 12, 1), None), "2024-12.."),
    ((None, D(2025, 3, 31), D(2025, 3, 1), D(2025, 3, 31)), "..2025-03"),
    ((D(2025, 7, 1), D(2025, 7, 31), D(2025, 8, 1), D(2025, 8, 31)), "2025-07..2025-08"),
    ((D(2025, 1, 1), D(2025, 4, 30), D(2025, 1, 1), D(2025, 4, 30)), "2025-01-01~2025-04-30"),
    ((D(2025, 7, 21), D(2025, 7, 27), D(2025, 7, 21), D(2025, 7, 27)), "2025-W30"),
    ((D(2024, 12, 30), D(2025, 1, 5), D(2024, 12, 30), D(2025, 1, 5)), "2025-W01"),
])
def test_describe(bounds, text):
    assert describe(*bounds) == text


def test_a_span_that_means_nothing_read_forward_is_not_refused(tmp_path):
    """The check for a date meant after publication read "between Monday and Tuesday" forward, said on a Tuesday,
    as Monday 30 June .. Tuesday 24 June and refused the file; read as written it is 23..24 June."""
    from kb import KnowledgeBase

    path = tmp_path / "f.yaml"
    path.write_text("article: {id: f, title: T, publisher: P, published: 2025-06-24}\n"
                    "events:\n  - {id: c, type: ceasefire, date: between Monday and Tuesday, parties: [Israel, Iran],\n"
                    "     quote: The ceasefire was announced.}\n", encoding="utf-8")
    kb = KnowledgeBase.memory()
    kb.ingest([path])
    [event] = kb.timeline()
    assert (event.start, event.end) == (D(2025, 6, 23), D(2025, 6, 24))
