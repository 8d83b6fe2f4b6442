from django.apps import AppConfig


class AttendanceConfig(AppConfig):
    name = "pamong.attendance"
    label = "attendance"
    verbose_name = "Kehadiran pegawai"
    default_auto_field = "django.db.models.BigAutoField"
