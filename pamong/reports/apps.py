from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "pamong.reports"
    label = "reports"
    verbose_name = "Laporan camat"
    default_auto_field = "django.db.models.BigAutoField"
