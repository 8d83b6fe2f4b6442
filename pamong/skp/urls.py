from django.urls import path

from pamong.skp import views

app_name = "skp"

urlpatterns = [
    path("skp/", views.rater_view, name="rater"),
    path("skp/saya/", views.mine, name="mine"),
    path("skp/rekap/", views.recap_view, name="recap"),
    path("skp/rekap.xlsx", views.recap_xlsx, name="recap_xlsx"),
    path("skp/pegawai/<int:employee_pk>/<str:period>/", views.assess, name="assess"),
    path("skp/<int:pk>/", views.detail, name="assessment"),
    path("skp/<int:pk>/cetak/", views.print_view, name="print"),
    path("skp/<int:pk>/skp.pdf", views.pdf_view, name="pdf"),
    path("skp/<int:pk>/buka-kembali/", views.reopen, name="reopen"),
]
