from django.apps import AppConfig


class CallqaConfig(AppConfig):
    verbose_name = "公募の質問と回答"
    name = "junkan.callqa"
    label = "callqa"

    def ready(self) -> None:
        from junkan.callqa import caching

        caching.connect()
