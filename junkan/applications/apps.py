from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    verbose_name = "申請"
    name = "junkan.applications"
    label = "applications"

    def ready(self) -> None:
        from junkan.applications import caching

        caching.connect()
