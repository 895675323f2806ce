from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from ceiling.models import Row


def trivial(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


def rows(request: HttpRequest) -> HttpResponse:
    return render(request, "rows.html", {"rows": Row.objects.all()[:50]})


urlpatterns = [path("trivial/", trivial), path("rows/", rows)]
