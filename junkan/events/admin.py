"""Events in the admin, read-only: changes go through the audited services (the organizers' pages)."""

from __future__ import annotations

from django.contrib import admin

from junkan.common.admin import ReadOnlyAdmin
from junkan.events.models import Event, Registration


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ("title", "kind", "starts_at", "organizer", "status", "capacity")
    list_filter = ("status", "kind", "format")
    search_fields = ("title",)


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdmin):
    list_display = ("name", "event", "status", "queued_at", "reminded_at")
    list_filter = ("status",)
    search_fields = ("name", "email", "event__title")
    list_select_related = ("event",)
