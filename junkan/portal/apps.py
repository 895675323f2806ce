from django.apps import AppConfig


class PortalConfig(AppConfig):
    verbose_name = "ポータル"
    name = "junkan.portal"
    label = "portal"
