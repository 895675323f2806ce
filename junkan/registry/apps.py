from django.apps import AppConfig


class RegistryConfig(AppConfig):
    verbose_name = "実践地域・企業等の登録"
    name = "junkan.registry"
    label = "registry"

    def ready(self) -> None:
        from junkan.registry import caching

        caching.connect()
