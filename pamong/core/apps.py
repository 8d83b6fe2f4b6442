from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "pamong.core"
    label = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("rules")  # every app's permission rules (pamong.core.gate)
