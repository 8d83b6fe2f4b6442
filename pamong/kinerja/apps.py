from django.apps import AppConfig


class KinerjaConfig(AppConfig):
    name = "pamong.kinerja"
    label = "kinerja"
    verbose_name = "Kinerja"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from pamong.core import versions
        from pamong.kinerja.models import IndexWeights
        from pamong.kinerja.scoring import WEIGHTS_VERSION

        versions.watch(IndexWeights, WEIGHTS_VERSION)  # the admin's edits too, not only weights_update
