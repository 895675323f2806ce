from django.apps import AppConfig


class PortalConfig(AppConfig):
    verbose_name = "ポータル"
    name = "junkan.portal"
    label = "portal"

    def ready(self) -> None:
        from junkan.portal import signals

        signals.connect()
