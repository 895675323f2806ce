"""Public pages of the portal."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from junkan.common.permissions import enforce
from junkan.portal.permissions import can_view_public_page


def home(request: HttpRequest) -> HttpResponse:
    """The public home page; everyone may see it."""
    enforce(can_view_public_page(request.user))
    return render(request, "portal/home.html")
