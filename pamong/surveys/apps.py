from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "pamong.surveys"
    label = "surveys"
    verbose_name = "Survei kepuasan masyarakat"
    default_auto_field = "django.db.models.BigAutoField"
