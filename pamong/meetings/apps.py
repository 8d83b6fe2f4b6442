from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "pamong.meetings"
    label = "meetings"
    verbose_name = "Rapat dan kunjungan kerja"
    default_auto_field = "django.db.models.BigAutoField"
