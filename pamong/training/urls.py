from django.urls import path

from pamong.training import views

app_name = "training"

urlpatterns = [
    path("pelatihan/", views.event_list, name="list"),
    path("pelatihan/daftar.xlsx", views.event_list_xlsx, name="list_xlsx"),
    path("pelatihan/baru/", views.event_new, name="new"),
    path("pelatihan/cakupan/", views.coverage_view, name="coverage"),
    path("pelatihan/cakupan.xlsx", views.coverage_xlsx, name="coverage_xlsx"),
    path("pelatihan/<int:pk>/", views.event_detail, name="event"),
    path("pelatihan/<int:pk>/ubah/", views.event_edit, name="edit"),
    path("pelatihan/<int:pk>/daftar-hadir/", views.attendance_list, name="attendance_list"),
    path("pelatihan/<int:pk>/peserta.xlsx", views.event_xlsx, name="xlsx"),
    path("pelatihan/<int:pk>/status/", views.event_transition_view, name="transition"),
    path("pelatihan/<int:pk>/peserta/tambah/", views.participants_add_view, name="participants_add"),
    path("pelatihan/<int:pk>/lembar/", views.sheet, name="sheet"),
    path("pelatihan/<int:pk>/sertifikat/", views.certificates_issue_view, name="certificates_issue"),
    path("pelatihan/peserta/<int:pk>/hapus/", views.participant_remove_view, name="participant_remove"),
    path("pelatihan/peserta/<int:pk>/sertifikat.pdf", views.certificate_download, name="certificate"),
    # Public: anyone holding a certificate (or its QR code) checks it here.
    path("pelatihan/sertifikat/<str:code>/", views.verify, name="verify"),
]
