from django.apps import AppConfig


class EventsConfig(AppConfig):
    verbose_name = "イベント"
    name = "junkan.events"
    label = "events"
