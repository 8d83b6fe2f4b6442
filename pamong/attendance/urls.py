from django.urls import path

from pamong.attendance import views

app_name = "attendance"

urlpatterns = [
    path("kehadiran/", views.mine, name="mine"),
    path("kehadiran/masuk/", views.check_in, name="check_in"),
    path("kehadiran/pulang/", views.check_out, name="check_out"),
    path("kehadiran/catat/", views.record_new, name="new"),
    path("kehadiran/harian/", views.day_sheet_view, name="day"),
    path("kehadiran/rekap/", views.recap, name="recap"),
    path("kehadiran/jam-kerja/", views.schedules, name="schedules"),
    path("kehadiran/catatan/<int:pk>/", views.detail, name="detail"),
    path("kehadiran/catatan/<int:pk>/koreksi/", views.correct, name="correct"),
    path("kehadiran/catatan/<int:pk>/surat/", views.document, name="document"),
]
