from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "pamong.notifications"
    label = "notifications"
    verbose_name = "Pemberitahuan"
    default_auto_field = "django.db.models.BigAutoField"
