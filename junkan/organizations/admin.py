"""Organizations in the admin, for the secretariat. Changes go through the audited services."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from junkan.common.admin import ReadOnlyAdmin
from junkan.organizations.models import Invitation, Membership, Organization


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    can_delete = False
    readonly_fields = ("user", "role", "department", "title", "joined_at")

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return True


@admin.register(Organization)
class OrganizationAdmin(ReadOnlyAdmin):
    list_display = ("name", "kind", "municipality", "created_at")
    list_filter = ("kind",)
    search_fields = ("name", "name_kana", "corporate_number", "municipality__full_name")
    list_select_related = ("municipality",)
    readonly_fields = (
        "kind",
        "municipality",
        "name",
        "name_kana",
        "corporate_number",
        "postal_code",
        "address",
        "phone",
        "website",
        "created_at",
        "updated_at",
    )
    # Organizations are registered and edited by their owners (audited); the admin is for looking.
    inlines = (MembershipInline,)


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ("email", "organization", "role", "status", "created_at", "expires_at")
    list_filter = ("status",)
    search_fields = ("email", "organization__name")
    list_select_related = ("organization",)
    readonly_fields = ("organization", "email", "role", "status", "invited_by", "expires_at", "accepted_by")
    exclude = ("token",)
