from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "pamong.desk"
    label = "desk"
    verbose_name = "Meja kerja"
    default_auto_field = "django.db.models.BigAutoField"
