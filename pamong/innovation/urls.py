from django.urls import path

from pamong.innovation import views

app_name = "innovation"

urlpatterns = [
    # Public: the published innovations, one of them, the Atom feed.
    path("inovasi/", views.public_list, name="public_list"),
    path("inovasi/feed/", views.InnovationFeed(), name="feed"),
    path("inovasi/<int:pk>/", views.public_detail, name="public_detail"),
    # Staff.
    path("inovasi/kelola/", views.innovation_list, name="list"),
    path("inovasi/kelola/baru/", views.innovation_new, name="new"),
    path("inovasi/kelola/rekap/", views.recap_view, name="recap"),
    path("inovasi/kelola/rekap.xlsx", views.recap_xlsx, name="recap_xlsx"),
    path("inovasi/kelola/rekap.pdf", views.recap_pdf, name="recap_pdf"),
    path("inovasi/kelola/<int:pk>/", views.innovation_detail, name="detail"),
    path("inovasi/kelola/<int:pk>/ubah/", views.innovation_edit, name="edit"),
    path("inovasi/kelola/<int:pk>/status/", views.innovation_transition_view, name="transition"),
    path("inovasi/kelola/<int:pk>/tahap/", views.stage_view, name="stage"),
    path("inovasi/kelola/<int:pk>/bukti/", views.evidence_add_view, name="evidence_add"),
    path("inovasi/bukti/<int:pk>/", views.evidence_file, name="evidence"),
]
