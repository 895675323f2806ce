"""News in the admin: written, scheduled and published by the secretariat; every change audited."""

from __future__ import annotations

from django.contrib import admin

from junkan.portal.models import News
from junkan.support.admin import SecretariatEditAdmin


@admin.register(News)
class NewsAdmin(SecretariatEditAdmin):
    list_display = ("title", "published_at", "is_published")
    list_filter = ("is_published",)
    search_fields = ("title", "body")
    date_hierarchy = "published_at"
    fields = ("title", "body", "published_at", "is_published")
