"""Sitemap of the published calls for proposals; the portal collects ``SITEMAPS`` from every app."""

from __future__ import annotations

from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from junkan.programs.models import Program


class ProgramListSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self) -> list[str]:
        return ["programs:list", "programs:finder"]

    def location(self, item: str) -> str:
        return reverse(item)


class ProgramSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self) -> QuerySet[Program]:
        return Program.objects.published().order_by("slug").only("slug", "updated_at")

    def location(self, item: Program) -> str:
        return reverse("programs:detail", args=[item.slug])

    def lastmod(self, item: Program) -> datetime:
        return item.updated_at


SITEMAPS = {"lists": ProgramListSitemap, "calls": ProgramSitemap}
