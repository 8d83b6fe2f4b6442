from django.urls import path

from pamong.meetings import views

app_name = "meetings"

urlpatterns = [
    path("rapat/", views.meeting_list, name="list"),
    path("rapat/baru/", views.meeting_new, name="new"),
    path("rapat/rekap/", views.attendance_recap, name="recap"),
    path("rapat/<int:pk>/", views.meeting_detail, name="detail"),
    path("rapat/<int:pk>/status/", views.meeting_status, name="status"),
    path("rapat/<int:pk>/undang/", views.meeting_invite_view, name="invite"),
    path("rapat/<int:pk>/presensi/", views.meeting_attendance, name="attendance"),
    path("rapat/<int:pk>/notulen/", views.meeting_minutes, name="minutes"),
    path("rapat/<int:pk>/tindak-lanjut/baru/", views.meeting_action_new, name="meeting_action_new"),
    path("kunjungan/", views.visit_list, name="visits"),
    path("kunjungan/baru/", views.visit_new, name="visit_new"),
    path("kunjungan/<int:pk>/", views.visit_detail, name="visit"),
    path("kunjungan/<int:pk>/temuan/", views.visit_finding, name="visit_finding"),
    path("kunjungan/<int:pk>/tindak-lanjut/baru/", views.visit_action_new, name="visit_action_new"),
    path("kunjungan/foto/<int:pk>/", views.visit_photo, name="photo"),
    path("kunjungan/wilayah/<str:code>/", views.region_history, name="region_history"),
    path("tindak-lanjut/", views.my_items, name="my_items"),
    path("tindak-lanjut/<int:pk>/", views.item_detail, name="item"),
    path("tindak-lanjut/<int:pk>/ubah/", views.item_status, name="item_status"),
]
