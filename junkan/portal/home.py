"""What the home page shows: what is new and coming, and the numbers that show the platform is alive.

Everything is read once and cached. The cache key carries a version that every change of the things shown
raises (``signals``), and the entry expires by itself when the next event starts or a call opens or closes
(at most ``HOME_CACHE_SECONDS`` later), so "coming" never shows what has passed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from junkan.cases.models import CaseStudy
from junkan.events.models import Event, EventStatus
from junkan.portal.models import News
from junkan.programs.models import Program
from junkan.registry.models import CompanyRegistration, RegionRegistration, RegistrationStatus, Solution
from junkan.review.reads import published_adoption_count

VERSION_KEY = "portal:home:version"
HOME_CACHE_SECONDS = 10 * 60
NEWS = 5
EVENTS = 3
CALLS = 3
CASES = 3
REGISTRATIONS = 5


@dataclass(frozen=True)
class Numbers:
    regions: int
    companies: int
    solutions: int
    adopted: int


def version() -> int:
    current = cache.get(VERSION_KEY)
    if current is None:
        cache.add(VERSION_KEY, 1, None)
        current = cache.get(VERSION_KEY, 1)
    return int(current)


def _raise_version() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def invalidate() -> None:
    """Forget the cached home page now and again once the transaction commits."""
    _raise_version()
    transaction.on_commit(_raise_version)


def numbers() -> Numbers:
    approved = RegistrationStatus.APPROVED
    return Numbers(
        regions=RegionRegistration.objects.filter(status=approved).count(),
        companies=CompanyRegistration.objects.filter(status=approved).count(),
        solutions=Solution.objects.filter(registration__status=approved).count(),
        adopted=published_adoption_count(),
    )


def _latest_registrations() -> list[dict[str, Any]]:
    """The newest approved regions and companies together, newest first (by the review's date)."""
    approved = RegistrationStatus.APPROVED
    rows: list[dict[str, Any]] = []
    for model, kind, url_name, name_field in (
        (RegionRegistration, "region", "registry:region", "name"),
        (CompanyRegistration, "company", "registry:company", "organization__name"),
    ):
        for pk, name, decided_at in (
            model.objects.filter(status=approved, decided_at__isnull=False)
            .order_by("-decided_at", "-pk")
            .values_list("pk", name_field, "decided_at")[:REGISTRATIONS]
        ):
            rows.append({"kind": kind, "pk": pk, "name": name, "at": decided_at, "url_name": url_name})
    rows.sort(key=lambda row: row["at"], reverse=True)
    return rows[:REGISTRATIONS]


def build(now: datetime) -> dict[str, Any]:
    """The home page's data as of ``now`` (model instances and plain values, all picklable)."""
    events = list(
        Event.objects.filter(status=EventStatus.PUBLISHED, starts_at__gt=now).order_by("starts_at", "pk")[
            :EVENTS
        ]
    )
    calls = list(
        Program.objects.published().filter(closes_at__gte=now).order_by("closes_at", "slug")[: CALLS * 2]
    )
    calls.sort(key=lambda p: (p.opens_at > now, p.closes_at if p.opens_at <= now else p.opens_at))
    calls = calls[:CALLS]
    moments = (
        [e.starts_at for e in events]
        + [p.closes_at for p in calls]
        + [p.opens_at for p in calls if p.opens_at > now]
    )
    return {
        "numbers": numbers(),
        "news": list(News.objects.published()[:NEWS]),
        "events": events,
        "calls": calls,
        "cases": list(CaseStudy.objects.published().order_by("-published_at", "-id")[:CASES]),
        "registrations": _latest_registrations(),
        "valid_until": min(moments, default=None),
    }


def home_data(now: datetime | None = None) -> dict[str, Any]:
    """The cached home page data; rebuilt after any change, and when something shown starts or closes."""
    now = now or timezone.now()
    key = f"portal:home:{version()}"
    data = cache.get(key)
    if data is None or (data["valid_until"] is not None and data["valid_until"] <= now):
        data = build(now)
        seconds = HOME_CACHE_SECONDS
        if data["valid_until"] is not None:
            seconds = max(1, min(seconds, int((data["valid_until"] - now).total_seconds())))
        cache.set(key, data, seconds)
    return data
