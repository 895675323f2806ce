from django.apps import AppConfig


class DashboardConfig(AppConfig):
    verbose_name = "マイページ"
    name = "junkan.dashboard"
    label = "dashboard"

    def ready(self) -> None:
        # Every app's panels.py contributes its start-page panels.
        from django.apps import apps

        from junkan.dashboard import panels

        panels.autodiscover(c.name for c in apps.get_app_configs() if c.name.startswith("junkan."))
