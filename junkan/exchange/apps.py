from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    verbose_name = "交流の場・事務局への相談"
    name = "junkan.exchange"
    label = "exchange"

    def ready(self) -> None:
        from junkan.exchange import caching

        caching.connect()
