"""The secretariat registers and publishes financial institutions here (audited); offers can be corrected."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from junkan.accounts.permissions import is_secretariat
from junkan.audit.services import record
from junkan.common.admin import ReadOnlyAdmin, SecretariatViewMixin
from junkan.finance.models import Consent, Institution, Offer


class AuditedAdmin(SecretariatViewMixin, admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_secretariat(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_secretariat(request.user)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        name = form.instance._meta.model_name
        record(
            request.user,
            f"finance.{name}.{'changed' if change else 'created'}",
            form.instance,
            data={"fields": sorted(form.changed_data)},
        )


@admin.register(Institution)
class InstitutionAdmin(AuditedAdmin):
    list_display = ("__str__", "kind", "principles_signatory", "is_published")
    list_filter = ("kind", "principles_signatory", "is_published")
    filter_horizontal = ("prefectures",)
    search_fields = ("organization__name",)


@admin.register(Offer)
class OfferAdmin(AuditedAdmin):
    list_display = ("title", "institution", "kind", "is_published")
    list_filter = ("kind", "is_published")
    filter_horizontal = ("prefectures",)
    search_fields = ("title", "institution__organization__name")


@admin.register(Consent)
class ConsentAdmin(ReadOnlyAdmin):
    list_display = ("region", "active", "changed_at")
