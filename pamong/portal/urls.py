from django.urls import path, re_path

from pamong.portal import views

app_name = "portal"

urlpatterns = [
    path("portal/", views.home, name="home"),
    path("portal/pengumuman/feed/", views.AnnouncementFeed(), name="feed"),
    path("portal/pengumuman/<int:pk>/", views.announcement_public, name="announcement"),
    path("portal/kelola/", views.manage, name="manage"),
    path("portal/kelola/baru/", views.edit, name="new"),
    path("portal/kelola/<int:pk>/", views.edit, name="staff_detail"),
    path("portal/kelola/<int:pk>/status/", views.transition, name="transition"),
    re_path(
        r"^portal/(?P<code>[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{4})?)?)?)/$", views.region_page, name="region"
    ),
]
