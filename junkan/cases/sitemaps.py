"""Sitemaps of the published case studies and guides; the portal collects ``SITEMAPS`` from every app."""

from __future__ import annotations

from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet

from junkan.cases.models import CaseStudy, Guide


class CaseSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self) -> QuerySet[CaseStudy]:
        return CaseStudy.objects.published().order_by("slug").only("slug", "updated_at")

    def lastmod(self, item: CaseStudy) -> datetime:
        return item.updated_at


class GuideSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self) -> QuerySet[Guide]:
        return Guide.objects.published().order_by("order", "slug").only("slug", "updated_at")

    def lastmod(self, item: Guide) -> datetime:
        return item.updated_at


SITEMAPS = {"cases": CaseSitemap, "guides": GuideSitemap}
