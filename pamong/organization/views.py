from __future__ import annotations

import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe
from openpyxl import Workbook

from pamong.core import gate
from pamong.core.charts import SHORTFALL_COLORS, stacked_bars, style_with
from pamong.core.errors import DomainError
from pamong.core.formats import ribuan
from pamong.core.scope import scope_of
from pamong.core.xlsx import build_workbook, xlsx_response
from pamong.organization.forms import DirectoryFilterForm, EmployeeForm, FormasiForm, ImportForm
from pamong.organization.importing import COLUMNS, accepted_spellings, read_employee_file
from pamong.organization.models import Employee, FormasiChange, FormasiNeed, Unit
from pamong.organization.sections import employee_sections
from pamong.organization.selectors import (
    FormasiReport,
    employee_counts_by_type,
    employee_directory,
    formasi_report,
    staffing_summary,
    unit_chain,
    unit_list,
)
from pamong.organization.services import (
    EmployeeData,
    employee_create,
    employee_update,
    employees_import,
    formasi_set,
    formasi_years,
    signer_nik_masked,
)
from pamong.regions.models import Region

PAGE_SIZE = 50


def _require_manager(request: HttpRequest, unit: Unit | None = None) -> None:
    """Adding or importing staff (no unit yet), or changing a staff record of ``unit``."""
    allowed = (
        gate.can(request.user, "organization.add_staff")
        if unit is None
        else gate.can(request.user, "organization.manage_staff", unit)
    )
    if not allowed:
        raise PermissionDenied("Peran Anda hanya dapat melihat data pegawai.")


@login_required
def units(request: HttpRequest) -> HttpResponse:
    return render(request, "organization/unit_list.html", {"units": unit_list(user=request.user)})


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(Unit.objects.visible_to(request.user).select_related("region"), pk=pk)
    chain = unit_chain(unit)
    staff = unit.employees.filter(active=True)
    counts = employee_counts_by_type(staff)
    unassigned = staff.filter(position__isnull=True).order_by("name")
    return render(
        request,
        "organization/unit_detail.html",
        {
            "unit": unit,
            "chain": chain,
            "counts": [(label, counts.get(value, 0)) for value, label in Employee.EmploymentType.choices],
            "total": sum(counts.values()),
            "unassigned": unassigned,
            "vacant": unit.positions.annotate(n=Count("holders", filter=Q(holders__active=True))).filter(n=0).count(),
        },
    )


@login_required
def employees(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET or None, user=request.user)
    filters = form.filters()
    qs = employee_directory(user=request.user, filters=filters)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("hal"))
    context = {"form": form, "page": page, "query": _query_without_page(request), "show_status": filters.active != "1"}
    template = "organization/employee_list.html#directory" if request.htmx else "organization/employee_list.html"  # type: ignore[attr-defined]
    return render(request, template, context)


def _query_without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("hal", None)
    return params.urlencode()


@login_required
def employees_xlsx(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET or None, user=request.user)
    qs = employee_directory(user=request.user, filters=form.filters())
    rows = (
        (
            e.nip or "",
            e.full_name,
            e.get_gender_display(),
            e.get_employment_type_display(),
            e.position.title if e.position else "",
            e.unit.name,
            e.unit.region_id,
            "Ya" if e.active else "Tidak",
            e.nipd,
        )
        for e in qs.iterator(chunk_size=2000)
    )
    now = timezone.localtime()
    content = build_workbook(
        title="Direktori Pegawai",
        subtitle=f"Diunduh {now:%d-%m-%Y %H:%M} oleh {request.user.get_username()}",
        headers=[
            "NIP",
            "Nama",
            "Jenis kelamin",
            "Jenis kepegawaian",
            "Jabatan",
            "Unit",
            "Kode wilayah",
            "Aktif",
            "NIPD",
        ],
        rows=rows,
        text_columns=[0, 6, 8],
    )
    return xlsx_response(f"pegawai-{now:%Y%m%d}.xlsx", content)


@require_safe
@login_required
def employee_detail(request: HttpRequest, pk: int) -> HttpResponse:
    employee = get_object_or_404(
        Employee.objects.visible_to(request.user).select_related("unit__region", "position__reports_to", "user"), pk=pk
    )
    chain = []
    position = employee.position
    seen = set()
    while position is not None and position.pk not in seen:
        seen.add(position.pk)
        chain.append(position)
        position = position.reports_to
    superiors = chain[1:]
    holders = {
        e.position_id: e
        for e in Employee.objects.filter(position__in=superiors, active=True).only(
            "name", "title_prefix", "title_suffix", "position_id"
        )
    }
    return render(
        request,
        "organization/employee_detail.html",
        {
            "employee": employee,
            "superiors": [(p, holders.get(p.pk)) for p in superiors],
            "sections": list(employee_sections(employee=employee, viewer=request.user)),
            "desa_types": Employee.DESA_APPARATUS,
            "term_ended": employee.term_ended(timezone.localdate()),
        },
    )


def _data_from(form: EmployeeForm) -> EmployeeData:
    d = form.cleaned_data
    return EmployeeData(
        nip=d["nip"],
        name=d["name"],
        title_prefix=d["title_prefix"],
        title_suffix=d["title_suffix"],
        gender=d["gender"],
        birth_date=d["birth_date"],
        employment_type=d["employment_type"],
        unit=d["unit"],
        position=d["position"],
        phone=d["phone"],
        email=d["email"],
        active=d["active"],
        nipd=d["nipd"],
        golongan=d["golongan"],
        term_start=d["term_start"],
        term_end=d["term_end"],
        signer_nik="" if d.get("signer_nik_clear") else (d["signer_nik"] or None),
    )


@login_required
def employee_new(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    initial: dict[str, object] = {"active": True}
    if request.GET.get("unit", "").isdigit():
        initial["unit"] = int(request.GET["unit"])
    form = EmployeeForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            employee = employee_create(actor=request.user, data=_data_from(form))
        except DomainError as exc:
            exc.attach_to(form)
        else:
            messages.success(request, f"Pegawai {employee.full_name} ditambahkan.")
            return redirect("organization:employee", pk=employee.pk)
    return render(request, "organization/employee_form.html", {"form": form, "employee": None})


@login_required
def employee_edit(request: HttpRequest, pk: int) -> HttpResponse:
    employee = get_object_or_404(Employee.objects.visible_to(request.user).select_related("unit"), pk=pk)
    _require_manager(request, employee.unit)
    form = EmployeeForm(
        request.POST or None,
        user=request.user,
        initial=EmployeeForm.initial_from(employee),
        signer_nik_masked=signer_nik_masked(employee=employee),
    )
    if request.method == "POST" and form.is_valid():
        try:
            employee_update(actor=request.user, employee=employee, data=_data_from(form))
        except DomainError as exc:
            exc.attach_to(form)
        else:
            messages.success(request, "Perubahan disimpan.")
            return redirect("organization:employee", pk=employee.pk)
    return render(request, "organization/employee_form.html", {"form": form, "employee": employee})


@login_required
def employee_import(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    filename = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        filename = upload.name
        try:
            rows = read_employee_file(upload, size=upload.size)
            report = employees_import(actor=request.user, rows=rows)
        except DomainError as exc:
            exc.attach_to(form)
        else:
            if report.ok:
                messages.success(request, f"{ribuan(report.created)} pegawai dari {filename} berhasil diimpor.")
                return redirect("organization:employees")
    return render(
        request,
        "organization/employee_import.html",
        {"form": form, "report": report, "filename": filename, "columns": accepted_spellings()},
    )


@login_required
def employee_import_template(request: HttpRequest) -> HttpResponse:
    """A workbook to fill in: the header on row 1 (as the importer reads it), two example rows, a help sheet."""
    unit = Unit.objects.visible_to(request.user).filter(kind=Unit.Kind.KANTOR_LURAH).order_by("region_id").first()
    code = unit.code if unit else "13.71.01.1001"
    wb = Workbook()
    ws = wb.active
    ws.title = "Pegawai"
    ws.append(list(COLUMNS))
    examples = [
        {"nip": "198504022010011003", "nama": "Afrizal", "gelar_belakang": "S.Sos.", "jenis_kelamin": "L"},
        {"nama": "Yusnimar", "jenis_kelamin": "P", "tanggal_lahir": "1996-08-17", "jenis_kepegawaian": "Honorer"},
    ]
    examples[0].update({"tanggal_lahir": "1985-04-02", "jenis_kepegawaian": "PNS", "golongan": "III/b"})
    for example in examples:
        ws.append([{"kode_unit": code, "aktif": "Ya", **example}.get(c, "") for c in COLUMNS])
    for column in ("A", "H"):
        for cell in ws[column]:
            cell.number_format = "@"
        ws.column_dimensions[column].width = 22
    help_ws = wb.create_sheet("Petunjuk")
    help_ws.append(["Kolom", "Isi", "Judul lain yang dibaca"])
    for name, hint, spellings in accepted_spellings():
        help_ws.append([name, hint, ", ".join(spellings)])
    buffer = io.BytesIO()
    wb.save(buffer)
    return xlsx_response(f"templat-impor-pegawai-{timezone.localdate():%Y%m%d}.xlsx", buffer.getvalue())


def _formasi_year(params: Any) -> int:
    """The year asked for (``tahun`` in the query or the form); this year when it is missing or out of range."""
    today = timezone.localdate()
    raw = params.get("tahun", "")
    return int(raw) if raw.isdigit() and int(raw) in formasi_years(today) else today.year


def _formasi_chart(report: FormasiReport) -> str | None:
    if len(report.rows) < 2 or report.level == "jabatan":
        return None
    types = Employee.EmploymentType
    return stacked_bars(
        title=f"Formasi {report.year}: pegawai aktif menurut jenis kepegawaian dan formasi yang masih kosong",
        style=style_with(colors=SHORTFALL_COLORS),
        labels=[r.name for r in report.rows],
        series=[
            *[(str(label), [r.count(value) for r in report.rows]) for value, label in types.choices],
            ("Kosong", [r.vacant for r in report.rows]),
        ],
    )


@login_required
def formasi(request: HttpRequest) -> HttpResponse:
    year = _formasi_year(request.GET)
    report = formasi_report(user=request.user, year=year, area=request.GET.get("wilayah", ""))
    return render(
        request,
        "organization/formasi.html",
        {
            "report": report,
            "years": formasi_years(timezone.localdate()),
            "types": Employee.EmploymentType.labels,
            "chart": _formasi_chart(report),
        },
    )


def _formasi_rows(report: FormasiReport) -> list[list[Any]]:
    return [
        [
            r.code,
            r.name,
            r.positions,
            r.needed,
            *r.cells,
            r.filled,
            r.unassigned,
            r.vacant,
            r.excess,
            r.non_asn,
            r.unset,
        ]
        for r in [*report.rows, report.total]
    ]


FORMASI_HEADERS = [
    *[str(label) for label in Employee.EmploymentType.labels],
    "Terisi (menduduki jabatan)",
    "Tanpa jabatan",
    "Kosong",
    "Kelebihan",
    "Non-ASN (honorer, kontrak, kepala desa, perangkat desa)",
    "Kebutuhan belum ditetapkan",
]


@login_required
def formasi_xlsx(request: HttpRequest) -> HttpResponse:
    year = _formasi_year(request.GET)
    unit = None
    if request.GET.get("unit", "").isdigit():
        unit = get_object_or_404(Unit.objects.visible_to(request.user), pk=int(request.GET["unit"]))
    report = formasi_report(user=request.user, year=year, area=request.GET.get("wilayah", ""), unit=unit)
    where = unit.name if unit else (report.area.display_name if report.area else "wilayah Anda")
    content = build_workbook(
        title=f"Kebutuhan Formasi {year}",
        subtitle=f"{where}; per {report.area_label.lower()}; diunduh {timezone.localtime():%d-%m-%Y %H:%M}",
        headers=["Kode", report.area_label, "Jabatan", "Kebutuhan", *FORMASI_HEADERS],
        rows=_formasi_rows(report),
        text_columns=[0],
    )
    return xlsx_response(f"formasi-{year}-{timezone.localtime():%Y%m%d}.xlsx", content)


@login_required
def formasi_unit(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(Unit.objects.visible_to(request.user).select_related("region"), pk=pk)
    year = _formasi_year(request.POST if request.method == "POST" else request.GET)
    positions = list(unit.positions.order_by("order", "pk"))
    current = dict(FormasiNeed.objects.filter(unit=unit, year=year).values_list("position_id", "needed"))
    by_organisation = unit.kind == Unit.Kind.KANTOR_DESA  # perangkat desa: no ASN formasi to set
    can_plan = gate.can(request.user, "organization.plan_formasi", unit) and not by_organisation
    form = FormasiForm(request.POST or None, positions=positions, initial_needs=current)
    if request.method == "POST":
        if not can_plan:
            raise PermissionDenied("Kebutuhan formasi hanya dapat ditetapkan oleh pimpinan daerah atau admin.")
        if form.is_valid():
            try:
                changed = formasi_set(
                    actor=request.user, unit=unit, year=year, needs=form.needs(), basis=form.cleaned_data["basis"]
                )
            except DomainError as error:
                error.attach_to(form)
            else:
                messages.success(request, f"Kebutuhan formasi {year} disimpan: {changed} jabatan berubah.")
                return redirect(f"{request.path}?tahun={year}")
    report = formasi_report(user=request.user, year=year, unit=unit)
    by_position = {row.code: row for row in report.rows}
    rows = [(p, by_position[str(p.pk)], form.need_field(p), bool(by_position[str(p.pk)].unset)) for p in positions]
    history = (
        FormasiChange.objects.filter(need__unit=unit, need__year=year)
        .select_related("need__position", "actor")
        .order_by("-at", "-id")[:30]
    )
    return render(
        request,
        "organization/formasi_unit.html",
        {
            "unit": unit,
            "year": year,
            "years": formasi_years(timezone.localdate()),
            "report": report,
            "rows": rows,
            "form": form,
            "can_plan": can_plan,
            "by_organisation": by_organisation,
            "history": history,
            "types": Employee.EmploymentType.labels,
        },
    )


@login_required
def hub(request: HttpRequest) -> HttpResponse:
    """The Aparatur menu as a page: where the menu's dropdown leads without JavaScript. Only links the user may
    open."""
    user = request.user
    # The attendance app declares who keeps a day sheet; the gate answers by name, without importing it.
    sheet = [("Lembar harian unit", reverse("attendance:day"))] if gate.can(user, "attendance.keep_day_sheet") else []
    recaps = gate.can(user, "organization.see_staff_recaps")
    areas = [
        (
            "Kepegawaian",
            "Unit kerja dengan rantai jabatannya, direktori pegawai, dan kebutuhan formasi per jabatan.",
            [
                ("Unit kerja", reverse("organization:units")),
                ("Pegawai", reverse("organization:employees")),
                ("Kebutuhan formasi", reverse("organization:formasi")),
            ],
        ),
        (
            "Kehadiran",
            "Absen masuk dan pulang, lembar harian unit, koreksi dengan riwayat, dan rekap bulanan.",
            [("Kehadiran saya", reverse("attendance:mine")), *sheet, ("Rekap bulanan", reverse("attendance:recap"))],
        ),
        (
            "Rapat dan kunjungan kerja",
            "Rapat dengan undangan dan presensi beralasan, notulen, kunjungan pimpinan, dan tindak lanjutnya.",
            [
                ("Rapat", reverse("meetings:list")),
                ("Kunjungan kerja", reverse("meetings:visits")),
                ("Tindak lanjut saya", reverse("meetings:my_items")),
            ],
        ),
        (
            "Pelatihan",
            "Pelatihan dan bimtek dengan peserta, nilai pre-test dan post-test, sertifikat, dan cakupan per unit.",
            [("Pelatihan", reverse("training:list")), ("Cakupan pelatihan", reverse("training:coverage"))],
        ),
        (
            "Penilaian kinerja (SKP)",
            "Penilaian hasil kerja dan perilaku kerja oleh atasan langsung, predikat menurut PermenPANRB 6/2022.",
            [("Penilaian bawahan", reverse("skp:rater")), ("SKP saya", reverse("skp:mine"))]
            + ([("Rekap SKP", reverse("skp:recap"))] if recaps else []),
        ),
    ]
    return render(request, "organization/hub.html", {"areas": areas})


@login_required
def staffing(request: HttpRequest) -> HttpResponse:
    """Kepegawaian: staff, positions and vacancies in the user's scope, per area."""
    scope = scope_of(request.user)
    summary = staffing_summary(user=request.user)
    types = Employee.EmploymentType
    chart = None
    if len(summary.rows) > 1:
        chart = stacked_bars(
            title="Pegawai aktif menurut jenis kepegawaian",
            labels=[r.name for r in summary.rows],
            series=[(str(label), [r.count(value) for r in summary.rows]) for value, label in types.choices],
        )
    return render(
        request,
        "organization/staffing.html",
        {
            "scope_region": Region.objects.filter(code=scope.region_code).first() if scope.region_code else None,
            "summary": summary,
            "types": types.labels,
            "by_type": [(label, summary.total.count(value)) for value, label in types.choices],
            "chart": chart,
        },
    )


@login_required
def staffing_xlsx(request: HttpRequest) -> HttpResponse:
    summary = staffing_summary(user=request.user)
    now = timezone.localtime()
    rows = [[r.code, r.name, r.units, *r.cells, r.total, r.positions, r.vacant] for r in [*summary.rows, summary.total]]
    content = build_workbook(
        title="Kepegawaian",
        subtitle=f"Pegawai aktif dan jabatan per {summary.area_label.lower()}, {now:%d-%m-%Y %H:%M}",
        headers=[
            "Kode",
            summary.area_label,
            "Unit",
            *[str(label) for label in Employee.EmploymentType.labels],
            "Jumlah pegawai",
            "Jabatan",
            "Jabatan kosong",
        ],
        rows=rows,
        text_columns=[0],
    )
    return xlsx_response(f"kepegawaian-{now:%Y%m%d}.xlsx", content)
