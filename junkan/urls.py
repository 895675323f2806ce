"""URL configuration: one include per app."""

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from junkan.api import api

admin.site.site_header = _("循環 管理画面")
admin.site.site_title = _("循環 管理画面")

urlpatterns = [
    path("", include("junkan.portal.urls")),
    path("accounts/", include("allauth.urls")),
    path("my/", include("junkan.dashboard.urls")),
    path("organizations/", include("junkan.organizations.urls")),
    path("municipalities/", include("junkan.municipalities.urls")),
    path("programs/", include("junkan.programs.urls")),
    path("co2/", include("junkan.carbon.urls")),
    path("registry/", include("junkan.registry.urls")),
    path("matching/", include("junkan.matching.urls")),
    path("applications/", include("junkan.applications.urls")),
    path("review/", include("junkan.review.urls")),
    path("grants/", include("junkan.grants.urls")),
    path("economy/", include("junkan.economy.urls")),
    path("support/", include("junkan.support.urls")),
    path("regional/", include("junkan.regional.urls")),
    path("hubs/", include("junkan.hubs.urls")),
    path("finance/", include("junkan.finance.urls")),
    path("exchange/", include("junkan.exchange.urls")),
    path("calls/qa/", include("junkan.callqa.urls")),
    path("localbiz/", include("junkan.localbiz.urls")),
    path("cases/", include("junkan.cases.urls")),
    path("events/", include("junkan.events.urls")),
    path("newsletter/", include("junkan.newsletter.urls")),
    path("search/", include("junkan.search.urls")),
    path("audit/", include("junkan.audit.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
