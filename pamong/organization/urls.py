from django.urls import path

from pamong.organization import views

app_name = "organization"

urlpatterns = [
    path("kepegawaian/", views.staffing, name="staffing"),
    path("kepegawaian.xlsx", views.staffing_xlsx, name="staffing_xlsx"),
    path("aparatur/", views.hub, name="hub"),
    path("unit/", views.units, name="units"),
    path("unit/<int:pk>/", views.unit_detail, name="unit"),
    path("pegawai/", views.employees, name="employees"),
    path("pegawai/unduh.xlsx", views.employees_xlsx, name="employees_xlsx"),
    path("pegawai/tambah/", views.employee_new, name="employee_new"),
    path("pegawai/impor/", views.employee_import, name="employee_import"),
    path("pegawai/impor/templat.xlsx", views.employee_import_template, name="employee_import_template"),
    path("pegawai/<int:pk>/", views.employee_detail, name="employee"),
    path("pegawai/<int:pk>/ubah/", views.employee_edit, name="employee_edit"),
    path("formasi/", views.formasi, name="formasi"),
    path("formasi/unduh.xlsx", views.formasi_xlsx, name="formasi_xlsx"),
    path("formasi/unit/<int:pk>/", views.formasi_unit, name="formasi_unit"),
]
