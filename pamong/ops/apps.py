from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "pamong.ops"
    label = "ops"
    verbose_name = "Operasional"
    default_auto_field = "django.db.models.BigAutoField"
