from django.apps import AppConfig, apps


class CommonConfig(AppConfig):
    """Shared Django helpers: permissions, processes, form rendering, template tags. No models."""

    name = "junkan.common"
    label = "common"

    def ready(self) -> None:
        # Every app's processes.py registers its processes, so that tests and history pages find them all.
        from junkan.common import checks, workflow

        assert checks.shared_state  # importing it registers the deployment checks

        workflow.autodiscover(c.name for c in apps.get_app_configs() if c.name.startswith("junkan."))
