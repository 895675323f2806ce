from django.apps import AppConfig


class HubsConfig(AppConfig):
    verbose_name = "地方環境事務所・EPO"
    name = "junkan.hubs"
    label = "hubs"

    def ready(self) -> None:
        from junkan.hubs import caching

        caching.connect()
