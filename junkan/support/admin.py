"""The secretariat edits experts, organizations, support measures and funding mechanisms here.

``SecretariatEditAdmin`` builds on ``junkan.common.admin.SecretariatViewMixin``: the secretariat
may also add, change and delete, and every save or delete is written to the audit log in the
admin's own transaction. The portal's news admin uses it too.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from junkan.common.admin import ReadOnlyAdmin, SecretariatViewMixin
from junkan.support import permissions, services
from junkan.support.models import (
    Expert,
    FundingLink,
    FundingMechanism,
    Inquiry,
    Ministry,
    SpecialistOrganization,
    SupportField,
    SupportMeasure,
)


class SecretariatEditMixin(SecretariatViewMixin):
    """The secretariat may view, add, change and delete; nobody else sees the model."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.can_manage(request.user).allowed

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.can_manage(request.user).allowed

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.can_manage(request.user).allowed


class SecretariatEditAdmin(SecretariatEditMixin, admin.ModelAdmin):
    """Edited by the secretariat, audited."""

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        # After the many-to-many fields are saved, so the entry says what the object now is.
        services.record_admin_save(request.user, form.instance, form, created=not change)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        services.record_admin_delete(request.user, obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for obj in queryset:
            services.record_admin_delete(request.user, obj)
        super().delete_queryset(request, queryset)


class SecretariatEditInline(SecretariatEditMixin, admin.TabularInline):
    extra = 1


@admin.register(SupportField)
class SupportFieldAdmin(SecretariatEditAdmin):
    list_display = ("name", "order")
    list_editable = ("order",)


@admin.register(Ministry)
class MinistryAdmin(SecretariatEditAdmin):
    list_display = ("name", "order")
    list_editable = ("order",)


@admin.register(Expert)
class ExpertAdmin(SecretariatEditAdmin):
    list_display = ("name", "affiliation", "nationwide", "is_published", "updated_at")
    list_filter = ("is_published", "fields", "nationwide")
    search_fields = ("name", "name_kana", "affiliation", "bio")
    filter_horizontal = ("fields", "regions")
    fieldsets = (
        (None, {"fields": ("name", "name_kana", "affiliation", "bio", "is_published")}),
        (_("分野と地域"), {"fields": ("fields", "nationwide", "regions")}),
        (_("事務局用（非公開）"), {"fields": ("private_email",)}),
    )


@admin.register(SpecialistOrganization)
class SpecialistOrganizationAdmin(SecretariatEditAdmin):
    list_display = ("name", "kind", "is_published", "updated_at")
    list_filter = ("is_published", "kind", "fields")
    search_fields = ("name", "description")
    filter_horizontal = ("fields",)


@admin.register(SupportMeasure)
class SupportMeasureAdmin(SecretariatEditAdmin):
    list_display = ("title", "ministry", "deadline", "period_start", "period_end", "is_published")
    list_filter = ("is_published", "ministry", "fields")
    search_fields = ("title", "summary", "eligible_applicants")
    filter_horizontal = ("fields",)
    date_hierarchy = "deadline"


class FundingLinkInline(SecretariatEditInline):
    model = FundingLink
    fields = ("title", "url", "order")


@admin.register(FundingMechanism)
class FundingMechanismAdmin(SecretariatEditAdmin):
    list_display = ("name", "kind", "is_published", "updated_at")
    list_filter = ("is_published", "kind")
    search_fields = ("name", "description")
    filter_horizontal = ("regions",)
    autocomplete_fields = ("municipalities",)
    inlines = (FundingLinkInline,)


@admin.register(Inquiry)
class InquiryAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "expert", "organization_name", "sender")
    list_select_related = ("expert", "sender")
    search_fields = ("expert__name", "organization_name", "message")
