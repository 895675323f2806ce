"""The mail magazine in the admin, read-only: changes go through the audited services."""

from __future__ import annotations

from django.contrib import admin

from junkan.common.admin import ReadOnlyAdmin
from junkan.newsletter.models import Delivery, Issue, Subscriber


@admin.register(Subscriber)
class SubscriberAdmin(ReadOnlyAdmin):
    list_display = ("email", "status", "confirmed_at", "unsubscribed_at")
    list_filter = ("status",)
    search_fields = ("email",)


@admin.register(Issue)
class IssueAdmin(ReadOnlyAdmin):
    list_display = ("number", "subject", "segment", "status", "sent_at")
    list_filter = ("status", "segment")


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = ("issue", "subscriber", "status", "attempts", "sent_at")
    list_filter = ("status",)
    list_select_related = ("issue", "subscriber")
