from django.urls import path

from pamong.accounts import views

app_name = "accounts"

urlpatterns = [
    path("masuk/", views.SignInView.as_view(), name="login"),
    path("masuk/otp/", views.otp, name="otp"),
    path("masuk/otp/daftar/", views.otp_setup, name="otp_setup"),
    path("keluar/", views.SignOutView.as_view(), name="logout"),
]
