"""Sitemap of the published adoption lists; the portal collects ``SITEMAPS`` from every app."""

from __future__ import annotations

from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from junkan.review.models import Committee, CommitteeStatus


class AdoptedIndexSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self) -> list[str]:
        return ["review:adopted_index"]

    def location(self, item: str) -> str:
        return reverse(item)


class AdoptedSitemap(Sitemap):
    changefreq = "yearly"
    priority = 0.5

    def items(self) -> QuerySet[Committee]:
        return (
            Committee.objects.filter(status=CommitteeStatus.PUBLISHED)
            .select_related("program")
            .order_by("program__slug")
            .only("program__slug", "published_at")
        )

    def location(self, item: Committee) -> str:
        return reverse("review:adopted", args=[item.program.slug])

    def lastmod(self, item: Committee) -> datetime | None:
        return item.published_at


SITEMAPS = {"adopted-index": AdoptedIndexSitemap, "adopted": AdoptedSitemap}
