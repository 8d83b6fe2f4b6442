from django.apps import AppConfig


class KinerjaConfig(AppConfig):
    name = "pamong.kinerja"
    label = "kinerja"
    verbose_name = "Kinerja"
    default_auto_field = "django.db.models.BigAutoField"
