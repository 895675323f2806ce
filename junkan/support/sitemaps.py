"""Sitemaps of the published experts, organizations, support measures and funding mechanisms."""

from __future__ import annotations

from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from junkan.support.models import Expert, FundingMechanism, SpecialistOrganization, SupportMeasure


class ListsSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self) -> list[str]:
        return ["support:experts", "support:organizations", "support:measures", "support:funding"]

    def location(self, item: str) -> str:
        return reverse(item)


class _PublishedSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5
    model: type = Expert
    url_name = ""

    def items(self) -> QuerySet:
        return self.model.objects.published().order_by("pk").only("pk", "updated_at")

    def location(self, item: object) -> str:
        return reverse(self.url_name, args=[item.pk])  # type: ignore[attr-defined]

    def lastmod(self, item: object) -> datetime:
        return item.updated_at  # type: ignore[attr-defined]


class ExpertSitemap(_PublishedSitemap):
    model = Expert
    url_name = "support:expert"


class OrganizationSitemap(_PublishedSitemap):
    model = SpecialistOrganization
    url_name = "support:organization"


class MeasureSitemap(_PublishedSitemap):
    model = SupportMeasure
    url_name = "support:measure"


class FundingSitemap(_PublishedSitemap):
    model = FundingMechanism
    url_name = "support:funding_detail"


SITEMAPS = {
    "lists": ListsSitemap,
    "experts": ExpertSitemap,
    "organizations": OrganizationSitemap,
    "measures": MeasureSitemap,
    "funding": FundingSitemap,
}
