"""Admin permissions follow the platform roles, not Django's per-model permission tables."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from junkan.accounts.permissions import is_secretariat


class SecretariatViewMixin:
    """The secretariat (and administrators) may look at these records in the admin.

    Whether they may add, change or delete is decided by each ModelAdmin; the default
    here is Django's (model permissions, which only administrators hold).
    """

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_secretariat(request.user)

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return is_secretariat(request.user)


class ReadOnlyAdmin(SecretariatViewMixin, admin.ModelAdmin):
    """Visible to the secretariat; nobody adds, changes or deletes through the admin."""

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
