from django.apps import AppConfig


class ReviewConfig(AppConfig):
    verbose_name = "審査・採択"
    name = "junkan.review"
    label = "review"

    def ready(self) -> None:
        from junkan.review import caching

        caching.connect()
