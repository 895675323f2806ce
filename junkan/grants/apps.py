from django.apps import AppConfig


class GrantsConfig(AppConfig):
    verbose_name = "交付・報告"
    name = "junkan.grants"
    label = "grants"

    def ready(self) -> None:
        from junkan.grants import caching

        caching.connect()
