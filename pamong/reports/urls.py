from django.urls import path

from pamong.reports import views

app_name = "reports"

urlpatterns = [
    path("laporan/", views.report_list, name="list"),
    path("laporan/buka/", views.report_open_view, name="open"),
    path("laporan/rekap/", views.period_overview, name="overview"),
    path("laporan/terlambat/", views.late_list, name="late"),
    path("laporan/jadwal/", views.schedule_view, name="schedule"),
    path("laporan/<int:pk>/", views.report_detail, name="detail"),
    path("laporan/<int:pk>/status/", views.report_status, name="status"),
    path("laporan/<int:pk>/pdf/", views.report_pdf, name="pdf"),
    path("laporan/<int:pk>/lampiran/", views.report_attach_view, name="attach"),
    path("laporan/lampiran/<int:pk>/", views.attachment_file, name="attachment"),
]
