"""Deployment checks (``manage.py check --deploy``) that refuse a configuration unsafe with several processes.

- ``junkan.E001``: the default cache is per process (no ``REDIS_URL``). Login throttling (allauth's rate
  limits) and TOTP replay protection live in the cache: with ``gunicorn -w 4`` every worker counts on its
  own, four times the attempts, and a TOTP code can be replayed on another worker.
- ``junkan.E002``: ``APP_SERVERS`` says more than one app server and uploads go to the local disk (no
  ``S3_BUCKET``): a file uploaded on one server is missing on the others, and the orphan sweep of one server
  cannot see the rows of files on another's disk.

Both are errors, not warnings: ``check --deploy`` fails on them at its default level.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register

PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)
SHARED_STORAGES = ("storages.backends.s3.S3Storage",)


@register(Tags.security, deploy=True)
def shared_state(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    errors: list[Error] = []
    if settings.CACHES["default"]["BACKEND"] in PER_PROCESS_CACHES:
        errors.append(
            Error(
                "The cache is per process: login throttling and TOTP replay protection do not hold across "
                "workers.",
                hint="Set REDIS_URL (redis://host:6379/0), the same on every app server.",
                id="junkan.E001",
            )
        )
    if (
        getattr(settings, "APP_SERVERS", 1) > 1
        and settings.STORAGES["default"]["BACKEND"] not in SHARED_STORAGES
    ):
        errors.append(
            Error(
                f"APP_SERVERS={settings.APP_SERVERS} but uploads are stored on this server's disk.",
                hint="Set S3_BUCKET (and its S3_* variables) so that every app server reads the same files.",
                id="junkan.E002",
            )
        )
    return errors
