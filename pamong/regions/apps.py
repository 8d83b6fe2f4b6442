from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "pamong.regions"
    label = "regions"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from pamong.core import versions
        from pamong.regions.models import Region

        versions.watch(Region, "region-overview")
