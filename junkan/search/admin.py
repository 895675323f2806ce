"""The search index in the admin: read-only, for the secretariat to check what is found."""

from __future__ import annotations

from django.contrib import admin

from junkan.common.admin import ReadOnlyAdmin
from junkan.search.models import SearchDocument


@admin.register(SearchDocument)
class SearchDocumentAdmin(ReadOnlyAdmin):
    list_display = ("title", "kind", "object_id", "prefectures", "updated_at")
    list_filter = ("kind",)
    search_fields = ("title", "summary")
    exclude = ("tokens",)
