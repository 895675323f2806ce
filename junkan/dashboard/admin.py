from django.contrib import admin

from junkan.dashboard.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["subject", "address", "sent_at"]
    search_fields = ["subject", "address"]
    readonly_fields = ["user", "address", "subject", "body", "sent_at"]
    list_select_related = ["user"]
