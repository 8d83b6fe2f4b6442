from django.urls import path

from pamong.programmes import views

app_name = "programmes"

urlpatterns = [
    path("program/", views.index, name="index"),
    # The protected register: staff with a need-to-know only; never public.
    path("program/warga-rentan/", views.register_list, name="register"),
    path("program/warga-rentan/baru/", views.register_new, name="register_new"),
    path("program/warga-rentan/log-akses/", views.access_log, name="access_log"),
    path("program/warga-rentan/<int:pk>/", views.resident_view, name="resident"),
    path("program/warga-rentan/<int:pk>/nik/", views.resident_reveal_nik, name="reveal_nik"),
    path("program/warga-rentan/<int:pk>/kunjungan/", views.resident_visit, name="visit"),
    path("program/<slug:code>/", views.programme_view, name="programme"),
    path("program/<slug:code>/capaian.xlsx", views.programme_xlsx, name="xlsx"),
    path("program/<slug:code>/isi/", views.progress_entry, name="entry"),
    path("program/<slug:code>/target/", views.target_entry, name="target"),
]
