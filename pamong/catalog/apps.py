from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "pamong.catalog"
    label = "catalog"
    verbose_name = "Katalog layanan"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from pamong.catalog.models import RequiredDocument, ServiceField, ServiceType
        from pamong.core import versions

        for model in (ServiceType, RequiredDocument, ServiceField):
            versions.watch(model, "catalogue")
