"""Keep the portal's caches in step with what they show: the つながる map and the home page.

Any change of a registration (or of its municipalities) raises the map's version; any change of what the home
page lists or counts raises the home page's. ``QuerySet.update`` and ``bulk_create`` send no signal: code that
uses them for these models calls ``maps.invalidate()`` / ``home.invalidate()`` itself.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save

from junkan.cases.models import CaseStudy
from junkan.events.models import Event
from junkan.portal import home, maps
from junkan.portal.models import News
from junkan.programs.models import Program
from junkan.registry.models import CompanyRegistration, RegionRegistration, Solution
from junkan.review.models import Committee, Decision


def _map_changed(sender: Any, **kwargs: Any) -> None:
    maps.invalidate()


def _home_changed(sender: Any, **kwargs: Any) -> None:
    home.invalidate()


HOME_MODELS = (
    News,
    Event,
    Program,
    CaseStudy,
    RegionRegistration,
    CompanyRegistration,
    Solution,
    Decision,
    Committee,
)


def connect() -> None:
    post_save.connect(_map_changed, sender=RegionRegistration, dispatch_uid="portal-map-region-saved")
    post_delete.connect(_map_changed, sender=RegionRegistration, dispatch_uid="portal-map-region-deleted")
    m2m_changed.connect(
        _map_changed,
        sender=RegionRegistration.municipalities.through,
        dispatch_uid="portal-map-region-places",
    )
    for model in HOME_MODELS:
        post_save.connect(_home_changed, sender=model, dispatch_uid=f"portal-home-{model.__name__}-saved")
        post_delete.connect(_home_changed, sender=model, dispatch_uid=f"portal-home-{model.__name__}-deleted")
