from django.apps import AppConfig


class AccountsConfig(AppConfig):
    verbose_name = "アカウント"
    name = "junkan.accounts"
    label = "accounts"

    def ready(self) -> None:
        from junkan.accounts import signals  # audit entries for authentication events

        assert signals.login
