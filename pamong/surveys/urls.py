from django.urls import path

from pamong.surveys import views, views_public

app_name = "surveys"

urlpatterns = [
    path("skm/", views.survey_list, name="list"),
    path("skm/baru/", views.survey_new, name="new"),
    path("skm/perbandingan/", views.comparison_view, name="comparison"),
    path("skm/<int:pk>/", views.survey_detail, name="detail"),
    path("skm/<int:pk>/laporan.pdf", views.survey_pdf, name="pdf"),
    path("skm/<int:pk>/laporan.xlsx", views.survey_xlsx, name="xlsx"),
    path("skm/<int:pk>/kertas/", views.survey_paper, name="paper"),
    path("skm/<int:pk>/umumkan/", views.survey_publish_view, name="publish"),
    path("skm/<int:pk>/tindak-lanjut/", views.follow_up_new, name="follow_up_new"),
    path("skm/<int:pk>/kios/", views.kiosk_new, name="kiosk_new"),
    path("skm/tindak-lanjut/<int:pk>/ubah/", views.follow_up_change, name="follow_up_change"),
    path("skm/kios/<int:pk>/ubah/", views.kiosk_toggle, name="kiosk_toggle"),
    # Public: respondents and the portal.
    path("survei/isi/<str:token>/", views_public.answer, name="answer"),
    path("survei/kios/<str:key>/", views_public.kiosk, name="kiosk"),
    path("survei/hasil/", views_public.public_index, name="public_index"),
    path("survei/hasil/<str:unit_code>/", views_public.public_unit, name="public_unit"),
]
