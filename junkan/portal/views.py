"""Public pages of the portal: home, the つながる map, the であう hub, news, sitemap.xml and robots.txt."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from junkan.common import cache
from junkan.common.icons import ICONS
from junkan.common.paging import page_of
from junkan.common.permissions import enforce
from junkan.portal import home as home_page
from junkan.portal import maps
from junkan.portal.models import News
from junkan.portal.navigation import FUNCTIONS
from junkan.portal.permissions import can_view_news, can_view_public_page
from junkan.portal.seo import sitemap_response
from junkan.registry import caching as registry_caching
from junkan.registry.models import CompanyRegistration, RegistrationStatus, Solution
from junkan.support import caching as support_caching
from junkan.support.models import Expert, SpecialistOrganization, SupportMeasure

NEWS_PER_PAGE = 20


def home(request: HttpRequest) -> HttpResponse:
    """The public home page; everyone may see it."""
    enforce(can_view_public_page(request.user))
    now = timezone.now()
    return render(
        request, "portal/home.html", {"functions": FUNCTIONS, "now": now, **home_page.home_data(now)}
    )


def tsunagaru(request: HttpRequest) -> HttpResponse:
    """つながる: the map of approved practice regions over the municipal offices, with its text version."""
    enforce(can_view_public_page(request.user))
    return render(request, "portal/tsunagaru.html", maps.map_context())


def deau(request: HttpRequest) -> HttpResponse:
    """であう: companies and their solutions, experts, specialist organizations and support measures. The
    same for everyone: rendered once per change of the registry or the support directory, day and language."""
    enforce(can_view_public_page(request.user))
    today = timezone.localdate()
    body = cache.fragment(
        "portal:deau",
        (registry_caching.SCOPE, support_caching.SCOPE),
        (today,),
        lambda: render_to_string("portal/_deau_body.html", _deau_context(today), request=request),
    )
    return render(request, "portal/deau.html", {"body": body})


def _deau_context(today: date) -> dict[str, object]:
    approved = RegistrationStatus.APPROVED
    open_measures = (
        SupportMeasure.objects.published().select_related("ministry").with_state(today).filter(closed=0)
    )
    return {
        "company_count": CompanyRegistration.objects.filter(status=approved).count(),
        "solutions": list(
            Solution.objects.filter(registration__status=approved)
            .select_related("registration__organization")
            .order_by("-id")[:6]
        ),
        "expert_count": Expert.objects.published().count(),
        "organization_count": SpecialistOrganization.objects.published().count(),
        "open_measure_count": open_measures.count(),
        "measures": list(open_measures[:3]),
    }


def design(request: HttpRequest) -> HttpResponse:
    """/design/: every component of the design system on one page (public, not indexed), for page builders."""
    enforce(can_view_public_page(request.user))
    return render(
        request,
        "portal/design.html",
        {
            "chart_rows": [("北海道", 12), ("長野県", 7), ("東京都", 3), ("沖縄県", 1)],
            "money_rows": [("令和5年度", 12_500_000), ("令和6年度", 30_000_000), ("令和7年度", 21_750_000)],
            "step_labels": [_("基本情報"), _("事業の内容"), _("経費"), _("確認と提出")],
            "icon_names": ICONS,
        },
    )


def news_list(request: HttpRequest) -> HttpResponse:
    enforce(can_view_public_page(request.user))
    page = page_of(request, News.objects.published(), NEWS_PER_PAGE)
    return render(request, "portal/news_list.html", {"page": page})


def news_detail(request: HttpRequest, pk: int) -> HttpResponse:
    news = get_object_or_404(News, pk=pk)
    enforce(can_view_news(request.user, news))
    return render(request, "portal/news_detail.html", {"news": news})


@require_GET
def sitemap(request: HttpRequest) -> HttpResponse:
    """sitemap.xml: the ``SITEMAPS`` of every junkan app that has a ``sitemaps`` module."""
    enforce(can_view_public_page(request.user))
    return sitemap_response(request)


@require_GET
def robots(request: HttpRequest) -> HttpResponse:
    enforce(can_view_public_page(request.user))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /audit/",
        "Disallow: /i18n/",
        f"Sitemap: {request.build_absolute_uri(reverse('portal:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
