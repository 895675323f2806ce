from django.apps import AppConfig


class SearchConfig(AppConfig):
    verbose_name = "検索"
    name = "junkan.search"
    label = "search"

    def ready(self) -> None:
        from junkan.search import signals

        signals.connect()

        from junkan.common import cache
        from junkan.municipalities.models import Municipality
        from junkan.registry.models import LocalResource, SdgGoal
        from junkan.search.views import FILTERS_SCOPE

        cache.bump_on_change(FILTERS_SCOPE, LocalResource, SdgGoal, Municipality)
