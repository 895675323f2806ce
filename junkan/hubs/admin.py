"""The secretariat edits hubs and their areas here (audited). Staff are assigned with
``python manage.py assign_hub_staff <email> <hub-slug>`` so that the role is granted with the assignment."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from junkan.accounts.permissions import is_secretariat
from junkan.audit.services import record
from junkan.common.admin import SecretariatViewMixin
from junkan.hubs.models import Hub, HubStaff


class HubStaffInline(admin.TabularInline):
    model = HubStaff
    extra = 0
    fields = ("user", "added_at")
    readonly_fields = ("user", "added_at")
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_secretariat(request.user)


@admin.register(Hub)
class HubAdmin(SecretariatViewMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "location")
    list_filter = ("kind",)
    filter_horizontal = ("prefectures",)
    inlines = [HubStaffInline]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_secretariat(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_secretariat(request.user)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        hub = form.instance
        record(
            request.user,
            "hubs.hub.changed" if change else "hubs.hub.created",
            hub,
            data={
                "fields": sorted(form.changed_data),
                "prefectures": [p.name for p in hub.prefectures.all()],
            },
        )
