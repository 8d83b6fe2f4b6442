from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "pamong.complaints"
    label = "complaints"
    verbose_name = "Pengaduan"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from pamong.complaints.models import Category, CategoryField
        from pamong.core import versions

        for model in (Category, CategoryField):
            versions.watch(model, "complaints")
        # The category names a board row shows (complaints.selectors.board_names): kept across complaint changes.
        versions.watch(Category, "complaint-categories")
