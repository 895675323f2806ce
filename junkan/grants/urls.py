"""URLs of grants: the public calculator and the projects after adoption (each views module lists its own)."""

from django.urls import include, path

from junkan.grants.views import (
    award,
    calculator,
    money,
    oversight,
    postevaluation,
    projects,
    reports,
    requests,
    retention,
)

app_name = "grants"
urlpatterns = [
    path("calc/additional-charge/", calculator.additional_charge, name="additional_charge"),
    path("", include(projects.urlpatterns)),
    path("", include(award.urlpatterns)),
    path("", include(reports.urlpatterns)),
    path("", include(money.urlpatterns)),
    path("", include(requests.urlpatterns)),
    path("", include(retention.urlpatterns)),
    path("", include(oversight.urlpatterns)),
    path("", include(postevaluation.urlpatterns)),
]
