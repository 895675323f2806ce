"""The secretariat sets up the themes of the exchange here (audited); posts are moderated on the site."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from junkan.accounts.permissions import is_secretariat
from junkan.audit.services import record
from junkan.common.admin import ReadOnlyAdmin, SecretariatViewMixin
from junkan.exchange.models import Consultation, Theme


@admin.register(Theme)
class ThemeAdmin(SecretariatViewMixin, admin.ModelAdmin):
    list_display = ("title", "slug", "order", "is_active")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_secretariat(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_secretariat(request.user)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        record(
            request.user,
            "exchange.theme.changed" if change else "exchange.theme.created",
            obj,
            data={"fields": sorted(form.changed_data)},
        )


@admin.register(Consultation)
class ConsultationAdmin(ReadOnlyAdmin):
    list_display = ("subject", "organization", "status", "created_at")
    list_filter = ("status",)
