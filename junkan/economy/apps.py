from django.apps import AppConfig


class EconomyConfig(AppConfig):
    verbose_name = "地域経済循環分析"
    name = "junkan.economy"
    label = "economy"

    def ready(self) -> None:
        from junkan.economy import caching

        caching.connect()
