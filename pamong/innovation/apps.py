from django.apps import AppConfig


class InnovationConfig(AppConfig):
    name = "pamong.innovation"
    label = "innovation"
    verbose_name = "Inovasi pelayanan"
    default_auto_field = "django.db.models.BigAutoField"
