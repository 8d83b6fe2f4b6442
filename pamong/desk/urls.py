from django.urls import path

from pamong.desk import views

app_name = "desk"

urlpatterns = [
    path("beranda/", views.home, name="home"),
]
