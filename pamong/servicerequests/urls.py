from django.urls import path

from pamong.servicerequests import views, views_public

app_name = "servicerequests"

urlpatterns = [
    path("layanan/<slug:code>/ajukan/", views_public.apply, name="apply"),
    path("lacak/", views_public.track_lookup, name="track_lookup"),
    path("lacak/<str:code>/", views_public.track, name="track"),
    path("lacak/<str:code>/tanda-terima/", views_public.receipt, name="receipt"),
    path("lacak/<str:code>/perbaiki/", views_public.correct, name="correct"),
    path("lacak/<str:code>/surat/", views_public.letter_download, name="letter"),
    path("verifikasi/", views_public.verify_lookup, name="verify_lookup"),
    path("verifikasi/<str:code>/", views_public.verify, name="verify"),
    path("permohonan/", views.inbox_view, name="inbox"),
    path("permohonan/bagikan/", views.assign, name="assign"),
    path("permohonan/<str:code>/", views.detail, name="detail"),
    path("permohonan/<str:code>/ubah/", views.transition, name="transition"),
    path("permohonan/<str:code>/berkas/<int:pk>/", views.document, name="document"),
    path("permohonan/<str:code>/pratinjau-surat/", views.letter_preview, name="letter_preview"),
    path("permohonan/<str:code>/surat/", views.letter_copy, name="letter_copy"),
    path("permohonan/<str:code>/surat/pindaian/", views.letter_scan, name="letter_scan"),
]
