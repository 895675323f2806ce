from django.apps import AppConfig


class CasesConfig(AppConfig):
    verbose_name = "事例・学び"
    name = "junkan.cases"
    label = "cases"

    def ready(self) -> None:
        from junkan.cases import caching

        caching.connect()
