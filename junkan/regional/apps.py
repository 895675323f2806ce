from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionalConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "junkan.regional"
    verbose_name = _("地域の支援（環境整備・支援チーム）")

    def ready(self) -> None:
        from junkan.regional import caching

        caching.connect()
