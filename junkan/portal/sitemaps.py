"""Sitemaps of the portal: its own public pages and the news."""

from __future__ import annotations

from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from junkan.portal.models import News


class PagesSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self) -> list[str]:
        return ["portal:home", "portal:tsunagaru", "portal:deau", "portal:news_list"]

    def location(self, item: str) -> str:
        return reverse(item)


class NewsSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self) -> QuerySet[News]:
        return News.objects.published().only("pk", "updated_at")

    def lastmod(self, item: News) -> datetime:
        return item.updated_at


SITEMAPS = {"pages": PagesSitemap, "news": NewsSitemap}
