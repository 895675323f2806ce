from django.apps import AppConfig


class SupportConfig(AppConfig):
    verbose_name = "専門家・支援策・資金"
    name = "junkan.support"
    label = "support"

    def ready(self) -> None:
        from junkan.support import caching

        caching.connect()
