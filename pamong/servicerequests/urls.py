from django.urls import path

from pamong.servicerequests import views_public

app_name = "servicerequests"

urlpatterns = [
    path("layanan/<slug:code>/ajukan/", views_public.apply, name="apply"),
    path("lacak/", views_public.track_lookup, name="track_lookup"),
    path("lacak/<str:code>/", views_public.track, name="track"),
    path("lacak/<str:code>/tanda-terima/", views_public.receipt, name="receipt"),
    path("lacak/<str:code>/perbaiki/", views_public.correct, name="correct"),
]
