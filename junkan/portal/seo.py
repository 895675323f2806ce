"""sitemap.xml from every app: each junkan app may have a ``sitemaps`` module with a ``SITEMAPS`` dict."""

from __future__ import annotations

import importlib
from functools import cache

from django.apps import apps
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.http import HttpRequest, HttpResponse
from django.utils.module_loading import module_has_submodule


@cache
def collected_sitemaps() -> dict[str, type[Sitemap] | Sitemap]:
    """``{"<app label>-<key>": sitemap}`` over the installed junkan apps, in INSTALLED_APPS order."""
    found: dict[str, type[Sitemap] | Sitemap] = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("junkan.") or not module_has_submodule(config.module, "sitemaps"):
            continue
        module = importlib.import_module(f"{config.name}.sitemaps")
        for key, value in getattr(module, "SITEMAPS", {}).items():
            found[f"{config.label}-{key}"] = value
    return found


def sitemap_response(request: HttpRequest) -> HttpResponse:
    return sitemap(request, sitemaps=collected_sitemaps())
