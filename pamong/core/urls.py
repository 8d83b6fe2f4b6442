from django.urls import path

from pamong.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("beranda/", views.dashboard, name="dashboard"),
    path("beranda/kepegawaian.xlsx", views.dashboard_xlsx, name="dashboard_xlsx"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon),
]
