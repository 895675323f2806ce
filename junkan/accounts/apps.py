from django.apps import AppConfig


class AccountsConfig(AppConfig):
    verbose_name = "アカウント"
    name = "junkan.accounts"
    label = "accounts"

    def ready(self) -> None:
        from allauth.mfa.models import Authenticator

        from junkan.accounts import signals  # audit entries for authentication events
        from junkan.accounts.middleware import MFA_SCOPE
        from junkan.common import cache

        cache.bump_on_change(MFA_SCOPE, Authenticator)

        assert signals.login
