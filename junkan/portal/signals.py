"""Keep the つながる map's cached regions layer in step with the registry (any change raises its version)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save

from junkan.portal import maps
from junkan.registry.models import RegionRegistration


def _changed(sender: Any, **kwargs: Any) -> None:
    maps.invalidate()


def connect() -> None:
    post_save.connect(_changed, sender=RegionRegistration, dispatch_uid="portal-map-region-saved")
    post_delete.connect(_changed, sender=RegionRegistration, dispatch_uid="portal-map-region-deleted")
    m2m_changed.connect(
        _changed, sender=RegionRegistration.municipalities.through, dispatch_uid="portal-map-region-places"
    )
