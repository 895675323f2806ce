from django.apps import AppConfig


class HubsConfig(AppConfig):
    verbose_name = "地方環境事務所・EPO"
    name = "junkan.hubs"
    label = "hubs"
