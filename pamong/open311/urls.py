from django.urls import path

from pamong.open311 import views

app_name = "open311"

urlpatterns = [
    path("open311/v2/discovery.<str:fmt>", views.discovery, name="discovery"),
    path("open311/v2/services.<str:fmt>", views.services, name="services"),
    path("open311/v2/services/<str:code>.<str:fmt>", views.service_definition, name="service"),
    path("open311/v2/requests.<str:fmt>", views.requests_view, name="requests"),
    path("open311/v2/requests/<str:code>.<str:fmt>", views.request_detail, name="request"),
    path("open311/v2/tokens/<str:token>.<str:fmt>", views.token_view, name="token"),
    path("open311/v2/servicerequestupdates.<str:fmt>", views.updates, name="updates"),
]
