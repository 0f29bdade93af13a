"""The docs cannot drift: tables in docs/ are checked against the code."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from kb.model.dates import parse_period

from helpers import ROOT

DATES_MD = (ROOT / "docs" / "dates.md").read_text(encoding="utf-8")


def _period_rows():
    section = DATES_MD.split("## One period", 1)[1].split("## Spans", 1)[0]
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 5 or not cells[0].startswith("`"):
            continue
        for expr in re.findall(r"`([^`]+)`", cells[0].split("(")[0]):
            yield expr, *cells[1:]


PERIOD_ROWS = list(_period_rows())


def test_the_table_is_there():
    assert len(PERIOD_ROWS) >= 40


@pytest.mark.parametrize("expr,published,first,last,precision", PERIOD_ROWS, ids=[r[0] for r in PERIOD_ROWS])
def test_documented_period(expr, published, first, last, precision):
    p = parse_period(expr, dt.date.fromisoformat(published))
    assert (p.start.isoformat(), p.end.isoformat(), p.precision.name.lower().replace("_", " ")) == (
        first, last, precision)
