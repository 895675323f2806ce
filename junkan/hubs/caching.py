"""The hubs' cache scope: which hubs cover each prefecture, read on many pages (profiles, projects, cases).

Hubs and their areas change only when the secretariat edits them: every save, delete or change of a hub's
prefectures bumps ``SCOPE``, and each process keeps the map (``cache.memo``) until then.
"""

from __future__ import annotations

from junkan.common import cache

SCOPE = "hubs"


def invalidate() -> None:
    cache.bump(SCOPE)


def connect() -> None:
    from junkan.hubs.models import Hub

    cache.bump_on_change(SCOPE, Hub)
