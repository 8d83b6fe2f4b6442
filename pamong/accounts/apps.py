from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "pamong.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from pamong.accounts import signals

        signals.connect()
