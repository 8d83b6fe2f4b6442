"""The monthly recap as a spreadsheet and as a chart."""

from __future__ import annotations

import pygal

from pamong.attendance.models import Status
from pamong.attendance.selectors import MonthRecap, group_rows, recap_rows
from pamong.core import charts
from pamong.core.xlsx import Sheet, build_sheets

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
    return build_sheets(sheets)


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
