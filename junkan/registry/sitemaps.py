"""Sitemaps of the approved registrations only: drafts, pending, refused and revoked ones never appear."""

from __future__ import annotations

from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from junkan.registry.models import CompanyRegistration, RegionRegistration, RegistrationStatus


class DirectorySitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self) -> list[str]:
        return ["registry:regions", "registry:companies"]

    def location(self, item: str) -> str:
        return reverse(item)


class RegionSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self) -> QuerySet[RegionRegistration]:
        return (
            RegionRegistration.objects.filter(status=RegistrationStatus.APPROVED)
            .order_by("pk")
            .only("pk", "updated_at")
        )

    def location(self, item: RegionRegistration) -> str:
        return reverse("registry:region", args=[item.pk])

    def lastmod(self, item: RegionRegistration) -> datetime:
        return item.updated_at


class CompanySitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self) -> QuerySet[CompanyRegistration]:
        return (
            CompanyRegistration.objects.filter(status=RegistrationStatus.APPROVED)
            .order_by("pk")
            .only("pk", "updated_at")
        )

    def location(self, item: CompanyRegistration) -> str:
        return reverse("registry:company", args=[item.pk])

    def lastmod(self, item: CompanyRegistration) -> datetime:
        return item.updated_at


SITEMAPS = {"directories": DirectorySitemap, "regions": RegionSitemap, "companies": CompanySitemap}
