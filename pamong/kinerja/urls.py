from django.urls import path

from pamong.kinerja import views

app_name = "kinerja"

urlpatterns = [
    path("kinerja/", views.dashboard_view, name="dashboard"),
    path("kinerja/unit/<int:pk>/", views.unit_view, name="unit"),
    path("kinerja/bobot/", views.weights_view, name="weights"),
]
