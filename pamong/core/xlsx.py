"""XLSX export beside every table a leader reads."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def build_workbook(
    *,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    subtitle: str = "",
    text_columns: Sequence[int] = (),
) -> bytes:
    """A sheet with a title line, bold frozen headers, filters and sensible widths.

    ``text_columns`` (0-based) are stored as text so that Excel keeps NIP and codes digit for digit.
    """
    wb = Workbook(write_only=False)
    ws = wb.active
    ws.title = title[:31]
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([subtitle])
    ws.append([str(h) for h in headers])
    header_row = 3
    for cell in ws[header_row]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E79")
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    widths = [len(h) for h in headers]
    count = 0
    for row in rows:
        values = [str(v) if isinstance(v, Promise) else v for v in row]  # lazy translations become text
        ws.append(values)
        for cell in ws[ws.max_row]:
            if cell.data_type == "f":  # text typed by users is never a formula in our files
                cell.data_type = "s"
        count += 1
        for i, v in enumerate(values):
            widths[i] = max(widths[i], min(len(str(v if v is not None else "")), 60))
    for col in text_columns:
        letter = get_column_letter(col + 1)
        for cell in ws[letter][header_row:]:
            cell.number_format = "@"
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w + 2
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    if count:
        ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(headers))}{header_row + count}"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename: str, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
