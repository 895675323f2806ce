"""The audit log in the admin: read-only, no add, change or delete."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from junkan.audit.models import AuditEntry
from junkan.common.admin import ReadOnlyAdmin


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "action", "object_repr", "actor_label")
    list_filter = ("action", "content_type")
    search_fields = ("object_repr", "actor_label", "action", "object_id")
    date_hierarchy = "at"
    list_select_related = ("content_type",)

    def get_readonly_fields(self, request: HttpRequest, obj: object = None) -> list[str]:
        return [field.name for field in AuditEntry._meta.fields]
