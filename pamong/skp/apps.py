from django.apps import AppConfig


class SkpConfig(AppConfig):
    name = "pamong.skp"
    label = "skp"
    verbose_name = "Sasaran Kinerja Pegawai (SKP)"
    default_auto_field = "django.db.models.BigAutoField"
