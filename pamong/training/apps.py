from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "pamong.training"
    label = "training"
    verbose_name = "Pelatihan"
    default_auto_field = "django.db.models.BigAutoField"
