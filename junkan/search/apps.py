from django.apps import AppConfig


class SearchConfig(AppConfig):
    verbose_name = "検索"
    name = "junkan.search"
    label = "search"

    def ready(self) -> None:
        from junkan.search import signals

        signals.connect()
