from django.contrib import admin
from django.urls import include, path

from pamong.api.api import api

admin.site.site_header = "Pamong — Administrasi"
admin.site.site_title = "Pamong"
admin.site.index_title = "Data induk"

urlpatterns = [
    path("", include("pamong.core.urls")),
    path("", include("pamong.accounts.urls")),
    path("", include("pamong.organization.urls")),
    path("", include("pamong.catalog.urls")),
    path("", include("pamong.servicerequests.urls")),
    path("", include("pamong.surveys.urls")),
    path("", include("pamong.complaints.urls")),
    path("", include("pamong.skp.urls")),
    path("", include("pamong.training.urls")),
    path("", include("pamong.meetings.urls")),
    path("", include("pamong.attendance.urls")),
    path("", include("pamong.programmes.urls")),
    path("", include("pamong.portal.urls")),
    path("", include("pamong.reports.urls")),
    path("", include("pamong.kinerja.urls")),
    path("", include("pamong.innovation.urls")),
    path("", include("pamong.open311.urls")),
    path("", include("pamong.ops.urls")),
    path("", include("pamong.desk.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]

handler400 = "pamong.core.views.error_400"
handler403 = "pamong.core.views.error_403"
handler404 = "pamong.core.views.error_404"
handler500 = "pamong.core.views.error_500"
