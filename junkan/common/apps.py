from django.apps import AppConfig


class CommonConfig(AppConfig):
    """Shared Django helpers: permissions, form rendering, template tags. No models."""

    name = "junkan.common"
    label = "common"
