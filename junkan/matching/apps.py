from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "junkan.matching"
    verbose_name = _("マッチング")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from junkan.matching import caching, signals  # noqa: F401

        caching.connect()
