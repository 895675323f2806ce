"""Public pages of the portal."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    """The public home page; everyone may see it."""
    return render(request, "portal/home.html")
