from django.urls import path, re_path

from pamong.portal import views, views_front

app_name = "portal"

REGION_CODE = r"(?P<code>[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{4})?)?)?)"

urlpatterns = [
    path("", views_front.front, name="front"),
    path("wilayah/", views_front.browse_root, name="browse_root"),
    re_path(rf"^wilayah/{REGION_CODE}/$", views_front.browse, name="browse"),
    path("portal/", views.home, name="home"),
    path("portal/pengumuman/feed/", views.AnnouncementFeed(), name="feed"),
    path("portal/pengumuman/<int:pk>/", views.announcement_public, name="announcement"),
    path("portal/kelola/", views.manage, name="manage"),
    path("portal/kelola/baru/", views.edit, name="new"),
    path("portal/kelola/<int:pk>/", views.edit, name="staff_detail"),
    path("portal/kelola/<int:pk>/status/", views.transition, name="transition"),
    re_path(rf"^portal/{REGION_CODE}/$", views.region_page, name="region"),
]
