from django.urls import path, re_path

from pamong.regions import views

app_name = "regions"

urlpatterns = [
    path("wilayah/", views.browse_root, name="root"),
    re_path(r"^wilayah/(?P<code>[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{4})?)?)?)/$", views.browse, name="detail"),
]
