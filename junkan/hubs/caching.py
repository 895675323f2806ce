"""The hubs' cache scope: the line 「担当の拠点」 on a cached region profile follows the hubs and their areas.

Every save, delete or change of the prefectures of a hub bumps ``SCOPE``; code that changes hubs with
``QuerySet.update`` or ``bulk_create`` calls ``invalidate()``.
"""

from __future__ import annotations

from junkan.common import cache

SCOPE = "hubs"


def invalidate() -> None:
    cache.bump(SCOPE)


def connect() -> None:
    from junkan.hubs.models import Hub

    cache.bump_on_change(SCOPE, Hub)
