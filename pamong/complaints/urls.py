from django.urls import path

from pamong.complaints import views, views_public

app_name = "complaints"

urlpatterns = [
    path("pengaduan/", views_public.board_view, name="board"),
    path("pengaduan/baru/", views_public.new, name="new"),
    path("pengaduan/kotak/", views.queue_view, name="queue"),
    path("pengaduan/kotak/baru/", views.intake, name="intake"),
    path("pengaduan/kotak/<str:code>/", views.detail, name="staff_detail"),
    path("pengaduan/kotak/<str:code>/ubah/", views.act, name="act"),
    path("pengaduan/kotak/<str:code>/foto/<int:pk>/", views.photo, name="staff_photo"),
    path("pengaduan/kotak/<str:code>/foto/<int:pk>/publik/", views.photo_public, name="photo_public"),
    path("pengaduan/<str:code>/", views_public.detail, name="detail"),
    path("pengaduan/<str:code>/tanggapi/", views_public.respond, name="respond"),
    path("pengaduan/<str:code>/foto/<int:pk>/", views_public.photo, name="photo"),
]
