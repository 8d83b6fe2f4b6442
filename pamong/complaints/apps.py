from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "pamong.complaints"
    label = "complaints"
    verbose_name = "Pengaduan"
    default_auto_field = "django.db.models.BigAutoField"
