from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "pamong.programmes"
    label = "programmes"
    verbose_name = "Program prioritas"
    default_auto_field = "django.db.models.BigAutoField"
