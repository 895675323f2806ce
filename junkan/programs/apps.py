from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    verbose_name = "公募・補助事業"
    name = "junkan.programs"
    label = "programs"

    def ready(self) -> None:
        from junkan.programs import caching

        caching.connect()
