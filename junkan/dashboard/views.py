"""The start page (マイページ) after login: the panels the apps contribute and the e-mails sent to me."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from junkan.common.paging import page_of
from junkan.common.permissions import enforce
from junkan.dashboard import panels, permissions
from junkan.dashboard.models import Notification

RECENT = 5
PAGE_SIZE = 30


@login_required
def home(request: HttpRequest) -> HttpResponse:
    enforce(permissions.can_view_start_page(request.user))
    found = panels.panels_for(request)
    return render(
        request,
        "dashboard/home.html",
        {
            "panels": found,
            "next_item": panels.first_url(found),
            "notifications": list(Notification.objects.filter(user=request.user)[:RECENT]),
            "notification_total": Notification.objects.filter(user=request.user).count(),
        },
    )


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    enforce(permissions.can_view_start_page(request.user))
    page = page_of(request, Notification.objects.filter(user=request.user), PAGE_SIZE)
    return render(request, "dashboard/notifications.html", {"page": page})


@login_required
def notification(request: HttpRequest, pk: Any) -> HttpResponse:
    item = get_object_or_404(Notification, pk=pk)
    enforce(permissions.can_view_notification(request.user, item))
    return render(request, "dashboard/notification.html", {"item": item})
