"""The monthly recap as a spreadsheet and as a chart."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import pygal
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from pamong.attendance.models import Status
from pamong.attendance.selectors import MonthRecap, group_rows, recap_rows
from pamong.core import charts
from pamong.core.xlsx import Sheet

STATUS_HEADERS = [str(label) for label in Status.labels]


def recap_xlsx(recap: MonthRecap) -> bytes:
    """Sheets: per employee (with flags), per unit, per kecamatan."""
    subtitle = f"Hari kerja {recap.working_days}, dihitung s.d. {recap.until_label}. Sel kosong berarti 0."
    group_headers = [
        "Jumlah pegawai",
        "Hari kerja pegawai",
        *STATUS_HEADERS,
        "Menit terlambat",
        "Hari tanpa catatan",
        "Tingkat kehadiran (%)",
        "Pegawai ditandai",
    ]
    sheets = [
        Sheet(
            title=f"Rekap kehadiran {recap.label}",
            headers=[
                "Nama",
                "NIP",
                "Jabatan",
                "Unit",
                "Hari kerja",
                *STATUS_HEADERS,
                "Menit terlambat",
                "Hari tanpa catatan",
                "Tingkat kehadiran (%)",
                "Catatan hari libur",
                "Tanda disiplin",
            ],
            rows=recap_rows(recap),
            subtitle=subtitle,
            text_columns=(1,),
        ),
        Sheet(
            title="Per unit",
            headers=["Unit", *group_headers],
            rows=group_rows(recap.units),
            subtitle=f"{recap.label}. {subtitle}",
            footer=group_rows([recap.total]),
        ),
    ]
    if len(recap.kecamatan) > 1:
        sheets.append(
            Sheet(
                title="Per kecamatan",
                headers=["Kecamatan", *group_headers],
                rows=group_rows(recap.kecamatan),
                subtitle=f"{recap.label}. {subtitle}",
                footer=group_rows([recap.total]),
            )
        )
    return build_sheets_fast(sheets)


def _value(v: Any) -> Any:
    if isinstance(v, Promise):
        v = str(v)
    if isinstance(v, str):
        v = ILLEGAL_CHARACTERS_RE.sub("", v)
    return v


def _cell(ws: Any, value: Any, *, font: Font | None = None, text: bool = False) -> Any:
    c = WriteOnlyCell(ws, value=value)
    if isinstance(value, str) and c.data_type == "f":  # text typed by users is never a formula
        c.data_type = "s"
    if text:
        c.number_format = "@"
    if font is not None:
        c.font = font
    return c


def build_sheets_fast(sheets: Sequence[Sheet]) -> bytes:
    """The same workbook as ``core.xlsx.build_sheets`` (title, subtitle, bold frozen headers, filters, widths,
    text columns, bold footer), written in openpyxl's write-only mode: a recap of thousands of employees takes
    seconds, where the cell-by-cell workbook grows quadratically with the rows."""
    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    for sheet in sheets:
        ws = wb.create_sheet(sheet.title[:31])
        headers = [str(h) for h in sheet.headers]
        rows = [[_value(v) for v in row] for row in sheet.rows]
        footer = [[_value(v) for v in row] for row in sheet.footer]
        widths = [len(h) for h in headers]
        for row in rows:
            for i, v in enumerate(row[: len(widths)]):
                widths[i] = max(widths[i], min(len(str(v if v is not None else "")), 60))
        for i, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = w + 2
        ws.freeze_panes = "A4"
        if rows:
            ws.auto_filter.ref = f"A3:{get_column_letter(len(headers))}{3 + len(rows)}"

        title = _cell(ws, sheet.title, font=Font(bold=True, size=13))
        ws.append([title])
        ws.append([sheet.subtitle])
        header_fill = PatternFill("solid", fgColor="1F4E79")
        header_font = Font(bold=True, color="FFFFFF")
        head = []
        for h in headers:
            c = _cell(ws, h, font=header_font)
            c.fill = header_fill
            c.alignment = Alignment(vertical="center", wrap_text=True)
            head.append(c)
        ws.append(head)
        special = set(sheet.text_columns)
        for row in rows:
            ws.append(
                [
                    _cell(ws, v, text=i in special) if i in special or (isinstance(v, str) and v.startswith("=")) else v
                    for i, v in enumerate(row)
                ]
            )
        for row in footer:
            ws.append([_cell(ws, v, font=bold) for v in row])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def recap_chart(recap: MonthRecap) -> str:
    """Person-days per status for each unit (or kecamatan when there are many units), as a stacked bar chart."""
    groups = recap.kecamatan if len(recap.units) > 25 and len(recap.kecamatan) > 1 else recap.units
    if not groups:
        return ""
    shown = [Status.HADIR, Status.TERLAMBAT, Status.PULANG_CEPAT, Status.DINAS_LUAR]
    series = [(str(Status(s).label), [g.counts.n(s) for g in groups]) for s in shown]
    others = [g.counts.n(Status.IZIN) + g.counts.n(Status.SAKIT) + g.counts.n(Status.CUTI) for g in groups]
    series.append(("Izin/sakit/cuti", others))  # the palette's green
    series.append((str(Status.TANPA_KETERANGAN.label), [g.counts.n(Status.TANPA_KETERANGAN) for g in groups]))  # red
    series.append(("Tanpa catatan", [g.counts.no_record for g in groups]))
    labels = [g.name for g in groups]
    chart = pygal.HorizontalStackedBar(
        **charts.chart_config(
            title=f"Hari kerja pegawai menurut status, {recap.label}",
            height=max(300, 28 * len(labels) + 170),  # room for a legend of two lines
            legend_at_bottom_columns=4,
            margin_bottom=36,  # pygal leaves no room for the legend's second line on its own
        )
    )
    chart.x_labels = list(reversed(labels))  # pygal draws bottom-up; read in the table's order
    for name, values in series:
        chart.add(name, list(reversed(values)))
    return charts.data_uri(chart)
