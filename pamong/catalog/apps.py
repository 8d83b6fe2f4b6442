from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "pamong.catalog"
    label = "catalog"
    verbose_name = "Katalog layanan"
    default_auto_field = "django.db.models.BigAutoField"
