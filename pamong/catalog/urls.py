from django.urls import path

from pamong.catalog import views

app_name = "catalog"

urlpatterns = [
    path("layanan/", views.catalogue, name="catalogue"),
    path("layanan/<slug:code>/", views.service_detail, name="service"),
    path("standar-pelayanan/tinjau/", views.review, name="review"),
    path("standar-pelayanan/tinjau/<slug:code>/setujui/", views.approve, name="approve"),
]
