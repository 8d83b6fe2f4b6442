from django.apps import AppConfig


class ServicerequestsConfig(AppConfig):
    name = "pamong.servicerequests"
    label = "servicerequests"
    verbose_name = "Permohonan layanan"
    default_auto_field = "django.db.models.BigAutoField"
