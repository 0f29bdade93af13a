"""Rows as an Excel workbook (XlsxWriter, in memory): what ACLED users expect to download.

Dates stay ISO text as kb writes them everywhere (a vague "2025-W30" or
"..2026-01-06" is not a spreadsheet date); counts stay numbers.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

__all__ = ["workbook"]


def workbook(rows: Sequence[dict[str, Any]], columns: Sequence[str], *, sheet: str = "answer") -> bytes:
    """One sheet: a bold header row, then ``rows`` (missing values left empty), columns sized to fit."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_urls": False, "strings_to_formulas": False})
    page = book.add_worksheet(sheet[:31])
    bold = book.add_format({"bold": True})
    widths = [len(c) for c in columns]
    for j, column in enumerate(columns):
        page.write_string(0, j, column, bold)
    for i, row in enumerate(rows, 1):
        for j, column in enumerate(columns):
            value = row.get(column)
            if value is None:
                continue
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                page.write_number(i, j, value)
            else:
                text = str(value)
                page.write_string(i, j, text)
                widths[j] = max(widths[j], min(len(text), 80))
    for j, width in enumerate(widths):
        page.set_column(j, j, width + 2)
    page.freeze_panes(1, 0)
    book.close()
    return buffer.getvalue()
