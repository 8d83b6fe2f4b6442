from django.urls import path

from pamong.ops import views

app_name = "ops"

urlpatterns = [
    path("operasional/pesan-gagal/", views.failed_messages, name="failed_messages"),
    path("operasional/pesan-gagal/kirim-ulang/", views.resend_all, name="resend_all"),
    path("operasional/pesan-gagal/<int:pk>/kirim-ulang/", views.resend, name="resend"),
    path("operasional/status/", views.status_page, name="status"),
    path("operasional/persiapan/", views.checklist_page, name="checklist"),
    path("operasional/status.json", views.status_json, name="status_json"),
    path("operasional/metrics", views.metrics, name="metrics"),
]
