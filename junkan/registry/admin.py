"""Registrations in the admin, read-only: review decisions go through the audited services (審査ページ)."""

from __future__ import annotations

from django.contrib import admin

from junkan.common.admin import ReadOnlyAdmin
from junkan.registry.models import (
    CompanyRegistration,
    Industry,
    LocalResource,
    RegionRegistration,
    SdgGoal,
    Solution,
)


@admin.register(RegionRegistration)
class RegionRegistrationAdmin(ReadOnlyAdmin):
    list_display = ("name", "organization", "status", "submitted_at", "decided_at")
    list_filter = ("status",)
    search_fields = ("name", "organization__name")


@admin.register(CompanyRegistration)
class CompanyRegistrationAdmin(ReadOnlyAdmin):
    list_display = ("organization", "industry", "status", "submitted_at", "decided_at")
    list_filter = ("status",)
    search_fields = ("organization__name",)


@admin.register(Solution)
class SolutionAdmin(ReadOnlyAdmin):
    list_display = ("title", "registration")


for model in (SdgGoal, Industry, LocalResource):
    admin.site.register(model, ReadOnlyAdmin)
