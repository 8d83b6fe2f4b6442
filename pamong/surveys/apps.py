from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "pamong.surveys"
    label = "surveys"
    verbose_name = "Survei kepuasan masyarakat"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from pamong.servicerequests.extensions import register_invitation
        from pamong.surveys.selectors import survey_invitation

        register_invitation(survey_invitation)  # the SKM link on a finished request's page and message
